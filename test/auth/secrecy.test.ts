import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { officeKeySource } from '../../main/auth/officeKeys';
import { toAppError } from '../../main/ipc/router';
import { browse, DENTAL, request, START, useAuthHarness } from './support';

const h = useAuthHarness();
const app = () => ({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });

/** Every file under `dir`, with its path, read as text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(dir, path), text: readFileSync(path).toString('latin1') };
    });
}

/** The ways a secret could sit on disk without being encrypted. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex'), JSON.stringify(secret)];
}

function expectNoSecret(where: string, text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    expect(secret.length, 'a secret worth looking for').toBeGreaterThan(8);
    for (const form of encodings(secret)) expect(text.includes(form), `${where} holds a secret in clear`).toBe(false);
  }
}

describe('secrets stay secret', () => {
  it('after a sign-in and a key renewal, no file under the data directory holds the app key, a refresh token or a request key in clear', async () => {
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    await service.signInWithSikka({ ...app(), baseUrl: h.sandbox.baseUrl });
    const refreshToken = h.credentials.refreshToken(DENTAL.officeId) ?? '';
    const firstKey = h.credentials.requestKey(DENTAL.officeId)?.requestKey ?? '';
    h.clock.now = START + 86_400_000;
    const client = h.client();
    const api = client.office(DENTAL.officeId, { keys: officeKeySource({ client, credentials: h.credentials, officeId: DENTAL.officeId }) });
    await api.pages('providers', { limit: 1 }).next();
    const renewedKey = h.credentials.requestKey(DENTAL.officeId)?.requestKey ?? '';
    expect(renewedKey).not.toBe(firstKey);

    const files = filesUnder(h.dataDir);
    expect(files.map((file) => file.path).sort()).toEqual(['settings.json', 'vault.json']);
    for (const file of files) {
      expectNoSecret(file.path, file.text, [h.sandbox.appKey, refreshToken, firstKey, renewedKey]);
      expectNoSecret(`the name ${file.path}`, file.path, [h.sandbox.appKey, refreshToken, firstKey, renewedKey]);
    }
  });

  it('the log holds no app key, refresh token, request key, authorization code or state', async () => {
    let code = '';
    let state = '';
    const service = h.service({
      openExternal: async (url) => {
        state = new URL(url).searchParams.get('state') ?? '';
        const landing = await browse(url);
        code = landing.callback.searchParams.get('code') ?? '';
      },
    });
    await service.signInWithSikka(app());
    const refreshToken = h.credentials.refreshToken(DENTAL.officeId) ?? '';
    const requestKey = h.credentials.requestKey(DENTAL.officeId)?.requestKey ?? '';
    h.sandbox.faults.expireKeysAfterCalls = 0;
    const client = h.client();
    const api = client.office(DENTAL.officeId, { keys: officeKeySource({ client, credentials: h.credentials, officeId: DENTAL.officeId, logger: h.logger }) });
    await expect(api.pages('providers').next()).rejects.toMatchObject({ code: 'API1025' });
    await service.signOut();

    expect(h.logs.map((entry) => entry.event)).toEqual(expect.arrayContaining(['auth.sign_in_started', 'auth.signed_in', 'sikka.key_renewing', 'auth.signed_out']));
    expectNoSecret('the log', JSON.stringify(h.logs), [h.sandbox.appKey, refreshToken, requestKey, code, state]);
  });

  it('errors that reach people or crash output carry no secret', async () => {
    const errors: unknown[] = [];
    const collect = async (promise: Promise<unknown>) => { await promise.then(() => undefined, (error: unknown) => { errors.push(error); }); };
    const service = h.service({ openExternal: async (url) => { await browse(url); } });
    const wrongKey = 'wrong-app-key-4c1d9e';
    await collect(service.signInWithSikka({ ...app(), appKey: wrongKey }));
    await collect(service.checkAppKey({ ...app(), appKey: wrongKey }));

    // The code exchange fails after the browser came back with a code.
    let code = '';
    const failing = h.service({
      openExternal: async (url) => {
        const consent = await request(url);
        const callback = new URL(consent.headers.location ?? '');
        code = callback.searchParams.get('code') ?? '';
        h.sandbox.faults.forceErrorNext = { code: 'API2001', count: 5 };
        await request(callback.toString());
      },
    });
    await collect(failing.signInWithSikka(app()));
    h.sandbox.faults.reset();
    await collect(h.service({ openExternal: async (url) => { await browse(url, { deny: '1' }); } }).signInWithSikka(app()));

    expect(errors.map((error) => (error as { code: string }).code)).toEqual(['API2003', 'API2003', 'API2001', 'SIGN_IN_DENIED']);
    for (const error of errors) {
      const shown = [inspect(error, { depth: 5 }), String(error), JSON.stringify(toAppError(error))].join('\n');
      expectNoSecret('an error', shown, [h.sandbox.appKey, wrongKey, code]);
    }
  });
});
