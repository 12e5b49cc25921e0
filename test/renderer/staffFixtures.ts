/** Staff profiles and audit entries for the renderer's tests: names of people at the desk, never patients. */
import type { AuditEntryView } from '../../shared/domain/audit';
import type { StaffProfileView } from '../../shared/domain/staff';
import { NOW } from './fixtures';

/** Every fixture profile's PIN (the rules of pinProblem accept it). */
export const STAFF_PIN = '602948';
/** A PIN the rules accept that is nobody's. */
export const OTHER_PIN = '731950';

const DAY = 86_400_000;

export const manager: StaffProfileView = {
  profileId: 'prof-manager',
  name: 'dana',
  displayName: 'Dana Whitfield',
  role: 'manager',
  createdAt: NOW - 30 * DAY,
  pinChangedAt: NOW - 30 * DAY,
  lockedOutUntil: null,
};

export const frontDesk: StaffProfileView = {
  profileId: 'prof-front',
  name: 'sam',
  displayName: 'Sam Okafor',
  role: 'staff',
  createdAt: NOW - 20 * DAY,
  pinChangedAt: NOW - 20 * DAY,
  lockedOutUntil: null,
};

export const profiles: readonly StaffProfileView[] = [manager, frontDesk];

/** Newest last, as written; each names records by id only. */
export const auditEntries: readonly AuditEntryView[] = [
  { sequence: 1, at: NOW - 30 * DAY, actor: manager.profileId, actorName: manager.displayName, action: 'profile-created', target: `profile/${manager.profileId}`, detail: 'first manager', hash: 'a1'.repeat(32) },
  { sequence: 2, at: NOW - 30 * DAY + 1_000, actor: manager.profileId, actorName: manager.displayName, action: 'unlock', target: `profile/${manager.profileId}`, detail: null, hash: 'b2'.repeat(32) },
  { sequence: 3, at: NOW - 20 * DAY, actor: manager.profileId, actorName: manager.displayName, action: 'profile-created', target: `profile/${frontDesk.profileId}`, detail: 'staff', hash: 'c3'.repeat(32) },
  { sequence: 4, at: NOW - 3_600_000, actor: frontDesk.profileId, actorName: frontDesk.displayName, action: 'search', target: 'office/D16001', detail: null, hash: 'd4'.repeat(32) },
  { sequence: 5, at: NOW - 3_000_000, actor: frontDesk.profileId, actorName: frontDesk.displayName, action: 'view-patient', target: 'office/D16001/patient/101', detail: null, hash: 'e5'.repeat(32) },
  { sequence: 6, at: NOW - 600_000, actor: 'system', actorName: 'Lock screen', action: 'pin-failed', target: `profile/${frontDesk.profileId}`, detail: 'wrong PIN', hash: 'f6'.repeat(32) },
  { sequence: 7, at: NOW - 60_000, actor: manager.profileId, actorName: manager.displayName, action: 'lock', target: `profile/${manager.profileId}`, detail: 'idle', hash: '07'.repeat(32) },
];
