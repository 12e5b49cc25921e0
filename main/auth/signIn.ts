/**
 * "Sign in with Sikka": the v2 guide's authorization-code flow done as RFC 8252 asks of native
 * apps. The system browser opens Sikka's sign-in page (never a window of our own, where the app
 * could read the practice's password), Sikka redirects to a one-time loopback listener, and the
 * code is exchanged for the office's request key and refresh token, which go to the vault.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SignedInOffice } from '../../shared/domain/connection';
import { silentLogger, type Logger } from '../log/logger';
import type { SikkaClient } from '../sikka/client';
import type { TokenSet } from '../sikka/oauth';
import type { AppCredentialsPair, Credentials } from './credentials';
import { AuthError } from './errors';
import { listenForCallback } from './loopback';

/** Opens a URL in the system browser: Electron's shell.openExternal, or the CLI's opener. */
export type OpenExternal = (url: string) => Promise<void> | void;

export interface SignInWithSikkaOptions {
  readonly client: SikkaClient;
  readonly credentials: Credentials;
  /** The app ID and key: OAuth's client ID and secret (v2 guide, step 3). */
  readonly app: AppCredentialsPair;
  /** Opens the sign-in page in the system browser; without it, only `onAuthorizationUrl` hears of it. */
  readonly openExternal?: OpenExternal | undefined;
  /** Hears the sign-in link, to show or print it (e.g. for a browser on another screen). */
  readonly onAuthorizationUrl?: ((url: string) => void) | undefined;
  /** Asks Sikka's page for this office (the sandbox honours it; Sikka lets the user pick). */
  readonly officeId?: string | undefined;
  /** How long to wait for the browser; 5 minutes by default. */
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly random?: ((size: number) => Buffer) | undefined;
  readonly logger?: Logger | undefined;
}

/** 256 bits, base64url: for `state` (RFC 6749 §10.10 asks for at least 128) and the PKCE verifier. */
const SECRET_BYTES = 32;

/**
 * Checks the app ID and key, runs the browser sign-in and stores the app ID and key, the
 * office's refresh token and its first request key. Nothing is stored unless every step
 * succeeded. Fails with AuthError (denied, failed, timed out, cancelled, browser not opened,
 * unexpected answer) or the client's SikkaApiError (e.g. API2003 for a wrong app ID or key).
 */
export async function signInWithSikka(options: SignInWithSikkaOptions): Promise<SignedInOffice> {
  const { client, app } = options;
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? randomBytes;
  if (options.openExternal === undefined && options.onAuthorizationUrl === undefined) {
    throw new RangeError('Signing in needs a browser to open or a place to show the sign-in link.');
  }
  const state = random(SECRET_BYTES).toString('base64url');
  // PKCE (RFC 7636): harmless where the server ignores it. The client's code exchange takes no
  // verifier yet, so only the challenge is sent; the loopback state guards the redirect meanwhile.
  const verifier = random(SECRET_BYTES).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');

  // A wrong app ID or key fails here at once (API2003), not after minutes in the browser.
  await client.authorizedPractices(app, { signal: options.signal });
  const listener = await listenForCallback({ state, timeoutMs: options.timeoutMs, signal: options.signal, logger });
  try {
    const url = client.authorizationUrl({
      clientId: app.appId,
      redirectUri: listener.redirectUri,
      state,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      extraParams: options.officeId === undefined ? undefined : { office_id: options.officeId },
    });
    // Only a web page may be handed to the operating system's opener.
    if (!/^https?:$/.test(new URL(url).protocol)) throw new RangeError('The Sikka sign-in address must use http or https.');
    logger.info('auth.sign_in_started', { redirectPort: Number(new URL(listener.redirectUri).port) });
    options.onAuthorizationUrl?.(url);
    if (options.openExternal !== undefined) await openBrowser(options.openExternal, url, options.onAuthorizationUrl !== undefined, logger);

    const code = await listener.code;
    const tokens = await client.exchangeCode({ clientId: app.appId, clientSecret: app.appKey, code, redirectUri: listener.redirectUri }, { signal: options.signal });
    const officeId = tokens.issuedTo ?? await officeOfRequestKey(client, tokens.requestKey, options.signal, logger);
    if (officeId === undefined || tokens.refreshToken === undefined) {
      logger.warn('auth.sign_in_unexpected_answer', { hasOffice: officeId !== undefined, hasRefreshToken: tokens.refreshToken !== undefined });
      await revokeQuietly(client, app, tokens.refreshToken, logger);
      throw new AuthError('SIGN_IN_UNEXPECTED_ANSWER');
    }
    await keep(options, officeId, tokens, tokens.refreshToken, logger);
    logger.info('auth.signed_in', { officeId });
    return { officeId, keyExpiresAt: tokens.expiresAt ?? null };
  } finally {
    listener.close();
  }
}

/**
 * Which office a request key reads, from `request_key_info`: the fallback when a token answer has
 * no `issued_to` (the v2 guide's sample has none). Any failure is "unknown", and the sign-in then
 * stops with SIGN_IN_UNEXPECTED_ANSWER rather than guess an office.
 */
async function officeOfRequestKey(client: SikkaClient, requestKey: string, signal: AbortSignal | undefined, logger: Logger): Promise<string | undefined> {
  try {
    return (await client.requestKeyInfo(requestKey, { signal })).issuedTo;
  } catch (error) {
    logger.warn('auth.request_key_info_failed', { errorCode: typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'unknown' });
    return undefined;
  }
}

async function openBrowser(openExternal: OpenExternal, url: string, linkShown: boolean, logger: Logger): Promise<void> {
  try {
    await openExternal(url);
  } catch (error) {
    logger.warn('auth.browser_not_opened', { errorName: error instanceof Error ? error.name : typeof error });
    // Someone can still open the link that was shown; otherwise nobody ever will.
    if (!linkShown) throw new AuthError('BROWSER_NOT_OPENED');
  }
}

/** Stores the sign-in; a refresh token this office had before is replaced, and ended at Sikka. */
async function keep(options: SignInWithSikkaOptions, officeId: string, tokens: TokenSet, refreshToken: string, logger: Logger): Promise<void> {
  const { credentials, app } = options;
  const previous = credentials.refreshToken(officeId);
  credentials.saveApp(app);
  credentials.saveRefreshToken(officeId, refreshToken);
  credentials.saveRequestKey(officeId, { requestKey: tokens.requestKey, expiresAt: tokens.expiresAt });
  if (previous !== undefined && previous !== refreshToken) await revokeQuietly(options.client, app, previous, logger);
}

/** Ends a refresh token at Sikka when possible; a token we cannot end is only logged (by office count, never value). */
async function revokeQuietly(client: SikkaClient, app: AppCredentialsPair, refreshToken: string | undefined, logger: Logger): Promise<void> {
  if (refreshToken === undefined) return;
  try {
    await client.revokeRefreshToken({ clientId: app.appId, clientSecret: app.appKey, refreshToken }, { signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    logger.warn('auth.revoke_failed', { errorCode: typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'unknown' });
  }
}
