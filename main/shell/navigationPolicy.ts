/**
 * Where the app's windows may go. The renderer shows only the app itself; a link to Sikka's
 * portal or support opens in the system browser; everything else goes nowhere. Kept apart from
 * the Electron wiring so each decision is tested as plain logic.
 */
import { isAppUrl } from '../ipc/electronAdapter';

/** Hosts whose https pages staff may be sent to (in the system browser, never inside the app). */
export const EXTERNAL_HOSTS: readonly string[] = ['sikkasoft.com', 'api.sikkasoft.com', 'store.sikkasoft.com', 'support.sikkasoft.com'];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.port === '' && EXTERNAL_HOSTS.includes(parsed.hostname);
}

export type NavigationDecision = { readonly allow: true } | { readonly allow: false; readonly openExternally: boolean };

/**
 * A window navigating (a link click, a form, script): staying inside the app's own origin is
 * fine (the renderer routes in the fragment); an allowlisted https page opens outside; the rest
 * is dropped.
 */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return { allow: true };
  return { allow: false, openExternally: isAllowedExternalUrl(url) };
}

/** New windows are never created; an allowlisted link goes to the system browser instead. */
export function decideNewWindow(url: string): { readonly openExternally: boolean } {
  return { openExternally: isAllowedExternalUrl(url) };
}
