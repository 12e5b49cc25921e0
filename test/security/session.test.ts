import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffSession, type StaffSession, type StaffSessionOptions } from '../../main/security/session';
import type { SecurityStore } from '../../main/security/store';
import type { SessionView } from '../../shared/domain/staff';
import { MANAGER_PIN, STAFF_PIN, tempSecurity, type TempSecurity } from './support';

/** Interval timers the test fires by hand. */
function manualTimers() {
  const active = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  return {
    setInterval: (callback: () => void, ms: number): unknown => {
      active.set(next, { callback, ms });
      return next++;
    },
    clearInterval: (handle: unknown) => { active.delete(handle as number); },
    fire() {
      for (const { callback } of [...active.values()]) callback();
    },
    get count() {
      return active.size;
    },
    get intervals() {
      return [...active.values()].map((timer) => timer.ms);
    },
  };
}

let temp: TempSecurity;
let store: SecurityStore;
let timers: ReturnType<typeof manualTimers>;
let idleSeconds: number;
let idleMinutes: number;
let session: StaffSession;
let views: SessionView[];

function start(extra: Partial<StaffSessionOptions> = {}): StaffSession {
  session = createStaffSession({
    store,
    idleLockMinutes: () => idleMinutes,
    systemIdleSeconds: () => idleSeconds,
    now: temp.clock.now,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    ...extra,
  });
  views = [];
  session.onChange((view) => views.push(view));
  return session;
}

beforeEach(() => {
  temp = tempSecurity();
  store = temp.open();
  timers = manualTimers();
  idleSeconds = 0;
  idleMinutes = 10;
});
afterEach(() => {
  session.stop();
  temp.remove();
});

const actions = (): string[] => [...store.audit.entries()].map((entry) => `${entry.action}${entry.detail === null ? '' : `:${entry.detail}`}`);

/** A practice with a manager (Maria) and a staff member (Tom), the app started locked. */
async function practice(): Promise<{ maria: string; tom: string }> {
  const maria = await store.profiles.create({ name: 'maria', displayName: 'Maria Lopez', role: 'manager', pin: MANAGER_PIN });
  const tom = await store.profiles.create({ name: 'tom', displayName: 'Tom Reyes', role: 'staff', pin: STAFF_PIN });
  start();
  return { maria: maria.profileId, tom: tom.profileId };
}

describe('first run', () => {
  it('starts in needs-setup when no profile exists, and allows nothing that needs a profile', async () => {
    start();
    expect(session.view()).toEqual({ state: 'needs-setup' });
    expect(() => session.require('unlocked')).toThrow(expect.objectContaining({ code: 'NEEDS_SETUP' }) as Error);
    await expect(session.unlock('anyone', MANAGER_PIN)).rejects.toMatchObject({ code: 'NEEDS_SETUP' });
    await expect(session.createProfile({ name: 'tom', displayName: 'Tom', role: 'staff', pin: STAFF_PIN })).rejects.toMatchObject({ code: 'NEEDS_SETUP' });
    expect(store.profiles.count()).toBe(0);
  });

  it('creates the first profile as a manager and unlocks with it', async () => {
    start();
    const view = await session.setUp({ name: 'maria', displayName: 'Maria Lopez', pin: MANAGER_PIN });
    expect(view).toMatchObject({ state: 'unlocked', profile: { name: 'maria', role: 'manager' } });
    expect(views.map((each) => each.state)).toEqual(['unlocked']);
    expect(actions()).toEqual(['profile-created:first manager', 'unlock']);
  });

  it('refuses a second first profile', async () => {
    start();
    await session.setUp({ name: 'maria', displayName: 'Maria Lopez', pin: MANAGER_PIN });
    await expect(session.setUp({ name: 'tom', displayName: 'Tom', pin: STAFF_PIN })).rejects.toMatchObject({ code: 'ALREADY_SET_UP' });
  });
});

