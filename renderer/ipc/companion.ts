/**
 * How the renderer reaches the main process: the preload's `window.companion` inside the app,
 * or — in the browser harness — the same API over the loopback bridge, using the token from the
 * URL fragment. The token is kept in sessionStorage for reloads of this tab only, and removed
 * from the address bar so it is not left on screen. A phone client may open the harness with a
 * caller (`#token=…&caller=NUMBER`); that too leaves the address at once.
 */
import { COMPANION_CONTRACT, COMPANION_EVENTS, type CompanionApi } from '../../shared/ipc/contract';
import { createCompanionApi } from '../../shared/ipc/define';
import { createHttpTransport, tokenFromFragment } from './httpTransport';

declare global {
  interface Window {
    readonly companion?: CompanionApi;
  }
}

const TOKEN_KEY = 'companion.bridgeToken';
/** No phone number is longer; the main process reads what is passed as a phone number or looks nothing up. */
const MAX_CALLER_CHARS = 64;

/**
 * The caller named in the address, taken out of it. Read before `connectCompanion`, which clears
 * the fragment. A leading + is kept (URLSearchParams would read it as a space).
 */
export function takeCallerFromAddress(win: Window = window): string | undefined {
  const parts = win.location.hash.replace(/^#/, '').split('&');
  const index = parts.findIndex((part) => part.startsWith('caller='));
  if (index === -1) return undefined;
  const raw = parts[index]?.slice('caller='.length) ?? '';
  parts.splice(index, 1);
  const rest = parts.join('&');
  win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}${rest === '' ? '' : `#${rest}`}`);
  try {
    const caller = decodeURIComponent(raw);
    return caller.length <= MAX_CALLER_CHARS ? caller : undefined;
  } catch {
    return undefined;
  }
}

export function connectCompanion(win: Window = window): CompanionApi | undefined {
  if (win.companion !== undefined) return win.companion;
  const fromUrl = tokenFromFragment(win.location.hash);
  if (fromUrl !== undefined) {
    win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}`);
  }
  const token = fromUrl ?? win.sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  if (token === undefined) return undefined;
  return createCompanionApi(COMPANION_CONTRACT, COMPANION_EVENTS, createHttpTransport(win.location.origin, token));
}
