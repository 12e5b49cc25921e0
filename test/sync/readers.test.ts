/**
 * The cache keeps records exactly as Sikka sent them, so a copy synced through v4 holds v4's
 * records (flattened `*_href` links, every field from `fields=get_all`). What the front desk sees
 * is read from them: the same sandbox data synced through v2 and through v4 must read the same.
 */
import { describe, expect, it } from 'vitest';
import { SYNCED_RESOURCES } from '../../shared/domain/records';
import { DENTAL, expectCacheEqualsSandbox, sandboxResource, text, useSyncWorld, VET } from './support';

const v2 = useSyncWorld([DENTAL, VET], 'v2');
const v4 = useSyncWorld([DENTAL, VET], 'v4');

async function syncBoth(): Promise<void> {
  for (const world of [v2, v4]) {
    const summary = await world.engine().run();
    expect(summary.offices.map((office) => office.outcome)).toEqual(['synced', 'synced']);
  }
}

describe('a copy synced through v4', () => {
  it('exports every record exactly as v4 sent it: flattened links, every field, no nested link objects', async () => {
    await syncBoth();
    expectCacheEqualsSandbox(v4.cache, v4.sandbox, [DENTAL, VET], 'v4');
    for (const resource of SYNCED_RESOURCES) {
      for (const { record } of v4.cache.reader.exportRecords(resource, { officeId: DENTAL.officeId })) {
        expect(Object.values(record).every((value) => typeof value === 'string')).toBe(true);
      }
    }
    const [appointment] = v4.cache.reader.exportRecords('appointments', { officeId: DENTAL.officeId });
    expect(appointment?.record['patient_href']).toMatch(/\/v4\/practices\/1\/patients\//);
    const [pet] = v4.cache.reader.exportRecords('patients', { officeId: VET.officeId });
    expect(Object.keys(pet?.record ?? {})).toEqual(Object.keys(v4.records(VET.officeId, sandboxResource(VET, 'patients'))[0] ?? {}));
  });

  it('finds the same patients, pets and owners as a copy synced through v2', async () => {
    await syncBoth();
    const names = v2.records(DENTAL.officeId, 'patients').slice(0, 3).map((record) => text(record['lastname']).slice(0, 3));
    const pets = v2.records(VET.officeId, 'veterinary_patients').slice(0, 2).map((record) => text(record['petname'] ?? record['firstname']).slice(0, 2));
    const phone = text(v2.records(DENTAL.officeId, 'patients')[5]?.['cell']).replace(/\D/g, '').slice(-7);
    for (const query of [...names, ...pets, phone, 'a']) {
      const found = v4.cache.reader.searchPatients({ text: query });
      expect(found.results.length, query).toBeGreaterThan(0);
      expect(found, query).toEqual(v2.cache.reader.searchPatients({ text: query }));
    }
  });

  it('shows the same patient and pet details', async () => {
    await syncBoth();
    const ids = [
      [DENTAL.officeId, ...v2.records(DENTAL.officeId, 'patients').slice(0, 5).map((record) => text(record['patient_id']))],
      [VET.officeId, ...v2.records(VET.officeId, 'veterinary_patients').slice(0, 5).map((record) => text(record['patient_id']))],
    ] as const;
    for (const [officeId, ...patients] of ids) {
      for (const patientId of patients) {
        const detail = v4.cache.reader.patientDetail(officeId, patientId, { now: v4.clock.now });
        expect(detail).not.toBeNull();
        expect(detail).toEqual(v2.cache.reader.patientDetail(officeId, patientId, { now: v2.clock.now }));
      }
    }
  });

  it('shows the same day schedules, providers and offices', async () => {
    await syncBoth();
    for (const officeId of [DENTAL.officeId, VET.officeId]) {
      for (const groupBy of ['provider', 'operatory'] as const) {
        const schedule = v4.cache.reader.daySchedule(officeId, '2026-03-11', groupBy);
        expect(schedule.columns.length).toBeGreaterThan(0);
        expect(schedule).toEqual(v2.cache.reader.daySchedule(officeId, '2026-03-11', groupBy));
      }
    }
    expect(v4.cache.reader.providers()).toEqual(v2.cache.reader.providers());
    expect(v4.cache.reader.offices()).toEqual(v2.cache.reader.offices());
  });
});
