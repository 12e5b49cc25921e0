import { describe, expect, it } from 'vitest';
import {
  compareLocal,
  formatLocal,
  ianaZone,
  localParts,
  localTextToInstant,
  localToInstant,
  parseLocal,
  shiftLocal,
} from '../../shared/time/officeZone';

describe('office zones', () => {
  it('maps Windows zone names to IANA zones and keeps IANA names', () => {
    expect(ianaZone('Eastern Standard Time')).toBe('America/New_York');
    expect(ianaZone('Central Standard Time')).toBe('America/Chicago');
    expect(ianaZone('Europe/Paris')).toBe('Europe/Paris');
    expect(ianaZone('Atlantis Standard Time')).toBeUndefined();
    expect(ianaZone(null)).toBeUndefined();
    expect(ianaZone('  ')).toBeUndefined();
  });

  it('reads Sikka dates with a space or a T, and a bare date as midnight or, as an end, its last second', () => {
    expect(parseLocal('2017-03-01 14:10:08')).toEqual({ year: 2017, month: 3, day: 1, hour: 14, minute: 10, second: 8 });
    expect(parseLocal('2017-03-01T14:10')).toEqual({ year: 2017, month: 3, day: 1, hour: 14, minute: 10, second: 0 });
    expect(parseLocal('2017-03-01')).toEqual({ year: 2017, month: 3, day: 1, hour: 0, minute: 0, second: 0 });
    expect(parseLocal('2017-03-01', { asEnd: true })).toEqual({ year: 2017, month: 3, day: 1, hour: 23, minute: 59, second: 59 });
    for (const bad of ['', '2017-02-30', '2017-13-01', '2017-03-01 24:00:00', '03/01/2017', '2017-03-01 14:10:08 PM']) expect(parseLocal(bad), bad).toBeUndefined();
  });

  it('converts between an instant and the office wall clock across a DST change', () => {
    const zone = 'America/New_York';
    const beforeChange = localToInstant({ year: 2026, month: 3, day: 8, hour: 1, minute: 30, second: 0 }, zone);
    expect(new Date(beforeChange).toISOString()).toBe('2026-03-08T06:30:00.000Z');
    const afterChange = localToInstant({ year: 2026, month: 3, day: 8, hour: 3, minute: 30, second: 0 }, zone);
    expect(new Date(afterChange).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(formatLocal(localParts(afterChange, zone), 'T')).toBe('2026-03-08T03:30:00');
    // The repeated hour in November: the earlier of the two.
    expect(new Date(localToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 }, zone)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads office-local text as an instant only when the zone is known', () => {
    expect(localTextToInstant('2026-03-11 12:00:00', 'Central Standard Time')).toBe(Date.UTC(2026, 2, 11, 17));
    expect(localTextToInstant('2026-03-11 12:00:00', 'Atlantis Standard Time')).toBeNull();
    expect(localTextToInstant('not a date', 'Central Standard Time')).toBeNull();
  });

  it('moves and orders wall-clock times on the calendar', () => {
    const start = { year: 2026, month: 1, day: 1, hour: 0, minute: 5, second: 0 };
    expect(formatLocal(shiftLocal(start, -15 * 60_000), 'T')).toBe('2025-12-31T23:50:00');
    expect(compareLocal(start, shiftLocal(start, 1000))).toBeLessThan(0);
    expect(compareLocal(start, start)).toBe(0);
  });
});
