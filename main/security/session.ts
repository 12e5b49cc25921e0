/**
 * Who is at the PC: the app is `needs-setup` (no profile yet: only the first one, a manager, can
 * be created), `locked` (a profile's PIN is needed) or `unlocked` by one profile. Only
 * `unlocked` may be shown patient data.
 *
 * It locks by itself after the idle minutes of the settings, measured by the operating system's
 * idle time (staff work in other programs too, so the window's own activity says nothing), which
 * it polls with injected timers; and at once when told the screen was locked or the PC went to
 * sleep. Every transition is audited and told to listeners (the window, the tray).
 *
 * Profiles are managed through here too, so each change is checked against the unlocked
 * profile's role and audited in its name.
 */
import { auditTarget, SYSTEM_ACTOR } from '../../shared/domain/audit';
import type { FirstStaffProfile, LockReason, NewStaffProfile, SessionView, StaffProfileView, StaffRole } from '../../shared/domain/staff';
import { silentLogger, type Logger } from '../log/logger';
import type { AuditRecord, AuditTrail } from './auditTrail';
import { SecurityError, securityError } from './errors';
import type { StaffProfiles } from './staffProfiles';

export type AccessLevel = 'unlocked' | 'manager';

export interface StaffSessionOptions {
  readonly store: { readonly profiles: StaffProfiles; readonly audit: AuditTrail };
  /** The settings' idleLockMinutes, read at every poll so a change applies at once. */
  readonly idleLockMinutes: () => number;
  /** Seconds since the last keyboard or mouse input anywhere on the PC (Electron: powerMonitor.getSystemIdleTime). */
  readonly systemIdleSeconds: () => number;
  readonly now?: () => number;
  /** How often the idle time is read while unlocked (default 10 s: a lock comes at most that late). */
  readonly idlePollMs?: number;
  readonly setInterval?: (callback: () => void, ms: number) => unknown;
  readonly clearInterval?: (handle: unknown) => void;
  readonly logger?: Logger;
}

export interface StaffSession {
  view(): SessionView;
  /** The unlocked profile, or null. */
  profile(): StaffProfileView | null;
  /** Grows at every lock and unlock: a call that started under another epoch must not answer with patient data. */
  epoch(): number;
  onChange(listener: (view: SessionView) => void): () => void;
  /** The unlocked profile when it may act at `level`; LOCKED, NEEDS_SETUP or MANAGER_ONLY otherwise. */
  require(level: AccessLevel): StaffProfileView;
  /** The profiles to choose from on the lock screen (no secrets; staff names are not patient data). */
  profiles(): StaffProfileView[];
  /** Creates the first profile, a manager, and unlocks with it; only in needs-setup. */
  setUp(first: FirstStaffProfile): Promise<SessionView>;
  /** Unlocks with a profile's PIN (from locked, or from another unlocked profile). */
  unlock(profileId: string, pin: string): Promise<SessionView>;
  /** Locks now; never fails (an audit that cannot be written is logged, the lock still happens). */
  lock(reason: LockReason): SessionView;
  /** The operating system locked the screen. */
  screenLocked(): void;
  /** The PC is going to sleep. */
  suspended(): void;
  createProfile(input: NewStaffProfile): Promise<StaffProfileView>;
  removeProfile(profileId: string): StaffProfileView;
  setRole(profileId: string, role: StaffRole): StaffProfileView;
  /** A manager sets someone's PIN (they forgot it, or were locked out). */
  resetPin(profileId: string, pin: string): Promise<StaffProfileView>;
  changeOwnPin(currentPin: string, newPin: string): Promise<StaffProfileView>;
  /** Stops the idle polling (the app is quitting). */
  stop(): void;
}

const DEFAULT_IDLE_POLL_MS = 10_000;
const LOCK_SCREEN = 'Lock screen';

