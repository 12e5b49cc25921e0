/**
 * What the sync engine tells the app, the tray and the CLI: where each office's copy stands
 * (persisted, so it survives a restart) and how a run is going (events). Views only: plain data
 * that crosses IPC and worker boundaries, never a key, token or patient detail.
 */
import { z } from 'zod';
import type { OfficeLocalTime } from './connection';
import type { FreshnessPolicy } from './freshness';
import type { PracticeDomain, SyncedResource } from './records';

/** What a run does for one resource: a whole download, or the change log since last time. */
export type SyncPhase = 'full' | 'changes';

/** How far one office's resource has come in the current run. */
export interface SyncProgress {
  readonly officeId: string;
  readonly resource: SyncedResource;
  readonly phase: SyncPhase;
  /** Rows received in this phase so far. */
  readonly rowsDone: number;
  /** Rows Sikka said there are (its total_count); null when not known. */
  readonly rowsTotal: number | null;
}

/**
 * An office's copy, in one word:
 * - `never-synced`: nothing copied yet;
 * - `syncing`: a run is working on it now;
 * - `up-to-date`: the last run finished and brought everything Sikka had;
 * - `paused`: Sikka's daily limit for the practice was reached; the app waits until `quota.resumesAt`;
 * - `failed`: the last run stopped with `lastError` (the copy keeps what it had);
 * - `waiting-for-data`: the practice's Sikka agent (SPC) has not uploaded its data yet.
 */
export type OfficeSyncState = 'never-synced' | 'syncing' | 'up-to-date' | 'paused' | 'failed' | 'waiting-for-data';

/** A failure, as people are told about it. */
export interface SyncErrorView {
  /** A code of the Sikka guide's table (API2012…), a transport code (NETWORK_UNREACHABLE…) or a cache code. */
  readonly code: string;
  /** Plain words: what happened and what, if anything, to do. */
  readonly explanation: string;
  /** Epoch ms. */
  readonly at: number;
}

/** The practice's daily Sikka limits (API2011 data volume, API2012 number of calls). */
export interface QuotaState {
  readonly limited: boolean;
  readonly code: string | null;
  /** Epoch ms when the office may call Sikka again; null when not limited. */
  readonly resumesAt: number | null;
}

/** The practice's own sync agent (SPC) and management system, as `authorized_practices` last reported them. */
export interface SpcStatus {
  readonly practiceManagementSystem: string | null;
  readonly practiceManagementSystemVersion: string | null;
  /** When SPC last read the practice management system. */
  readonly refreshedAt: OfficeLocalTime | null;
  readonly synchronizedAt: OfficeLocalTime | null;
  /** When SPC last finished loading data into Sikka: what the app pulls after. */
  readonly insertedAt: OfficeLocalTime | null;
  /** The office's zone as Sikka names it (Windows), e.g. "Eastern Standard Time". */
  readonly timeZone: string | null;
  /** The same zone as an IANA name, e.g. "America/New_York"; null when unknown. */
  readonly ianaTimeZone: string | null;
  /** v4's data_sync_status for the office; null where Sikka does not give it (v2, or not listed). */
  readonly dataSyncStatus: DataSyncState | null;
}

/**
 * Sikka's own word on its link to the practice system (v4 `data_sync_status`): "Status should be
 * refresh to make sure data you are receiving via api is correct"; "not_refresh" means Sikka has
 * not been able to connect to the practice management system for more than 24 hours.
 */
export interface DataSyncState {
  /** As Sikka wrote it: "refresh", "not_refresh", … */
  readonly status: string;
  /** The status is "refresh": Sikka reads the practice system and the data is current. */
  readonly refreshing: boolean;
  /** When this PC last asked (epoch ms). */
  readonly checkedAt: number;
}

/** Whether a data_sync_status says Sikka reads the practice system ("refresh"; the docs also write the other "not refresh"). */
export function isRefreshing(status: string): boolean {
  return status.trim().toLowerCase() === 'refresh';
}

/** A stretch of the day the office is open, in minutes after its local midnight (`to` up to 1440). */
export interface OpenSpan {
  readonly from: number;
  readonly to: number;
}

