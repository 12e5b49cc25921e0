import { describe, expect, it } from 'vitest';
import { formatAgo, formatOfficeTime, formatPcTime, usableLocale } from '../../../shared/time/relative';
import { zoneShortName } from '../../../shared/time/zoneName';

const WINTER = Date.parse('2026-01-15T20:00:00Z');
const SUMMER = Date.parse('2026-07-15T19:00:00Z');
const HOUR = 3_600_000;

describe('short zone names', () => {
  it('names a North American zone the same all year ("CT", not "CST" then "CDT")', () => {
    for (const at of [WINTER, SUMMER]) {
      expect(zoneShortName('America/Chicago', at, 'en-US')).toBe('CT');
      expect(zoneShortName('America/New_York', at, 'en-US')).toBe('ET');
      expect(zoneShortName('America/Anchorage', at, 'en-US')).toBe('AKT');
      expect(zoneShortName('America/Halifax', at, 'en-US')).toBe('AT');
    }
  });

  it('keeps the one abbreviation of a zone without daylight saving', () => {
    expect(zoneShortName('America/Phoenix', SUMMER, 'en-US')).toBe('MST');
    expect(zoneShortName('Pacific/Honolulu', WINTER, 'en-US')).toBe('HST');
    expect(zoneShortName('America/Regina', SUMMER, 'en-US')).toBe('CST');
  });

  it('never writes "GMT+0" for a zone with a name', () => {
    expect(zoneShortName('UTC', WINTER, 'en-US')).toBe('UTC');
    expect(zoneShortName('Etc/UTC', SUMMER, 'en-GB')).toBe('UTC');
    expect(zoneShortName('Africa/Abidjan', SUMMER, 'en-US')).toBe('GMT');
    expect(zoneShortName('Europe/London', WINTER, 'en-GB')).toBe('GMT');
    expect(zoneShortName('Europe/London', SUMMER, 'en-GB')).toBe('BST');
  });

  it('uses the locale\u2019s own abbreviations where it has them', () => {
    expect(zoneShortName('America/New_York', WINTER, 'fr-CA')).toBe('HE');
    expect(zoneShortName('Europe/Berlin', SUMMER, 'de-DE')).toBe('MEZ');
  });

  it('falls back to a place name, and to an offset only for a zone with no name', () => {
    expect(zoneShortName('Asia/Kolkata', WINTER, 'en-US')).toBe('India Time');
    expect(zoneShortName('Etc/GMT-3', WINTER, 'en-US')).toBe('GMT+3');
  });
});

describe('clock times as the PC writes them', () => {
  const now = Date.parse('2026-03-03T22:00:00Z');
  const twoPmCentral = Date.parse('2026-03-03T20:00:00Z');

  it('follows the locale\u2019s hour cycle: "2:00 PM" for en-US, "14:00" for en-GB', () => {
    expect(formatOfficeTime(twoPmCentral, 'America/Chicago', now, { locale: 'en-US' })).toBe('2:00 PM CT');
    expect(formatOfficeTime(twoPmCentral, 'America/Chicago', now, { locale: 'en-GB' })).toBe('14:00 Chicago Time');
    expect(formatOfficeTime(twoPmCentral, 'America/Chicago', now, { locale: 'en-CA' })).toBe('2:00 p.m. CT');
  });

  it('lets the setting choose 12 or 24 hours over the locale', () => {
    expect(formatOfficeTime(twoPmCentral, 'America/Chicago', now, { locale: 'en-US', clock: '24h' })).toBe('14:00 CT');
    expect(formatOfficeTime(twoPmCentral, 'America/Chicago', now, { locale: 'en-GB', clock: '12h' })).toBe('2:00 pm Chicago Time');
  });

  it('gives the day, in the locale\u2019s order, when it is not today on that clock', () => {
    expect(formatOfficeTime(twoPmCentral - 24 * HOUR, 'America/Chicago', now, { locale: 'en-US' })).toBe('Mar 2, 2:00 PM CT');
    expect(formatOfficeTime(twoPmCentral - 24 * HOUR, 'America/Chicago', now, { locale: 'en-GB', clock: '24h' })).toBe('2 Mar, 14:00 Chicago Time');
  });

  it('writes this PC\u2019s own events in its zone, naming it only where an office keeps another clock', () => {
    const display = { locale: 'en-US', pcZone: 'America/New_York' } as const;
    expect(formatPcTime(twoPmCentral, now, display)).toBe('3:00 PM');
    expect(formatPcTime(twoPmCentral, now, display, ['America/New_York', null])).toBe('3:00 PM');
    expect(formatPcTime(twoPmCentral, now, display, ['America/Toronto'])).toBe('3:00 PM');
    expect(formatPcTime(twoPmCentral, now, display, ['America/Chicago'])).toBe('3:00 PM ET');
    expect(formatPcTime(twoPmCentral, now, { locale: 'en-US', pcZone: 'UTC' }, ['America/Chicago'])).toBe('8:00 PM UTC');
  });

  it('names the PC\u2019s zone for an office time when the office\u2019s is unknown', () => {
    expect(formatOfficeTime(twoPmCentral, null, now, { locale: 'en-US', pcZone: 'America/Denver' })).toBe('1:00 PM MT');
  });

  it('says how long ago in whole units', () => {
    expect(formatAgo(now - 59_000, now)).toBe('just now');
    expect(formatAgo(now - 3 * HOUR - 1, now)).toBe('3 h ago');
    expect(formatAgo(now - 30 * HOUR, now)).toBe('yesterday');
  });
});

describe('the OS\u2019s locale', () => {
  it('is taken in any form an OS writes it, and dropped when Intl cannot use it', () => {
    expect(usableLocale('en-US')).toBe('en-US');
    expect(usableLocale('en_GB.UTF-8')).toBe('en-GB');
    expect(usableLocale('fr_CA@euro')).toBe('fr-CA');
    for (const unusable of ['C', '', null, undefined, 'not a locale']) expect(usableLocale(unusable)).toBeUndefined();
  });
});
