import { describe, expect, it } from 'vitest';
import { createSikkaClient, type SikkaClientOptions } from '../../main/sikka/client';
import { SikkaApiError } from '../../main/sikka/errors';
import type { RequestKey, RequestKeySource } from '../../main/sikka/keys';
import type { HttpTransport } from '../../main/sikka/transport';
import { capturingLogger, collect, collectionServer, failure, fakeTransport, gzipped, instantSleep, json, rowsFor, sikkaError, text, type Recorded } from './support';

const T0 = Date.UTC(2026, 2, 10, 15, 0, 0);

function keys(initial?: string, onKeyIssued?: (key: RequestKey) => void): RequestKeySource & { issued: number } {
  let issued = 0;
  return {
    get issued() {
      return issued;
    },
    initialKey: initial === undefined ? undefined : { requestKey: initial },
    onKeyIssued,
    issue: () => {
      issued += 1;
      return Promise.resolve({ requestKey: `key-${issued}` });
    },
  };
}

function client(transport: HttpTransport, extra: Partial<SikkaClientOptions> = {}) {
  const sleep = instantSleep();
  const sikka = createSikkaClient({ baseUrl: 'http://sikka.test', transport, sleep, random: () => 0.5, now: () => T0, ...extra });
  return { sikka, sleep };
}

const dataRequests = (requests: readonly Recorded[]) => requests.filter((request) => request.url.pathname.startsWith('/v2/patients'));

describe('requests', () => {
  it('asks for gzip and decodes a gzip answer', async () => {
    const transport = fakeTransport((request) => gzipped(collectionServer(rowsFor(3))(request.url)));
    const { sikka } = client(transport);
    const pages = await collect(sikka.office('D1', { keys: keys('k') }).pages('patients'));
    expect(transport.requests[0]?.headers['accept-encoding']).toBe('gzip');
    expect(pages.flatMap((page) => page.records)).toEqual(rowsFor(3));
  });

  it('sends the key, the page, 4999 rows by default, fields and expand', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1))(request.url));
    const { sikka } = client(transport);
    await collect(sikka.office('D1', { keys: keys('k') }).pages('patients', { fields: ['firstname', 'lastname'], expand: ['practice'] }));
    const params = Object.fromEntries(transport.requests[0]?.url.searchParams ?? []);
    expect(transport.requests[0]?.url.pathname).toBe('/v2/patients');
    expect(params).toEqual({ request_key: 'k', offset: '0', limit: '4999', fields: 'firstname,lastname', expand: 'practice' });
  });

  it('never asks for more than 4999 rows', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1))(request.url));
    const { sikka } = client(transport);
    await collect(sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 10_000 }));
    expect(transport.requests[0]?.url.searchParams.get('limit')).toBe('4999');
  });

  it('uses the /xml URL form when the client is set to XML', async () => {
    const transport = fakeTransport(() => text(200, '<response><total_count>1</total_count><items><item><patient_id>1</patient_id></item></items></response>', { 'content-type': 'application/xml' }));
    const { sikka } = client(transport, { format: 'xml' });
    const pages = await collect(sikka.office('D1', { keys: keys('k') }).pages('patients/veterinary_patients'));
    expect(transport.requests[0]?.url.pathname).toBe('/v2/patients/veterinary_patients/xml');
    expect(pages[0]?.records).toEqual([{ patient_id: '1' }]);
  });

  it('sends change-log windows and reads flags beside the untouched record', async () => {
    const entries = [{ patient_id: '1', flag: 'Added' }, { patient_id: '2', flag: 'deleted' }, { patient_id: '3', flag: 'UPDATED' }];
    const transport = fakeTransport(() => json(200, [{ total_count: '3', limit: '4999', offset: '0', items: entries }]));
    const { sikka } = client(transport);
    const pages = await collect(sikka.office('D1', { keys: keys('k') }).changes('patients', { loadedStartDate: '2026-03-01T10:52:00', loadedEndDate: '2026-03-01T11:52:00' }));
    expect(transport.requests[0]?.url.searchParams.get('loaded_startdate')).toBe('2026-03-01T10:52:00');
    expect(transport.requests[0]?.url.searchParams.get('loaded_enddate')).toBe('2026-03-01T11:52:00');
    expect(pages[0]?.records).toEqual([
      { change: 'added', record: entries[0] },
      { change: 'deleted', record: entries[1] },
      { change: 'updated', record: entries[2] },
    ]);
  });

  it('sends an interval instead of dates', async () => {
    const transport = fakeTransport(() => ({ status: 204, headers: {}, body: new Uint8Array() }));
    const { sikka } = client(transport);
    await collect(sikka.office('D1', { keys: keys('k') }).changes('appointments', { intervalMinutes: 1440 }, { flag: 'deleted' }));
    expect(transport.requests[0]?.url.searchParams.get('interval')).toBe('1440');
    expect(transport.requests[0]?.url.searchParams.get('flag')).toBe('deleted');
  });

  it('refuses a change-log entry without a known flag', async () => {
    const transport = fakeTransport(() => json(200, [{ total_count: '1', items: [{ patient_id: '1', flag: 'moved' }] }]));
    const { sikka } = client(transport);
    const error = await failure(collect(sikka.office('D1', { keys: keys('k') }).changes('patients', { intervalMinutes: 5 })));
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', officeId: 'D1' });
  });

  it('refuses out-of-range arguments before calling Sikka', async () => {
    const transport = fakeTransport(() => json(200, []));
    const office = client(transport).sikka.office('D1', { keys: keys('k') });
    await expect(collect(office.changes('patients', { intervalMinutes: 1441 }))).rejects.toBeInstanceOf(RangeError);
    await expect(collect(office.changes('patients', { loadedStartDate: '03/01/2026' }))).rejects.toBeInstanceOf(RangeError);
    await expect(collect(office.pages('patients', { limit: 0 }))).rejects.toBeInstanceOf(RangeError);
    await expect(collect(office.pages('../patients'))).rejects.toBeInstanceOf(RangeError);
    await expect(collect(office.pages('patients', { params: { request_key: 'x' } }))).rejects.toBeInstanceOf(RangeError);
    expect(transport.requests).toHaveLength(0);
  });

  it('reads one record', async () => {
    const transport = fakeTransport(() => json(200, { patient_id: '76', practice: { href: 'h' } }));
    const record = await client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '76', { expand: ['practice'] });
    expect(transport.requests[0]?.url.pathname).toBe('/v2/patients/76');
    expect(record).toEqual({ patient_id: '76', practice: { href: 'h' } });
  });
});