export function createStaffSession(options: StaffSessionOptions): StaffSession {
  const { profiles, audit } = options.store;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const schedule = options.setInterval ?? ((callback, ms) => setInterval(callback, ms).unref());
  const cancel = options.clearInterval ?? ((handle) => { clearInterval(handle as NodeJS.Timeout); });
  const listeners = new Set<(view: SessionView) => void>();

  let state: SessionView = profiles.count() === 0 ? { state: 'needs-setup' } : { state: 'locked', reason: 'start', lastProfileId: null };
  let epoch = 0;
  let idleTimer: unknown;

  const asActor = (profile: StaffProfileView): Pick<AuditRecord, 'actor' | 'actorName'> => ({ actor: profile.profileId, actorName: profile.displayName });

  const stopIdleTimer = (): void => {
    if (idleTimer === undefined) return;
    cancel(idleTimer);
    idleTimer = undefined;
  };

  const checkIdle = (): void => {
    if (state.state !== 'unlocked') return;
    if (options.systemIdleSeconds() >= options.idleLockMinutes() * 60) lock('idle');
  };

  const enter = (next: SessionView): SessionView => {
    const sameSession = state.state === 'unlocked' && next.state === 'unlocked' && state.profile.profileId === next.profile.profileId;
    state = next;
    if (!sameSession) epoch += 1;
    if (next.state === 'unlocked') idleTimer ??= schedule(checkIdle, options.idlePollMs ?? DEFAULT_IDLE_POLL_MS);
    else stopIdleTimer();
    for (const listener of listeners) listener(next);
    return next;
  };

  function lock(reason: LockReason): SessionView {
    if (state.state !== 'unlocked') return state;
    const { profile } = state;
    const locked = enter({ state: 'locked', reason, lastProfileId: profile.profileId });
    try {
      audit.append({ ...asActor(profile), action: 'lock', target: auditTarget.profile(profile.profileId), detail: reason });
    } catch (error) {
      logger.error('session.lock_not_audited', { reason, errorName: error instanceof Error ? error.name : typeof error });
    }
    return locked;
  }

  const require = (level: AccessLevel): StaffProfileView => {
    if (state.state === 'needs-setup') throw securityError('NEEDS_SETUP');
    if (state.state === 'locked') throw securityError('LOCKED');
    if (level === 'manager' && state.profile.role !== 'manager') throw securityError('MANAGER_ONLY');
    return state.profile;
  };

  /** Keeps the unlocked view in step when the unlocked profile itself was changed. */
  const refreshOwn = (changed: StaffProfileView): void => {
    if (state.state === 'unlocked' && state.profile.profileId === changed.profileId) {
      enter({ state: 'unlocked', profile: changed, since: state.since });
    }
  };

  const unlockAs = (profile: StaffProfileView): SessionView => {
    audit.append({ ...asActor(profile), action: 'unlock', target: auditTarget.profile(profile.profileId) });
    return enter({ state: 'unlocked', profile, since: now() });
  };

  return {
    view: () => state,
    profile: () => (state.state === 'unlocked' ? state.profile : null),
    epoch: () => epoch,
    onChange(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    require,
    profiles: () => profiles.list(),

    async setUp(first) {
      if (state.state !== 'needs-setup' || profiles.count() > 0) throw securityError('ALREADY_SET_UP');
      const profile = await profiles.create({ ...first, role: 'manager' });
      audit.append({ ...asActor(profile), action: 'profile-created', target: auditTarget.profile(profile.profileId), detail: 'first manager' });
      return unlockAs(profile);
    },

    async unlock(profileId, pin) {
      if (state.state === 'needs-setup') throw securityError('NEEDS_SETUP');
      let profile: StaffProfileView;
      try {
        profile = await profiles.verifyPin(profileId, pin);
      } catch (error) {
        if (error instanceof SecurityError && (error.code === 'WRONG_PIN' || error.code === 'PIN_LOCKED_OUT')) {
          audit.append({ actor: SYSTEM_ACTOR, actorName: LOCK_SCREEN, action: 'pin-failed', target: auditTarget.profile(profileId), detail: error.code === 'WRONG_PIN' ? 'wrong PIN' : 'locked out' });
        }
        throw error;
      }
      if (state.state === 'unlocked') {
        if (state.profile.profileId === profile.profileId) return state;
        lock('switch-user');
      }
      return unlockAs(profile);
    },

    lock,
    screenLocked: () => { lock('screen-locked'); },
    suspended: () => { lock('suspend'); },

    async createProfile(input) {
      const manager = require('manager');
      const profile = await profiles.create(input);
      audit.append({ ...asActor(manager), action: 'profile-created', target: auditTarget.profile(profile.profileId), detail: profile.role });
      return profile;
    },

    removeProfile(profileId) {
      const manager = require('manager');
      const removed = profiles.remove(profileId);
      audit.append({ ...asActor(manager), action: 'profile-removed', target: auditTarget.profile(profileId), detail: `${removed.name} (${removed.role})` });
      if (profileId === manager.profileId) lock('profile-removed');
      return removed;
    },

    setRole(profileId, role) {
      const manager = require('manager');
      const before = profiles.get(profileId);
      const changed = profiles.setRole(profileId, role);
      audit.append({ ...asActor(manager), action: 'role-changed', target: auditTarget.profile(profileId), detail: `${before?.role ?? 'unknown'} to ${role}` });
      refreshOwn(changed);
      return changed;
    },

    async resetPin(profileId, pin) {
      const manager = require('manager');
      const changed = await profiles.setPin(profileId, pin);
      audit.append({ ...asActor(manager), action: 'pin-reset', target: auditTarget.profile(profileId) });
      return changed;
    },

    async changeOwnPin(currentPin, newPin) {
      const own = require('unlocked');
      try {
        const changed = await profiles.changePin(own.profileId, currentPin, newPin);
        audit.append({ ...asActor(own), action: 'pin-changed', target: auditTarget.profile(own.profileId) });
        return changed;
      } catch (error) {
        if (error instanceof SecurityError && (error.code === 'WRONG_PIN' || error.code === 'PIN_LOCKED_OUT')) {
          audit.append({ ...asActor(own), action: 'pin-failed', target: auditTarget.profile(own.profileId), detail: 'changing PIN' });
        }
        throw error;
      }
    },

    stop: stopIdleTimer,
  };
}
