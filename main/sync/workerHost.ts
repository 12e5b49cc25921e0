/**
 * Runs the sync engine in a worker thread and talks to it: one run at a time (a second request
 * joins the run in progress), cancel (the run stops after the page being written), configure,
 * stop (finish the page being written, close the database, end the thread). Events come back
 * typed; new request keys are issued here, on the thread that holds the vault.
 *
 * The worker script is injectable: under Node with tsx pass `workerScriptUrl()` (a bootstrap that
 * registers tsx in the worker, since Node 20 ignores `--import tsx` in a worker's execArgv); the
 * Electron build passes its bundled worker file.
 */
import { Worker } from 'node:worker_threads';
import type { SyncEvent, SyncProgress, SyncRunSummary } from '../../shared/domain/sync';
import { silentLogger, type Logger } from '../log/logger';
import type { RequestKeySource } from '../sikka/keys';
import {
  fromCrossingError,
  SYNC_WORKER_ERRORS,
  SyncWorkerError,
  toCrossingError,
  type HostMessage,
  type SyncWorkerConfig,
  type WorkerMessage,
} from './workerProtocol';

/** The worker script beside this file, for Node with tsx (tests, the browser harness, scripts). */
export function workerScriptUrl(): URL {
  return new URL('./workerTsx.mjs', import.meta.url);
}

export interface SyncWorkerHostOptions {
  readonly script: URL | string;
  readonly execArgv?: readonly string[];
  readonly config: SyncWorkerConfig;
  /** Issues a new request key for an office (the app: main/auth's officeKeySource, which keeps it in the vault). */
  readonly keySourceFor: (office: { readonly officeId: string; readonly secretKey: string }) => RequestKeySource;
  readonly logger?: Logger;
}

export interface SyncWorkerHost {
  /** One run now, or the run already in progress; `signal` cancels it (after the page being written). */
  run(options?: { readonly signal?: AbortSignal | undefined; readonly nextRunAt?: number | null | undefined }): Promise<SyncRunSummary>;
  /** Stops the run in progress after the page being written (pausing). */
  cancel(): void;
  configure(update: { readonly selectedOffices: readonly string[] | null }): void;
  /** Finishes the page being written, closes the worker's database connection and ends the thread. */
  stop(): Promise<void>;
  onEvent(listener: (event: SyncEvent) => void): () => void;
  readonly running: boolean;
  /** Offices the run in progress is working on now. */
  syncingOffices(): ReadonlySet<string>;
  /** The latest progress of the run in progress, null between runs. */
  latestProgress(): SyncProgress | null;
}

function stoppedError(): SyncWorkerError {
  return new SyncWorkerError(SYNC_WORKER_ERRORS.SYNC_WORKER_STOPPED.code, SYNC_WORKER_ERRORS.SYNC_WORKER_STOPPED.explanation);
}

