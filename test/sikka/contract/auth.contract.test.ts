import { describe, expect, it } from 'vitest';
import { nodeHttpTransport } from '../../../main/sikka/transport';
import { collect, DENTAL, failure, useSandbox, VET } from './harness';

const h = useSandbox();

/** Follows the consent page's redirect the way a browser would, returning the callback URL. */
async function consent(authorizationUrl: string): Promise<URL> {
  const response = await nodeHttpTransport()({ method: 'GET', url: authorizationUrl, headers: {}, signal: new AbortController().signal, maxBodyBytes: 10_000 });
  expect(response.status).toBe(302);
  return new URL(response.headers['location'] ?? '');
}

describe('app-key flow against the sandbox', () => {
  it('lists the authorized practices with their ids, secret keys, zones and refresh dates', async () => {
    const practices = await h.client().authorizedPractices({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
    expect(practices.map((practice) => [practice.officeId, practice.secretKey, practice.domain, practice.timeZone])).toEqual([
      [DENTAL.officeId, DENTAL.secretKey, 'Dental', DENTAL.timeZone],
      [VET.officeId, VET.secretKey, 'Veterinary', VET.timeZone],
    ]);
    expect(practices[0]?.dataInsertDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('refuses a wrong app key with API2003', async () => {
    const error = await failure(h.client().authorizedPractices({ appId: h.sandbox.appId, appKey: 'wrong' }));
    expect(error).toMatchObject({ code: 'API2003', httpStatus: 401, retryable: false });
  });

  it('starts a session whose key reads the office', async () => {
    const client = h.client();
    const key = await client.startSession({ appId: h.sandbox.appId, appKey: h.sandbox.appKey, officeId: DENTAL.officeId, secretKey: DENTAL.secretKey });
    expect(key.expiresAt).toBe(h.clock.now + 86_400_000);
    const office = client.office(DENTAL.officeId, { keys: { initialKey: key, issue: () => Promise.reject(new Error('no new key expected')) } });
    const pages = await collect(office.pages('providers'));
    expect(pages.flatMap((page) => page.records)).toEqual([...h.sandbox.records(DENTAL.officeId, 'providers')]);
  });

  it('refuses a wrong secret key with API2003', async () => {
    const error = await failure(h.client().startSession({ appId: h.sandbox.appId, appKey: h.sandbox.appKey, officeId: DENTAL.officeId, secretKey: 'nope' }));
    expect(error).toMatchObject({ code: 'API2003', officeId: DENTAL.officeId });
  });

  it('gets the first key from start and reports it for keeping', async () => {
    const office = h.office(h.client());
    await office.record('providers', 'DMD1');
    expect(office.issued).toHaveLength(1);
    expect(h.sandbox.requests.map((request) => request.path)).toEqual(['/v2/start', '/v2/providers/DMD1']);
  });

  it('uses a kept key without calling start', async () => {
    const first = h.office(h.client());
    await first.record('providers', 'DMD1');
    h.sandbox.clearRequests();
    const second = h.office(h.client(), DENTAL, first.issued[0]);
    await second.record('providers', 'DMD1');
    expect(h.sandbox.requests.map((request) => request.path)).toEqual(['/v2/providers/DMD1']);
    expect(second.issued).toHaveLength(0);
  });
});

describe('OAuth against the sandbox', () => {
  const app = () => ({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey });

  it('signs in through the authorization link and exchanges the code', async () => {
    const client = h.client();
    const redirectUri = 'http://127.0.0.1:53682/callback';
    const callback = await consent(client.authorizationUrl({ clientId: h.sandbox.appId, redirectUri, state: 'st4te', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', extraParams: { office_id: VET.officeId } }));
    expect(callback.searchParams.get('state')).toBe('st4te');
    const tokens = await client.exchangeCode({ ...app(), code: callback.searchParams.get('code') ?? '', redirectUri });
    expect(tokens).toMatchObject({ issuedTo: VET.officeId, tokenType: 'Bearer', expiresAt: h.clock.now + 86_400_000 });
    expect(tokens.refreshToken).toBeDefined();
  });

  it('refuses a code used twice', async () => {
    const client = h.client();
    const redirectUri = 'http://127.0.0.1:53682/callback';
    const code = (await consent(client.authorizationUrl({ clientId: h.sandbox.appId, redirectUri }))).searchParams.get('code') ?? '';
    await client.exchangeCode({ ...app(), code, redirectUri });
    expect((await failure(client.exchangeCode({ ...app(), code, redirectUri }))).code).toBe('API2003');
  });

  it('reads an office with keys from a refresh token, and not after revoking it', async () => {
    const client = h.client();
    const redirectUri = 'http://127.0.0.1:53682/callback';
    const code = (await consent(client.authorizationUrl({ clientId: h.sandbox.appId, redirectUri, extraParams: { office_id: VET.officeId } }))).searchParams.get('code') ?? '';
    const tokens = await client.exchangeCode({ ...app(), code, redirectUri });
    const refreshToken = tokens.refreshToken ?? '';
    const source = client.refreshTokenSource({ ...app(), refreshToken, officeId: VET.officeId });
    const pets = await collect(client.office(VET.officeId, { keys: source }).pages('patients/veterinary_patients'));
    expect(pets.flatMap((page) => page.records)).toEqual([...h.sandbox.records(VET.officeId, 'veterinary_patients')]);
    await client.revokeRefreshToken({ ...app(), refreshToken });
    expect((await failure(client.refreshToken({ ...app(), refreshToken }))).code).toBe('API2003');
  });
});
