import { findIana } from 'windows-iana';

/**
 * An office's wall clock. Sikka reports dates in the office's local time and names the zone with
 * a Windows name ("Eastern Standard Time"); change-log queries are given in that local time too.
 */
export interface OfficeClock {
  readonly windowsZone: string;
  readonly ianaZone: string;
  /** 'yyyy-MM-dd HH:mm:ss' in the office's local time. */
  format(ms: number): string;
  /** The local calendar parts at an instant. */
  parts(ms: number): LocalParts;
  /** The instant of a local wall-clock time (the earlier one when DST repeats an hour). */
  toInstant(local: LocalParts): number;
  /** Minutes to add to local time to get UTC, as Sikka's `difference_in_minutes` (240 for EDT). */
  utcDifferenceMinutes(ms: number): number;
}

export interface LocalParts {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(ianaZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(ianaZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: ianaZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(ianaZone, formatter);
  }
  return formatter;
}

export function ianaZoneOf(windowsZone: string): string {
  const zones = findIana(windowsZone);
  const zone = zones[0];
  if (zone === undefined) throw new RangeError(`Unknown Windows time zone: ${windowsZone}`);
  return zone;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function formatParts(p: LocalParts): string {
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

export function createOfficeClock(windowsZone: string): OfficeClock {
  const ianaZone = ianaZoneOf(windowsZone);
  const formatter = formatterFor(ianaZone);

  const parts = (ms: number): LocalParts => {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of formatter.formatToParts(new Date(ms))) {
      if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') {
        out[part.type] = Number(part.value);
      }
    }
    return out;
  };

  // Offset (local minus UTC) in ms at an instant.
  const offsetAt = (ms: number): number => {
    const p = parts(ms);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return asUtc - Math.floor(ms / 1000) * 1000;
  };

  const toInstant = (local: LocalParts): number => {
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    const first = asUtc - offsetAt(asUtc);
    const second = asUtc - offsetAt(first);
    return Math.min(first, second);
  };

  return {
    windowsZone,
    ianaZone,
    format: (ms) => formatParts(parts(ms)),
    parts,
    toInstant,
    utcDifferenceMinutes: (ms) => -Math.round(offsetAt(ms) / 60_000),
  };
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads `loaded_startdate`/`loaded_enddate` ('yyyy-mm-dd' or 'yyyy-MM-ddTHH:mm:ss'). A bare date
 * starts at midnight, or, as an end, covers the whole day.
 */
export function parseLocalDate(text: string, asEnd: boolean): LocalParts | undefined {
  const match = LOCAL_DATE.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const hasTime = match[4] !== undefined;
  const hour = hasTime ? Number(match[4]) : asEnd ? 23 : 0;
  const minute = hasTime ? Number(match[5]) : asEnd ? 59 : 0;
  const second = match[6] !== undefined ? Number(match[6]) : hasTime ? 0 : asEnd ? 59 : 0;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second };
}
