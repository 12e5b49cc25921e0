/**
 * The sync status the app, the tray and the CLI show: each office as the cache recorded it, with
 * the offices a run is working on right now shown as syncing.
 */
import { DEFAULT_FRESHNESS_POLICY, type FreshnessPolicy } from '../../shared/domain/freshness';
import type { OfficeSyncStatus, SyncRunSummary, SyncStatus } from '../../shared/domain/sync';
import type { SyncRunOutcome } from './backgroundScheduler';

export interface LiveSyncInput {
  /** From CacheReader.syncStatus(). */
  readonly offices: readonly OfficeSyncStatus[];
  readonly syncing?: ReadonlySet<string>;
  readonly running?: boolean;
  readonly paused: boolean;
  /** The scheduler's next planned run; by default the earliest recorded per office. */
  readonly nextRunAt?: number | null;
  /** How freshness is judged (the settings'); the default policy when absent. */
  readonly freshness?: FreshnessPolicy;
}

export function liveSyncStatus(input: LiveSyncInput): SyncStatus {
  const syncing = input.syncing ?? new Set<string>();
  // The scheduler's plan, when there is one, is every office's next run (one run syncs them all).
  const planned = input.nextRunAt;
  const offices = input.offices.map((office) => ({
    ...office,
    ...(syncing.has(office.officeId) ? { state: 'syncing' as const } : {}),
    ...(planned === undefined ? {} : { nextRunAt: planned }),
  }));
  const attempts = offices.map((office) => office.lastAttemptAt).filter((at) => at !== null);
  const recorded = offices.map((office) => office.nextRunAt).filter((at) => at !== null);
  return {
    running: input.running ?? false,
    paused: input.paused,
    lastRunAt: attempts.length === 0 ? null : Math.max(...attempts),
    nextRunAt: planned !== undefined ? planned : recorded.length === 0 ? null : Math.min(...recorded),
    offices,
    freshness: input.freshness ?? DEFAULT_FRESHNESS_POLICY,
  };
}

/**
 * What the background scheduler needs to know of a finished run: whether to retry sooner than the
 * interval. A daily-limit pause is not a failure to retry (it lifts by itself at its time).
 */
export function runOutcome(summary: SyncRunSummary): SyncRunOutcome {
  return { failed: summary.error !== null || summary.offices.some((office) => office.outcome === 'failed') };
}
