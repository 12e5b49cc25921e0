import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../main/sandbox/index';
import { DENTAL, envelopeOf, errorCodeOf, START, useSandbox, VET } from './support';

const s = useSandbox();
const DAY = 24 * 3600_000;
const CALLBACK = 'http://127.0.0.1:45123/callback';

type Body = Record<string, unknown>;

function authorized(query: string): Promise<Response> {
  return s.get(`/auth/v2/authorized_practices?${query}`);
}

function app(): string {
  return `app_id=${s.sandbox.appId}&app_key=${s.sandbox.appKey}`;
}

describe('authorized_practices', () => {
  it('lists the offices with their secret keys, PMS and SPC dates in office local time', async () => {
    const listing = (await (await authorized(app())).json()) as [{ total_count: string; items: Body[] }];
    expect(listing[0].total_count).toBe('2');
    const [dental, vet] = listing[0].items;
    expect(dental).toMatchObject({
      office_id: DENTAL.officeId,
      secret_key: DENTAL.secretKey,
      domain: 'Dental',
      practice_name: DENTAL.practiceName,
      practice_id: '1',
      practice_management_system: 'Dentrix',
      practice_management_system_refresh_date_time_zone: 'Central Standard Time',
    });
    expect(vet).toMatchObject({ office_id: VET.officeId, domain: 'Veterinary', practice_id: '1', practice_management_system_refresh_date_time_zone: 'Eastern Standard Time' });
    expect(String(dental?.['data_insert_date'])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // SPC inserted at 11:40 in Springfield, which is 12:40 in Newport News.
    expect(Number(String(vet?.['data_insert_date']).slice(11, 13)) - Number(String(dental?.['data_insert_date']).slice(11, 13))).toBe(1);
  });

  it.each([
    ['app_key=k', 400, 'API1001'],
    ['app_id=a', 400, 'API1002'],
    ['app_id=wrong&app_key=wrong', 401, 'API2003'],
  ])('answers %s with %i %s', async (query, status, code) => {
    const response = await authorized(query);
    expect(response.status).toBe(status);
    expect(await errorCodeOf(response)).toBe(code);
  });
});

describe('start and request keys', () => {
  const start = (query: string) => s.get(`/v2/start?${app()}&${query}`);

  it('issues a request key per office, the same one while it is valid', async () => {
    const first = (await (await start(`office_id=${DENTAL.officeId}&secret_key=${DENTAL.secretKey}`)).json()) as [Body];
    const again = (await (await start(`office_id=${DENTAL.officeId}&secret_key=${DENTAL.secretKey}`)).json()) as [Body];
    const vet = (await (await start(`office_id=${VET.officeId}&secret_key=${VET.secretKey}`)).json()) as [Body];
    expect(first[0]['request_key']).toMatch(/^[0-9a-f]{32}$/);
    expect(again[0]['request_key']).toBe(first[0]['request_key']);
    expect(vet[0]['request_key']).not.toBe(first[0]['request_key']);
    expect(first[0]['scope']).toBe(`${s.sandbox.baseUrl}/v2/`);
  });

  it.each([
    [`office_id=${DENTAL.officeId}&secret_key=wrong`, 401, 'API2003'],
    [`office_id=NOPE&secret_key=${DENTAL.secretKey}`, 401, 'API2003'],
    [`secret_key=${DENTAL.secretKey}`, 400, 'API1020'],
    [`office_id=${DENTAL.officeId}`, 400, 'API1005'],
  ])('answers start with %s as %i %s', async (query, status, code) => {
    const response = await start(query);
    expect(response.status).toBe(status);
    expect(await errorCodeOf(response)).toBe(code);
  });

  it('reads the office the key was issued to', async () => {
    const dental = await envelopeOf(await s.data('/v2/practices'));
    const vet = await envelopeOf(await s.data('/v2/patients?limit=1', { office: VET }));
    expect(dental.items[0]?.['name']).toBe(DENTAL.practiceName);
    expect(vet.items[0]).toHaveProperty('species');
  });

  it('answers a data call without a key with 400 API1004, and an unknown key with 401 API2003', async () => {
    expect(await errorCodeOf(await s.get('/v2/patients'))).toBe('API1004');
    const unknown = await s.get('/v2/patients?request_key=0123456789abcdef0123456789abcdef');
    expect(unknown.status).toBe(401);
    expect(await errorCodeOf(unknown)).toBe('API2003');
  });

  it('expires a key 24 hours after issue by the injected clock, and start then issues a new one', async () => {
    const key = await s.key();
    s.clock.now += DAY - 1000;
    expect((await s.get(`/v2/providers?request_key=${key}`)).status).toBe(200);
    s.clock.now += 1000;
    const expired = await s.get(`/v2/providers?request_key=${key}`);
    expect(expired.status).toBe(400);
    expect(await errorCodeOf(expired)).toBe('API1025');
    const fresh = await s.key();
    expect(fresh).not.toBe(key);
    expect((await s.get(`/v2/providers?request_key=${fresh}`)).status).toBe(200);
  });

  it('tells a key\u2019s status with request_key_info', async () => {
    const key = await s.key(VET);
    await s.get(`/v2/providers?request_key=${key}`);
    const info = (await (await s.get(`/v2/request_key_info?request_key=${key}`)).json()) as Body;
    expect(info).toMatchObject({ request_key: key, status: 'active', issued_to: VET.officeId, domain: 'Veterinary', request_count: '1', expires_in: '86400 second(s)' });
    s.clock.now += DAY;
    const later = (await (await s.get(`/v2/request_key_info?request_key=${key}`)).json()) as Body;
    expect(later).toMatchObject({ status: 'expired', expires_in: '0 second(s)' });
    expect(await errorCodeOf(await s.get('/v2/request_key_info'))).toBe('API1004');
  });
});

describe('OAuth', () => {
  const authorize = (query: string) => s.get(`/portal/authapp.aspx?response_type=code&scope=*&${query}`, { redirect: 'manual' });

  async function code(state = 'xyz', officeId: string = DENTAL.officeId, redirect = CALLBACK): Promise<string> {
    const response = await authorize(`client_id=${s.sandbox.appId}&redirect_uri=${encodeURIComponent(redirect)}&state=${state}&office_id=${officeId}`);
    const location = new URL(response.headers.get('location') ?? '');
    return location.searchParams.get('code') ?? '';
  }

  function token(body: Body): Promise<Response> {
    return s.get('/v2/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ client_id: s.sandbox.appId, client_secret: s.sandbox.appKey, ...body }) });
  }

  it('consents at once and redirects back with a code and the same state', async () => {
    const response = await authorize(`client_id=${s.sandbox.appId}&redirect_uri=${encodeURIComponent(`${CALLBACK}?x=1`)}&state=a%20b%26c`);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe('a b&c');
    expect(location.searchParams.get('x')).toBe('1');
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('redirects with error=access_denied when the user denies', async () => {
    const response = await authorize(`client_id=${s.sandbox.appId}&redirect_uri=${encodeURIComponent(CALLBACK)}&state=s1&deny=1`);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('s1');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it.each([
    ['client_id=wrong&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb', 401, 'API2003'],
    ['redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb', 400, 'API1001'],
    ['client_id=APP&redirect_uri=https%3A%2F%2Fevil.example.com%2Fcb', 400, 'API1026'],
    ['client_id=APP', 400, 'API1020'],
  ])('refuses authorize with %s (%i %s) without redirecting', async (query, status, code) => {
    const response = await authorize(query.replace('APP', s.sandbox.appId));
    expect(response.status).toBe(status);
    expect(response.headers.get('location')).toBeNull();
    expect(await errorCodeOf(response)).toBe(code);
  });

  it('exchanges a code for a request key that reads the consenting office, then refreshes and revokes', async () => {
    const granted = (await (await token({ grant_type: 'authorization_code', code: await code('s', VET.officeId), redirect_uri: CALLBACK })).json()) as Body;
    expect(granted).toMatchObject({ token_type: 'Bearer', expires_in: '86400', issued_to: VET.officeId, scope: `${s.sandbox.baseUrl}/v2/` });
    expect(granted['access_token']).toBe(granted['request_key']);
    expect((await s.get(`/v2/veterinary_patients?limit=1&request_key=${String(granted['request_key'])}`)).status).toBe(200);

    const refreshed = (await (await token({ grant_type: 'refresh_token', refresh_token: granted['refresh_token'] })).json()) as Body;
    expect(refreshed['request_key']).not.toBe(granted['request_key']);
    expect(refreshed['refresh_token']).toBe(granted['refresh_token']);

    const revoked = await s.get(`/v2/refresh_token/${String(granted['refresh_token'])}?client_id=${s.sandbox.appId}&client_secret=${s.sandbox.appKey}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ error_code: 'API0003', long_message: 'Request Session terminated successfully.' });
    expect(s.sandbox.requests.at(-1)?.path).toBe('/v2/refresh_token/[redacted]');

    const refused = await token({ grant_type: 'refresh_token', refresh_token: granted['refresh_token'] });
    expect(refused.status).toBe(401);
    expect(await errorCodeOf(refused)).toBe('API2003');
    expect((await s.get(`/v2/patients?request_key=${String(refreshed['request_key'])}`)).status).toBe(401);
  });

  it('accepts a code only once', async () => {
    const once = await code();
    expect((await token({ grant_type: 'authorization_code', code: once, redirect_uri: CALLBACK })).status).toBe(200);
    const again = await token({ grant_type: 'authorization_code', code: once, redirect_uri: CALLBACK });
    expect(again.status).toBe(401);
    expect(await errorCodeOf(again)).toBe('API2003');
  });

  it('refuses a code after ten minutes', async () => {
    const late = await code();
    s.clock.now += 10 * 60_000;
    expect((await token({ grant_type: 'authorization_code', code: late, redirect_uri: CALLBACK })).status).toBe(401);
  });

  it('requires the same redirect_uri as the authorize call', async () => {
    const response = await token({ grant_type: 'authorization_code', code: await code(), redirect_uri: 'http://127.0.0.1:45123/other' });
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('API1026');
  });

  it('refuses a wrong client secret and an unknown grant', async () => {
    expect(await errorCodeOf(await token({ grant_type: 'authorization_code', code: await code(), redirect_uri: CALLBACK, client_secret: 'nope' }))).toBe('API2003');
    expect(await errorCodeOf(await token({ grant_type: 'password' }))).toBe('API1026');
  });

  it('accepts a form-encoded token request', async () => {
    const form = new URLSearchParams({ grant_type: 'authorization_code', code: await code(), redirect_uri: CALLBACK, client_id: s.sandbox.appId, client_secret: s.sandbox.appKey });
    const response = await s.get('/v2/token', { method: 'POST', body: form });
    expect(response.status).toBe(200);
  });

  it('redirects to the registered callback when redirect_uri is left out', async () => {
    const sandbox = await startSandbox({ offices: [DENTAL], now: () => START, registeredCallback: 'https://app.example.com/oauth' });
    try {
      const response = await fetch(`${sandbox.baseUrl}/portal/authapp.aspx?response_type=code&scope=*&client_id=${sandbox.appId}&state=q`, { redirect: 'manual' });
      expect(response.headers.get('location')).toMatch(/^https:\/\/app\.example\.com\/oauth\?code=[0-9a-f]{32}&state=q$/);
      const sub = await fetch(`${sandbox.baseUrl}/portal/authapp.aspx?response_type=code&scope=*&client_id=${sandbox.appId}&redirect_uri=${encodeURIComponent('https://app.example.com/oauth/done')}`, { redirect: 'manual' });
      expect(sub.status).toBe(302);
    } finally {
      await sandbox.close();
    }
  });
});
