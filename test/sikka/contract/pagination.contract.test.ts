import { describe, expect, it } from 'vitest';
import { maxPageSize } from '../../../main/sikka/pagination';
import { collect, DENTAL, VERSIONS, VET, useSandbox } from './harness';

describe.each(VERSIONS)('pagination against the sandbox (%s)', (version) => {
  const h = useSandbox(version);
  const appointments = () => h.records(DENTAL.officeId, 'appointments');

  it.each([
    [0, 940, 1, 940],
    [1, 940, 941, 1880],
    [1, 941, 942, 1882],
    [2, 940, 1881, 2820],
  ])('offset=%i&limit=%i is rows %i to %i, as the guides say', async (startPage, limit, first, last) => {
    const office = h.office(h.client());
    const pages = office.pages('appointments', { startPage, limit });
    const page = (await pages.next()).value;
    await pages.return();
    expect(page?.firstRow).toBe(first - 1);
    expect(page?.records).toEqual(appointments().slice(first - 1, last));
  });

  it('reads a whole collection once, every row in order, in as few calls as the page size allows', async () => {
    const office = h.office(h.client());
    const pages = await collect(office.pages('appointments'));
    expect(pages.flatMap((page) => page.records)).toEqual(appointments());
    expect(pages.map((page) => [page.index, page.limit, page.records.length])).toEqual([[0, maxPageSize(version), 3000]]);
    expect(h.dataRequests()).toHaveLength(1);
  });

  it('stops at total_count without asking for the empty page after it', async () => {
    const office = h.office(h.client());
    const pages = await collect(office.pages('appointments', { limit: 1000 }));
    expect(pages.map((page) => page.records.length)).toEqual([1000, 1000, 1000]);
    expect(pages[2]?.next).toBeNull();
    expect(h.dataRequests()).toHaveLength(3);
  });

  it('ends on HTTP 204 past the last row', async () => {
    const office = h.office(h.client());
    const pages = await collect(office.pages('appointments', { limit: 1000, startPage: 3 }));
    expect(pages).toEqual([]);
    expect(h.dataRequests().map((request) => request.status)).toEqual([204]);
  });

  it('resumes from a start page without repeating rows', async () => {
    const office = h.office(h.client());
    const first = await office.pages('appointments', { limit: 700 }).next();
    const cursor = first.value?.next;
    const rest = await collect(office.pages('appointments', { limit: cursor?.limit, startPage: cursor?.page }));
    expect([...(first.value?.records ?? []), ...rest.flatMap((page) => page.records)]).toEqual(appointments());
  });

  it.runIf(version === 'v2')('asks for only the fields wanted, and expands related records', async () => {
    const office = h.office(h.client());
    const pages = office.pages('patients', { limit: 5, fields: ['firstname', 'lastname'], expand: ['practice'] });
    const record = (await pages.next()).value?.records[0];
    await pages.return();
    expect(record?.['firstname']).toBeDefined();
    expect(record?.['cell']).toBeUndefined();
    const practice = record?.['practice'];
    expect(typeof practice === 'object' && practice !== null && 'name' in practice && typeof practice.name === 'string').toBe(true);
    expect(practice).toMatchObject({ practice_id: '1' });
  });

  it('reads the pets of a veterinary office', async () => {
    const pets = await collect(h.office(h.client(), VET).pages('patients/veterinary_patients', { limit: 25 }));
    expect(pets.flatMap((page) => page.records)).toEqual(h.records(VET.officeId, 'veterinary_patients'));
  });

  it('reads one record by id', async () => {
    const office = h.office(h.client());
    const wanted = appointments()[17];
    const id = wanted?.['appointment_sr_no'];
    expect(typeof id).toBe('string');
    expect(await office.record('appointments', id as string)).toEqual(wanted);
  });

  it('reads a change log with typed flags beside the untouched records', async () => {
    const office = h.office(h.client());
    h.clock.now += 60_000;
    const change = h.sandbox.mutate(DENTAL.officeId, { add: 2, edit: 1, delete: 1 });
    h.clock.now += 60_000;
    const pages = await collect(office.changes('patients', { intervalMinutes: 2 }));
    const entries = pages.flatMap((page) => page.records);
    expect(entries.map((entry) => entry.change).sort()).toEqual(['added', 'added', 'added', 'deleted', 'deleted']);
    for (const entry of entries) expect(entry.record['flag']).toMatch(/^(Added|Deleted)$/);
    const addedIds = entries.filter((entry) => entry.change === 'added').map((entry) => entry.record['patient_id']);
    expect(addedIds).toEqual(expect.arrayContaining([...change.added, ...change.edited]));
  });

  it('reads a change log between office-local dates, only the flag asked for', async () => {
    const office = h.office(h.client());
    h.clock.now += 60_000;
    const change = h.sandbox.mutate(DENTAL.officeId, { add: 1, delete: 3 });
    h.clock.now += 60_000;
    const pages = await collect(office.changes('patients', { loadedStartDate: change.dataInsertDate.replace(' ', 'T') }, { flag: 'deleted' }));
    const entries = pages.flatMap((page) => page.records);
    expect(entries.map((entry) => entry.change)).toEqual(['deleted', 'deleted', 'deleted']);
    expect(entries.map((entry) => entry.record['patient_id']).sort()).toEqual([...change.deleted].sort());
  });
});
