/**
 * The CLI's sync in a child process, killed with SIGKILL at several points of a first download
 * (after N data requests reached the sandbox), then run again: the file is never damaged and the
 * copy ends exactly equal to the sandbox.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Credentials } from '../../main/auth/credentials';
import { createNodeKeyProtector } from '../../main/auth/keyProtectorNode';
import { loadOrCreateDatabaseKey, Vault } from '../../main/auth/vault';
import { openCache } from '../../main/cache';
import { openWriterConnection } from '../../main/cache/open';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../main/sandbox';
import { expectCacheEqualsSandbox } from '../sync/support';
import { CLI_ENV, cli, tempDataDir } from './support';

// Big enough for several pages at the CLI's 4999-row pages: 2 of patients, 4 of appointments.
const DENTAL: SandboxOfficeSpec = { officeId: 'D16001', secretKey: 'secret-dental', domain: 'Dental', practiceName: 'Maple Grove Family Dental', patients: 6000, timeZone: 'Central Standard Time' };
const VET: SandboxOfficeSpec = { officeId: 'V20417', secretKey: 'secret-vet', domain: 'Veterinary', practiceName: 'Riverbend Animal Hospital', patients: 400, timeZone: 'Eastern Standard Time' };
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let sandbox: Sandbox;
let data: { dir: string; remove(): void };
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, offices: [DENTAL, VET] });
  data = tempDataDir();
});
afterAll(async () => {
  await sandbox.close();
  data.remove();
});

const dataRequests = (): number => sandbox.requests.filter((request) => request.resource !== undefined && request.status !== 0).length;

/** Runs the CLI's sync in a child process and kills it once `killAfter` data requests have been answered, counting from the first run. */
async function killedSync(killAfter: number): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', join(ROOT, 'main/cli/index.ts'),
    'sync', '--data-dir', data.dir, '--base-url', sandbox.baseUrl, '--app-id', sandbox.appId, '--app-key', sandbox.appKey,
  ], { cwd: ROOT, env: { ...process.env, ...CLI_ENV }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => { child.once('exit', (_code, signal) => { resolve(signal); }); });
  const poll = setInterval(() => {
    if (dataRequests() >= killAfter) child.kill('SIGKILL');
  }, 2);
  try {
    return { signal: await exited, stderr };
  } finally {
    clearInterval(poll);
  }
}

function integrity(): unknown {
  const vault = Vault.open({ dataDir: data.dir, protector: createNodeKeyProtector({ env: CLI_ENV }) });
  const db = openWriterConnection({ file: join(data.dir, 'cache.db'), key: loadOrCreateDatabaseKey(vault, { databaseExists: true }) });
  try {
    return db.pragma('integrity_check', { simple: true });
  } finally {
    db.close();
  }
}

it('survives SIGKILL at several points of a first sync and resumes to an exact copy', async () => {
  // Slower answers spread the child's work, so kills land while pages are being written.
  sandbox.faults.latencyMs = 5;
  const rowsAfterKill: number[] = [];
  for (const killAfter of [5, 9, 14]) {
    const { signal, stderr } = await killedSync(killAfter);
    expect(signal, stderr).toBe('SIGKILL');
    expect(integrity()).toBe('ok');
    const status = await cli(['status', '--data-dir', data.dir, '--json']);
    expect(status.code).toBe(0);
    const offices = (JSON.parse(status.out) as { offices: { counts: Record<string, number> }[] }).offices;
    rowsAfterKill.push(offices.reduce((sum, office) => sum + Object.values(office.counts).reduce((a, b) => a + b, 0), 0));
  }
  // Each killed run kept what the earlier ones wrote.
  for (let run = 1; run < rowsAfterKill.length; run++) expect(rowsAfterKill[run]).toBeGreaterThanOrEqual(rowsAfterKill[run - 1] ?? 0);

  sandbox.faults.latencyMs = 0;
  sandbox.clearRequests();
  const resumed = await cli(['sync', '--data-dir', data.dir, '--base-url', sandbox.baseUrl, '--app-id', sandbox.appId, '--app-key', sandbox.appKey]);
  expect(resumed.code, resumed.err).toBe(0);
  expect(integrity()).toBe('ok');
  const vault = Vault.open({ dataDir: data.dir, protector: createNodeKeyProtector({ env: CLI_ENV }) });
  expect(new Credentials(vault).requestKey(DENTAL.officeId)).toBeDefined();
  const cache = openCache({ file: join(data.dir, 'cache.db'), key: loadOrCreateDatabaseKey(vault, { databaseExists: true }) });
  try {
    expectCacheEqualsSandbox(cache, sandbox, [DENTAL, VET]);
  } finally {
    cache.close();
  }
}, 120_000);
