/**
 * What the sync worker and its host say to each other. Everything is plain data (structured
 * clone); errors cross as their code and plain words, and Sikka's are rebuilt as SikkaApiError on
 * the other side so daily-limit stops keep their `resumesAt`.
 *
 * Secrets: the worker gets the database key and the app ID/key (it calls authorized_practices)
 * and the request keys it uses; refresh tokens and the vault stay with the host, which issues
 * every new request key (and keeps it) when the worker asks.
 */
import type { SyncEvent, SyncRunSummary } from '../../shared/domain/sync';
import { isSikkaErrorCode, TRANSPORT_ERRORS, type SikkaClientErrorCode } from '../../shared/sikka/errorCodes';
import type { LogEntry } from '../log/logger';
import { SikkaApiError } from '../sikka/errors';
import type { RequestKey } from '../sikka/keys';

export interface SyncWorkerConfig {
  readonly cacheFile: string;
  /** The cache's 32-byte key, hex. */
  readonly databaseKey: string;
  /** The SQLite native addon when bundled (Electron builds). */
  readonly nativeBinding?: string | undefined;
  readonly sikka: {
    /** null: production. */
    readonly baseUrl: string | null;
    readonly apiVersion: 'v2' | 'v4';
    readonly format: 'json' | 'xml';
  };
  readonly app: { readonly appId: string; readonly appKey: string };
  readonly selectedOffices: readonly string[] | null;
  /** Kept request keys by office, so the first calls need no new key. */
  readonly requestKeys: Readonly<Record<string, RequestKey>>;
  readonly concurrency?: number | undefined;
  readonly pageSize?: number | undefined;
  readonly reconcileEveryMs?: number | undefined;
  /** Where changes are read from (the engine's default when absent: the resource's own log). */
  readonly changeSource?: 'resource' | 'practiceEvents' | undefined;
  /** Minimum level of the log entries the worker sends (default info). */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error' | undefined;
}

/** An error as it crosses the thread boundary. */
export interface CrossingError {
  readonly code: string;
  readonly explanation: string;
  readonly httpStatus?: number | undefined;
  readonly officeId?: string | undefined;
  readonly resumesAt?: number | undefined;
}

export type HostMessage =
  | { readonly type: 'run'; readonly runId: number; readonly nextRunAt: number | null }
  /** Stop the run in progress after the page being written. */
  | { readonly type: 'cancel' }
  | { readonly type: 'configure'; readonly selectedOffices: readonly string[] | null }
  /** Finish the page being written, close the database, end. */
  | { readonly type: 'stop' }
  | { readonly type: 'key-issued'; readonly requestId: number; readonly key: RequestKey }
  | { readonly type: 'key-failed'; readonly requestId: number; readonly error: CrossingError };

export type WorkerMessage =
  /** The cache is open; commands are welcome. */
  | { readonly type: 'ready' }
  /** Opening failed (wrong key, newer schema…); the worker ends. */
  | { readonly type: 'failed'; readonly error: CrossingError }
  | { readonly type: 'event'; readonly event: SyncEvent }
  | { readonly type: 'run-finished'; readonly runId: number; readonly summary: SyncRunSummary }
  | { readonly type: 'issue-key'; readonly requestId: number; readonly officeId: string; readonly secretKey: string }
  | { readonly type: 'cancel-key'; readonly requestId: number }
  | { readonly type: 'log'; readonly entry: LogEntry }
  | { readonly type: 'stopped' };

export function toCrossingError(error: unknown): CrossingError {
  if (error instanceof SikkaApiError) {
    return { code: error.code, explanation: error.explanation, httpStatus: error.httpStatus, officeId: error.officeId, resumesAt: error.resumesAt };
  }
  if (typeof error === 'object' && error !== null) {
    const { code, explanation } = error as { code?: unknown; explanation?: unknown };
    if (typeof code === 'string' && typeof explanation === 'string') return { code, explanation };
  }
  return { code: SYNC_WORKER_ERRORS.SYNC_WORKER_FAILED.code, explanation: SYNC_WORKER_ERRORS.SYNC_WORKER_FAILED.explanation };
}

function isClientCode(code: string): code is SikkaClientErrorCode {
  return isSikkaErrorCode(code) || Object.hasOwn(TRANSPORT_ERRORS, code);
}

/** An error back from the other side: Sikka's as SikkaApiError, anything else with its code and words. */
export function fromCrossingError(error: CrossingError): Error {
  if (isClientCode(error.code)) {
    return new SikkaApiError({ code: error.code, httpStatus: error.httpStatus, officeId: error.officeId, resumesAt: error.resumesAt });
  }
  return new SyncWorkerError(error.code, error.explanation);
}

export const SYNC_WORKER_ERRORS = {
  SYNC_WORKER_FAILED: { code: 'SYNC_WORKER_FAILED', explanation: 'The background sync stopped unexpectedly. The copy on this PC keeps what it had; restart Practice Companion to sync again.' },
  SYNC_WORKER_STOPPED: { code: 'SYNC_WORKER_STOPPED', explanation: 'Syncing has been stopped because Practice Companion is closing.' },
} as const;

/** A failure of the worker itself, or one from the other side that is not Sikka's. */
export class SyncWorkerError extends Error {
  override readonly name = 'SyncWorkerError';
  constructor(readonly code: string, readonly explanation: string) {
    super(`${code}: ${explanation}`);
  }
}