/** When the office is open, on its own wall clock: seven days from Sunday (0) to Saturday (6). */
export interface BusinessHours {
  readonly days: readonly (readonly OpenSpan[])[];
}

const BUSINESS_HOURS_SCHEMA = z.object({
  days: z.array(z.array(z.object({ from: z.int().min(0).max(1439), to: z.int().min(1).max(1440) }).refine((span) => span.from < span.to))).length(7),
});

/** Business hours as stored (JSON); null for none, or for anything that is not seven days of spans. */
export function readBusinessHours(json: string | null): BusinessHours | null {
  if (json === null) return null;
  try {
    const parsed = BUSINESS_HOURS_SCHEMA.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface OfficeSyncStatus {
  readonly officeId: string;
  readonly practiceName: string | null;
  readonly domain: PracticeDomain | null;
  readonly state: OfficeSyncState;
  /** Epoch ms of the last run that worked on this office. */
  readonly lastAttemptAt: number | null;
  /** Epoch ms of the last run that brought the office's copy fully up to date. */
  readonly lastSuccessAt: number | null;
  /** The failure of the last run, if it failed; cleared by the next success. */
  readonly lastError: SyncErrorView | null;
  /** Epoch ms of the next scheduled run; null when none is scheduled (CLI, paused syncing). */
  readonly nextRunAt: number | null;
  readonly quota: QuotaState;
  /** Epoch ms of the oldest complete full download among the resources (the last reconcile); null before one. */
  readonly lastFullSyncAt: number | null;
  /** Rows held in the local copy per resource. */
  readonly counts: Readonly<Record<SyncedResource, number>>;
  readonly spc: SpcStatus;
  /** The office's opening hours where Sikka gave them; null otherwise (freshness then counts wall-clock time). */
  readonly businessHours: BusinessHours | null;
}

/** Every office's status plus what the sync itself is doing. */
export interface SyncStatus {
  /** A run is in progress. */
  readonly running: boolean;
  /** Scheduled syncing is paused by the user. */
  readonly paused: boolean;
  readonly lastRunAt: number | null;
  readonly nextRunAt: number | null;
  readonly offices: readonly OfficeSyncStatus[];
  /** How the offices' freshness is judged (the settings' threshold). */
  readonly freshness: FreshnessPolicy;
}

/** How a run ended for one office. */
export type OfficeOutcome =
  /** Data was downloaded and the copy is up to date. */
  | 'synced'
  /** Nothing had changed in Sikka since the last sync: no data was requested. */
  | 'unchanged'
  /** Stopped by (or still under) the practice's daily limit. */
  | 'paused'
  /** SPC has not uploaded the practice's data yet. */
  | 'waiting-for-data'
  | 'failed'
  /** The run was stopped (pause, quit) before the office was done; it resumes next time. */
  | 'stopped';

export interface OfficeRunResult {
  readonly officeId: string;
  readonly outcome: OfficeOutcome;
  /** Rows written (full downloads) or change-log entries applied. */
  readonly rows: number;
  readonly error: SyncErrorView | null;
}

export interface SyncRunSummary {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly offices: readonly OfficeRunResult[];
  /** A failure before any office was reached (authorized_practices refused, no connection). */
  readonly error: SyncErrorView | null;
}

/** What a run reports as it goes, in order. */
export type SyncEvent =
  | { readonly type: 'run-started'; readonly at: number }
  | { readonly type: 'office-started'; readonly officeId: string; readonly at: number }
  | { readonly type: 'progress'; readonly progress: SyncProgress }
  | { readonly type: 'office-finished'; readonly result: OfficeRunResult; readonly status: OfficeSyncStatus | null }
  | { readonly type: 'run-finished'; readonly summary: SyncRunSummary };

/** The worst state among offices, for the tray's one icon: failed > paused > syncing > waiting > never > up to date. */
export function overallState(offices: readonly Pick<OfficeSyncStatus, 'state'>[]): OfficeSyncState | null {
  const order: readonly OfficeSyncState[] = ['failed', 'paused', 'syncing', 'waiting-for-data', 'never-synced', 'up-to-date'];
  for (const state of order) if (offices.some((office) => office.state === state)) return state;
  return null;
}
