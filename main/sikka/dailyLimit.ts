import { ianaZone, nextLocalMidnight, nextUtcMidnight } from '../../shared/time/officeZone';

/**
 * When a practice's daily limit (API2011/API2012) resets: after the server's Retry-After if it
 * gave one, else at the office's next local midnight when its time zone is known (Sikka reports
 * Windows zone names such as "Eastern Standard Time"; IANA names work too), else at the next UTC
 * midnight.
 */
export function dailyLimitResumesAt(now: number, retryAfterMs: number | undefined, timeZone: string | undefined): number {
  if (retryAfterMs !== undefined) return now + retryAfterMs;
  const zone = ianaZone(timeZone);
  return zone === undefined ? nextUtcMidnight(now) : nextLocalMidnight(now, zone);
}
