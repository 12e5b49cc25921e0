import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
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
