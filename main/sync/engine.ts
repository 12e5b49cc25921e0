/**
 * The sync engine: one run asks Sikka which offices the app may read (`authorized_practices`,
 * once), records each office and its SPC status, and brings each office's copy up to date —
 * offices in parallel within a bound, all writes through the one cache writer.
 *
 * Per office and resource:
 * - no cursor yet, or a full pull left unfinished, or the last full pull older than the reconcile
 *   interval → a full pull, page by page at the largest page size; each page commits with its
 *   cursor, so a stopped or killed run resumes at the next page, and rows the pull did not see are
 *   removed when it finishes (the cache's generations);
 * - the office's `data_insert_date` moved since the last successful run → the change log from the
 *   last mark (less an overlap) to the new one, entries applied in order (the resource's own log
 *   by default, or practice_events: see changeSource.ts);
 * - otherwise nothing: an office whose data did not move costs no data request at all.
 *
 * v4 says when SPC is still loading an office's data (`Data-Insert: in progress`; "User should
 * not fetch data when data insert is in progress", v4 Response Header). The client refuses such an
 * answer before any of its records is handed on; the office stops there and is left for a later
 * run (its status says why, and the background scheduler retries with back-off). A full pull
 * stopped that way starts again from its first page next time rather than continue: its pages
 * are offsets into a collection the insert changes, so rows deleted or added before the current
 * page shift the rest across page boundaries, and a row that moved into a page already read would
 * be skipped. A change-log catch-up cannot restore it (the row itself did not change, so no log
 * names it), and the pull's end would then remove it as gone. The pages already read stay visible
 * until the new pull replaces them, and the new pull keeps the first pull's change-log mark, so
 * the next change log replays everything since (replaying is harmless).
 *
 * On v4 an office whose data was brought up to date also has its opening hours read from
 * practice_schedule, once a day (refreshBusinessHours). A run also asks `data_sync_status` once ("status should be refresh to make sure data you
 * are receiving via api is correct") and records each office's answer for the freshness rule; it
 * decides nothing here — the data Sikka has is still copied — but the screens say the office is
 * behind while it is not "refresh".
 *
 * The next page downloads while the current one is written. A failure stops the office where it
 * is (its copy and cursors stay consistent) and is recorded with its plain-words explanation; a
 * daily-limit stop pauses the office until Sikka's limit resets, and the others go on.
 */
import type { SikkaRecord, SyncedResource } from '../../shared/domain/records';
import type {
  OfficeOutcome,
  OfficeRunResult,
  OfficeSyncStatus,
  SyncErrorView,
  SyncEvent,
  SyncPhase,
  SyncRunSummary,
} from '../../shared/domain/sync';
import { formatLocal, ianaZone, localParts, nextUtcMidnight } from '../../shared/time/officeZone';
import type { CacheReader, CacheWriter, OfficeSyncRecord, SyncCursor } from '../cache';
import { silentLogger, type Logger } from '../log/logger';
import type { AppCredentials, OfficeApi, SikkaClient } from '../sikka/client';
import { businessHoursFromSchedule } from '../sikka/practiceSchedule';
import type { AuthorizedPractice } from '../sikka/authorizedPractices';
import type { DataSyncStatusRecord } from '../sikka/dataSyncStatus';
import { isDailyLimit, SikkaApiError } from '../sikka/errors';
import type { RequestKeySource } from '../sikka/keys';
import { maxPageSize } from '../sikka/pagination';
import { changedRecord, changeSourceFor, DEFAULT_CHANGE_SOURCE, type ChangeSource } from './changeSource';
import { officeMark, windowStart } from './changeWindow';
import { inParallel } from './pool';
import { readAhead } from './prefetch';
import { resourcesOf, type ResourceSource } from './resources';

export const DEFAULT_CONCURRENCY = 2;
export const DEFAULT_RECONCILE_EVERY_MS = 24 * 60 * 60_000;
export const DEFAULT_CHANGE_OVERLAP_MS = 15 * 60_000;

export const INTERNAL_SYNC_ERROR = 'INTERNAL_ERROR';
const INTERNAL_EXPLANATION = 'Something went wrong inside Practice Companion while syncing. The copy on this PC keeps what it had; the next sync tries again.';