describe('pagination', () => {
  it.each(['v2', 'v4', 'bare'] as const)('reads every row once through %s envelopes', async (envelope) => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(25), { envelope })(request.url));
    const pages = await collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 10 }));
    expect(pages.flatMap((page) => page.records)).toEqual(rowsFor(25));
    expect(pages.map((page) => [page.index, page.limit, page.firstRow])).toEqual([[0, 10, 0], [1, 10, 10], [2, 10, 20]]);
  });

  it('stops at total_count without asking for an empty page', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(20))(request.url));
    const pages = await collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 10 }));
    expect(pages).toHaveLength(2);
    expect(pages[1]?.next).toBeNull();
    expect(transport.requests).toHaveLength(2);
  });

  it('stops on HTTP 204 and on an API2005 body', async () => {
    let calls = 0;
    const transport = fakeTransport(() => {
      calls += 1;
      return calls === 1 ? json(200, rowsFor(10)) : sikkaError('API2005', 200);
    });
    const pages = await collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 10 }));
    expect(pages.flatMap((page) => page.records)).toHaveLength(10);
    expect(transport.requests).toHaveLength(2);
  });

  it('resumes at a start page', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(25))(request.url));
    const pages = await collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 10, startPage: 2 }));
    expect(pages.flatMap((page) => page.records)).toEqual(rowsFor(25).slice(20));
    expect(transport.requests[0]?.url.searchParams.get('offset')).toBe('2');
  });

  it('follows a server that caps the page size, without skipping or repeating rows', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1234), { cap: 500 })(request.url));
    const pages = await collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients'));
    expect(pages.flatMap((page) => page.records)).toEqual(rowsFor(1234));
    expect(pages.map((page) => page.limit)).toEqual([500, 500, 500]);
  });

  it('resumes under a cap at the row the cursor meant', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(1234), { cap: 100 })(request.url));
    const pages = await collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 250, startPage: 3 }));
    expect(pages.flatMap((page) => page.records)).toEqual(rowsFor(1234).slice(750));
    expect(pages[0]?.firstRow).toBe(750);
  });

  it('hands out a cursor that resumes exactly after the page', async () => {
    const transport = fakeTransport((request) => collectionServer(rowsFor(25))(request.url));
    const office = client(transport).sikka.office('D1', { keys: keys('k') });
    const first = (await collect(office.pages('patients', { limit: 10 })))[0];
    const rest = await collect(office.pages('patients', { limit: first?.next?.limit, startPage: first?.next?.page }));
    expect([...(first?.records ?? []), ...rest.flatMap((page) => page.records)]).toEqual(rowsFor(25));
  });

  it('gives up when pages never line up', async () => {
    let page = 0;
    const transport = fakeTransport(() => json(200, [{ total_count: '100000', limit: String(100 + page++), offset: '7', items: rowsFor(5) }]));
    const error = await failure(collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients')));
    expect(error.code).toBe('UNEXPECTED_RESPONSE');
    expect(transport.requests.length).toBeLessThanOrEqual(3);
  });
});

