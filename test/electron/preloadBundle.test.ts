/**
 * The built preload, as Electron would load it in a sandboxed renderer: one CommonJS file whose
 * only require is 'electron', exposing exactly the contract's methods plus `on` — and never
 * ipcRenderer or an Electron event object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANION_CONTRACT, COMPANION_EVENTS } from '../../shared/ipc/contract';

let outDir: string;
let code: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pc-preload-'));
  const resolved = await resolveConfig({ configFile: resolve('electron.vite.config.ts'), logLevel: 'warn' }, 'build', 'production');
  const preload = resolved.config?.preload;
  if (preload === undefined) throw new Error('electron.vite.config.ts has no preload build');
  await build({ ...preload, configFile: false, logLevel: 'warn', build: { ...preload.build, outDir } });
  code = readFileSync(join(outDir, 'index.cjs'), 'utf8');
}, 120_000);

afterAll(() => { rmSync(outDir, { recursive: true, force: true }); });

function load() {
  const required: string[] = [];
  const exposed = new Map<string, unknown>();
  const sent: [string, unknown][] = [];
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed.set(name, api); } },
    ipcRenderer: {
      invoke: (channel: string, args: unknown) => { sent.push([channel, args]); return Promise.resolve({ ok: true, value: channel }); },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => { listeners.set(channel, [...(listeners.get(channel) ?? []), listener]); },
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => { listeners.set(channel, (listeners.get(channel) ?? []).filter((each) => each !== listener)); },
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`the preload required ${name}`);
      return electron;
    },
  });
  return { required, exposed, sent, listeners };
}

describe('built preload', () => {
  it('is one CommonJS file with no import statements', () => {
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\(/);
  });

  it('requires nothing but electron', () => {
    expect(new Set(load().required)).toEqual(new Set(['electron']));
  });

  it('exposes window.companion with exactly the contract\u2019s methods and on', () => {
    const api = load().exposed.get('companion') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(COMPANION_CONTRACT), 'on'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('invokes namespaced channels and answers their Results', async () => {
    const { exposed, sent } = load();
    const api = exposed.get('companion') as { searchPatients(args: unknown): Promise<unknown> };
    expect(await api.searchPatients({ text: 'ann' })).toEqual({ ok: true, value: 'companion:searchPatients' });
    expect(sent).toEqual([['companion:searchPatients', { text: 'ann' }]]);
  });

  it('delivers event payloads without Electron\u2019s event object, and unsubscribes', () => {
    const { exposed, listeners } = load();
    const api = exposed.get('companion') as { on(event: string, listener: (payload: unknown) => void): () => void };
    const received: unknown[] = [];
    const stop = api.on('online', (payload) => received.push(payload));
    for (const listener of listeners.get('companion-event:online') ?? []) listener({ sender: 'electron internals' }, { online: false });
    stop();
    expect(received).toEqual([{ online: false }]);
    expect(listeners.get('companion-event:online')).toEqual([]);
    expect(() => api.on('notAnEvent', () => undefined)).toThrow();
    expect(Object.keys(COMPANION_EVENTS)).toContain('online');
  });
});
