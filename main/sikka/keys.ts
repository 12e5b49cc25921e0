import { SikkaApiError, transportError } from './errors';

/** A request key for one office; Sikka's keys last 24 hours. */
export interface RequestKey {
  readonly requestKey: string;
  /** Epoch ms after which Sikka no longer accepts the key, when known. */
  readonly expiresAt?: number | undefined;
}

/**
 * Where an office's request keys come from: the app-key `start` call, or an OAuth refresh token.
 * Keys are worth keeping across runs (each new one costs a call of the practice's daily quota),
 * so a source starts from a kept key and reports every new one.
 */
export interface RequestKeySource {
  /** A key kept from an earlier run, tried before asking for a new one. */
  readonly initialKey?: RequestKey | undefined;
  /** Gets a new key from Sikka. */
  issue(signal: AbortSignal): Promise<RequestKey>;
  /**
   * Called with every key `issue` produced, once it is the office's current key, and with the
   * current key again when Sikka announces a different expiry for it (`Request-Key-Expires`), so
   * what is kept stays true.
   */
  readonly onKeyIssued?: ((key: RequestKey) => void) | undefined;
}

/** Renew a key this long before its announced expiry rather than spend a call on API1025. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * Holds one office's current key. Concurrent calls share one renewal; a renewal cancelled by the
 * caller who started it leaves no state behind, and other waiters start their own.
 */
export class KeyKeeper {
  private current: RequestKey | undefined;
  private fromEarlierRun: boolean;
  private pending: Promise<RequestKey> | undefined;

  constructor(private readonly source: RequestKeySource, private readonly now: () => number) {
    this.current = source.initialKey;
    this.fromEarlierRun = source.initialKey !== undefined;
  }

  /** The key to use now: the current one unless it is about to expire. */
  async key(signal: AbortSignal): Promise<RequestKey> {
    const current = this.current;
    if (current !== undefined && !this.expiring(current)) return current;
    return this.renew(current, signal);
  }

  /** Whether `key` came from an earlier run rather than this one (a restarted server may not know it). */
  isKept(key: RequestKey): boolean {
    return this.fromEarlierRun && sameKey(key, this.current);
  }

  /** A key other than `stale`: the current one if someone already renewed it, else a new one. */
  async renew(stale: RequestKey | undefined, signal: AbortSignal): Promise<RequestKey> {
    for (;;) {
      if (signal.aborted) throw cancelled();
      if (this.current !== undefined && !sameKey(this.current, stale) && !this.expiring(this.current)) return this.current;
      const pending = this.pending ?? this.startIssue(signal);
      try {
        return await whileNotAborted(pending, signal);
      } catch (error) {
        // The renewal belonged to a caller who cancelled; this caller still wants a key.
        if (error instanceof SikkaApiError && error.code === 'CANCELLED' && !isAborted(signal)) continue;
        throw error;
      }
    }
  }

  /**
   * Sikka's own word on when `key` expires, from an answer it gave: kept when `key` is still the
   * current one and the time is news (HTTP dates have whole seconds, so closer than that is not).
   */
  learnExpiry(key: RequestKey, expiresAt: number | undefined): void {
    if (expiresAt === undefined || this.current === undefined || !sameKey(key, this.current)) return;
    const known = this.current.expiresAt;
    if (known !== undefined && Math.abs(known - expiresAt) < 1000) return;
    const learned: RequestKey = { requestKey: key.requestKey, expiresAt };
    this.current = learned;
    this.source.onKeyIssued?.(learned);
  }

  private startIssue(signal: AbortSignal): Promise<RequestKey> {
    const pending = this.source.issue(signal).then((key) => {
      this.current = key;
      this.fromEarlierRun = false;
      this.source.onKeyIssued?.(key);
      return key;
    });
    this.pending = pending;
    const clear = (): void => {
      if (this.pending === pending) this.pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }

  private expiring(key: RequestKey): boolean {
    return key.expiresAt !== undefined && this.now() >= key.expiresAt - EXPIRY_MARGIN_MS;
  }
}

/** The same key, whatever object carries it (a learned expiry replaces the object). */
function sameKey(a: RequestKey | undefined, b: RequestKey | undefined): boolean {
  return a !== undefined && b !== undefined && a.requestKey === b.requestKey;
}

/** Read through a call: the signal may have aborted during the await above. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}

function cancelled(): SikkaApiError {
  return transportError('CANCELLED', 'The request was cancelled.');
}

/** Awaits `promise` but gives up at once when `signal` aborts (the promise itself runs on). */
function whileNotAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => { reject(cancelled()); };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => { signal.removeEventListener('abort', onAbort); resolve(value); },
      (error: unknown) => { signal.removeEventListener('abort', onAbort); reject(error instanceof Error ? error : new Error(String(error))); },
    );
  });
}

/** Reads `expires_in` as Sikka writes it: "86400", "24 hours", "85603 second(s)". */
export function parseExpiresIn(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d{1,9})\s*(seconds?|second\(s\)|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|d)?\s*$/i.exec(value);
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('d') ? 86_400 : unit.startsWith('h') ? 3600 : unit.startsWith('m') ? 60 : 1;
  return amount > 0 ? amount * factor * 1000 : undefined;
}
