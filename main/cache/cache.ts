/**
 * The local cache: one encrypted SQLite file, one writer connection (for the sync engine) and a
 * read-only connection for the screens. In WAL mode the reader sees the last committed state
 * and is never blocked by a write transaction.
 */
import { closeWriterConnection, openReaderConnection, openWriterConnection, type ConnectionOptions } from './open';
import { CacheReader } from './reader';
import { CacheWriter } from './writer';

/** The cache's file inside the app's data directory. */
export const CACHE_FILE_NAME = 'cache.db';

export interface CacheOptions extends ConnectionOptions {
  /** The clock for cursor timestamps and for splitting appointments into past and upcoming. */
  readonly now?: () => number;
}

export interface Cache {
  readonly file: string;
  readonly writer: CacheWriter;
  readonly reader: CacheReader;
  close(): void;
}

function readerFor(options: CacheOptions): CacheReader {
  return new CacheReader(openReaderConnection(options), {
    ...(options.now === undefined ? {} : { now: options.now }),
    openConnection: () => openReaderConnection(options),
  });
}

/** Opens (creating and migrating if needed) the cache for writing and reading. */
export function openCache(options: CacheOptions): Cache {
  const writerDb = openWriterConnection(options);
  let reader: CacheReader;
  try {
    reader = readerFor(options);
  } catch (error) {
    closeWriterConnection(writerDb);
    throw error;
  }
  const writer = new CacheWriter(writerDb, options.now === undefined ? {} : { now: options.now });
  return {
    file: options.file,
    writer,
    reader,
    close() {
      reader.close();
      closeWriterConnection(writerDb);
    },
  };
}

/** Read-only access to an existing cache (e.g. the CLI's search and export while the app syncs). */
export function openCacheReader(options: CacheOptions): CacheReader {
  return readerFor(options);
}
