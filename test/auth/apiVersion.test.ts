/**
 * The Sikka API version is chosen per connection: what the app is registered for with Sikka. The
 * connection service checks and connects through the version asked for, and keeps it in the
 * settings beside the host, so the sync and every later call speak it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../main/settings/settings';
import { keySources } from '../../main/sync/keys';
import { browse, DENTAL, useAuthHarness, VET } from './support';

const h = useAuthHarness();
const app = () => ({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
const calls = () => h.sandbox.requests.map((entry) => `${entry.method} ${entry.path}`);
const browser = { openExternal: async (url: string) => { await browse(url); } };

/** A provider read as the sync reads it: a client of the stored connection and the sync's key sources. */
async function readProvider(office: { officeId: string; secretKey: string; domain: string }): Promise<void> {
  const { sikkaApiVersion } = h.settings.current();
  const client = h.client({ apiVersion: sikkaApiVersion });
  const api = client.office(office.officeId, { keys: keySources({ client, credentials: h.credentials })(office) });
  await api.record('providers', office.domain === 'Veterinary' ? 'DVM1' : 'DMD1');
}

describe('checking an app key', () => {
  it('asks through the version chosen and stores nothing', async () => {
    const offices = await h.service().checkAppKey({ ...app(), apiVersion: 'v4' });
    expect(offices.map((office) => office.officeId)).toEqual([DENTAL.officeId, VET.officeId]);
    expect(calls()).toEqual(['GET /v4/authorized_practices']);
    expect(h.vault.names()).toEqual([]);
    expect(h.settings.current()).toEqual(DEFAULT_SETTINGS);
  });

  it('with the service\u2019s own client too, whatever version the settings name', async () => {
    await h.service({ clientFor: undefined }).checkAppKey({ ...app(), baseUrl: h.sandbox.baseUrl, apiVersion: 'v4' });
    expect(calls()).toEqual(['GET /v4/authorized_practices']);
  });
});

describe('connecting with an app key', () => {
  it('on v4 keeps v4 beside the host in the settings, and later calls on the connection speak it', async () => {
    const service = h.service();
    await service.connectWithAppKey({ ...app(), baseUrl: h.sandbox.baseUrl, apiVersion: 'v4', offices: [VET.officeId] });
    expect(h.settings.current()).toMatchObject({ connectionKind: 'sikka', sikkaBaseUrl: h.sandbox.baseUrl, sikkaApiVersion: 'v4', selectedOffices: [VET.officeId] });
    h.sandbox.clearRequests();
    await service.authorizedOffices();
    await service.chooseOffices('all');
    expect(calls()).toEqual(['GET /v4/authorized_practices', 'GET /v4/authorized_practices']);
  });

  it('on v4, the first read gets the office\u2019s key from the v4 grant and keeps its refresh key', async () => {
    await h.service().connectWithAppKey({ ...app(), apiVersion: 'v4', offices: 'all' });
    h.sandbox.clearRequests();
    await readProvider(VET);
    expect(calls()).toEqual(['POST /v4/request_key', 'GET /v4/providers/DVM1']);
    expect(h.freshCredentials().refreshKey(VET.officeId)).toMatch(/\w/);
  });

  it('without a version keeps the one the settings name', async () => {
    h.settings.update({ sikkaApiVersion: 'v4' });
    await h.service().connectWithAppKey({ ...app(), offices: 'all' });
    expect(calls()).toEqual(['GET /v4/authorized_practices']);
    expect(h.settings.current().sikkaApiVersion).toBe('v4');
  });

  it('choosing v2 on a data directory that was on v4 switches the connection back to v2', async () => {
    h.settings.update({ sikkaApiVersion: 'v4' });
    await h.service().connectWithAppKey({ ...app(), apiVersion: 'v2', offices: 'all' });
    expect(calls()).toEqual(['GET /auth/v2/authorized_practices']);
    expect(h.settings.current().sikkaApiVersion).toBe('v2');
  });

  it('refused on v4, leaves the settings as they were', async () => {
    await expect(h.service().connectWithAppKey({ ...app(), appKey: 'not-the-key', apiVersion: 'v4', offices: 'all' })).rejects.toMatchObject({ code: 'API2003' });
    expect(h.settings.current()).toEqual(DEFAULT_SETTINGS);
    expect(h.vault.names()).toEqual([]);
  });
});

describe('signing in with Sikka', () => {
  it('on v4 checks the app through v4, exchanges the code where sign-in lives (v2), and keeps v4 in the settings', async () => {
    const office = await h.service(browser).signInWithSikka({ ...app(), baseUrl: h.sandbox.baseUrl, apiVersion: 'v4' });
    expect(office.officeId).toBe(DENTAL.officeId);
    expect(calls()).toEqual(['GET /v4/authorized_practices', 'GET /portal/authapp.aspx', 'POST /v2/token']);
    expect(h.settings.current()).toMatchObject({ connectionKind: 'sikka', sikkaBaseUrl: h.sandbox.baseUrl, sikkaApiVersion: 'v4', selectedOffices: [DENTAL.officeId] });
    const stored = h.freshCredentials();
    expect(stored.officesWithRefreshTokens()).toEqual([DENTAL.officeId]);
    expect(stored.requestKey(DENTAL.officeId)).toBeDefined();
  });

  it('on v4, the office reads v4 with the key from the sign-in and renews it from its refresh token, without its secret key', async () => {
    await h.service(browser).signInWithSikka({ ...app(), apiVersion: 'v4' });
    h.sandbox.clearRequests();
    await readProvider(DENTAL);
    h.clock.now += 25 * 3_600_000;
    await readProvider(DENTAL);
    expect(calls()).toEqual(['GET /v4/providers/DMD1', 'POST /v2/token', 'GET /v4/providers/DMD1']);
    expect(h.sandbox.requests.every((entry) => entry.status === 200)).toBe(true);
  });

  it('refused on v4, leaves the settings as they were', async () => {
    await expect(h.service(browser).signInWithSikka({ ...app(), appKey: 'not-the-key', apiVersion: 'v4' })).rejects.toMatchObject({ code: 'API2003' });
    expect(h.settings.current()).toEqual(DEFAULT_SETTINGS);
  });
});
