import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { officeKeySource } from '../../main/auth/officeKeys';
import { DATABASE_KEY_SECRET } from '../../main/auth/vault';
import { browse, DENTAL, request, useAuthHarness, VET } from './support';

const h = useAuthHarness();
const app = () => ({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
const oauthClient = () => ({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey });

async function signInBoth(): Promise<{ dental: string; vet: string }> {
  const service = h.service({ openExternal: async (url) => { await browse(url); } });
  await service.signInWithSikka(app());
  await service.signInWithSikka({ ...app(), officeId: VET.officeId });
  return { dental: h.credentials.refreshToken(DENTAL.officeId) ?? '', vet: h.credentials.refreshToken(VET.officeId) ?? '' };
}

/** An address where nothing answers: a port that was just free. */
async function deadAddress(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
  return `http://127.0.0.1:${port}`;
}

describe('sign out', () => {
  it('ends every office\u2019s refresh token at Sikka, which then refuses it', async () => {
    const tokens = await signInBoth();
    const report = await h.service().signOut();
    expect(report).toEqual({ revokedOffices: [DENTAL.officeId, VET.officeId], notRevoked: [] });
    for (const refreshToken of [tokens.dental, tokens.vet]) {
      await expect(h.client().refreshToken({ ...oauthClient(), refreshToken })).rejects.toMatchObject({ code: 'API2003' });
    }
  });

  it('ends the request keys issued through those tokens', async () => {
    await signInBoth();
    const key = h.credentials.requestKey(DENTAL.officeId)?.requestKey ?? '';
    const read = () => request(`${h.sandbox.baseUrl}/v2/providers?request_key=${key}&limit=1`);
    expect((await read()).status).toBe(200);
    await h.service().signOut();
    expect((await read()).status).toBeGreaterThanOrEqual(400);
  });

  it('removes every Sikka secret but keeps the local copy\u2019s database key', async () => {
    await signInBoth();
    h.credentials.saveRequestKey('X1', { requestKey: 'rk' });
    h.vault.set(DATABASE_KEY_SECRET, 'ab'.repeat(32));
    await h.service().signOut();
    const fresh = h.freshCredentials();
    expect(fresh.app()).toBeUndefined();
    expect(fresh.officesWithRefreshTokens()).toEqual([]);
    expect(fresh.requestKey(DENTAL.officeId)).toBeUndefined();
    expect(h.vault.names()).toEqual([DATABASE_KEY_SECRET]);
  });

  it('resets the connection in settings and keeps the host', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    await service.signInWithSikka({ ...app(), baseUrl: h.sandbox.baseUrl });
    await service.signOut();
    expect(h.settings.current()).toMatchObject({ connectionKind: 'none', selectedOffices: null, sikkaBaseUrl: h.sandbox.baseUrl });
    expect(service.status()).toMatchObject({ kind: 'none', method: null, signedInOffices: [] });
  });

  it('offline, removes the secrets anyway and reports the offices Sikka was not told about', async () => {
    const tokens = await signInBoth();
    const offline = await deadAddress();
    const service = h.service({ clientFor: () => h.client({ baseUrl: offline, retry: { maxRetries: 1 } }) });
    const report = await service.signOut();
    expect(report.revokedOffices).toEqual([]);
    expect(report.notRevoked).toEqual([DENTAL.officeId, VET.officeId].map((officeId) => ({ officeId, code: 'NETWORK_UNREACHABLE', message: expect.stringContaining('Cannot reach Sikka') as string })));
    expect(h.freshCredentials().app()).toBeUndefined();
    expect(h.freshCredentials().officesWithRefreshTokens()).toEqual([]);
    // Still valid at Sikka: that is what the report is for.
    await expect(h.client().refreshToken({ ...oauthClient(), refreshToken: tokens.dental })).resolves.toMatchObject({ issuedTo: DENTAL.officeId });
  });

  it('gives up on a Sikka that does not answer after the revoke timeout', async () => {
    await signInBoth();
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => { silent.listen(0, '127.0.0.1', resolve); });
    try {
      const baseUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const report = await h.service({ clientFor: () => h.client({ baseUrl }), revokeTimeoutMs: 200 }).signOut();
      expect(report.notRevoked.map((entry) => entry.officeId)).toEqual([DENTAL.officeId, VET.officeId]);
      expect(h.freshCredentials().app()).toBeUndefined();
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => { silent.close(() => { resolve(); }); });
    }
  });

  it('with only an app key, has nothing to end at Sikka and removes the key', async () => {
    await h.service().connectWithAppKey({ ...app(), offices: 'all' });
    h.sandbox.clearRequests();
    expect(await h.service().signOut()).toEqual({ revokedOffices: [], notRevoked: [] });
    expect(h.sandbox.requests).toEqual([]);
    expect(h.freshCredentials().app()).toBeUndefined();
  });

  it('never signed in: nothing to do', async () => {
    expect(await h.service().signOut()).toEqual({ revokedOffices: [], notRevoked: [] });
  });
});

