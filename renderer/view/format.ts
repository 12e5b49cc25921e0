/** How the screens write dates, phones and durations. Pure, so the tests read them directly. */
import type { OfficeLocalTime } from '../../shared/domain/connection';
import { formatAgo, formatOfficeTime } from '../../shared/time/relative';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Mar 14, 1985"; anything unreadable is shown as Sikka sent it. */
export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') return '';
  const date = utcDate(iso);
  return date === null ? iso : new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(date);
}

/** "Tuesday, March 4, 2025" for a schedule's heading. */
export function formatLongDate(iso: string): string {
  const date = utcDate(iso);
  return date === null ? iso : new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(date);
}

/** "Tue, Mar 4, 2025" for appointment lists. */
export function formatShortDay(iso: string | null): string {
  if (iso === null) return '';
  const date = utcDate(iso);
  return date === null ? iso : new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(date);
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

export function formatMinutes(minutes: number | null): string {
  if (minutes === null || minutes <= 0) return '';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A time Sikka sent in the office's zone. With the office's IANA zone and the instant, it reads
 * like the tray ("09:12 ET", "Mar 3 09:12 ET"); otherwise Sikka's own wall-clock text and the
 * Windows zone name are shown, which still say the office's time.
 */
export function formatOfficeLocalTime(time: OfficeLocalTime, ianaTimeZone: string | null, now: number): string {
  if (time.at !== null && ianaTimeZone !== null) {
    try {
      return formatOfficeTime(time.at, ianaTimeZone, now);
    } catch {
      // A zone this runtime does not know: fall through to Sikka's text.
    }
  }
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/.exec(time.local.trim());
  const text = match ? `${formatDate(match[1] ?? '')} ${match[2] ?? ''}` : time.local.trim();
  return time.timeZone === null ? text : `${text} (${time.timeZone})`;
}

/** "just now", "3 min ago"…, or "" when unknown. */
export function ago(at: number | null | undefined, now: number): string {
  return at == null ? '' : formatAgo(at, now);
}

/** A moment on this PC's clock, as the tray writes it, with how long ago. */
export function formatMoment(at: number, now: number): string {
  return `${formatOfficeTime(at, null, now)} (${formatAgo(at, now)})`;
}

/** A moment still to come, on this PC's clock. */
export function formatUpcoming(at: number, now: number): string {
  return at <= now ? 'any moment now' : formatOfficeTime(at, null, now);
}
