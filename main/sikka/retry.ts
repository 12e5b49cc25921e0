import type { SikkaApiError } from './errors';

export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. */
  readonly maxRetries: number;
  /** The first back-off ceiling; it doubles with every retry. */
  readonly baseDelayMs: number;
  /** No back-off (or server-asked wait) longer than this; a longer Retry-After ends the retries. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** "Full jitter" (AWS architecture blog): anywhere from 0 to the exponential ceiling, so many offices retrying do not march in step. */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * ceiling);
}

/**
 * Whether the client repeats a failed call by itself. Transient faults only: overload (503),
 * other server errors, resets, timeouts, cut-off answers, and 429 without a daily-limit code.
 * A call that may already have taken effect (a token POST) is repeated only when the server said
 * it did not process it (503, 429). API1025 is not retried here: a new key cures it, not time.
 * API2010 (data not uploaded yet) is a 500 whose cure is hours away, so it is not retried either;
 * nor is DATA_INSERT_IN_PROGRESS (v4's `Data-Insert: in progress`), which lasts as long as SPC's upload.
 */
export function isRetryable(error: SikkaApiError, idempotent: boolean): boolean {
  if (error.code === 'API1025' || !error.retryable) return false;
  if (error.code === 'RATE_LIMITED' || error.httpStatus === 503) return true;
  return idempotent;
}

/**
 * What to wait before retry number `retry` (0-based), or undefined when the server asks for
 * longer than we are willing to wait. A server-asked wait (Retry-After) is kept by the pacer,
 * which holds the next request until then, so no back-off is added on top of it.
 */
export function retryDelay(error: SikkaApiError, retry: number, options: RetryOptions, random: () => number): number | undefined {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= options.maxDelayMs ? 0 : undefined;
  return backoffDelay(retry, options, random);
}