describe('unlocking', () => {
  it('starts locked when profiles exist', async () => {
    await practice();
    expect(session.view()).toEqual({ state: 'locked', reason: 'start', lastProfileId: null });
    expect(() => session.require('unlocked')).toThrow(expect.objectContaining({ code: 'LOCKED', explanation: expect.stringContaining('Unlock it with your PIN') as unknown }) as Error);
  });

  it('unlocks with a profile\u2019s PIN and audits it', async () => {
    const { tom } = await practice();
    const view = await session.unlock(tom, STAFF_PIN);
    expect(view).toMatchObject({ state: 'unlocked', profile: { profileId: tom }, since: temp.clock.now() });
    expect(session.require('unlocked').profileId).toBe(tom);
    const [entry] = [...store.audit.entries()];
    expect(entry).toMatchObject({ actor: tom, actorName: 'Tom Reyes', action: 'unlock', target: `profile/${tom}` });
  });

  it('stays locked on a wrong PIN, auditing the failure without naming the profile as the actor', async () => {
    const { tom } = await practice();
    await expect(session.unlock(tom, '999999')).rejects.toMatchObject({ code: 'WRONG_PIN' });
    expect(session.view().state).toBe('locked');
    expect([...store.audit.entries()]).toEqual([expect.objectContaining({ actor: 'system', action: 'pin-failed', target: `profile/${tom}`, detail: 'wrong PIN' })]);
    expect(JSON.stringify([...store.audit.entries()])).not.toContain('999999');
  });

  it('refuses the right PIN while the profile is locked out', async () => {
    const { tom } = await practice();
    for (let i = 0; i < 5; i++) await session.unlock(tom, '999999').catch(() => undefined);
    await expect(session.unlock(tom, STAFF_PIN)).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
    expect(session.view().state).toBe('locked');
    expect(actions().slice(-2)).toEqual(['pin-failed:locked out', 'pin-failed:locked out']);
  });

  it('switches from one unlocked profile to another, closing the first one\u2019s session', async () => {
    const { tom, maria } = await practice();
    await session.unlock(tom, STAFF_PIN);
    await session.unlock(maria, MANAGER_PIN);
    expect(session.profile()?.profileId).toBe(maria);
    expect(actions()).toEqual(['unlock', 'lock:switch-user', 'unlock']);
  });

  it('changes its epoch at every lock and unlock', async () => {
    const { tom } = await practice();
    const before = session.epoch();
    await session.unlock(tom, STAFF_PIN);
    const unlocked = session.epoch();
    session.lock('manual');
    expect(new Set([before, unlocked, session.epoch()]).size).toBe(3);
  });
});

describe('locking', () => {
  it('locks on request and audits whose session ended and why', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    expect(session.lock('manual')).toEqual({ state: 'locked', reason: 'manual', lastProfileId: tom });
    expect(() => session.require('unlocked')).toThrow(expect.objectContaining({ code: 'LOCKED' }) as Error);
    expect([...store.audit.entries()][1]).toMatchObject({ actor: tom, action: 'lock', detail: 'manual' });
    expect(views.map((view) => view.state)).toEqual(['unlocked', 'locked']);
  });

  it('locks at once when the operating system locks the screen', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    session.screenLocked();
    expect(session.view()).toMatchObject({ state: 'locked', reason: 'screen-locked' });
  });

  it('locks at once when the PC goes to sleep', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    session.suspended();
    expect(session.view()).toMatchObject({ state: 'locked', reason: 'suspend' });
  });

  it('does nothing (and audits nothing) when told to lock while already locked', async () => {
    await practice();
    session.screenLocked();
    session.lock('manual');
    expect(views).toEqual([]);
    expect(actions()).toEqual([]);
  });

  it('still locks when the audit trail cannot be written', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    temp.checkpoint.failWrites = true;
    expect(session.lock('manual').state).toBe('locked');
  });
});

