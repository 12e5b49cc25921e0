/**
 * How the app says when something happened, the same in the tray and on every screen:
 * "just now", "3 min ago", "2 h ago", "yesterday", then a date; and a moment's clock time as this
 * PC writes it — its regional locale's hour cycle ("2:00 PM" for en-US, "14:00" for en-GB)
 * unless the settings say 12 or 24 hours — with one naming of zones (zoneName.ts): an office's
 * times always carry its zone ("9:12 AM CT"); this PC's own events carry the PC's zone only where
 * some office keeps another clock, so the two are never mistaken for each other.
 */
import { zoneShortName } from './zoneName';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatAgo(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 2 * DAY) return 'yesterday';
  return `${Math.floor(elapsed / DAY)} days ago`;
}

/** The hour cycle: as the PC's regional format has it, or fixed by the settings. */
export const CLOCK_PREFERENCES = ['system', '12h', '24h'] as const;
export type ClockPreference = (typeof CLOCK_PREFERENCES)[number];

/** How this PC writes times. Every field left out means "as the runtime has it". */
export interface TimeDisplay {
  /** The PC's regional format as a BCP 47 tag, e.g. "en-US" (Electron's app.getSystemLocale()). */
  readonly locale?: string | undefined;
  readonly clock?: ClockPreference | undefined;
  /** The PC's IANA zone, read once per state change by the app (reading it per time written is slow); absent, the runtime's. */
  readonly pcZone?: string | undefined;
}

/**
 * The OS's locale as a tag Intl takes ("en_US.UTF-8" → "en-US"), or undefined when it names none
 * Intl knows ("C", ""): a bad tag would make every time on screen throw.
 */
export function usableLocale(tag: string | null | undefined): string | undefined {
  const plain = tag?.split(/[.@]/)[0]?.replace(/_/g, '-').trim() ?? '';
  if (plain === '') return undefined;
  try {
    const [canonical] = Intl.getCanonicalLocales(plain);
    return canonical !== undefined && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0 ? canonical : undefined;
  } catch {
    return undefined;
  }
}

const HOUR_CYCLE: Readonly<Record<ClockPreference, 'h12' | 'h23' | undefined>> = { system: undefined, '12h': 'h12', '24h': 'h23' };

/** Intl's options for the display's hour cycle: none (the locale's own), or the one the settings fix. */
export function hourCycleOptions(display: TimeDisplay): { hourCycle?: 'h12' | 'h23' } {
  const hourCycle = HOUR_CYCLE[display.clock ?? 'system'];
  return hourCycle === undefined ? {} : { hourCycle };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(display: TimeDisplay, zone: string | undefined, withDay: boolean): Intl.DateTimeFormat {
  const key = `${display.locale ?? ''}\u0000${display.clock ?? 'system'}\u0000${zone ?? ''}\u0000${String(withDay)}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(display.locale, {
      timeZone: zone,
      ...(withDay ? { month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      ...hourCycleOptions(display),
    });
    formatters.set(key, found);
  }
  return found;
}

const days = new Map<string, Intl.DateTimeFormat>();

function calendarDay(at: number, zone: string): string {
  let day = days.get(zone);
  if (day === undefined) {
    day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    days.set(zone, day);
  }
  return day.format(at);
}

/** The zone this PC runs in, as the display names it or the runtime has it. */
export function pcZoneOf(display: TimeDisplay): string {
  return display.pcZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "2:00 PM" today, "Mar 3, 2:00 PM" on another day, on the clock of `zone`. */
function clockTime(at: number, zone: string, now: number, display: TimeDisplay): string {
  return formatter(display, zone, calendarDay(at, zone) !== calendarDay(now, zone)).format(at);
}

/**
 * A moment on the office's wall clock with the zone's short name ("9:12 AM CT", "Mar 3, 9:12 AM
 * CT"), so staff in another zone read the practice's own time. Without the office's zone, the
 * PC's, still named.
 */
export function formatOfficeTime(at: number, ianaTimeZone: string | null, now: number, display: TimeDisplay = {}): string {
  const zone = ianaTimeZone ?? pcZoneOf(display);
  return `${clockTime(at, zone, now, display)} ${zoneShortName(zone, at, display.locale)}`;
}

/**
 * A moment of this PC's own (a sync, an audit entry, a lock-out) on the PC's clock: "2:00 PM",
 * with the PC's zone when `officeZones` holds one that keeps another clock.
 */
export function formatPcTime(at: number, now: number, display: TimeDisplay = {}, officeZones: readonly (string | null)[] = []): string {
  const text = clockTime(at, pcZoneOf(display), now, display);
  const label = pcZoneLabel(at, display, officeZones);
  return label === null ? text : `${text} ${label}`;
}

/** The PC's zone's short name where an office in `officeZones` keeps another clock at `at`; null where they all read as the PC's. */
export function pcZoneLabel(at: number, display: TimeDisplay, officeZones: readonly (string | null)[]): string | null {
  const pcZone = pcZoneOf(display);
  const pc = zoneShortName(pcZone, at, display.locale);
  const wall = (zone: string): string => formatter({ ...display, clock: '24h' }, zone, true).format(at);
  const differs = officeZones.some((zone) => {
    if (zone === null || zone === pcZone) return false;
    try {
      return wall(zone) !== wall(pcZone) || zoneShortName(zone, at, display.locale) !== pc;
    } catch {
      return false;
    }
  });
  return differs ? pc : null;
}
