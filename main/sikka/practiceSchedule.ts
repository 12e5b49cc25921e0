/**
 * An office's opening hours from v4's `practice_schedule` (with `fields=get_all`): per resource
 * (the practice, a provider, an operatory) and week (`date`, the week's first day), up to three
 * open spans a weekday (`monday_start_1` … `monday_end_3`) and a holiday flag per weekday. The
 * collection shows field names only, not the values' format, so times are read as any clock text
 * ("08:00", "8:00 AM", "08:00:00", a date and time) and anything unreadable is no span.
 *
 * The practice's own rows say when it is open; without one, the union of its providers' and
 * operatories' hours does (the practice is open when anyone works). The week in force is the
 * latest that has begun.
 */
import type { SikkaRecord } from '../../shared/domain/records';
import type { BusinessHours, OpenSpan } from '../../shared/domain/sync';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const SPANS_A_DAY = 3;
const CLOCK = /(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?/;
const DAY = /^(\d{4}-\d{2}-\d{2})/;

function text(record: SikkaRecord, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value.trim() : '';
}

/** Minutes after midnight, or undefined. */
export function clockMinutes(value: string): number | undefined {
  const match = CLOCK.exec(value);
  if (match === null) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const meridiem = match[3]?.toLowerCase().replace(/\./g, '');
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return undefined;
  return hour * 60 + minute;
}

function isHoliday(value: string): boolean {
  return /^(1|true|yes|y|t)$/i.test(value);
}

function spansOf(record: SikkaRecord, weekday: (typeof WEEKDAYS)[number]): OpenSpan[] {
  if (isHoliday(text(record, `${weekday}_holiday`))) return [];
  const spans: OpenSpan[] = [];
  for (let n = 1; n <= SPANS_A_DAY; n++) {
    const from = clockMinutes(text(record, `${weekday}_start_${n}`));
    let to = clockMinutes(text(record, `${weekday}_end_${n}`));
    // A span that ends at midnight ends the day.
    if (to === 0 && from !== undefined && from > 0) to = 1440;
    if (from !== undefined && to !== undefined && from < to) spans.push({ from, to });
  }
  return spans;
}

function merged(spans: readonly OpenSpan[]): OpenSpan[] {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  const out: OpenSpan[] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last !== undefined && span.from <= last.to) out[out.length - 1] = { from: last.from, to: Math.max(last.to, span.to) };
    else out.push(span);
  }
  return out;
}

/** The office's opening hours from its practice_schedule rows on `today` ('yyyy-mm-dd', the office's); null when they open at no time. */
export function businessHoursFromSchedule(records: readonly SikkaRecord[], today: string): BusinessHours | null {
  const practiceRows = records.filter((record) => /practice|office|clinic/i.test(text(record, 'resource_type')));
  const rows = practiceRows.length > 0 ? practiceRows : records;
  const weekOf = (record: SikkaRecord): string | undefined => DAY.exec(text(record, 'date'))?.[1];
  const begun = rows.map(weekOf).filter((week): week is string => week !== undefined && week <= today).sort();
  const week = begun.at(-1);
  const inForce = rows.filter((record) => weekOf(record) === undefined || week === undefined || weekOf(record) === week);
  const days = WEEKDAYS.map((weekday) => merged(inForce.flatMap((record) => spansOf(record, weekday))));
  return days.some((spans) => spans.length > 0) ? { days } : null;
}
