/**
 * Syncing: the engine (per office, per resource; full pulls then change logs), its worker thread
 * and host, the live status, and the background scheduler that decides when to run.
 */
export { BackgroundScheduler, type BackgroundSchedulerOptions, type SchedulerState, type SchedulerTimers, type SyncRunOutcome, type SyncTrigger } from './backgroundScheduler';
export { DEFAULT_CHANGE_SOURCE, PRACTICE_EVENTS_MAX_WINDOW_MS, type ChangeSource } from './changeSource';
export {
  createSyncEngine,
  DEFAULT_CHANGE_OVERLAP_MS,
  DEFAULT_CONCURRENCY,
  DEFAULT_RECONCILE_EVERY_MS,
  syncErrorView,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncRunOptions,
} from './engine';
export { keySources, type KeySourcesOptions } from './keys';
export { liveSyncStatus, runOutcome, type LiveSyncInput } from './status';
export { startSyncWorker, workerScriptUrl, type SyncWorkerHost, type SyncWorkerHostOptions } from './workerHost';
export { SYNC_WORKER_ERRORS, SyncWorkerError, type SyncWorkerConfig } from './workerProtocol';
