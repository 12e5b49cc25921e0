import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../main/cache';
import type { SikkaRecord } from '../../shared/domain/records';
import {
  appointmentRecord,
  fullPull,
  guarantorRecord,
  officeRecord,
  patientRecord,
  petRecord,
  providerRecord,
  tempCache,
  type TempCache,
} from './fixtures';

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

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return undefined;
}

const patientIds = (officeId = 'D1'): string[] =>
  [...cache.reader.exportRecords('patients', { officeId })].map((r) => r.record.patient_id as string);
const appointmentIds = (): string[] =>
  [...cache.reader.exportRecords('appointments')].map((r) => r.record.appointment_sr_no as string);

describe('offices', () => {
  it('keeps the authorized_practices record without its secret key', () => {
    const [exported] = [...cache.reader.exportRecords('offices')];
    expect(exported?.record.practice_name).toBe('Cedar Mountain Dental');
    expect(exported?.record).not.toHaveProperty('secret_key');
  });

  it('updates an office in place', () => {
    cache.writer.upsertOffice(officeRecord('D1', { practice_name: 'Cedar Mountain Dental East' }));
    expect(cache.reader.offices().map((o) => o.practiceName)).toEqual(['Cedar Mountain Dental East']);
  });

  it('refuses rows for an office it does not know', () => {
    expect(codeOf(() => cache.writer.beginFullPull({ officeId: 'NOPE', resource: 'patients', pageSize: 10 }))).toBe('CACHE_UNKNOWN_OFFICE');
  });

  it('keys rows by office, so the same ids in two offices stay apart', () => {
    cache.writer.upsertOffice(officeRecord('D2'));
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('7', { lastname: 'Adams' })]);
    fullPull(cache.writer, 'D2', 'patients', [patientRecord('7', { lastname: 'Baker' })]);
    expect(cache.reader.patientDetail('D1', '7')?.lastName).toBe('Adams');
    expect(cache.reader.patientDetail('D2', '7')?.lastName).toBe('Baker');
  });
});

describe('full pulls', () => {
  it('stores every field of a record exactly as received, in order', () => {
    const record = patientRecord('1', { custom_future_field: 'kept', practice: { href: 'https://api.sikkasoft.com/v2/practices/1' } });
    const other = patientRecord('2', { a_differently_shaped_record: '', extra_list: ['x', { y: 'z' }] });
    fullPull(cache.writer, 'D1', 'patients', [record, other]);
    const exported = [...cache.reader.exportRecords('patients')].map((r) => r.record);
    expect(exported).toEqual([record, other]);
    expect(exported.map((r) => JSON.stringify(r))).toEqual([JSON.stringify(record), JSON.stringify(other)]);
  });

  it('saves the cursor with each page', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 2 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, records: [patientRecord('1'), patientRecord('2')], nextPage: 1, expectedTotal: 3 });
    expect(cache.writer.readCursor('D1', 'patients')).toMatchObject({ mode: 'full', generation, nextPage: 1, pageSize: 2, expectedTotal: 3, rowsApplied: 2 });
  });

  it('starts each full pull under the next generation', () => {
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1')]);
    const second = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 10 });
    expect(second.generation).toBe(2);
    expect(second.nextPage).toBe(0);
  });

  it('refuses a page of a superseded pull', () => {
    const old = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 10 });
    cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 10 });
    expect(codeOf(() => cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation: old.generation, records: [], nextPage: 1 })))
      .toBe('CACHE_CURSOR_MISMATCH');
  });

  it('removes rows the finished pull did not see, and keeps the others', () => {
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1'), patientRecord('2'), patientRecord('3')]);
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1'), patientRecord('3')], 1);
    expect(patientIds()).toEqual(['1', '3']);
    expect(cache.reader.searchPatients({ text: 'carlene' }).results.map((r) => r.patientId).sort()).toEqual(['1', '3']);
  });

  it('keeps rows visible during a pull until it finishes', () => {
    fullPull(cache.writer, 'D1', 'appointments', [appointmentRecord('A1'), appointmentRecord('A2')]);
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'appointments', pageSize: 10 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'appointments', generation, records: [appointmentRecord('A1')], nextPage: 1 });
    expect(appointmentIds()).toEqual(['A1', 'A2']);
    const { removed } = cache.writer.finishFullPull({ officeId: 'D1', resource: 'appointments', generation, changesSince: 'x' });
    expect(removed).toBe(1);
    expect(appointmentIds()).toEqual(['A1']);
  });

  it('switches the cursor to change logs when a pull finishes', () => {
    fullPull(cache.writer, 'D1', 'providers', [providerRecord('DMD2')]);
    expect(cache.writer.readCursor('D1', 'providers')).toMatchObject({
      mode: 'changes', generation: 1, changesSince: '2024-05-02T07:30:00', fullCompletedAt: temp.options.now?.(),
    });
  });

  it('reports unchanged records on a repeated pull and rewrites changed ones', () => {
    fullPull(cache.writer, 'D1', 'guarantors', [guarantorRecord('G1'), guarantorRecord('G2')]);
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'guarantors', pageSize: 10 });
    const outcome = cache.writer.applyFullPage({
      officeId: 'D1', resource: 'guarantors', generation, nextPage: 1,
      records: [guarantorRecord('G1'), guarantorRecord('G2', { lastname: 'Nguyen' })],
    });
    expect(outcome).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it('keeps the per-office row counts exact through pulls, reconciles and change logs', () => {
    const count = (): number | undefined => cache.reader.offices().find((o) => o.officeId === 'D1')?.counts.patients;
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1'), patientRecord('2'), patientRecord('3')]);
    expect(count()).toBe(3);
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1'), patientRecord('2', { lastname: 'Changed' })]);
    expect(count()).toBe(2);
    cache.writer.applyChanges({
      officeId: 'D1', resource: 'patients', changesSince: 't',
      entries: [
        { ...patientRecord('4'), flag: 'Added' },
        { ...patientRecord('1', { lastname: 'Edited' }), flag: 'Added' },
        { ...patientRecord('2'), flag: 'Deleted' },
        { ...patientRecord('99'), flag: 'Deleted' },
      ],
    });
    expect(count()).toBe(2);
    expect(patientIds()).toHaveLength(2);
  });

  it('updates the search index when a patient changes', () => {
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1', { lastname: 'Oldname' })]);
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1', { lastname: 'Newname' })]);
    expect(cache.reader.searchPatients({ text: 'oldname' }).results).toEqual([]);
    expect(cache.reader.searchPatients({ text: 'carlene newname' }).results.map((r) => r.patientId)).toEqual(['1']);
  });
});

