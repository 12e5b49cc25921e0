/**
 * A `CompanionApi` for the renderer's tests: every channel answers a Result from a handler the
 * test may replace, every call is recorded, and events are emitted by hand — the same surface
 * the preload and the harness bridge give the screens.
 *
 * Who is at the PC is kept like the main process keeps it (`FakeStaff`): by default a manager has
 * unlocked; setUp, unlock, lock and the profile channels change it and announce the `session`
 * event, and every channel is answered only at its access (NEEDS_SETUP, LOCKED or MANAGER_ONLY
 * otherwise), so a screen that asks for patient data while locked fails as it would in the app.
 */
import { vi } from 'vitest';
import type { AuditEntryView } from '../../shared/domain/audit';
import { PIN_PROBLEM_EXPLANATIONS, pinProblem, type SessionView, type StaffProfileView } from '../../shared/domain/staff';
import type { OfficeSyncStatus, SyncStatus } from '../../shared/domain/sync';
import type { ArgsOf, ResultOf } from '../../shared/ipc/define';
import { COMPANION_CONTRACT, type CompanionApi, type CompanionContract, type CompanionEventName, type CompanionEvents } from '../../shared/ipc/contract';
import type { PayloadOf } from '../../shared/ipc/define';
import type { AppError, Result } from '../../shared/result';
import * as fixtures from './fixtures';
import * as householdFixtures from './householdFixtures';
import * as staffFixtures from './staffFixtures';

type Channel = keyof CompanionContract;
export type Handler<K extends Channel> = (args: ArgsOf<CompanionContract[K]>) => Result<ResultOf<CompanionContract[K]>> | Promise<Result<ResultOf<CompanionContract[K]>>>;
export type Handlers = { [K in Channel]: Handler<K> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } satisfies AppError });

export interface FakeApi {
  readonly api: CompanionApi;
  readonly handlers: Handlers;
  /** Who is at the PC, as the fake main process sees it; tests may read and change it. */
  readonly staff: FakeStaff;
  readonly calls: { readonly channel: Channel; readonly args: unknown }[];
  callsTo(channel: Channel): unknown[];
  emit<E extends CompanionEventName>(event: E, payload: PayloadOf<CompanionEvents[E]>): void;
  listenerCount(event: CompanionEventName): number;
}

/** Channels that answer whatever the session (the main process's open channels). */
const OPEN_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['appInfo', 'syncStatus', 'connectionStatus', 'session', 'staffProfiles', 'setUp', 'unlock', 'lock']);
/** Channels only a manager may use. */
const MANAGER_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'signInWithSikka', 'cancelSignIn', 'checkAppKey', 'connectWithAppKey', 'authorizedOffices', 'chooseOffices', 'startDemo', 'signOut', 'clearLocalData',
  'createProfile', 'removeProfile', 'setRole', 'resetPin', 'auditEntries', 'auditVerify',
]);
/** Answered while locked too (the main process redacts what it gives). */
const WHILE_LOCKED: ReadonlySet<Channel> = new Set<Channel>(['peekCaller']);

const MAX_WRONG_PINS = 5;
const LOCKOUT_MS = 5 * 60_000;

export interface FakeStaff {
  view: SessionView;
  profiles: StaffProfileView[];
  /** Each profile's PIN by profile id. */
  readonly pins: Map<string, string>;
  /** Wrong PINs in a row by profile id. */
  readonly wrongPins: Map<string, number>;
  audit: AuditEntryView[];
  /** The fake's clock for lock-outs. */
  now: () => number;
  /** Called after every change of `view` (fakeApi announces it as the `session` event). */
  onChange: (view: SessionView) => void;
}

/**
 * A fake main process's staff state. `session` picks the start: unlocked by the manager (the
 * default), `locked`, or `needs-setup` (no profiles).
 */
