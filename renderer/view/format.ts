/**
 * How the screens write dates, phones and durations: dates and times in the PC's regional format
 * (its locale's order and hour cycle, or the hour cycle the settings ask for), office times in
 * the office's zone and named, this PC's own events on its clock (see shared/time/relative.ts).
 *
 * The display is set once by the store (setTimeDisplay) whenever the locale, the clock setting or
 * the offices' zones change, rather than passed down through every screen: each function here reads
 * it, and the App re-renders everything when it changes. Otherwise pure, so the tests read them
 * directly (with an explicit locale).
 */
import type { OfficeLocalTime } from '../../shared/domain/connection';
import { ianaZone, parseLocal } from '../../shared/time/officeZone';
import { formatAgo, formatOfficeTime, formatPcTime, hourCycleOptions, pcZoneLabel, pcZoneOf, type TimeDisplay } from '../../shared/time/relative';

let display: TimeDisplay = {};
let officeZones: readonly (string | null)[] = [];

/** The PC's locale and clock setting, and the zones of the offices on screen (to tell the PC's clock from theirs). */
export function setTimeDisplay(next: TimeDisplay, zones: readonly (string | null)[] = officeZones): void {
  display = next;
  officeZones = zones;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A formatter in the PC's locale; UTC unless the options say, for wall-clock dates that no zone may shift. */
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${display.locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(display.locale, { timeZone: 'UTC', ...options });
    formats.set(key, format);
  }
  return format;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Mar 14, 1985" (en-US), "14 Mar 1985" (en-GB); anything unreadable is shown as Sikka sent it. */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') return '';
  const date = utcDate(iso);
  return date === null ? iso : dateFormat({ month: 'short', day: 'numeric', year: 'numeric' }).format(date);
}

/** "Tuesday, March 4, 2025" for a schedule's heading. */
export function formatLongDate(iso: string): string {
  const date = utcDate(iso);
  return date === null ? iso : dateFormat({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(date);
}

/** "Tue, Mar 4, 2025" for appointment lists. */
export function formatShortDay(iso: string | null): string {
  if (iso === null) return '';
  const date = utcDate(iso);
  return date === null ? iso : dateFormat({ weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(date);
}

export function addDays(iso: string, days: number): string {
  const date = utcDate(iso);
  if (date === null) return iso;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Today's date on the office's wall clock (the PC's own zone when the office's is unknown). */
export function officeToday(now: number, ianaTimeZone: string | null): string {
  const format = (zone: string | undefined): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
  try {
    return format(ianaTimeZone ?? undefined);
  } catch {
    return format(undefined);
  }
}

/** Whole years from a birth date to `today` (both ISO); null when either is unreadable. */
export function ageOn(birthdate: string | null, today: string): number | null {
  const born = birthdate === null ? null : ISO_DATE.exec(birthdate);
  const on = ISO_DATE.exec(today);
  if (!born || !on) return null;
  let years = Number(on[1]) - Number(born[1]);
  if (`${on[2]}-${on[3]}` < `${born[2]}-${born[3]}`) years -= 1;
  return years >= 0 && years < 150 ? years : null;
}

/** North American ten-digit numbers as "(555) 123-4567"; anything else as Sikka sent it. */
export function formatPhone(phone: string | null): string {
  if (phone === null) return '';
  const digits = phone.replace(/\D/g, '');
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return national.length === 10 ? `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}` : phone.trim();
}

/** An appointment's wall-clock time as Sikka sent it ("14:00") written as the PC writes times ("2:00 PM" for en-US); anything unreadable as sent. */
export function formatWallTime(time: string | null): string {
  if (time === null) return '';
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(time.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (match === null || hour > 23 || minute > 59) return time.trim();
  return dateFormat({ hour: 'numeric', minute: '2-digit', ...hourCycleOptions(display) }).format(Date.UTC(2000, 0, 1, hour, minute));
}

/** "2,310" (en-US), "2.310" (de-DE): a count in the PC's regional format. */
export function formatCount(count: number): string {
  return count.toLocaleString(display.locale);
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null || minutes <= 0) return '';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A time Sikka sent in the office's zone. With the office's IANA zone and the instant, it reads
 * like the tray ("9:12 AM CT", "Mar 3, 9:12 AM CT"); otherwise Sikka's own wall-clock text and
 * the Windows zone name are shown, which still say the office's time.
 */
export function formatOfficeLocalTime(time: OfficeLocalTime, ianaTimeZone: string | null, now: number): string {
  const zone = ianaTimeZone ?? ianaZone(time.timeZone) ?? null;
  if (time.at !== null && zone !== null) {
    try {
      return formatOfficeTime(time.at, zone, now, display);
    } catch {
      // A zone this runtime does not know: fall through to Sikka's text.
    }
  }
  const parts = parseLocal(time.local);
  // The wall-clock time as Sikka sent it, written as the PC writes times (formatted as if in UTC, so nothing shifts it).
  const text = parts === undefined
    ? time.local.trim()
    : dateFormat({ month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', ...hourCycleOptions(display) }).format(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute));
  return time.timeZone === null ? text : `${text} (${time.timeZone})`;
}

/** A moment on an office's clock, named ("2:00 PM CT"); the PC's, named, when the office's zone is unknown. */
export function formatOfficeMoment(at: number, ianaTimeZone: string | null, now: number): string {
  return formatOfficeTime(at, ianaTimeZone, now, display);
}

/** "just now", "3 min ago"…, or "" when unknown. */
export function ago(at: number | null | undefined, now: number): string {
  return at == null ? '' : formatAgo(at, now);
}

/** A moment of this PC's own (a sync, a lock-out) on its clock: "2:00 PM", with the PC's zone where an office keeps another. */
export function formatPcMoment(at: number, now: number): string {
  return formatPcTime(at, now, display, officeZones);
}

/** The same, with how long ago. */
export function formatMoment(at: number, now: number): string {
  return `${formatPcMoment(at, now)} (${formatAgo(at, now)})`;
}

/** A moment still to come, on this PC's clock. */
export function formatUpcoming(at: number, now: number): string {
  return at <= now ? 'any moment now' : formatPcMoment(at, now);
}

/** "Mar 4, 2025, 9:00:15 AM" on this PC's clock, to the second (the audit trail is read closely); its zone where an office keeps another. */
export function formatPcSecond(at: number): string {
  const text = dateFormat({ timeZone: pcZoneOf(display), year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit', ...hourCycleOptions(display) }).format(at);
  const label = pcZoneLabel(at, display, officeZones);
  return label === null ? text : `${text} ${label}`;
}