describe('page atomicity', () => {
  it('leaves the earlier rows and cursor when a page fails part-way', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 3 });
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, records: [patientRecord('1'), patientRecord('2')], nextPage: 1 });
    const before = cache.writer.readCursor('D1', 'patients');

    const broken: SikkaRecord[] = [patientRecord('3', { lastname: 'Halfway' }), patientRecord('', { lastname: 'Noid' }), patientRecord('5')];
    expect(codeOf(() => cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, records: broken, nextPage: 2 })))
      .toBe('CACHE_RECORD_WITHOUT_ID');

    expect(cache.writer.readCursor('D1', 'patients')).toEqual(before);
    expect(patientIds()).toEqual(['1', '2']);
    expect(cache.reader.searchPatients({ text: 'halfway' }).results).toEqual([]);
  });

  it('forgets a record shape first seen in a page that failed', () => {
    const { generation } = cache.writer.beginFullPull({ officeId: 'D1', resource: 'patients', pageSize: 3 });
    const novel = patientRecord('1', { field_new_in_2025: 'x' });
    expect(() => cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, nextPage: 1, records: [novel, patientRecord('')] }))
      .toThrow();
    cache.writer.applyFullPage({ officeId: 'D1', resource: 'patients', generation, nextPage: 1, records: [novel] });
    expect([...cache.reader.exportRecords('patients')].map((r) => r.record)).toEqual([novel]);
  });

  it('leaves the earlier rows and cursor when a change-log page fails part-way', () => {
    fullPull(cache.writer, 'D1', 'appointments', [appointmentRecord('A1')]);
    const before = cache.writer.readCursor('D1', 'appointments');
    expect(codeOf(() => cache.writer.applyChanges({
      officeId: 'D1', resource: 'appointments', changesSince: 'later',
      entries: [{ ...appointmentRecord('A1'), flag: 'Deleted' }, { ...appointmentRecord('A9'), flag: 'Modified?' }],
    }))).toBe('CACHE_UNKNOWN_CHANGE_FLAG');
    expect(cache.writer.readCursor('D1', 'appointments')).toEqual(before);
    expect(appointmentIds()).toEqual(['A1']);
  });
});

