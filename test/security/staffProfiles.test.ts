import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../main/security/pinHash';
import { MAX_WRONG_PINS, PIN_LOCKOUT_MS } from '../../main/security/staffProfiles';
import type { SecurityStore } from '../../main/security/store';
import { MANAGER_PIN, STAFF_PIN, tempSecurity, type TempSecurity } from './support';

let temp: TempSecurity;
let store: SecurityStore;
beforeEach(() => {
  temp = tempSecurity();
  store = temp.open();
});
afterEach(() => {
  temp.remove();
});

const manager = () => store.profiles.create({ name: 'maria', displayName: 'Maria Lopez', role: 'manager', pin: MANAGER_PIN });
const staff = () => store.profiles.create({ name: 'tom', displayName: 'Tom Reyes', role: 'staff', pin: STAFF_PIN });

async function wrongTries(profileId: string, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    codes.push(await store.profiles.verifyPin(profileId, '999999').then(() => 'OK', (error: unknown) => (error as { code: string }).code));
  }
  return codes;
}

describe('staff profiles', () => {
  it('lists views without any PIN or hash, managers first', async () => {
    await staff();
    await manager();
    const listed = store.profiles.list();
    expect(listed.map((profile) => [profile.name, profile.displayName, profile.role])).toEqual([['maria', 'Maria Lopez', 'manager'], ['tom', 'Tom Reyes', 'staff']]);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['createdAt', 'displayName', 'lockedOutUntil', 'name', 'pinChangedAt', 'profileId', 'role']);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|480215|735092/);
  });

  it('stores only a scrypt hash of the PIN', async () => {
    const created = await manager();
    const stored = temp.raw().prepare('SELECT pin_hash FROM staff_profiles WHERE profile_id = ?').pluck().get(created.profileId) as string;
    expect(stored).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(stored).not.toContain(MANAGER_PIN);
  });

  it('refuses a second profile with the same name, whatever its case', async () => {
    await manager();
    await expect(store.profiles.create({ name: 'MARIA', displayName: 'Maria Two', role: 'staff', pin: STAFF_PIN })).rejects.toMatchObject({ code: 'PROFILE_NAME_TAKEN' });
  });

  it('refuses a weak PIN with the reason, and stores nothing', async () => {
    await expect(store.profiles.create({ name: 'tom', displayName: 'Tom', role: 'staff', pin: '123456' }))
      .rejects.toMatchObject({ code: 'WEAK_PIN', explanation: expect.stringContaining('counting up or down') as unknown });
    await expect(store.profiles.create({ name: 'tom', displayName: 'Tom', role: 'staff', pin: '1234' })).rejects.toMatchObject({ code: 'WEAK_PIN' });
    expect(store.profiles.count()).toBe(0);
  });

  it('refuses names with spaces or control characters', async () => {
    await expect(store.profiles.create({ name: 'tom reyes', displayName: 'Tom', role: 'staff', pin: STAFF_PIN })).rejects.toMatchObject({ code: 'PROFILE_NAME_INVALID' });
    await expect(store.profiles.create({ name: 'tom', displayName: 'Tom\u0007', role: 'staff', pin: STAFF_PIN })).rejects.toMatchObject({ code: 'PROFILE_NAME_INVALID' });
  });

  it('answers the profile for its PIN and WRONG_PIN with the tries left otherwise', async () => {
    const created = await manager();
    expect((await store.profiles.verifyPin(created.profileId, MANAGER_PIN)).profileId).toBe(created.profileId);
    await expect(store.profiles.verifyPin(created.profileId, STAFF_PIN)).rejects.toMatchObject({
      code: 'WRONG_PIN',
      details: { triesLeft: 4 },
      explanation: 'That PIN is not right. 4 more tries before this profile is locked for 5 minutes.',
    });
  });

  it('answers PROFILE_NOT_FOUND for an unknown profile', async () => {
    await expect(store.profiles.verifyPin('nobody', MANAGER_PIN)).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });
});

