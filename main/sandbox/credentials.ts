import { randomBytes, randomUUID } from 'node:crypto';

export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const CODE_LIFETIME_MS = 10 * 60 * 1000;

export interface RequestKey {
  readonly key: string;
  readonly officeId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** Data calls made with the key. */
  calls: number;
  /** Data calls since the expireKeysAfterCalls switch was set (at epoch `switchEpoch`). */
  callsSinceSwitch: number;
  switchEpoch: number;
  /** Expired early by the expireKeysAfterCalls fault. */
  expiredEarly: boolean;
  revoked: boolean;
  /** The refresh token (OAuth) or v4 refresh key it was issued through, if any. */
  readonly refreshToken: string | undefined;
}

export interface AuthorizationCode {
  readonly officeId: string;
  readonly clientId: string;
  /** The redirect_uri given on authorize, which the token call must repeat; undefined if none was given. */
  readonly redirectUri: string | undefined;
  readonly expiresAt: number;
  used: boolean;
}

export interface RefreshToken {
  readonly officeId: string;
  revoked: boolean;
}

/**
 * Request keys (from `start`, v4's request_key grant or OAuth), authorization codes, OAuth refresh
 * tokens and v4 refresh keys. A request key is one kind whatever issued it, and reads the office in
 * either API version. Secrets are random, not seeded: the sandbox ships in the app and listens on
 * loopback, where a guessable key would be a needless hole.
 */
export class Credentials {
  private readonly keys = new Map<string, RequestKey>();
  private readonly startKeys = new Map<string, string>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  /** v4 refresh keys, and each office's live one (Sikka's answers repeat it: "Refresh tokens don't expire until you delete refresh token"). */
  private readonly refreshKeys = new Map<string, RefreshToken>();
  private readonly officeRefreshKeys = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  static secret(): string {
    return randomBytes(16).toString('hex');
  }

  isUsable(key: RequestKey): boolean {
    return !key.revoked && !key.expiredEarly && key.expiresAt > this.now();
  }

  /** `start` hands out the office's current key while it is usable, as Sikka does within its 24 hours. */
  startKey(officeId: string): RequestKey {
    const current = this.keys.get(this.startKeys.get(officeId) ?? '');
    if (current !== undefined && this.isUsable(current)) return current;
    const key = this.issue(officeId, undefined);
    this.startKeys.set(officeId, key.key);
    return key;
  }

  issue(officeId: string, refreshToken: string | undefined): RequestKey {
    const issuedAt = this.now();
    const key: RequestKey = { key: Credentials.secret(), officeId, issuedAt, expiresAt: issuedAt + KEY_LIFETIME_MS, calls: 0, callsSinceSwitch: 0, switchEpoch: 0, expiredEarly: false, revoked: false, refreshToken };
    this.keys.set(key.key, key);
    return key;
  }

  find(key: string): RequestKey | undefined {
    return this.keys.get(key);
  }

  newCode(officeId: string, clientId: string, redirectUri: string | undefined): string {
    const code = Credentials.secret();
    this.codes.set(code, { officeId, clientId, redirectUri, expiresAt: this.now() + CODE_LIFETIME_MS, used: false });
    return code;
  }

  /** A code works once, before it expires, for the client it was issued to. */
  redeemCode(code: string, clientId: string): AuthorizationCode | undefined {
    const entry = this.codes.get(code);
    if (entry === undefined || entry.used || entry.expiresAt <= this.now() || entry.clientId !== clientId) return undefined;
    entry.used = true;
    return entry;
  }

  newRefreshToken(officeId: string): string {
    const token = randomUUID();
    this.refreshTokens.set(token, { officeId, revoked: false });
    return token;
  }

  refreshToken(token: string): RefreshToken | undefined {
    const entry = this.refreshTokens.get(token);
    return entry === undefined || entry.revoked ? undefined : entry;
  }

  /** The office's v4 refresh key: the live one, or a new one once it was deleted. */
  refreshKeyFor(officeId: string): string {
    const current = this.officeRefreshKeys.get(officeId);
    if (current !== undefined && this.refreshKeys.get(current)?.revoked === false) return current;
    const key = Credentials.secret();
    this.refreshKeys.set(key, { officeId, revoked: false });
    this.officeRefreshKeys.set(officeId, key);
    return key;
  }

  refreshKey(key: string): RefreshToken | undefined {
    const entry = this.refreshKeys.get(key);
    return entry === undefined || entry.revoked ? undefined : entry;
  }

  /** Deleting a v4 refresh key also ends the request keys issued through it. */
  revokeRefreshKey(key: string): boolean {
    const entry = this.refreshKey(key);
    if (entry === undefined) return false;
    entry.revoked = true;
    for (const requestKey of this.keys.values()) if (requestKey.refreshToken === key) requestKey.revoked = true;
    return true;
  }

  /** Ends one request key (v4 `DELETE /v4/request_key`). */
  revokeKey(key: string): boolean {
    const entry = this.keys.get(key);
    if (entry === undefined || entry.revoked) return false;
    entry.revoked = true;
    return true;
  }

  /** Revoking a refresh token also ends the request keys issued through it. */
  revoke(token: string): boolean {
    const entry = this.refreshToken(token);
    if (entry === undefined) return false;
    entry.revoked = true;
    for (const key of this.keys.values()) if (key.refreshToken === token) key.revoked = true;
    return true;
  }
}
