/**
 * Where the sync reads a resource's changes from. Two sources exist (v2 guide and v4 "Modified
 * Records"): the resource's own change log (`/v4/patients?loaded_startdate=…&loaded_enddate=…`,
 * Added/Deleted entries, an edit as both) and `practice_events?events=patients` (added / updated /
 * deleted, each with its `changes`).
 *
 * The resource's own log is the default, on v4 too:
 * - v4 "Modified Records" recommends practice_events only for short windows: "Use it for short
 *   time range. like 24 hours or less. Response will be slow and data accuracy will be affected
 *   if given date range is too big." A sync's window runs from the last mark to the office's new
 *   data_insert_date, which after a weekend with the PC off is days, and the copy must be exact.
 * - practice_events documents no `fields` parameter (its example answers v4's default fields),
 *   while the resource's log is the same endpoint as the full pull and takes `fields=get_all`, so
 *   a changed record arrives with the same fields as the pulled one the cache keeps.
 * - "Limitations: Currently you will be able to get events from patients, appointments, …,
 *   guarantors, …, practices, providers, …": veterinary_patients is not among them, so a
 *   Veterinary office's pets need the resource's log anyway.
 * practice_events can be chosen (fewer entries: one "updated" per edit, and `status=current`
 * sends each record's latest change only); it is then used where its documents allow it — a
 * window of at most 24 hours of a listed collection — and the resource's log elsewhere.
 */
import type { SikkaRecord } from '../../shared/domain/records';
import { compareLocal, parseLocal, shiftLocal } from '../../shared/time/officeZone';
import type { ChangeSource } from '../sikka/client';

export type { ChangeSource } from '../sikka/client';

export const DEFAULT_CHANGE_SOURCE: ChangeSource = 'resource';

/** "Use it for short time range. like 24 hours or less." (v4 practice_events) */
export const PRACTICE_EVENTS_MAX_WINDOW_MS = 24 * 60 * 60_000;

/** The collections v4 "Modified Records" lists under practice_events' limitations (those the sync reads). */
const PRACTICE_EVENTS_COLLECTIONS: ReadonlySet<string> = new Set(['patients', 'appointments', 'guarantors', 'practices', 'providers']);

/** What practice_events adds to each record: when it was loaded and which fields changed. */
const EVENT_FIELDS = ['loadeddate', 'changes'] as const;

/**
 * The source for one resource's window (office-local 'yyyy-MM-ddTHH:mm:ss' start and end): the
 * one preferred where its documents allow it, else the resource's own log.
 */
export function changeSourceFor(preferred: ChangeSource, collectionPath: string, windowStart: string, windowEnd: string): ChangeSource {
  if (preferred !== 'practiceEvents' || !PRACTICE_EVENTS_COLLECTIONS.has(collectionPath)) return 'resource';
  const start = parseLocal(windowStart);
  const end = parseLocal(windowEnd);
  if (start === undefined || end === undefined) return 'resource';
  return compareLocal(shiftLocal(start, PRACTICE_EVENTS_MAX_WINDOW_MS), end) >= 0 ? 'practiceEvents' : 'resource';
}

/** A change entry's record as the cache keeps it: practice_events' own fields taken off (the writer takes `flag`). */
export function changedRecord(record: SikkaRecord, source: ChangeSource): SikkaRecord {
  if (source !== 'practiceEvents' || !EVENT_FIELDS.some((field) => Object.hasOwn(record, field))) return record;
  return Object.fromEntries(Object.entries(record).filter(([field]) => !(EVENT_FIELDS as readonly string[]).includes(field)));
}