describe('request keys', () => {
  it('asks the source for a key when none is kept and reports it', async () => {
    const reported: RequestKey[] = [];
    const transport = fakeTransport(() => json(200, rowsFor(1)));
    await collect(client(transport).sikka.office('D1', { keys: keys(undefined, (key) => reported.push(key)) }).pages('patients'));
    expect(transport.requests[0]?.url.searchParams.get('request_key')).toBe('key-1');
    expect(reported).toEqual([{ requestKey: 'key-1' }]);
  });

  it('renews an expired key (API1025) and repeats the call once', async () => {
    const transport = fakeTransport((request) => (request.url.searchParams.get('request_key') === 'old' ? sikkaError('API1025', 400) : json(200, rowsFor(2))));
    const source = keys('old');
    const pages = await collect(client(transport).sikka.office('D1', { keys: source }).pages('patients'));
    expect(pages[0]?.records).toHaveLength(2);
    expect(transport.requests.map((request) => request.url.searchParams.get('request_key'))).toEqual(['old', 'key-1']);
  });

  it('gives up when the new key is refused as expired too', async () => {
    const transport = fakeTransport(() => sikkaError('API1025', 400));
    const source = keys('old');
    const error = await failure(collect(client(transport).sikka.office('D1', { keys: source }).pages('patients')));
    expect(error).toMatchObject({ code: 'API1025', httpStatus: 400, officeId: 'D1' });
    expect(transport.requests).toHaveLength(2);
    expect(source.issued).toBe(1);
  });

  it('renews once for many calls that find the key expired together', async () => {
    const transport = fakeTransport((request) => (request.url.searchParams.get('request_key') === 'old' ? sikkaError('API1025', 400) : json(200, rowsFor(1))));
    const source = keys('old');
    const office = client(transport).sikka.office('D1', { keys: source });
    await Promise.all([office.record('patients', '1'), office.record('patients', '2'), office.record('patients', '3')]);
    expect(source.issued).toBe(1);
  });

  it('renews a kept key the server no longer knows (API2003), but not a fresh one', async () => {
    const transport = fakeTransport(() => sikkaError('API2003', 401));
    const source = keys('kept');
    const error = await failure(client(transport).sikka.office('D1', { keys: source }).record('patients', '1'));
    expect(error.code).toBe('API2003');
    expect(transport.requests.map((request) => request.url.searchParams.get('request_key'))).toEqual(['kept', 'key-1']);
  });

  it('renews a key before its announced expiry instead of spending a call on API1025', async () => {
    const transport = fakeTransport(() => json(200, rowsFor(1)));
    const source: RequestKeySource = { initialKey: { requestKey: 'old', expiresAt: T0 + 30_000 }, issue: () => Promise.resolve({ requestKey: 'new' }) };
    await client(transport).sikka.office('D1', { keys: source }).record('patients', '1');
    expect(transport.requests.map((request) => request.url.searchParams.get('request_key'))).toEqual(['new']);
  });
});

