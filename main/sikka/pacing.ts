/**
 * Spaces one scope's requests (an office, or the app's own calls) by what Sikka announces:
 * `X-Rate-Limit-Remaining` calls left until `X-Rate-Limit-Reset` seconds from now, so one call
 * every reset/remaining seconds; none until the reset when nothing remains; and a `Retry-After`
 * is a floor. Without those headers there is no pacing at all.
 */
export class RequestPacer {
  private nextSlot = 0;
  private spacingMs = 0;

  constructor(private readonly now: () => number) {}

  /** Reserves the next slot and tells how long to wait for it. */
  reserve(): number {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.spacingMs;
    return slot - now;
  }

  observe(headers: Readonly<Record<string, string>>): void {
    const now = this.now();
    const remaining = parseNonNegative(headers['x-rate-limit-remaining']);
    const resetMs = parseResetMs(headers['x-rate-limit-reset'], now);
    if (remaining !== undefined && resetMs !== undefined) {
      if (remaining === 0) {
        this.spacingMs = 0;
        this.nextSlot = Math.max(this.nextSlot, now + resetMs);
      } else {
        this.spacingMs = resetMs / remaining;
        this.nextSlot = now + this.spacingMs;
      }
    }
    const retryAfter = parseRetryAfterMs(headers['retry-after'], now);
    if (retryAfter !== undefined) this.nextSlot = Math.max(this.nextSlot, now + retryAfter);
  }
}

function parseNonNegative(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,12}(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Seconds to the end of the window; a value that can only be an epoch time is read as one. */
function parseResetMs(value: string | undefined, now: number): number | undefined {
  const seconds = parseNonNegative(value);
  if (seconds === undefined) return undefined;
  if (seconds > 1_000_000_000) return Math.max(0, seconds * 1000 - now);
  return seconds * 1000;
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const seconds = parseNonNegative(value);
  if (seconds !== undefined) return seconds * 1000;
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
