import { findErrorBody, isRecord } from './envelope';
import { transportError, type SikkaApiError } from './errors';
import { parseExpiresIn, type RequestKey } from './keys';

/** Keys last 24 hours (guide: "Access tokens/request_keys expire 24 hours after they are issued"). */
export const DEFAULT_KEY_LIFETIME_MS = 86_400_000;

export interface AuthorizationUrlOptions {
  readonly clientId: string;
  /** Optional in the guide; without it Sikka uses the app's registered callback. */
  readonly redirectUri?: string | undefined;
  /** Default "*", as in the guide's example link. */
  readonly scope?: string | undefined;
  /** The anti-forgery value the callback must return unchanged. */
  readonly state?: string | undefined;
  /** PKCE (RFC 7636), sent as extra parameters where the server supports them. */
  readonly codeChallenge?: string | undefined;
  readonly codeChallengeMethod?: 'S256' | 'plain' | undefined;
  /** Any other parameter the sign-in page takes (e.g. office_id). */
  readonly extraParams?: Readonly<Record<string, string>> | undefined;
}

/** The browser link of step 1 of the guide's OAuth flow. */
export function buildAuthorizationUrl(authorizeUrl: string, options: AuthorizationUrlOptions): string {
  const url = new URL(authorizeUrl);
  const params = url.searchParams;
  params.set('response_type', 'code');
  params.set('client_id', options.clientId);
  if (options.redirectUri !== undefined) params.set('redirect_uri', options.redirectUri);
  params.set('scope', options.scope ?? '*');
  if (options.state !== undefined) params.set('state', options.state);
  if (options.codeChallenge !== undefined) {
    params.set('code_challenge', options.codeChallenge);
    params.set('code_challenge_method', options.codeChallengeMethod ?? 'S256');
  }
  for (const [name, value] of Object.entries(options.extraParams ?? {})) {
    if (params.has(name)) throw new RangeError(`The sign-in parameter ${name} is set by its own option.`);
    params.set(name, value);
  }
  return url.toString();
}

/** What `POST /v2/token` gives: the request key (= access token) and the refresh token. */
export interface TokenSet extends RequestKey {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly tokenType: string | undefined;
  readonly scope: string | undefined;
  /** The office the key reads (the sandbox and v4 say so; v2's guide does not). */
  readonly issuedTo: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads a token answer; a missing key is a malformed answer, not an empty success. */
export function readTokenSet(value: unknown, now: number): TokenSet | SikkaApiError {
  const body = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
  if (!isRecord(body) || findErrorBody(body) !== undefined) return transportError('MALFORMED_RESPONSE', 'Sikka\u2019s token answer has no request key.');
  const requestKey = text(body['request_key']) ?? text(body['access_token']);
  if (requestKey === undefined) return transportError('MALFORMED_RESPONSE', 'Sikka\u2019s token answer has no request key.');
  return {
    requestKey,
    accessToken: text(body['access_token']) ?? requestKey,
    expiresAt: now + (parseExpiresIn(body['expires_in']) ?? DEFAULT_KEY_LIFETIME_MS),
    refreshToken: text(body['refresh_token']),
    tokenType: text(body['token_type']),
    scope: text(body['scope']),
    issuedTo: text(body['issued_to']),
  };
}

/** Reads the app-key `start` answer (`[{"request_key": …, "expires_in": "24 hours"}]`). */
export function readStartKey(value: unknown, now: number): RequestKey | SikkaApiError {
  const body = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
  const requestKey = isRecord(body) ? text(body['request_key']) : undefined;
  if (!isRecord(body) || requestKey === undefined) return transportError('MALFORMED_RESPONSE', 'Sikka\u2019s start answer has no request key.');
  return { requestKey, expiresAt: now + (parseExpiresIn(body['expires_in']) ?? DEFAULT_KEY_LIFETIME_MS) };
}
