/** How the lock screen says why the app is locked and who may unlock it. Pure, so the tests read them directly. */
import type { LockReason, StaffProfileView } from '../../shared/domain/staff';
import { formatUpcoming } from './format';

/** Why the app is locked, in the words of the front desk; the idle minutes when known. */
export function lockReasonText(reason: LockReason, idleLockMinutes: number | null): string {
  switch (reason) {
    case 'start':
      return 'Practice Companion has just started.';
    case 'manual':
      return 'Locked with the Lock button.';
    case 'idle':
      return idleLockMinutes === null
        ? 'Locked after a while without activity.'
        : `Locked after ${idleLockMinutes === 1 ? '1 minute' : `${idleLockMinutes} minutes`} without activity.`;
    case 'screen-locked':
      return 'Locked because the computer\u2019s screen was locked.';
    case 'suspend':
      return 'Locked because the computer went to sleep.';
    case 'switch-user':
      return 'Locked when someone else unlocked.';
    case 'profile-removed':
      return 'Locked because the profile in use was removed.';
    case 'quit':
      return 'Practice Companion is closing.';
  }
}

/** "Sam Okafor can try again at 15:05. …" while a profile is locked out after wrong PINs; null when it can be used. */
export function lockedOutText(profile: StaffProfileView, now: number): string | null {
  if (profile.lockedOutUntil === null || profile.lockedOutUntil <= now) return null;
  return `${profile.displayName} can try again at ${formatUpcoming(profile.lockedOutUntil, now)}. A manager can set a new PIN sooner.`;
}

/** A short name suggested from a display name ("Maria Lopez" → "maria"); empty when none fits. */
export function suggestedShortName(displayName: string): string {
  const first = displayName.trim().split(/\s+/)[0] ?? '';
  return first.toLowerCase().replace(/[^\p{L}\p{N}._-]/gu, '').replace(/^[._-]+/, '').slice(0, 40);
}
