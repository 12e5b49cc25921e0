/**
 * How the renderer reaches the main process: the preload's `window.companion` inside the app,
 * or — in the browser harness — the same API over the loopback bridge, using the token from the
 * URL fragment. The token is kept in sessionStorage for reloads of this tab only, and removed
 * from the address bar so it is not left on screen.
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
