/**
 * Where appointment number i sits in the book, in O(1): the first day filled is "today" (so a
 * demo's schedule for today is full whatever the size), then the coming and past weekdays in
 * turn for about three months ahead, then ever further back into history.
 */

/** Start minutes of each provider's slots: mornings and afternoons around a lunch hour. */
export const SLOT_STARTS: readonly number[] = [480, 540, 600, 660, 780, 840, 900, 960];
const FUTURE_WEEKDAYS = 60;

/** Days since 1970-01-01 (UTC calendar arithmetic; the office's local date is what it names). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'yyyy-MM-dd' of a day number. */
export function formatDay(day: number): string {
  const date = new Date(day * 86_400_000);
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

const dayTimes = new Map<number, string>();

/** Sikka's date-time form for date-only values: '2020-09-29T00:00:00'. Memoised: records repeat a few thousand distinct days. */
export function formatDayTime(day: number): string {
  let text = dayTimes.get(day);
  if (text === undefined) {
    text = `${formatDay(day)}T00:00:00`;
    if (dayTimes.size < 200_000) dayTimes.set(day, text);
  }
  return text;
}

export function formatClock(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/**
 * The day `k` weekdays from `today` (k < 0: before). A weekend today still counts as a working
 * day (k = 0), so the demo never opens on an empty book.
 */
export function addWeekdays(today: number, k: number): number {
  if (k === 0) return today;
  const dow = weekday(today);
  let reference = today;
  let steps = k;
  if (dow > 4) {
    reference = today - (dow - 4); // the Friday before
    if (k < 0) steps = k + 1;
  }
  const d = Math.min(weekday(reference), 4);
  const total = d + steps;
  const weeks = Math.floor(total / 5);
  const rest = total - weeks * 5;
  return reference + weeks * 7 + rest - d;
}

/** Weekday offset (0 = today) of the n-th day to fill. */
export function dayOffsetOfFill(n: number): number {
  if (n === 0) return 0;
  if (n <= 2 * FUTURE_WEEKDAYS) return n % 2 === 1 ? (n + 1) / 2 : -(n / 2);
  return -(n - FUTURE_WEEKDAYS);
}

export interface SlotPlace {
  /** Weekday offset from today. */
  readonly offset: number;
  readonly day: number;
  readonly provider: number;
  readonly slot: number;
}

export function placeAppointment(index: number, today: number, providers: number): SlotPlace {
  const perDay = providers * SLOT_STARTS.length;
  const n = Math.floor(index / perDay);
  const within = index - n * perDay;
  const offset = dayOffsetOfFill(n);
  return {
    offset,
    day: addWeekdays(today, offset),
    provider: Math.floor(within / SLOT_STARTS.length),
    slot: within % SLOT_STARTS.length,
  };
}
