import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCacheReader, removeCacheFiles } from '../../main/cache';
import { MIGRATIONS } from '../../main/cache/migrations';
import { openWriterConnection, unlock } from '../../main/cache/open';
import { fullPull, officeRecord, patientRecord, tempCache, type TempCache } from './fixtures';

let cache: TempCache;
beforeEach(() => { cache = tempCache(); });
afterEach(() => { cache.remove(); });

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return undefined;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Opens the file with the same cipher settings, bypassing the app, to tamper with it. */
function rawConnection(file: string, key: Buffer): Database.Database {
  const db = new Database(file);
  unlock(db, key);
  return db;
}

describe('migrations', () => {
  it('creates a fresh database at the latest schema version', () => {
    cache.open().close();
    const db = rawConnection(cache.file, cache.key);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['offices', 'sync_cursors', 'patients', 'appointments', 'patient_search']));
    db.close();
  });

  it('re-opens an existing database without migrating again and keeps its rows', () => {
    const first = cache.open();
    first.writer.upsertOffice(officeRecord('D1'));
    first.close();
    const again = cache.open();
    expect(again.reader.offices().map((o) => o.officeId)).toEqual(['D1']);
    again.close();
  });

  it('applies only the missing migrations, each recorded in user_version', () => {
    const extra = { version: MIGRATIONS.length + 1, name: 'test-extra', up: (db: Database.Database) => { db.exec('CREATE TABLE extra (x TEXT)'); } };
    cache.open().close();
    const db = openWriterConnection({ file: cache.file, key: cache.key, migrations: [...MIGRATIONS, extra] });
    expect(db.pragma('user_version', { simple: true })).toBe(extra.version);
    db.close();
  });

  it('rolls a failing migration back entirely', () => {
    cache.open().close();
    const failing = {
      version: MIGRATIONS.length + 1,
      name: 'test-failing',
      up: (db: Database.Database) => { db.exec('CREATE TABLE half (x TEXT)'); throw new Error('migration bug'); },
    };
    expect(() => openWriterConnection({ file: cache.file, key: cache.key, migrations: [...MIGRATIONS, failing] })).toThrow('migration bug');
    const db = rawConnection(cache.file, cache.key);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from a newer app version and leaves the file untouched', () => {
    cache.open().close();
    const db = rawConnection(cache.file, cache.key);
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    db.close();
    const before = sha256(cache.file);
    expect(codeOf(() => cache.open())).toBe('CACHE_TOO_NEW');
    expect(codeOf(() => openCacheReader(cache.options))).toBe('CACHE_TOO_NEW');
    expect(sha256(cache.file)).toBe(before);
    const check = rawConnection(cache.file, cache.key);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    check.close();
  });
});

describe('encryption', () => {
  it('writes no SQLite header and no patient name in clear text, in the database or its WAL', () => {
    const opened = cache.open();
    opened.writer.upsertOffice(officeRecord('D1'));
    fullPull(opened.writer, 'D1', 'patients', [patientRecord('1', { firstname: 'Zebulon', lastname: 'Quixotewicz' })]);
    const files = readdirSync(cache.dir).map((name) => readFileSync(join(cache.dir, name)));
    opened.close();
    files.push(readFileSync(cache.file));
    for (const bytes of files) {
      expect(bytes.includes('Quixotewicz')).toBe(false);
      expect(bytes.includes('Zebulon')).toBe(false);
    }
    expect(readFileSync(cache.file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
  });

  it('refuses a wrong key with a typed error', () => {
    cache.open().close();
    expect(codeOf(() => cache.open({ key: randomBytes(32) }))).toBe('CACHE_WRONG_KEY');
    expect(codeOf(() => openCacheReader({ ...cache.options, key: randomBytes(32) }))).toBe('CACHE_WRONG_KEY');
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(codeOf(() => cache.open({ key: randomBytes(16) }))).toBe('CACHE_BAD_KEY');
  });

  it('removes the database and its WAL files when local data is cleared', () => {
    cache.open().close();
    removeCacheFiles(cache.file);
    expect(existsSync(cache.file)).toBe(false);
    expect(readdirSync(cache.dir)).toEqual([]);
  });
});

describe('connections', () => {
  it('uses WAL with foreign keys on for the writer', () => {
    const opened = openWriterConnection({ file: cache.file, key: cache.key });
    expect(opened.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.pragma('foreign_keys', { simple: true })).toBe(1);
    opened.close();
  });

  it('lets the reader read while another connection holds an open write transaction', () => {
    const opened = cache.open();
    opened.writer.upsertOffice(officeRecord('D1'));
    fullPull(opened.writer, 'D1', 'patients', [patientRecord('1', { lastname: 'Okafor' })]);

    const other = rawConnection(cache.file, cache.key);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    other.prepare("UPDATE patients SET display_name = 'Changed' WHERE patient_id = '1'").run();

    const started = Date.now();
    const found = opened.reader.searchPatients({ text: 'okafor' });
    expect(Date.now() - started).toBeLessThan(4000); // far below the 5 s busy timeout
    expect(found.results.map((r) => r.displayName)).toEqual(['Carlene Okafor']);

    other.exec('COMMIT');
    expect(opened.reader.searchPatients({ text: 'okafor' }).results.map((r) => r.displayName)).toEqual(['Changed']);
    other.close();
    opened.close();
  });

  it('opens a read-only reader beside the app for the CLI', () => {
    const opened = cache.open();
    opened.writer.upsertOffice(officeRecord('D1'));
    const reader = openCacheReader(cache.options);
    expect(reader.offices().map((o) => o.officeId)).toEqual(['D1']);
    reader.close();
    opened.close();
  });

  it('refuses a read-only reader on a database no writer has prepared', () => {
    expect(codeOf(() => openCacheReader(cache.options))).toBeDefined();
    const db = rawConnection(cache.file, cache.key);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(codeOf(() => openCacheReader(cache.options))).toBe('CACHE_NOT_MIGRATED');
  });
});
