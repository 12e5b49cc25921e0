import { describe, expect, it } from 'vitest';
import { hardenSession, hardenWebContents, type HardenableContents, type NavigationEventLike } from '../../main/electron/hardening';

type Listener = (event: NavigationEventLike) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    on: (event: string, listener: Listener) => { listeners.set(event, listener); },
    setWindowOpenHandler: (handler) => { openHandler = handler; },
  };
  const fire = (name: string, url: string) => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => { prevented = true; } });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) };
}

function setup() {
  const fake = fakeContents();
  const opened: string[] = [];
  hardenWebContents(fake.contents, (url) => opened.push(url));
  return { ...fake, opened };
}

describe('hardening of web contents', () => {
  it('lets the app navigate within app://', () => {
    const { fire, opened } = setup();
    expect(fire('will-navigate', 'app://companion/index.html#/schedule')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('stops navigation elsewhere, in every frame and on redirects', () => {
    const { fire, opened } = setup();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fire(event, 'https://evil.example/phish')).toBe(true);
      expect(fire(event, 'file:///etc/passwd')).toBe(true);
    }
    expect(opened).toEqual([]);
  });

  it('sends an allowlisted link to the system browser instead of navigating', () => {
    const { fire, opened } = setup();
    expect(fire('will-navigate', 'https://api.sikkasoft.com/portal/')).toBe(true);
    expect(opened).toEqual(['https://api.sikkasoft.com/portal/']);
  });

  it('denies every new window, opening only allowlisted links outside', () => {
    const { open, opened } = setup();
    expect(open('https://sikkasoft.com/support')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://sikkasoft.com/support']);
  });

  it('never attaches a webview', () => {
    const { fire } = setup();
    expect(fire('will-attach-webview', 'about:blank')).toBe(true);
  });
});

describe('hardening of the session', () => {
  it('refuses every permission request and check', () => {
    const answers: boolean[] = [];
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    hardenSession({
      setPermissionRequestHandler: (handler) => {
        for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) handler({}, permission, (granted) => answers.push(granted));
      },
      setPermissionCheckHandler: (handler) => { check = handler; },
      setDevicePermissionHandler: (handler) => { device = handler; },
    });
    expect(answers).toEqual([false, false, false, false, false]);
    expect(check?.()).toBe(false);
    expect(device?.()).toBe(false);
  });
});
