/**
 * "Now" as the office's wall clock: appointment dates and times are the practice's local time,
 * and Sikka names the practice's zone the Windows way ("Eastern Standard Time").
 */
import { ianaZone, localParts, systemZone } from '../../shared/time/officeZone';

// Kept for main/auth/officeView.ts, which reads office dates through the cache's clock.
export { ianaZone } from '../../shared/time/officeZone';

export interface LocalMoment {
  /** yyyy-mm-dd */
  readonly date: string;
  /** Minutes after local midnight. */
  readonly minute: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The office's local date and minute at `now`; the computer's own zone when the office's is unknown. */
export function officeLocalMoment(now: number, windowsZone: string | null): LocalMoment {
  const parts = localParts(now, ianaZone(windowsZone) ?? systemZone());
  return {
    date: `${String(parts.year).padStart(4, '0')}-${pad2(parts.month)}-${pad2(parts.day)}`,
    minute: parts.hour * 60 + parts.minute,
  };
}
