import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SECURITY_FILE_NAME } from '../../main/app/dataDir';
import { createNodeKeyProtector } from '../../main/auth/keyProtectorNode';
import { SECURITY_DATABASE_KEY_SECRET, Vault } from '../../main/auth/vault';
import { CACHE_FILE_NAME } from '../../main/cache';
import { unlock } from '../../main/cache/open';
import { openDataDir, type DataDir } from '../../main/cli/dataDir';
import { auditEntryHash } from '../../main/security/auditTrail';
import type { AuditEntryView } from '../../shared/domain/audit';
import { fullPull, guarantorRecord, officeRecord, patientRecord } from '../cache/fixtures';
import { CLI_ENV, cli, tempDataDir } from './support';

/**
 * The vault sealed with a machine key in a temporary folder: the passphrase's scrypt, paid at
 * every command, would make these tests slow. macOS keeps that folder in the user's Library, so
 * there the passphrase it is.
 */
const KEYS = mkdtempSync(join(tmpdir(), 'pc-cli-keys-'));
const ENV: Readonly<Record<string, string>> = process.platform === 'darwin' ? CLI_ENV : { XDG_CONFIG_HOME: KEYS, APPDATA: KEYS };
afterAll(() => {
  rmSync(KEYS, { recursive: true, force: true });
});

/** The CLI with this file's environment (plus `env`). */
const run = (argv: readonly string[], options: { now?: () => number; env?: Readonly<Record<string, string>> } = {}) =>
  cli(argv, { ...options, env: { ...ENV, ...options.env } });

const OFFICE = 'D16001';
const START = Date.UTC(2026, 2, 11, 15, 0);

interface AuditLine extends AuditEntryView {
  readonly time: string;
  readonly previousHash: string;
}

/**
 * A local copy with one household: Carlene Victoria, her guarantor, and her cell phone. Returns
 * the data directory as this test process opened it (each opening costs the passphrase's scrypt,
 * so tests reuse it rather than running more commands than they check).
 */
function seed(dir: string): DataDir {
  const dataDir = openDataDir(dir, ENV);
  const cache = dataDir.openCache();
  try {
    cache.writer.upsertOffice(officeRecord(OFFICE));
    fullPull(cache.writer, OFFICE, 'guarantors', [guarantorRecord('7', { cell: '(217) 555-0100' })]);
    fullPull(cache.writer, OFFICE, 'patients', [patientRecord('42', { guarantor_id: '7', cell: '(217) 555-0100' })]);
  } finally {
    cache.close();
  }
  // The security database too, as the first audited command would leave it.
  dataDir.openSecurityStore().close();
  return dataDir;
}

/** Searches recorded as they would be by the CLI, without running it. */
function searches(dataDir: DataDir, entries: readonly (readonly [at: number, profile: string])[]): void {
  for (const [at, profile] of entries) {
    const store = dataDir.openSecurityStore({ now: () => at });
    try {
      store.audit.append({ actor: `cli:${profile}`, actorName: profile, action: 'search', target: 'all-offices' });
    } finally {
      store.close();
    }
  }
}

/** The trail as the CLI exports it, parsed. */
async function trail(dir: string): Promise<AuditLine[]> {
  const result = await run(['audit', '--data-dir', dir, '--json']);
  expect(result.code, result.err).toBe(0);
  return result.out.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditLine);
}

/** The database as someone with its key would open it, without the app. */
function raw(dataDir: DataDir): Database.Database {
  const key = Vault.open({ dataDir: dataDir.dir, protector: createNodeKeyProtector({ env: ENV }) }).get(SECURITY_DATABASE_KEY_SECRET) ?? '';
  const db = new Database(join(dataDir.dir, SECURITY_FILE_NAME));
  unlock(db, Buffer.from(key, 'hex'));
  db.exec('DROP TRIGGER IF EXISTS audit_trail_no_update; DROP TRIGGER IF EXISTS audit_trail_no_delete;');
  return db;
}

