import type { SikkaRecord } from '../../shared/domain/records';
import { transportError, type SikkaApiError } from './errors';

/** What happened to a record, from a change-log entry's `flag`. */
export type ChangeKind = 'added' | 'deleted' | 'updated';

/** One change-log entry: the typed kind beside the record exactly as Sikka sent it (flag included). */
export interface ChangeEntry {
  readonly change: ChangeKind;
  readonly record: SikkaRecord;
}

/** Sikka writes flags as "Added", "Deleted", "added", "deleted", "updated" (practice_events). */
export function changeKindOf(flag: unknown): ChangeKind | undefined {
  if (typeof flag !== 'string') return undefined;
  switch (flag.trim().toLowerCase()) {
    case 'added':
      return 'added';
    case 'deleted':
      return 'deleted';
    case 'updated':
      return 'updated';
    default:
      return undefined;
  }
}

/** A change log is only usable whole: an entry without a known flag cannot be applied, so the page is refused. */
export function readChanges(records: readonly SikkaRecord[]): readonly ChangeEntry[] | SikkaApiError {
  const entries: ChangeEntry[] = [];
  for (const record of records) {
    const change = changeKindOf(record['flag']);
    if (change === undefined) return transportError('MALFORMED_RESPONSE', 'A change-log entry from Sikka has no added/deleted/updated flag.', { retryable: false });
    entries.push({ change, record });
  }
  return entries;
}
