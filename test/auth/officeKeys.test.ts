import { describe, expect, it } from 'vitest';
import { officeKeySource } from '../../main/auth/officeKeys';
import { KeyKeeper } from '../../main/sikka/keys';
import type { OfficeApi } from '../../main/sikka/client';
import { fakeTransport, json } from '../sikka/support';
import { browse, DENTAL, START, useAuthHarness, VET } from './support';

const h = useAuthHarness();
const DAY = 86_400_000;
const signal = new AbortController().signal;

async function signIn(officeId = DENTAL.officeId): Promise<void> {
  await h.service({ openExternal: async (url) => { await browse(url); } }).signInWithSikka({ appId: h.sandbox.appId, appKey: h.sandbox.appKey, officeId });
}

/** An office read as the sync reads it: a new client (a new run) with keys from the vault. */
function office(officeId = DENTAL.officeId, secretKey?: string): OfficeApi {
  const client = h.client();
  return client.office(officeId, { keys: officeKeySource({ client, credentials: h.freshCredentials(), officeId, secretKey, logger: h.logger }) });
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
