/**
 * Electron's ipcMain in front of the router. Electron objects are described structurally so this
 * runs, and is tested, under plain Node with fakes; main/electron passes the real ones.
 *
 * Every message is checked before its arguments are even parsed: it must come from the main frame
 * (not an iframe) of a window this app created, showing the app's own `app://` origin.
 */
import { eventChannelName, invokeChannelName } from '../../shared/ipc/define';
import type { Result } from '../../shared/result';
import type { Logger } from '../log/logger';
import type { Router } from './router';

export interface FrameLike {
  readonly url: string;
}
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}
export interface InvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, args: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export const APP_SCHEME = 'app';
export const APP_HOST = 'companion';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { code: 'UNTRUSTED_SENDER', message: 'This request did not come from Practice Companion\u2019s own window.' },
};

/** `new URL('app://companion/…').origin` is "null" for custom schemes, so compare the parts. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export interface ElectronIpc {
  /** Lets a window's messages through; call it for each window the app creates. */
  trust(contents: WebContentsLike): void;
  /** Sends an event to every trusted window still open. */
  broadcast(event: string, payload: unknown): void;
  dispose(): void;
}

export function registerIpc(ipcMain: IpcMainLike, router: Router, logger: Logger): ElectronIpc {
  const trusted = new Map<number, WebContentsLike>();

  const isTrusted = (event: InvokeEventLike): boolean => {
    const frame = event.senderFrame;
    return (
      frame !== null &&
      trusted.get(event.sender.id) === event.sender &&
      frame === event.sender.mainFrame &&
      isAppUrl(frame.url)
    );
  };

  for (const channel of router.channels) {
    ipcMain.handle(invokeChannelName(channel), async (event, args) => {
      if (!isTrusted(event)) {
        logger.warn('ipc.untrusted_sender', { channel });
        return UNTRUSTED_SENDER;
      }
      return router.invoke(channel, args, { via: 'electron' });
    });
  }

  return {
    trust(contents) {
      trusted.set(contents.id, contents);
    },
    broadcast(event, payload) {
      for (const [id, contents] of trusted) {
        if (contents.isDestroyed()) trusted.delete(id);
        else contents.send(eventChannelName(event), payload);
      }
    },
    dispose() {
      for (const channel of router.channels) ipcMain.removeHandler(invokeChannelName(channel));
      trusted.clear();
    },
  };
}
