/**
 * Opening the encrypted SQLite file. SQLCipher (as SQLite3MultipleCiphers implements it, in
 * SQLCipher 4 compatible "legacy=4" form so standard SQLCipher tools can open the file with the
 * key) under a raw 32-byte key given as x'hex', which skips the passphrase KDF: the key is
 * already random, and opening stays instant.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, rmSync } from 'node:fs';
import { CacheError } from './errors';
import { latestVersion, migrate, refuseNewerSchema, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export type Connection = Database.Database;

export interface ConnectionOptions {
  readonly file: string;
  /** 32 random bytes, from the credential vault. */
  readonly key: Buffer;
  /** Path to the native addon when bundled (Electron builds); the package's own otherwise. */
  readonly nativeBinding?: string;
  /** How long a statement waits for another connection's lock before failing (default 5 s). */
  readonly busyTimeoutMs?: number;
  /** The cache's MIGRATIONS unless given: the security database has its own, tests of the runner theirs. */
  readonly migrations?: readonly Migration[];
}

const KEY_BYTES = 32;
const PAGE_SIZE = 16_384;

/**
 * Sets the cipher (SQLCipher 4's format, so standard SQLCipher tools can open the file with the
 * key) and the key on a fresh connection. 16 KiB pages instead of SQLCipher's 4 KiB: the patients
 * table carries several indexes and a search index, and bigger pages mean fewer splits and fewer
 * pages to encrypt per write — about a quarter faster ingest, measured. Every connection must
 * name the page size to read the file.
 */
export function unlock(db: Connection, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`legacy_page_size = ${PAGE_SIZE}`);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

function connect(options: ConnectionOptions, readonly: boolean): Connection {
  if (options.key.length !== KEY_BYTES) throw new CacheError('CACHE_BAD_KEY', `The database key must be ${KEY_BYTES} bytes.`);
  if (readonly && !existsSync(options.file)) throw new CacheError('CACHE_NOT_FOUND', 'No local database exists at this place yet.');
  const db = new Database(options.file, {
    readonly,
    fileMustExist: readonly,
    timeout: options.busyTimeoutMs ?? 5000,
    ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
  });
  try {
    unlock(db, options.key);
    try {
      // The first read is what checks the key.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
        throw new CacheError('CACHE_WRONG_KEY', 'The local database cannot be opened with the stored key, or it is damaged.');
      }
      throw error;
    }
    // Sorts and temporary indexes stay in memory: a temp file would hold plaintext.
    db.pragma('temp_store = MEMORY');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The one writer connection: WAL (readers never wait for a write transaction), foreign keys on,
 * migrated to the latest schema. A file from a newer app version is refused before anything
 * is written to it.
 */
export function openWriterConnection(options: ConnectionOptions): Connection {
  const migrations = options.migrations ?? MIGRATIONS;
  const db = connect(options, false);
  try {
    refuseNewerSchema(db, migrations);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last page, whose
    // cursor is lost with it, so the sync engine simply fetches it again.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -32000');
    // Checkpoint every ~40 MB of WAL instead of 4 MB: a full pull rewrites the same index pages
    // in transaction after transaction, and each checkpoint decrypts and re-encrypts every page
    // it copies, so fewer checkpoints make ingest markedly faster.
    db.pragma('wal_autocheckpoint = 10000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A read-only connection; it needs a database a writer has already brought up to date. */
export function openReaderConnection(options: ConnectionOptions): Connection {
  const migrations = options.migrations ?? MIGRATIONS;
  const db = connect(options, true);
  try {
    refuseNewerSchema(db, migrations);
    if (schemaVersion(db) < latestVersion(migrations)) {
      throw new CacheError('CACHE_NOT_MIGRATED', 'The local database has not been prepared by this version of the app yet.');
    }
    db.pragma('cache_size = -32000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Closes the writer after letting SQLite refresh its query-planner statistics. */
export function closeWriterConnection(db: Connection): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
}

/** Deletes the database and its WAL files ("clear local data"); close every connection first. */
export function removeCacheFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