describe('PIN lock-out', () => {
  it('locks a profile for five minutes at the fifth wrong PIN, saying when it can be used again', async () => {
    const created = await staff();
    expect(await wrongTries(created.profileId, MAX_WRONG_PINS)).toEqual(['WRONG_PIN', 'WRONG_PIN', 'WRONG_PIN', 'WRONG_PIN', 'PIN_LOCKED_OUT']);
    const until = temp.clock.now() + PIN_LOCKOUT_MS;
    await expect(store.profiles.verifyPin(created.profileId, STAFF_PIN)).rejects.toMatchObject({
      code: 'PIN_LOCKED_OUT',
      details: { lockedOutUntil: until },
      explanation: 'Too many wrong PINs for this profile. It can be used again in 5 minutes.',
    });
    expect(store.profiles.get(created.profileId)?.lockedOutUntil).toBe(until);
  });

  it('takes the right PIN again once the five minutes have passed, and starts counting afresh', async () => {
    const created = await staff();
    await wrongTries(created.profileId, MAX_WRONG_PINS);
    temp.clock.advance(PIN_LOCKOUT_MS - 1000);
    await expect(store.profiles.verifyPin(created.profileId, STAFF_PIN)).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT', explanation: expect.stringContaining('in a minute') as unknown });
    temp.clock.advance(1000);
    expect(store.profiles.get(created.profileId)?.lockedOutUntil).toBeNull();
    expect(await wrongTries(created.profileId, 1)).toEqual(['WRONG_PIN']);
    expect((await store.profiles.verifyPin(created.profileId, STAFF_PIN)).profileId).toBe(created.profileId);
  });

  it('keeps the lock-out and the count when the app restarts', async () => {
    const created = await staff();
    await wrongTries(created.profileId, 3);
    store.close();
    store = temp.open();
    expect(await wrongTries(created.profileId, 2)).toEqual(['WRONG_PIN', 'PIN_LOCKED_OUT']);
    store.close();
    store = temp.open();
    await expect(store.profiles.verifyPin(created.profileId, STAFF_PIN)).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
  });

  it('resets the count after a right PIN', async () => {
    const created = await staff();
    await wrongTries(created.profileId, 4);
    await store.profiles.verifyPin(created.profileId, STAFF_PIN);
    expect(await wrongTries(created.profileId, 4)).toEqual(['WRONG_PIN', 'WRONG_PIN', 'WRONG_PIN', 'WRONG_PIN']);
  });

  it('counts PINs sent all at once one by one, so a burst cannot get past five', async () => {
    const created = await staff();
    const burst = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.profiles.verifyPin(created.profileId, String(100000 + i * 7919))));
    const codes = burst.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code: string }).code : 'OK'));
    expect(codes.filter((code) => code === 'WRONG_PIN')).toHaveLength(MAX_WRONG_PINS - 1);
    expect(codes.filter((code) => code === 'PIN_LOCKED_OUT')).toHaveLength(20 - (MAX_WRONG_PINS - 1));
  });

  it('locks out only the profile that was guessed', async () => {
    const guessed = await staff();
    const other = await manager();
    await wrongTries(guessed.profileId, MAX_WRONG_PINS);
    expect((await store.profiles.verifyPin(other.profileId, MANAGER_PIN)).profileId).toBe(other.profileId);
  });

  it('ends a lock-out when a manager sets a new PIN', async () => {
    const created = await staff();
    await wrongTries(created.profileId, MAX_WRONG_PINS);
    await store.profiles.setPin(created.profileId, '602948');
    expect((await store.profiles.verifyPin(created.profileId, '602948')).lockedOutUntil).toBeNull();
  });
});

describe('changing PINs and roles', () => {
  it('changes one\u2019s own PIN only with the current one', async () => {
    const created = await staff();
    await expect(store.profiles.changePin(created.profileId, '999999', '602948')).rejects.toMatchObject({ code: 'WRONG_PIN' });
    await store.profiles.changePin(created.profileId, STAFF_PIN, '602948');
    await expect(store.profiles.verifyPin(created.profileId, STAFF_PIN)).rejects.toMatchObject({ code: 'WRONG_PIN' });
    expect((await store.profiles.verifyPin(created.profileId, '602948')).profileId).toBe(created.profileId);
  });

  it('refuses a weak new PIN before checking the current one', async () => {
    const created = await staff();
    await expect(store.profiles.changePin(created.profileId, '999999', '111111')).rejects.toMatchObject({ code: 'WEAK_PIN' });
    expect(await wrongTries(created.profileId, 1)).toEqual(['WRONG_PIN']);
    await expect(store.profiles.verifyPin(created.profileId, '999999')).rejects.toMatchObject({ details: { triesLeft: 3 } });
  });

  it('redoes a hash made with older parameters at the next right PIN', async () => {
    const created = await staff();
    const raw = temp.raw();
    const old = raw.prepare('SELECT pin_hash FROM staff_profiles').pluck().get() as string;
    // A PIN hashed before the parameters were raised.
    raw.prepare('UPDATE staff_profiles SET pin_hash = ?').run(await hashPin(STAFF_PIN, { params: { logN: 9, r: 8, p: 1 } }));
    await store.profiles.verifyPin(created.profileId, STAFF_PIN);
    const upgraded = raw.prepare('SELECT pin_hash FROM staff_profiles').pluck().get() as string;
    expect(upgraded).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(upgraded).not.toBe(old);
  });

  it('never removes or demotes the last manager', async () => {
    const first = await manager();
    const second = await staff();
    expect(() => store.profiles.remove(first.profileId)).toThrow(expect.objectContaining({ code: 'LAST_MANAGER' }) as Error);
    expect(() => store.profiles.setRole(first.profileId, 'staff')).toThrow(expect.objectContaining({ code: 'LAST_MANAGER' }) as Error);
    store.profiles.setRole(second.profileId, 'manager');
    store.profiles.remove(first.profileId);
    expect(store.profiles.list().map((profile) => [profile.name, profile.role])).toEqual([['tom', 'manager']]);
  });
});
