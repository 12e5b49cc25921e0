import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyProtectorError } from '../../main/auth/keyProtector';
import { createSafeStorageKeyProtector, SAFE_STORAGE_KIND, type SafeStorageLike } from '../../main/auth/safeStorageProtector';
import { Vault } from '../../main/auth/vault';
import { toAppError } from '../../main/ipc/router';

/** A stand-in for Electron's safeStorage: reversible, but never the clear text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; failDecrypt?: boolean } = {}): SafeStorageLike & { calls: string[] } {
  const calls: string[] = [];
  const storage: SafeStorageLike & { calls: string[] } = {
    calls,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => { calls.push('encrypt'); return Buffer.from(`v11${Buffer.from(plain, 'utf8').reverse().toString('base64')}`); },
    decryptString: (data) => {
      calls.push('decrypt');
      if (options.failDecrypt === true) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.toString().slice(3), 'base64').reverse().toString('utf8');
    },
  };
  if (options.backend !== undefined) storage.getSelectedStorageBackend = () => options.backend ?? 'unknown';
  return storage;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const dirs: string[] = [];
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }); });

describe('safeStorage key protector', () => {
  it('wraps and unwraps through safeStorage on Windows and macOS', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const storage = fakeSafeStorage();
      const protector = createSafeStorageKeyProtector(storage, { platform, allowPlaintext: false });
      expect(protector.kind).toBe(SAFE_STORAGE_KIND);
      expect(protector.obscuredOnly).toBe(false);
      expect(protector.decryptString(protector.encryptString('app-key-1'))).toBe('app-key-1');
      expect(storage.calls).toEqual(['encrypt', 'decrypt']);
    }
  });

  it('uses a Linux keyring backend', () => {
    for (const backend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      const protector = createSafeStorageKeyProtector(fakeSafeStorage({ backend }), { platform: 'linux', allowPlaintext: false });
      expect(protector).toMatchObject({ storageBackend: backend, obscuredOnly: false });
    }
  });

  it('refuses Linux\u2019s basic_text backend with a typed error unless the risk was accepted', () => {
    const error = thrown(() => createSafeStorageKeyProtector(fakeSafeStorage({ backend: 'basic_text' }), { platform: 'linux', allowPlaintext: false }));
    expect(error).toBeInstanceOf(KeyProtectorError);
    expect(toAppError(error)).toEqual({ code: 'KEY_PROTECTOR_PLAINTEXT_REFUSED', message: expect.stringContaining('keyring') as string });
  });

  it('uses basic_text when the user accepted the risk, and says the secrets are only obscured', () => {
    const protector = createSafeStorageKeyProtector(fakeSafeStorage({ backend: 'basic_text' }), { platform: 'linux', allowPlaintext: true });
    expect(protector).toMatchObject({ storageBackend: 'basic_text', obscuredOnly: true });
    expect(protector.decryptString(protector.encryptString('x'))).toBe('x');
  });

  it('treats an unknown or unreported Linux backend like basic_text', () => {
    for (const storage of [fakeSafeStorage({ backend: 'unknown' }), fakeSafeStorage()]) {
      expect(thrown(() => createSafeStorageKeyProtector(storage, { platform: 'linux', allowPlaintext: false }))).toMatchObject({ code: 'KEY_PROTECTOR_PLAINTEXT_REFUSED' });
    }
  });

  it('refuses when encryption is not available at all, even with the risk accepted', () => {
    for (const allowPlaintext of [false, true]) {
      const error = thrown(() => createSafeStorageKeyProtector(fakeSafeStorage({ available: false, backend: 'basic_text' }), { platform: 'linux', allowPlaintext }));
      expect(error).toMatchObject({ code: 'KEY_PROTECTOR_UNAVAILABLE', explanation: expect.any(String) as string });
    }
    expect(thrown(() => createSafeStorageKeyProtector(fakeSafeStorage({ available: false }), { platform: 'win32', allowPlaintext: false }))).toMatchObject({ code: 'KEY_PROTECTOR_UNAVAILABLE' });
  });

  it('turns a safeStorage decryption failure into a typed error the vault explains', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pc-safe-storage-'));
    dirs.push(dataDir);
    Vault.open({ dataDir, protector: createSafeStorageKeyProtector(fakeSafeStorage(), { platform: 'win32', allowPlaintext: false }) }).set('sikka.app-key', 'app-key-secret');
    const broken = Vault.open({ dataDir, protector: createSafeStorageKeyProtector(fakeSafeStorage({ failDecrypt: true }), { platform: 'win32', allowPlaintext: false }) });
    const error = thrown(() => broken.get('sikka.app-key'));
    expect(toAppError(error)).toEqual({ code: 'VAULT_SECRET_UNREADABLE', message: expect.stringContaining('Sign in with Sikka again') as string });
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).not.toContain('app-key-secret');
  });
});
