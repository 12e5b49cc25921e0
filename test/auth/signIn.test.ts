import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SignInCallOptions } from '../../main/auth/connection';
import { PAGES } from '../../main/auth/loopback';
import { nodeHttpTransport, type HttpTransport } from '../../main/sikka/transport';
import { browse, DENTAL, request, settledFlag, START, useAuthHarness, VET } from './support';

const h = useAuthHarness();

/** The real transport, with `issued_to` taken out of token answers. */
function tokenAnswersWithoutIssuedTo(seen: (answer: Record<string, unknown>) => void = () => undefined): HttpTransport {
  const real = nodeHttpTransport();
  return async (outgoing) => {
    const answer = await real(outgoing);
    if (!outgoing.url.endsWith('/v2/token')) return answer;
    const body = answer.headers['content-encoding'] === 'gzip' ? gunzipSync(answer.body) : Buffer.from(answer.body);
    const { issued_to: _dropped, ...rest } = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    seen(rest);
    const { 'content-encoding': _encoding, ...headers } = answer.headers;
    return { ...answer, headers, body: Buffer.from(JSON.stringify(rest)) };
  };
}
const app = () => ({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });

/** A sign-in whose browser is the test: the link arrives in `link`. */
function startSignIn(service = h.service(), request: { officeId?: string; appKey?: string; baseUrl?: string } = {}, options: SignInCallOptions = {}) {
  let resolveLink!: (url: string) => void;
  const link = new Promise<string>((resolve) => { resolveLink = resolve; });
  const done = service.signInWithSikka({ ...app(), ...request }, { onAuthorizationUrl: resolveLink, ...options });
  done.catch(() => undefined);
  return { link, done, isSettled: settledFlag(done) };
}