/** Starts the worker; resolves once it has opened the cache, rejects with the typed reason if it could not. */
export function startSyncWorker(options: SyncWorkerHostOptions): Promise<SyncWorkerHost> {
  const logger = options.logger ?? silentLogger;
  const worker = new Worker(options.script, { workerData: options.config, execArgv: [...(options.execArgv ?? [])] });
  const post = (message: HostMessage): void => { worker.postMessage(message); };
  const listeners = new Set<(event: SyncEvent) => void>();
  const keyRequests = new Map<number, AbortController>();
  const syncing = new Set<string>();
  let progress: SyncProgress | null = null;
  let nextRunId = 1;
  let current: { runId: number; promise: Promise<SyncRunSummary>; resolve: (summary: SyncRunSummary) => void; reject: (error: Error) => void } | undefined;
  let ended: Error | undefined;
  let stopped: Promise<void> | undefined;
  let resolveStopped: (() => void) | undefined;

  return new Promise<SyncWorkerHost>((resolveStart, rejectStart) => {
    let ready = false;

    const end = (error: Error): void => {
      if (ended !== undefined) return;
      ended = error;
      current?.reject(error);
      current = undefined;
      for (const controller of keyRequests.values()) controller.abort();
      keyRequests.clear();
      syncing.clear();
      progress = null;
      resolveStopped?.();
      if (!ready) rejectStart(error);
    };

    const issueKey = (requestId: number, officeId: string, secretKey: string): void => {
      const controller = new AbortController();
      keyRequests.set(requestId, controller);
      void (async () => {
        try {
          const source = options.keySourceFor({ officeId, secretKey });
          const key = await source.issue(controller.signal);
          source.onKeyIssued?.(key);
          if (keyRequests.delete(requestId)) post({ type: 'key-issued', requestId, key });
        } catch (error) {
          if (keyRequests.delete(requestId)) post({ type: 'key-failed', requestId, error: toCrossingError(error) });
        }
      })();
    };

    const onEvent = (event: SyncEvent): void => {
      if (event.type === 'office-started') syncing.add(event.officeId);
      if (event.type === 'office-finished') syncing.delete(event.result.officeId);
      if (event.type === 'progress') progress = event.progress;
      for (const listener of listeners) listener(event);
    };

    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          ready = true;
          resolveStart(host);
          break;
        case 'failed':
          end(fromCrossingError(message.error));
          break;
        case 'event':
          onEvent(message.event);
          break;
        case 'run-finished':
          if (current?.runId === message.runId) {
            current.resolve(message.summary);
            current = undefined;
          }
          syncing.clear();
          progress = null;
          break;
        case 'issue-key':
          issueKey(message.requestId, message.officeId, message.secretKey);
          break;
        case 'cancel-key':
          keyRequests.get(message.requestId)?.abort();
          keyRequests.delete(message.requestId);
          break;
        case 'log': {
          const { level, event, fields } = message.entry;
          logger[level](event, fields);
          break;
        }
        case 'stopped':
          end(stoppedError());
          break;
      }
    });
    worker.on('error', (error) => {
      logger.error('sync.worker_crashed', { errorName: error.name });
      end(new SyncWorkerError(SYNC_WORKER_ERRORS.SYNC_WORKER_FAILED.code, SYNC_WORKER_ERRORS.SYNC_WORKER_FAILED.explanation));
    });
    worker.on('exit', () => {
      end(stoppedError());
    });

    const host: SyncWorkerHost = {
      run(runOptions = {}) {
        if (ended !== undefined) return Promise.reject(ended);
        if (current === undefined) {
          const runId = nextRunId++;
          let resolve!: (summary: SyncRunSummary) => void;
          let reject!: (error: Error) => void;
          const promise = new Promise<SyncRunSummary>((res, rej) => { resolve = res; reject = rej; });
          current = { runId, promise, resolve, reject };
          post({ type: 'run', runId, nextRunAt: runOptions.nextRunAt ?? null });
        }
        const { signal } = runOptions;
        if (signal !== undefined) {
          if (signal.aborted) post({ type: 'cancel' });
          else signal.addEventListener('abort', () => { post({ type: 'cancel' }); }, { once: true });
        }
        return current.promise;
      },
      cancel() {
        if (ended === undefined) post({ type: 'cancel' });
      },
      configure(update) {
        if (ended === undefined) post({ type: 'configure', selectedOffices: update.selectedOffices });
      },
      stop() {
        if (stopped !== undefined) return stopped;
        if (ended !== undefined) return Promise.resolve();
        const closed = new Promise<void>((resolve) => { resolveStopped = resolve; });
        post({ type: 'stop' });
        stopped = closed.then(() => worker.terminate()).then(() => undefined);
        return stopped;
      },
      onEvent(listener) {
        listeners.add(listener);
        return () => { listeners.delete(listener); };
      },
      get running() {
        return current !== undefined;
      },
      syncingOffices: () => syncing,
      latestProgress: () => progress,
    };
  });
}
