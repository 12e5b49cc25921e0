import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouter, type Handlers, type Router } from '../../main/ipc/router';
import { silentLogger } from '../../main/log/logger';
import { guardEvents, guardHandlers, redactCallerMatch, type ChannelPolicy, type EventEmitter, type EventPolicy } from '../../main/security/guard';
import { createStaffSession, type StaffSession } from '../../main/security/session';
import type { SecurityStore } from '../../main/security/store';
import { auditTarget } from '../../shared/domain/audit';
import { LOCKED_CALLER_MESSAGE, type LockedCallerCard } from '../../shared/domain/staff';
import { channel, type EventSpec } from '../../shared/ipc/define';
import { MANAGER_PIN, STAFF_PIN, tempSecurity, type TempSecurity } from './support';

const PATIENT = { officeId: 'D16001', patientId: '42', displayName: 'Jane Doe', phone: '555-0100' };

/** A small contract standing in for the app's: one channel of each kind. */
const CONTRACT = {
  status: channel<{ synced: boolean }>()(z.strictObject({})),
  patient: channel<typeof PATIENT | null>()(z.strictObject({ officeId: z.string(), patientId: z.string() })),
  search: channel<{ results: (typeof PATIENT)[] }>()(z.strictObject({ text: z.string(), officeId: z.string().optional() })),
  slowPatient: channel<typeof PATIENT>()(z.strictObject({})),
  manage: channel<null>()(z.strictObject({})),
  unlisted: channel<typeof PATIENT>()(z.strictObject({})),
  caller: channel<{ matches: (typeof PATIENT)[] } | LockedCallerCard | null>()(z.strictObject({})),
} as const;

const POLICY: ChannelPolicy<typeof CONTRACT> = {
  status: { access: 'open' },
  patient: {
    access: 'unlocked',
    patientData: true,
    audit: (args, found) => (found === null ? null : { action: 'view-patient', target: auditTarget.patient(args.officeId, args.patientId), coalesce: true }),
  },
  search: { access: 'unlocked', patientData: true, audit: (args) => ({ action: 'search', target: auditTarget.offices(args.officeId ?? null), coalesce: true }) },
  slowPatient: { access: 'unlocked', patientData: true },
  manage: { access: 'manager', audit: () => ({ action: 'settings-changed', detail: 'something' }) },
  caller: {
    access: 'unlocked',
    patientData: true,
    whileLocked: (card) => (card !== null && 'matches' in card ? redactCallerMatch(card.matches) : card),
    audit: () => ({ action: 'caller-lookup', target: auditTarget.patient('D16001', '42') }),
  },
};

let temp: TempSecurity;
let store: SecurityStore;
let session: StaffSession;
let router: Router;
let maria: string;
let tom: string;
let releaseSlow: (() => void) | undefined;
let handlers: Handlers<typeof CONTRACT>;

/** Waits until the slow handler has started, so the test can act while it runs. */
async function slowStarted(): Promise<() => void> {
  for (let i = 0; i < 100 && releaseSlow === undefined; i++) await Promise.resolve();
  if (releaseSlow === undefined) throw new Error('the slow handler did not start');
  return releaseSlow;
}

beforeEach(async () => {
  temp = tempSecurity();
  store = temp.open();
  releaseSlow = undefined;
  maria = (await store.profiles.create({ name: 'maria', displayName: 'Maria Lopez', role: 'manager', pin: MANAGER_PIN })).profileId;
  tom = (await store.profiles.create({ name: 'tom', displayName: 'Tom Reyes', role: 'staff', pin: STAFF_PIN })).profileId;
  session = createStaffSession({ store, idleLockMinutes: () => 10, systemIdleSeconds: () => 0, now: temp.clock.now, setInterval: () => 0, clearInterval: () => undefined });
  handlers = {
    status: () => ({ synced: true }),
    patient: ({ patientId }) => (patientId === PATIENT.patientId ? PATIENT : null),
    search: () => ({ results: [PATIENT] }),
    slowPatient: () => new Promise((resolve) => { releaseSlow = () => { resolve(PATIENT); }; }),
    manage: () => null,
    unlisted: () => PATIENT,
    caller: () => ({ matches: [PATIENT] }),
  };
  router = createRouter(CONTRACT, guardHandlers(handlers, POLICY, { session, audit: store.audit, now: temp.clock.now }), silentLogger);
});
afterEach(() => {
  temp.remove();
});

