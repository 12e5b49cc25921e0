import { beforeEach, describe, expect, it } from 'vitest';
import { DENTAL, envelopeOf, errorCodeOf, useSandbox, VET } from './support';

const s = useSandbox();
const HOUR = 3600_000;

/** Office-local 'yyyy-MM-ddTHH:mm:ss' of an instant in Springfield (CDT, UTC-5, in March 2026). */
function springfield(ms: number): string {
  return new Date(ms - 5 * HOUR).toISOString().slice(0, 19);
}

type Item = Record<string, unknown>;

async function changes(resource: string, from: number, to: number, extra = ''): Promise<Item[]> {
  const response = await s.data(`/v2/${resource}?loaded_startdate=${springfield(from)}&loaded_enddate=${springfield(to)}&limit=4999${extra}`);
  if (response.status === 204) return [];
  return (await envelopeOf(response)).items;
}

const withoutFlag = ({ flag: _flag, ...record }: Item): Item => record;

describe('the change log', () => {
  beforeEach(() => {
    s.clock.now += HOUR;
  });

  it('lists adds, edits (Deleted old, then Added new) and deletes in time order with their flags', async () => {
    const before = new Map([...s.sandbox.records(DENTAL.officeId, 'patients')].map((p) => [p['patient_id'], p]));
    const change = s.sandbox.mutate(DENTAL.officeId, { add: 2, edit: 3, delete: 2 });
    const log = await changes('patients', change.at - 60_000, change.at + 60_000);

    expect(log.map((entry) => entry['flag'])).toEqual(['Added', 'Added', 'Deleted', 'Added', 'Deleted', 'Added', 'Deleted', 'Added', 'Deleted', 'Deleted']);
    expect(log.map((entry) => entry['patient_id'])).toEqual([...change.added, ...change.edited.flatMap((id) => [id, id]), ...change.deleted]);
    const current = new Map([...s.sandbox.records(DENTAL.officeId, 'patients')].map((p) => [p['patient_id'], p]));
    for (const [i, id] of change.edited.entries()) {
      expect(withoutFlag(log[2 + 2 * i] ?? {})).toEqual(before.get(id));
      expect(withoutFlag(log[3 + 2 * i] ?? {})).toEqual(current.get(id));
      expect(current.get(id)).not.toEqual(before.get(id));
    }
    expect(withoutFlag(log[8] ?? {})).toEqual(before.get(change.deleted[0]));
  });

  it('takes deleted records out of collections, records() and single-record calls', async () => {
    const countBefore = s.sandbox.count(DENTAL.officeId, 'appointments');
    const change = s.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', delete: 5, add: 1 });
    expect(s.sandbox.count(DENTAL.officeId, 'appointments')).toBe(countBefore - 4);
    const ids = new Set([...s.sandbox.records(DENTAL.officeId, 'appointments')].map((a) => a['appointment_sr_no']));
    for (const id of change.deleted) expect(ids.has(id)).toBe(false);
    expect(ids.has(change.added[0])).toBe(true);

    const served: unknown[] = [];
    for (let offset = 0; ; offset++) {
      const response = await s.data(`/v2/appointments?offset=${offset}&limit=4999`);
      if (response.status === 204) break;
      served.push(...(await envelopeOf(response)).items.map((a) => a['appointment_sr_no']));
    }
    expect(served).toEqual([...ids]);
    expect((await s.data(`/v2/appointments/${change.deleted[0] ?? ''}`)).status).toBe(404);
  });

  it('moves data_insert_date (and the refresh and synchronisation dates) to the change', async () => {
    const { appId, appKey } = s.sandbox;
    const listing = async () => ((await (await s.get(`/auth/v2/authorized_practices?app_id=${appId}&app_key=${appKey}`)).json()) as [{ items: Item[] }])[0].items.find((o) => o['office_id'] === DENTAL.officeId);
    const before = await listing();
    const change = s.sandbox.mutate(DENTAL.officeId, { edit: 1 });
    const after = await listing();
    expect(after?.['data_insert_date']).toBe(springfield(change.at).replace('T', ' '));
    expect(change.dataInsertDate).toBe(after?.['data_insert_date']);
    expect(after?.['data_insert_date']).not.toBe(before?.['data_insert_date']);
    expect(String(after?.['practice_management_system_refresh_date']) > String(before?.['practice_management_system_refresh_date'])).toBe(true);
    expect(String(after?.['data_synchronization_date']) > String(before?.['data_synchronization_date'])).toBe(true);
  });

  it('answers only the entries inside the window', async () => {
    const first = s.sandbox.mutate(DENTAL.officeId, { resource: 'guarantors', add: 1 });
    s.clock.now += 10 * 60_000;
    const second = s.sandbox.mutate(DENTAL.officeId, { resource: 'guarantors', add: 1 });
    expect((await changes('guarantors', first.at - 1000, first.at + 60_000)).map((g) => g['guarantor_id'])).toEqual(first.added);
    expect((await changes('guarantors', second.at, second.at)).map((g) => g['guarantor_id'])).toEqual(second.added);
    expect((await changes('guarantors', first.at, second.at)).map((g) => g['guarantor_id'])).toEqual([...first.added, ...second.added]);
  });

  it('reads a date-only window as whole days', async () => {
    const change = s.sandbox.mutate(DENTAL.officeId, { resource: 'providers', add: 1 });
    const day = springfield(change.at).slice(0, 10);
    const page = await envelopeOf(await s.data(`/v2/providers?loaded_startdate=${day}&loaded_enddate=${day}`));
    expect(page.items.map((p) => p['provider_id'])).toContain(change.added[0]);
  });

  it('answers the last minutes with interval', async () => {
    const change = s.sandbox.mutate(VET.officeId, { edit: 2 });
    s.clock.now += 20 * 60_000;
    const recent = await envelopeOf(await s.data('/v2/veterinary_patients?interval=30', { office: VET }));
    expect(recent.items.map((p) => [p['patient_id'], p['flag']])).toEqual(change.edited.flatMap((id) => [[id, 'Deleted'], [id, 'Added']]));
    expect((await s.data('/v2/veterinary_patients?interval=10', { office: VET })).status).toBe(204);
  });

  it('filters by flag', async () => {
    const change = s.sandbox.mutate(DENTAL.officeId, { add: 1, edit: 1, delete: 1 });
    const deleted = await changes('patients', change.at, change.at, '&flag=deleted');
    expect(deleted.map((p) => [p['patient_id'], p['flag']])).toEqual([[change.edited[0], 'Deleted'], [change.deleted[0], 'Deleted']]);
  });

  it('paginates change logs like any collection', async () => {
    const change = s.sandbox.mutate(DENTAL.officeId, { add: 7 });
    const response = await s.data(`/v2/patients?loaded_startdate=${springfield(change.at)}&loaded_enddate=${springfield(change.at)}&limit=3&offset=1`);
    const page = await envelopeOf(response);
    expect(page).toMatchObject({ total_count: '7', limit: '3', offset: '1' });
    expect(page.items.map((p) => p['patient_id'])).toEqual(change.added.slice(3, 6));
  });

  it('answers 204 when nothing changed in the window', async () => {
    expect((await s.data(`/v2/patients?loaded_startdate=${springfield(s.clock.now - 60_000)}&loaded_enddate=${springfield(s.clock.now)}`)).status).toBe(204);
  });

  it.each([
    ['loaded_startdate=yesterday'],
    ['loaded_startdate=2026-13-01'],
    ['interval=1441'],
    ['interval=0'],
    ['interval=ten'],
    ['interval=60&flag=updated'],
  ])('refuses %s with 400 API1026', async (query) => {
    const response = await s.data(`/v2/patients?${query}`);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('API1026');
  });

  it('keeps ids unique: added records never reuse an id', () => {
    const change = s.sandbox.mutate(DENTAL.officeId, { add: 3, resource: 'providers' });
    const ids = [...s.sandbox.records(DENTAL.officeId, 'providers')].map((p) => p['provider_id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(change.added.every((id) => /^[A-Z]+\d+$/.test(id))).toBe(true);
  });
});
