import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWriterConnection, unlock, type Connection } from '../../main/cache/open';
import type { AuditCheckpointStore, AuditHead } from '../../main/security/auditTrail';
import type { ScryptParams } from '../../main/security/pinHash';
import { SECURITY_MIGRATIONS } from '../../main/security/migrations';
import { openSecurityStore, type SecurityStore } from '../../main/security/store';

/** About a millisecond instead of the app's ~65 ms: the same code path, cheaper parameters. */
export const CHEAP_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };

export const MANAGER_PIN = '480215';
export const STAFF_PIN = '735092';

/** A clock tests move by hand. */
export function testClock(start = Date.UTC(2026, 2, 11, 15, 0)): { now: () => number; advance(ms: number): void; set(at: number): void } {
  let at = start;
  return { now: () => at, advance: (ms) => { at += ms; }, set: (next) => { at = next; } };
}

/** A checkpoint kept in memory, as the vault would keep it. */
export function memoryCheckpoint(): AuditCheckpointStore & { current: AuditHead | undefined; failWrites: boolean } {
  const store = {
    current: undefined as AuditHead | undefined,
    failWrites: false,
    read: () => store.current,
    write(head: AuditHead) {
      if (store.failWrites) throw new Error('vault unavailable');
      store.current = head;
    },
  };
  return store;
}

export interface TempSecurity {
  readonly dir: string;
  readonly file: string;
  readonly key: Buffer;
  readonly checkpoint: ReturnType<typeof memoryCheckpoint>;
  readonly clock: ReturnType<typeof testClock>;
  /** A store on a new writer connection to the same file. */
  open(): SecurityStore;
  /** A connection as someone with the database key would open it: no app code, triggers droppable. */
  raw(): Connection;
  remove(): void;
}

export function tempSecurity(): TempSecurity {
  const dir = mkdtempSync(join(tmpdir(), 'pc-security-'));
  const file = join(dir, 'security.db');
  const key = randomBytes(32);
  const checkpoint = memoryCheckpoint();
  const clock = testClock();
  const opened: { close(): void }[] = [];
  return {
    dir,
    file,
    key,
    checkpoint,
    clock,
    open() {
      const store = openSecurityStore({ openConnection: () => openWriterConnection({ file, key, migrations: SECURITY_MIGRATIONS }), checkpoint, now: clock.now, pinScrypt: CHEAP_SCRYPT });
      opened.push(store);
      return store;
    },
    raw() {
      const db = new Database(file);
      unlock(db, key);
      opened.push(db);
      return db;
    },
    remove() {
      for (const each of opened) each.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
