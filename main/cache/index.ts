export { openCache, openCacheReader, type Cache, type CacheOptions } from './cache';
export type { SyncCursor } from './cursor';
export { CacheError, type CacheErrorCode } from './errors';
export { removeCacheFiles } from './open';
export { CacheReader, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type ExportableResource, type ExportedRecord } from './reader';
export {
  CacheWriter,
  type ChangeLogPage,
  type ChangeOutcome,
  type FullPullFinish,
  type FullPullPage,
  type FullPullStart,
  type PageOutcome,
} from './writer';
