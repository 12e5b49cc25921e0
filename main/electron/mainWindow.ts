/**
 * The one app window: hardened web preferences, the renderer from app://, shown when ready, and
 * hidden to the tray when closed (the app keeps syncing; Quit is in the tray menu).
 */
import { APP_ORIGIN } from '../ipc/electronAdapter';
import { secureWebPreferences, type SecureWebPreferences } from '../shell/windowPreferences';

export interface WindowOptionsLike {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly show: boolean;
  readonly title: string;
  readonly backgroundColor: string;
  readonly autoHideMenuBar: boolean;
  readonly icon?: string;
  readonly webPreferences: SecureWebPreferences;
}

export interface WindowLike {
  once(event: 'ready-to-show', listener: () => void): void;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): void;
  show(): void;
  hide(): void;
  loadURL(url: string): Promise<void>;
}

export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

export function createMainWindow<W extends WindowLike>(
  create: (options: WindowOptionsLike) => W,
  options: { readonly preload: string; readonly devTools: boolean; readonly icon?: string; readonly isQuitting: () => boolean },
): W {
  const window = create({
    width: 1280,
    height: 800,
    // The smallest front-desk screens the UI is laid out for.
    minWidth: 1024,
    minHeight: 600,
    show: false,
    title: 'Practice Companion',
    backgroundColor: '#f7f9fa',
    autoHideMenuBar: true,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: secureWebPreferences(options.preload, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => { window.show(); });
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  void window.loadURL(RENDERER_URL);
  return window;
}