export function fakeStaff(session: 'unlocked' | 'locked' | 'needs-setup' | SessionView = 'unlocked'): FakeStaff {
  const setUp = session === 'needs-setup' || (typeof session === 'object' && session.state === 'needs-setup');
  const profiles = setUp ? [] : [...staffFixtures.profiles];
  const view: SessionView = typeof session === 'object'
    ? session
    : session === 'unlocked' ? { state: 'unlocked', profile: staffFixtures.manager, since: fixtures.NOW }
      : session === 'locked' ? { state: 'locked', reason: 'start', lastProfileId: null }
        : { state: 'needs-setup' };
  return {
    view,
    profiles,
    pins: new Map(profiles.map((profile) => [profile.profileId, staffFixtures.STAFF_PIN])),
    wrongPins: new Map(),
    audit: setUp ? [] : [...staffFixtures.auditEntries],
    now: () => fixtures.NOW,
    onChange: () => undefined,
  };
}

/** The error the main process gives when a channel is asked at the wrong access; undefined when it may answer. */
function accessError(staff: FakeStaff, channel: Channel): Result<never> | undefined {
  if (OPEN_CHANNELS.has(channel)) return undefined;
  const { view } = staff;
  if (view.state === 'needs-setup') return fail('NEEDS_SETUP', 'Create the first staff profile (a manager) before using Practice Companion on this PC.');
  if (view.state === 'locked') return WHILE_LOCKED.has(channel) ? undefined : fail('LOCKED', 'Practice Companion is locked. Unlock it with your PIN to see patient information.');
  if (MANAGER_CHANNELS.has(channel) && view.profile.role !== 'manager') return fail('MANAGER_ONLY', 'Only a manager can do that. Ask a manager to unlock Practice Companion.');
  return undefined;
}

