/**
 * Electron's security checklist applied to every web contents and the session, over injected
 * Electron objects (fakes in tests): navigation and new windows go through the navigation policy,
 * webviews are never attached, and every permission (camera, notifications, geolocation, …) is
 * refused because a front-desk lookup app needs none.
 */
import { decideNavigation, decideNewWindow } from '../shell/navigationPolicy';

interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEventLike extends PreventableEvent {
  readonly url: string;
}

export interface HardenableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEventLike) => void): void;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardenableSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export function hardenWebContents(contents: HardenableContents, openExternal: (url: string) => void): void {
  const guard = (event: NavigationEventLike): void => {
    const decision = decideNavigation(event.url);
    if (decision.allow) return;
    event.preventDefault();
    if (decision.openExternally) openExternal(event.url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => { event.preventDefault(); });
  contents.setWindowOpenHandler(({ url }) => {
    if (decideNewWindow(url).openExternally) openExternal(url);
    return { action: 'deny' };
  });
}

export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => { callback(false); });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
