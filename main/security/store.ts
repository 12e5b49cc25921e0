/**
 * Profiles and the audit trail over one writer connection of the main thread (the sync worker
 * keeps its own). The connection can be closed and opened again around "clear the local copy",
 * while the objects holding it — and whoever subscribed to them — stay the same.
 */
import type { Connection } from '../cache/open';
import { AuditTrail, type AuditCheckpointStore } from './auditTrail';
import type { ScryptParams } from './pinHash';
import { StaffProfiles } from './staffProfiles';

export interface SecurityStoreOptions {
  /** A writer connection to the cache, migrated (main/cache/open's openWriterConnection). */
  readonly openConnection: () => Connection;
  readonly checkpoint?: AuditCheckpointStore;
  readonly now?: () => number;
  readonly random?: (size: number) => Buffer;
  readonly pinScrypt?: ScryptParams;
}

export interface SecurityStore {
  readonly profiles: StaffProfiles;
  readonly audit: AuditTrail;
  /** Closes the connection (before the local copy is removed); using the store meanwhile throws. */
  close(): void;
  /** Opens the connection again, e.g. on the new, empty local copy. */
  reopen(): void;
}

export function openSecurityStore(options: SecurityStoreOptions): SecurityStore {
  const open = (): Connection => {
    const db = options.openConnection();
    // Each audit commit reaches the disk before the patient data it records is shown.
    db.pragma('synchronous = FULL');
    return db;
  };
  let db: Connection | undefined = open();
  const current = (): Connection => {
    if (db === undefined) throw new Error('The security store is closed.');
    return db;
  };
  const shared = { db: current, ...(options.now === undefined ? {} : { now: options.now }) };
  return {
    profiles: new StaffProfiles({ ...shared, ...(options.random === undefined ? {} : { random: options.random }), ...(options.pinScrypt === undefined ? {} : { pinScrypt: options.pinScrypt }) }),
    audit: new AuditTrail({ ...shared, ...(options.checkpoint === undefined ? {} : { checkpoint: options.checkpoint }) }),
    close() {
      db?.close();
      db = undefined;
    },
    reopen() {
      db?.close();
      db = open();
    },
  };
}
