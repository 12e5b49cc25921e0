/**
 * Where an office's request keys come from, wired to the vault: an office signed in with Sikka
 * renews its key with its refresh token (on either API version: sign-in exists only as v2's
 * `/v2/token`, see SikkaClient.refreshTokenSource); an office added by app key with `start` and
 * its secret key on v2, and on v4 with the refresh_key grant, falling back to the request_key
 * grant with its secret key. The client's KeyKeeper decides when (before the 24-hour expiry, and
 * on API1025); this keeps every new key, any refresh token Sikka rotates and every v4 refresh
 * key Sikka issues, so the next run starts from them.
 */
import { silentLogger, type Logger } from '../log/logger';
import type { RequestKey, RequestKeySource } from '../sikka/keys';
import type { SikkaClient } from '../sikka/client';
import type { Credentials } from './credentials';
import { AuthError } from './errors';

export interface OfficeKeySourceOptions {
  readonly client: SikkaClient;
  readonly credentials: Credentials;
  readonly officeId: string;
  /** The office's `secret_key` from authorized_practices, for offices without a refresh token (on v4, the fallback of a refused refresh key). */
  readonly secretKey?: string | undefined;
  readonly logger?: Logger | undefined;
}

/** Throws AuthError NOT_SIGNED_IN when neither a refresh token, a v4 refresh key nor a secret key can get keys. */
export function officeKeySource(options: OfficeKeySourceOptions): RequestKeySource {
  const { client, credentials, officeId } = options;
  const logger = options.logger ?? silentLogger;
  const app = credentials.app();
  if (app === undefined) throw new AuthError('NOT_SIGNED_IN');
  const refreshToken = credentials.refreshToken(officeId);

  const keep = (key: RequestKey): void => {
    // Signed out meanwhile (a sync still finishing): do not bring a secret back.
    if (credentials.app() === undefined || (refreshToken !== undefined && credentials.refreshToken(officeId) === undefined)) return;
    try {
      credentials.saveRequestKey(officeId, key);
    } catch (error) {
      // Only a saving: the key works for this run, and the next run asks for a new one.
      logger.warn('auth.request_key_not_kept', { officeId, errorName: error instanceof Error ? error.name : typeof error });
    }
  };
  const kept = { initialKey: credentials.requestKey(officeId), onKeyIssued: keep };

  if (refreshToken !== undefined) {
    return client.refreshTokenSource(
      { clientId: app.appId, clientSecret: app.appKey, refreshToken, officeId },
      {
        ...kept,
        onTokens: (tokens) => {
          const stored = credentials.refreshToken(officeId);
          if (tokens.refreshToken !== undefined && stored !== undefined && tokens.refreshToken !== stored) {
            credentials.saveRefreshToken(officeId, tokens.refreshToken);
            logger.info('auth.refresh_token_rotated', { officeId });
          }
        },
      },
    );
  }
  if (client.apiVersion === 'v4') {
    const refreshKey = credentials.refreshKey(officeId);
    if (refreshKey === undefined && options.secretKey === undefined) throw new AuthError('NOT_SIGNED_IN');
    return client.refreshKeySource(
      { appId: app.appId, appKey: app.appKey, officeId, refreshKey, secretKey: options.secretKey },
      {
        ...kept,
        onRefreshKey: (issued) => {
          // Signed out meanwhile: do not bring a secret back.
          if (credentials.app() !== undefined) keepRefreshKey(credentials, officeId, issued, logger);
        },
      },
    );
  }
  if (options.secretKey !== undefined) {
    return client.appKeySource({ appId: app.appId, appKey: app.appKey, officeId, secretKey: options.secretKey }, kept);
  }
  throw new AuthError('NOT_SIGNED_IN');
}

/** Keeps a v4 refresh key for the next run, so its keys come from the refresh_key grant rather than the secret key. */
export function keepRefreshKey(credentials: Credentials, officeId: string, refreshKey: string, logger: Logger = silentLogger): void {
  try {
    credentials.saveRefreshKey(officeId, refreshKey);
    logger.info('auth.refresh_key_kept', { officeId });
  } catch (error) {
    // Only a saving: the next run falls back to the secret key, whose grant comes with a refresh key too.
    logger.warn('auth.refresh_key_not_kept', { officeId, errorName: error instanceof Error ? error.name : typeof error });
  }
}