describe('sign out on v4', () => {
  const v4 = () => h.client({ apiVersion: 'v4' });
  const v4Service = (options: Parameters<typeof h.service>[0] = {}) => h.service({ clientFor: v4, ...options });

  /** An app-key office read once as the sync reads it on v4, so its refresh key and request key are kept. */
  async function readByAppKey(office = VET): Promise<{ refreshKey: string; requestKey: string }> {
    h.credentials.saveApp(app());
    const client = v4();
    const api = client.office(office.officeId, { keys: officeKeySource({ client, credentials: h.credentials, officeId: office.officeId, secretKey: office.secretKey }) });
    await api.record('providers', office.domain === 'Veterinary' ? 'DVM1' : 'DMD1');
    return { refreshKey: h.credentials.refreshKey(office.officeId) ?? '', requestKey: h.credentials.requestKey(office.officeId)?.requestKey ?? '' };
  }

  const readWith = (requestKey: string) => request(`${h.sandbox.baseUrl}/v4/providers?limit=1`, { headers: { 'Request-Key': requestKey } });

  it('ends an app-key office\u2019s refresh key and request key at Sikka, which then refuses both', async () => {
    const kept = await readByAppKey();
    expect((await readWith(kept.requestKey)).status).toBe(200);
    const report = await v4Service().signOut();
    expect(report).toEqual({ revokedOffices: [VET.officeId], notRevoked: [] });
    expect(h.sandbox.requests.filter((entry) => entry.method === 'DELETE').map((entry) => entry.path)).toEqual(['/v4/request_key', '/v4/refresh_key']);
    await expect(v4().refreshRequestKey({ ...app(), refreshKey: kept.refreshKey })).rejects.toMatchObject({ code: 'API2003' });
    expect((await readWith(kept.requestKey)).status).toBe(401);
    expect(h.freshCredentials().refreshKey(VET.officeId)).toBeUndefined();
  });

  it('ends an office signed in with Sikka: its refresh token, and its request key through v4', async () => {
    await v4Service({ openExternal: async (url) => { await browse(url); } }).signInWithSikka(app());
    const requestKey = h.credentials.requestKey(DENTAL.officeId)?.requestKey ?? '';
    const refreshToken = h.credentials.refreshToken(DENTAL.officeId) ?? '';
    h.sandbox.clearRequests();
    expect(await v4Service().signOut()).toEqual({ revokedOffices: [DENTAL.officeId], notRevoked: [] });
    expect(h.sandbox.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['DELETE /v4/request_key', expect.stringMatching(/^DELETE \/v2\/refresh_token\//)]);
    await expect(h.client().refreshToken({ ...oauthClient(), refreshToken })).rejects.toMatchObject({ code: 'API2003' });
    expect((await readWith(requestKey)).status).toBe(401);
  });

  it('counts a request key Sikka no longer knows as ended', async () => {
    await readByAppKey();
    h.credentials.saveRequestKey(VET.officeId, { requestKey: 'ab'.repeat(16) });
    expect(await v4Service().signOut()).toEqual({ revokedOffices: [VET.officeId], notRevoked: [] });
  });

  it('offline, removes the refresh keys anyway and reports the offices Sikka was not told about', async () => {
    const kept = await readByAppKey();
    const offline = await deadAddress();
    const report = await v4Service({ clientFor: () => h.client({ apiVersion: 'v4', baseUrl: offline, retry: { maxRetries: 1 } }) }).signOut();
    expect(report).toEqual({ revokedOffices: [], notRevoked: [{ officeId: VET.officeId, code: 'NETWORK_UNREACHABLE', message: expect.stringContaining('Cannot reach Sikka') as string }] });
    expect(h.freshCredentials().refreshKey(VET.officeId)).toBeUndefined();
    expect(h.vault.names()).toEqual([]);
    // Still valid at Sikka: that is what the report is for.
    await expect(v4().refreshRequestKey({ ...app(), refreshKey: kept.refreshKey })).resolves.toMatchObject({ issuedTo: VET.officeId });
  });

  it('by default speaks the API version the connection\u2019s settings name', async () => {
    await readByAppKey();
    h.settings.update({ sikkaApiVersion: 'v4', sikkaBaseUrl: h.sandbox.baseUrl });
    expect(await h.service({ clientFor: undefined }).signOut()).toEqual({ revokedOffices: [VET.officeId], notRevoked: [] });
  });

  it('on a connection switched back to v2, removes a kept v4 refresh key and says Sikka was not told', async () => {
    await readByAppKey();
    h.sandbox.clearRequests();
    const report = await h.service().signOut();
    expect(report.revokedOffices).toEqual([]);
    expect(report.notRevoked).toEqual([{ officeId: VET.officeId, code: 'V4_KEY_NOT_REVOKED', message: expect.stringContaining('Sikka portal') as string }]);
    expect(h.sandbox.requests).toEqual([]);
    expect(h.vault.names()).toEqual([]);
  });
});
