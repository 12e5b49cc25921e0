import { describe, expect, it } from 'vitest';
import { officeKeySource } from '../../main/auth/officeKeys';
import { KeyKeeper } from '../../main/sikka/keys';
import type { OfficeApi, SikkaClientOptions } from '../../main/sikka/client';
import { nodeHttpTransport, type HttpTransport } from '../../main/sikka/transport';
import { fakeTransport, json } from '../sikka/support';
import { browse, DENTAL, START, useAuthHarness, VET } from './support';

const h = useAuthHarness();
const DAY = 86_400_000;
const signal = new AbortController().signal;

async function signIn(officeId = DENTAL.officeId): Promise<void> {
  await h.service({ openExternal: async (url) => { await browse(url); } }).signInWithSikka({ appId: h.sandbox.appId, appKey: h.sandbox.appKey, officeId });
}

/** An office read as the sync reads it: a new client (a new run) with keys from the vault. */
function office(officeId = DENTAL.officeId, secretKey?: string, clientOptions: Partial<SikkaClientOptions> = {}): OfficeApi {
  const client = h.client(clientOptions);
  return client.office(officeId, { keys: officeKeySource({ client, credentials: h.freshCredentials(), officeId, secretKey, logger: h.logger }) });
}

/** The real transport, noting the grant type of every v4 key request. */
function grantsNoted(): HttpTransport & { readonly grants: string[] } {
  const real = nodeHttpTransport();
  const grants: string[] = [];
  const transport: HttpTransport = (request) => {
    if (request.method === 'POST' && request.url.endsWith('/v4/request_key')) grants.push((JSON.parse(request.body ?? '{}') as { grant_type: string }).grant_type);
    return real(request);
  };
  return Object.assign(transport, { grants });
}

async function firstPage(api: OfficeApi): Promise<void> {
  for await (const page of api.pages('providers', { limit: 2 })) {
    expect(page.records.length).toBeGreaterThan(0);
    return;
  }
}

const calls = () => h.sandbox.requests.map((entry) => `${entry.method} ${entry.path}`);