describe('change logs', () => {
  beforeEach(() => {
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1', { lastname: 'Abbott' }), patientRecord('2', { lastname: 'Bishop' })]);
  });

  it('needs a completed full pull first', () => {
    expect(codeOf(() => cache.writer.applyChanges({ officeId: 'D1', resource: 'appointments', entries: [], changesSince: 'x' })))
      .toBe('CACHE_CURSOR_MISMATCH');
  });

  it('adds a record flagged added, without the flag', () => {
    const outcome = cache.writer.applyChanges({
      officeId: 'D1', resource: 'patients', changesSince: '2024-05-02T08:00:00',
      entries: [{ ...patientRecord('3', { lastname: 'Castillo' }), flag: 'Added' }],
    });
    expect(outcome).toEqual({ upserted: 1, deleted: 0 });
    expect(patientIds()).toEqual(['1', '2', '3']);
    expect([...cache.reader.exportRecords('patients')].at(-1)?.record).not.toHaveProperty('flag');
    expect(cache.reader.searchPatients({ text: 'castillo' }).results.map((r) => r.patientId)).toEqual(['3']);
  });

  it('deletes a record flagged deleted, from the search index too', () => {
    cache.writer.applyChanges({ officeId: 'D1', resource: 'patients', changesSince: 't', entries: [{ ...patientRecord('1'), flag: 'deleted' }] });
    expect(patientIds()).toEqual(['2']);
    expect(cache.reader.searchPatients({ text: 'abbott' }).results).toEqual([]);
  });

  it('applies an edit sent as deleted then added', () => {
    cache.writer.applyChanges({
      officeId: 'D1', resource: 'patients', changesSince: 't',
      entries: [{ ...patientRecord('2', { lastname: 'Bishop' }), flag: 'Deleted' }, { ...patientRecord('2', { lastname: 'Bishop-Reyes' }), flag: 'Added' }],
    });
    expect(cache.reader.patientDetail('D1', '2')?.lastName).toBe('Bishop-Reyes');
    expect(cache.reader.searchPatients({ text: 'bishop' }).results.map((r) => r.patientId)).toEqual(['2']);
  });

  it('treats practice_events "updated" as an upsert', () => {
    cache.writer.applyChanges({ officeId: 'D1', resource: 'patients', changesSince: 't', entries: [{ ...patientRecord('1', { lastname: 'Abbot' }), flag: 'updated' }] });
    expect(cache.reader.patientDetail('D1', '1')?.lastName).toBe('Abbot');
  });

  it('saves the high-water mark with the page', () => {
    cache.writer.applyChanges({ officeId: 'D1', resource: 'patients', changesSince: '2024-05-02T09:00:00', entries: [] });
    expect(cache.writer.readCursor('D1', 'patients')).toMatchObject({ mode: 'changes', changesSince: '2024-05-02T09:00:00' });
  });

  it('keeps rows added by change logs through the next full pull that still sees them', () => {
    cache.writer.applyChanges({ officeId: 'D1', resource: 'patients', changesSince: 't', entries: [{ ...patientRecord('3'), flag: 'Added' }] });
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('2'), patientRecord('3')]);
    expect(patientIds()).toEqual(['2', '3']);
  });
});

describe('clearing', () => {
  beforeEach(() => {
    cache.writer.upsertOffice(officeRecord('V1', { domain: 'Veterinary', practice_name: 'Harbor Vet' }));
    fullPull(cache.writer, 'D1', 'patients', [patientRecord('1', { lastname: 'Dentalperson' })]);
    fullPull(cache.writer, 'V1', 'patients', [petRecord('1', { petname: 'Biscuit' })]);
    fullPull(cache.writer, 'D1', 'appointments', [appointmentRecord('A1', { patient_id: '1' })]);
  });

  it('clears one office with its rows, search entries and cursors', () => {
    cache.writer.clearOffice('D1');
    expect(cache.reader.offices().map((o) => o.officeId)).toEqual(['V1']);
    expect(cache.writer.listCursors('D1')).toEqual([]);
    expect(appointmentIds()).toEqual([]);
    expect(cache.reader.searchPatients({ text: 'dentalperson' }).results).toEqual([]);
    expect(cache.reader.searchPatients({ text: 'biscuit' }).results.map((r) => r.officeId)).toEqual(['V1']);
  });

  it('clears everything', () => {
    cache.writer.clearAll();
    expect(cache.reader.offices()).toEqual([]);
    expect(cache.writer.listCursors()).toEqual([]);
    expect(cache.reader.searchPatients({ text: 'biscuit' }).results).toEqual([]);
    expect(patientIds('V1')).toEqual([]);
  });
});
