/**
 * The sync worker's entry: runs in a worker_threads thread with a writer connection of its own,
 * so page writes (synchronous in better-sqlite3) never stall the main thread, which only reads.
 * Commands arrive from the host (workerHost.ts); events, log entries and requests for new keys
 * go back to it. Started with its config as `workerData`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCache, type Cache } from '../cache';
import { createLogger } from '../log/logger';
import { createSikkaClient } from '../sikka/client';
import type { RequestKey, RequestKeySource } from '../sikka/keys';
import { createSyncEngine, syncErrorView } from './engine';
import { fromCrossingError, toCrossingError, type HostMessage, type SyncWorkerConfig, type WorkerMessage } from './workerProtocol';

if (parentPort === null) throw new Error('The sync worker runs in a worker thread.');
const port = parentPort;
const config = workerData as SyncWorkerConfig;
const post = (message: WorkerMessage): void => { port.postMessage(message); };

const logger = createLogger({ level: config.logLevel ?? 'info', sink: (entry) => { post({ type: 'log', entry }); } });
let selectedOffices = config.selectedOffices;
const keys = new Map<string, RequestKey>(Object.entries(config.requestKeys));

/** New keys come from the host, which holds refresh tokens and the vault. */
const pendingKeys = new Map<number, { resolve: (key: RequestKey) => void; reject: (error: Error) => void }>();
let nextRequestId = 1;

function keySource(officeId: string, secretKey: string): RequestKeySource {
  return {
    initialKey: keys.get(officeId),
    onKeyIssued: (key) => { keys.set(officeId, key); },
    issue: (signal) => new Promise<RequestKey>((resolve, reject) => {
      const requestId = nextRequestId++;
      const onAbort = (): void => {
        pendingKeys.delete(requestId);
        post({ type: 'cancel-key', requestId });
        reject(fromCrossingError({ code: 'CANCELLED', explanation: '' }));
      };
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      pendingKeys.set(requestId, {
        resolve: (key) => { signal.removeEventListener('abort', onAbort); resolve(key); },
        reject: (error) => { signal.removeEventListener('abort', onAbort); reject(error); },
      });
      post({ type: 'issue-key', requestId, officeId, secretKey });
    }),
  };
}

let cache: Cache;
try {
  cache = openCache({
    file: config.cacheFile,
    key: Buffer.from(config.databaseKey, 'hex'),
    ...(config.nativeBinding === undefined ? {} : { nativeBinding: config.nativeBinding }),
  });
} catch (error) {
  post({ type: 'failed', error: toCrossingError(error) });
  port.close();
  throw error;
}

const client = createSikkaClient({
  ...(config.sikka.baseUrl === null ? {} : { baseUrl: config.sikka.baseUrl }),
  apiVersion: config.sikka.apiVersion,
  format: config.sikka.format,
  logger,
});
let nextRunAt: number | null = null;
const engine = createSyncEngine({
  client,
  cache,
  app: config.app,
  keySource: (practice) => keySource(practice.officeId, practice.secretKey),
  selectedOffices: () => selectedOffices,
  nextRunAt: () => nextRunAt,
  logger,
  onEvent: (event) => { post({ type: 'event', event }); },
  ...(config.concurrency === undefined ? {} : { concurrency: config.concurrency }),
  ...(config.pageSize === undefined ? {} : { pageSize: config.pageSize }),
  ...(config.reconcileEveryMs === undefined ? {} : { reconcileEveryMs: config.reconcileEveryMs }),
  ...(config.changeSource === undefined ? {} : { changeSource: config.changeSource }),
});

let current: { controller: AbortController; done: Promise<void> } | undefined;
let stopping = false;

function startRun(runId: number): void {
  const controller = new AbortController();
  const started = Date.now();
  const done = engine.run({ signal: controller.signal }).catch((error: unknown) => {
    logger.error('sync.worker_run_failed', { errorName: error instanceof Error ? error.name : typeof error });
    return { startedAt: started, finishedAt: Date.now(), offices: [], error: syncErrorView(error, Date.now()) };
  }).then((summary) => {
    post({ type: 'run-finished', runId, summary });
  }).finally(() => {
    if (current?.controller === controller) current = undefined;
  });
  current = { controller, done };
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  current?.controller.abort();
  await current?.done;
  cache.close();
  post({ type: 'stopped' });
  port.close();
}

port.on('message', (message: HostMessage) => {
  switch (message.type) {
    case 'run':
      nextRunAt = message.nextRunAt;
      // The host runs one at a time; a second request while one runs joins it.
      if (current === undefined && !stopping) startRun(message.runId);
      break;
    case 'cancel':
      current?.controller.abort();
      break;
    case 'configure':
      selectedOffices = message.selectedOffices;
      break;
    case 'stop':
      void stop();
      break;
    case 'key-issued':
      pendingKeys.get(message.requestId)?.resolve(message.key);
      pendingKeys.delete(message.requestId);
      break;
    case 'key-failed':
      pendingKeys.get(message.requestId)?.reject(fromCrossingError(message.error));
      pendingKeys.delete(message.requestId);
      break;
  }
});

post({ type: 'ready' });
