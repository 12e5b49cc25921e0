/**
 * The browser harness: the app's router behind the token-guarded loopback bridge, in a temporary
 * data directory, starting the demo practice once the first profile (a manager) is set up.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../main/harness';
import { DENTAL } from '../sync/support';

/** Cheap scrypt for PINs in tests; the app's default is deliberately slow. */
const PIN_SCRYPT = { logN: 10, r: 8, p: 1 };
const MANAGER = { name: 'it', displayName: 'IT Desk', pin: '602948' };

let harness: Harness;
let rendererDir: string;
let dataDir: string;

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'pc-harness-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Practice Companion</title>');
  harness = await startHarness({ rendererDir, env: { PRACTICE_COMPANION_PASSPHRASE: 'harness tests' }, demoOffices: () => [{ ...DENTAL, patients: 50 }], pinScrypt: PIN_SCRYPT });
  dataDir = harness.dataDir;
});

afterAll(async () => {
  await harness.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

const call = (channel: string, body: unknown, token: string) =>
  fetch(`http://127.0.0.1:${harness.port}/ipc/${channel}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const bridgeToken = (): string => new URL(harness.url).hash.replace('#token=', '');

describe('browser harness', () => {
  it('gives a 127.0.0.1 address with the bridge token in the fragment', () => {
    expect(harness.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${harness.port}/#token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the renderer', async () => {
    expect(await (await fetch(`http://127.0.0.1:${harness.port}/`)).text()).toContain('Practice Companion');
  });

  it('asks for the first profile before anything else, and starts the demo practice only once a manager has one', async () => {
    const token = bridgeToken();
    expect(await (await call('session', {}, token)).json()).toEqual({ ok: true, value: { state: 'needs-setup' } });
    expect(await (await call('connectionStatus', {}, token)).json()).toMatchObject({ ok: true, value: { kind: 'none' } });
    expect(await (await call('searchPatients', { text: 'a' }, token)).json()).toMatchObject({ ok: false, error: { code: 'NEEDS_SETUP' } });
    expect(await (await call('setUp', MANAGER, token)).json()).toMatchObject({ ok: true, value: { state: 'unlocked', profile: { name: 'it', role: 'manager' } } });
    await expect.poll(async () => ((await (await call('connectionStatus', {}, token)).json()) as { value: { kind: string } }).value.kind).toBe('demo');
  });

  it('answers the app\u2019s channels to the token holder only', async () => {
    expect(await (await call('connectionStatus', {}, bridgeToken())).json()).toMatchObject({ ok: true, value: { kind: 'demo' } });
    expect((await call('connectionStatus', {}, 'wrong')).status).toBe(403);
  });

  it('gives the page a phone client opens for a caller, and no page for what is no phone number', async () => {
    expect(harness.callerUrl('(217) 555-0100 x12')).toBe(`${harness.url}&caller=%2B12175550100%3Bext%3D12`);
    expect(harness.callerUrl('<script>')).toBeUndefined();
    const token = bridgeToken();
    expect(await (await call('callerLookup', { number: '+12175550100;ext=12' }, token)).json()).toMatchObject({ ok: true, value: { number: { national: '2175550100', extension: '12' } } });
  });

  it('removes its temporary data directory on close', async () => {
    const other = await startHarness({ rendererDir, env: { PRACTICE_COMPANION_PASSPHRASE: 'harness tests' }, demo: false, pinScrypt: PIN_SCRYPT });
    const dir = other.dataDir;
    expect(existsSync(dir)).toBe(true);
    await other.close();
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(dataDir)).toBe(true);
  });
});
