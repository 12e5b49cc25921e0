import type * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyProtectorError, type KeyProtector } from '../../main/auth/keyProtector';
import {
  createMachineKeyProtector,
  createNodeKeyProtector,
  createPassphraseKeyProtector,
  defaultKeyDirectory,
  MACHINE_KEY_FILE,
  MACHINE_KEY_KIND,
  PASSPHRASE_KIND,
} from '../../main/auth/keyProtectorNode';
import { DATABASE_KEY_SECRET, loadOrCreateDatabaseKey, Vault, VAULT_FILE_NAME, VaultError } from '../../main/auth/vault';

// renameSync is wrapped so one test can fail the final step of a write, as a crash would.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, renameSync: vi.fn(actual.renameSync) };
});

const SECRET = 'app-key-7f3c9a1e5b';
const isPosix = process.platform !== 'win32';

let root: string;
let dataDir: string;
let keyDirectory: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pc-vault-'));
  dataDir = join(root, 'data');
  keyDirectory = join(root, 'config', 'keys');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function expectCode(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ code });
}

function allFileBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(readFileSync(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe('passphrase key protector', () => {
  it('round-trips a string and never emits it in clear', () => {
    const protector = createPassphraseKeyProtector('correct horse');
    const wrapped = protector.encryptString(SECRET);
    expect(wrapped.includes(Buffer.from(SECRET))).toBe(false);
    expect(createPassphraseKeyProtector('correct horse').decryptString(wrapped)).toBe(SECRET);
  });

  it('refuses a wrong passphrase with a typed error', () => {
    const wrapped = createPassphraseKeyProtector('correct horse').encryptString(SECRET);
    expectCode(() => createPassphraseKeyProtector('wrong horse').decryptString(wrapped), 'KEY_PROTECTOR_DECRYPT_FAILED');
  });

  it('detects tampering', () => {
    const wrapped = createPassphraseKeyProtector('p').encryptString(SECRET);
    wrapped[wrapped.length - 1] = (wrapped[wrapped.length - 1] ?? 0) ^ 1;
    expectCode(() => createPassphraseKeyProtector('p').decryptString(wrapped), 'KEY_PROTECTOR_DECRYPT_FAILED');
  });
});

describe('machine key protector', () => {
  it.runIf(isPosix)('keeps its key in a 0600 file in the key directory', () => {
    createMachineKeyProtector({ keyDirectory }).encryptString(SECRET);
    expect(statSync(join(keyDirectory, MACHINE_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('unwraps with a fresh instance over the same key directory', () => {
    const wrapped = createMachineKeyProtector({ keyDirectory }).encryptString(SECRET);
    expect(createMachineKeyProtector({ keyDirectory }).decryptString(wrapped)).toBe(SECRET);
  });

  it('cannot unwrap once the machine key is gone, and does not invent a new one', () => {
    const wrapped = createMachineKeyProtector({ keyDirectory }).encryptString(SECRET);
    rmSync(join(keyDirectory, MACHINE_KEY_FILE));
    expectCode(() => createMachineKeyProtector({ keyDirectory }).decryptString(wrapped), 'KEY_PROTECTOR_DECRYPT_FAILED');
    expect(readdirSync(keyDirectory)).toEqual([]);
  });

  it('reports a damaged key file as unavailable', () => {
    createMachineKeyProtector({ keyDirectory }).encryptString(SECRET);
    writeFileSync(join(keyDirectory, MACHINE_KEY_FILE), 'not a key');
    expectCode(() => createMachineKeyProtector({ keyDirectory }).encryptString(SECRET), 'KEY_PROTECTOR_UNAVAILABLE');
  });

  it('does not unwrap what the passphrase kind wrapped', () => {
    const wrapped = createPassphraseKeyProtector('p').encryptString(SECRET);
    expect(() => createMachineKeyProtector({ keyDirectory }).decryptString(wrapped)).toThrow(KeyProtectorError);
  });
});

describe('choosing the Node protector', () => {
  it('uses the passphrase when PRACTICE_COMPANION_PASSPHRASE is set', () => {
    expect(createNodeKeyProtector({ env: { PRACTICE_COMPANION_PASSPHRASE: 'p' }, keyDirectory }).kind).toBe(PASSPHRASE_KIND);
  });

  it('falls back to the machine key without a passphrase', () => {
    expect(createNodeKeyProtector({ env: {}, keyDirectory }).kind).toBe(MACHINE_KEY_KIND);
  });

  it('keeps the default key directory in the user configuration folder', () => {
    expect(defaultKeyDirectory({ XDG_CONFIG_HOME: '/home/u/.config' }, 'linux', '/home/u')).toBe('/home/u/.config/practice-companion-keys');
    expect(defaultKeyDirectory({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Practice Companion Keys');
  });
});

describe('vault', () => {
  const machine = (): KeyProtector => createMachineKeyProtector({ keyDirectory });

  it('round-trips named secrets across openings', () => {
    Vault.open({ dataDir, protector: machine() }).set('app-key', SECRET);
    const vault = Vault.open({ dataDir, protector: machine() });
    expect(vault.get('app-key')).toBe(SECRET);
    expect(vault.get('absent')).toBeUndefined();
    expect(vault.names()).toEqual(['app-key']);
  });

  it('deletes one secret and wipes all', () => {
    const vault = Vault.open({ dataDir, protector: machine() });
    vault.set('a', '1');
    vault.set('b', '2');
    expect(vault.delete('a')).toBe(true);
    expect(vault.delete('a')).toBe(false);
    expect(vault.names()).toEqual(['b']);
    vault.wipe();
    expect(vault.names()).toEqual([]);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.runIf(isPosix)('writes its file with mode 0600', () => {
    Vault.open({ dataDir, protector: machine() }).set('a', SECRET);
    expect(statSync(join(dataDir, VAULT_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('keeps the previous vault whole when a write fails before its rename', () => {
    const vault = Vault.open({ dataDir, protector: machine() });
    vault.set('a', 'first');
    vi.mocked(renameSync).mockImplementationOnce(() => {
      throw new Error('simulated crash');
    });
    expect(() => { vault.set('a', 'second'); }).toThrow('simulated crash');
    expect(Vault.open({ dataDir, protector: machine() }).get('a')).toBe('first');
    expect(readdirSync(dataDir)).toEqual([VAULT_FILE_NAME]);
  });

  it('keeps no secret in clear text in any file of the data directory', () => {
    const vault = Vault.open({ dataDir, protector: machine() });
    vault.set('app-key', SECRET);
    const dbKey = loadOrCreateDatabaseKey(vault, { databaseExists: false });
    const bytes = allFileBytes(dataDir);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from(dbKey.toString('hex')))).toBe(false);
    expect(bytes.includes(dbKey)).toBe(false);
  });

  it('refuses to open under a different protector kind', () => {
    Vault.open({ dataDir, protector: machine() }).set('a', SECRET);
    expectCode(() => Vault.open({ dataDir, protector: createPassphraseKeyProtector('p') }), 'VAULT_PROTECTOR_MISMATCH');
  });

  it('reports a wrong passphrase as an unreadable secret', () => {
    Vault.open({ dataDir, protector: createPassphraseKeyProtector('right') }).set('a', SECRET);
    const vault = Vault.open({ dataDir, protector: createPassphraseKeyProtector('wrong') });
    expectCode(() => vault.get('a'), 'VAULT_SECRET_UNREADABLE');
  });

  it('reports a damaged file', () => {
    Vault.open({ dataDir, protector: machine() }).set('a', SECRET);
    writeFileSync(join(dataDir, VAULT_FILE_NAME), '{"format": 1');
    expectCode(() => Vault.open({ dataDir, protector: machine() }), 'VAULT_DAMAGED');
  });
});

describe('database key', () => {
  const machine = (): KeyProtector => createMachineKeyProtector({ keyDirectory });

  it('is created once as 32 random bytes and then loaded', () => {
    const first = loadOrCreateDatabaseKey(Vault.open({ dataDir, protector: machine() }), { databaseExists: false });
    expect(first).toHaveLength(32);
    const again = loadOrCreateDatabaseKey(Vault.open({ dataDir, protector: machine() }), { databaseExists: true });
    expect(again.equals(first)).toBe(true);
    expect(Vault.open({ dataDir, protector: machine() }).names()).toEqual([DATABASE_KEY_SECRET]);
  });

  it('reports a lost key when a database exists without one', () => {
    const vault = Vault.open({ dataDir, protector: machine() });
    let thrown: unknown;
    try {
      loadOrCreateDatabaseKey(vault, { databaseExists: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VaultError);
    expect(thrown).toMatchObject({ code: 'VAULT_DATABASE_KEY_LOST' });
  });

  it('reports an undecryptable key as unreadable', () => {
    loadOrCreateDatabaseKey(Vault.open({ dataDir, protector: machine() }), { databaseExists: false });
    rmSync(join(keyDirectory, MACHINE_KEY_FILE));
    expectCode(() => loadOrCreateDatabaseKey(Vault.open({ dataDir, protector: machine() }), { databaseExists: true }), 'VAULT_SECRET_UNREADABLE');
  });
});
