/** Failures of the local cache, as codes the app can explain. Messages never carry PHI or keys. */
export type CacheErrorCode =
  /** The key is not 32 bytes. */
  | 'CACHE_BAD_KEY'
  /** The file cannot be read with this key (another key, not a cache, or damaged): clear and sync again. */
  | 'CACHE_WRONG_KEY'
  /** The file was written by a newer version of the app; it is left untouched. */
  | 'CACHE_TOO_NEW'
  /** A read-only opening found a database that no writer has brought up to date yet. */
  | 'CACHE_NOT_MIGRATED'
  /** A read-only opening found no database at all: nothing has been synced here yet. */
  | 'CACHE_NOT_FOUND'
  /** Rows were offered for an office that `upsertOffice` has not recorded. */
  | 'CACHE_UNKNOWN_OFFICE'
  /** A record lacks the id its resource is keyed by. */
  | 'CACHE_RECORD_WITHOUT_ID'
  /** A change-log entry's flag is neither added, updated nor deleted. */
  | 'CACHE_UNKNOWN_CHANGE_FLAG'
  /** A page does not belong to the pull the saved cursor describes (stale generation or mode). */
  | 'CACHE_CURSOR_MISMATCH';

/** What people are told (the IPC router and the CLI show `explanation`, never `message`). */
export const CACHE_EXPLANATIONS: Readonly<Record<CacheErrorCode, string>> = {
  CACHE_BAD_KEY: 'The key of the local copy is not valid. Clear the local copy and sync again; the practice\u2019s data in Sikka is not affected.',
  CACHE_WRONG_KEY: 'The local copy cannot be opened with its key, or the file is damaged. Clear the local copy and sync again; the practice\u2019s data in Sikka is not affected.',
  CACHE_TOO_NEW: 'The local copy was written by a newer version of Practice Companion. Update the app; the copy was left untouched.',
  CACHE_NOT_MIGRATED: 'The local copy has not been prepared by this version of the app yet. Run a sync (or open the app) once, then try again.',
  CACHE_NOT_FOUND: 'There is no local copy in this folder yet. Run a sync first.',
  CACHE_UNKNOWN_OFFICE: 'Sikka sent data for an office the local copy does not know yet. The next sync records the office first; nothing was changed.',
  CACHE_RECORD_WITHOUT_ID: 'Sikka sent a record without its id, so it cannot be kept. Nothing from that page was changed; if it keeps happening, contact Sikka support.',
  CACHE_UNKNOWN_CHANGE_FLAG: 'Sikka sent a change the app does not understand. Nothing from that page was changed; if it keeps happening, contact Sikka support.',
  CACHE_CURSOR_MISMATCH: 'The local copy and the sync disagreed about where a download stands. Nothing was changed; the next sync starts that part again.',
};

export class CacheError extends Error {
  override readonly name = 'CacheError';
  readonly explanation: string;
  constructor(readonly code: CacheErrorCode, message: string) {
    super(message);
    this.explanation = CACHE_EXPLANATIONS[code];
  }
}