export interface SyncEngineOptions {
  readonly client: SikkaClient;
  /** The one writer connection, and a reader for the status views the events carry. */
  readonly cache: { readonly writer: CacheWriter; readonly reader: CacheReader };
  readonly app: AppCredentials;
  /** Where an office's request keys come from (its refresh token, or `start` with its secret key). */
  readonly keySource: (practice: AuthorizedPractice) => RequestKeySource;
  /** The offices to copy; null (or absent) means every authorized office. */
  readonly selectedOffices?: () => readonly string[] | null;
  /** Offices synced at the same time (default 2). */
  readonly concurrency?: number;
  /** Rows per page (default the API's largest). */
  readonly pageSize?: number;
  /** How old a resource's last full pull may get before a run pulls it whole again (default a day). */
  readonly reconcileEveryMs?: number;
  /** How far before the last mark a change-log request starts (default 15 minutes). */
  readonly changeOverlapMs?: number;
  /**
   * Where changes are read from (default the resource's own log; see changeSource.ts): with
   * 'practiceEvents', practice_events where its documents allow it, the resource's log elsewhere.
   */
  readonly changeSource?: ChangeSource;
  /** When the next run is planned, recorded in each office's status (null: none planned). */
  readonly nextRunAt?: () => number | null;
  readonly now?: () => number;
  readonly logger?: Logger;
  readonly onEvent?: (event: SyncEvent) => void;
}

export interface SyncRunOptions {
  /** Stops the run: the page being written is finished, nothing after it is started. */
  readonly signal?: AbortSignal;
}

export interface SyncEngine {
  run(options?: SyncRunOptions): Promise<SyncRunSummary>;
}

type Step = { readonly source: ResourceSource; readonly kind: 'full' | 'changes' };

/** A failure as people are told about it: the typed error's code and explanation, else a generic one. */
export function syncErrorView(error: unknown, at: number): SyncErrorView {
  if (typeof error === 'object' && error !== null) {
    const { code, explanation } = error as { code?: unknown; explanation?: unknown };
    if (typeof code === 'string' && typeof explanation === 'string') return { code, explanation, at };
  }
  return { code: INTERNAL_SYNC_ERROR, explanation: INTERNAL_EXPLANATION, at };
}

function isCancellation(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof SikkaApiError && error.code === 'CANCELLED');
}

