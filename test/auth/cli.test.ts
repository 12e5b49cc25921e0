import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MACHINE_KEY_FILE, PASSPHRASE_ENV } from '../../main/auth/keyProtectorNode';
import { browserCommand, openSystemBrowser } from '../../main/auth/systemBrowser';
import type { CliIo } from '../../main/cli/command';
import { createLoginCommand } from '../../main/cli/commands/login';
import { createLogoutCommand } from '../../main/cli/commands/logout';
import { openDataDir } from '../../main/cli/dataDir';
import { runCli } from '../../main/cli/run';
import { openNodeSettings } from '../../main/settings/settings';
import { createSikkaClient } from '../../main/sikka/client';
import type { SikkaApiVersion } from '../../main/sikka/endpoints';
import { browse, DENTAL, PASSPHRASE, useAuthHarness } from './support';

const h = useAuthHarness();
const ENV = { [PASSPHRASE_ENV]: PASSPHRASE };
const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-auth-cli-'));
  dirs.push(dir);
  return dir;
}

/** The CLI in-process, with the test as its browser (or none). */
async function cli(argv: string[], options: { openBrowser?: (url: string) => Promise<void>; onOut?: (text: string) => void; env?: Record<string, string> } = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => { out += text; options.onOut?.(text); },
    err: (text) => { err += text; },
    env: options.env ?? ENV,
    now: () => Date.now(),
    signal: new AbortController().signal,
  };
  // Real clients, without real waits between retries.
  const clientFor = (baseUrl: string | null, apiVersion: SikkaApiVersion) => createSikkaClient({ apiVersion, ...(baseUrl === null ? {} : { baseUrl }), sleep: () => Promise.resolve() });
  const commands = [createLoginCommand({ openBrowser: options.openBrowser ?? (() => Promise.reject(new Error('no browser here'))), clientFor }), createLogoutCommand({ clientFor })];
  const code = await runCli(argv, commands, io);
  return { code, out, err };
}

const loginArgs = (dataDir: string, extra: string[] = []) => ['login', '--data-dir', dataDir, '--base-url', h.sandbox.baseUrl, '--app-id', h.sandbox.appId, '--app-key', h.sandbox.appKey, ...extra];

