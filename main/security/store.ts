/**
 * Profiles and the audit trail over one writer connection to the security database, which is
 * kept apart from the local copy so that clearing the copy or signing out leaves both in place.
 */
import type { Connection } from '../cache/open';
import { AuditTrail, type AuditCheckpointStore } from './auditTrail';
import type { ScryptParams } from './pinHash';
import { StaffProfiles } from './staffProfiles';

export interface SecurityStoreOptions {
  /** A writer connection to the security database, migrated to SECURITY_MIGRATIONS. */
  readonly openConnection: () => Connection;
  readonly checkpoint?: AuditCheckpointStore;
  readonly now?: () => number;
  readonly random?: (size: number) => Buffer;
  readonly pinScrypt?: ScryptParams;
}

export interface SecurityStore {
  readonly profiles: StaffProfiles;
  readonly audit: AuditTrail;
  /** Closes the connection (the app is quitting); using the store afterwards throws. */
  close(): void;
}

export function openSecurityStore(options: SecurityStoreOptions): SecurityStore {
  let db: Connection | undefined = options.openConnection();
  // Each audit commit reaches the disk before the patient data it records is shown.
  db.pragma('synchronous = FULL');
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
  };
}
