import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { openDataDirWith, SECURITY_FILE_NAME, type DataDir } from '../../main/app/dataDir';
import { createMachineKeyProtector } from '../../main/auth/keyProtectorNode';
import { Vault } from '../../main/auth/vault';
import { AUDIT_CHECKPOINT_SECRET } from '../../main/security/auditCheckpoint';
import { createStaffSession } from '../../main/security/session';
import { openNodeSettings } from '../../main/settings/settings';
import { CHEAP_SCRYPT, MANAGER_PIN } from './support';

let root: string;
let dataDir: DataDir;
const protector = () => createMachineKeyProtector({ keyDirectory: join(root, 'keys') });
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pc-security-dir-'));
  dataDir = openDataDirWith(join(root, 'data'), { protector: protector(), settings: openNodeSettings });
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const checkpoint = (): string | undefined => Vault.open({ dataDir: dataDir.dir, protector: protector() }).get(AUDIT_CHECKPOINT_SECRET);

describe('the data directory\u2019s security store', () => {
  it('keeps the audit trail\u2019s checkpoint in the vault', () => {
    const store = dataDir.openSecurityStore();
    try {
      const entry = store.audit.append({ actor: 'system', actorName: 'Test', action: 'search' });
      expect(JSON.parse(checkpoint() ?? '{}')).toEqual({ sequence: 1, hash: entry.hash });
      expect(store.audit.verify()).toMatchObject({ ok: true, checkpoint: 'matches' });
    } finally {
      store.close();
    }
  });

  it('keeps profiles and the audit trail in their own encrypted file, which clearing the local copy leaves in place', async () => {
    dataDir.openCache().close();
    const store = dataDir.openSecurityStore({ pinScrypt: CHEAP_SCRYPT });
    try {
      const session = createStaffSession({ store, idleLockMinutes: () => 10, systemIdleSeconds: () => 0, setInterval: () => 0, clearInterval: () => undefined });
      await session.setUp({ name: 'maria', displayName: 'Maria Lopez', pin: MANAGER_PIN });
      const before = store.audit.verify();
      dataDir.clearLocalCopy();
      expect(existsSync(dataDir.cacheFile)).toBe(false);
      expect(store.profiles.count()).toBe(1);
      expect(store.audit.verify()).toEqual(before);
      expect(before).toMatchObject({ ok: true, checkpoint: 'matches' });
      expect(checkpoint()).toBeDefined();
    } finally {
      store.close();
    }
    const file = join(dataDir.dir, SECURITY_FILE_NAME);
    // Without its key the file is noise: SQLCipher's header is not SQLite's.
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(() => new Database(file, { readonly: true }).prepare('SELECT * FROM staff_profiles').all()).toThrow();
  });
});
