import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, type Handlers, type Router } from '../../main/ipc/router';
import { silentLogger } from '../../main/log/logger';
import { COMPANION_CHANNEL_POLICY, COMPANION_EVENT_POLICY } from '../../main/security/companionPolicy';
import { guardHandlers } from '../../main/security/guard';
import { createStaffSession, type StaffSession } from '../../main/security/session';
import type { SecurityStore } from '../../main/security/store';
import type { CallerCard, Household } from '../../shared/domain/households';
import { COMPANION_CONTRACT, COMPANION_EVENTS, type CompanionContract } from '../../shared/ipc/contract';
import { MANAGER_PIN, STAFF_PIN, tempSecurity, type TempSecurity } from './support';

/** What every handler answers here: if it ever reaches a locked window, the test sees it. */
const PHI = { displayName: 'Jane Doe', phone: '(217) 555-0100' };

/** Valid arguments for the app's channels, so the guard (not the schema) is what answers. */
const ARGS: Readonly<Record<string, unknown>> = {
  searchPatients: { text: 'Jane' },
  patientDetail: { officeId: 'D16001', patientId: '42' },
  daySchedule: { officeId: 'D16001', date: '2026-03-11', groupBy: 'provider' },
  providers: {},
  household: { officeId: 'D16001', guarantorId: '7' },
  callerLookup: { number: '217-555-0100' },
  setSyncPaused: { paused: true },
  updateSettings: { idleLockMinutes: 5 },
  signInWithSikka: { appId: 'a', appKey: 'b' },
  checkAppKey: { appId: 'a', appKey: 'b' },
  connectWithAppKey: { appId: 'a', appKey: 'b', offices: 'all' },
  chooseOffices: { offices: 'all' },
  setUp: { name: 'ann', displayName: 'Ann Lee', pin: '602948' },
  unlock: { profileId: 'nobody', pin: '602948' },
  changeOwnPin: { currentPin: STAFF_PIN, newPin: '602948' },
  createProfile: { name: 'ann', displayName: 'Ann Lee', role: 'staff', pin: '602948' },
  removeProfile: { profileId: 'nobody' },
  setRole: { profileId: 'nobody', role: 'manager' },
  resetPin: { profileId: 'nobody', pin: '602948' },
  auditEntries: { limit: 10 },
};

/** Nothing about patients: the lock screen, the tray and first run ask these. */
const OPEN_CHANNELS = ['appInfo', 'syncStatus', 'connectionStatus', 'session', 'staffProfiles', 'setUp', 'unlock', 'lock'];

let temp: TempSecurity;
let store: SecurityStore;
let session: StaffSession;
let router: Router;
let tom: string;

beforeEach(async () => {
  temp = tempSecurity();
  store = temp.open();
  tom = (await store.profiles.create({ name: 'tom', displayName: 'Tom Reyes', role: 'staff', pin: STAFF_PIN })).profileId;
  await store.profiles.create({ name: 'maria', displayName: 'Maria Lopez', role: 'manager', pin: MANAGER_PIN });
  session = createStaffSession({ store, idleLockMinutes: () => 10, systemIdleSeconds: () => 0, now: temp.clock.now, setInterval: () => 0, clearInterval: () => undefined });
  // Caller cards are read by their audit rule, so those answer in their own shape.
  const card = { ...PHI, number: PHI, households: [], matchedPeople: 0, truncated: false };
  const handlers = Object.fromEntries(Object.keys(COMPANION_CONTRACT).map((name) => [name, () => (name === 'callerLookup' || name === 'takeCaller' ? card : PHI)])) as unknown as Handlers<CompanionContract>;
  router = createRouter(COMPANION_CONTRACT, guardHandlers(handlers, COMPANION_CHANNEL_POLICY, { session, audit: store.audit, now: temp.clock.now }), silentLogger);
});
afterEach(() => {
  temp.remove();
});

