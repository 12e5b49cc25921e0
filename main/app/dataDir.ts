/**
 * A data directory: settings, the credential vault, the encrypted cache (the local copy) and the
 * encrypted security database (staff profiles and the audit trail), each with its key in the vault. The desktop app opens it with safeStorage and electron-store; the CLI and
 * the browser harness with the plain-Node protector and conf.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Credentials } from '../auth/credentials';
import type { KeyProtector } from '../auth/keyProtector';
import { DATABASE_KEY_SECRET, loadOrCreateDatabaseKey, SECURITY_DATABASE_KEY_SECRET, Vault } from '../auth/vault';
import { CACHE_FILE_NAME, CacheError, openCache, openCacheReader, removeCacheFiles, type Cache, type CacheReader } from '../cache';
import { openWriterConnection } from '../cache/open';
import { vaultAuditCheckpoint } from '../security/auditCheckpoint';
import { SECURITY_MIGRATIONS } from '../security/migrations';
import { openSecurityStore, type SecurityStore, type SecurityStoreOptions } from '../security/store';
import type { Settings } from '../settings/settings';

export interface DataDir {
  readonly dir: string;
  readonly settings: Settings;
  readonly credentials: Credentials;
  readonly cacheFile: string;
  /** Staff profiles and the audit trail. */
  readonly securityFile: string;
  readonly nativeBinding: string | undefined;
  /** The cache's key (created on first use); only for opening the cache, here or in the sync worker. */
  databaseKey(): Buffer;
  /** The cache for writing (created with its key on first use). */
  openCache(options?: { readonly now?: () => number }): Cache;
  /** The cache for reading; CACHE_NOT_FOUND when nothing was synced here yet. */
  openReader(): CacheReader;
  /**
   * Staff profiles and the audit trail in the security database (created with its key on first
   * use), with the trail's checkpoint kept in the vault.
   */
  openSecurityStore(options?: Omit<SecurityStoreOptions, 'openConnection' | 'checkpoint'>): SecurityStore;
  /**
   * Deletes the local copy and its key (every connection to it must be closed first). Profiles and
   * the audit trail stay: the trail must outlive the patient data it accounts for.
   */
  clearLocalCopy(): void;
}

export const SECURITY_FILE_NAME = 'security.db';

export interface DataDirEdges {
  readonly protector: KeyProtector;
  readonly settings: (dir: string) => Settings;
  /** The SQLite addon built for Electron, when it is not the package's own (development runs). */
  readonly nativeBinding?: string | undefined;
}

export function openDataDirWith(dir: string, options: DataDirEdges): DataDir {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const vault = Vault.open({ dataDir: dir, protector: options.protector });
  const cacheFile = join(dir, CACHE_FILE_NAME);
  const securityFile = join(dir, SECURITY_FILE_NAME);
  const databaseKey = (): Buffer => loadOrCreateDatabaseKey(vault, { databaseExists: existsSync(cacheFile) });
  const binding = options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding };
  return {
    dir,
    settings: options.settings(dir),
    credentials: new Credentials(vault),
    cacheFile,
    securityFile,
    nativeBinding: options.nativeBinding,
    databaseKey,
    openCache(openOptions = {}) {
      return openCache({ file: cacheFile, key: databaseKey(), ...binding, ...(openOptions.now === undefined ? {} : { now: openOptions.now }) });
    },
    openReader() {
      // Checked before the key: a folder that never synced should not get a database key.
      if (!existsSync(cacheFile)) throw new CacheError('CACHE_NOT_FOUND', 'No local database in this data directory.');
      return openCacheReader({ file: cacheFile, key: databaseKey(), ...binding });
    },
    openSecurityStore(storeOptions = {}) {
      return openSecurityStore({
        ...storeOptions,
        openConnection: () => openWriterConnection({
          file: securityFile,
          key: loadOrCreateDatabaseKey(vault, { databaseExists: existsSync(securityFile), secret: SECURITY_DATABASE_KEY_SECRET }),
          migrations: SECURITY_MIGRATIONS,
          ...binding,
        }),
        checkpoint: vaultAuditCheckpoint(vault),
      });
    },
    clearLocalCopy() {
      removeCacheFiles(cacheFile);
      vault.delete(DATABASE_KEY_SECRET);
    },
  };
}
