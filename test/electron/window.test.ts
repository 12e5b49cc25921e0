import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../main/electron/appProtocol';
import { createMainWindow, RENDERER_URL, type WindowLike, type WindowOptionsLike } from '../../main/electron/mainWindow';

function fakeWindow() {
  const calls: string[] = [];
  let onClose: ((event: { preventDefault(): void }) => void) | undefined;
  let ready: (() => void) | undefined;
  const window: WindowLike = {
    once: (_event, listener) => { ready = listener; },
    on: (_event, listener) => { onClose = listener; },
    show: () => { calls.push('show'); },
    hide: () => { calls.push('hide'); },
    loadURL: (url) => { calls.push(`load ${url}`); return Promise.resolve(); },
  };
  const close = () => {
    let prevented = false;
    onClose?.({ preventDefault: () => { prevented = true; } });
    return prevented;
  };
  return { window, calls, close, ready: () => ready?.() };
}

describe('main window', () => {
  function setup(quitting = false) {
    const fake = fakeWindow();
    let options: WindowOptionsLike | undefined;
    createMainWindow((given) => { options = given; return fake.window; }, { preload: '/app/out/preload/index.cjs', devTools: false, isQuitting: () => quitting });
    if (options === undefined) throw new Error('window not created');
    return { ...fake, options };
  }

  it('is created with every web preference of the security checklist', () => {
    const { options } = setup();
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect([options.minWidth, options.minHeight]).toEqual([1024, 600]);
  });

  it('loads the renderer from app://, never file://, and shows it when ready', () => {
    const { calls, ready } = setup();
    expect(RENDERER_URL).toBe('app://companion/index.html');
    ready();
    expect(calls).toEqual([`load ${RENDERER_URL}`, 'show']);
  });

  it('hides to the tray when closed, and closes for real when quitting', () => {
    const open = setup(false);
    expect(open.close()).toBe(true);
    expect(open.calls).toContain('hide');
    const quitting = setup(true);
    expect(quitting.close()).toBe(false);
    expect(quitting.calls).not.toContain('hide');
  });
});

describe('app:// protocol', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-protocol-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PC</title>');
  });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('serves the renderer with its CSP', async () => {
    const response = await createAppProtocolHandler(dir)({ url: 'app://companion/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<title>PC</title>');
  });

  it('refuses other hosts, other methods and paths outside the renderer', async () => {
    const handle = createAppProtocolHandler(dir);
    expect((await handle({ url: 'app://other/index.html', method: 'GET' })).status).toBe(405);
    expect((await handle({ url: 'app://companion/index.html', method: 'POST' })).status).toBe(405);
    expect((await handle({ url: 'app://companion/../../etc/passwd', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://companion/%2e%2e/secret.js', method: 'GET' })).status).toBe(404);
  });
});
