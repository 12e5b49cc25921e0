import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataDirWith, type DataDir } from '../../main/app/dataDir';
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

  it('starts over after the local copy is cleared: no profiles, an empty trail that verifies, no old checkpoint', async () => {
    const store = dataDir.openSecurityStore({ pinScrypt: CHEAP_SCRYPT });
    const session = createStaffSession({ store, idleLockMinutes: () => 10, systemIdleSeconds: () => 0, setInterval: () => 0, clearInterval: () => undefined });
    await session.setUp({ name: 'maria', displayName: 'Maria Lopez', pin: MANAGER_PIN });
    // What the app does around "clear the local copy".
    session.lock('local-copy-cleared');
    store.close();
    dataDir.clearLocalCopy();
    expect(checkpoint()).toBeUndefined();
    store.reopen();
    try {
      expect(session.reload('local-copy-cleared')).toEqual({ state: 'needs-setup' });
      expect(store.audit.verify()).toMatchObject({ ok: true, entries: 0 });
      store.audit.append({ actor: 'system', actorName: 'Test', action: 'sign-out' });
      expect(store.audit.verify()).toMatchObject({ ok: true, entries: 1, breaksFound: [] });
    } finally {
      store.close();
    }
  });
});
