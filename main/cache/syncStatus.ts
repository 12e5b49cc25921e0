/**
 * Each office's sync status as the cache keeps it (table office_sync_status), and the view the
 * app, tray and CLI show, built from it, the office's `authorized_practices` record and the cursors.
 */
import type { OfficeLocalTime } from '../../shared/domain/connection';
import { SYNCED_RESOURCES, type SyncedResource } from '../../shared/domain/records';
import { isRefreshing, readBusinessHours, type OfficeSyncState, type OfficeSyncStatus, type SyncErrorView } from '../../shared/domain/sync';
import { ianaZone, localTextToInstant } from '../../shared/time/officeZone';

/** What the sync engine records about an office after each run. */
export interface OfficeSyncRecord {
  readonly officeId: string;
  readonly lastAttemptAt: number | null;
  readonly lastSuccessAt: number | null;
  /** The office's data_insert_date that the last successful run brought the copy up to. */
  readonly syncedInsertDate: string | null;
  readonly lastError: SyncErrorView | null;
  /** A daily-limit stop: no call for this office before this time (epoch ms). */
  readonly pausedUntil: number | null;
  readonly nextRunAt: number | null;
}

export interface OfficeSyncStatusRow {
  office_id: string;
  last_attempt_at: number | null;
  last_success_at: number | null;
  synced_insert_date: string | null;
  last_error_code: string | null;
  last_error_explanation: string | null;
  last_error_at: number | null;
  paused_until: number | null;
  next_run_at: number | null;
}

export function toSyncRecord(row: OfficeSyncStatusRow): OfficeSyncRecord {
  return {
    officeId: row.office_id,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    syncedInsertDate: row.synced_insert_date,
    lastError: row.last_error_code === null
      ? null
      : { code: row.last_error_code, explanation: row.last_error_explanation ?? '', at: row.last_error_at ?? 0 },
    pausedUntil: row.paused_until,
    nextRunAt: row.next_run_at,
  };
}

export function fromSyncRecord(record: OfficeSyncRecord, updatedAt: number): OfficeSyncStatusRow & { updated_at: number } {
  return {
    office_id: record.officeId,
    last_attempt_at: record.lastAttemptAt,
    last_success_at: record.lastSuccessAt,
    synced_insert_date: record.syncedInsertDate,
    last_error_code: record.lastError?.code ?? null,
    last_error_explanation: record.lastError?.explanation ?? null,
    last_error_at: record.lastError?.at ?? null,
    paused_until: record.pausedUntil,
    next_run_at: record.nextRunAt,
    updated_at: updatedAt,
  };
}

/** The offices table's columns as readers select them. */
export interface OfficeRow {
  office_id: string;
  practice_id: string | null;
  practice_name: string | null;
  domain: string | null;
  pms_name: string | null;
  pms_version: string | null;
  pms_refresh_date: string | null;
  time_zone: string | null;
  data_synchronization_date: string | null;
  data_insert_date: string | null;
}

/** An office row joined with its status row (all status columns null when it has none). */
export type OfficeStatusSource = Omit<OfficeRow, 'practice_id'> & Omit<OfficeSyncStatusRow, 'office_id'> & OfficeFreshnessColumns;

/** What freshness needs of an office beyond authorized_practices (migration 004). */
export interface OfficeFreshnessColumns {
  data_sync_status: string | null;
  data_sync_checked_at: number | null;
  business_hours: string | null;
}

export interface CursorSummary {
  readonly resource: string;
  readonly rowCount: number;
  readonly fullCompletedAt: number | null;
}

function localTime(local: string | null, timeZone: string | null): OfficeLocalTime | null {
  if (local === null || local.trim() === '') return null;
  return { local, timeZone, at: localTextToInstant(local, timeZone) };
}

function stateOf(source: OfficeStatusSource, record: OfficeSyncRecord, now: number): OfficeSyncState {
  if (record.pausedUntil !== null && record.pausedUntil > now) return 'paused';
  if (record.lastError !== null && (record.lastSuccessAt === null || record.lastError.at >= record.lastSuccessAt)) return 'failed';
  if (record.lastSuccessAt !== null) return 'up-to-date';
  return source.data_insert_date === null ? 'waiting-for-data' : 'never-synced';
}

export function officeSyncStatusView(source: OfficeStatusSource, cursors: readonly CursorSummary[], now: number): OfficeSyncStatus {
  const record = toSyncRecord(source);
  const counts: Record<SyncedResource, number> = { practices: 0, providers: 0, guarantors: 0, patients: 0, appointments: 0 };
  const completions: (number | null)[] = [];
  for (const resource of SYNCED_RESOURCES) {
    const cursor = cursors.find((c) => c.resource === resource);
    counts[resource] = cursor?.rowCount ?? 0;
    completions.push(cursor?.fullCompletedAt ?? null);
  }
  const paused = record.pausedUntil !== null && record.pausedUntil > now;
  return {
    officeId: source.office_id,
    practiceName: source.practice_name,
    domain: source.domain,
    state: stateOf(source, record, now),
    lastAttemptAt: record.lastAttemptAt,
    lastSuccessAt: record.lastSuccessAt,
    lastError: record.lastError,
    nextRunAt: record.nextRunAt,
    quota: { limited: paused, code: paused ? record.lastError?.code ?? null : null, resumesAt: paused ? record.pausedUntil : null },
    lastFullSyncAt: completions.some((at) => at === null) ? null : Math.min(...completions.map((at) => at ?? 0)),
    counts,
    spc: {
      practiceManagementSystem: source.pms_name,
      practiceManagementSystemVersion: source.pms_version,
      refreshedAt: localTime(source.pms_refresh_date, source.time_zone),
      synchronizedAt: localTime(source.data_synchronization_date, source.time_zone),
      insertedAt: localTime(source.data_insert_date, source.time_zone),
      timeZone: source.time_zone,
      ianaTimeZone: ianaZone(source.time_zone) ?? null,
      dataSyncStatus: source.data_sync_status === null
        ? null
        : { status: source.data_sync_status, refreshing: isRefreshing(source.data_sync_status), checkedAt: source.data_sync_checked_at ?? now },
    },
    businessHours: readBusinessHours(source.business_hours),
  };
}
