import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { SIKKA_ERRORS } from '../../shared/sikka/errorCodes';
import { DENTAL, envelopeOf, errorCodeOf, useSandbox } from './support';

const s = useSandbox();

async function get(key: string, path = '/v2/providers'): Promise<Response> {
  return s.get(`${path}${path.includes('?') ? '&' : '?'}request_key=${key}`);
}

describe('fault switches', () => {
  it('answers 503 API2002 at the configured rate, with seeded dice', async () => {
    const key = await s.key();
    s.sandbox.faults.serviceUnavailableRate = 1;
    const always = await get(key);
    expect(always.status).toBe(503);
    expect(await always.json()).toEqual({ http_code: '503', http_code_desc: 'ServiceUnavailable', error_code: 'API2002', short_message: 'Try again later.', long_message: SIKKA_ERRORS.API2002.longMessage, more_information: '' });
    s.sandbox.faults.serviceUnavailableRate = 0.5;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await get(key)).status);
    const failures = statuses.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(statuses.filter((status) => status !== 503).every((status) => status === 200)).toBe(true);
  });

  it('expires a request key after N data calls made since the switch was set; a new key from start works again', async () => {
    const key = await s.key();
    for (let i = 0; i < 3; i++) await get(key);
    s.sandbox.faults.expireKeysAfterCalls = 2;
    expect((await get(key)).status).toBe(200);
    expect((await get(key)).status).toBe(200);
    const expired = await get(key);
    expect(expired.status).toBe(400);
    expect(await errorCodeOf(expired)).toBe('API1025');
    const fresh = await s.key();
    expect(fresh).not.toBe(key);
    expect((await get(fresh)).status).toBe(200);
  });

  it('refuses data calls over the daily request quota with 429 API2012 until the office\u2019s midnight', async () => {
    s.sandbox.faults.requestQuotaPerDay = 2;
    const key = await s.key();
    s.clock.now += 24 * 3600_000;
    const freshKey = await s.key();
    expect((await get(freshKey)).status).toBe(200);
    expect((await get(freshKey)).status).toBe(200);
    const refused = await get(freshKey);
    expect(refused.status).toBe(429);
    expect(await errorCodeOf(refused)).toBe('API2012');
    const retryAfter = Number(refused.headers.get('retry-after'));
    // The clock is at noon in Springfield: twelve hours to midnight.
    expect(retryAfter).toBe(12 * 3600);
    s.clock.now += retryAfter * 1000;
    expect((await get(freshKey)).status).toBe(200);
    expect(key).not.toBe(freshKey);
  });

  it('refuses data calls once the daily data quota is used with 429 API2011', async () => {
    s.clock.now += 24 * 3600_000;
    s.sandbox.faults.dataQuotaBytesPerDay = 1000;
    const key = await s.key();
    expect((await get(key, '/v2/patients?limit=10')).status).toBe(200);
    const refused = await get(key);
    expect(refused.status).toBe(429);
    expect(await errorCodeOf(refused)).toBe('API2011');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('adds latency before answering', async () => {
    const key = await s.key();
    s.sandbox.faults.latencyMs = 150;
    const started = performance.now();
    await get(key);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('cuts the next data response mid-body', async () => {
    const key = await s.key();
    s.sandbox.faults.truncateNext = 1;
    const response = await get(key, '/v2/patients?limit=200');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await (await get(key, '/v2/patients?limit=200')).json())).toHaveLength(1);
  });

  it('sends invalid JSON, then valid JSON again', async () => {
    const key = await s.key();
    s.sandbox.faults.malformedNext = 1;
    const response = await get(key, '/v2/patients?limit=5');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect((await envelopeOf(await get(key, '/v2/patients?limit=5'))).items).toHaveLength(5);
  });

  it('sends invalid XML on XML routes', async () => {
    const key = await s.key();
    s.sandbox.faults.malformedNext = 1;
    const text = await (await get(key, '/v2/patients/xml?limit=5')).text();
    // The parser reads broken documents leniently; the validator is the strict check that ships with it.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const wellFormed = (xml: string) => XMLValidator.validate(xml) === true;
    expect(wellFormed(text)).toBe(false);
    expect(wellFormed(await (await get(key, '/v2/patients/xml?limit=5')).text())).toBe(true);
  });

  it('answers an HTML 502 page', async () => {
    const key = await s.key();
    s.sandbox.faults.htmlErrorNext = 1;
    const response = await get(key);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toMatch(/^<!DOCTYPE html>\n<html>/);
    expect((await get(key)).status).toBe(200);
  });

  it('destroys the socket of the next request', async () => {
    const key = await s.key();
    s.sandbox.faults.resetNext = 1;
    await expect(get(key)).rejects.toThrow();
    expect(s.sandbox.requests.at(-1)).toMatchObject({ path: '/v2/providers', status: 0 });
    expect((await get(key)).status).toBe(200);
  });

  it('forces any code of the guide\u2019s table for the next N requests', async () => {
    const key = await s.key();
    s.sandbox.faults.forceErrorNext = { code: 'API2004', count: 2 };
    for (let i = 0; i < 2; i++) {
      const forced = await get(key);
      expect(forced.status).toBe(401);
      expect(await errorCodeOf(forced)).toBe('API2004');
    }
    expect((await get(key)).status).toBe(200);
    expect(s.sandbox.faults.forceErrorNext).toBeNull();
  });

  it.each(Object.entries(SIKKA_ERRORS).map(([code, info]) => [code, info.httpStatus] as const))('can force %s (HTTP %i)', async (code, status) => {
    s.sandbox.faults.forceErrorNext = { code: code as keyof typeof SIKKA_ERRORS, count: 1 };
    const response = await s.get('/v2/patients');
    expect(response.status).toBe(status);
    if (status !== 204) expect(await errorCodeOf(response)).toBe(code);
  });

  it('sends X-Rate-Limit headers and answers 429 without an error code past the limit', async () => {
    const key = await s.key();
    s.sandbox.faults.rateLimit = { limit: 3, windowSeconds: 60 };
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await get(key);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-rate-limit-limit')).toBe('3');
      remaining.push(response.headers.get('x-rate-limit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    s.clock.now += 20_000;
    const limited = await get(key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-reset')).toBe('40');
    expect(limited.headers.get('retry-after')).toBe('40');
    expect(await limited.json()).not.toHaveProperty('error_code');
    s.clock.now += 40_000;
    expect((await get(key)).status).toBe(200);
  });

  it('answers 401 API2007 for an office that has not allowed access, on start and data calls', async () => {
    const key = await s.key();
    s.sandbox.faults.notAuthorized.add(DENTAL.officeId);
    expect(await errorCodeOf(await get(key))).toBe('API2007');
    const start = await s.get(`/v2/start?app_id=${s.sandbox.appId}&app_key=${s.sandbox.appKey}&office_id=${DENTAL.officeId}&secret_key=${DENTAL.secretKey}`);
    expect(start.status).toBe(401);
    expect(await errorCodeOf(start)).toBe('API2007');
  });

  it('answers 500 API2010 while an office\u2019s data is not uploaded, and lists it without dates', async () => {
    const key = await s.key();
    s.sandbox.faults.dataNotUploaded.add(DENTAL.officeId);
    const response = await get(key);
    expect(response.status).toBe(500);
    expect(await errorCodeOf(response)).toBe('API2010');
    const listing = (await (await s.get(`/auth/v2/authorized_practices?app_id=${s.sandbox.appId}&app_key=${s.sandbox.appKey}`)).json()) as [{ items: Record<string, unknown>[] }];
    expect(listing[0].items[0]).toMatchObject({ office_id: DENTAL.officeId, data_insert_date: '', data_synchronization_date: '' });
  });

  it('puts every switch back with reset()', async () => {
    const key = await s.key();
    Object.assign(s.sandbox.faults, { serviceUnavailableRate: 1, htmlErrorNext: 3, forceErrorNext: { code: 'API2001', count: 5 }, rateLimit: { limit: 0, windowSeconds: 60 } });
    s.sandbox.faults.notAuthorized.add(DENTAL.officeId);
    s.sandbox.faults.reset();
    const response = await get(key);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-rate-limit-limit')).toBeNull();
  });

  it('records every request served, without its query', async () => {
    await s.data('/v2/patients?limit=1');
    expect(s.sandbox.requests.map(({ method, path, officeId, resource, status }) => ({ method, path, officeId, resource, status }))).toEqual([
      { method: 'GET', path: '/v2/start', officeId: DENTAL.officeId, resource: undefined, status: 200 },
      { method: 'GET', path: '/v2/patients', officeId: DENTAL.officeId, resource: 'patients', status: 200 },
    ]);
    expect(s.sandbox.requests.every((request) => request.at === s.clock.now)).toBe(true);
  });
});
