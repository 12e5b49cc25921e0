/**
 * Wraps small secrets (the database key, app keys, tokens) so they never sit on disk in clear.
 * The shape mirrors Electron's `safeStorage`, so the app passes a thin adapter over it; plain
 * Node (the CLI, tests) uses `keyProtectorNode.ts`.
 */
export interface KeyProtector {
  /** Names the mechanism, recorded beside what it wrapped so a different one is never tried. */
  readonly kind: string;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
}

export type KeyProtectorErrorCode =
  /** The protector cannot work here (e.g. its machine key file is missing or damaged). */
  | 'KEY_PROTECTOR_UNAVAILABLE'
  /** The data was not wrapped by this protector with this key (wrong passphrase, other machine). */
  | 'KEY_PROTECTOR_DECRYPT_FAILED'
  /** Linux without a keyring: secrets would only be obscured, and the user has not accepted that. */
  | 'KEY_PROTECTOR_PLAINTEXT_REFUSED';

/** What people are told (the IPC router and the CLI show `explanation`, never `message`). */
export const KEY_PROTECTOR_EXPLANATIONS: Readonly<Record<KeyProtectorErrorCode, string>> = {
  KEY_PROTECTOR_UNAVAILABLE: 'This computer\u2019s secure storage for passwords is not available, so Practice Companion cannot keep the Sikka sign-in safe. Sign in to the computer as the usual user and start the app again.',
  KEY_PROTECTOR_DECRYPT_FAILED: 'The saved Sikka sign-in cannot be unlocked on this computer (another user account, another PC, or a changed passphrase). Sign in with Sikka again.',
  KEY_PROTECTOR_PLAINTEXT_REFUSED: 'This Linux desktop has no keyring (such as GNOME Keyring or KWallet), so secrets would only be obscured, not encrypted. Install or unlock a keyring, or accept the risk in Settings.',
};

export class KeyProtectorError extends Error {
  override readonly name = 'KeyProtectorError';
  readonly explanation: string;
  constructor(readonly code: KeyProtectorErrorCode, message: string) {
    super(message);
    this.explanation = KEY_PROTECTOR_EXPLANATIONS[code];
  }
}
