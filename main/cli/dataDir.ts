/**
 * A data directory as the headless commands use it: settings, the credential vault (under the
 * plain-Node key protector: PRACTICE_COMPANION_PASSPHRASE, else the per-user machine key) and
 * the encrypted cache, whose key is the vault's first secret.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Credentials } from '../auth/credentials';
import { createNodeKeyProtector } from '../auth/keyProtectorNode';
import { loadOrCreateDatabaseKey, Vault } from '../auth/vault';
import { CACHE_FILE_NAME, CacheError, openCache, openCacheReader, type Cache, type CacheReader } from '../cache';
import { openNodeSettings, type Settings } from '../settings/settings';

export interface DataDir {
  readonly dir: string;
  readonly settings: Settings;
  readonly credentials: Credentials;
  readonly cacheFile: string;
  /** The cache for writing (created with its key on first use). */
  openCache(options?: { readonly now?: () => number }): Cache;
  /** The cache for reading; CACHE_NOT_FOUND when nothing was synced here yet. */
  openReader(): CacheReader;
}

export function openDataDir(dir: string, env: Readonly<Record<string, string | undefined>>): DataDir {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const vault = Vault.open({ dataDir: dir, protector: createNodeKeyProtector({ env }) });
  const cacheFile = join(dir, CACHE_FILE_NAME);
  return {
    dir,
    settings: openNodeSettings(dir),
    credentials: new Credentials(vault),
    cacheFile,
    openCache(options = {}) {
      const key = loadOrCreateDatabaseKey(vault, { databaseExists: existsSync(cacheFile) });
      return openCache({ file: cacheFile, key, ...(options.now === undefined ? {} : { now: options.now }) });
    },
    openReader() {
      // Checked before the key: a folder that never synced should not get a database key.
      if (!existsSync(cacheFile)) throw new CacheError('CACHE_NOT_FOUND', 'No local database in this data directory.');
      return openCacheReader({ file: cacheFile, key: loadOrCreateDatabaseKey(vault, { databaseExists: true }) });
    },
  };
}