describe('sign in with Sikka against the sandbox', () => {
  it('opens the system browser at the authorization link with state, PKCE S256 and a loopback redirect', async () => {
    const opened: string[] = [];
    const service = h.service({ openExternal: async (url) => { opened.push(url); await browse(url); } });
    await service.signInWithSikka(app());
    const url = new URL(opened[0] ?? '');
    expect(opened).toHaveLength(1);
    expect(`${url.origin}${url.pathname}`).toBe(`${h.sandbox.baseUrl}/portal/authapp.aspx`);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(h.sandbox.appId);
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(Buffer.from(url.searchParams.get('state') ?? '', 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('uses a new state for every sign-in', async () => {
    const states: string[] = [];
    const service = h.service({ openExternal: async (url) => { states.push(new URL(url).searchParams.get('state') ?? ''); await browse(url); } });
    await service.signInWithSikka(app());
    await service.signInWithSikka(app());
    expect(new Set(states).size).toBe(2);
  });

  it('exchanges the code and keeps the office\u2019s refresh token, request key and the app credentials in the vault', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    const office = await service.signInWithSikka(app());
    expect(office).toEqual({ officeId: DENTAL.officeId, keyExpiresAt: START + 86_400_000 });
    const stored = h.freshCredentials();
    expect(stored.app()).toEqual(app());
    expect(stored.officesWithRefreshTokens()).toEqual([DENTAL.officeId]);
    expect(stored.requestKey(DENTAL.officeId)).toMatchObject({ expiresAt: START + 86_400_000 });
    expect(h.sandbox.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      'GET /auth/v2/authorized_practices',
      'GET /portal/authapp.aspx',
      'POST /v2/token',
    ]);
  });

  it('keeps the key Sikka issued: it reads the office', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    await service.signInWithSikka(app());
    const key = h.freshCredentials().requestKey(DENTAL.officeId)?.requestKey ?? '';
    const info = await request(`${h.sandbox.baseUrl}/v2/request_key_info?request_key=${key}`);
    expect(JSON.parse(info.body)).toMatchObject({ status: 'active', issued_to: DENTAL.officeId });
  });

  it('signs in to the office asked for', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    expect((await service.signInWithSikka({ ...app(), officeId: VET.officeId })).officeId).toBe(VET.officeId);
  });

  it('saves the connection, the host and the office choice in settings', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    await service.signInWithSikka({ ...app(), baseUrl: h.sandbox.baseUrl });
    expect(h.settings.current()).toMatchObject({ connectionKind: 'sikka', sikkaBaseUrl: h.sandbox.baseUrl, selectedOffices: [DENTAL.officeId] });
    await service.signInWithSikka({ ...app(), officeId: VET.officeId });
    expect(h.settings.current().selectedOffices).toEqual([DENTAL.officeId, VET.officeId]);
    expect(service.status()).toEqual({ kind: 'sikka', method: 'sikka-sign-in', signedInOffices: [DENTAL.officeId, VET.officeId], selectedOffices: [DENTAL.officeId, VET.officeId], sikkaBaseUrl: h.sandbox.baseUrl });
  });

  it('signing in to an office again replaces its refresh token and ends the old one at Sikka', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    await service.signInWithSikka(app());
    const first = h.credentials.refreshToken(DENTAL.officeId) ?? '';
    await service.signInWithSikka(app());
    expect(h.credentials.refreshToken(DENTAL.officeId)).not.toBe(first);
    await expect(h.client().refreshToken({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey, refreshToken: first })).rejects.toMatchObject({ code: 'API2003' });
  });

  it('completes with the right callback after hostile requests to the listener, which store nothing', async () => {
    const { link, done, isSettled } = startSignIn();
    const authorization = new URL(await link);
    const redirectUri = authorization.searchParams.get('redirect_uri') ?? '';
    const port = Number(new URL(redirectUri).port);
    const hostile = [
      request(`${redirectUri}?code=forged&state=guess`),
      request(`${redirectUri}?code=forged`),
      request(`${redirectUri}?state=${authorization.searchParams.get('state') ?? ''}`),
      request(`http://127.0.0.1:${port}/steal?code=x`),
      request(`${redirectUri}?code=x&state=${authorization.searchParams.get('state') ?? ''}`, { method: 'POST' }),
      request(`${redirectUri}?code=x&state=${authorization.searchParams.get('state') ?? ''}`, { headers: { host: `attacker.example:${port}` } }),
      request(`${redirectUri}?error=access_denied&state=guess`),
    ];
    expect((await Promise.all(hostile)).map((answer) => answer.status)).toEqual([400, 400, 400, 404, 405, 400, 400]);
    expect(isSettled()).toBe(false);
    expect(h.credentials.app()).toBeUndefined();
    const landing = await browse(await link);
    expect(landing.body).toBe(PAGES.signedIn);
    expect((await done).officeId).toBe(DENTAL.officeId);
  });

  it('fails with SIGN_IN_DENIED when the practice does not allow access, storing nothing', async () => {
    const { link, done } = startSignIn();
    const landing = await browse(await link, { deny: '1' });
    expect(landing.body).toBe(PAGES.failed);
    await expect(done).rejects.toMatchObject({ code: 'SIGN_IN_DENIED', explanation: expect.stringContaining('Nothing was saved') as string });
    expect(h.credentials.app()).toBeUndefined();
    expect(h.settings.current().connectionKind).toBe('none');
  });

  it('fails at once with API2003 for a wrong app key, before any browser opens', async () => {
    const opened: string[] = [];
    const service = h.service({ openExternal: (url) => { opened.push(url); } });
    await expect(service.signInWithSikka({ ...app(), appKey: 'wrong-key' })).rejects.toMatchObject({ code: 'API2003' });
    expect(opened).toEqual([]);
    expect(h.credentials.app()).toBeUndefined();
  });

  it('times out with SIGN_IN_TIMED_OUT when the browser never comes back', async () => {
    const service = h.service({ signInTimeoutMs: 100 });
    const { link, done } = startSignIn(service);
    const redirectUri = new URL(await link).searchParams.get('redirect_uri') ?? '';
    await expect(done).rejects.toMatchObject({ code: 'SIGN_IN_TIMED_OUT' });
    await expect(request(`${redirectUri}?code=late`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(h.credentials.app()).toBeUndefined();
  });

  it('is cancelled by the caller\u2019s signal', async () => {
    const controller = new AbortController();
    const { link, done } = startSignIn(h.service(), {}, { signal: controller.signal });
    const redirectUri = new URL(await link).searchParams.get('redirect_uri') ?? '';
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    await expect(request(`${redirectUri}?code=late`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('is cancelled by cancelSignIn and by a second sign-in', async () => {
    const service = h.service();
    const first = startSignIn(service);
    await first.link;
    service.cancelSignIn();
    await expect(first.done).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    const second = startSignIn(service);
    await second.link;
    const third = startSignIn(service);
    await expect(second.done).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    await browse(await third.link);
    expect((await third.done).officeId).toBe(DENTAL.officeId);
  });

  it('fails with BROWSER_NOT_OPENED when no browser opens and the link is shown nowhere', async () => {
    const service = h.service({ openExternal: () => Promise.reject(new Error('no xdg-open')) });
    await expect(service.signInWithSikka(app())).rejects.toMatchObject({ code: 'BROWSER_NOT_OPENED' });
  });

  it('keeps waiting when the browser did not open but the link was shown', async () => {
    const service = h.service({ openExternal: () => Promise.reject(new Error('no xdg-open')) });
    const { link, done } = startSignIn(service);
    await browse(await link);
    expect((await done).officeId).toBe(DENTAL.officeId);
  });

  it('asks request_key_info which office it is when the token answer does not say', async () => {
    // Sikka's v2 guide shows a token answer without issued_to.
    const service = h.service({ clientFor: () => h.client({ transport: tokenAnswersWithoutIssuedTo() }), openExternal: async (url) => { await browse(url, { office_id: VET.officeId }); } });
    expect((await service.signInWithSikka(app())).officeId).toBe(VET.officeId);
    expect(h.sandbox.requests.map((entry) => entry.path)).toContain('/v2/request_key_info');
  });

  it('on a v4 connection, asks v4\u2019s request_key_info, the key in its Request-Key header', async () => {
    const service = h.service({ clientFor: () => h.client({ apiVersion: 'v4', transport: tokenAnswersWithoutIssuedTo() }), openExternal: async (url) => { await browse(url, { office_id: VET.officeId }); } });
    expect((await service.signInWithSikka(app())).officeId).toBe(VET.officeId);
    expect(h.sandbox.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toContain('GET /v4/request_key_info 200');
  });

  it('fails with SIGN_IN_UNEXPECTED_ANSWER, storing nothing and ending the token, when no office can be learnt', async () => {
    let refreshToken = '';
    const anonymous = tokenAnswersWithoutIssuedTo((answer) => { refreshToken = String(answer['refresh_token']); });
    const unknownOffice: HttpTransport = (outgoing) => (outgoing.url.includes('/request_key_info') ? Promise.resolve({ status: 401, headers: {}, body: Buffer.from('{}') }) : anonymous(outgoing));
    const service = h.service({ clientFor: () => h.client({ transport: unknownOffice }), openExternal: async (url) => { await browse(url); } });
    await expect(service.signInWithSikka(app())).rejects.toMatchObject({ code: 'SIGN_IN_UNEXPECTED_ANSWER' });
    expect(h.credentials.app()).toBeUndefined();
    await expect(h.client().refreshToken({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey, refreshToken })).rejects.toMatchObject({ code: 'API2003' });
  });

  it('refuses a Sikka address that is not http or https before anything is sent', async () => {
    const service = h.service({ openExternal: () => undefined });
    await expect(service.signInWithSikka({ ...app(), baseUrl: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'SETTINGS_INVALID' });
    expect(h.sandbox.requests).toEqual([]);
  });
});
