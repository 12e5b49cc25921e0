/**
 * The preload: `window.companion`, built from the IPC contract, is all the renderer can reach.
 * No ipcRenderer, no Electron event objects and no Node cross the bridge — only the contract's
 * methods (which answer Results) and event subscriptions that return their own unsubscribe.
 * Bundled into one CommonJS file: a sandboxed preload can require nothing but electron.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { COMPANION_CONTRACT, COMPANION_EVENTS } from '../shared/ipc/contract';
import { createCompanionApi, eventChannelName, invokeChannelName } from '../shared/ipc/define';
import type { Result } from '../shared/result';

const api = createCompanionApi(COMPANION_CONTRACT, COMPANION_EVENTS, {
  invoke: (channel, args) => ipcRenderer.invoke(invokeChannelName(channel), args) as Promise<Result<unknown>>,
  subscribe: (event, listener) => {
    const forward = (_event: unknown, payload: unknown): void => { listener(payload); };
    ipcRenderer.on(eventChannelName(event), forward);
    return () => { ipcRenderer.removeListener(eventChannelName(event), forward); };
  },
});

contextBridge.exposeInMainWorld('companion', api);
