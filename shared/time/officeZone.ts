/**
 * An office's wall clock. Sikka reports an office's dates in its local time and names the zone
 * the Windows way ("Eastern Standard Time"); change-log queries, appointment days and daily-limit
 * resets are all in that local time. The one place that maps Windows names to IANA zones (with
 * the maintained windows-iana table) and converts between instants and local wall-clock times.
 */
import { findIana } from 'windows-iana';

/** A wall-clock time, month 1–12. */
export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for an IANA zone; throws RangeError when this runtime does not know the zone. */
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The IANA zone for a Windows zone name, or an IANA name given as is; undefined when neither is known. */
export function ianaZone(name: string | null | undefined): string | undefined {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return undefined;
  return [...findIana(trimmed), trimmed].find(isKnownZone);
}

/** The zone this computer runs in. */
export function systemZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The wall-clock time in `zone` (IANA) at an instant. */
export function localParts(at: number, zone: string): LocalParts {
  const out = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(zone).formatToParts(at)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') {
      out[part.type] = Number(part.value);
    }
  }
  return out;
}

/** The zone's local time minus UTC at an instant, in ms. */
export function offsetMs(at: number, zone: string): number {
  const p = localParts(at, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `zone`: the earlier one when a DST change repeats the hour;
 * a time inside a DST gap lands just after it.
 */
export function localToInstant(local: LocalParts, zone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  const first = asUtc - offsetMs(asUtc, zone);
  const second = asUtc - offsetMs(first, zone);
  return Math.min(first, second);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'yyyy-MM-dd HH:mm:ss' (Sikka's dates), or with 'T' between date and time (its query parameters). */
export function formatLocal(parts: LocalParts, separator: ' ' | 'T' = ' '): string {
  return `${String(parts.year).padStart(4, '0')}-${pad2(parts.month)}-${pad2(parts.day)}${separator}${pad2(parts.hour)}:${pad2(parts.minute)}:${pad2(parts.second)}`;
}

const LOCAL_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Reads 'yyyy-mm-dd', 'yyyy-MM-dd HH:mm[:ss]' or 'yyyy-MM-ddTHH:mm[:ss]'. A bare date is its
 * midnight, or with `asEnd` its last second (a query's end date covers the whole day).
 */
export function parseLocal(text: string, options: { readonly asEnd?: boolean } = {}): LocalParts | undefined {
  const match = LOCAL_TEXT.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const asEnd = options.asEnd === true;
  const hasTime = match[4] !== undefined;
  const hour = hasTime ? Number(match[4]) : asEnd ? 23 : 0;
  const minute = hasTime ? Number(match[5]) : asEnd ? 59 : 0;
  const second = match[6] !== undefined ? Number(match[6]) : hasTime ? 0 : asEnd ? 59 : 0;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second };
}

/** A wall-clock time moved by `ms` on the calendar, ignoring any zone (Sikka's queries are wall-clock text). */
export function shiftLocal(parts: LocalParts, ms: number): LocalParts {
  const moved = new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + ms);
  return {
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
    hour: moved.getUTCHours(),
    minute: moved.getUTCMinutes(),
    second: moved.getUTCSeconds(),
  };
}

/** Orders two wall-clock times as the calendar does: negative, zero or positive. */
export function compareLocal(a: LocalParts, b: LocalParts): number {
  return Date.UTC(a.year, a.month - 1, a.day, a.hour, a.minute, a.second) - Date.UTC(b.year, b.month - 1, b.day, b.hour, b.minute, b.second);
}

/** Sikka's office-local text (e.g. data_insert_date) as epoch ms; null for unreadable text or an unknown zone. */
export function localTextToInstant(text: string, zoneName: string | null | undefined): number | null {
  const zone = ianaZone(zoneName);
  const parts = parseLocal(text);
  return zone === undefined || parts === undefined ? null : localToInstant(parts, zone);
}

export function nextUtcMidnight(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}

/** The first instant of the next calendar day in `zone` (IANA). */
export function nextLocalMidnight(now: number, zone: string): number {
  const today = localParts(now, zone);
  const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
  return localToInstant({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour: 0, minute: 0, second: 0 }, zone);
}
