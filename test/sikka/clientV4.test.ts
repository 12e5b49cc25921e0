import { describe, expect, it } from 'vitest';
import { createSikkaClient, type SikkaClientOptions } from '../../main/sikka/client';
import { sikkaEndpoints } from '../../main/sikka/endpoints';
import type { RequestKey, RequestKeySource } from '../../main/sikka/keys';
import type { HttpTransport } from '../../main/sikka/transport';
import { collect, collectionServer, failure, fakeTransport, instantSleep, json, rowsFor, sikkaError, type Recorded } from './support';

const T0 = Date.UTC(2026, 2, 10, 15, 0, 0);

function keys(initial = 'k', onKeyIssued?: (key: RequestKey) => void, expiresAt?: number): RequestKeySource & { readonly issued: number } {
  let issued = 0;
  return {
    get issued() {
      return issued;
    },
    initialKey: { requestKey: initial, expiresAt },
    onKeyIssued,
    issue: () => {
      issued += 1;
      return Promise.resolve({ requestKey: `key-${issued}`, expiresAt: T0 + 86_400_000 });
    },
  };
}

function v4(transport: HttpTransport, extra: Partial<SikkaClientOptions> = {}) {
  return createSikkaClient({ apiVersion: 'v4', baseUrl: 'http://sikka.test', transport, sleep: instantSleep(), random: () => 0.5, now: () => T0, ...extra });
}

const params = (request: Recorded | undefined) => Object.fromEntries(request?.url.searchParams ?? []);
const bodyOf = (request: Recorded | undefined) => JSON.parse(request?.body ?? '{}') as Record<string, string>;

const GRANT = {
  href: 'http://sikka.test/v4/request_key_info?request_key=rk1',
  request_key: 'rk1',
  start_time: '2026-03-10T10:00:00',
  end_time: '2026-03-11T10:00:00',
  expires_in: '85603 second(s)',
  issued_to: 'D1',
  status: 'active',
  request_count: '1',
  scope: 'patients,appointments',
  domain: 'Dental',
  refresh_key: 'fk1',
};