const call = (name: keyof typeof CONTRACT, args: unknown = {}) => router.invoke(name, args, { via: 'test' });
const audited = () => [...store.audit.entries()].filter((entry) => entry.action !== 'unlock' && entry.action !== 'lock');

describe('the router guard while locked', () => {
  it('answers channels marked open', async () => {
    expect(await call('status')).toEqual({ ok: true, value: { synced: true } });
  });

  it('refuses patient data with LOCKED, saying to unlock, and no data', async () => {
    for (const [name, args] of [['patient', { officeId: 'D16001', patientId: '42' }], ['search', { text: 'Jane' }], ['unlisted', {}]] as const) {
      const answer = await call(name, args);
      expect(answer, name).toEqual({ ok: false, error: { code: 'LOCKED', message: 'Practice Companion is locked. Unlock it with your PIN to see patient information.' } });
    }
  });

  it('answers a caller card that says only "matched" and audits nothing', async () => {
    const answer = await call('caller');
    expect(answer).toEqual({ ok: true, value: { locked: true, message: 'Caller matched \u2014 unlock to view' } });
    expect(audited()).toEqual([]);
  });

  it('refuses everything but open channels in needs-setup', async () => {
    temp.raw().exec('DELETE FROM staff_profiles');
    session = createStaffSession({ store, idleLockMinutes: () => 10, systemIdleSeconds: () => 0, now: temp.clock.now, setInterval: () => 0, clearInterval: () => undefined });
    router = createRouter(CONTRACT, guardHandlers(handlers, POLICY, { session, audit: store.audit, now: temp.clock.now }), silentLogger);
    expect(session.view().state).toBe('needs-setup');
    expect(await call('status')).toMatchObject({ ok: true });
    for (const name of ['patient', 'search', 'manage', 'unlisted', 'caller'] as const) {
      expect(await call(name, name === 'patient' ? { officeId: 'D16001', patientId: '42' } : name === 'search' ? { text: 'x' } : {})).toMatchObject({ ok: false, error: { code: 'NEEDS_SETUP' } });
    }
  });

  it('drops an answer with patient data when the app locks while it is being prepared', async () => {
    await session.unlock(tom, STAFF_PIN);
    const pending = call('slowPatient');
    const release = await slowStarted();
    session.lock('idle');
    release();
    const answer = await pending;
    expect(answer).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(JSON.stringify(answer)).not.toContain('Jane');
  });

  it('drops it as well when another profile unlocked meanwhile', async () => {
    await session.unlock(tom, STAFF_PIN);
    const pending = call('slowPatient');
    const release = await slowStarted();
    await session.unlock(maria, MANAGER_PIN);
    release();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });
});

