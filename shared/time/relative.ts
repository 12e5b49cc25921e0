/**
 * How the app says when something happened, the same in the tray and on every screen:
 * "just now", "3 min ago", "2 h ago", "yesterday", then a date.
 */
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

/**
 * A moment as the office's wall clock shows it, with the zone's short generic name ("09:12 ET"),
 * so staff in another zone read the practice's own time.
 */
export function formatOfficeTime(at: number, ianaTimeZone: string | null, now: number): string {
  const zone = ianaTimeZone ?? undefined;
  const time = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortGeneric' }).format(new Date(at));
  const sameDay = (moment: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(moment));
  if (sameDay(at) === sameDay(now)) return time;
  const day = new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric' }).format(new Date(at));
  return `${day} ${time}`;
}
