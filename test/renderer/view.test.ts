import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../renderer/routing';
import { appointmentTone } from '../../renderer/view/appointmentStatus';
import { addDays, ageOn, formatDate, formatLongDate, formatOfficeLocalTime, formatPhone, formatWallTime, officeToday, setTimeDisplay } from '../../renderer/view/format';
import { resultCountText, searchableGuarantor, searchNoun, wordsFor } from '../../renderer/view/labels';
import { copyFreshnessText, copyFreshnessView, firstCopyText, officeStatusView, progressText } from '../../renderer/view/officeStatus';
import type { OfficeSyncStatus } from '../../shared/domain/sync';
import { itemAt, NOW, syncStatus } from './fixtures';

const HOUR = 3_600_000;
const dental = (): OfficeSyncStatus => itemAt(syncStatus().offices, 0);

describe('the practice’s words', () => {
  it('calls a pet a pet and its guarantor the owner', () => {
    expect(wordsFor('pet', 'Dental')).toMatchObject({ patient: 'Pet', guarantor: 'Owner' });
    expect(wordsFor('person', 'Veterinary')).toMatchObject({ patient: 'Patient', guarantor: 'Guarantor' });
  });

  it('takes the office’s domain when the record does not say', () => {
    expect(wordsFor(null, 'Veterinary').patients).toBe('pets');
    expect(wordsFor(null, 'Dental').patients).toBe('patients');
    expect(wordsFor(null, null).patients).toBe('patients');
  });

  it('names what a search across offices finds', () => {
    expect(searchNoun(['Veterinary']).many).toBe('pets');
    expect(searchNoun(['Dental', 'Veterinary']).many).toBe('patients and pets');
    expect(searchNoun(['Optometry']).many).toBe('patients');
    expect(searchableGuarantor(['Dental', 'Veterinary'])).toBe('guarantor or owner');
  });

  it('says how many were found, and when to type more', () => {
    const noun = searchNoun(['Dental']);
    expect(resultCountText(1, false, noun, 'mar')).toBe('1 patient found.');
    expect(resultCountText(1234, false, noun, 'mar')).toBe('1,234 patients found.');
    expect(resultCountText(200, true, noun, 'ma')).toBe('Showing the first 200 patients; type more to narrow the search.');
    expect(resultCountText(0, false, noun, ' zz ')).toBe('No patients match \u201czz\u201d.');
  });
});

