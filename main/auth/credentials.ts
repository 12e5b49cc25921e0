/**
 * The Sikka credentials the app keeps, each a named secret in the vault: the app ID and key
 * (also the OAuth client ID and secret), each office's OAuth refresh token (sign-in with Sikka),
 * each app-key office's v4 refresh key (the refresh_key grant renews its request keys without
 * the secret key), and each office's current request key (worth keeping: a new one costs a call
 * of the practice's daily quota). Nothing here is ever written outside the vault.
 */
import type { RequestKey } from '../sikka/keys';
import type { Vault } from './vault';

export interface AppCredentialsPair {
  readonly appId: string;
  readonly appKey: string;
}

const APP_ID = 'sikka.app-id';
const APP_KEY = 'sikka.app-key';
const REFRESH_TOKEN = 'sikka.refresh-token.';
const REQUEST_KEY = 'sikka.request-key.';
const REFRESH_KEY = 'sikka.refresh-key.';
const SIKKA_PREFIX = 'sikka.';

export class Credentials {
  constructor(private readonly vault: Vault) {}

  app(): AppCredentialsPair | undefined {
    const appId = this.vault.get(APP_ID);
    const appKey = this.vault.get(APP_KEY);
    return appId === undefined || appKey === undefined ? undefined : { appId, appKey };
  }

  saveApp(credentials: AppCredentialsPair): void {
    this.vault.set(APP_ID, credentials.appId);
    this.vault.set(APP_KEY, credentials.appKey);
  }

  refreshToken(officeId: string): string | undefined {
    return this.vault.get(REFRESH_TOKEN + officeId);
  }

  saveRefreshToken(officeId: string, refreshToken: string): void {
    this.vault.set(REFRESH_TOKEN + officeId, refreshToken);
  }

  /** Offices signed in through OAuth, whose keys come from their refresh token. */
  officesWithRefreshTokens(): string[] {
    return this.vault.names().filter((name) => name.startsWith(REFRESH_TOKEN)).map((name) => name.slice(REFRESH_TOKEN.length));
  }

  /** The office's v4 refresh key ("Refresh tokens don't expire until you delete refresh token"). */
  refreshKey(officeId: string): string | undefined {
    return this.vault.get(REFRESH_KEY + officeId);
  }

  saveRefreshKey(officeId: string, refreshKey: string): void {
    this.vault.set(REFRESH_KEY + officeId, refreshKey);
  }

  /** Offices with a kept v4 refresh key, to end at Sikka on sign-out. */
  officesWithRefreshKeys(): string[] {
    return this.vault.names().filter((name) => name.startsWith(REFRESH_KEY)).map((name) => name.slice(REFRESH_KEY.length));
  }

  requestKey(officeId: string): RequestKey | undefined {
    const stored = this.vault.get(REQUEST_KEY + officeId);
    if (stored === undefined) return undefined;
    try {
      const parsed = JSON.parse(stored) as { requestKey?: unknown; expiresAt?: unknown };
      if (typeof parsed.requestKey !== 'string') return undefined;
      return typeof parsed.expiresAt === 'number' ? { requestKey: parsed.requestKey, expiresAt: parsed.expiresAt } : { requestKey: parsed.requestKey };
    } catch {
      return undefined;
    }
  }

  /** Every kept request key by office, for a sync worker's first calls. */
  requestKeys(): Record<string, RequestKey> {
    const kept: Record<string, RequestKey> = {};
    for (const name of this.vault.names()) {
      if (!name.startsWith(REQUEST_KEY)) continue;
      const officeId = name.slice(REQUEST_KEY.length);
      const key = this.requestKey(officeId);
      if (key !== undefined) kept[officeId] = key;
    }
    return kept;
  }

  saveRequestKey(officeId: string, key: RequestKey): void {
    this.vault.set(REQUEST_KEY + officeId, JSON.stringify({ requestKey: key.requestKey, expiresAt: key.expiresAt }));
  }

  forgetOffice(officeId: string): void {
    this.vault.delete(REFRESH_TOKEN + officeId);
    this.vault.delete(REQUEST_KEY + officeId);
    this.vault.delete(REFRESH_KEY + officeId);
  }

  /** Removes every Sikka secret, keeping the database key (the local copy stays readable). */
  forgetAll(): void {
    for (const name of this.vault.names()) if (name.startsWith(SIKKA_PREFIX)) this.vault.delete(name);
  }
}
