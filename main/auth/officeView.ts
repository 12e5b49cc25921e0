/**
 * `authorized_practices` records as the view the app shows when choosing offices: the SPC status
 * with each date read in the office's own zone, and nothing secret (the `secret_key` and the raw
 * record stay in main).
 */
import type { AuthorizedOfficeView, OfficeLocalTime } from '../../shared/domain/connection';
import { ianaZone } from '../cache/officeClock';
import type { AuthorizedPractice } from '../sikka/authorizedPractices';

export function authorizedOfficeView(practice: AuthorizedPractice): AuthorizedOfficeView {
  const timeZone = practice.timeZone ?? null;
  const text = (name: string): string | null => {
    const value = practice.record[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  return {
    officeId: practice.officeId,
    practiceId: practice.practiceId ?? null,
    practiceName: practice.practiceName,
    domain: practice.domain,
    city: text('city'),
    state: text('state'),
    practiceManagementSystem: practice.practiceManagementSystem ?? null,
    practiceManagementSystemVersion: practice.practiceManagementSystemVersion ?? null,
    practiceManagementSystemRefreshedAt: officeLocalTime(practice.practiceManagementSystemRefreshDate, timeZone),
    dataSynchronizedAt: officeLocalTime(practice.dataSynchronizationDate, timeZone),
    dataInsertedAt: officeLocalTime(practice.dataInsertDate, timeZone),
    dataUploaded: practice.dataInsertDate !== undefined,
  };
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function officeLocalTime(local: string | undefined, timeZone: string | null): OfficeLocalTime | null {
  if (local === undefined || local.trim() === '') return null;
  return { local, timeZone, at: localToEpoch(local.trim(), ianaZone(timeZone)) };
}

/** A wall-clock time in `zone` as epoch ms; null for an unreadable date or an unknown zone. */
export function localToEpoch(local: string, zone: string | undefined): number | null {
  const match = LOCAL.exec(local);
  if (match === null || zone === undefined) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) => Number(match[group] ?? '0')) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // The zone's offset at a guess, then at the corrected instant: exact except inside a DST gap.
  const first = asUtc - offsetAt(asUtc, zone);
  return asUtc - offsetAt(first, zone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's local time minus UTC at `instant`, in ms. */
function offsetAt(instant: number, zone: string): number {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const local = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0, parts['second'] ?? 0);
  return local - Math.floor(instant / 1000) * 1000;
}
