export { CACHE_FILE_NAME, openCache, openCacheReader, type Cache, type CacheOptions } from './cache';
export type { SyncCursor } from './cursor';
export { CACHE_EXPLANATIONS, CacheError, type CacheErrorCode } from './errors';
export { removeCacheFiles } from './open';
export type { OfficeSyncRecord } from './syncStatus';
export { CacheReader, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type ExportableResource, type ExportedRecord } from './reader';
export {
  CacheWriter,
  type CacheWriterOptions,
  type ChangeLogPage,
  type ChangeOutcome,
  type FullPullFinish,
  type FullPullPage,
  type FullPullStart,
  type PageOutcome,
} from './writer';
