import { findIana } from 'windows-iana';

/**
 * When a practice's daily limit (API2011/API2012) resets: after the server's Retry-After if it
 * gave one, else at the office's next local midnight when its time zone is known (Sikka reports
 * Windows zone names such as "Eastern Standard Time"; IANA names work too), else at the next UTC
 * midnight.
 */
export function dailyLimitResumesAt(now: number, retryAfterMs: number | undefined, timeZone: string | undefined): number {
  if (retryAfterMs !== undefined) return now + retryAfterMs;
  const zone = timeZone === undefined ? undefined : ianaZone(timeZone);
  return zone === undefined ? nextUtcMidnight(now) : nextLocalMidnight(now, zone);
}

export function nextUtcMidnight(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}

/** An IANA zone Intl accepts, from either kind of name; undefined when neither is known. */
export function ianaZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return undefined;
  const candidates = [trimmed, ...findIana(trimmed)];
  for (const candidate of candidates) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: candidate });
      return candidate;
    } catch {
      // not a zone this runtime knows; try the next name
    }
  }
  return undefined;
}

/** The first instant of the next calendar day in `zone`. */
export function nextLocalMidnight(now: number, zone: string): number {
  const today = wallClock(now, zone);
  const target = Date.UTC(today.year, today.month - 1, today.day + 1);
  // The zone's offset at the target, found by fixed-point iteration (offsets change at most twice a day).
  let guess = target - offsetMs(target, zone);
  guess = target - offsetMs(guess, zone);
  return guess;
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: number, zone: string): Wall {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts['year'] ?? 1970, month: parts['month'] ?? 1, day: parts['day'] ?? 1, hour: parts['hour'] ?? 0, minute: parts['minute'] ?? 0, second: parts['second'] ?? 0 };
}

function offsetMs(at: number, zone: string): number {
  const wall = wallClock(at, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (at - (at % 1000 + 1000) % 1000);
}