describe('locking when idle', () => {
  it('locks once the PC has been idle for the idle minutes of the settings', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    idleSeconds = 10 * 60 - 1;
    timers.fire();
    expect(session.view().state).toBe('unlocked');
    idleSeconds = 10 * 60;
    timers.fire();
    expect(session.view()).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(actions()).toEqual(['unlock', 'lock:idle']);
  });

  it('uses the system\u2019s idle time, so activity in other programs keeps it unlocked', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    // Twenty minutes pass with the window untouched, but the PC was in use all along.
    for (let minute = 0; minute < 20; minute++) {
      temp.clock.advance(60_000);
      idleSeconds = 5;
      timers.fire();
    }
    expect(session.view().state).toBe('unlocked');
  });

  it('reads the idle minutes at every poll, so a changed setting applies at once', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    idleSeconds = 3 * 60;
    timers.fire();
    expect(session.view().state).toBe('unlocked');
    idleMinutes = 2;
    timers.fire();
    expect(session.view()).toMatchObject({ state: 'locked', reason: 'idle' });
  });

  it('polls every ten seconds only while unlocked', async () => {
    const { tom } = await practice();
    expect(timers.count).toBe(0);
    await session.unlock(tom, STAFF_PIN);
    expect(timers.intervals).toEqual([10_000]);
    session.lock('manual');
    expect(timers.count).toBe(0);
  });

  it('takes another poll interval when given one', async () => {
    const { tom } = await practice();
    start({ idlePollMs: 2_000 });
    await session.unlock(tom, STAFF_PIN);
    expect(timers.intervals).toEqual([2_000]);
  });
});

describe('managing profiles', () => {
  it('lets a manager create profiles, audited in the manager\u2019s name', async () => {
    const { maria } = await practice();
    await session.unlock(maria, MANAGER_PIN);
    const created = await session.createProfile({ name: 'ana', displayName: 'Ana Diaz', role: 'staff', pin: '602948' });
    expect([...store.audit.entries()].at(-1)).toMatchObject({ actor: maria, action: 'profile-created', target: `profile/${created.profileId}`, detail: 'staff' });
  });

  it('refuses profile management to staff with MANAGER_ONLY', async () => {
    const { tom, maria } = await practice();
    await session.unlock(tom, STAFF_PIN);
    await expect(session.createProfile({ name: 'ana', displayName: 'Ana', role: 'manager', pin: '602948' })).rejects.toMatchObject({ code: 'MANAGER_ONLY' });
    expect(() => session.removeProfile(maria)).toThrow(expect.objectContaining({ code: 'MANAGER_ONLY' }) as Error);
    expect(() => session.setRole(tom, 'manager')).toThrow(expect.objectContaining({ code: 'MANAGER_ONLY' }) as Error);
    await expect(session.resetPin(maria, '602948')).rejects.toMatchObject({ code: 'MANAGER_ONLY' });
  });

  it('locks when the unlocked manager removes their own profile', async () => {
    const { tom, maria } = await practice();
    await session.unlock(maria, MANAGER_PIN);
    session.setRole(tom, 'manager');
    session.removeProfile(maria);
    expect(session.view()).toMatchObject({ state: 'locked', reason: 'profile-removed' });
    expect(actions().slice(-3)).toEqual(['role-changed:staff to manager', 'profile-removed:maria (manager)', 'lock:profile-removed']);
  });

  it('keeps the unlocked view in step when the manager changes their own role', async () => {
    const { tom, maria } = await practice();
    await session.unlock(maria, MANAGER_PIN);
    session.setRole(tom, 'manager');
    const epoch = session.epoch();
    session.setRole(maria, 'staff');
    expect(session.profile()?.role).toBe('staff');
    expect(session.epoch()).toBe(epoch);
    expect(() => session.require('manager')).toThrow(expect.objectContaining({ code: 'MANAGER_ONLY' }) as Error);
  });

  it('lets anyone unlocked change their own PIN with the current one', async () => {
    const { tom } = await practice();
    await session.unlock(tom, STAFF_PIN);
    await expect(session.changeOwnPin('999999', '602948')).rejects.toMatchObject({ code: 'WRONG_PIN' });
    await session.changeOwnPin(STAFF_PIN, '602948');
    expect(actions().slice(-2)).toEqual(['pin-failed:changing PIN', 'pin-changed']);
    session.lock('manual');
    await session.unlock(tom, '602948');
  });

  it('lets a manager reset a PIN, ending a lock-out', async () => {
    const { tom, maria } = await practice();
    for (let i = 0; i < 5; i++) await session.unlock(tom, '999999').catch(() => undefined);
    await session.unlock(maria, MANAGER_PIN);
    await session.resetPin(tom, '602948');
    session.lock('manual');
    expect((await session.unlock(tom, '602948')).state).toBe('unlocked');
  });
});