describe('v4 data calls', () => {
  it('send the key in the Request-Key header and never in the URL', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1), { envelope: 'v4' })(request.url));
    await collect(v4(transport).office('D1', { keys: keys('secret-rk') }).pages('patients'));
    const request = transport.requests[0];
    expect(request?.headers['request-key']).toBe('secret-rk');
    expect(request?.url.toString()).not.toContain('secret-rk');
    expect(request?.url.pathname).toBe('/v4/patients');
  });

  it('ask for 5000 rows and every field by default', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1), { envelope: 'v4' })(request.url));
    await collect(v4(transport).office('D1', { keys: keys() }).pages('patients'));
    expect(params(transport.requests[0])).toEqual({ offset: '0', limit: '5000', fields: 'get_all' });
  });

  it('never ask for more than 5000 rows', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1), { envelope: 'v4' })(request.url));
    await collect(v4(transport).office('D1', { keys: keys() }).pages('patients', { limit: 9000 }));
    expect(params(transport.requests[0])['limit']).toBe('5000');
  });

  it('ask for the fields given instead of get_all, and for the default fields with none', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1), { envelope: 'v4' })(request.url));
    const office = v4(transport).office('D1', { keys: keys() });
    await collect(office.pages('patients', { fields: ['homephone'] }));
    await collect(office.pages('patients', { fields: [] }));
    expect(params(transport.requests[0])['fields']).toBe('homephone');
    expect(params(transport.requests[1])).not.toHaveProperty('fields');
  });

  it('read the v4 envelope as an object and wrapped in an array, page by page', async () => {
    const rows = rowsFor(7);
    const transport = fakeTransport((request) => {
      const page = Number(request.url.searchParams.get('offset'));
      const envelope = { offset: String(page), limit: '3', total_count: '7', execution_time: '12', pagination: { first: '', previous: '', current: '', next: '', last: '' }, items: rows.slice(page * 3, page * 3 + 3) };
      return json(200, page === 1 ? [envelope] : envelope);
    });
    const pages = await collect(v4(transport).office('D1', { keys: keys() }).pages('patients', { limit: 3 }));
    expect(pages.flatMap((page) => page.records)).toEqual(rows);
    expect(pages.map((page) => [page.index, page.totalCount])).toEqual([[0, 7], [1, 7], [2, 7]]);
  });

  it('read the pets of a veterinary office at /v4/veterinary_patients', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(2), { envelope: 'v4' })(request.url));
    await collect(v4(transport).office('V1', { keys: keys() }).pages('patients/veterinary_patients'));
    expect(transport.requests[0]?.url.pathname).toBe('/v4/veterinary_patients');
  });

  it('are JSON even when the client was asked for XML', async () => {
    const transport = fakeTransport(() => json(200, { patient_id: '76', practice_href: 'h' }));
    const client = v4(transport, { format: 'xml' });
    const record = await client.office('D1', { keys: keys() }).record('patients', '76');
    expect(client.format).toBe('json');
    expect(transport.requests[0]?.url.pathname).toBe('/v4/patients/76');
    expect(transport.requests[0]?.headers['accept']).toBe('application/json');
    expect(record).toEqual({ patient_id: '76', practice_href: 'h' });
  });

  it('learn a key\u2019s expiry from Request-Key-Expires and renew before it', async () => {
    const expires = 'Tue, 10 Mar 2026 15:30:00 GMT';
    const transport = fakeTransport(() => json(200, { patient_id: '1' }, { 'request-key-expires': expires }));
    const reported: RequestKey[] = [];
    let now = T0;
    const source = keys('k', (key) => reported.push(key), T0 + 86_400_000);
    const office = v4(transport, { now: () => now }).office('D1', { keys: source });
    await office.record('patients', '1');
    expect(reported).toEqual([{ requestKey: 'k', expiresAt: Date.parse(expires) }]);
    await office.record('patients', '1');
    expect(reported).toHaveLength(1);
    now = Date.parse(expires) - 30_000;
    await office.record('patients', '1');
    expect(source.issued).toBe(1);
    expect(transport.requests.at(-1)?.headers['request-key']).toBe('key-1');
  });

  it('renew a key refused as expired even when another answer just taught its expiry', async () => {
    let answered = 0;
    const transport = fakeTransport((request) => {
      if (request.headers['request-key'] !== 'k') return json(200, { patient_id: '1' });
      answered += 1;
      return answered === 1 ? json(200, { patient_id: '1' }, { 'request-key-expires': 'Tue, 10 Mar 2026 20:00:00 GMT' }) : sikkaError('API1025', 400);
    });
    const source = keys('k', undefined, T0 + 86_400_000);
    const office = v4(transport).office('D1', { keys: source });
    await Promise.all([office.record('patients', '1'), office.record('patients', '1')]);
    expect(source.issued).toBe(1);
    expect(transport.requests.map((request) => request.headers['request-key'])).toEqual(['k', 'k', 'key-1']);
  });

  it('ignore a Request-Key-Expires that is not an HTTP date', async () => {
    const transport = fakeTransport(() => json(200, { patient_id: '1' }, { 'request-key-expires': '1773156600' }));
    const reported: RequestKey[] = [];
    await v4(transport).office('D1', { keys: keys('k', (key) => reported.push(key)) }).record('patients', '1');
    expect(reported).toEqual([]);
  });
});

