/**
 * The app's key protector over Electron's safeStorage (DPAPI on Windows, the Keychain on macOS,
 * the Secret Service or KWallet on Linux). The logic lives here, under Node, against a structural
 * stand-in for safeStorage; main/electron only passes the real object in.
 *
 * Like Signal Desktop, it refuses Linux's `basic_text` backend — a hard-coded key that only
 * obscures — unless the user accepted that risk (settings.allowPlaintextSecretStorage), and it
 * refuses outright when encryption is not available at all.
 */
import { KeyProtectorError, type KeyProtector } from './keyProtector';

/** The part of Electron's `safeStorage` this needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6' or 'unknown'. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_KIND = 'electron-safe-storage';
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export interface SafeStorageKeyProtector extends KeyProtector {
  /** The Linux backend in use ('keychain-or-dpapi' elsewhere), for Settings to show. */
  readonly storageBackend: string;
  /** True when secrets are only obscured (Linux basic_text, accepted by the user). */
  readonly obscuredOnly: boolean;
}

/**
 * Throws KEY_PROTECTOR_UNAVAILABLE when safeStorage cannot encrypt, and on Linux
 * KEY_PROTECTOR_PLAINTEXT_REFUSED when no keyring backs it and the risk was not accepted.
 * Call it after Electron's `ready` (before it, safeStorage reports itself unavailable).
 */
export function createSafeStorageKeyProtector(
  safeStorage: SafeStorageLike,
  options: { readonly platform: NodeJS.Platform; readonly allowPlaintext: boolean },
): SafeStorageKeyProtector {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new KeyProtectorError('KEY_PROTECTOR_UNAVAILABLE', 'safeStorage reports that encryption is not available.');
  }
  let storageBackend = 'keychain-or-dpapi';
  let obscuredOnly = false;
  if (options.platform === 'linux') {
    storageBackend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    // 'unknown' cannot be vouched for either: treat it like basic_text.
    obscuredOnly = !LINUX_KEYRINGS.has(storageBackend);
    if (obscuredOnly && !options.allowPlaintext) {
      throw new KeyProtectorError('KEY_PROTECTOR_PLAINTEXT_REFUSED', `safeStorage would use the "${storageBackend}" backend, which only obscures secrets.`);
    }
  }
  return {
    kind: SAFE_STORAGE_KIND,
    storageBackend,
    obscuredOnly,
    encryptString(plain) {
      try {
        return safeStorage.encryptString(plain);
      } catch {
        throw new KeyProtectorError('KEY_PROTECTOR_UNAVAILABLE', 'safeStorage could not encrypt.');
      }
    },
    decryptString(data) {
      try {
        return safeStorage.decryptString(data);
      } catch {
        throw new KeyProtectorError('KEY_PROTECTOR_DECRYPT_FAILED', 'safeStorage could not decrypt this secret (another user or computer, or damaged data).');
      }
    },
  };
}
