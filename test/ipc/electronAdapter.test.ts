import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log/logger';
import { registerIpc, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from '../../main/ipc/electronAdapter';
import type { Result } from '../../shared/result';
import { testRouter } from './fixtures';

type Listener = (event: InvokeEventLike, args: unknown) => Promise<Result<unknown>>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => { handlers.set(channel, listener); },
    removeHandler: (channel) => { handlers.delete(channel); },
  };
  return { ipcMain, handlers };
}

function fakeWindow(id: number, url = 'app://companion/index.html') {
  const sent: [string, unknown][] = [];
  let destroyed = false;
  const contents: WebContentsLike & { destroy(): void } = {
    id,
    mainFrame: { url },
    isDestroyed: () => destroyed,
    send: (channel, payload) => { sent.push([channel, payload]); },
    destroy: () => { destroyed = true; },
  };
  return { contents, sent };
}

function setup() {
  const { ipcMain, handlers } = fakeIpcMain();
  const ipc = registerIpc(ipcMain, testRouter(), silentLogger);
  const window = fakeWindow(1);
  ipc.trust(window.contents);
  const call = (event: InvokeEventLike, args: unknown = { text: 'hi' }) => {
    const handler = handlers.get('companion:echo');
    if (!handler) throw new Error('echo not registered');
    return handler(event, args);
  };
  return { ipc, handlers, window, call };
}

describe('Electron IPC adapter', () => {
  it('registers one namespaced handler per contract channel', () => {
    expect([...setup().handlers.keys()]).toEqual(['companion:echo', 'companion:explode', 'companion:failPolitely']);
  });

  it('answers the main frame of a trusted window on the app origin', async () => {
    const { window, call } = setup();
    expect(await call({ sender: window.contents, senderFrame: window.contents.mainFrame })).toEqual({ ok: true, value: { said: 'hi' } });
  });

  it('refuses a subframe of a trusted window', async () => {
    const { window, call } = setup();
    expect(await call({ sender: window.contents, senderFrame: { url: 'app://companion/index.html' } })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('refuses a window the app did not create', async () => {
    const { call } = setup();
    const stranger = fakeWindow(2);
    expect(await call({ sender: stranger.contents, senderFrame: stranger.contents.mainFrame })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('refuses a trusted window that navigated away from the app origin', async () => {
    for (const url of ['https://evil.example/', 'file:///C:/index.html', 'app://evil/index.html', 'app://user@companion/']) {
      const { ipc, handlers } = setup();
      const moved = fakeWindow(3, url);
      ipc.trust(moved.contents);
      const handler = handlers.get('companion:echo');
      expect(await handler?.({ sender: moved.contents, senderFrame: moved.contents.mainFrame }, { text: 'hi' })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    }
  });

  it('refuses a message whose frame is gone', async () => {
    const { window, call } = setup();
    expect(await call({ sender: window.contents, senderFrame: null })).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  });

  it('validates arguments after the sender check', async () => {
    const { window, call } = setup();
    expect(await call({ sender: window.contents, senderFrame: window.contents.mainFrame }, { text: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
  });

  it('broadcasts events to trusted windows that are still open', () => {
    const { ipc, window } = setup();
    const closed = fakeWindow(4);
    ipc.trust(closed.contents);
    closed.contents.destroy();
    ipc.broadcast('tick', { n: 1 });
    expect(window.sent).toEqual([['companion-event:tick', { n: 1 }]]);
    expect(closed.sent).toEqual([]);
  });

  it('removes its handlers on dispose', () => {
    const { ipc, handlers } = setup();
    ipc.dispose();
    expect(handlers.size).toBe(0);
  });
});
