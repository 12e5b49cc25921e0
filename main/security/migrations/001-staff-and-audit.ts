import type { Migration } from '../../cache/migrations';

/**
 * Who uses the app on a shared PC, and what they did:
 * - staff profiles with their PIN hash (scrypt, parameters kept in the hash so they can be raised)
 *   and the count of wrong PINs with the time a lock-out ends, so a restart does not reset it;
 * - the audit trail, append-only: triggers refuse any UPDATE or DELETE, and an INSERT must take
 *   the next number, so the app's own code cannot rewrite or thin it. Each entry carries the hash
 *   chaining it to the one before (see main/security/auditTrail.ts).
 * A database of its own (security.db, with its own key), not the local copy: signing out or
 * clearing the copy removes patient data, while who saw it — and who removed it — must stay.
 */
export const staffAndAudit: Migration = {
  version: 1,
  name: 'staff-and-audit',
  up(db) {
    db.exec(`
      CREATE TABLE staff_profiles (
        profile_id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('manager', 'staff')),
        pin_hash TEXT NOT NULL,
        failed_pins INTEGER NOT NULL DEFAULT 0 CHECK (failed_pins >= 0),
        locked_out_until INTEGER,
        created_at INTEGER NOT NULL,
        pin_changed_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_trail (
        sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX audit_trail_at ON audit_trail (at);

      CREATE TRIGGER audit_trail_next_only BEFORE INSERT ON audit_trail
      WHEN NEW.sequence IS NOT (SELECT coalesce(max(sequence), 0) + 1 FROM audit_trail)
      BEGIN SELECT RAISE(ABORT, 'audit trail: an entry must take the next number'); END;

      CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail
      BEGIN SELECT RAISE(ABORT, 'audit trail: entries cannot be changed'); END;

      CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail
      BEGIN SELECT RAISE(ABORT, 'audit trail: entries cannot be removed'); END;
    `);
  },
};
