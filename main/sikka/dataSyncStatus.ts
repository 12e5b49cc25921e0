import type { SikkaRecord } from '../../shared/domain/records';
import { isRefreshing } from '../../shared/domain/sync';

/**
 * One office of v4's `data_sync_status`: "'Status' in api response should be equal to 'refresh' to
 * make sure data you are receiving via api is correct"; "not_refresh" means Sikka has not been able
 * to connect to the practice management system for more than 24 hours (v4 collection, Support APIs).
 */
export interface DataSyncStatusRecord {
  readonly officeId: string;
  /** As Sikka wrote it. */
  readonly status: string;
  /** The status is "refresh" (the docs' table also writes the other one "not refresh"). */
  readonly refreshing: boolean;
}

/** An entry without an office id or a status says nothing about any office: left out. */
export function readDataSyncStatus(record: SikkaRecord): DataSyncStatusRecord | undefined {
  const officeId = typeof record['office_id'] === 'string' ? record['office_id'].trim() : '';
  const status = typeof record['status'] === 'string' ? record['status'].trim() : '';
  if (officeId === '' || status === '') return undefined;
  return { officeId, status, refreshing: isRefreshing(status) };
}
