/**
 * The plain-Node key protector, for the CLI and tests (the app uses Electron's safeStorage).
 *
 * AES-256-GCM, with its key either
 * - derived by scrypt from a passphrase (env PRACTICE_COMPANION_PASSPHRASE), for IT staff who
 *   want the data bound to something they know, or
 * - a random 32-byte machine key kept in a 0600 file in the user's configuration directory,
 *   deliberately outside the data directory so a copied data folder alone cannot be read.
 *
 * Wrapped layout: version (1 byte) | scrypt salt (16, passphrase kind only) | IV (12) | tag (16) | ciphertext.
 * The protector kind is authenticated as associated data, so a blob cannot be replayed to the
 * other kind.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KeyProtectorError, type KeyProtector } from './keyProtector';

export const PASSPHRASE_ENV = 'PRACTICE_COMPANION_PASSPHRASE';
export const PASSPHRASE_KIND = 'node-passphrase';
export const MACHINE_KEY_KIND = 'node-machine-key';
export const MACHINE_KEY_FILE = 'machine-key';

const VERSION = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// About 100 ms and 32 MiB on a desktop: slow for guessing, quick for the one unlock at start-up.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

type RandomBytes = (size: number) => Buffer;

function seal(key: Buffer, kind: string, prefix: Buffer, plain: string, random: RandomBytes): Buffer {
  const iv = random(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(kind, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), prefix, iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, kind: string, data: Buffer, prefixBytes: number): string {
  const ivStart = 1 + prefixBytes;
  const tagStart = ivStart + IV_BYTES;
  const bodyStart = tagStart + TAG_BYTES;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(ivStart, tagStart));
    decipher.setAAD(Buffer.from(kind, 'utf8'));
    decipher.setAuthTag(data.subarray(tagStart, bodyStart));
    return Buffer.concat([decipher.update(data.subarray(bodyStart)), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyProtectorError('KEY_PROTECTOR_DECRYPT_FAILED', `The ${kind} protector could not unwrap this secret (different key, or the data is damaged).`);
  }
}

function checkLayout(kind: string, data: Buffer, prefixBytes: number): void {
  if (data.length < 1 + prefixBytes + IV_BYTES + TAG_BYTES || data[0] !== VERSION) {
    throw new KeyProtectorError('KEY_PROTECTOR_DECRYPT_FAILED', `The secret is not in the ${kind} protector's format.`);
  }
}

/** AES-256-GCM under a key that scrypt derives from `passphrase` and a random salt. */
export function createPassphraseKeyProtector(passphrase: string, options: { random?: RandomBytes } = {}): KeyProtector {
  const random = options.random ?? randomBytes;
  // scrypt is deliberately slow: derive once per salt, and seal everything with one salt.
  const keys = new Map<string, Buffer>();
  const keyFor = (salt: Buffer): Buffer => {
    const id = salt.toString('hex');
    let key = keys.get(id);
    if (!key) {
      key = scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, SCRYPT);
      keys.set(id, key);
    }
    return key;
  };
  let sealingSalt: Buffer | undefined;
  return {
    kind: PASSPHRASE_KIND,
    encryptString(plain) {
      sealingSalt ??= random(SALT_BYTES);
      return seal(keyFor(sealingSalt), PASSPHRASE_KIND, sealingSalt, plain, random);
    },
    decryptString(data) {
      checkLayout(PASSPHRASE_KIND, data, SALT_BYTES);
      return open(keyFor(data.subarray(1, 1 + SALT_BYTES)), PASSPHRASE_KIND, data, SALT_BYTES);
    },
  };
}

/**
 * AES-256-GCM under a random machine key in `<keyDirectory>/machine-key` (mode 0600), created on
 * first use. Decrypting never creates it: a missing key file means the secrets are lost.
 */
export function createMachineKeyProtector(options: { keyDirectory: string; random?: RandomBytes }): KeyProtector {
  const random = options.random ?? randomBytes;
  const file = join(options.keyDirectory, MACHINE_KEY_FILE);
  let cached: Buffer | undefined;

  const read = (): Buffer | undefined => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new KeyProtectorError('KEY_PROTECTOR_UNAVAILABLE', 'The machine key file could not be read.');
    }
    const key = Buffer.from(text.trim(), 'hex');
    if (key.length !== KEY_BYTES) throw new KeyProtectorError('KEY_PROTECTOR_UNAVAILABLE', 'The machine key file is damaged.');
    return key;
  };

  const loadOrCreate = (): Buffer => {
    if (cached) return cached;
    let key = read();
    if (!key) {
      mkdirSync(options.keyDirectory, { recursive: true, mode: 0o700 });
      try {
        // 'wx' so two processes starting together cannot overwrite each other's key.
        writeFileSync(file, `${random(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
        chmodSync(file, 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new KeyProtectorError('KEY_PROTECTOR_UNAVAILABLE', 'The machine key file could not be created.');
        }
      }
      key = read();
      if (!key) throw new KeyProtectorError('KEY_PROTECTOR_UNAVAILABLE', 'The machine key file could not be created.');
    }
    cached = key;
    return key;
  };

  return {
    kind: MACHINE_KEY_KIND,
    encryptString(plain) {
      return seal(loadOrCreate(), MACHINE_KEY_KIND, Buffer.alloc(0), plain, random);
    },
    decryptString(data) {
      checkLayout(MACHINE_KEY_KIND, data, 0);
      const key = cached ?? read();
      if (!key) throw new KeyProtectorError('KEY_PROTECTOR_DECRYPT_FAILED', 'The machine key file is missing, so secrets wrapped with it cannot be read.');
      cached = key;
      return open(key, MACHINE_KEY_KIND, data, 0);
    },
  };
}

/** The per-user configuration folder for the machine key, beside (not inside) the app's data. */
export function defaultKeyDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Practice Companion Keys');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Practice Companion Keys');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'practice-companion-keys');
}

/** The passphrase protector when PRACTICE_COMPANION_PASSPHRASE is set, else the machine key. */
export function createNodeKeyProtector(options: { env?: NodeJS.ProcessEnv; keyDirectory?: string } = {}): KeyProtector {
  const env = options.env ?? process.env;
  const passphrase = env[PASSPHRASE_ENV];
  if (passphrase !== undefined && passphrase !== '') return createPassphraseKeyProtector(passphrase);
  return createMachineKeyProtector({ keyDirectory: options.keyDirectory ?? defaultKeyDirectory(env) });
}
