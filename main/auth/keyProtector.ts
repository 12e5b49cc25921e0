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
  | 'KEY_PROTECTOR_DECRYPT_FAILED';

export class KeyProtectorError extends Error {
  override readonly name = 'KeyProtectorError';
  constructor(readonly code: KeyProtectorErrorCode, message: string) {
    super(message);
  }
}
