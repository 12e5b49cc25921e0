import { formatLocal, ianaZone, localParts, localToInstant, offsetMs, type LocalParts } from '../../shared/time/officeZone';

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

export function createOfficeClock(windowsZone: string): OfficeClock {
  const zone = ianaZone(windowsZone);
  if (zone === undefined) throw new RangeError(`Unknown Windows time zone: ${windowsZone}`);
  return {
    windowsZone,
    ianaZone: zone,
    format: (ms) => formatLocal(localParts(ms, zone)),
    parts: (ms) => localParts(ms, zone),
    toInstant: (local) => localToInstant(local, zone),
    utcDifferenceMinutes: (ms) => -Math.round(offsetMs(ms, zone) / 60_000),
  };
}

