/**
 * `practice_events?events=<api>`: a collection's change log as Sikka's practice_events tells it
 * (v4 "Modified Records"). Each entry is the record as the API serves it plus `loadeddate`,
 * `flag` ("added" | "updated" | "deleted") and `changes: [{field, old_value, new_value}]`; an edit,
 * which the resource's own change log shows as Deleted then Added, is one "updated" entry whose
 * changes name the fields that differ.
 */
import type { Rec } from './generator';
import type { ChangeEntry } from './liveCollection';

export type EventFlag = 'added' | 'updated' | 'deleted';

export interface FieldChange {
  readonly field: string;
  readonly old_value: string;
  readonly new_value: string;
}

export interface PracticeEvent {
  readonly at: number;
  readonly flag: EventFlag;
  /** The record as served (old version for a deletion, new one otherwise). */
  readonly record: Rec;
  readonly changes: readonly FieldChange[];
}

export interface PracticeEventOptions {
  /** The record in the API version's shape with every field, which the changes compare. */
  readonly present: (record: Rec) => Rec;
  readonly idField: string;
  readonly flag?: EventFlag | undefined;
  /** `status=current`: only each record's latest event. */
  readonly latestOnly?: boolean | undefined;
}

function text(value: Rec[string] | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields whose values differ, in the new record's order, then any the new record lacks. */
export function fieldChanges(before: Rec, after: Rec): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    const oldValue = text(before[field]);
    const newValue = text(after[field]);
    if (oldValue !== newValue) changes.push({ field, old_value: oldValue, new_value: newValue });
  }
  for (const field of Object.keys(before)) {
    if (!Object.hasOwn(after, field)) changes.push({ field, old_value: text(before[field]), new_value: '' });
  }
  return changes;
}

/** Change-log entries (in time order) as practice events. */
export function practiceEvents(entries: readonly ChangeEntry[], options: PracticeEventOptions): PracticeEvent[] {
  const events: PracticeEvent[] = [];
  let before: Rec | undefined;
  for (const entry of entries) {
    if (entry.edit === 'before') {
      before = options.present(entry.record);
      continue;
    }
    const record = options.present(entry.record);
    if (entry.edit === 'after' && before !== undefined) events.push({ at: entry.at, flag: 'updated', record, changes: fieldChanges(before, record) });
    else events.push({ at: entry.at, flag: entry.flag === 'Added' ? 'added' : 'deleted', record, changes: [] });
    before = undefined;
  }
  const latest = options.latestOnly === true ? latestPerRecord(events, options.idField) : events;
  return options.flag === undefined ? latest : latest.filter((event) => event.flag === options.flag);
}

function latestPerRecord(events: readonly PracticeEvent[], idField: string): PracticeEvent[] {
  const last = new Map<string, number>();
  events.forEach((event, index) => last.set(text(event.record[idField]), index));
  return events.filter((event, index) => last.get(text(event.record[idField])) === index);
}
