import { describe, expect, it } from 'vitest';
import { DENTAL, envelopeOf, errorCodeOf, useSandbox, v4EnvelopeOf, VET } from './support';

const s = useSandbox();

type Body = Record<string, unknown>;

function grantRequest(body: Body): Promise<Response> {
  return s.get('/v4/request_key', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function app(): Body {
  return { app_id: s.sandbox.appId, app_key: s.sandbox.appKey };
}

async function withKey(pathAndQuery: string, key: string, init: RequestInit = {}): Promise<Response> {
  return s.get(pathAndQuery, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), 'request-key': key } });
}

describe('v4 request keys', () => {
  it('the request_key grant answers a key, its refresh key and its lifetime as v4 writes them', async () => {
    const grant = await s.grant();
    expect(grant).toMatchObject({ issued_to: DENTAL.officeId, status: 'active', domain: 'Dental', expires_in: '86400 second(s)' });
    expect(grant.request_key).toMatch(/^[0-9a-f]{32}$/);
    expect(grant.refresh_key).toMatch(/^[0-9a-f]{32}$/);
    expect(grant.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(grant.scope.split(',')).toEqual(expect.arrayContaining(['patients', 'appointments', 'practice_events']));
  });

  it('hands out the office\u2019s current key and refresh key while they are valid', async () => {
    const first = await s.grant();
    const again = await s.grant();
    expect([again.request_key, again.refresh_key]).toEqual([first.request_key, first.refresh_key]);
    expect((await s.grant(VET)).request_key).not.toBe(first.request_key);
  });

  it('the refresh_key grant issues a new key for the refresh key\u2019s office', async () => {
    const first = await s.grant();
    const response = await grantRequest({ grant_type: 'refresh_key', refresh_key: first.refresh_key, ...app() });
    const renewed = (await response.json()) as Body;
    expect(renewed).toMatchObject({ issued_to: DENTAL.officeId, refresh_key: first.refresh_key });
    expect(renewed['request_key']).not.toBe(first.request_key);
    expect((await withKey('/v4/providers', String(renewed['request_key']))).status).toBe(200);
  });

  it.each([
    [{ office_id: DENTAL.officeId, secret_key: DENTAL.secretKey }, 400, 'API1020'],
    [{ grant_type: 'password', office_id: DENTAL.officeId, secret_key: DENTAL.secretKey }, 400, 'API1026'],
    [{ grant_type: 'request_key', secret_key: DENTAL.secretKey }, 400, 'API1020'],
    [{ grant_type: 'request_key', office_id: DENTAL.officeId }, 400, 'API1005'],
    [{ grant_type: 'request_key', office_id: DENTAL.officeId, secret_key: 'wrong' }, 401, 'API2003'],
    [{ grant_type: 'refresh_key' }, 400, 'API1020'],
    [{ grant_type: 'refresh_key', refresh_key: 'unknown' }, 401, 'API2003'],
  ])('answers the grant %j with %i %s', async (body, status, code) => {
    const response = await grantRequest({ ...body, ...app() });
    expect(response.status).toBe(status);
    expect(await errorCodeOf(response)).toBe(code);
  });

  it('refuses a grant without the app\u2019s credentials', async () => {
    const response = await grantRequest({ grant_type: 'request_key', office_id: DENTAL.officeId, secret_key: DENTAL.secretKey, app_key: s.sandbox.appKey });
    expect([response.status, await errorCodeOf(response)]).toEqual([400, 'API1001']);
  });

  it('describes a key through request_key_info with the Request-Key header', async () => {
    const { request_key: key } = await s.grant();
    const info = (await (await withKey('/v4/request_key_info', key)).json()) as Body;
    expect(info).toMatchObject({ request_key: key, status: 'active', issued_to: DENTAL.officeId, domain: 'Dental', href: `${s.sandbox.baseUrl}/v4/request_key_info` });
    expect(info['expires_in']).toMatch(/^\d+ second\(s\)$/);
  });

  it('ends a key on DELETE /v4/request_key', async () => {
    const { request_key: key } = await s.grant(VET);
    const response = await withKey('/v4/request_key', key, { method: 'DELETE' });
    expect([response.status, await errorCodeOf(response)]).toEqual([200, 'API0002']);
    expect(await errorCodeOf(await withKey('/v4/providers', key))).toBe('API2003');
    expect((await s.grant(VET)).request_key).not.toBe(key);
  });

  it('ends a refresh key, and the keys issued through it, on DELETE /v4/refresh_key', async () => {
    const { refresh_key: refreshKey } = await s.grant(VET);
    const renewed = (await (await grantRequest({ grant_type: 'refresh_key', refresh_key: refreshKey, ...app() })).json()) as Body;
    const headers = { 'refresh-key': refreshKey, 'app-id': s.sandbox.appId, 'app-key': s.sandbox.appKey };
    const response = await s.get('/v4/refresh_key', { method: 'DELETE', headers });
    expect([response.status, await errorCodeOf(response)]).toEqual([200, 'API0002']);
    expect(await errorCodeOf(await withKey('/v4/providers', String(renewed['request_key'])))).toBe('API2003');
    expect(await errorCodeOf(await grantRequest({ grant_type: 'refresh_key', refresh_key: refreshKey, ...app() }))).toBe('API2003');
    expect((await s.grant(VET)).refresh_key).not.toBe(refreshKey);
  });

  it('refuses DELETE /v4/refresh_key without the app\u2019s headers', async () => {
    const { refresh_key: refreshKey } = await s.grant();
    const response = await s.get('/v4/refresh_key', { method: 'DELETE', headers: { 'refresh-key': refreshKey } });
    expect([response.status, await errorCodeOf(response)]).toEqual([400, 'API1001']);
  });

  it('refuses a key given in the URL: v4 reads only the Request-Key header', async () => {
    const { request_key: key } = await s.grant();
    const response = await s.get(`/v4/providers?request_key=${key}`);
    expect([response.status, await errorCodeOf(response)]).toEqual([400, 'API1004']);
    expect(await errorCodeOf(await s.get(`/v4/request_key_info?request_key=${key}`))).toBe('API1004');
  });

  it('reads the office with a key from v2\u2019s start, the same kind of key', async () => {
    expect((await withKey('/v4/providers', await s.key())).status).toBe(200);
  });
});

describe('v4 authorized_practices', () => {
  it('lists the offices in the v4 envelope for App-Id and App-Key headers', async () => {
    const response = await s.get('/v4/authorized_practices', { headers: { 'app-id': s.sandbox.appId, 'app-key': s.sandbox.appKey } });
    const listing = await v4EnvelopeOf(response);
    expect(listing.total_count).toBe('2');
    expect(listing.items.map((office) => [office['office_id'], office['secret_key'], office['href']])).toEqual([
      [DENTAL.officeId, DENTAL.secretKey, `${s.sandbox.baseUrl}/v4/authorized_practices/${DENTAL.officeId}`],
      [VET.officeId, VET.secretKey, `${s.sandbox.baseUrl}/v4/authorized_practices/${VET.officeId}`],
    ]);
  });

  it('takes the app\u2019s credentials only as headers', async () => {
    const response = await s.get(`/v4/authorized_practices?app_id=${s.sandbox.appId}&app_key=${s.sandbox.appKey}`);
    expect([response.status, await errorCodeOf(response)]).toEqual([400, 'API1001']);
  });
});

describe('v4 data_sync_status', () => {
  const appHeaders = () => ({ 'app-id': s.sandbox.appId, 'app-key': s.sandbox.appKey });

  it('says "refresh" for each office SPC reaches, with its data_insert_date as the v4 collection writes it', async () => {
    const listing = await v4EnvelopeOf(await s.get('/v4/data_sync_status', { headers: appHeaders() }));
    expect(listing.items.map((office) => [office['office_id'], office['status']])).toEqual([[DENTAL.officeId, 'refresh'], [VET.officeId, 'refresh']]);
    expect(listing.items[0]).toMatchObject({ practice_name: DENTAL.practiceName, domain: 'Dental', practice_management_system_refresh_date_time_zone: expect.any(String) as string });
    expect(String(listing.items[0]?.['data_insert_date'])).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('says "not_refresh" for an office whose SPC cannot reach the practice system, and filters by office_id', async () => {
    s.sandbox.faults.spcNotRefreshing.add(VET.officeId);
    const listing = await v4EnvelopeOf(await s.get(`/v4/data_sync_status?office_id=${VET.officeId}`, { headers: appHeaders() }));
    expect(listing.items.map((office) => [office['office_id'], office['status']])).toEqual([[VET.officeId, 'not_refresh']]);
  });

  it('takes the app\u2019s credentials as headers, and is a v4 call only', async () => {
    expect(await errorCodeOf(await s.get('/v4/data_sync_status'))).toBe('API1001');
    expect((await s.get('/v2/data_sync_status', { headers: appHeaders() })).status).toBe(404);
  });
});

describe('v4 collections', () => {
  it('answer the v4 envelope with pagination links, 50 rows by default', async () => {
    const page = await v4EnvelopeOf(await s.v4('/v4/appointments?offset=1'));
    const base = `${s.sandbox.baseUrl}/v4/appointments`;
    expect(page).toMatchObject({ offset: '1', limit: '50', total_count: '3000' });
    expect(page.execution_time).toMatch(/^\d+$/);
    expect(page.pagination).toEqual({
      first: `${base}?offset=0&limit=50`,
      previous: `${base}?offset=0&limit=50`,
      current: `${base}?offset=1&limit=50`,
      next: `${base}?offset=2&limit=50`,
      last: `${base}?offset=59&limit=50`,
    });
    expect(page.items).toHaveLength(50);
  });

  it('leave previous empty on the first page and next empty on the last', async () => {
    const first = await v4EnvelopeOf(await s.v4('/v4/providers?limit=5000'));
    expect([first.pagination.previous, first.pagination.next]).toEqual(['', '']);
  });

  it('page as the v4 guide says: offset=1&limit=500 is rows 501 to 1000', async () => {
    const page = await v4EnvelopeOf(await s.v4('/v4/appointments?offset=1&limit=500&fields=get_all'));
    expect(page.items).toEqual([...s.sandbox.records(DENTAL.officeId, 'appointments', 'v4')].slice(500, 1000));
  });

  it('serve up to 5000 rows a page and refuse more with API1026', async () => {
    expect((await v4EnvelopeOf(await s.v4('/v4/appointments?limit=5000'))).items).toHaveLength(3000);
    const response = await s.v4('/v4/appointments?limit=5001');
    expect([response.status, await errorCodeOf(response)]).toEqual([400, 'API1026']);
  });

  it('answer 204 past the last row', async () => {
    expect((await s.v4('/v4/appointments?offset=1&limit=5000')).status).toBe(204);
  });

  it('are the v2 data with links flattened to *_href under /v4', async () => {
    const v2 = await envelopeOf(await s.data('/v2/patients?limit=20'));
    const v4 = await v4EnvelopeOf(await s.v4('/v4/patients?limit=20&fields=get_all'));
    for (const [index, record] of v2.items.entries()) {
      const flat = v4.items[index] ?? {};
      for (const [field, value] of Object.entries(record)) {
        if (typeof value === 'object' && value !== null) {
          const name = `${field.endsWith('s') ? field.slice(0, -1) : field}_href`;
          expect(flat[name]).toBe((value as { href: string }).href.replace('/v2/', '/v4/'));
        } else if (field === 'href') {
          expect(flat['href']).toBe(String(value).replace('/v2/', '/v4/'));
        } else {
          expect(flat[field]).toBe(value);
        }
      }
    }
    expect(v4.items[0]).toHaveProperty('appointment_href');
  });

  it('answer the default fields without fields, every field with get_all, and the defaults plus named ones otherwise', async () => {
    const plain = (await v4EnvelopeOf(await s.v4('/v4/patients?limit=1'))).items[0] ?? {};
    const all = (await v4EnvelopeOf(await s.v4('/v4/patients?limit=1&fields=get_all'))).items[0] ?? {};
    const some = (await v4EnvelopeOf(await s.v4('/v4/patients?limit=1&fields=homephone'))).items[0] ?? {};
    expect(plain).toHaveProperty('firstname');
    expect(plain).not.toHaveProperty('homephone');
    expect(plain).not.toHaveProperty('gender');
    expect(all).toEqual([...s.sandbox.records(DENTAL.officeId, 'patients', 'v4')][0]);
    expect(Object.keys(some).sort()).toEqual([...Object.keys(plain), 'homephone'].sort());
  });

  it('serve the pets at /v4/veterinary_patients', async () => {
    const pets = await v4EnvelopeOf(await s.v4('/v4/veterinary_patients?limit=5000&fields=get_all', { office: VET }));
    expect(pets.items).toEqual([...s.sandbox.records(VET.officeId, 'veterinary_patients', 'v4')]);
    expect(pets.items[0]).toHaveProperty('species');
  });

  it('serve one record by id in v4\u2019s shape', async () => {
    const record = (await (await s.v4('/v4/providers/DMD1?fields=get_all')).json()) as Body;
    expect(record).toEqual([...s.sandbox.records(DENTAL.officeId, 'providers', 'v4')].find((provider) => provider['provider_id'] === 'DMD1'));
  });

  it('answer JSON only: an /xml form is API1006', async () => {
    const response = await s.v4('/v4/patients/xml');
    expect([response.status, response.headers.get('content-type'), await errorCodeOf(response)]).toEqual([415, 'application/json; charset=utf-8', 'API1006']);
  });

  it('answer v4 errors with the v2 error body\u2019s fields', async () => {
    const response = await s.v4('/v4/patients/no-such-id');
    expect(response.status).toBe(404);
    expect(Object.keys((await response.json()) as Body)).toEqual(['http_code', 'http_code_desc', 'error_code', 'short_message', 'long_message', 'more_information']);
  });
});

describe('v4 response headers', () => {
  it('say when the key expires and that the data insert is completed', async () => {
    const grant = await s.grant();
    const response = await withKey('/v4/providers', grant.request_key);
    const expires = Date.parse(response.headers.get('request-key-expires') ?? '');
    expect(response.headers.get('request-key-expires')).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(expires).toBeGreaterThan(s.clock.now);
    expect(response.headers.get('data-insert')).toBe('completed');
  });

  it('say "in progress" for the next N data answers, with their data', async () => {
    const { request_key: key } = await s.grant();
    s.sandbox.faults.dataInsertNext = 1;
    const inserting = await withKey('/v4/providers', key);
    const after = await withKey('/v4/providers', key);
    expect([inserting.status, inserting.headers.get('data-insert'), after.headers.get('data-insert')]).toEqual([200, 'in progress', 'completed']);
  });

  it('say "in progress" for an office while its insert runs', async () => {
    const { request_key: key } = await s.grant();
    s.sandbox.faults.dataInserting.add(DENTAL.officeId);
    expect((await withKey('/v4/providers', key)).headers.get('data-insert')).toBe('in progress');
    expect((await s.v4('/v4/providers', { office: VET })).headers.get('data-insert')).toBe('completed');
    s.sandbox.faults.dataInserting.clear();
    expect((await withKey('/v4/providers', key)).headers.get('data-insert')).toBe('completed');
  });

  it('carry X-Rate-Limit-* and, over the limit, a 429 without Retry-After', async () => {
    const { request_key: key } = await s.grant();
    s.sandbox.faults.rateLimit = { limit: 1, windowSeconds: 60 };
    const allowed = await withKey('/v4/providers', key);
    const refused = await withKey('/v4/providers', key);
    expect([allowed.headers.get('x-rate-limit-limit'), allowed.headers.get('x-rate-limit-remaining')]).toEqual(['1', '0']);
    expect([refused.status, refused.headers.get('x-rate-limit-reset'), refused.headers.get('retry-after')]).toEqual([429, '60', null]);
  });
});

describe('practice_events', () => {
  const window = (from: number, to: number) => {
    const local = (ms: number) => new Date(ms - 5 * 3600_000).toISOString().slice(0, 19);
    return `loaded_startdate=${local(from)}&loaded_enddate=${local(to)}`;
  };

  it('lists adds, edits and deletes as added, updated and deleted, each edit with the fields it changed', async () => {
    s.clock.now += 3600_000;
    const before = new Map<unknown, Body>([...s.sandbox.records(DENTAL.officeId, 'patients', 'v4')].map((p) => [p['patient_id'], p]));
    const change = s.sandbox.mutate(DENTAL.officeId, { add: 1, edit: 2, delete: 1 });
    const after = new Map<unknown, Body>([...s.sandbox.records(DENTAL.officeId, 'patients', 'v4')].map((p) => [p['patient_id'], p]));
    const events = await v4EnvelopeOf(await s.v4(`/v4/practice_events?events=patients&fields=get_all&${window(change.at - 60_000, change.at + 60_000)}`));
    expect(events.items.map((event) => [event['flag'], event['patient_id']])).toEqual([
      ['added', change.added[0]],
      ...change.edited.map((id) => ['updated', id]),
      ['deleted', change.deleted[0]],
    ]);
    for (const event of events.items) {
      const { loadeddate, flag, changes, ...record } = event;
      expect(loadeddate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      const id = record['patient_id'];
      expect(record).toEqual(flag === 'deleted' ? before.get(id) : after.get(id));
      if (flag !== 'updated') expect(changes).toEqual([]);
      else {
        const expected = Object.keys(after.get(id) ?? {}).filter((field) => before.get(id)?.[field] !== after.get(id)?.[field]);
        expect((changes as { field: string }[]).map((fieldChange) => fieldChange.field)).toEqual(expected);
        expect(changes).toContainEqual({ field: expected[0], old_value: before.get(id)?.[expected[0] ?? ''], new_value: after.get(id)?.[expected[0] ?? ''] });
      }
    }
  });

  it('pages like any collection and filters by flag', async () => {
    s.clock.now += 3600_000;
    const first = s.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', add: 3, edit: 2 });
    s.clock.now += 1000;
    s.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', delete: 1 });
    const query = `/v4/practice_events?events=appointments&${window(first.at - 1000, s.clock.now + 1000)}`;
    const total = (await v4EnvelopeOf(await s.v4(`${query}&limit=4`))).total_count;
    const second = await v4EnvelopeOf(await s.v4(`${query}&limit=4&offset=1`));
    const updated = await v4EnvelopeOf(await s.v4(`${query}&flag=updated`));
    expect(total).toBe('6');
    expect(second.items).toHaveLength(2);
    expect(updated.items.map((event) => event['appointment_sr_no'])).toEqual(first.edited);
  });

  it('with status=current lists each record\u2019s latest change only', async () => {
    s.clock.now += 3600_000;
    // Eight edits among six providers: some provider changes twice.
    s.sandbox.mutate(DENTAL.officeId, { resource: 'providers', edit: 4 });
    s.clock.now += 1000;
    s.sandbox.mutate(DENTAL.officeId, { resource: 'providers', edit: 4 });
    const every = (await v4EnvelopeOf(await s.v4('/v4/practice_events?events=providers&interval=5'))).items;
    const current = (await v4EnvelopeOf(await s.v4('/v4/practice_events?events=providers&interval=5&status=current'))).items;
    const lastOf = new Map(every.map((event) => [event['provider_id'], event]));
    expect(every).toHaveLength(8);
    expect(current).toEqual(every.filter((event) => lastOf.get(event['provider_id']) === event));
    expect(current.length).toBeLessThan(every.length);
  });

  it('needs events, one the sandbox knows', async () => {
    expect(await errorCodeOf(await s.v4('/v4/practice_events?interval=5'))).toBe('API1020');
    expect(await errorCodeOf(await s.v4('/v4/practice_events?events=claims&interval=5'))).toBe('API1026');
    expect(await errorCodeOf(await s.v4('/v4/practice_events?events=patients&flag=moved'))).toBe('API1026');
  });

  it('is served by v2 too, in the v2 envelope', async () => {
    s.clock.now += 3600_000;
    const change = s.sandbox.mutate(DENTAL.officeId, { edit: 1 });
    const events = await envelopeOf(await s.data('/v2/practice_events?events=patients&interval=1'));
    expect(events.items.map((event) => [event['flag'], event['patient_id']])).toEqual([['updated', change.edited[0]]]);
  });
});