describe('office request keys wired to the vault', () => {
  it('reads with the kept key while it is valid, without asking Sikka for a new one', async () => {
    await signIn();
    const kept = h.credentials.requestKey(DENTAL.officeId);
    h.sandbox.clearRequests();
    h.clock.now = START + DAY / 2;
    await firstPage(office());
    expect(calls()).toEqual(['GET /v2/providers']);
    expect(h.freshCredentials().requestKey(DENTAL.officeId)).toEqual(kept);
  });

  it('renews the key with the refresh token before its 24-hour expiry and keeps the new one', async () => {
    await signIn();
    const kept = h.credentials.requestKey(DENTAL.officeId);
    h.sandbox.clearRequests();
    h.clock.now = START + DAY - 30_000;
    await firstPage(office());
    expect(calls()).toEqual(['POST /v2/token', 'GET /v2/providers']);
    const renewed = h.freshCredentials().requestKey(DENTAL.officeId);
    expect(renewed?.requestKey).not.toBe(kept?.requestKey);
    expect(renewed?.expiresAt).toBe(h.clock.now + DAY);
  });

  it('renews the key on API1025 and keeps the new one', async () => {
    await signIn();
    const kept = h.credentials.requestKey(DENTAL.officeId);
    h.sandbox.faults.expireKeysAfterCalls = 1;
    h.sandbox.clearRequests();
    const api = office();
    await firstPage(api);
    await firstPage(api);
    expect(h.sandbox.requests.map((entry) => [entry.path, entry.status])).toEqual([['/v2/providers', 200], ['/v2/providers', 400], ['/v2/token', 200], ['/v2/providers', 200]]);
    expect(h.freshCredentials().requestKey(DENTAL.officeId)?.requestKey).not.toBe(kept?.requestKey);
  });

  it('gets keys of an office added by app key from start with its secret key, and keeps them', async () => {
    h.credentials.saveApp({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
    await firstPage(office(VET.officeId, VET.secretKey));
    expect(calls()).toEqual(['GET /v2/start', 'GET /v2/providers']);
    expect(h.freshCredentials().requestKey(VET.officeId)?.expiresAt).toBe(START + DAY);
  });

  it('keeps a refresh token Sikka rotates', async () => {
    h.credentials.saveApp({ appId: 'app', appKey: 'key' });
    h.credentials.saveRefreshToken('D1', 'refresh-old');
    const transport = fakeTransport(() => json(200, { request_key: 'rk-new', access_token: 'rk-new', expires_in: '86400', refresh_token: 'refresh-new', issued_to: 'D1' }));
    const client = h.client({ transport, baseUrl: 'https://sikka.invalid' });
    const keeper = new KeyKeeper(officeKeySource({ client, credentials: h.credentials, officeId: 'D1' }), () => h.clock.now);
    expect((await keeper.key(signal)).requestKey).toBe('rk-new');
    expect(JSON.parse(transport.requests[0]?.body ?? '{}')).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-old' });
    expect(h.freshCredentials().refreshToken('D1')).toBe('refresh-new');
    expect(h.freshCredentials().requestKey('D1')?.requestKey).toBe('rk-new');
  });

  it('brings no key back into the vault after signing out', async () => {
    await signIn();
    const source = officeKeySource({ client: h.client(), credentials: h.credentials, officeId: DENTAL.officeId });
    h.credentials.forgetAll();
    h.clock.now = START + DAY;
    await new KeyKeeper(source, () => h.clock.now).key(signal);
    expect(h.freshCredentials().requestKey(DENTAL.officeId)).toBeUndefined();
  });

  it('fails with NOT_SIGNED_IN without stored app credentials, or for an office with neither a refresh token nor a secret key', () => {
    expect(() => officeKeySource({ client: h.client(), credentials: h.credentials, officeId: DENTAL.officeId })).toThrow(expect.objectContaining({ code: 'NOT_SIGNED_IN' }) as Error);
    h.credentials.saveApp({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
    expect(() => officeKeySource({ client: h.client(), credentials: h.credentials, officeId: DENTAL.officeId })).toThrow(expect.objectContaining({ code: 'NOT_SIGNED_IN' }) as Error);
  });
});

describe('office request keys on v4', () => {
  const v4 = (transport?: HttpTransport): Partial<SikkaClientOptions> => ({ apiVersion: 'v4', ...(transport === undefined ? {} : { transport }) });
  const connectByAppKey = (): void => { h.credentials.saveApp({ appId: h.sandbox.appId, appKey: h.sandbox.appKey }); };

  it('gets the first key of an app-key office from the request_key grant and keeps the refresh key that comes with it', async () => {
    connectByAppKey();
    const transport = grantsNoted();
    await firstPage(office(VET.officeId, VET.secretKey, v4(transport)));
    expect(calls()).toEqual(['POST /v4/request_key', 'GET /v4/providers']);
    expect(transport.grants).toEqual(['request_key']);
    expect(h.freshCredentials().refreshKey(VET.officeId)).toMatch(/\w/);
    expect(h.freshCredentials().requestKey(VET.officeId)?.expiresAt).toBe(START + DAY);
  });

  it('renews with the kept refresh key in a later run, without the secret key', async () => {
    connectByAppKey();
    await firstPage(office(VET.officeId, VET.secretKey, v4()));
    const kept = h.freshCredentials().requestKey(VET.officeId);
    h.clock.now = START + DAY;
    h.sandbox.clearRequests();
    const transport = grantsNoted();
    await firstPage(office(VET.officeId, undefined, v4(transport)));
    expect(transport.grants).toEqual(['refresh_key']);
    expect(calls()).toEqual(['POST /v4/request_key', 'GET /v4/providers']);
    expect(h.freshCredentials().requestKey(VET.officeId)?.requestKey).not.toBe(kept?.requestKey);
  });

  it('falls back to the secret key when the kept refresh key was deleted at Sikka, and keeps the new one', async () => {
    connectByAppKey();
    await firstPage(office(VET.officeId, VET.secretKey, v4()));
    const deleted = h.freshCredentials().refreshKey(VET.officeId) ?? '';
    await h.client(v4()).revokeRefreshKey({ appId: h.sandbox.appId, appKey: h.sandbox.appKey, refreshKey: deleted });
    h.clock.now = START + DAY;
    const transport = grantsNoted();
    await firstPage(office(VET.officeId, VET.secretKey, v4(transport)));
    expect(transport.grants).toEqual(['refresh_key', 'request_key']);
    const renewed = h.freshCredentials().refreshKey(VET.officeId);
    expect(renewed).toMatch(/\w/);
    expect(renewed).not.toBe(deleted);
  });

  it('keeps renewing an office signed in with Sikka with its /v2/token refresh token, reading v4 with the key', async () => {
    await signIn();
    h.sandbox.clearRequests();
    h.clock.now = START + DAY;
    await firstPage(office(DENTAL.officeId, DENTAL.secretKey, v4()));
    expect(calls()).toEqual(['POST /v2/token', 'GET /v4/providers']);
    expect(h.freshCredentials().refreshKey(DENTAL.officeId)).toBeUndefined();
  });

  it('brings no refresh key back into the vault after signing out', async () => {
    connectByAppKey();
    const source = officeKeySource({ client: h.client(v4()), credentials: h.credentials, officeId: VET.officeId, secretKey: VET.secretKey });
    h.credentials.forgetAll();
    await new KeyKeeper(source, () => h.clock.now).key(signal);
    expect(h.freshCredentials().refreshKey(VET.officeId)).toBeUndefined();
    expect(h.freshCredentials().requestKey(VET.officeId)).toBeUndefined();
  });

  it('fails with NOT_SIGNED_IN for an office with neither a refresh key nor a secret key', () => {
    connectByAppKey();
    expect(() => officeKeySource({ client: h.client(v4()), credentials: h.credentials, officeId: VET.officeId })).toThrow(expect.objectContaining({ code: 'NOT_SIGNED_IN' }) as Error);
    h.credentials.saveRefreshKey(VET.officeId, 'kept');
    expect(() => officeKeySource({ client: h.client(v4()), credentials: h.credentials, officeId: VET.officeId })).not.toThrow();
  });
});