function staffHandlers(staff: FakeStaff): Pick<Handlers, 'session' | 'staffProfiles' | 'setUp' | 'unlock' | 'lock' | 'changeOwnPin' | 'createProfile' | 'removeProfile' | 'setRole' | 'resetPin' | 'peekCaller' | 'auditEntries' | 'auditVerify'> {
  const enter = (view: SessionView): SessionView => {
    staff.view = view;
    staff.onChange(view);
    return view;
  };
  const find = (profileId: string): StaffProfileView | undefined => staff.profiles.find((profile) => profile.profileId === profileId);
  const replace = (changed: StaffProfileView): StaffProfileView => {
    staff.profiles = staff.profiles.map((profile) => (profile.profileId === changed.profileId ? changed : profile));
    if (staff.view.state === 'unlocked' && staff.view.profile.profileId === changed.profileId) enter({ ...staff.view, profile: changed });
    return changed;
  };
  const weak = (pin: string): Result<never> | undefined => {
    const problem = pinProblem(pin);
    return problem === null ? undefined : fail('WEAK_PIN', PIN_PROBLEM_EXPLANATIONS[problem]);
  };
  const nameTaken = (name: string): boolean => staff.profiles.some((profile) => profile.name.toLowerCase() === name.toLowerCase());
  const notFound = (): Result<never> => fail('PROFILE_NOT_FOUND', 'That staff profile no longer exists on this PC.');
  const managers = (): number => staff.profiles.filter((profile) => profile.role === 'manager').length;
  const lastManager = (): Result<never> => fail('LAST_MANAGER', 'This is the only manager profile. Make another profile a manager first.');
  /** Checks a PIN as the main process does: lock-out first, then five wrong in a row lock the profile out. */
  const checkPin = (profile: StaffProfileView, pin: string): Result<StaffProfileView> => {
    const now = staff.now();
    if (profile.lockedOutUntil !== null && profile.lockedOutUntil > now) return lockedOut(profile.lockedOutUntil, now);
    if (staff.pins.get(profile.profileId) === pin) {
      staff.wrongPins.delete(profile.profileId);
      return ok(profile.lockedOutUntil === null ? profile : replace({ ...profile, lockedOutUntil: null }));
    }
    const wrong = (staff.wrongPins.get(profile.profileId) ?? 0) + 1;
    if (wrong >= MAX_WRONG_PINS) {
      staff.wrongPins.delete(profile.profileId);
      const until = now + LOCKOUT_MS;
      replace({ ...profile, lockedOutUntil: until });
      return lockedOut(until, now);
    }
    staff.wrongPins.set(profile.profileId, wrong);
    const left = MAX_WRONG_PINS - wrong;
    return fail('WRONG_PIN', `That PIN is not right. ${left === 1 ? '1 more try' : `${left} more tries`} before this profile is locked for 5 minutes.`);
  };
  let nextId = 1;

  return {
    session: () => ok(staff.view),
    staffProfiles: () => ok(staff.profiles),
    setUp: ({ name, displayName, pin }) => {
      if (staff.view.state !== 'needs-setup') return fail('ALREADY_SET_UP', 'Staff profiles already exist on this PC. Ask a manager to add yours.');
      const problem = weak(pin);
      if (problem !== undefined) return problem;
      const now = staff.now();
      const profile: StaffProfileView = { profileId: `prof-${nextId++}`, name, displayName, role: 'manager', createdAt: now, pinChangedAt: now, lockedOutUntil: null };
      staff.profiles = [profile];
      staff.pins.set(profile.profileId, pin);
      return ok(enter({ state: 'unlocked', profile, since: now }));
    },
    unlock: ({ profileId, pin }) => {
      if (staff.view.state === 'needs-setup') return fail('NEEDS_SETUP', 'Create the first staff profile (a manager) before using Practice Companion on this PC.');
      const profile = find(profileId);
      if (profile === undefined) return notFound();
      const checked = checkPin(profile, pin);
      if (!checked.ok) return checked;
      if (staff.view.state === 'unlocked' && staff.view.profile.profileId === profileId) return ok(staff.view);
      return ok(enter({ state: 'unlocked', profile: checked.value, since: staff.now() }));
    },
    lock: () => (staff.view.state === 'unlocked' ? ok(enter({ state: 'locked', reason: 'manual', lastProfileId: staff.view.profile.profileId })) : ok(staff.view)),
    changeOwnPin: ({ currentPin, newPin }) => {
      if (staff.view.state !== 'unlocked') return fail('LOCKED', 'Practice Companion is locked. Unlock it with your PIN to see patient information.');
      const own = staff.view.profile;
      const checked = checkPin(own, currentPin);
      if (!checked.ok) return checked;
      const problem = weak(newPin);
      if (problem !== undefined) return problem;
      staff.pins.set(own.profileId, newPin);
      return ok(replace({ ...checked.value, pinChangedAt: staff.now() }));
    },
    createProfile: ({ name, displayName, role, pin }) => {
      if (nameTaken(name)) return fail('PROFILE_NAME_TAKEN', 'Another staff profile already has that name. Choose another.');
      const problem = weak(pin);
      if (problem !== undefined) return problem;
      const now = staff.now();
      const profile: StaffProfileView = { profileId: `prof-${nextId++}`, name, displayName, role, createdAt: now, pinChangedAt: now, lockedOutUntil: null };
      staff.profiles = [...staff.profiles, profile];
      staff.pins.set(profile.profileId, pin);
      return ok(profile);
    },
    removeProfile: ({ profileId }) => {
      const profile = find(profileId);
      if (profile === undefined) return notFound();
      if (profile.role === 'manager' && managers() === 1) return lastManager();
      staff.profiles = staff.profiles.filter((each) => each.profileId !== profileId);
      staff.pins.delete(profileId);
      if (staff.view.state === 'unlocked' && staff.view.profile.profileId === profileId) enter({ state: 'locked', reason: 'profile-removed', lastProfileId: profileId });
      return ok(profile);
    },
    setRole: ({ profileId, role }) => {
      const profile = find(profileId);
      if (profile === undefined) return notFound();
      if (profile.role === 'manager' && role !== 'manager' && managers() === 1) return lastManager();
      return ok(replace({ ...profile, role }));
    },
    resetPin: ({ profileId, pin }) => {
      const profile = find(profileId);
      if (profile === undefined) return notFound();
      const problem = weak(pin);
      if (problem !== undefined) return problem;
      staff.pins.set(profileId, pin);
      staff.wrongPins.delete(profileId);
      return ok(replace({ ...profile, pinChangedAt: staff.now(), lockedOutUntil: null }));
    },
    peekCaller: () => ok(null),
    auditEntries: ({ from, to, beforeSequence, limit }) =>
      ok(
        staff.audit
          .filter((entry) => (from === undefined || entry.at >= from) && (to === undefined || entry.at < to) && (beforeSequence === undefined || entry.sequence < beforeSequence))
          .sort((a, b) => b.sequence - a.sequence)
          .slice(0, limit),
      ),
    auditVerify: () => {
      const last = staff.audit.at(-1);
      return ok({ ok: true, entries: staff.audit.length, head: last === undefined ? null : { sequence: last.sequence, hash: last.hash }, checkpoint: 'matches', breaksFound: [] });
    },
  };
}

