/**
 * Sikka passes each practice management system's own appointment status through ("Confirmed",
 * "Broken", "Checked Out", "Arrived"…); the schedule colours the common meanings and always shows
 * the words themselves.
 */
import type { Tone } from './officeStatus';

const RULES: readonly (readonly [RegExp, Tone])[] = [
  [/broken|cancel|no[- ]?show|missed|fail/i, 'danger'],
  [/complete|checked ?out|done|finished/i, 'neutral'],
  [/arrived|checked ?in|seated|in ?chair|ready|here/i, 'info'],
  [/unconfirmed|not confirmed|pending|wait/i, 'warning'],
  [/confirm/i, 'good'],
];

export function appointmentTone(status: string | null): Tone {
  if (status === null) return 'neutral';
  for (const [pattern, tone] of RULES) if (pattern.test(status)) return tone;
  return 'neutral';
}