describe('dates, phones and times', () => {
  it('steps days across month and year ends', () => {
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('takes today from the office’s wall clock, not the PC’s', () => {
    const lateEvening = Date.UTC(2025, 2, 5, 3, 30);
    expect(officeToday(lateEvening, 'America/Chicago')).toBe('2025-03-04');
    expect(officeToday(lateEvening, 'Asia/Tokyo')).toBe('2025-03-05');
  });

  it('counts age in whole years, turning on the birthday', () => {
    expect(ageOn('1985-03-14', '2025-03-13')).toBe(39);
    expect(ageOn('1985-03-14', '2025-03-14')).toBe(40);
    expect(ageOn('not a date', '2025-03-14')).toBeNull();
  });

  it('writes ten-digit phones the North American way and leaves others as sent', () => {
    expect(formatPhone('5125550143')).toBe('(512) 555-0143');
    expect(formatPhone('1-512-555-0143')).toBe('(512) 555-0143');
    expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
  });

  it('shows an office time in the office’s zone with its short name, as the PC writes times', () => {
    const at = Date.UTC(2025, 2, 4, 14, 12);
    expect(formatOfficeLocalTime({ local: '2025-03-04 08:12:00', timeZone: 'Central Standard Time', at }, 'America/Chicago', NOW)).toBe('8:12 AM CT');
    expect(formatOfficeLocalTime({ local: '2025-03-03 08:12:00', timeZone: 'Central Standard Time', at: at - 24 * HOUR }, 'America/Chicago', NOW)).toBe('Mar 3, 8:12 AM CT');
    // Sikka's Windows zone name is enough.
    expect(formatOfficeLocalTime({ local: '2025-03-04 08:12:00', timeZone: 'Central Standard Time', at }, null, NOW)).toBe('8:12 AM CT');
  });

  it('writes an appointment’s time as the PC writes times', () => {
    expect(formatWallTime('14:00')).toBe('2:00 PM');
    expect(formatWallTime('9:05')).toBe('9:05 AM');
    expect(formatWallTime('noonish')).toBe('noonish');
    expect(formatWallTime(null)).toBe('');
  });

  it('falls back to Sikka’s wall-clock text and zone name for a zone it cannot read', () => {
    expect(formatOfficeLocalTime({ local: '2025-03-04 14:12:00', timeZone: 'Mars Standard Time', at: null }, null, NOW)).toBe('Mar 4, 2025, 2:12 PM (Mars Standard Time)');
  });

  it('writes dates and times in the PC’s regional format, and the hour cycle the settings ask for', () => {
    const at = Date.UTC(2025, 2, 4, 20, 0);
    try {
      setTimeDisplay({ locale: 'en-GB' });
      expect(formatDate('1956-03-07')).toBe('7 Mar 1956');
      expect(formatLongDate('2025-03-04')).toBe('Tuesday, 4 March 2025');
      expect(formatOfficeLocalTime({ local: '', timeZone: null, at }, 'America/Chicago', NOW)).toBe('14:00 Chicago Time');
      setTimeDisplay({ locale: 'en-US', clock: '24h' });
      expect(formatDate('1956-03-07')).toBe('Mar 7, 1956');
      expect(formatOfficeLocalTime({ local: '', timeZone: null, at }, 'America/Chicago', NOW)).toBe('14:00 CT');
      setTimeDisplay({ locale: 'en-US' });
      expect(formatOfficeLocalTime({ local: '', timeZone: null, at }, 'America/Chicago', NOW)).toBe('2:00 PM CT');
    } finally {
      setTimeDisplay({ locale: 'en-US' });
    }
  });
});

describe('an office’s status', () => {
  const judged = { freshness: { amberAfterHours: 4 } };
  const readAgo = (office: OfficeSyncStatus, hours: number): OfficeSyncStatus => ({ ...office, spc: { ...office.spc, refreshedAt: { local: '', timeZone: 'Central Standard Time', at: NOW - hours * HOUR } } });

  it('shows the PMS refresh in the office’s zone, with how long ago', () => {
    const view = officeStatusView(dental(), judged, NOW);
    expect(view.pms).toBe('Dentrix G7.2');
    expect(view.pmsRefreshed).toBe('8:12 AM CT, 48 min ago');
    expect(view.state).toEqual({ label: 'Up to date', tone: 'good' });
    expect(view.behind).toBeNull();
  });

  it('never says "Up to date" of a finished sync when Sikka last read the practice system hours ago', () => {
    const view = officeStatusView(readAgo(dental(), 5), judged, NOW);
    expect(view.state).toEqual({ label: 'Behind', tone: 'warning' });
    expect(view.behind?.reason).toBe('Dentrix last read by Sikka 5 h ago');
    expect(view.behind?.advice).toMatch(/Check that the Sikka agent \(SPC\) is running/);
    expect(officeStatusView(readAgo(dental(), 25), judged, NOW).state).toEqual({ label: 'A day behind', tone: 'danger' });
  });

  it('says when this PC is the link behind, and what to do', () => {
    const view = officeStatusView({ ...dental(), lastSuccessAt: NOW - 6 * HOUR }, judged, NOW);
    expect(view.behind?.reason).toBe('Last copied to this PC 6 h ago');
    expect(view.behind?.advice).toMatch(/Sync now/);
  });

  it('shows Sikka’s data sync status where it gives one', () => {
    const office = dental();
    expect(officeStatusView(office, judged, NOW).dataSyncStatus).toBeNull();
    const broken = { ...office, spc: { ...office.spc, dataSyncStatus: { status: 'not_refresh', refreshing: false, checkedAt: NOW - 60_000 } } };
    const view = officeStatusView(broken, judged, NOW);
    expect(view.dataSyncStatus).toBe('“not_refresh” (not “refresh”: Sikka cannot read the practice system), asked 1 min ago');
    expect(view.state.tone).toBe('danger');
  });

  it('explains the last error in plain words and when a daily limit lifts', () => {
    const office = {
      ...dental(),
      state: 'paused' as const,
      lastError: { code: 'API2012', explanation: 'This practice has used today’s Sikka request allowance.', at: NOW - HOUR },
      quota: { limited: true, code: 'API2012', resumesAt: Date.UTC(2025, 2, 5, 6, 0) },
    };
    const view = officeStatusView(office, judged, NOW);
    expect(view.state.label).toBe('Daily Sikka limit reached');
    expect(view.problem).toBe('This practice has used today’s Sikka request allowance. Syncing resumes at Mar 5, 12:00 AM CT.');
  });

  it('says what SPC has not reported', () => {
    const office = dental();
    const view = officeStatusView({ ...office, spc: { ...office.spc, practiceManagementSystem: null, practiceManagementSystemVersion: null, refreshedAt: null } }, judged, NOW);
    expect(view.pms).toBe('Not reported');
    expect(view.pmsRefreshed).toBe('Not reported');
  });

  it('reads progress as the office and rows of the total', () => {
    expect(progressText({ officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 2310, rowsTotal: 6000 }, 'Maple Grove Family Dental')).toBe('Copying Maple Grove Family Dental: patients 2,310 of 6,000');
    expect(progressText({ officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 1200, rowsTotal: 2000 })).toBe('Copying patients: 1,200 of 2,000');
    expect(progressText({ officeId: 'D16001', resource: 'appointments', phase: 'changes', rowsDone: 3, rowsTotal: null })).toBe('Fetching changes to appointments: 3');
  });

  it('says what is being copied while a first copy runs, and nothing once every office has one', () => {
    const status = syncStatus();
    const first = { ...status, running: true, offices: status.offices.map((office, index) => (index === 0 ? { ...office, lastSuccessAt: null } : office)) };
    const progress = { officeId: 'D16001', resource: 'patients' as const, phase: 'full' as const, rowsDone: 2310, rowsTotal: 6000 };
    expect(firstCopyText(first, progress)).toBe('Copying Maple Grove Family Dental: patients 2,310 of 6,000');
    expect(firstCopyText(first, null)).toBe('Copying Maple Grove Family Dental…');
    expect(firstCopyText({ ...status, running: true, offices: [] }, null)).toBe('Starting the first copy: asking Sikka for the practice’s offices…');
    expect(firstCopyText({ ...status, running: true }, progress)).toBeNull();
    expect(firstCopyText({ ...first, running: false }, progress)).toBeNull();
  });

  it('dates the copy by its stalest office, on the clock of the link that is older', () => {
    const fresh = copyFreshnessView(syncStatus(), NOW);
    expect(fresh).toEqual({ level: 'fresh', tone: 'good', label: 'Up to date', asOf: '8:12 AM CT (48 min ago)', reason: null, office: null });
    expect(copyFreshnessText(fresh)).toBe('Up to date \u00b7 data as of 8:12 AM CT (48 min ago)');
    const stale = copyFreshnessView({ ...syncStatus(), offices: [readAgo(dental(), 5), itemAt(syncStatus().offices, 1)] }, NOW);
    expect(stale).toMatchObject({ level: 'amber', label: 'Behind', reason: 'Dentrix last read by Sikka 5 h ago', office: 'Maple Grove Family Dental' });
    expect(copyFreshnessText(stale)).toBe('Behind: Dentrix last read by Sikka 5 h ago (Maple Grove Family Dental)');
    // This PC's own event is on the PC's clock.
    const copiedLong = copyFreshnessView({ ...syncStatus(), offices: syncStatus().offices.map((office) => ({ ...office, lastSuccessAt: NOW - 2 * HOUR })) }, NOW);
    expect(copiedLong.asOf).toMatch(/^\d{1,2}:00 [AP]M( \S+)? \(2 h ago\)$/);
  });
});

describe('appointment statuses', () => {
  it('colours the common meanings of practice systems’ statuses', () => {
    expect(appointmentTone('Broken')).toBe('danger');
    expect(appointmentTone('No Show')).toBe('danger');
    expect(appointmentTone('Unconfirmed')).toBe('warning');
    expect(appointmentTone('Confirmed')).toBe('good');
    expect(appointmentTone('Checked In')).toBe('info');
    expect(appointmentTone('Completed')).toBe('neutral');
    expect(appointmentTone(null)).toBe('neutral');
  });
});

describe('routes in the address', () => {
  it('round-trips every screen', () => {
    const routes: Route[] = [
      { screen: 'patients', officeId: null, patientId: null },
      { screen: 'patients', officeId: 'V20417', patientId: 'P/7 8' },
      { screen: 'schedule', officeId: 'D16001', date: '2025-03-04', groupBy: 'operatory' },
      { screen: 'schedule', officeId: null, date: null, groupBy: 'provider' },
      { screen: 'status' },
      { screen: 'settings' },
      { screen: 'connect' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('opens patient search for anything it does not know', () => {
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'patients', officeId: null, patientId: null });
    expect(parseRoute('')).toEqual({ screen: 'patients', officeId: null, patientId: null });
    expect(parseRoute('#/patients/%E0%A4%A')).toEqual({ screen: 'patients', officeId: null, patientId: null });
  });

  it('ignores a schedule date that is not a date', () => {
    expect(parseRoute('#/schedule?office=D16001&date=tomorrow')).toMatchObject({ officeId: 'D16001', date: null });
  });
});