describe('retries', () => {
  it('retries 503/API2002 with full-jitter back-off, then succeeds', async () => {
    let calls = 0;
    const transport = fakeTransport(() => (++calls <= 2 ? sikkaError('API2002', 503) : json(200, rowsFor(1))));
    const { sikka, sleep } = client(transport, { retry: { baseDelayMs: 1000 } });
    await sikka.office('D1', { keys: keys('k') }).record('patients', '1');
    expect(calls).toBe(3);
    expect(sleep.waits).toEqual([500, 1000]);
  });

  it('stops after the configured number of retries', async () => {
    const transport = fakeTransport(() => sikkaError('API2002', 503));
    const { sikka, sleep } = client(transport, { retry: { maxRetries: 3 } });
    const error = await failure(sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(error).toMatchObject({ code: 'API2002', httpStatus: 503, retryable: true });
    expect(transport.requests).toHaveLength(4);
    expect(sleep.waits).toHaveLength(3);
  });

  it.each([
    ['another 5xx code', () => sikkaError('API2001', 500)],
    ['an HTML 502 page', () => text(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' })],
    ['an empty 500', () => text(500, '')],
    ['a cut-off 200 body', () => text(200, '[{"total_count":"5","items":[{"patient_id":"1"')],
    ['an empty 200 body (a lost body, not the end of a list)', () => text(200, '')],
  ])('retries %s', async (_name, answer) => {
    let calls = 0;
    const transport = fakeTransport(() => (++calls === 1 ? answer() : json(200, rowsFor(1))));
    await client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '1');
    expect(calls).toBe(2);
  });

  it('retries a connection reset', async () => {
    let calls = 0;
    const transport: HttpTransport = () => (++calls === 1 ? Promise.reject(new Error('ECONNRESET')) : Promise.resolve(json(200, rowsFor(1))));
    await client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '1');
    expect(calls).toBe(2);
  });

  it('times out an attempt that does not answer, and retries it', async () => {
    let calls = 0;
    const transport: HttpTransport = (request) => {
      calls += 1;
      if (calls > 1) return Promise.resolve(json(200, rowsFor(1)));
      return new Promise((_resolve, reject) => { request.signal.addEventListener('abort', () => { reject(new Error('aborted')); }); });
    };
    await client(transport, { timeoutMs: 20 }).sikka.office('D1', { keys: keys('k') }).record('patients', '1');
    expect(calls).toBe(2);
  });

  it('reports TIMEOUT when every attempt times out', async () => {
    const transport: HttpTransport = (request) => new Promise((_resolve, reject) => { request.signal.addEventListener('abort', () => { reject(new Error('aborted')); }); });
    const error = await failure(client(transport, { timeoutMs: 10, retry: { maxRetries: 1 } }).sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(error.code).toBe('TIMEOUT');
  });

  it.each([
    ['API2010 (data not uploaded)', () => sikkaError('API2010', 500)],
    ['API2007 (not authorized)', () => sikkaError('API2007', 401)],
    ['an HTML 404 page', () => text(404, '<!DOCTYPE html><html></html>')],
  ])('does not retry %s', async (_name, answer) => {
    const transport = fakeTransport(answer);
    await failure(client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(transport.requests).toHaveLength(1);
  });

  it('does not repeat a code exchange after a fault that may have reached the server', async () => {
    const transport = fakeTransport(() => sikkaError('API2001', 500));
    await failure(client(transport).sikka.exchangeCode({ code: 'c', clientId: 'id', clientSecret: 's' }));
    expect(transport.requests).toHaveLength(1);
  });

  it('repeats a code exchange the server refused as overloaded', async () => {
    let calls = 0;
    const transport = fakeTransport(() => (++calls === 1 ? sikkaError('API2002', 503) : json(200, { request_key: 'rk', access_token: 'rk', refresh_token: 'rt', expires_in: '86400', token_type: 'Bearer' })));
    const tokens = await client(transport).sikka.exchangeCode({ code: 'c', clientId: 'id', clientSecret: 's' });
    expect(tokens).toMatchObject({ requestKey: 'rk', refreshToken: 'rt', expiresAt: T0 + 86_400_000 });
    expect(calls).toBe(2);
  });
});

describe('rate limits and daily limits', () => {
  it('waits what Retry-After says on a 429 without a daily-limit code, then retries', async () => {
    let calls = 0;
    const transport = fakeTransport(() => (++calls === 1 ? text(429, '', { 'retry-after': '7' }) : json(200, rowsFor(1))));
    const { sikka, sleep } = client(transport);
    await sikka.office('D1', { keys: keys('k') }).record('patients', '1');
    expect(calls).toBe(2);
    expect(sleep.waits).toEqual([7000]);
  });

  it('paces calls by X-Rate-Limit-Remaining and -Reset', async () => {
    const transport = fakeTransport((request) => {
      const headers = { 'x-rate-limit-limit': '60', 'x-rate-limit-remaining': '10', 'x-rate-limit-reset': '20' };
      return { ...collectionServer(rowsFor(30))(request.url), headers: { ...collectionServer(rowsFor(30))(request.url).headers, ...headers } };
    });
    const { sikka, sleep } = client(transport);
    await collect(sikka.office('D1', { keys: keys('k') }).pages('patients', { limit: 10 }));
    expect(sleep.waits).toEqual([2000, 2000]);
  });

  it('stops an office at its daily request limit until Retry-After, without calling Sikka again', async () => {
    let now = T0;
    const transport = fakeTransport(() => sikkaError('API2012', 429, { 'retry-after': '3600' }));
    const { sikka } = client(transport, { now: () => now });
    const office = sikka.office('D1', { keys: keys('k') });
    const first = await failure(office.record('patients', '1'));
    expect(first).toMatchObject({ code: 'API2012', httpStatus: 429, retryable: false, officeId: 'D1', resumesAt: T0 + 3_600_000 });
    now += 60_000;
    const again = await failure(collect(office.pages('patients')));
    expect(again).toMatchObject({ code: 'API2012', resumesAt: T0 + 3_600_000 });
    expect(office.pausedBy()?.code).toBe('API2012');
    expect(transport.requests).toHaveLength(1);
  });

  it('resumes the office once the limit has reset', async () => {
    let now = T0;
    let calls = 0;
    const transport = fakeTransport(() => (++calls === 1 ? sikkaError('API2011', 429, { 'retry-after': '60' }) : json(200, rowsFor(1))));
    const office = client(transport, { now: () => now }).sikka.office('D1', { keys: keys('k') });
    await failure(office.record('patients', '1'));
    now += 61_000;
    await expect(office.record('patients', '1')).resolves.toEqual({ patient_id: '1', firstname: 'P1' });
    expect(office.pausedBy()).toBeUndefined();
  });

  it('stops until the office\u2019s next local midnight without Retry-After', async () => {
    const transport = fakeTransport(() => sikkaError('API2012', 429));
    const office = client(transport).sikka.office('D1', { keys: keys('k'), timeZone: 'Eastern Standard Time' });
    const error = await failure(office.record('patients', '1'));
    expect(error.resumesAt).toBe(Date.UTC(2026, 2, 11, 4, 0, 0));
  });

  it('stops an office whose start call meets the limit, until its local midnight', async () => {
    const transport = fakeTransport(() => sikkaError('API2012', 429));
    const { sikka } = client(transport);
    const keys = sikka.appKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 'c' });
    const office = sikka.office('D1', { keys, timeZone: 'Pacific Standard Time' });
    const error = await failure(office.record('patients', '1'));
    expect(error).toMatchObject({ code: 'API2012', officeId: 'D1', resumesAt: Date.UTC(2026, 2, 11, 7, 0, 0) });
    await failure(office.record('patients', '1'));
    expect(transport.requests.map((request) => request.url.pathname)).toEqual(['/v2/start']);
  });

  it('stops until the next UTC midnight when the office\u2019s zone is unknown', async () => {
    const transport = fakeTransport(() => sikkaError('API2011', 429));
    const error = await failure(client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(error.resumesAt).toBe(Date.UTC(2026, 2, 11));
  });

  it('does not stop other offices', async () => {
    const transport = fakeTransport((request) => (request.url.searchParams.get('request_key') === 'k1' ? sikkaError('API2012', 429) : json(200, rowsFor(1))));
    const { sikka } = client(transport);
    await failure(sikka.office('D1', { keys: keys('k1') }).record('patients', '1'));
    await expect(sikka.office('D2', { keys: keys('k2') }).record('patients', '1')).resolves.toBeDefined();
  });
});

describe('data still loading', () => {
  it('refuses a page read while Sikka says its data insert is in progress, without retrying', async () => {
    const transport = fakeTransport(() => json(200, rowsFor(1), { 'data-insert': 'in progress' }));
    const error = await failure(collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients')));
    expect(error).toMatchObject({ code: 'DATA_INSERT_IN_PROGRESS', retry: 'later', retryable: false, officeId: 'D1' });
    expect(transport.requests).toHaveLength(1);
  });

  it('reads pages when the data insert is completed', async () => {
    const transport = fakeTransport(() => json(200, rowsFor(1), { 'data-insert': 'completed' }));
    await expect(collect(client(transport).sikka.office('D1', { keys: keys('k') }).pages('patients'))).resolves.toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('stops a pagination during a back-off', async () => {
    const controller = new AbortController();
    const transport = fakeTransport(() => sikkaError('API2002', 503));
    const sleep = (_ms: number, signal: AbortSignal) => new Promise<void>((_resolve, reject) => {
      signal.addEventListener('abort', () => { reject(new Error('aborted')); });
      controller.abort();
    });
    const error = await failure(collect(client(transport, { sleep }).sikka.office('D1', { keys: keys('k') }).pages('patients', { signal: controller.signal })));
    expect(error.code).toBe('CANCELLED');
    expect(transport.requests).toHaveLength(1);
  });

  it('stops a pagination between pages', async () => {
    const controller = new AbortController();
    const transport = fakeTransport((request) => collectionServer(rowsFor(30))(request.url));
    const office = client(transport).sikka.office('D1', { keys: keys('k') });
    const seen: number[] = [];
    const error = await failure((async () => {
      for await (const page of office.pages('patients', { limit: 10, signal: controller.signal })) {
        seen.push(page.index);
        controller.abort();
      }
    })());
    expect(error.code).toBe('CANCELLED');
    expect(seen).toEqual([0]);
    expect(transport.requests).toHaveLength(1);
  });

  it('cancels a call in flight and leaves the key renewal free for the next caller', async () => {
    const controller = new AbortController();
    let issued = 0;
    const source: RequestKeySource = {
      issue: (signal) => {
        issued += 1;
        if (issued === 1) return new Promise((_resolve, reject) => { signal.addEventListener('abort', () => { reject(new SikkaApiError({ code: 'CANCELLED' })); }); controller.abort(); });
        return Promise.resolve({ requestKey: 'fresh' });
      },
    };
    const transport = fakeTransport(() => json(200, rowsFor(1)));
    const office = client(transport).sikka.office('D1', { keys: source });
    expect((await failure(office.record('patients', '1', { signal: controller.signal }))).code).toBe('CANCELLED');
    await expect(office.record('patients', '1')).resolves.toBeDefined();
    expect(transport.requests.map((request) => request.url.searchParams.get('request_key'))).toEqual(['fresh']);
  });
});

describe('unreadable answers still give typed errors', () => {
  it.each([
    ['an HTML error page', text(503, '<html><head><title>503</title></head></html>')],
    ['an empty body', text(500, '')],
    ['plain text', text(500, 'Service Unavailable')],
    ['truncated JSON', text(500, '{"error_code":"API20')],
    ['gzip garbage', { status: 500, headers: { 'content-encoding': 'gzip' }, body: Buffer.from('not gzip at all') }],
  ])('%s', async (_name, response) => {
    const transport = fakeTransport(() => response);
    const error = await failure(client(transport, { retry: { maxRetries: 0 } }).sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(error).toMatchObject({ code: 'UNEXPECTED_RESPONSE', httpStatus: 500 === response.status ? 500 : 503, retryable: true });
  });

  it('reads an error body wrapped in an array', async () => {
    const transport = fakeTransport(() => json(401, [{ http_code: '401', error_code: 'API2004' }]));
    const error = await failure(client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(error).toMatchObject({ code: 'API2004', httpStatus: 401 });
  });

  it('turns a 2xx error body into its typed error', async () => {
    const transport = fakeTransport(() => sikkaError('API4002', 200));
    expect((await failure(client(transport).sikka.office('D1', { keys: keys('k') }).record('patients', '1'))).code).toBe('API4002');
  });

  it('refuses gzip that unpacks beyond the body limit', async () => {
    const transport = fakeTransport(() => gzipped(text(200, JSON.stringify([{ items: [{ a: 'x'.repeat(100_000) }] }]))));
    const error = await failure(client(transport, { maxBodyBytes: 10_000 }).sikka.office('D1', { keys: keys('k') }).record('patients', '1'));
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', retryable: false });
    expect(transport.requests).toHaveLength(1);
  });
});

describe('app-key and OAuth calls', () => {
  it('lists authorized practices with their typed fields', async () => {
    const office = { office_id: 'D1', secret_key: 's3cret', practice_name: 'Smile', domain: 'Dental', practice_management_system_refresh_date_time_zone: 'Eastern Standard Time', data_insert_date: '2026-03-01 14:10:08' };
    const transport = fakeTransport(() => json(200, [{ total_count: '2', items: [office, { practice_name: 'no id' }] }]));
    const practices = await client(transport).sikka.authorizedPractices({ appId: 'app', appKey: 'appkey' });
    expect(transport.requests[0]?.url.pathname).toBe('/auth/v2/authorized_practices');
    expect(transport.requests[0]?.url.searchParams.get('app_id')).toBe('app');
    expect(practices).toEqual([expect.objectContaining({ officeId: 'D1', secretKey: 's3cret', domain: 'Dental', timeZone: 'Eastern Standard Time', dataInsertDate: '2026-03-01 14:10:08', record: office })]);
  });

  it('gets a request key from start and keeps it for 24 hours', async () => {
    const transport = fakeTransport(() => json(200, [{ request_key: 'rk', scope: 's', expires_in: '24 hours' }]));
    const key = await client(transport).sikka.startSession({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 'c' });
    expect(Object.fromEntries(transport.requests[0]?.url.searchParams ?? [])).toEqual({ app_id: 'a', app_key: 'b', office_id: 'D1', secret_key: 'c' });
    expect(key).toEqual({ requestKey: 'rk', expiresAt: T0 + 86_400_000 });
  });

  it('uses start as an office\u2019s key source', async () => {
    const transport = fakeTransport((request) => (request.url.pathname === '/v2/start' ? json(200, [{ request_key: 'rk' }]) : json(200, rowsFor(1))));
    const { sikka } = client(transport);
    const reported: RequestKey[] = [];
    const source = sikka.appKeySource({ appId: 'a', appKey: 'b', officeId: 'D1', secretKey: 'c' }, { onKeyIssued: (key) => reported.push(key) });
    await sikka.office('D1', { keys: source }).record('patients', '1');
    expect(dataRequests(transport.requests)[0]?.url.searchParams.get('request_key')).toBe('rk');
    expect(reported.map((key) => key.requestKey)).toEqual(['rk']);
  });

  it('builds the sign-in link with PKCE and extra parameters', () => {
    const url = new URL(client(fakeTransport(() => json(200, {}))).sikka.authorizationUrl({ clientId: 'app', redirectUri: 'http://127.0.0.1:5000/cb', state: 'xyz', codeChallenge: 'abc', extraParams: { office_id: 'D1' } }));
    expect(url.origin + url.pathname).toBe('http://sikka.test/portal/authapp.aspx');
    expect(Object.fromEntries(url.searchParams)).toEqual({ response_type: 'code', client_id: 'app', redirect_uri: 'http://127.0.0.1:5000/cb', scope: '*', state: 'xyz', code_challenge: 'abc', code_challenge_method: 'S256', office_id: 'D1' });
  });

  it('exchanges a code with a JSON body', async () => {
    const transport = fakeTransport(() => json(200, { access_token: 'rk', refresh_token: 'rt', token_type: 'Bearer', expires_in: '86400', issued_to: 'D1' }));
    const tokens = await client(transport).sikka.exchangeCode({ code: 'c', redirectUri: 'http://127.0.0.1:1/cb', clientId: 'id', clientSecret: 'sec' });
    expect(transport.requests[0]?.method).toBe('POST');
    expect(transport.requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(transport.requests[0]?.body ?? '')).toEqual({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'http://127.0.0.1:1/cb', client_id: 'id', client_secret: 'sec' });
    expect(tokens).toMatchObject({ requestKey: 'rk', accessToken: 'rk', refreshToken: 'rt', issuedTo: 'D1' });
  });

  it('refreshes with the newest refresh token and reports every token answer', async () => {
    let n = 0;
    const transport = fakeTransport(() => { n += 1; return json(200, { request_key: `rk${n}`, refresh_token: `rt${n}`, expires_in: '86400' }); });
    const { sikka } = client(transport);
    const seen: string[] = [];
    const source = sikka.refreshTokenSource({ refreshToken: 'rt0', clientId: 'id', clientSecret: 's' }, { onTokens: (tokens) => seen.push(tokens.refreshToken ?? '') });
    await source.issue(new AbortController().signal);
    await source.issue(new AbortController().signal);
    expect(transport.requests.map((request) => (JSON.parse(request.body ?? '{}') as { refresh_token: string }).refresh_token)).toEqual(['rt0', 'rt1']);
    expect(seen).toEqual(['rt1', 'rt2']);
  });

  it('revokes a refresh token with DELETE', async () => {
    const transport = fakeTransport(() => sikkaError('API0003', 200));
    await client(transport).sikka.revokeRefreshToken({ refreshToken: 'rt/1', clientId: 'id', clientSecret: 's' });
    expect(transport.requests[0]?.method).toBe('DELETE');
    expect(transport.requests[0]?.url.pathname).toBe('/v2/refresh_token/rt%2F1');
    expect(Object.fromEntries(transport.requests[0]?.url.searchParams ?? [])).toEqual({ client_id: 'id', client_secret: 's' });
  });

  it('refuses a token answer without a key', async () => {
    const transport = fakeTransport(() => json(200, { token_type: 'Bearer' }));
    expect((await failure(client(transport).sikka.refreshToken({ refreshToken: 'r', clientId: 'i', clientSecret: 's' }))).code).toBe('MALFORMED_RESPONSE');
  });

  it('honours every configured address', async () => {
    const transport = fakeTransport((request) => (request.url.pathname === '/custom/token' ? json(200, { request_key: 'rk' }) : json(200, [{ items: [] }])));
    const sikka = createSikkaClient({ transport, sleep: instantSleep(), endpoints: { apiBaseUrl: 'http://data.test/api/', authBaseUrl: 'http://auth.test/a', tokenUrl: 'http://tok.test/custom/token', revokeUrl: 'http://tok.test/rev', authorizeUrl: 'http://login.test/go', startUrl: 'http://auth.test/begin' } });
    await sikka.authorizedPractices({ appId: 'a', appKey: 'b' });
    await sikka.refreshToken({ refreshToken: 'r', clientId: 'i', clientSecret: 's' });
    await collect(sikka.office('D1', { keys: keys('k') }).pages('patients'));
    expect(transport.requests.map((request) => `${request.url.origin}${request.url.pathname}`)).toEqual(['http://auth.test/a/authorized_practices', 'http://tok.test/custom/token', 'http://data.test/api/patients']);
    expect(sikka.authorizationUrl({ clientId: 'x' }).startsWith('http://login.test/go?')).toBe(true);
    expect(createSikkaClient().endpoints.apiBaseUrl).toBe('https://api.sikkasoft.com/v2');
  });
});

describe('logs and messages', () => {
  it('never carry keys, secrets, tokens or record contents', async () => {
    const { logger, entries } = capturingLogger();
    let calls = 0;
    const transport = fakeTransport((request) => {
      calls += 1;
      if (request.url.pathname === '/v2/start') return json(200, [{ request_key: 'RK-SECRET-1' }]);
      if (calls === 2) return sikkaError('API1025', 400);
      if (calls === 4) return sikkaError('API2002', 503);
      if (calls === 5) return json(200, [{ total_count: '1', items: [{ firstname: 'Zelda', cell: '555-0100' }] }]);
      return json(500, { error_code: 'API2006', long_message: 'key RK-SECRET-1 for Zelda' });
    });
    const { sikka } = client(transport, { logger });
    const office = sikka.office('D1', { keys: sikka.appKeySource({ appId: 'APPID', appKey: 'APPKEY-SECRET', officeId: 'D1', secretKey: 'OFFICE-SECRET' }, { initialKey: { requestKey: 'RK-SECRET-0' } }) });
    await collect(office.pages('patients'));
    const error = await failure(office.record('patients', '1'));
    const written = JSON.stringify(entries) + error.message + error.shortMessage + error.longMessage;
    for (const secret of ['RK-SECRET-0', 'RK-SECRET-1', 'APPKEY-SECRET', 'OFFICE-SECRET', 'Zelda', '555-0100']) expect(written).not.toContain(secret);
    expect(entries.some((entry) => entry.event === 'sikka.retry')).toBe(true);
  });
});