describe('the app\u2019s channels while locked', () => {
  it('answer nothing but the open channels, whatever a handler would return', async () => {
    for (const name of Object.keys(COMPANION_CONTRACT)) {
      const answer = await router.invoke(name, ARGS[name] ?? {}, { via: 'test' });
      if (OPEN_CHANNELS.includes(name)) {
        expect(answer, name).toMatchObject({ ok: true });
      } else if (name === 'peekCaller') {
        expect(answer).toEqual({ ok: true, value: { locked: true, message: 'Caller matched \u2014 unlock to view' } });
      } else {
        expect(answer, name).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
        expect(JSON.stringify(answer), name).not.toMatch(/Jane|555/);
      }
    }
  });

  it('are open only where nothing about patients is answered', () => {
    const open = Object.entries(COMPANION_CHANNEL_POLICY).filter(([, rule]) => rule.access === 'open').map(([name]) => name);
    expect(open.sort()).toEqual([...OPEN_CHANNELS].sort());
  });

  it('audit nothing', async () => {
    for (const name of Object.keys(COMPANION_CONTRACT)) await router.invoke(name, ARGS[name] ?? {}, { via: 'test' });
    expect([...store.audit.entries()]).toEqual([]);
  });
});

describe('the app\u2019s channels while unlocked', () => {
  beforeEach(async () => {
    await session.unlock(tom, STAFF_PIN);
  });

  it('let staff read the local copy, and keep the link to Sikka for managers', async () => {
    const refused: string[] = [];
    for (const name of Object.keys(COMPANION_CONTRACT)) {
      const answer = await router.invoke(name, ARGS[name] ?? {}, { via: 'test' });
      if (!answer.ok) refused.push(`${name}:${answer.error.code}`);
    }
    expect(refused.sort()).toEqual(
      [
        'auditEntries', 'auditVerify', 'authorizedOffices', 'cancelSignIn', 'checkAppKey', 'chooseOffices', 'clearLocalData', 'connectWithAppKey',
        'createProfile', 'removeProfile', 'resetPin', 'setRole', 'signInWithSikka', 'signOut', 'startDemo',
      ].map((name) => `${name}:MANAGER_ONLY`),
    );
  });

  it('audit searches by office without the text, and views by record id', () => {
    expect(COMPANION_CHANNEL_POLICY.searchPatients?.audit?.({ text: 'Jane Doe' }, { results: [], households: [], truncated: false })).toEqual({ action: 'search', target: 'all-offices', coalesce: true });
    expect(COMPANION_CHANNEL_POLICY.patientDetail?.audit?.({ officeId: 'D16001', patientId: '42' }, null)).toBeNull();
    expect(COMPANION_CHANNEL_POLICY.household?.audit?.({ officeId: 'D16001', guarantorId: '7' }, {} as Household)).toMatchObject({ action: 'view-household', target: 'office/D16001/guarantor/7' });
  });

  it('audit a caller lookup by the households matched, never the number or names', () => {
    const household = (guarantorId: string | null, patientId: string): Household => ({ officeId: 'D16001', role: 'guarantor', guarantorId, guarantor: null, members: [{ patientId } as Household['members'][number]], membersTruncated: false });
    const card: CallerCard = {
      number: { display: '(217) 555-0100' } as CallerCard['number'],
      households: [household('7', '42'), household(null, '43')],
      matchedPeople: 3,
      truncated: false,
    };
    const intent = COMPANION_CHANNEL_POLICY.callerLookup?.audit?.({ number: '2175550100' }, card);
    expect(intent).toEqual({ action: 'caller-lookup', target: 'office/D16001/guarantor/7 office/D16001/patient/43', detail: '2 households', coalesce: true });
    expect(COMPANION_CHANNEL_POLICY.callerLookup?.audit?.({ number: 'x' }, { number: null, households: [], matchedPeople: 0, truncated: false })).toBeNull();
  });

  it('audit changed settings by name and value', () => {
    expect(COMPANION_CHANNEL_POLICY.updateSettings?.audit?.({ idleLockMinutes: 30 }, {} as never)).toEqual({ action: 'settings-changed', detail: 'idleLockMinutes=30' });
  });
});

describe('the app\u2019s events', () => {
  it('all have a rule, so none is silently dropped on the lock screen', () => {
    expect(Object.keys(COMPANION_EVENT_POLICY).sort()).toEqual(Object.keys(COMPANION_EVENTS).sort());
  });
});