function isDataInsert(error: unknown): boolean {
  return error instanceof SikkaApiError && error.code === 'DATA_INSERT_IN_PROGRESS';
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { client, cache, app } = options;
  const { writer } = cache;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const emit = options.onEvent ?? (() => undefined);
  const pageSize = options.pageSize ?? maxPageSize(client.apiVersion);
  const reconcileEveryMs = options.reconcileEveryMs ?? DEFAULT_RECONCILE_EVERY_MS;
  const overlapMs = options.changeOverlapMs ?? DEFAULT_CHANGE_OVERLAP_MS;
  const preferredChangeSource = options.changeSource ?? DEFAULT_CHANGE_SOURCE;
  const nextRunAt = options.nextRunAt ?? (() => null);

  const statusView = (officeId: string): OfficeSyncStatus | null =>
    cache.reader.syncStatus({ now: now() }).find((office) => office.officeId === officeId) ?? null;

  const progress = (officeId: string, resource: SyncedResource, phase: SyncPhase, rowsDone: number, rowsTotal: number | null): void => {
    emit({ type: 'progress', progress: { officeId, resource, phase, rowsDone, rowsTotal } });
  };

  /**
   * The steps an office needs: a full pull where none finished, one is unfinished or a reconcile
   * is due; the change log where the resource's mark is not the office's current one. None when
   * its data did not move.
   */
  function plan(practice: AuthorizedPractice, mark: string, at: number): Step[] {
    const cursors = new Map(writer.listCursors(practice.officeId).map((cursor) => [cursor.resource, cursor]));
    return resourcesOf(practice.domain).flatMap((source): Step[] => {
      const cursor = cursors.get(source.resource);
      const completed = cursor?.fullCompletedAt ?? null;
      const due = completed === null || at - completed >= reconcileEveryMs;
      if (cursor === undefined || cursor.mode === 'full' || due || cursor.changesSince === null) return [{ source, kind: 'full' }];
      return cursor.changesSince === mark ? [] : [{ source, kind: 'changes' }];
    });
  }

  async function fullPull(api: OfficeApi, source: ResourceSource, mark: string, signal: AbortSignal): Promise<number> {
    const { officeId } = api;
    const { resource } = source;
    const existing = writer.readCursor(officeId, resource);
    // An unfinished pull resumes where it stopped, with the mark it began with.
    const cursor: SyncCursor = existing?.mode === 'full' ? existing : writer.beginFullPull({ officeId, resource, pageSize, changesSince: mark });
    let rows = cursor.rowsApplied;
    let total = cursor.expectedTotal;
    progress(officeId, resource, 'full', rows, total);
    try {
      for await (const page of readAhead(api.pages(source.path, { limit: cursor.pageSize, startPage: cursor.nextPage, signal }))) {
        total = page.totalCount ?? total;
        writer.applyFullPage({
          officeId,
          resource,
          generation: cursor.generation,
          records: page.records,
          nextPage: page.next?.page ?? page.index + 1,
          pageSize: page.next?.limit ?? page.limit,
          expectedTotal: total,
        });
        rows += page.records.length;
        progress(officeId, resource, 'full', rows, total);
      }
    } catch (error) {
      if (isDataInsert(error)) restartAfterInsert(officeId, resource, cursor.pullChangesSince ?? mark);
      throw error;
    }
    writer.finishFullPull({ officeId, resource, generation: cursor.generation, changesSince: cursor.pullChangesSince ?? mark });
    return rows - cursor.rowsApplied;
  }

  /**
   * A full pull that Sikka's data insert interrupted after some of its pages starts again from
   * the first page (see the top of this file), keeping the mark it began with.
   */
  function restartAfterInsert(officeId: string, resource: SyncedResource, pullMark: string): void {
    const stopped = writer.readCursor(officeId, resource);
    if (stopped?.mode !== 'full' || stopped.nextPage === 0) return;
    writer.beginFullPull({ officeId, resource, pageSize: stopped.pageSize, expectedTotal: stopped.expectedTotal, changesSince: pullMark });
    logger.info('sync.pull_restarts_after_insert', { officeId, resource, pagesRead: stopped.nextPage });
  }

  async function changePull(api: OfficeApi, source: ResourceSource, mark: string, signal: AbortSignal): Promise<number> {
    const { officeId } = api;
    const { resource } = source;
    const since = writer.readCursor(officeId, resource)?.changesSince ?? mark;
    const start = windowStart(since, mark, overlapMs);
    let entries = 0;
    let reachedEnd = false;
    progress(officeId, resource, 'changes', 0, null);
    const via = changeSourceFor(preferredChangeSource, source.path, start, mark);
    // practice_events' `status=current`: each record's latest change only, which is all a copy needs.
    const pages = api.changes(source.path, { loadedStartDate: start, loadedEndDate: mark }, { limit: pageSize, signal, via, latestOnly: via === 'practiceEvents' });
    for await (const page of readAhead(pages)) {
      reachedEnd = page.next === null;
      // The mark moves only with the last page: an interrupted window is replayed whole next time.
      writer.applyChanges({ officeId, resource, entries: page.records.map((entry) => changedRecord(entry.record, via)), changesSince: reachedEnd ? mark : since });
      entries += page.records.length;
      progress(officeId, resource, 'changes', entries, page.totalCount ?? null);
    }
    if (!reachedEnd) writer.applyChanges({ officeId, resource, entries: [], changesSince: mark });
    return entries;
  }

  /**
   * v4's data_sync_status for every office, asked once a run: null on v2 (Sikka gives it on v4
   * only), or when Sikka did not answer — the last answer then stays recorded, with its time.
   */
  async function dataSyncStates(signal: AbortSignal): Promise<ReadonlyMap<string, DataSyncStatusRecord> | null> {
    if (client.apiVersion !== 'v4') return null;
    try {
      return new Map((await client.dataSyncStatus(app, { signal })).map((entry) => [entry.officeId, entry]));
    } catch (error) {
      if (!isCancellation(error, signal)) logger.warn('sync.data_sync_status_unavailable', { errorCode: syncErrorView(error, now()).code });
      return null;
    }
  }

  /**
   * v4's practice_schedule, at most once a reconcile interval, after the office's data: its
   * opening hours, so freshness counts the hours the practice is open. One call for a few rows;
   * a failure (a v4 app without the scope, a daily limit) costs the office's sync nothing, and the
   * hours known before stay until the next time it is asked.
   */
  async function refreshBusinessHours(api: OfficeApi, practice: AuthorizedPractice, at: number, signal: AbortSignal): Promise<void> {
    const { officeId } = practice;
    const asked = writer.businessHoursCheckedAt(officeId);
    if (asked !== null && at - asked < reconcileEveryMs) return;
    const zone = ianaZone(practice.timeZone);
    if (zone === undefined) return;
    try {
      const records: SikkaRecord[] = [];
      for await (const page of api.pages('practice_schedule', { limit: pageSize, signal })) records.push(...page.records);
      writer.saveBusinessHours(officeId, businessHoursFromSchedule(records, formatLocal(localParts(at, zone)).slice(0, 10)));
    } catch (error) {
      if (isCancellation(error, signal)) return;
      logger.warn('sync.practice_schedule_unavailable', { officeId, errorCode: syncErrorView(error, now()).code });
      writer.saveBusinessHours(officeId, undefined);
    }
  }

  async function syncOffice(practice: AuthorizedPractice, syncStates: ReadonlyMap<string, DataSyncStatusRecord> | null, signal: AbortSignal): Promise<OfficeRunResult> {
    const { officeId } = practice;
    const started = now();
    writer.upsertOffice(practice.record);
    // An office Sikka's list leaves out has no status to show (rather than the last one it had).
    if (syncStates !== null) writer.saveDataSyncStatus(officeId, syncStates.get(officeId)?.status ?? null);
    const previous = writer.readOfficeStatus(officeId);
    const base: OfficeSyncRecord = previous ?? {
      officeId, lastAttemptAt: null, lastSuccessAt: null, syncedInsertDate: null, lastError: null, pausedUntil: null, nextRunAt: null,
    };
    const finish = (outcome: OfficeOutcome, record: OfficeSyncRecord, rows: number): OfficeRunResult => {
      writer.saveOfficeStatus({ ...record, nextRunAt: nextRunAt() });
      const result: OfficeRunResult = { officeId, outcome, rows, error: outcome === 'synced' || outcome === 'unchanged' ? null : record.lastError };
      emit({ type: 'office-finished', result, status: statusView(officeId) });
      return result;
    };

    // The daily-limit stop outlives the run (and the app): no call before it lifts.
    if (base.pausedUntil !== null && base.pausedUntil > started) return finish('paused', base, 0);
    if (practice.dataInsertDate === undefined) return finish('waiting-for-data', { ...base, pausedUntil: null }, 0);

    const mark = officeMark(practice.dataInsertDate, practice.timeZone, started);
    const steps = plan(practice, mark, started);
    if (steps.length === 0) return finish('unchanged', { ...base, lastAttemptAt: started, lastSuccessAt: started, lastError: null, pausedUntil: null }, 0);

    emit({ type: 'office-started', officeId, at: started });
    let rows = 0;
    try {
      const keys = options.keySource(practice);
      const api = client.office(officeId, { keys, timeZone: practice.timeZone });
      for (const step of steps) {
        rows += step.kind === 'full' ? await fullPull(api, step.source, mark, signal) : await changePull(api, step.source, mark, signal);
      }
      if (client.apiVersion === 'v4') await refreshBusinessHours(api, practice, started, signal);
      return finish('synced', { ...base, lastAttemptAt: started, lastSuccessAt: now(), syncedInsertDate: mark, lastError: null, pausedUntil: null }, rows);
    } catch (error) {
      if (isCancellation(error, signal)) return finish('stopped', { ...base, lastAttemptAt: started }, rows);
      const view = syncErrorView(error, now());
      logger.warn(isDataInsert(error) ? 'sync.office_data_inserting' : 'sync.office_failed', { officeId, errorCode: view.code, errorName: error instanceof Error ? error.name : typeof error });
      if (error instanceof SikkaApiError && isDailyLimit(error.code)) {
        return finish('paused', { ...base, lastAttemptAt: started, lastError: view, pausedUntil: error.resumesAt ?? nextUtcMidnight(now()) }, rows);
      }
      return finish('failed', { ...base, lastAttemptAt: started, lastError: view, pausedUntil: null }, rows);
    }
  }

  return {
    async run(runOptions = {}) {
      const signal = runOptions.signal ?? new AbortController().signal;
      const startedAt = now();
      emit({ type: 'run-started', at: startedAt });
      let practices: readonly AuthorizedPractice[];
      try {
        practices = await client.authorizedPractices(app, { signal });
      } catch (error) {
        const summary: SyncRunSummary = { startedAt, finishedAt: now(), offices: [], error: isCancellation(error, signal) ? null : syncErrorView(error, now()) };
        logger.warn('sync.run_failed', { errorCode: summary.error?.code });
        emit({ type: 'run-finished', summary });
        return summary;
      }
      const selected = options.selectedOffices?.() ?? null;
      const chosen = selected === null ? practices : practices.filter((practice) => selected.includes(practice.officeId));
      const syncStates = chosen.length === 0 ? null : await dataSyncStates(signal);
      const offices = await inParallel(chosen, options.concurrency ?? DEFAULT_CONCURRENCY, async (practice) => {
        if (signal.aborted) return { officeId: practice.officeId, outcome: 'stopped' as const, rows: 0, error: null };
        try {
          return await syncOffice(practice, syncStates, signal);
        } catch (error) {
          // Recording the office itself failed (the cache refused it): report it and go on with the others.
          const view = syncErrorView(error, now());
          logger.error('sync.office_not_recorded', { officeId: practice.officeId, errorCode: view.code });
          return { officeId: practice.officeId, outcome: 'failed' as const, rows: 0, error: view };
        }
      });
      const summary: SyncRunSummary = { startedAt, finishedAt: now(), offices, error: null };
      emit({ type: 'run-finished', summary });
      return summary;
    },
  };
}
