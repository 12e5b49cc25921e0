/**
 * `npm run cli -- sync` on a data directory whose settings name Sikka API v4: the command builds
 * its client from the settings, so the copy holds v4's records and the vault v4's refresh keys.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../main/cli/dataDir';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { cli, CLI_ENV, tempDataDir } from '../cli/support';
import { sandboxClock } from '../sandbox/support';
import { DENTAL, expectCacheEqualsSandbox, VET } from './support';

let sandbox: Sandbox;
let dataDir: ReturnType<typeof tempDataDir>;

const clock = sandboxClock();

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, offices: [DENTAL, VET], now: clock.now });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dataDir = tempDataDir();
  openDataDir(dataDir.dir, CLI_ENV).settings.update({ sikkaApiVersion: 'v4', sikkaBaseUrl: sandbox.baseUrl });
  sandbox.clearRequests();
});
afterEach(() => {
  dataDir.remove();
});

const sync = () => cli(['sync', '--data-dir', dataDir.dir, '--app-id', sandbox.appId, '--app-key', sandbox.appKey]);

describe('the CLI sync on a v4 data directory', () => {
  it('copies every office through v4 and keeps each office\u2019s refresh key in the vault', async () => {
    const result = await sync();
    expect(result.err).toContain('Copied everything Sikka has: 2 offices.');
    expect(result.code).toBe(0);
    expect(sandbox.requests.filter((request) => request.resource !== undefined).every((request) => request.path.startsWith('/v4/'))).toBe(true);
    const opened = openDataDir(dataDir.dir, CLI_ENV);
    const cache = opened.openCache();
    try {
      expectCacheEqualsSandbox(cache, sandbox, [DENTAL, VET], 'v4');
    } finally {
      cache.close();
    }
    for (const office of [DENTAL, VET]) expect(opened.credentials.refreshKey(office.officeId)).toMatch(/\w/);
  });

  it('applies the next changes with the kept keys, asking Sikka for none', async () => {
    await sync();
    clock.later();
    sandbox.mutate(DENTAL.officeId, { add: 2, edit: 2, delete: 1 });
    sandbox.clearRequests();
    const result = await sync();
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/D16001: synced/);
    expect(sandbox.requests.filter((request) => request.path === '/v4/request_key')).toEqual([]);
    const cache = openDataDir(dataDir.dir, CLI_ENV).openCache();
    try {
      expectCacheEqualsSandbox(cache, sandbox, [DENTAL, VET], 'v4');
    } finally {
      cache.close();
    }
  });
});