describe('audited search, export and caller', () => {
  let data: { dir: string; remove(): void };
  let dataDir: DataDir;
  beforeEach(() => {
    data = tempDataDir();
    dataDir = seed(data.dir);
  });
  afterEach(() => {
    data.remove();
  });

  it('records a search as cli:<profile>, by office, without the text typed', async () => {
    const result = await run(['search', 'Victoria', '--data-dir', data.dir, '--office', OFFICE, '--profile', 'maria'], { now: () => START });
    expect(result.code).toBe(0);
    expect(result.out).toContain(`[${OFFICE}/42]`);
    const [entry] = await trail(data.dir);
    expect(entry).toMatchObject({ sequence: 1, at: START, actor: 'cli:maria', actorName: 'maria', action: 'search', target: `office/${OFFICE}`, detail: null });
    expect(JSON.stringify(entry)).not.toMatch(/Victoria|Carlene/);
  });

  it('takes the name from PRACTICE_COMPANION_PROFILE and records the operating-system account beside it', async () => {
    await run(['search', 'Victoria', '--data-dir', data.dir, '--json'], { env: { PRACTICE_COMPANION_PROFILE: 'it-desk', USERNAME: 'jsmith' } });
    expect((await trail(data.dir))[0]).toMatchObject({ actor: 'cli:it-desk', target: 'all-offices', detail: 'OS account jsmith' });
  });

  it('prefers --profile to the environment', async () => {
    await run(['search', 'x', '--data-dir', data.dir, '--profile', 'maria'], { env: { PRACTICE_COMPANION_PROFILE: 'it-desk' } });
    expect((await trail(data.dir))[0]?.actor).toBe('cli:maria');
  });

  it('keeps the existing calls working without any name, recorded by the account or as unnamed', async () => {
    expect((await run(['search', 'Victoria', '--data-dir', data.dir], { env: { USER: 'frontdesk' } })).code).toBe(0);
    expect((await run(['search', 'Victoria', '--data-dir', data.dir])).code).toBe(0);
    expect((await trail(data.dir)).slice(0, 2).map((entry) => entry.actor)).toEqual(['cli:frontdesk', 'cli:unnamed']);
  });

  it('refuses a --profile that is no profile name (exit 2)', async () => {
    const result = await run(['search', 'x', '--data-dir', data.dir, '--profile', 'maria lopez']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--profile (or PRACTICE_COMPANION_PROFILE) must be a profile name');
  });

  it('records an export by resource and office', async () => {
    const result = await run(['export', 'patients', '--data-dir', data.dir, '--office', OFFICE, '--profile', 'maria']);
    expect(result.out.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect((await trail(data.dir))[0]).toMatchObject({ actor: 'cli:maria', action: 'export', target: `office/${OFFICE}/patients` });
  });

  it('records a caller lookup by the household matched, never the number', async () => {
    const result = await run(['caller', '217-555-0100', '--data-dir', data.dir, '--profile', 'maria']);
    expect(result.code).toBe(0);
    const [entry] = await trail(data.dir);
    expect(entry).toMatchObject({ action: 'caller-lookup', target: `office/${OFFICE}/guarantor/7`, detail: '1 household' });
    expect(JSON.stringify(entry)).not.toMatch(/555|0100/);
  });

  it('prints nothing when its entry cannot be written', async () => {
    // The database refusing the insert stands in for a full disk or a failing file.
    const db = raw(dataDir);
    db.exec(`CREATE TRIGGER refuse_all BEFORE INSERT ON audit_trail BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
    db.close();
    const result = await run(['search', 'Victoria', '--data-dir', data.dir]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
  });
});

describe('audit export', () => {
  let data: { dir: string; remove(): void };
  beforeAll(() => {
    data = tempDataDir();
    // Three searches on two days, by two people.
    searches(seed(data.dir), [[START, 'maria'], [START + 60_000, 'tom'], [START + 86_400_000, 'maria']]);
  });
  afterAll(() => {
    data.remove();
  });

  it('verifies the whole chain first and says so on stderr, with the head to note down', async () => {
    const result = await run(['audit', '--data-dir', data.dir, '--json']);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^Audit trail verified: \d+ entries, head #\d+ [0-9a-f]{64}, matching its checkpoint\.\n/);
    expect(result.err).toMatch(/\d+ entries printed; this export is recorded as #\d+\.\n$/);
  });

  it('prints JSON Lines that can be checked on their own: each hash from the one before and the entry', async () => {
    const lines = await trail(data.dir);
    expect(lines[0]?.previousHash).toBe('0'.repeat(64));
    for (const [index, line] of lines.entries()) {
      expect(line.hash).toBe(auditEntryHash(line.previousHash, line));
      if (index > 0) expect(line.previousHash).toBe(lines[index - 1]?.hash);
      expect(line.time).toBe(new Date(line.at).toISOString());
    }
  });

  it('records each export of the trail', async () => {
    const lines = await trail(data.dir);
    expect(lines.filter((line) => line.action === 'audit-exported').length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toMatchObject({ action: 'audit-exported', actor: 'cli:unnamed', target: 'audit/start..end' });
  });

  it('prints a period given as days, --to included', async () => {
    const day = new Date(START);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const result = await run(['audit', '--data-dir', data.dir, '--from', date, '--to', date, '--json']);
    const lines = result.out.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as AuditLine);
    expect(lines.map((line) => [line.actor, line.at])).toEqual([['cli:maria', START], ['cli:tom', START + 60_000]]);
    expect(lines[1]?.previousHash).toBe(lines[0]?.hash);
  });

  it('prints a period given as instants, --to excluded', async () => {
    const result = await run(['audit', '--data-dir', data.dir, '--from', new Date(START + 60_000).toISOString(), '--to', new Date(START + 86_400_000).toISOString(), '--json']);
    expect(result.out.trim().split('\n').map((line) => (JSON.parse(line) as AuditLine).actor)).toEqual(['cli:tom']);
  });

  it('prints one line per entry in words without --json', async () => {
    const result = await run(['audit', '--data-dir', data.dir, '--to', new Date(START + 1).toISOString()]);
    expect(result.out).toBe(`#1  ${new Date(START).toISOString()}  maria [cli:maria]  search  all-offices\n`);
  });

  it('exits 2 for dates it cannot read or a period that ends before it starts', async () => {
    for (const argv of [['--from', '2026-02-30'], ['--from', 'yesterday'], ['--to', '2026-03-11T09:00:00'], ['--from', '2026-03-12', '--to', '2026-03-11']]) {
      const result = await run(['audit', '--data-dir', data.dir, ...argv]);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('Usage: npm run cli -- audit');
    }
  });
});

describe('audit export of a damaged trail', () => {
  let data: { dir: string; remove(): void };
  let dataDir: DataDir;
  beforeEach(() => {
    data = tempDataDir();
    dataDir = seed(data.dir);
    searches(dataDir, [0, 1, 2, 3].map((minute) => [START + minute * 60_000, 'tom'] as const));
  });
  afterEach(() => {
    data.remove();
  });

  it('exits 1 naming the first bad entry when one was edited, and prints no entries', async () => {
    const db = raw(dataDir);
    db.prepare(`UPDATE audit_trail SET actor = 'cli:maria' WHERE sequence = 2`).run();
    db.close();
    const result = await run(['audit', '--data-dir', data.dir, '--json']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe('The audit trail is broken at entry #2 (altered): Entry #2 does not match its hash: it was changed after it was written, or entries were moved.\nNo entries were printed.\n');
  });

  it('exits 1 when an entry was deleted', async () => {
    const db = raw(dataDir);
    db.prepare('DELETE FROM audit_trail WHERE sequence = 3').run();
    db.close();
    const result = await run(['audit', '--data-dir', data.dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('broken at entry #3 (missing)');
  });

  it('exits 1 when entries were cut from the end, which only the checkpoint in the vault shows', async () => {
    const db = raw(dataDir);
    db.prepare('DELETE FROM audit_trail WHERE sequence > 2').run();
    db.close();
    const result = await run(['audit', '--data-dir', data.dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('broken at entry #3 (tail-missing)');
  });

  it('warns about a break the app recorded earlier, while the chain holds again', async () => {
    const db = raw(dataDir);
    db.prepare('DELETE FROM audit_trail WHERE sequence > 2').run();
    db.close();
    expect((await run(['search', 'x', '--data-dir', data.dir])).code).toBe(0);
    const result = await run(['audit', '--data-dir', data.dir]);
    expect(result.code).toBe(0);
    expect(result.err).toContain('Warning: entry #3 records that the trail was found tampered with or damaged: entries removed from the end: the checkpoint named #4, the trail ended at #2.');
  });
});

describe('audit commands where nothing was synced', () => {
  it('exit 1 with CACHE_NOT_FOUND and create no database', async () => {
    const data = tempDataDir();
    try {
      for (const argv of [['audit', '--data-dir', data.dir], ['search', 'x', '--data-dir', data.dir, '--profile', 'maria']]) {
        const result = await run(argv);
        expect(result.code, argv[0]).toBe(1);
        expect(result.err).toContain('(CACHE_NOT_FOUND)');
      }
      expect(existsSync(join(data.dir, CACHE_FILE_NAME))).toBe(false);
    } finally {
      data.remove();
    }
  });
});
