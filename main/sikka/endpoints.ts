/** Sikka's production host; every address below can be replaced (sandbox, tests, another region). */
export const SIKKA_PRODUCTION_ORIGIN = 'https://api.sikkasoft.com';

/** The two Sikka APIs the client speaks; a connection uses one of them for its data calls. */
export type SikkaApiVersion = 'v2' | 'v4';

export const SIKKA_API_VERSIONS: readonly SikkaApiVersion[] = ['v2', 'v4'];

export interface SikkaEndpoints {
  /** Data calls live here: `{apiBaseUrl}/patients` (`/v2` or `/v4`). */
  readonly apiBaseUrl: string;
  /** `{authBaseUrl}/authorized_practices` (`/auth/v2`, or `/v4` itself). */
  readonly authBaseUrl: string;
  /** v2 app-key flow: request key for one office. */
  readonly startUrl: string;
  /** v4: `POST` the request_key and refresh_key grants, `DELETE` a request key. */
  readonly requestKeyUrl: string;
  /** v4: `DELETE` a refresh key. */
  readonly refreshKeyUrl: string;
  /** What Sikka knows of a request key: `{apiBaseUrl}/request_key_info`. */
  readonly requestKeyInfoUrl: string;
  /** OAuth: code exchange and refresh (POST, JSON body). */
  readonly tokenUrl: string;
  /** OAuth: `DELETE {revokeUrl}/{refresh_token}?client_id=&client_secret=`. */
  readonly revokeUrl: string;
  /** OAuth: where the browser signs in and allows access. */
  readonly authorizeUrl: string;
}

/**
 * The addresses under one origin, as the v2 guide and the v4 collection lay them out, with any of
 * them overridden. Sign-in with Sikka (OAuth) exists only in the v2 guide, so its addresses stay
 * under `/v2` for a v4 connection too.
 */
export function sikkaEndpoints(origin: string = SIKKA_PRODUCTION_ORIGIN, overrides: Partial<SikkaEndpoints> = {}, apiVersion: SikkaApiVersion = 'v2'): SikkaEndpoints {
  const base = origin.replace(/\/+$/, '');
  const apiBaseUrl = trimSlash(overrides.apiBaseUrl ?? `${base}/${apiVersion}`);
  // v2's auth calls follow its data base (the existing override contract); v4 has no OAuth of its own.
  const v2Base = apiVersion === 'v2' ? apiBaseUrl : `${base}/v2`;
  return {
    apiBaseUrl,
    authBaseUrl: trimSlash(overrides.authBaseUrl ?? (apiVersion === 'v2' ? `${base}/auth/v2` : apiBaseUrl)),
    startUrl: overrides.startUrl ?? `${v2Base}/start`,
    requestKeyUrl: overrides.requestKeyUrl ?? `${apiBaseUrl}/request_key`,
    refreshKeyUrl: overrides.refreshKeyUrl ?? `${apiBaseUrl}/refresh_key`,
    requestKeyInfoUrl: overrides.requestKeyInfoUrl ?? `${apiBaseUrl}/request_key_info`,
    tokenUrl: overrides.tokenUrl ?? `${v2Base}/token`,
    revokeUrl: trimSlash(overrides.revokeUrl ?? `${v2Base}/refresh_token`),
    authorizeUrl: overrides.authorizeUrl ?? `${base}/portal/authapp.aspx`,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
