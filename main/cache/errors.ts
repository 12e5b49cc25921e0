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
  /** Rows were offered for an office that `upsertOffice` has not recorded. */
  | 'CACHE_UNKNOWN_OFFICE'
  /** A record lacks the id its resource is keyed by. */
  | 'CACHE_RECORD_WITHOUT_ID'
  /** A change-log entry's flag is neither added, updated nor deleted. */
  | 'CACHE_UNKNOWN_CHANGE_FLAG'
  /** A page does not belong to the pull the saved cursor describes (stale generation or mode). */
  | 'CACHE_CURSOR_MISMATCH';

export class CacheError extends Error {
  override readonly name = 'CacheError';
  constructor(readonly code: CacheErrorCode, message: string) {
    super(message);
  }
}
