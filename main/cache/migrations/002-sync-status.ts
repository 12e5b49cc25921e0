import type { Migration } from './types';

/**
 * What the sync engine keeps beside the rows:
 * - each office's sync status (last success, last error in plain words, the daily-limit pause,
 *   the data_insert_date the copy was brought up to), so it survives a restart;
 * - per cursor, whether the full pull began with no rows of its office (a first download, which
 *   has nothing to compare with or remove), and the change-log mark it started at, which becomes
 *   `changes_since` when it finishes, even after a resume in a later run.
 */
export const syncStatus: Migration = {
  version: 2,
  name: 'sync-status',
  up(db) {
    db.exec(`
      ALTER TABLE sync_cursors ADD COLUMN first_pull INTEGER NOT NULL DEFAULT 0 CHECK (first_pull IN (0, 1));
      ALTER TABLE sync_cursors ADD COLUMN pull_changes_since TEXT;

      CREATE TABLE office_sync_status (
        office_id TEXT PRIMARY KEY REFERENCES offices(office_id) ON DELETE CASCADE,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        synced_insert_date TEXT,
        last_error_code TEXT,
        last_error_explanation TEXT,
        last_error_at INTEGER,
        paused_until INTEGER,
        next_run_at INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
