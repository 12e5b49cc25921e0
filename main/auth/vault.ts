/**
 * A small credential vault: one JSON file in the data directory holding named secrets, each
 * wrapped by a KeyProtector. The file records which kind of protector wrapped them and refuses
 * to open under another kind (safeStorage secrets cannot be read with a passphrase, and the
 * other way round). Every change is written to a temporary file and renamed over the old one,
 * so a crash leaves either the old vault or the new one, never half of either.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KeyProtectorError, type KeyProtector } from './keyProtector';

export const VAULT_FILE_NAME = 'vault.json';
export const DATABASE_KEY_SECRET = 'database-key';
/** The key of the security database (staff profiles and the audit trail). */
export const SECURITY_DATABASE_KEY_SECRET = 'security-database-key';
const FORMAT = 1;
const DATABASE_KEY_BYTES = 32;

export type VaultErrorCode =
  /** The vault was written by another kind of protector (e.g. safeStorage vs. passphrase). */
  | 'VAULT_PROTECTOR_MISMATCH'
  /** The vault file is not a vault this app can read. */
  | 'VAULT_DAMAGED'
  /** A secret is present but cannot be unwrapped (wrong passphrase, other machine, damage). */
  | 'VAULT_SECRET_UNREADABLE'
  /** A local database exists but its key is gone: the copy must be cleared and synced again. */
  | 'VAULT_DATABASE_KEY_LOST';

/** What people are told (the IPC router and the CLI show `explanation`, never `message`). */
export const VAULT_EXPLANATIONS: Readonly<Record<VaultErrorCode, string>> = {
  VAULT_PROTECTOR_MISMATCH: 'The saved Sikka sign-in was locked another way (for example by the command line with a passphrase) and cannot be opened here. Open it the same way, or sign in again.',
  VAULT_DAMAGED: 'The file holding the saved Sikka sign-in is damaged. Sign in with Sikka again.',
  VAULT_SECRET_UNREADABLE: 'A saved secret cannot be unlocked on this computer (another user account, another PC, or a changed passphrase). Sign in with Sikka again.',
  VAULT_DATABASE_KEY_LOST: 'The key of the local copy is missing, so the copy cannot be read. Clear the local copy and sync again; the practice\u2019s data in Sikka is not affected.',
};

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly explanation: string;
  constructor(readonly code: VaultErrorCode, message: string) {
    super(message);
    this.explanation = VAULT_EXPLANATIONS[code];
  }
}

interface VaultFile {
  readonly format: number;
  readonly protector: string;
  readonly secrets: Record<string, string>;
}

export interface VaultOptions {
  /** The app's data directory; the vault is `<dataDir>/vault.json`. */
  readonly dataDir: string;
  readonly protector: KeyProtector;
}

export class Vault {
  readonly file: string;
  private readonly protector: KeyProtector;

  private constructor(options: VaultOptions) {
    this.file = join(options.dataDir, VAULT_FILE_NAME);
    this.protector = options.protector;
  }

  /** Opens (without creating) the vault; throws VaultError if another protector kind wrote it. */
  static open(options: VaultOptions): Vault {
    const vault = new Vault(options);
    vault.read();
    return vault;
  }

  get protectorKind(): string {
    return this.protector.kind;
  }

  names(): string[] {
    return Object.keys(this.read().secrets).sort();
  }

  has(name: string): boolean {
    return Object.hasOwn(this.read().secrets, name);
  }

  get(name: string): string | undefined {
    const secrets = this.read().secrets;
    if (!Object.hasOwn(secrets, name)) return undefined;
    const wrapped = secrets[name] ?? '';
    try {
      return this.protector.decryptString(Buffer.from(wrapped, 'base64'));
    } catch (error) {
      if (error instanceof KeyProtectorError) {
        throw new VaultError('VAULT_SECRET_UNREADABLE', `The secret "${name}" cannot be unlocked: ${error.message}`);
      }
      throw error;
    }
  }

  set(name: string, value: string): void {
    const current = this.read();
    const wrapped = this.protector.encryptString(value).toString('base64');
    this.write({ ...current.secrets, [name]: wrapped });
  }

  delete(name: string): boolean {
    const current = this.read();
    if (!Object.hasOwn(current.secrets, name)) return false;
    const { [name]: _removed, ...rest } = current.secrets;
    this.write(rest);
    return true;
  }

  /** Removes the vault file and every secret in it. */
  wipe(): void {
    rmSync(this.file, { force: true });
  }

  // Read on every call: the CLI and the app may share a data directory.
  private read(): VaultFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: FORMAT, protector: this.protector.kind, secrets: {} };
      throw new VaultError('VAULT_DAMAGED', 'The credential vault file could not be read.');
    }
    const parsed = parseVault(text);
    if (parsed.protector !== this.protector.kind) {
      throw new VaultError(
        'VAULT_PROTECTOR_MISMATCH',
        `The credential vault was locked with "${parsed.protector}", not "${this.protector.kind}".`,
      );
    }
    return parsed;
  }

  private write(secrets: Record<string, string>): void {
    const body: VaultFile = { format: FORMAT, protector: this.protector.kind, secrets };
    writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }
}

function parseVault(text: string): VaultFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new VaultError('VAULT_DAMAGED', 'The credential vault file is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null) throw new VaultError('VAULT_DAMAGED', 'The credential vault file has an unknown layout.');
  const { format, protector, secrets } = value as Record<string, unknown>;
  if (format !== FORMAT || typeof protector !== 'string' || typeof secrets !== 'object' || secrets === null
    || Object.values(secrets).some((s) => typeof s !== 'string')) {
    throw new VaultError('VAULT_DAMAGED', 'The credential vault file has an unknown layout.');
  }
  return { format, protector, secrets: secrets as Record<string, string> };
}

/** Temp file (0600) + fsync + rename: readers see the old file or the new one, whole. */
function writeFileAtomic(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (process.platform !== 'win32') {
    // Make the rename itself durable; best effort, as some file systems refuse directory fsync.
    try {
      const dir = openSync(join(file, '..'), 'r');
      try { fsyncSync(dir); } finally { closeSync(dir); }
    } catch { /* the rename is still atomic without it */ }
  }
}

/**
 * A database's 32-byte SQLCipher key (the cache's unless `secret` names another), created on first run.
 * When a database already exists but its key is gone, creating a new key would only hide the
 * loss, so this throws VAULT_DATABASE_KEY_LOST and the app offers to clear and sync again.
 */
export function loadOrCreateDatabaseKey(
  vault: Vault,
  options: { databaseExists: boolean; secret?: string; random?: (size: number) => Buffer },
): Buffer {
  const secret = options.secret ?? DATABASE_KEY_SECRET;
  const stored = vault.get(secret);
  if (stored !== undefined) {
    const key = Buffer.from(stored, 'hex');
    if (key.length !== DATABASE_KEY_BYTES) throw new VaultError('VAULT_SECRET_UNREADABLE', 'The stored database key has the wrong length.');
    return key;
  }
  if (options.databaseExists) {
    throw new VaultError('VAULT_DATABASE_KEY_LOST', 'The local database exists but its key is missing from the credential vault.');
  }
  const key = (options.random ?? randomBytes)(DATABASE_KEY_BYTES);
  vault.set(secret, key.toString('hex'));
  return key;
}
