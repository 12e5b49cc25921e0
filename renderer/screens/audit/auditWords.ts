/** How the audit screen says what happened, who did it and when. Pure, so tests read them directly. */
import { auditActorKind, type AuditAction, type AuditEntryView, type AuditProblem } from '../../../shared/domain/audit';

export const AUDIT_ACTION_WORDS: Readonly<Record<AuditAction, string>> = {
  search: 'Searched patients',
  'view-patient': 'Opened a patient',
  'view-household': 'Opened a household',
  'view-schedule': 'Opened a day\u2019s schedule',
  'caller-lookup': 'Looked up a caller',
  export: 'Exported records',
  unlock: 'Unlocked',
  lock: 'Locked',
  'pin-failed': 'Wrong PIN',
  'profile-created': 'Added a profile',
  'profile-removed': 'Removed a profile',
  'pin-changed': 'Changed own PIN',
  'pin-reset': 'Gave a profile a new PIN',
  'role-changed': 'Changed a role',
  'sign-in': 'Connected to Sikka',
  'sign-out': 'Signed out of Sikka',
  'local-copy-cleared': 'Cleared the copy on this PC',
  'settings-changed': 'Changed settings',
  'audit-viewed': 'Viewed the audit trail',
  'audit-exported': 'Exported the audit trail',
  'audit-break-found': 'Found the trail changed',
};

/** The headline for a chain that does not hold; the main process's explanation follows it. */
export const AUDIT_PROBLEM_TITLES: Readonly<Record<AuditProblem, string>> = {
  missing: 'Entries were removed from the audit trail',
  altered: 'An entry in the audit trail was changed',
  'tail-missing': 'The latest entries of the audit trail were removed',
  rewritten: 'The audit trail was rewritten',
  'not-checkpointed': 'Entries were added to the audit trail outside the app',
  'checkpoint-missing': 'The audit trail\u2019s checkpoint is missing',
};

/** Who acted, marked when it was not a staff profile at this PC. */
export function actorMarker(entry: Pick<AuditEntryView, 'actor'>): string | null {
  switch (auditActorKind(entry.actor)) {
    case 'cli':
      return 'command line';
    case 'system':
      return 'the app';
    case 'profile':
      return null;
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day from a date field as epoch ms on this PC's clock, as the CLI reads `--from`/`--to`: the
 * day's start, or for `to` the next day's start (the trail's `to` is exclusive, the day included).
 * Null for an empty or unreadable field.
 */
export function dayBoundary(day: string, which: 'from' | 'to'): number | null {
  const match = DAY.exec(day);
  if (match === null) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(year, month - 1, date);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return null;
  return which === 'from' ? start.getTime() : new Date(year, month - 1, date + 1).getTime();
}
