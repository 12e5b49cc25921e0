/**
 * Change-log windows in Sikka's own time. The mark a sync reaches is the office's
 * `data_insert_date` (office-local wall clock, when SPC last finished loading data), not this
 * PC's clock: the next window runs from the last mark, less an overlap, to the new mark. Replaying
 * a stretch of the change log twice is harmless (each entry is a whole record added or deleted,
 * applied in order), so the overlap only guards against entries stamped a little before the mark.
 */
import { compareLocal, formatLocal, ianaZone, localParts, parseLocal, shiftLocal } from '../../shared/time/officeZone';

const HOUR_MS = 60 * 60_000;

/**
 * The office's mark as a query parameter ('yyyy-MM-ddTHH:mm:ss', office time): its
 * data_insert_date, or, when Sikka sent none readable, this PC's clock in the office's zone (UTC
 * when the zone is unknown too).
 */
export function officeMark(dataInsertDate: string | undefined, timeZone: string | undefined, now: number): string {
  const parts = dataInsertDate === undefined ? undefined : parseLocal(dataInsertDate);
  return formatLocal(parts ?? localParts(now, ianaZone(timeZone) ?? 'UTC'), 'T');
}

/**
 * Where the next change-log request starts: `overlapMs` before the last mark. When the new mark
 * lies before the last one (a DST fall-back repeats an hour of wall-clock time, or SPC's clock was
 * corrected), it starts an hour before the new mark as well, so nothing in between is skipped.
 */
export function windowStart(lastMark: string, newMark: string, overlapMs: number): string {
  const last = parseLocal(lastMark);
  const next = parseLocal(newMark);
  if (next === undefined) throw new RangeError('A change-log mark must be a date and time.');
  const from = last === undefined || compareLocal(last, next) > 0 ? shiftLocal(next, -HOUR_MS) : last;
  return formatLocal(shiftLocal(from, -overlapMs), 'T');
}
