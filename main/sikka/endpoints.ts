/** Sikka's production host; every address below can be replaced (sandbox, tests, another region). */
export const SIKKA_PRODUCTION_ORIGIN = 'https://api.sikkasoft.com';

export interface SikkaEndpoints {
  /** Data calls and the v2 auth calls live here: `{apiBaseUrl}/patients`, `{apiBaseUrl}/start`. */
  readonly apiBaseUrl: string;
  /** `{authBaseUrl}/authorized_practices`. */
  readonly authBaseUrl: string;
  /** App-key flow: request key for one office. */
  readonly startUrl: string;
  /** OAuth: code exchange and refresh (POST, JSON body). */
  readonly tokenUrl: string;
  /** OAuth: `DELETE {revokeUrl}/{refresh_token}?client_id=&client_secret=`. */
  readonly revokeUrl: string;
  /** OAuth: where the browser signs in and allows access. */
  readonly authorizeUrl: string;
}

/** The addresses under one origin, as the v2 guide lays them out, with any of them overridden. */
export function sikkaEndpoints(origin: string = SIKKA_PRODUCTION_ORIGIN, overrides: Partial<SikkaEndpoints> = {}): SikkaEndpoints {
  const base = origin.replace(/\/+$/, '');
  const apiBaseUrl = trimSlash(overrides.apiBaseUrl ?? `${base}/v2`);
  return {
    apiBaseUrl,
    authBaseUrl: trimSlash(overrides.authBaseUrl ?? `${base}/auth/v2`),
    startUrl: overrides.startUrl ?? `${apiBaseUrl}/start`,
    tokenUrl: overrides.tokenUrl ?? `${apiBaseUrl}/token`,
    revokeUrl: trimSlash(overrides.revokeUrl ?? `${apiBaseUrl}/refresh_token`),
    authorizeUrl: overrides.authorizeUrl ?? `${base}/portal/authapp.aspx`,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