describe('the router guard while unlocked', () => {
  it('answers patient data and audits it in the unlocked profile\u2019s name', async () => {
    await session.unlock(tom, STAFF_PIN);
    expect(await call('patient', { officeId: 'D16001', patientId: '42' })).toEqual({ ok: true, value: PATIENT });
    expect(audited()).toEqual([expect.objectContaining({ actor: tom, actorName: 'Tom Reyes', action: 'view-patient', target: 'office/D16001/patient/42' })]);
  });

  it('answers the whole caller card and audits the lookup', async () => {
    await session.unlock(tom, STAFF_PIN);
    expect(await call('caller')).toEqual({ ok: true, value: { matches: [PATIENT] } });
    expect(audited()).toEqual([expect.objectContaining({ actor: tom, action: 'caller-lookup' })]);
  });

  it('writes nothing when nothing was shown', async () => {
    await session.unlock(tom, STAFF_PIN);
    expect(await call('patient', { officeId: 'D16001', patientId: '7' })).toEqual({ ok: true, value: null });
    expect(audited()).toEqual([]);
  });

  it('audits who searched which offices, never the text', async () => {
    await session.unlock(tom, STAFF_PIN);
    await call('search', { text: 'Jane Doe 555-0100', officeId: 'D16001' });
    expect(audited()).toEqual([expect.objectContaining({ action: 'search', target: 'office/D16001', detail: null })]);
    expect(JSON.stringify([...store.audit.entries()])).not.toMatch(/Jane|555/);
  });

  it('makes one entry of repeated searches within a minute, and a new one after', async () => {
    await session.unlock(tom, STAFF_PIN);
    for (const text of ['J', 'Ja', 'Jan', 'Jane']) {
      await call('search', { text });
      temp.clock.advance(5_000);
    }
    expect(audited()).toHaveLength(1);
    temp.clock.advance(60_000);
    await call('search', { text: 'Janet' });
    await call('search', { text: 'Jan', officeId: 'D16001' });
    expect(audited().map((entry) => entry.target)).toEqual(['all-offices', 'all-offices', 'office/D16001']);
  });

  it('audits a record viewed again in a new session, even within the minute', async () => {
    await session.unlock(tom, STAFF_PIN);
    await call('patient', { officeId: 'D16001', patientId: '42' });
    session.lock('manual');
    await session.unlock(tom, STAFF_PIN);
    await call('patient', { officeId: 'D16001', patientId: '42' });
    expect(audited().map((entry) => entry.action)).toEqual(['view-patient', 'view-patient']);
  });

  it('does not answer when its audit entry cannot be written (fails closed)', async () => {
    await session.unlock(tom, STAFF_PIN);
    temp.checkpoint.failWrites = true;
    const answer = await call('patient', { officeId: 'D16001', patientId: '42' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(JSON.stringify(answer)).not.toContain('Jane');
  });

  it('refuses manager channels to staff with MANAGER_ONLY and lets a manager through', async () => {
    await session.unlock(tom, STAFF_PIN);
    expect(await call('manage')).toMatchObject({ ok: false, error: { code: 'MANAGER_ONLY' } });
    await session.unlock(maria, MANAGER_PIN);
    expect(await call('manage')).toEqual({ ok: true, value: null });
    expect(audited()).toEqual([expect.objectContaining({ actor: maria, action: 'settings-changed', detail: 'something' })]);
  });
});

describe('events', () => {
  // A type alias, not an interface: the events shape is an indexable record.
  type Events = {
    readonly status: EventSpec<{ synced: boolean }>;
    readonly caller: EventSpec<{ name: string } | LockedCallerCard>;
    readonly other: EventSpec<{ name: string }>;
  };
  const EVENT_POLICY: EventPolicy<Events> = {
    status: 'open',
    caller: { whileLocked: (payload) => redactCallerMatch(payload) ?? undefined },
  };
  let sent: [string, unknown][];
  let emit: EventEmitter<Events>;
  beforeEach(() => {
    sent = [];
    emit = guardEvents(session, EVENT_POLICY, (name, payload) => { sent.push([name, payload]); });
  });

  it('sends open events in any state', () => {
    emit('status', { synced: true });
    expect(sent).toEqual([['status', { synced: true }]]);
  });

  it('sends a redacted caller card while locked, and events without a rule not at all', () => {
    emit('caller', { name: 'Jane Doe' });
    emit('other', { name: 'Jane Doe' });
    expect(sent).toEqual([['caller', { locked: true, message: LOCKED_CALLER_MESSAGE }]]);
  });

  it('sends every event whole while unlocked', async () => {
    await session.unlock(tom, STAFF_PIN);
    emit('caller', { name: 'Jane Doe' });
    emit('other', { name: 'Jane Doe' });
    expect(sent.map(([name]) => name)).toEqual(['caller', 'other']);
  });
});

describe('a caller match while locked', () => {
  it('says only that the caller matched: no name, and the same for one match or many', () => {
    const one = redactCallerMatch([PATIENT]);
    const many = redactCallerMatch([PATIENT, { ...PATIENT, patientId: '43', displayName: 'John Doe' }]);
    expect(one).toEqual({ locked: true, message: 'Caller matched \u2014 unlock to view' });
    expect(many).toEqual(one);
    expect(redactCallerMatch({ household: [PATIENT] })).toEqual(one);
  });

  it('shows nothing when nobody matched', () => {
    expect(redactCallerMatch([])).toBeNull();
    expect(redactCallerMatch(null)).toBeNull();
  });
});
