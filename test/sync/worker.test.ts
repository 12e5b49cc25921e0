import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../shared/domain/sync';
import { openCache, openCacheReader, type CacheReader } from '../../main/cache';
import { openWriterConnection } from '../../main/cache/open';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { createSikkaClient, type RequestKey, type SikkaApiVersion } from '../../main/sikka';
import { liveSyncStatus } from '../../main/sync/status';
import { startSyncWorker, workerScriptUrl, type SyncWorkerHost } from '../../main/sync/workerHost';
import type { SyncWorkerConfig } from '../../main/sync/workerProtocol';
import { sandboxClock } from '../sandbox/support';
import { DENTAL, expectCacheEqualsSandbox, VERSIONS, VET } from './support';

let sandbox: Sandbox;
let dir: string;
let key: Buffer;
let host: SyncWorkerHost | undefined;
let issued: string[];
/** v4 refresh keys the host keeps, as the vault would. */
let refreshKeys: Map<string, string>;

const clock = sandboxClock();

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 9, offices: [DENTAL, VET], now: clock.now });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pc-worker-'));
  key = randomBytes(32);
  issued = [];
  refreshKeys = new Map();
  sandbox.faults.reset();
  sandbox.clearRequests();
});
afterEach(async () => {
  await host?.stop();
  host = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function config(extra: Partial<SyncWorkerConfig> = {}, version: SikkaApiVersion = 'v2'): SyncWorkerConfig {
  return {
    cacheFile: join(dir, 'cache.db'),
    databaseKey: key.toString('hex'),
    sikka: { baseUrl: sandbox.baseUrl, apiVersion: version, format: 'json' },
    app: { appId: sandbox.appId, appKey: sandbox.appKey },
    selectedOffices: null,
    requestKeys: {},
    pageSize: 200,
    ...extra,
  };
}

async function start(extra: Partial<SyncWorkerConfig> = {}, version: SikkaApiVersion = 'v2'): Promise<SyncWorkerHost> {
  // New keys are issued on this thread, as the app's main process does with the vault (v4: from the kept refresh key).
  const client = createSikkaClient({ baseUrl: sandbox.baseUrl, apiVersion: version });
  const app = { appId: sandbox.appId, appKey: sandbox.appKey };
  host = await startSyncWorker({
    script: workerScriptUrl(),
    config: config(extra, version),
    keySourceFor: ({ officeId, secretKey }) => {
      issued.push(officeId);
      if (version === 'v2') return client.appKeySource({ ...app, officeId, secretKey });
      return client.refreshKeySource({ ...app, officeId, secretKey, refreshKey: refreshKeys.get(officeId) }, { onRefreshKey: (refreshKey) => { refreshKeys.set(officeId, refreshKey); } });
    },
  });
  return host;
}

function reader(): CacheReader {
  return openCacheReader({ file: join(dir, 'cache.db'), key });
}

describe.each(VERSIONS)('the sync worker on %s', (version) => {
  it('syncs in its own thread; the main thread reads the result', async () => {
    const worker = await start({}, version);
    const summary = await worker.run();
    expect(summary.offices.map((office) => office.outcome)).toEqual(['synced', 'synced']);
    const cache = openCache({ file: join(dir, 'cache.db'), key });
    try {
      expectCacheEqualsSandbox(cache, sandbox, [DENTAL, VET], version);
    } finally {
      cache.close();
    }
  });

  it('asks the host for each office\u2019s key once and reuses it', async () => {
    const worker = await start({}, version);
    await worker.run();
    clock.later();
    sandbox.mutate(DENTAL.officeId, { add: 1 });
    await worker.run();
    expect(issued.sort()).toEqual([DENTAL.officeId, VET.officeId]);
  });

  it('reads changes from practice_events when its config says so', async () => {
    const worker = await start({ changeSource: 'practiceEvents' }, version);
    await worker.run();
    sandbox.clearRequests();
    clock.later();
    sandbox.mutate(DENTAL.officeId, { add: 2, edit: 2, delete: 1 });
    const summary = await worker.run();
    expect(summary.offices.map((office) => office.outcome).sort()).toEqual(['synced', 'unchanged']);
    expect(sandbox.requests.filter((request) => request.officeId === DENTAL.officeId && request.resource !== undefined).map((request) => request.path)).toEqual(Array.from({ length: 5 }, () => `/${version}/practice_events`));
    const cache = openCache({ file: join(dir, 'cache.db'), key });
    try {
      expectCacheEqualsSandbox(cache, sandbox, [DENTAL, VET], version);
    } finally {
      cache.close();
    }
  });
});

describe('the sync worker', () => {

  it('keeps the main thread responsive while it writes: reads never wait for a page', async () => {
    sandbox.faults.latencyMs = 10;
    // Every run a full reconcile, so the measured run writes every page again.
    const worker = await start({ reconcileEveryMs: 0 });
    const first = await worker.run({ nextRunAt: null });
    expect(first.error).toBeNull();
    const view = reader();
    try {
      // The reconcile goes over every row while the main thread keeps searching.
      sandbox.clearRequests();
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const running = worker.run();
      const state = { finished: false };
      void running.then(() => { state.finished = true; });
      const latencies: number[] = [];
      while (!state.finished) {
        const started = performance.now();
        view.searchPatients({ text: 'sm' });
        view.daySchedule(DENTAL.officeId, '2026-03-11', 'provider');
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      delay.disable();
      expect(latencies.length).toBeGreaterThan(5);
      // Generous bounds for a loaded two-core machine; a page write on this thread would take far longer.
      expect(Math.max(...latencies)).toBeLessThan(250);
      expect(delay.max / 1e6).toBeLessThan(250);
    } finally {
      view.close();
    }
  });

  it('sends typed events and shows the offices being synced', async () => {
    const worker = await start();
    const events: SyncEvent[] = [];
    const seenSyncing = new Set<string>();
    worker.onEvent((event) => {
      events.push(event);
      for (const officeId of worker.syncingOffices()) seenSyncing.add(officeId);
    });
    await worker.run();
    expect(events[0]?.type).toBe('run-started');
    expect(events.at(-1)?.type).toBe('run-finished');
    expect(events.some((event) => event.type === 'progress' && event.progress.resource === 'appointments')).toBe(true);
    expect(seenSyncing).toEqual(new Set([DENTAL.officeId, VET.officeId]));
    expect(worker.syncingOffices().size).toBe(0);
    const view = reader();
    try {
      const status = liveSyncStatus({ offices: view.syncStatus(), syncing: new Set([VET.officeId]), running: true, paused: false });
      expect(status.offices.map((office) => [office.officeId, office.state]).sort()).toEqual([[DENTAL.officeId, 'up-to-date'], [VET.officeId, 'syncing']]);
    } finally {
      view.close();
    }
  });

  it('starts from the request keys it is given', async () => {
    const client = createSikkaClient({ baseUrl: sandbox.baseUrl });
    const keys: Record<string, RequestKey> = {};
    for (const office of [DENTAL, VET]) keys[office.officeId] = await client.startSession({ appId: sandbox.appId, appKey: sandbox.appKey, officeId: office.officeId, secretKey: office.secretKey });
    const worker = await start({ requestKeys: keys });
    await worker.run();
    expect(issued).toEqual([]);
  });

  it('stops a run after the page being written when cancelled, and resumes on the next', async () => {
    const worker = await start({ concurrency: 1 });
    const controller = new AbortController();
    worker.onEvent((event) => {
      if (event.type === 'progress' && event.progress.resource === 'guarantors') controller.abort();
    });
    const stopped = await worker.run({ signal: controller.signal });
    expect(stopped.offices.map((office) => office.outcome)).toContain('stopped');
    const resumed = await worker.run();
    expect(resumed.offices.every((office) => office.outcome === 'synced')).toBe(true);
  });

  it('stops: finishes the page being written, closes its database and ends', async () => {
    const worker = await start();
    let pages = 0;
    worker.onEvent((event) => {
      if (event.type === 'progress' && event.progress.rowsDone > 0) pages += 1;
    });
    const running = worker.run();
    while (pages === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    await worker.stop();
    const summary = await running;
    expect(summary.offices.some((office) => office.outcome === 'stopped')).toBe(true);
    await expect(worker.run()).rejects.toMatchObject({ code: 'SYNC_WORKER_STOPPED' });
    const db = openWriterConnection({ file: join(dir, 'cache.db'), key });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('fails to start with the cache\u2019s explanation when the database cannot be opened', async () => {
    writeFileSync(join(dir, 'cache.db'), randomBytes(8192));
    await expect(start()).rejects.toMatchObject({ code: 'CACHE_WRONG_KEY', explanation: expect.stringContaining('Clear the local copy') as string });
  });
});
