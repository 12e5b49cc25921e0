import { describe, expect, it } from 'vitest';
import type { SikkaRecord } from '../../../shared/domain/records';
import type { CollectionOptions, OfficeApi } from '../../../main/sikka/client';
import { collect, DENTAL, failure, useSandbox, VET } from './harness';

const h = useSandbox();

async function rows(office: OfficeApi, resource: string, options: CollectionOptions = {}): Promise<SikkaRecord[]> {
  return (await collect(office.pages(resource, options))).flatMap((page) => page.records);
}

async function firstPage(office: OfficeApi, resource: string, options: CollectionOptions): Promise<readonly SikkaRecord[]> {
  const pages = office.pages(resource, options);
  const page = (await pages.next()).value;
  await pages.return();
  return page?.records ?? [];
}

describe('XML and JSON give identical records', () => {
  it.each(['patients', 'appointments', 'guarantors', 'providers', 'practices', 'transactions'])('for a whole collection: %s', async (resource) => {
    const json = await rows(h.office(h.client(), VET), resource, { limit: 100 });
    const xml = await rows(h.office(h.client({ format: 'xml' }), VET), resource, { limit: 100 });
    expect(xml.length).toBeGreaterThan(0);
    expect(xml).toEqual(json);
    expect(h.dataRequests().some((request) => request.path.endsWith('/xml'))).toBe(true);
  });

  it.each([
    ['patients', { limit: 3, startPage: 4, expand: ['practice', 'guarantor', 'provider'] }],
    ['appointments', { limit: 10, fields: ['date', 'time'], expand: ['patient'] }],
  ] as const)('for a page of %s %j', async (resource, options) => {
    const json = await firstPage(h.office(h.client()), resource, options);
    const xml = await firstPage(h.office(h.client({ format: 'xml' })), resource, options);
    expect(xml.length).toBeGreaterThan(0);
    expect(xml).toEqual(json);
  });

  it('for the pets of a veterinary office', async () => {
    const json = await rows(h.office(h.client(), VET), 'patients/veterinary_patients');
    const xml = await rows(h.office(h.client({ format: 'xml' }), VET), 'patients/veterinary_patients');
    expect(xml).toEqual(json);
  });

  it('for a one-row page (a one-item list stays a list)', async () => {
    const json = await rows(h.office(h.client()), 'providers', { limit: 1, startPage: 2 });
    const xml = await rows(h.office(h.client({ format: 'xml' })), 'providers', { limit: 1, startPage: 2 });
    expect(xml).toHaveLength(json.length);
    expect(xml).toEqual(json);
  });

  it('for one record', async () => {
    const id = [...h.sandbox.records(DENTAL.officeId, 'patients')][5]?.['patient_id'] as string;
    const json = await h.office(h.client()).record('patients', id, { expand: ['practice'] });
    const xml = await h.office(h.client({ format: 'xml' })).record('patients', id, { expand: ['practice'] });
    expect(xml).toEqual(json);
  });

  it('for a change log', async () => {
    h.clock.now += 60_000;
    h.sandbox.mutate(DENTAL.officeId, { add: 1, edit: 2, delete: 1, resource: 'appointments' });
    h.clock.now += 60_000;
    const json = (await collect(h.office(h.client()).changes('appointments', { intervalMinutes: 2 }))).flatMap((page) => page.records);
    const xml = (await collect(h.office(h.client({ format: 'xml' })).changes('appointments', { intervalMinutes: 2 }))).flatMap((page) => page.records);
    expect(json).toHaveLength(6);
    expect(xml).toEqual(json);
  });

  it('and the same typed error', async () => {
    const office = h.office(h.client({ format: 'xml' }));
    await office.record('providers', 'DMD1');
    h.sandbox.faults.forceErrorNext = { code: 'API2004', count: 1 };
    const error = await failure(office.record('providers', 'DMD1'));
    expect(error).toMatchObject({ code: 'API2004', httpStatus: 401 });
    expect(h.dataRequests().at(-1)?.path).toBe('/v2/providers/DMD1/xml');
  });
});