describe('CLI login and logout', () => {
  it('login prints the link, opens the browser, stores the credentials encrypted and the host in settings', async () => {
    const dataDir = tempDir();
    const opened: string[] = [];
    const result = await cli(loginArgs(dataDir), { openBrowser: async (url) => { opened.push(url); await browse(url); } });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Open this URL to sign in: http:\/\/127\.0\.0\.1:\d+\/portal\/authapp\.aspx\?\S+\n/);
    expect(result.out).toContain(`Signed in to office ${DENTAL.officeId}`);
    expect(result.out).toContain(opened[0]);
    const credentials = openDataDir(dataDir, ENV).credentials;
    expect(credentials.app()).toEqual({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
    expect(credentials.officesWithRefreshTokens()).toEqual([DENTAL.officeId]);
    expect(credentials.requestKey(DENTAL.officeId)).toBeDefined();
    expect(openNodeSettings(dataDir).current()).toMatchObject({ connectionKind: 'sikka', sikkaBaseUrl: h.sandbox.baseUrl, selectedOffices: [DENTAL.officeId] });
    for (const secret of [h.sandbox.appKey, credentials.refreshToken(DENTAL.officeId) ?? '']) expect(result.out + result.err).not.toContain(secret);
    const security = openDataDir(dataDir, ENV).openSecurityStore();
    try {
      expect([...security.audit.entries({})]).toMatchObject([{ action: 'sign-in', target: `office/${DENTAL.officeId}` }]);
    } finally {
      security.close();
    }
  });

  it('login --no-browser opens nothing and waits for the printed link to be followed', async () => {
    const dataDir = tempDir();
    const opened: string[] = [];
    let followed: Promise<unknown> = Promise.resolve();
    const result = await cli(loginArgs(dataDir, ['--no-browser']), {
      openBrowser: (url) => { opened.push(url); return Promise.resolve(); },
      onOut: (text) => {
        const link = /^Open this URL to sign in: (\S+)$/m.exec(text)?.[1];
        if (link !== undefined) followed = browse(link);
      },
    });
    await followed;
    expect(result.code).toBe(0);
    expect(opened).toEqual([]);
    expect(openDataDir(dataDir, ENV).credentials.officesWithRefreshTokens()).toEqual([DENTAL.officeId]);
  });

  it('login with a wrong app key exits 1 with Sikka\u2019s explanation and stores nothing', async () => {
    const dataDir = tempDir();
    const result = await cli(['login', '--data-dir', dataDir, '--base-url', h.sandbox.baseUrl, '--app-id', h.sandbox.appId, '--app-key', 'wrong-key-77'], { openBrowser: async (url) => { await browse(url); } });
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toBe('login failed (API2003): Sikka did not accept the app ID or key. Check them in Settings, or sign in with Sikka again.\n');
    expect(openDataDir(dataDir, ENV).credentials.app()).toBeUndefined();
  });

  it('login without the app key, or with an address that is not a web address, is a usage or settings error', async () => {
    const dataDir = tempDir();
    expect((await cli(['login', '--data-dir', dataDir, '--app-id', 'x'])).code).toBe(2);
    const badHost = await cli(['login', '--data-dir', dataDir, '--base-url', 'ftp://example.com', '--app-id', 'x', '--app-key', 'y']);
    expect(badHost.code).toBe(1);
    expect(badHost.err).toContain('SETTINGS_INVALID');
  });

  it('logout ends the sign-in at Sikka and removes the credentials', async () => {
    const dataDir = tempDir();
    await cli(loginArgs(dataDir), { openBrowser: async (url) => { await browse(url); } });
    const refreshToken = openDataDir(dataDir, ENV).credentials.refreshToken(DENTAL.officeId) ?? '';
    const result = await cli(['logout', '--data-dir', dataDir, '--profile', 'it-admin']);
    expect(result).toEqual({ code: 0, out: `Sikka access of office ${DENTAL.officeId} ended.\nSigned out: the Sikka credentials were removed from this computer.\n`, err: '' });
    expect(openDataDir(dataDir, ENV).credentials.app()).toBeUndefined();
    const security = openDataDir(dataDir, ENV).openSecurityStore();
    try {
      expect([...security.audit.entries({})]).toMatchObject([{ action: 'sign-in' }, { actor: 'cli:it-admin', action: 'sign-out' }]);
    } finally {
      security.close();
    }
    await expect(h.client().refreshToken({ clientId: h.sandbox.appId, clientSecret: h.sandbox.appKey, refreshToken })).rejects.toMatchObject({ code: 'API2003' });
  });

  it('logout offline removes the credentials anyway and says which office Sikka was not told about', async () => {
    const dataDir = tempDir();
    await cli(loginArgs(dataDir), { openBrowser: async (url) => { await browse(url); } });
    const server = http.createServer();
    await new Promise<void>((resolve) => { server.listen(0, '127.0.0.1', resolve); });
    const gone = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
    openNodeSettings(dataDir).update({ sikkaBaseUrl: gone });
    const result = await cli(['logout', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`office ${DENTAL.officeId} (NETWORK_UNREACHABLE)`);
    expect(result.err).toContain('Sikka portal');
    expect(openDataDir(dataDir, ENV).credentials.app()).toBeUndefined();
  });

  it('works as `npm run cli` runs it: a separate process, the machine key outside the data directory, then a fresh Credentials reads what it stored', async () => {
    const dataDir = tempDir();
    const configHome = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...loginArgs(dataDir, ['--no-browser'])], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { PATH: process.env['PATH'] ?? '', HOME: configHome, XDG_CONFIG_HOME: configHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let followed: Promise<unknown> | undefined;
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const link = /^Open this URL to sign in: (\S+)$/m.exec(out)?.[1];
      if (link !== undefined) followed ??= browse(link);
    });
    const code = await new Promise<number | null>((resolve) => { child.on('close', resolve); });
    await followed;
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(existsSync(join(configHome, 'practice-companion-keys', MACHINE_KEY_FILE))).toBe(true);
    const credentials = openDataDir(dataDir, { XDG_CONFIG_HOME: configHome, HOME: configHome }).credentials;
    expect(credentials.app()).toEqual({ appId: h.sandbox.appId, appKey: h.sandbox.appKey });
    expect(credentials.officesWithRefreshTokens()).toEqual([DENTAL.officeId]);
  }, 30_000);
});

describe('system browser opener', () => {
  it('hands the address to the platform\u2019s opener as one argument, never through a shell', () => {
    const url = 'https://api.sikkasoft.com/portal/authapp.aspx?a=1&b=2;rm -rf /';
    expect(browserCommand(url, 'win32')).toEqual({ command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] });
    expect(browserCommand(url, 'darwin')).toEqual({ command: 'open', args: [url] });
    expect(browserCommand(url, 'linux')).toEqual({ command: 'xdg-open', args: [url] });
  });

  it('opens only web addresses', async () => {
    await expect(openSystemBrowser('file:///etc/passwd')).rejects.toBeInstanceOf(RangeError);
  });
});
