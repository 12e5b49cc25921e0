/**
 * PIN hashes: scrypt (memory-hard, in node:crypto) with a random salt per hash, stored in the PHC
 * string form `$scrypt$ln=14,r=8,p=2$<salt>$<hash>` so each hash carries its own parameters —
 * they can be raised later, and a profile's hash is redone with the new ones at its next unlock.
 *
 * The default, N=2^14 (16 MiB), r=8, p=2, takes about 65 ms on the development machine (2 shared
 * cores); N=2^15 at r=8 (32 MiB) jumped to about 190 ms there, past the 50–150 ms wanted for an
 * unlock that should feel instant. scrypt runs in libuv's thread pool, so the main process keeps
 * answering meanwhile.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { SecurityError, securityError } from './errors';

export interface ScryptParams {
  /** log2 of scrypt's N (cost and memory). */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_PIN_SCRYPT: ScryptParams = { logN: 14, r: 8, p: 2 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Bounds for what a stored hash may ask for, so a damaged row cannot make an unlock take minutes.
const MAX_LOG_N = 20;
const MAX_R = 32;
const MAX_P = 16;

function derive(pin: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  return new Promise((resolve, reject) => {
    // scrypt needs 128·N·r bytes; the default cap (32 MiB) would refuse anything larger.
    scrypt(pin.normalize('NFC'), salt, length, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

export async function hashPin(pin: string, options: { params?: ScryptParams; random?: (size: number) => Buffer } = {}): Promise<string> {
  const params = options.params ?? DEFAULT_PIN_SCRYPT;
  const salt = (options.random ?? randomBytes)(SALT_BYTES);
  const hash = await derive(pin, salt, HASH_BYTES, params);
  return `$scrypt$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

interface StoredPinHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parse(encoded: string): StoredPinHash {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{22,})$/.exec(encoded);
  if (match === null) throw securityError('PIN_RECORD_DAMAGED');
  const [, logN, r, p, salt, hash] = match;
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (params.logN < 1 || params.logN > MAX_LOG_N || params.r < 1 || params.r > MAX_R || params.p < 1 || params.p > MAX_P) {
    throw securityError('PIN_RECORD_DAMAGED');
  }
  return { params, salt: Buffer.from(salt ?? '', 'base64url'), hash: Buffer.from(hash ?? '', 'base64url') };
}

/**
 * Whether `pin` is the one hashed. The whole derived hash is compared with timingSafeEqual, and
 * it is derived at the stored hash's own length, so the comparison takes the same time whatever
 * the PIN.
 */
export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const stored = parse(encoded);
  let derived: Buffer;
  try {
    derived = await derive(pin, stored.salt, stored.hash.length, stored.params);
  } catch (error) {
    if (error instanceof SecurityError) throw error;
    throw securityError('PIN_RECORD_DAMAGED');
  }
  return timingSafeEqual(derived, stored.hash);
}

/** True when the hash was made with other parameters than the current ones. */
export function pinHashNeedsUpgrade(encoded: string, params: ScryptParams = DEFAULT_PIN_SCRYPT): boolean {
  const stored = parse(encoded).params;
  return stored.logN !== params.logN || stored.r !== params.r || stored.p !== params.p;
}
