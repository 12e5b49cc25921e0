import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../renderer/routing';
import { appointmentTone } from '../../renderer/view/appointmentStatus';
import { addDays, ageOn, formatOfficeLocalTime, formatPhone, officeToday } from '../../renderer/view/format';
import { resultCountText, searchableGuarantor, searchNoun, wordsFor } from '../../renderer/view/labels';
import { officeStatusView, progressText } from '../../renderer/view/officeStatus';
import { isSpcStale, oldestSuccessAt } from '../../shared/domain/freshness';
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

  it('shows an office time in the office’s zone with its short name', () => {
    const at = Date.UTC(2025, 2, 4, 14, 12);
    expect(formatOfficeLocalTime({ local: '2025-03-04 08:12:00', timeZone: 'Central Standard Time', at }, 'America/Chicago', NOW)).toBe('08:12 CT');
    expect(formatOfficeLocalTime({ local: '2025-03-03 08:12:00', timeZone: 'Central Standard Time', at: at - 24 * HOUR }, 'America/Chicago', NOW)).toBe('Mar 3 08:12 CT');
  });

  it('falls back to Sikka’s wall-clock text and zone name without an IANA zone', () => {
    expect(formatOfficeLocalTime({ local: '2025-03-04 08:12:00', timeZone: 'Central Standard Time', at: null }, null, NOW)).toBe('Mar 4, 2025 08:12 (Central Standard Time)');
  });
});

describe('an office’s status', () => {
  it('shows the PMS refresh in the office’s zone, with how long ago', () => {
    const view = officeStatusView(dental(), NOW);
    expect(view.pms).toBe('Dentrix G7.2');
    expect(view.pmsRefreshed).toBe('08:12 CT, 48 min ago');
    expect(view.spcWarning).toBeNull();
  });

  it('warns once the practice’s data is more than 24 hours old', () => {
    const office = dental();
    const old = { ...office, spc: { ...office.spc, insertedAt: { local: '2025-03-03 08:00:00', timeZone: 'Central Standard Time', at: NOW - 25 * HOUR } } };
    expect(officeStatusView(old, NOW).spcWarning).toMatch(/more than 24 hours/);
  });

  it('does not warn at exactly 24 hours', () => {
    expect(isSpcStale(NOW - 24 * HOUR, NOW)).toBe(false);
    expect(isSpcStale(NOW - 24 * HOUR - 1, NOW)).toBe(true);
    expect(isSpcStale(null, NOW)).toBe(false);
  });

  it('explains the last error in plain words and when a daily limit lifts', () => {
    const office = {
      ...dental(),
      state: 'paused' as const,
      lastError: { code: 'API2012', explanation: 'This practice has used today’s Sikka request allowance.', at: NOW - HOUR },
      quota: { limited: true, code: 'API2012', resumesAt: Date.UTC(2025, 2, 5, 6, 0) },
    };
    const view = officeStatusView(office, NOW);
    expect(view.state.label).toBe('Daily Sikka limit reached');
    expect(view.problem).toBe('This practice has used today’s Sikka request allowance. Syncing resumes at Mar 5 00:00 CT.');
  });

  it('says what SPC has not reported', () => {
    const office = dental();
    const view = officeStatusView({ ...office, spc: { ...office.spc, practiceManagementSystem: null, practiceManagementSystemVersion: null, refreshedAt: null } }, NOW);
    expect(view.pms).toBe('Not reported');
    expect(view.pmsRefreshed).toBe('Not reported');
  });

  it('reads progress as rows of the total', () => {
    expect(progressText({ officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 1200, rowsTotal: 2000 })).toBe('Downloading patients: 1,200 of 2,000');
    expect(progressText({ officeId: 'D16001', resource: 'appointments', phase: 'changes', rowsDone: 3, rowsTotal: null })).toBe('Fetching changes to appointments: 3');
  });

  it('dates the copy by its stalest office, and not at all while one was never synced', () => {
    expect(oldestSuccessAt([{ lastSuccessAt: 5 }, { lastSuccessAt: 3 }])).toBe(3);
    expect(oldestSuccessAt([{ lastSuccessAt: 5 }, { lastSuccessAt: null }])).toBeNull();
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
