import type { Migration } from './types';

/**
 * What the freshness rule (shared/domain/freshness.ts) needs of an office beyond
 * authorized_practices, each with when it was last asked:
 * - v4's data_sync_status as Sikka wrote it ("refresh", "not_refresh"); null where Sikka does not
 *   give it;
 * - the office's opening hours from v4's practice_schedule (JSON, shared/domain/sync.ts
 *   BusinessHours); null where Sikka gave none.
 */
export const officeFreshness: Migration = {
  version: 4,
  name: 'office-freshness',
  up(db) {
    db.exec(`
      ALTER TABLE offices ADD COLUMN data_sync_status TEXT;
      ALTER TABLE offices ADD COLUMN data_sync_checked_at INTEGER;
      ALTER TABLE offices ADD COLUMN business_hours TEXT;
      ALTER TABLE offices ADD COLUMN business_hours_checked_at INTEGER;
    `);
  },
};
