/**
 * The audit trail as people see it: who did what to which record, and when. An entry names
 * records by their ids (office and patient id, a day of the schedule) — never a patient's name,
 * phone or what was typed into a search — so the trail itself holds no more patient data than
 * it must.
 */
import type { Household } from './households';

/** Every kind of entry; the trail stores the name, so existing ones are never renamed. */
export const AUDIT_ACTIONS = [
  // Looking at patient data.
  'search',
  'view-patient',
  'view-household',
  'view-schedule',
  'caller-lookup',
  'export',
  // Sessions at this PC.
  'unlock',
  'lock',
  'pin-failed',
  // Profiles.
  'profile-created',
  'profile-removed',
  'pin-changed',
  'pin-reset',
  'role-changed',
  // The practice's link to Sikka and the app's settings.
  'sign-in',
  'sign-out',
  'local-copy-cleared',
  'settings-changed',
  // The trail itself.
  'audit-viewed',
  'audit-exported',
  /** Written by the app before its next entry when the trail no longer matched its checkpoint. */
  'audit-break-found',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** What an actor is: a staff profile's id, `cli:<name>` for the command line, or `system`. */
export type AuditActorKind = 'profile' | 'cli' | 'system';

export const SYSTEM_ACTOR = 'system';
export const CLI_ACTOR_PREFIX = 'cli:';

export function auditActorKind(actor: string): AuditActorKind {
  if (actor === SYSTEM_ACTOR) return 'system';
  return actor.startsWith(CLI_ACTOR_PREFIX) ? 'cli' : 'profile';
}

export interface AuditEntryView {
  /** 1, 2, 3, … with no gaps: a missing number is a removed entry. */
  readonly sequence: number;
  readonly at: number;
  readonly actor: string;
  /** The actor's name when the entry was written (a removed profile keeps its name here). */
  readonly actorName: string;
  readonly action: AuditAction;
  /** The record or thing acted on (see `auditTarget`), or null. */
  readonly target: string | null;
  /** A few words without patient data: why a lock happened, which setting changed, how many. */
  readonly detail: string | null;
  /** SHA-256 of the previous entry's hash and this entry, hex. */
  readonly hash: string;
}

/** How the chain was found. Words for people are in `explanation`; nothing in it is patient data. */
export type AuditProblem =
  /** An entry's number is not the next one: entries before it were removed. */
  | 'missing'
  /** An entry does not match its hash: it was changed, or entries were swapped. */
  | 'altered'
  /** The last checkpoint names an entry the trail no longer has: entries at the end were removed. */
  | 'tail-missing'
  /** The trail holds together but not with the last checkpoint: it was rewritten. */
  | 'rewritten'
  /** Entries follow the last checkpoint: added outside the app (or it stopped mid-write). */
  | 'not-checkpointed'
  /** The trail has entries but the checkpoint kept outside the database is gone. */
  | 'checkpoint-missing';

export type AuditVerification =
  | {
      readonly ok: true;
      readonly entries: number;
      /** The last entry, to note down elsewhere: a later trail must still contain it. */
      readonly head: { readonly sequence: number; readonly hash: string } | null;
      /** Whether a checkpoint outside the database was compared (none is kept in some tests). */
      readonly checkpoint: 'matches' | 'not-kept';
      /**
       * Entries recording that the trail was found not to match its checkpoint when the app next
       * wrote to it (entries removed from the end, rewritten, added outside the app): the chain
       * holds together again after them, but they stay as evidence.
       */
      readonly breaksFound: readonly { readonly sequence: number; readonly detail: string }[];
    }
  | {
      readonly ok: false;
      readonly problem: AuditProblem;
      /** The first entry that cannot be trusted. */
      readonly sequence: number;
      readonly entries: number;
      readonly explanation: string;
    };

/** The longest target or detail an entry keeps. */
export const AUDIT_FIELD_LIMIT = 200;

/** The ways an entry names its target; ids only, never names. */
export const auditTarget = {
  patient: (officeId: string, patientId: string): string => `office/${officeId}/patient/${patientId}`,
  guarantor: (officeId: string, guarantorId: string): string => `office/${officeId}/guarantor/${guarantorId}`,
  schedule: (officeId: string, date: string): string => `office/${officeId}/schedule/${date}`,
  /** A search or lookup across one office, or every office when null. */
  offices: (officeId: string | null): string => (officeId === null ? 'all-offices' : `office/${officeId}`),
  /** An export of one resource, from one office or all of them. */
  export: (resource: string, officeId: string | null): string => `${officeId === null ? 'all-offices' : `office/${officeId}`}/${resource}`,
  /**
   * The households a caller's number matched, each by its guarantor (or its first member when it
   * has none), as many as fit in an entry.
   */
  callerMatches: (households: readonly Pick<Household, 'officeId' | 'guarantorId' | 'members'>[]): string | null => {
    const ids = households.map((household) => household.guarantorId !== null
      ? `office/${household.officeId}/guarantor/${household.guarantorId}`
      : `office/${household.officeId}/patient/${household.members[0]?.patientId ?? 'none'}`);
    let target = '';
    for (const id of ids) {
      const next = target === '' ? id : `${target} ${id}`;
      if (next.length > AUDIT_FIELD_LIMIT) break;
      target = next;
    }
    return target === '' ? null : target;
  },
  profile: (profileId: string): string => `profile/${profileId}`,
  auditRange: (from: number | null, to: number | null): string =>
    `audit/${from === null ? 'start' : new Date(from).toISOString()}..${to === null ? 'end' : new Date(to).toISOString()}`,
} as const;