function lockedOut(until: number, now: number): Result<never> {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return fail('PIN_LOCKED_OUT', `Too many wrong PINs for this profile. It can be used again ${minutes === 1 ? 'in a minute' : `in ${minutes} minutes`}.`);
}

export function defaultHandlers(staff: FakeStaff = fakeStaff()): Handlers {
  return {
    appInfo: () => ok({ version: '0.1.0', online: true, harness: false, locale: 'en-US', clock: 'system' }),
    searchPatients: ({ text }) => ok({ results: fixtures.searchResults.filter((result) => result.displayName.toLowerCase().includes(text.toLowerCase())), truncated: false, households: [] }),
    patientDetail: ({ officeId, patientId }) => ok(fixtures.details.find((detail) => detail.officeId === officeId && detail.patientId === patientId) ?? null),
    daySchedule: ({ officeId, date, groupBy }) => ok(fixtures.daySchedule(officeId, date, groupBy)),
    providers: () => ok([]),
    offices: () => ok(fixtures.offices),
    household: ({ officeId, guarantorId }) => ok(householdFixtures.household(officeId, guarantorId)),
    callerLookup: ({ number }) => ok(householdFixtures.callerCard(number)),
    takeCaller: () => ok(null),
    syncStatus: () => ok(fixtures.syncStatus()),
    syncNow: () => ok(null),
    setSyncPaused: ({ paused }) => ok({ ...fixtures.syncStatus(), paused }),
    settings: () => ok(fixtures.settings),
    updateSettings: (patch) => ok({ ...fixtures.settings, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) }),
    connectionStatus: () => ok(fixtures.demoConnection),
    signInWithSikka: () => ok({ officeId: 'D16001', keyExpiresAt: null }),
    cancelSignIn: () => ok(null),
    checkAppKey: () => ok(fixtures.authorizedOffices),
    connectWithAppKey: ({ offices }) => ok({ ...fixtures.sikkaConnection, selectedOffices: offices }),
    authorizedOffices: () => ok(fixtures.authorizedOffices),
    chooseOffices: ({ offices }) => ok({ ...fixtures.demoConnection, selectedOffices: offices }),
    startDemo: () => ok(fixtures.demoConnection),
    signOut: () => ok({ revokedOffices: [], notRevoked: [] }),
    clearLocalData: () => ok(null),
    ...staffHandlers(staff),
  };
}

export interface FakeApiOptions {
  /** Who is at the PC when the test starts (default: the manager has unlocked). */
  readonly session?: Parameters<typeof fakeStaff>[0];
}

export function fakeApi(overrides: Partial<Handlers> = {}, options: FakeApiOptions = {}): FakeApi {
  const staff = fakeStaff(options.session);
  const handlers: Handlers = { ...defaultHandlers(staff), ...overrides };
  const calls: { channel: Channel; args: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const channel of Object.keys(COMPANION_CONTRACT) as Channel[]) {
    api[channel] = vi.fn(async (args: unknown) => {
      calls.push({ channel, args });
      const refused = accessError(staff, channel);
      if (refused !== undefined) return refused;
      const handler = handlers[channel] as (args: unknown) => Result<unknown> | Promise<Result<unknown>>;
      return handler(args);
    });
  }
  api['on'] = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => { set.delete(listener); };
  };
  const emit = (event: string, payload: unknown): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  staff.onChange = (view) => { emit('session', view); };
  return {
    api: api as unknown as CompanionApi,
    handlers,
    staff,
    calls,
    callsTo: (channel) => calls.filter((call) => call.channel === channel).map((call) => call.args),
    emit,
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** A promise the test resolves when it chooses, to put answers out of order. */
export function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => { resolve = done; });
  return { promise, resolve };
}

export function statusWith(patch: Partial<SyncStatus>, office: Partial<OfficeSyncStatus> = {}): SyncStatus {
  const base = fixtures.syncStatus();
  return { ...base, ...patch, offices: patch.offices ?? base.offices.map((each, index) => (index === 0 ? { ...each, ...office } : each)) };
}