describe('v4 Data-Insert: in progress', () => {
  it('yields no record of an answer given while the insert runs, even mid-pagination, and does not retry it', async () => {
    const rows = rowsFor(6);
    const transport = fakeTransport((request) => {
      const page = Number(request.url.searchParams.get('offset'));
      return json(200, { offset: String(page), limit: '3', total_count: '6', items: rows.slice(page * 3, page * 3 + 3) }, { 'data-insert': page === 0 ? 'completed' : 'in progress' });
    });
    const seen: Record<string, unknown>[] = [];
    const error = await failure((async () => {
      for await (const page of v4(transport).office('D1', { keys: keys() }).pages('patients', { limit: 3 })) seen.push(...page.records);
    })());
    expect(error).toMatchObject({ code: 'DATA_INSERT_IN_PROGRESS', retry: 'later', retryable: false, officeId: 'D1' });
    expect(seen).toEqual(rows.slice(0, 3));
    expect(transport.requests).toHaveLength(2);
  });

  it('says how long Sikka asked to wait, when it did', async () => {
    const transport = fakeTransport(() => json(200, { items: [] }, { 'data-insert': 'In Progress', 'retry-after': '120' }));
    expect(await failure(collect(v4(transport).office('D1', { keys: keys() }).pages('patients')))).toMatchObject({ code: 'DATA_INSERT_IN_PROGRESS', retryAfterMs: 120_000 });
  });

  it('is not mistaken for the end of a list when the answer is 204', async () => {
    const transport = fakeTransport(() => ({ status: 204, headers: { 'data-insert': 'in progress' }, body: new Uint8Array() }));
    expect((await failure(collect(v4(transport).office('D1', { keys: keys() }).pages('patients')))).code).toBe('DATA_INSERT_IN_PROGRESS');
  });

  it('does not concern key calls', async () => {
    const transport = fakeTransport(() => json(200, GRANT, { 'data-insert': 'in progress' }));
    await expect(v4(transport).issueRequestKey({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' })).resolves.toMatchObject({ requestKey: 'rk1' });
  });
});

describe('v4 changes', () => {
  const events = [
    { patient_id: '1', loadeddate: '2026-03-10T09:00:00', flag: 'added', changes: [] },
    { patient_id: '2', loadeddate: '2026-03-10T09:01:00', flag: 'updated', changes: [{ field: 'cell', old_value: '555-0100', new_value: '555-0199' }] },
    { patient_id: '3', loadeddate: '2026-03-10T09:02:00', flag: 'deleted', changes: [] },
  ];

  it('come from practice_events with added, updated and deleted beside the records as received', async () => {
    const transport = fakeTransport(() => json(200, { offset: '0', limit: '5000', total_count: '3', items: events }));
    const pages = await collect(v4(transport).office('D1', { keys: keys() }).changes('patients', { loadedStartDate: '2026-03-10T08:00:00', loadedEndDate: '2026-03-10T10:00:00' }, { via: 'practiceEvents' }));
    expect(transport.requests[0]?.url.pathname).toBe('/v4/practice_events');
    expect(params(transport.requests[0])).toEqual({ offset: '0', limit: '5000', fields: 'get_all', events: 'patients', loaded_startdate: '2026-03-10T08:00:00', loaded_enddate: '2026-03-10T10:00:00' });
    expect(pages[0]?.records).toEqual([
      { change: 'added', record: events[0] },
      { change: 'updated', record: events[1] },
      { change: 'deleted', record: events[2] },
    ]);
  });

  it('name the pets\u2019 API in practice_events, and ask for the latest change only when told', async () => {
    const transport = fakeTransport(() => ({ status: 204, headers: {}, body: new Uint8Array() }));
    await collect(v4(transport).office('V1', { keys: keys() }).changes('patients/veterinary_patients', { intervalMinutes: 30 }, { via: 'practiceEvents', flag: 'updated', latestOnly: true }));
    expect(params(transport.requests[0])).toMatchObject({ events: 'veterinary_patients', interval: '30', flag: 'updated', status: 'current' });
  });

  it('come from the resource\u2019s own change log by default', async () => {
    const transport = fakeTransport(() => json(200, { total_count: '1', items: [{ patient_id: '1', flag: 'Added' }] }));
    const pages = await collect(v4(transport).office('D1', { keys: keys() }).changes('patients', { intervalMinutes: 60 }));
    expect(transport.requests[0]?.url.pathname).toBe('/v4/patients');
    expect(params(transport.requests[0])).toMatchObject({ interval: '60', fields: 'get_all' });
    expect(pages[0]?.records.map((entry) => entry.change)).toEqual(['added']);
  });

  it('refuse practice_events-only options on a resource\u2019s change log, before calling Sikka', async () => {
    const transport = fakeTransport(() => json(200, {}));
    const office = v4(transport).office('D1', { keys: keys() });
    await expect(collect(office.changes('patients', { intervalMinutes: 5 }, { flag: 'updated' }))).rejects.toBeInstanceOf(RangeError);
    await expect(collect(office.changes('patients', { intervalMinutes: 5 }, { latestOnly: true }))).rejects.toBeInstanceOf(RangeError);
    expect(transport.requests).toHaveLength(0);
  });
});

describe('v4 keys', () => {
  it('are issued by the request_key grant, JSON in the body, expiry from "85603 second(s)"', async () => {
    const transport = fakeTransport(() => json(200, GRANT));
    const grant = await v4(transport).issueRequestKey({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' });
    expect(transport.requests[0]?.method).toBe('POST');
    expect(transport.requests[0]?.url.toString()).toBe('http://sikka.test/v4/request_key');
    expect(bodyOf(transport.requests[0])).toEqual({ grant_type: 'request_key', office_id: 'D1', secret_key: 's', app_id: 'a', app_key: 'b' });
    expect(grant).toEqual({ requestKey: 'rk1', expiresAt: T0 + 85_603_000, refreshKey: 'fk1', issuedTo: 'D1', status: 'active', scope: 'patients,appointments', domain: 'Dental' });
  });

  it('start a session with the request_key grant and hand on only the key', async () => {
    const transport = fakeTransport(() => json(200, [GRANT]));
    expect(await v4(transport).startSession({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' })).toEqual({ requestKey: 'rk1', expiresAt: T0 + 85_603_000 });
  });

  it('refuse a grant answer without a key', async () => {
    const transport = fakeTransport(() => json(200, { status: 'active' }));
    expect((await failure(v4(transport).issueRequestKey({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' }))).code).toBe('MALFORMED_RESPONSE');
  });

  it('renew with the refresh_key grant and report a new refresh key for keeping', async () => {
    let n = 1;
    const transport = fakeTransport(() => { n += 1; return json(200, { ...GRANT, request_key: `rk${n}`, refresh_key: `fk${n}` }); });
    const kept: string[] = [];
    const source = v4(transport).refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', refreshKey: 'fk1' }, { onRefreshKey: (key) => kept.push(key) });
    const first = await source.issue(new AbortController().signal);
    await source.issue(new AbortController().signal);
    expect(transport.requests.map((request) => bodyOf(request))).toEqual([
      { grant_type: 'refresh_key', refresh_key: 'fk1', app_id: 'a', app_key: 'b' },
      { grant_type: 'refresh_key', refresh_key: 'fk2', app_id: 'a', app_key: 'b' },
    ]);
    expect(first).toEqual({ requestKey: 'rk2', expiresAt: T0 + 85_603_000 });
    expect(kept).toEqual(['fk2', 'fk3']);
  });

  it('fall back to the request_key grant when Sikka refuses the refresh key', async () => {
    const transport = fakeTransport((request) => (bodyOf(request)['refresh_key'] === 'fk-deleted' ? sikkaError('API2003', 401) : json(200, { ...GRANT, refresh_key: 'fk-new' })));
    const kept: string[] = [];
    const source = v4(transport).refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', refreshKey: 'fk-deleted', secretKey: 's' }, { onRefreshKey: (key) => kept.push(key) });
    await source.issue(new AbortController().signal);
    await source.issue(new AbortController().signal);
    expect(transport.requests.map((request) => [bodyOf(request)['grant_type'], bodyOf(request)['refresh_key']])).toEqual([['refresh_key', 'fk-deleted'], ['request_key', undefined], ['refresh_key', 'fk-new']]);
    expect(kept).toEqual(['fk-new']);
  });

  it('use the request_key grant first when no refresh key is kept', async () => {
    const transport = fakeTransport(() => json(200, GRANT));
    const kept: string[] = [];
    await v4(transport).refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' }, { onRefreshKey: (key) => kept.push(key) }).issue(new AbortController().signal);
    expect(bodyOf(transport.requests[0])['grant_type']).toBe('request_key');
    expect(kept).toEqual(['fk1']);
  });

  it('do not fall back without a secret key, nor when Sikka is only unwell', async () => {
    const refused = fakeTransport(() => sikkaError('API2003', 401));
    const withoutSecret = v4(refused).refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', refreshKey: 'fk' });
    expect((await failure(withoutSecret.issue(new AbortController().signal))).code).toBe('API2003');
    const overloaded = fakeTransport(() => sikkaError('API2002', 503));
    const unwell = v4(overloaded, { retry: { maxRetries: 1 } }).refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', refreshKey: 'fk', secretKey: 's' });
    expect((await failure(unwell.issue(new AbortController().signal))).code).toBe('API2002');
    expect(overloaded.requests.every((request) => bodyOf(request)['grant_type'] === 'refresh_key')).toBe(true);
  });

  it('need a refresh key or a secret key', () => {
    expect(() => v4(fakeTransport(() => json(200, {}))).refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1' })).toThrow(RangeError);
  });

  it('are described by request_key_info with the key in the header', async () => {
    const transport = fakeTransport(() => json(200, { ...GRANT, refresh_key: undefined, expires_in: '600 second(s)' }));
    const info = await v4(transport).requestKeyInfo('rk1');
    expect(transport.requests[0]?.url.toString()).toBe('http://sikka.test/v4/request_key_info');
    expect(transport.requests[0]?.headers['request-key']).toBe('rk1');
    expect(info).toEqual({ active: true, status: 'active', issuedTo: 'D1', expiresAt: T0 + 600_000, startTime: '2026-03-10T10:00:00', endTime: '2026-03-11T10:00:00', requestCount: 1, scope: 'patients,appointments', domain: 'Dental' });
  });

  it('are described by v2\u2019s request_key_info with the key in the query', async () => {
    const transport = fakeTransport(() => json(200, { status: 'expired', expires_in: '0 second(s)', issued_to: 'D1' }));
    const info = await createSikkaClient({ baseUrl: 'http://sikka.test', transport, sleep: instantSleep() }).requestKeyInfo('rk1');
    expect(transport.requests[0]?.url.pathname).toBe('/v2/request_key_info');
    expect(params(transport.requests[0])).toEqual({ request_key: 'rk1' });
    expect(info).toMatchObject({ active: false, status: 'expired', expiresAt: undefined });
  });

  it('are revoked with DELETE and the key in the header', async () => {
    const transport = fakeTransport(() => sikkaError('API0002', 200));
    await v4(transport).revokeRequestKey('rk1');
    expect(transport.requests[0]).toMatchObject({ method: 'DELETE', headers: expect.objectContaining({ 'request-key': 'rk1' }) as unknown });
    expect(transport.requests[0]?.url.toString()).toBe('http://sikka.test/v4/request_key');
  });

  it('have their refresh key revoked with Refresh-Key, App-Id and App-Key headers', async () => {
    const transport = fakeTransport(() => sikkaError('API0002', 200));
    await v4(transport).revokeRefreshKey({ appId: 'a', appKey: 'b', refreshKey: 'fk1' });
    expect(transport.requests[0]?.method).toBe('DELETE');
    expect(transport.requests[0]?.url.toString()).toBe('http://sikka.test/v4/refresh_key');
    expect(transport.requests[0]?.headers).toMatchObject({ 'refresh-key': 'fk1', 'app-id': 'a', 'app-key': 'b' });
  });

  it('are v4 calls that a v2 client refuses without calling Sikka', async () => {
    const transport = fakeTransport(() => json(200, GRANT));
    const v2 = createSikkaClient({ baseUrl: 'http://sikka.test', transport, sleep: instantSleep() });
    await expect(v2.issueRequestKey({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' })).rejects.toBeInstanceOf(RangeError);
    await expect(v2.revokeRequestKey('rk')).rejects.toBeInstanceOf(RangeError);
    expect(() => v2.refreshKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 's' })).toThrow(RangeError);
    expect(transport.requests).toHaveLength(0);
  });

  it('from an OAuth refresh token come from /v2/token and go in the Request-Key header', async () => {
    const transport = fakeTransport((request) => (request.url.pathname === '/v2/token' ? json(200, { request_key: 'oauth-rk', refresh_token: 'rt', expires_in: '86400' }) : json(200, { patient_id: '1' })));
    const client = v4(transport);
    const keysFromToken = client.refreshTokenSource({ clientId: 'a', clientSecret: 'b', refreshToken: 'rt', officeId: 'D1' });
    await client.office('D1', { keys: keysFromToken }).record('patients', '1');
    expect(transport.requests.map((request) => request.url.pathname)).toEqual(['/v2/token', '/v4/patients/1']);
    expect(transport.requests[1]?.headers['request-key']).toBe('oauth-rk');
  });
});

describe('v4 app calls', () => {
  it('list authorized practices with the app id and key as headers', async () => {
    const office = { office_id: 'D1', secret_key: 's3cret', practice_name: 'Smile', domain: 'Dental' };
    const transport = fakeTransport(() => json(200, { offset: '0', limit: '5000', total_count: '1', items: [office] }));
    const practices = await v4(transport).authorizedPractices({ appId: 'app', appKey: 'appkey' });
    expect(transport.requests[0]?.url.pathname).toBe('/v4/authorized_practices');
    expect(params(transport.requests[0])).toEqual({ offset: '0', limit: '5000' });
    expect(transport.requests[0]?.headers).toMatchObject({ 'app-id': 'app', 'app-key': 'appkey' });
    expect(practices.map((practice) => practice.officeId)).toEqual(['D1']);
  });

  it('read data_sync_status with the app id and key as headers, "refresh" and its opposites as Sikka writes them', async () => {
    const items = [
      { status: 'refresh', office_id: 'D1', data_insert_date: '2022-03-28T01:40:31' },
      { status: 'not refresh', office_id: 'D2' },
      { status: 'not_refresh', office_id: 'D3' },
      { status: '', office_id: 'D4' },
    ];
    const transport = fakeTransport(() => json(200, { offset: '0', limit: '5000', total_count: '4', items }));
    const states = await v4(transport).dataSyncStatus({ appId: 'app', appKey: 'appkey' });
    expect(transport.requests[0]?.url.pathname).toBe('/v4/data_sync_status');
    expect(transport.requests[0]?.headers).toMatchObject({ 'app-id': 'app', 'app-key': 'appkey' });
    expect(states).toEqual([
      { officeId: 'D1', status: 'refresh', refreshing: true },
      { officeId: 'D2', status: 'not refresh', refreshing: false },
      { officeId: 'D3', status: 'not_refresh', refreshing: false },
    ]);
    await expect(createSikkaClient().dataSyncStatus({ appId: 'app', appKey: 'appkey' })).rejects.toThrow(RangeError);
  });

  it('keep sign-in with Sikka on v2\u2019s addresses', () => {
    expect(sikkaEndpoints('https://api.sikkasoft.com', {}, 'v4')).toEqual({
      apiBaseUrl: 'https://api.sikkasoft.com/v4',
      authBaseUrl: 'https://api.sikkasoft.com/v4',
      startUrl: 'https://api.sikkasoft.com/v2/start',
      requestKeyUrl: 'https://api.sikkasoft.com/v4/request_key',
      refreshKeyUrl: 'https://api.sikkasoft.com/v4/refresh_key',
      requestKeyInfoUrl: 'https://api.sikkasoft.com/v4/request_key_info',
      tokenUrl: 'https://api.sikkasoft.com/v2/token',
      revokeUrl: 'https://api.sikkasoft.com/v2/refresh_token',
      authorizeUrl: 'https://api.sikkasoft.com/portal/authapp.aspx',
    });
    expect(createSikkaClient({ apiVersion: 'v4' }).apiVersion).toBe('v4');
    expect(createSikkaClient().apiVersion).toBe('v2');
  });

  it('pace by X-Rate-Limit-* and wait out a 429 until the window resets', async () => {
    let calls = 0;
    const transport = fakeTransport(() => {
      calls += 1;
      return calls === 1
        ? json(429, {}, { 'x-rate-limit-limit': '5', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '20' })
        : json(200, { patient_id: '1' }, { 'x-rate-limit-limit': '5', 'x-rate-limit-remaining': '4', 'x-rate-limit-reset': '40' });
    });
    const sleep = instantSleep();
    let now = T0;
    const client = v4(transport, { sleep: (ms, signal) => { now += ms; return sleep(ms, signal); }, now: () => now });
    await client.office('D1', { keys: keys() }).record('patients', '1');
    expect(transport.requests).toHaveLength(2);
    expect(sleep.waits.reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(20_000);
  });
});
