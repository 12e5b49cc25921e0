import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../main/cache';
import { appointmentRecord, fullPull, officeRecord, patientRecord, tempCache, type TempCache } from './fixtures';

let temp: TempCache;
let cache: Cache;
beforeEach(() => {
  temp = tempCache();
  cache = temp.open();
  cache.writer.upsertOffice(officeRecord('D1'));
});
afterEach(() => {
  cache.close();
  temp.remove();
});

const appointments = (): unknown[][] => [...cache.reader.exportRecords('appointments')].map((r) => [r.record.appointment_sr_no, r.record.status]);

describe('first pulls', () => {
  it('marks a pull that begins with none of the office\u2019s rows as a first pull, and a later one not', () => {
    const first = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 10 });
    expect(first.firstPull).toBe(true);
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation: first.generation, records: [patientRecord('1')], nextPage: 1 });
    cache.writer.finishFullPull({ officeId: 'D1', resource: 'patients', generation: first.generation });
    expect(cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 10 }).firstPull).toBe(false);
  });

  it('keeps the first copy of a record a shifted page sent twice, and counts it once', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'appointments', pageSize: 2 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'appointments', generation, records: [appointmentRecord('A1'), appointmentRecord('A2')], nextPage: 1 });
    const outcome = cache.writer.applyFullPage({ officeId: 'D1', resource: 'appointments', generation, records: [appointmentRecord('A2', { status: 'Confirmed' }), appointmentRecord('A3')], nextPage: 2 });
    expect(outcome).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    cache.writer.finishFullPull({ officeId: 'D1', resource: 'appointments', generation, changesSince: null });
    expect(appointments()).toEqual([['A1', 'Scheduled'], ['A2', 'Scheduled'], ['A3', 'Scheduled']]);
    expect(cache.writer.readCursor('D1', 'appointments')?.rowCount).toBe(3);
  });

  it('indexes a patient sent twice in a first pull once', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 1 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, records: [patientRecord('1', { cell: '8605550142' })], nextPage: 1 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, records: [patientRecord('1', { cell: '8605550142' })], nextPage: 2 });
    cache.writer.finishFullPull({ officeId: 'D1', resource: 'patients', generation });
    expect(cache.reader.searchPatients({ text: 'carlene' }).results.map((r) => r.patientId)).toEqual(['1']);
    expect(cache.reader.searchPatients({ text: '5550142' }).results.map((r) => r.patientId)).toEqual(['1']);
  });

  it('starts change logs from the mark the pull began with, also when it finishes in a later run', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'providers', pageSize: 10, changesSince: '2024-05-02T07:30:00' });
    cache.close();
    cache = temp.open();
    cache.writer.finishFullPull({ officeId: 'D1', resource: 'providers', generation });
    expect(cache.writer.readCursor('D1', 'providers')).toMatchObject({ mode: 'changes', changesSince: '2024-05-02T07:30:00', pullChangesSince: null, firstPull: false });
  });

  it('keeps the page size a capping server switched to, so a resume asks for the right page', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 4999 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, records: [patientRecord('1')], nextPage: 1, pageSize: 1000 });
    expect(cache.writer.readCursor('D1', 'patients')).toMatchObject({ nextPage: 1, pageSize: 1000 });
  });

  it('still removes rows gone upstream in a later pull', () => {
    fullPull(cache.writer, 'D1', 'appointments', [appointmentRecord('A1'), appointmentRecord('A2')]);
    fullPull(cache.writer, 'D1', 'appointments', [appointmentRecord('A2')]);
    expect(appointments()).toEqual([['A2', 'Scheduled']]);
  });
});

describe('office sync status', () => {
  it('keeps what the engine records, and shows it with the SPC dates read in the office zone', () => {
    expect(cache.writer.readOfficeStatus('D1')).toBeNull();
    const record = {
      officeId: 'D1', lastAttemptAt: 1000, lastSuccessAt: 900, syncedInsertDate: '2024-05-02T07:30:00',
      lastError: { code: 'API2012', explanation: 'limit', at: 1000 }, pausedUntil: Date.UTC(2024, 4, 3, 4), nextRunAt: null,
    };
    cache.writer.saveOfficeStatus(record);
    expect(cache.writer.readOfficeStatus('D1')).toEqual(record);
    const [status] = cache.reader.syncStatus({ now: Date.UTC(2024, 4, 2, 14) });
    expect(status).toMatchObject({
      officeId: 'D1', state: 'paused', lastSuccessAt: 900,
      quota: { limited: true, code: 'API2012', resumesAt: Date.UTC(2024, 4, 3, 4) },
      spc: { practiceManagementSystem: 'Dentrix', timeZone: 'Eastern Standard Time', ianaTimeZone: 'America/New_York', insertedAt: { local: '2024-05-02T07:30:00', at: Date.UTC(2024, 4, 2, 11, 30) } },
    });
    expect(cache.reader.syncStatus({ now: Date.UTC(2024, 4, 3, 5) })[0]?.state).toBe('failed');
  });

  it('shows a never-synced office with counts of zero', () => {
    const [status] = cache.reader.syncStatus();
    expect(status).toMatchObject({ state: 'never-synced', lastSuccessAt: null, lastFullSyncAt: null, counts: { patients: 0, appointments: 0 } });
  });

  it('refuses a status for an office it does not know', () => {
    expect(() => { cache.writer.saveOfficeStatus({ officeId: 'NOPE', lastAttemptAt: null, lastSuccessAt: null, syncedInsertDate: null, lastError: null, pausedUntil: null, nextRunAt: null }); })
      .toThrow(expect.objectContaining({ code: 'CACHE_UNKNOWN_OFFICE' }) as Error);
  });
});
