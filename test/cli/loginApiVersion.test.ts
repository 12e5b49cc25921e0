/**
 * `npm run cli -- login --api-version v2|v4`: the version the app is registered for with Sikka is
 * chosen when signing in, kept in the data directory's settings, and the next `sync` speaks it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browse } from '../auth/support';
import { openDataDir } from '../../main/cli/dataDir';
import { COMMANDS } from '../../main/cli/commands';
import { runCli } from '../../main/cli/run';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../main/sandbox';
import { expectCacheEqualsSandbox } from '../sync/support';
import { cli, CLI_ENV, tempDataDir } from './support';

const DENTAL: SandboxOfficeSpec = { officeId: 'D16001', secretKey: 'secret-dental', domain: 'Dental', practiceName: 'Maple Grove Family Dental', patients: 60, timeZone: 'Central Standard Time' };
const VET: SandboxOfficeSpec = { officeId: 'V20417', secretKey: 'secret-vet', domain: 'Veterinary', practiceName: 'Riverbend Animal Hospital', patients: 40, timeZone: 'Eastern Standard Time' };

let sandbox: Sandbox;
let dataDir: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, offices: [DENTAL, VET] });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dataDir = tempDataDir();
  sandbox.clearRequests();
});
afterEach(() => {
  dataDir.remove();
});

/** `login --no-browser`, with the test following the printed link as a browser would. */
async function login(extra: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let followed: Promise<unknown> = Promise.resolve();
  const code = await runCli(['login', '--data-dir', dataDir.dir, '--base-url', sandbox.baseUrl, '--app-id', sandbox.appId, '--app-key', sandbox.appKey, '--no-browser', ...extra], COMMANDS, {
    out: (text) => {
      out += text;
      const link = /^Open this URL to sign in: (\S+)$/m.exec(text)?.[1];
      if (link !== undefined) followed = browse(link);
    },
    err: (text) => { err += text; },
    env: CLI_ENV,
    now: Date.now,
    signal: new AbortController().signal,
  });
  await followed;
  return { code, out, err };
}

describe('login --api-version', () => {
  it('v4: kept in the settings beside the host, and the next sync copies the office through v4 with the sign-in\u2019s key', async () => {
    const signedIn = await login(['--api-version', 'v4']);
    expect(signedIn.code).toBe(0);
    expect(openDataDir(dataDir.dir, CLI_ENV).settings.current()).toMatchObject({ connectionKind: 'sikka', sikkaBaseUrl: sandbox.baseUrl, sikkaApiVersion: 'v4', selectedOffices: [DENTAL.officeId] });
    sandbox.clearRequests();

    const synced = await cli(['sync', '--data-dir', dataDir.dir]);
    expect(synced.err).toContain('Copied everything Sikka has: 1 office.');
    expect(synced.code).toBe(0);
    const dataCalls = sandbox.requests.filter((request) => request.resource !== undefined);
    expect(dataCalls.length).toBeGreaterThan(0);
    expect(dataCalls.every((request) => request.path.startsWith('/v4/') && request.officeId === DENTAL.officeId)).toBe(true);
    expect(sandbox.requests.filter((request) => request.path === '/v4/request_key' || request.path === '/v2/token')).toEqual([]);
    const cache = openDataDir(dataDir.dir, CLI_ENV).openCache();
    try {
      expectCacheEqualsSandbox(cache, sandbox, [DENTAL], 'v4');
    } finally {
      cache.close();
    }
  });

  it('absent on a new data directory: v2', async () => {
    expect((await login([])).code).toBe(0);
    expect(openDataDir(dataDir.dir, CLI_ENV).settings.current().sikkaApiVersion).toBe('v2');
  });

  it('anything but v2 or v4 is a usage error, before Sikka is asked anything', async () => {
    const result = await login(['--api-version', 'v3']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--api-version is v2 or v4.');
    expect(sandbox.requests).toEqual([]);
  });

  it('is in the command\u2019s help', async () => {
    expect((await cli(['login', '--help'])).out).toContain('[--api-version v2|v4]');
  });
});
