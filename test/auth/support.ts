import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createConnectionService, type ConnectionService, type ConnectionServiceOptions } from '../../main/auth/connection';
import { Credentials } from '../../main/auth/credentials';
import { createPassphraseKeyProtector } from '../../main/auth/keyProtectorNode';
import { Vault } from '../../main/auth/vault';
import { createLogger, type LogEntry, type Logger } from '../../main/log/logger';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../main/sandbox/index';
import { openNodeSettings, type Settings } from '../../main/settings/settings';
import { createSikkaClient, type SikkaClient, type SikkaClientOptions } from '../../main/sikka/client';

/** A Wednesday afternoon in March, office time well away from midnight. */
export const START = Date.UTC(2026, 2, 11, 18, 0, 0);
export const DENTAL: SandboxOfficeSpec = { officeId: 'D16001', secretKey: 'secret-dental-4e1f', domain: 'Dental', practiceName: 'Maple Grove Family Dental', patients: 40, timeZone: 'Central Standard Time' };
export const VET: SandboxOfficeSpec = { officeId: 'V20417', secretKey: 'secret-vet-9a0c', domain: 'Veterinary', practiceName: 'Riverbend Animal Hospital', patients: 30, timeZone: 'Eastern Standard Time' };
export const PASSPHRASE = 'correct horse battery staple';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One plain HTTP exchange with full control of method and headers (a browser, or an attacker). */
export function request(url: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body }); });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Raw bytes to a port, for requests http.request will not send; resolves with the status line. */
export function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.write(text); });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { answer += chunk; });
    socket.on('error', (error: NodeJS.ErrnoException) => { if (answer === '') reject(error); else resolve(answer.split('\r\n')[0] ?? ''); });
    socket.on('close', () => { resolve(answer.split('\r\n')[0] ?? ''); });
  });
}

/** What a browser does with the sign-in link: show Sikka's page, which redirects to the loopback listener. */
export async function browse(authorizationUrl: string, extra: Record<string, string> = {}): Promise<HttpAnswer & { readonly callback: URL }> {
  const url = new URL(authorizationUrl);
  for (const [name, value] of Object.entries(extra)) url.searchParams.set(name, value);
  const consent = await request(url.toString());
  if (consent.status !== 302) throw new Error(`The consent page answered ${consent.status}`);
  const callback = new URL(consent.headers.location ?? '');
  return { ...(await request(callback.toString())), callback };
}

export function capturingLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { logger: createLogger({ sink: (entry) => { entries.push(entry); }, level: 'debug' }), entries };
}

/** Settles-or-not, without waiting: true once `promise` has settled. */
export function settledFlag(promise: Promise<unknown>): () => boolean {
  let settled = false;
  promise.then(() => { settled = true; }, () => { settled = true; });
  return () => settled;
}

export interface AuthHarness {
  sandbox: Sandbox;
  clock: { now: number };
  dataDir: string;
  vault: Vault;
  credentials: Credentials;
  settings: Settings;
  logs: LogEntry[];
  logger: Logger;
  client(options?: Partial<SikkaClientOptions>): SikkaClient;
  service(options?: Partial<ConnectionServiceOptions>): ConnectionService;
  /** Opens a fresh vault on the data directory, as another process would. */
  freshCredentials(): Credentials;
}

/** One sandbox per file; a fresh data directory, vault and settings for every test. */
export function useAuthHarness(): AuthHarness {
  const h = { clock: { now: START } } as AuthHarness;
  // One protector per file: scrypt is slow on purpose, and it caches per salt.
  const protector = createPassphraseKeyProtector(PASSPHRASE);
  beforeAll(async () => {
    h.sandbox = await startSandbox({ seed: 3, offices: [DENTAL, VET], now: () => h.clock.now });
  });
  afterAll(async () => { await h.sandbox.close(); });
  beforeEach(() => {
    h.sandbox.faults.reset();
    h.sandbox.clearRequests();
    h.clock.now = START;
    h.dataDir = mkdtempSync(join(tmpdir(), 'pc-auth-'));
    h.vault = Vault.open({ dataDir: h.dataDir, protector });
    h.credentials = new Credentials(h.vault);
    h.settings = openNodeSettings(h.dataDir);
    const { logger, entries } = capturingLogger();
    h.logger = logger;
    h.logs = entries;
  });
  afterEach(() => { rmSync(h.dataDir, { recursive: true, force: true }); });
  h.client = (options = {}) => createSikkaClient({
    baseUrl: h.sandbox.baseUrl,
    now: () => h.clock.now,
    sleep: (_ms, signal) => (signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve()),
    logger: h.logger,
    ...options,
  });
  h.service = (options = {}) => createConnectionService({
    credentials: h.credentials,
    settings: h.settings,
    // Always the sandbox; the version as the connection service asks.
    clientFor: (_baseUrl, apiVersion) => h.client({ apiVersion }),
    logger: h.logger,
    ...options,
  });
  h.freshCredentials = () => new Credentials(Vault.open({ dataDir: h.dataDir, protector }));
  return h;
}
