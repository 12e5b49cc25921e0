/**
 * Signing out: each office's access is ended at Sikka (so a copied vault is worthless), then
 * every Sikka secret is removed from this computer — also when Sikka cannot be reached, because a
 * front desk that signs out must not keep working credentials. What could not be ended upstream
 * is reported, so the app can say so and point to the Sikka portal.
 *
 * What Sikka is asked to end, as its documents allow:
 * - an OAuth refresh token (sign-in with Sikka): `DELETE /v2/refresh_token/{token}` (v2 guide);
 * - on v4, the office's kept refresh key (`DELETE /v4/refresh_key`, v4 "Delete refresh_key":
 *   "Refresh tokens don't expire until you delete refresh token") and its current request key
 *   (`DELETE /v4/request_key`, v4 "Revoking tokens"). The v2 guide documents no way to end a
 *   request key, so v2 keys are only wiped here and lapse within their 24 hours.
 * The request key goes first: once its refresh key or token is gone, Sikka may already refuse it.
 */
import type { SignOutReport } from '../../shared/domain/connection';
import { silentLogger, type Logger } from '../log/logger';
import type { SikkaClient } from '../sikka/client';
import { SikkaApiError } from '../sikka/errors';
import type { Credentials } from './credentials';

/** Long enough for a slow network, short enough that signing out offline does not hang. */
export const REVOKE_TIMEOUT_MS = 20_000;

interface NotRevoked {
  readonly code: string;
  readonly message: string;
}

const NOT_REVOKED_WITHOUT_APP: NotRevoked = {
  code: 'NOT_SIGNED_IN',
  message: 'The app ID and key were missing, so Sikka could not be told.',
};

const NOT_REVOKED_ON_V2: NotRevoked = {
  code: 'V4_KEY_NOT_REVOKED',
  message: 'This connection now uses Sikka API v2, which cannot end the office\u2019s v4 refresh key; delete it in the Sikka portal.',
};

/** Answers to deleting a request key that mean it no longer works anyway: expired, or unknown to Sikka. */
const REQUEST_KEY_ALREADY_ENDED = new Set(['API1025', 'API2003']);

export async function signOut(options: {
  readonly client: SikkaClient;
  readonly credentials: Credentials;
  readonly signal?: AbortSignal | undefined;
  readonly revokeTimeoutMs?: number | undefined;
  readonly logger?: Logger | undefined;
}): Promise<SignOutReport> {
  const { client, credentials } = options;
  const logger = options.logger ?? silentLogger;
  const app = credentials.app();
  const v4 = client.apiVersion === 'v4';
  const revokedOffices: string[] = [];
  const notRevoked: { officeId: string; code: string; message: string }[] = [];
  const signal = AbortSignal.any([options.signal ?? new AbortController().signal, AbortSignal.timeout(options.revokeTimeoutMs ?? REVOKE_TIMEOUT_MS)]);

  const requestKeys = v4 ? credentials.requestKeys() : {};
  const offices = [...new Set([...credentials.officesWithRefreshTokens(), ...credentials.officesWithRefreshKeys(), ...Object.keys(requestKeys)])];

  for (const officeId of offices) {
    const refreshToken = credentials.refreshToken(officeId);
    const refreshKey = credentials.refreshKey(officeId);
    const requestKey = requestKeys[officeId]?.requestKey;
    /** Each thing to end, in order; every one is tried, the first failure reported. */
    const steps: (() => Promise<NotRevoked | undefined>)[] = [];
    if (requestKey !== undefined) {
      steps.push(() => attempt(() => client.revokeRequestKey(requestKey, { signal }), REQUEST_KEY_ALREADY_ENDED));
    }
    if (refreshToken !== undefined) {
      steps.push(() => (app === undefined
        ? Promise.resolve(NOT_REVOKED_WITHOUT_APP)
        : attempt(() => client.revokeRefreshToken({ clientId: app.appId, clientSecret: app.appKey, refreshToken }, { signal }))));
    }
    if (refreshKey !== undefined) {
      steps.push(() => (app === undefined
        ? Promise.resolve(NOT_REVOKED_WITHOUT_APP)
        : !v4 ? Promise.resolve(NOT_REVOKED_ON_V2) : attempt(() => client.revokeRefreshKey({ ...app, refreshKey }, { signal }))));
    }
    let failure: NotRevoked | undefined;
    for (const step of steps) {
      const result = await step();
      failure ??= result;
    }
    if (failure === undefined) revokedOffices.push(officeId);
    else {
      notRevoked.push({ officeId, ...failure });
      logger.warn('auth.revoke_failed', { officeId, errorCode: failure.code });
    }
  }
  credentials.forgetAll();
  logger.info('auth.signed_out', { revoked: revokedOffices.length, notRevoked: notRevoked.length });
  return { revokedOffices, notRevoked };
}

/** One revoke: undefined when Sikka confirmed it (or, for `alreadyEnded` codes, said there was nothing left to end). */
async function attempt(revoke: () => Promise<void>, alreadyEnded: ReadonlySet<string> = new Set()): Promise<NotRevoked | undefined> {
  try {
    await revoke();
    return undefined;
  } catch (error) {
    if (error instanceof SikkaApiError && alreadyEnded.has(error.code)) return undefined;
    const { code, explanation } = error as { code?: unknown; explanation?: unknown };
    const known = typeof code === 'string' && typeof explanation === 'string';
    return { code: known ? code : 'INTERNAL_ERROR', message: known ? explanation : 'Sikka could not be told.' };
  }
}
