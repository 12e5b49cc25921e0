import { describe, expect, it } from 'vitest';
import type { RequestKey } from '../../../main/sikka/keys';
import { nodeHttpTransport, type HttpRequest, type HttpTransport } from '../../../main/sikka/transport';
import { collect, DENTAL, failure, useSandbox, VET } from './harness';

const h = useSandbox('v4');

/** The real transport, with every request noted. */
function observedTransport(): HttpTransport & { readonly requests: HttpRequest[] } {
  const inner = nodeHttpTransport();
  const requests: HttpRequest[] = [];
  const transport: HttpTransport = (request) => {
    requests.push(request);
    return inner(request);
  };
  return Object.assign(transport, { requests });
}

const app = () => ({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
const grantTypes = (requests: readonly HttpRequest[]) => requests.filter((request) => request.method === 'POST').map((request) => (JSON.parse(request.body ?? '{}') as { grant_type: string }).grant_type);

describe('v4 keys against the sandbox', () => {
  it('go in the Request-Key header of every data call and never in a URL', async () => {
    const transport = observedTransport();
    const office = h.office(h.client({ transport }));
    await collect(office.pages('appointments', { limit: 1000 }));
    await office.record('providers', 'DMD1');
    const key = office.issued[0]?.requestKey ?? '';
    const reads = transport.requests.filter((request) => request.method === 'GET');
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(reads).toHaveLength(4);
    for (const request of reads) {
      expect(request.headers['request-key']).toBe(key);
      expect(request.url).not.toContain(key);
    }
  });

  it('are renewed with the refresh_key grant, and the refresh key is reported for keeping', async () => {
    const transport = observedTransport();
    const client = h.client({ transport });
    const refreshKeys: string[] = [];
    const issued: RequestKey[] = [];
    const keys = client.refreshKeySource({ ...app(), officeId: DENTAL.officeId, secretKey: DENTAL.secretKey }, { onRefreshKey: (key) => refreshKeys.push(key), onKeyIssued: (key) => issued.push(key) });
    const office = client.office(DENTAL.officeId, { keys });
    h.sandbox.faults.expireKeysAfterCalls = 2;
    const pages = await collect(office.pages('appointments', { limit: 1000 }));
    expect(pages.flatMap((page) => page.records)).toEqual(h.records(DENTAL.officeId, 'appointments'));
    expect(grantTypes(transport.requests)).toEqual(['request_key', 'refresh_key']);
    expect(refreshKeys).toHaveLength(1);
    expect(new Set(issued.map((key) => key.requestKey)).size).toBe(2);
  });

  it('fall back to the secret key when the kept refresh key was deleted at Sikka', async () => {
    const client = h.client();
    const first = await client.issueRequestKey({ ...app(), officeId: VET.officeId, secretKey: VET.secretKey });
    const deleted = first.refreshKey ?? '';
    await client.revokeRefreshKey({ ...app(), refreshKey: deleted });
    const refreshKeys: string[] = [];
    const keys = client.refreshKeySource({ ...app(), officeId: VET.officeId, refreshKey: deleted, secretKey: VET.secretKey }, { onRefreshKey: (key) => refreshKeys.push(key) });
    await client.office(VET.officeId, { keys }).record('providers', 'DVM1');
    expect(refreshKeys).toHaveLength(1);
    expect(refreshKeys[0]).not.toBe(deleted);
    expect(client.logs.map((entry) => entry.event)).toContain('sikka.refresh_key_refused');
  });

  it('are described by request_key_info, and revoked', async () => {
    const client = h.client();
    const grant = await client.issueRequestKey({ ...app(), officeId: DENTAL.officeId, secretKey: DENTAL.secretKey });
    expect(await client.requestKeyInfo(grant.requestKey)).toMatchObject({ active: true, issuedTo: DENTAL.officeId, domain: 'Dental', expiresAt: grant.expiresAt });
    await client.revokeRequestKey(grant.requestKey);
    expect(await client.requestKeyInfo(grant.requestKey)).toMatchObject({ active: false, status: 'revoked' });
    const office = client.office(DENTAL.officeId, { keys: { issue: () => Promise.resolve(grant) } });
    expect((await failure(office.record('providers', 'DMD1'))).code).toBe('API2003');
  });

  it('lose their refresh key to revokeRefreshKey', async () => {
    const client = h.client();
    const { refreshKey } = await client.issueRequestKey({ ...app(), officeId: DENTAL.officeId, secretKey: DENTAL.secretKey });
    await client.revokeRefreshKey({ ...app(), refreshKey: refreshKey ?? '' });
    expect((await failure(client.refreshRequestKey({ ...app(), refreshKey: refreshKey ?? '' }))).code).toBe('API2003');
  });

  it('take their expiry from Request-Key-Expires', async () => {
    const first = h.office(h.client());
    await first.record('providers', 'DMD1');
    const real = first.issued[0];
    const wrong = { requestKey: real?.requestKey ?? '', expiresAt: h.clock.now + 3600_000 };
    const second = h.office(h.client(), DENTAL, wrong);
    await second.record('providers', 'DMD1');
    expect(second.issued).toEqual([{ requestKey: wrong.requestKey, expiresAt: Math.floor((real?.expiresAt ?? 0) / 1000) * 1000 }]);
  });

  it('from sign-in with Sikka (v2 OAuth) read v4 data in the Request-Key header', async () => {
    const client = h.client();
    const consent = await nodeHttpTransport()({ method: 'GET', url: client.authorizationUrl({ clientId: h.sandbox.appId, redirectUri: 'http://127.0.0.1:53682/cb', extraParams: { office_id: VET.officeId } }), headers: {}, signal: new AbortController().signal, maxBodyBytes: 10_000 });
    const code = new URL(consent.headers['location'] ?? '').searchParams.get('code') ?? '';
    const tokens = await client.exchangeCode({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey, code, redirectUri: 'http://127.0.0.1:53682/cb' });
    const keys = client.refreshTokenSource({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey, refreshToken: tokens.refreshToken ?? '', officeId: VET.officeId });
    const pets = await collect(client.office(VET.officeId, { keys }).pages('patients/veterinary_patients'));
    expect(pets.flatMap((page) => page.records)).toEqual(h.records(VET.officeId, 'veterinary_patients'));
  });
});

describe('v4 data against the sandbox', () => {
  it('lists the authorized practices with the app\u2019s headers', async () => {
    const practices = await h.client().authorizedPractices(app());
    expect(practices.map((practice) => [practice.officeId, practice.timeZone])).toEqual([[DENTAL.officeId, DENTAL.timeZone], [VET.officeId, VET.timeZone]]);
  });

  it('reads every field by default (get_all), and v4\u2019s default fields when asked for none', async () => {
    const office = h.office(h.client());
    const all = (await collect(office.pages('patients'))).flatMap((page) => page.records);
    const defaults = (await collect(office.pages('patients', { fields: [], limit: 10 }))).flatMap((page) => page.records);
    expect(all).toEqual(h.records(DENTAL.officeId, 'patients'));
    expect(all[0]).toHaveProperty('homephone');
    expect(defaults[0]).not.toHaveProperty('homephone');
    expect(defaults[0]?.['patient_id']).toBe(all[0]?.['patient_id']);
  });

  it('keeps the flattened links as received', async () => {
    const id = h.records(DENTAL.officeId, 'appointments')[0]?.['appointment_sr_no'];
    expect(typeof id).toBe('string');
    const record = await h.office(h.client()).record('appointments', id as string);
    expect(record['patient_href']).toMatch(new RegExp(`^${h.sandbox.baseUrl}/v4/practices/1/patients/`));
    expect(record).not.toHaveProperty('patient');
  });

  it('yields no record while Sikka\u2019s data insert is in progress, and everything once it clears', async () => {
    const office = h.office(h.client());
    await office.record('providers', 'DMD1');
    h.sandbox.faults.dataInserting.add(DENTAL.officeId);
    const seen: unknown[] = [];
    const error = await failure((async () => {
      for await (const page of office.pages('appointments')) seen.push(...page.records);
    })());
    expect(error).toMatchObject({ code: 'DATA_INSERT_IN_PROGRESS', retry: 'later', officeId: DENTAL.officeId });
    expect(seen).toEqual([]);
    expect(h.dataRequests().filter((request) => request.path === '/v4/appointments')).toHaveLength(1);
    h.sandbox.faults.dataInserting.clear();
    expect((await collect(office.pages('appointments'))).flatMap((page) => page.records)).toEqual(h.records(DENTAL.officeId, 'appointments'));
  });

  it('stops a pagination at the page answered during an insert, keeping the pages before it', async () => {
    const office = h.office(h.client());
    const seen: number[] = [];
    const error = await failure((async () => {
      for await (const page of office.pages('appointments', { limit: 1000 })) {
        seen.push(page.index);
        h.sandbox.faults.dataInsertNext = 1;
      }
    })());
    expect(error.code).toBe('DATA_INSERT_IN_PROGRESS');
    expect(seen).toEqual([0]);
  });
});

describe('v4 changes against the sandbox', () => {
  it('come from practice_events as added, updated and deleted, the same changes as the resource\u2019s own log', async () => {
    const office = h.office(h.client());
    h.clock.now += 60_000;
    const change = h.sandbox.mutate(DENTAL.officeId, { add: 2, edit: 1, delete: 1 });
    h.clock.now += 60_000;
    const events = (await collect(office.changes('patients', { intervalMinutes: 2 }, { via: 'practiceEvents' }))).flatMap((page) => page.records);
    const log = (await collect(office.changes('patients', { intervalMinutes: 2 }))).flatMap((page) => page.records);
    expect(events.map((entry) => [entry.change, entry.record['patient_id']])).toEqual([
      ...change.added.map((id) => ['added', id]),
      ...change.edited.map((id) => ['updated', id]),
      ...change.deleted.map((id) => ['deleted', id]),
    ]);
    expect(log.map((entry) => [entry.change, entry.record['patient_id']])).toEqual([
      ...change.added.map((id) => ['added', id]),
      ...change.edited.flatMap((id) => [['deleted', id], ['added', id]]),
      ...change.deleted.map((id) => ['deleted', id]),
    ]);
    const updated = events.find((entry) => entry.change === 'updated');
    expect(updated?.record['changes']).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.any(String) as unknown, old_value: expect.any(String) as unknown, new_value: expect.any(String) as unknown })]));
    const { loadeddate: _at, flag: _flag, changes: _changes, ...record } = updated?.record ?? {};
    expect(record).toEqual(h.records(DENTAL.officeId, 'patients').find((patient) => patient['patient_id'] === change.edited[0]));
  });

  it('page through practice_events like any collection', async () => {
    const office = h.office(h.client());
    h.clock.now += 60_000;
    const change = h.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', add: 5, edit: 3 });
    h.clock.now += 60_000;
    const pages = await collect(office.changes('appointments', { intervalMinutes: 2 }, { via: 'practiceEvents', limit: 3 }));
    expect(pages.map((page) => page.records.length)).toEqual([3, 3, 2]);
    expect(pages.flatMap((page) => page.records).map((entry) => entry.record['appointment_sr_no'])).toEqual([...change.added, ...change.edited]);
  });
});
