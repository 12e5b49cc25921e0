import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyLimitResumesAt } from '../../main/sikka/dailyLimit';
import { ianaZone, nextLocalMidnight } from '../../shared/time/officeZone';
import { SikkaApiError } from '../../main/sikka/errors';
import { parseExpiresIn } from '../../main/sikka/keys';
import { parseRetryAfterMs, RequestPacer } from '../../main/sikka/pacing';
import { backoffDelay, DEFAULT_RETRY, isRetryable, retryDelay } from '../../main/sikka/retry';

describe('back-off', () => {
  it('is full jitter under an exponential ceiling capped at the maximum', () => {
    fc.assert(fc.property(fc.nat(20), fc.double({ min: 0, max: 1, noNaN: true }), (retry, r) => {
      const delay = backoffDelay(retry, DEFAULT_RETRY, () => r);
      return delay >= 0 && delay <= Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** retry);
    }));
  });

  it('defaults to four retries', () => {
    expect(DEFAULT_RETRY.maxRetries).toBe(4);
  });

  it('leaves a server-asked wait to the pacer, and gives up on one longer than the maximum', () => {
    const asked = (ms: number) => new SikkaApiError({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: ms });
    expect(retryDelay(asked(5000), 0, DEFAULT_RETRY, () => 1)).toBe(0);
    expect(retryDelay(asked(DEFAULT_RETRY.maxDelayMs + 1), 0, DEFAULT_RETRY, () => 1)).toBeUndefined();
  });

  it('repeats a call that may have taken effect only when the server refused it', () => {
    expect(isRetryable(new SikkaApiError({ code: 'TIMEOUT' }), false)).toBe(false);
    expect(isRetryable(new SikkaApiError({ code: 'API2002', httpStatus: 503 }), false)).toBe(true);
    expect(isRetryable(new SikkaApiError({ code: 'API1025', httpStatus: 400 }), true)).toBe(false);
  });
});

describe('pacing', () => {
  it('spaces calls by reset / remaining', () => {
    let now = 0;
    const pacer = new RequestPacer(() => now);
    expect(pacer.reserve()).toBe(0);
    pacer.observe({ 'x-rate-limit-limit': '60', 'x-rate-limit-remaining': '30', 'x-rate-limit-reset': '15' });
    expect(pacer.reserve()).toBe(500);
    now += 500;
    expect(pacer.reserve()).toBe(500);
  });

  it('waits for the window to reset when nothing remains', () => {
    const pacer = new RequestPacer(() => 1000);
    pacer.observe({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '42' });
    expect(pacer.reserve()).toBe(42_000);
  });

  it('holds calls until Retry-After', () => {
    const pacer = new RequestPacer(() => 0);
    pacer.observe({ 'retry-after': '3' });
    expect(pacer.reserve()).toBe(3000);
  });

  it('does nothing without the headers', () => {
    const pacer = new RequestPacer(() => 0);
    pacer.observe({ 'x-rate-limit-remaining': 'lots' });
    expect([pacer.reserve(), pacer.reserve()]).toEqual([0, 0]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs('Tue, 10 Mar 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
  });
});

describe('daily-limit reset', () => {
  const now = Date.parse('2026-07-01T12:00:00Z');

  it('prefers the server\u2019s Retry-After', () => {
    expect(dailyLimitResumesAt(now, 90_000, 'Eastern Standard Time')).toBe(now + 90_000);
  });

  it('is the office\u2019s next local midnight, from a Windows or an IANA zone name', () => {
    expect(dailyLimitResumesAt(now, undefined, 'Eastern Standard Time')).toBe(Date.parse('2026-07-02T04:00:00Z'));
    expect(dailyLimitResumesAt(now, undefined, 'Asia/Tokyo')).toBe(Date.parse('2026-07-01T15:00:00Z'));
  });

  it('is the next UTC midnight for an unknown zone', () => {
    expect(ianaZone('Atlantis Standard Time')).toBeUndefined();
    expect(dailyLimitResumesAt(now, undefined, 'Atlantis Standard Time')).toBe(Date.parse('2026-07-02T00:00:00Z'));
  });

  it('finds midnight across a daylight-saving change', () => {
    expect(nextLocalMidnight(Date.parse('2026-03-08T04:30:00Z'), 'America/New_York')).toBe(Date.parse('2026-03-08T05:00:00Z'));
    expect(nextLocalMidnight(Date.parse('2026-11-01T12:00:00Z'), 'America/New_York')).toBe(Date.parse('2026-11-02T05:00:00Z'));
  });

  it('is always later than now and within a day and an hour', () => {
    fc.assert(fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }), fc.constantFrom('America/Chicago', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu'), (at, zone) => {
      const midnight = nextLocalMidnight(at, zone);
      return midnight > at && midnight - at <= 25 * 3_600_000;
    }));
  });
});

describe('key lifetimes', () => {
  it.each([
    ['86400', 86_400_000],
    ['24 hours', 86_400_000],
    ['85603 second(s)', 85_603_000],
    [3600, 3_600_000],
    ['soon', undefined],
    ['', undefined],
  ] as const)('reads expires_in %j', (text, ms) => {
    expect(parseExpiresIn(text)).toBe(ms);
  });
});
