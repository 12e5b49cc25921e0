/**
 * Signing out: each office's refresh token is ended at Sikka (so a copied vault is worthless),
 * then every Sikka secret is removed from this computer — also when Sikka cannot be reached,
 * because a front desk that signs out must not keep working credentials. What could not be ended
 * upstream is reported, so the app can say so and point to the Sikka portal.
 */
import type { SignOutReport } from '../../shared/domain/connection';
import { silentLogger, type Logger } from '../log/logger';
import type { SikkaClient } from '../sikka/client';
import type { Credentials } from './credentials';

/** Long enough for a slow network, short enough that signing out offline does not hang. */
export const REVOKE_TIMEOUT_MS = 20_000;

const NOT_REVOKED_WITHOUT_APP = {
  code: 'NOT_SIGNED_IN',
  message: 'The app ID and key were missing, so Sikka could not be told.',
} as const;

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
  const revokedOffices: string[] = [];
  const notRevoked: { officeId: string; code: string; message: string }[] = [];
  const signal = AbortSignal.any([options.signal ?? new AbortController().signal, AbortSignal.timeout(options.revokeTimeoutMs ?? REVOKE_TIMEOUT_MS)]);

  for (const officeId of credentials.officesWithRefreshTokens()) {
    const refreshToken = credentials.refreshToken(officeId);
    if (refreshToken === undefined) continue;
    if (app === undefined) {
      notRevoked.push({ officeId, ...NOT_REVOKED_WITHOUT_APP });
      continue;
    }
    try {
      await client.revokeRefreshToken({ clientId: app.appId, clientSecret: app.appKey, refreshToken }, { signal });
      revokedOffices.push(officeId);
    } catch (error) {
      const { code, explanation } = error as { code?: unknown; explanation?: unknown };
      const known = typeof code === 'string' && typeof explanation === 'string';
      notRevoked.push({ officeId, code: known ? code : 'INTERNAL_ERROR', message: known ? explanation : 'Sikka could not be told.' });
      logger.warn('auth.revoke_failed', { officeId, errorCode: known ? code : 'unknown' });
    }
  }
  credentials.forgetAll();
  logger.info('auth.signed_out', { revoked: revokedOffices.length, notRevoked: notRevoked.length });
  return { revokedOffices, notRevoked };
}
