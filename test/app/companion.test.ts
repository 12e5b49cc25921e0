/**
 * The app's services behind the IPC router, as the desktop app and the harness run them: a real
 * data directory, the sync worker thread, the demo sandbox over loopback HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/domain/sync';
import { parsePhoneNumber } from '../../shared/phone/phoneNumber';
import type { Result } from '../../shared/result';
import { startCompanion, type Companion, type CompanionOptions } from '../../main/app/companion';
import { openDataDirWith } from '../../main/app/dataDir';
import { createPassphraseKeyProtector } from '../../main/auth/keyProtectorNode';
import { openNodeSettings } from '../../main/settings/settings';
import { workerScriptUrl } from '../../main/sync/workerHost';
import { CHEAP_SCRYPT, MANAGER_PIN, STAFF_PIN } from '../security/support';
import { DENTAL, VET } from '../sync/support';

const context = { via: 'test' } as const;
const MARIA = { name: 'maria', displayName: 'Maria Lopez', pin: MANAGER_PIN };
const opened: { companion: Companion; dir: string }[] = [];

/** The services on a new data directory, with a manager profile set up and unlocked unless `setUp` is false. */
async function start(options: { setUp?: boolean; extra?: Partial<CompanionOptions> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pc-companion-'));
  const dataDir = openDataDirWith(dir, { protector: createPassphraseKeyProtector('companion tests'), settings: openNodeSettings });
  const companion = startCompanion({
    dataDir,
    worker: { script: workerScriptUrl() },
    version: '1.2.3',
    harness: true,
    demoOffices: () => [{ ...DENTAL, patients: 120 }, { ...VET, patients: 60 }],
    pinScrypt: CHEAP_SCRYPT,
    ...options.extra,
  });
  opened.push({ companion, dir });
  const call = async <T>(channel: string, args: unknown = {}): Promise<T> => {
    const result = (await companion.router.invoke(channel, args, context)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };
  if (options.setUp !== false) await call('setUp', MARIA);
  return { companion, dir, dataDir, call };
}

async function untilSynced(companion: Companion): Promise<SyncStatus> {
  for (let i = 0; i < 300; i += 1) {
    const status = companion.syncStatus();
    if (!status.running && status.offices.length > 0 && status.offices.every((office) => office.state === 'up-to-date')) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the demo practice did not sync');
}

afterEach(async () => {
  for (const { companion, dir } of opened.splice(0)) {
    await companion.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the app\u2019s services', () => {
  it('starts unconnected with an empty copy that still answers', async () => {
    const { call } = await start();
    expect(await call('connectionStatus')).toMatchObject({ kind: 'none' });
    expect(await call('searchPatients', { text: 'ann' })).toEqual({ results: [], truncated: false, households: [] });
    expect(await call('appInfo')).toEqual({ version: '1.2.3', online: true, harness: true, locale: null, clock: 'system' });
  });

  it('explores the demo practice: syncs it in the worker and finds people in it', async () => {
    const { companion, call } = await start();
    const events: string[] = [];
    companion.onEvent((event) => events.push(event));
    expect(await call('startDemo')).toMatchObject({ kind: 'demo' });
    const status = await untilSynced(companion);
    expect(status.offices.map((office) => office.officeId).sort()).toEqual(['D16001', 'V20417']);
    const found = await call<{ results: { patientId: string; officeId: string }[] }>('searchPatients', { text: 'a', limit: 5 });
    expect(found.results.length).toBeGreaterThan(0);
    const first = found.results[0];
    expect(await call('patientDetail', { officeId: first?.officeId, patientId: first?.patientId })).toMatchObject({ patientId: first?.patientId });
    expect(events).toEqual(expect.arrayContaining(['connection', 'sync', 'syncStatus']));
  });

  it('refuses the demo while connected to a practice', async () => {
    const { dataDir, companion } = await start();
    dataDir.settings.update({ connectionKind: 'sikka' });
    expect(await companion.router.invoke('startDemo', {}, context)).toMatchObject({ ok: false, error: { code: 'ALREADY_CONNECTED' } });
  });

  it('pauses and resumes background syncing, and keeps the choice', async () => {
    const { companion, call, dataDir } = await start();
    expect(await call<SyncStatus>('setSyncPaused', { paused: true })).toMatchObject({ paused: true });
    expect(dataDir.settings.current().syncPaused).toBe(true);
    expect(companion.syncStatus().nextRunAt).toBeNull();
    expect(await call<SyncStatus>('setSyncPaused', { paused: false })).toMatchObject({ paused: false });
  });

  it('changes only the settings the screen may change', async () => {
    const { call, companion } = await start();
    expect(await call('updateSettings', { syncIntervalMinutes: 30 })).toMatchObject({ syncIntervalMinutes: 30 });
    expect(await companion.router.invoke('updateSettings', { connectionKind: 'sikka' }, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    expect(await companion.router.invoke('updateSettings', { syncIntervalMinutes: 1 }, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
  });

  it('tells listeners when the network comes and goes', async () => {
    const { companion } = await start();
    const seen: unknown[] = [];
    companion.onEvent((event, payload) => { if (event === 'online') seen.push(payload); });
    companion.setOnline(false);
    companion.setOnline(false);
    companion.setOnline(true);
    expect(seen).toEqual([{ online: false }, { online: true }]);
  });

  it('signing out of the demo removes the local copy and its key', async () => {
    const { companion, call, dataDir } = await start();
    await call('startDemo');
    await untilSynced(companion);
    const keyBefore = dataDir.databaseKey().toString('hex');
    expect(await call('signOut')).toEqual({ revokedOffices: [], notRevoked: [] });
    expect(await call('connectionStatus')).toMatchObject({ kind: 'none' });
    expect(await call('searchPatients', { text: 'a' })).toEqual({ results: [], truncated: false, households: [] });
    expect(companion.syncStatus().offices).toEqual([]);
    // What remains is a new, empty copy under a new key.
    expect(dataDir.databaseKey().toString('hex')).not.toBe(keyBefore);
  });

  it('clearing local data keeps the connection and syncs again', async () => {
    const { companion, call } = await start();
    await call('startDemo');
    await untilSynced(companion);
    expect(await call('clearLocalData')).toBeNull();
    expect(await call('connectionStatus')).toMatchObject({ kind: 'demo' });
    await untilSynced(companion);
    const found = await call<{ results: unknown[] }>('searchPatients', { text: 'a', limit: 1 });
    expect(found.results).toHaveLength(1);
  });
});

describe('who is at the PC', () => {
  const code = async (companion: Companion, channel: string, args: unknown = {}): Promise<string | null> => {
    const result = (await companion.router.invoke(channel, args, context));
    return result.ok ? null : result.error.code;
  };

  it('shows nothing and connects nothing until the first profile, a manager, is set up', async () => {
    const { companion, call } = await start({ setUp: false });
    expect(await call('session')).toEqual({ state: 'needs-setup' });
    expect(await call('connectionStatus')).toMatchObject({ kind: 'none' });
    expect(await code(companion, 'searchPatients', { text: 'a' })).toBe('NEEDS_SETUP');
    expect(await code(companion, 'startDemo')).toBe('NEEDS_SETUP');
    expect(await call('setUp', MARIA)).toMatchObject({ state: 'unlocked', profile: { name: 'maria', role: 'manager' } });
    expect(await code(companion, 'setUp', { ...MARIA, name: 'again' })).toBe('ALREADY_SET_UP');
    expect(await call('searchPatients', { text: 'a' })).toMatchObject({ results: [] });
  });

  it('locks: patient data refused, a wrong PIN counted, the right one unlocks, and the window told each time', async () => {
    const { companion, call } = await start();
    const sessions: unknown[] = [];
    companion.onEvent((event, payload) => { if (event === 'session') sessions.push(payload); });
    const { profile } = await call<{ profile: { profileId: string } }>('session');
    expect(await call('lock')).toMatchObject({ state: 'locked', reason: 'manual' });
    expect(await code(companion, 'searchPatients', { text: 'a' })).toBe('LOCKED');
    expect(await code(companion, 'household', { officeId: 'D16001', guarantorId: '1' })).toBe('LOCKED');
    expect(await call('staffProfiles')).toEqual([expect.objectContaining({ name: 'maria', displayName: 'Maria Lopez' })]);
    expect(await code(companion, 'unlock', { profileId: profile.profileId, pin: '000000' })).toBe('WRONG_PIN');
    expect(await call('unlock', { profileId: profile.profileId, pin: MANAGER_PIN })).toMatchObject({ state: 'unlocked' });
    expect(sessions).toMatchObject([{ state: 'locked', reason: 'manual' }, { state: 'unlocked' }]);
    expect(JSON.stringify(sessions)).not.toContain(MANAGER_PIN);
    expect(JSON.stringify(sessions)).not.toMatch(/hash|scrypt/i);
  });

  it('opens on the demo practice once the first manager is set up, when asked to and nothing is connected', async () => {
    const { companion, call } = await start({ setUp: false, extra: { demoWhenUnconfigured: true } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await call('connectionStatus')).toMatchObject({ kind: 'none' });
    await call('setUp', MARIA);
    await expect.poll(async () => (await call<{ kind: string }>('connectionStatus')).kind, { timeout: 10_000 }).toBe('demo');
    await untilSynced(companion);
    const trail = await call<{ action: string; actorName: string; detail: string | null }[]>('auditEntries', { limit: 10 });
    expect(trail).toContainEqual(expect.objectContaining({ action: 'sign-in', actorName: 'Maria Lopez', detail: 'demo practice' }));
  });

  it('lets only a manager manage the link to Sikka, the profiles and the audit trail', async () => {
    const { companion, call } = await start();
    const tom = await call<{ profileId: string }>('createProfile', { name: 'tom', displayName: 'Tom Reyes', role: 'staff', pin: STAFF_PIN });
    await call('unlock', { profileId: tom.profileId, pin: STAFF_PIN });
    for (const channel of ['startDemo', 'clearLocalData', 'signOut', 'auditEntries', 'auditVerify', 'createProfile']) {
      const args = channel === 'auditEntries' ? { limit: 10 } : channel === 'createProfile' ? { name: 'x', displayName: 'X', role: 'staff', pin: STAFF_PIN } : {};
      expect([channel, await code(companion, channel, args)]).toEqual([channel, 'MANAGER_ONLY']);
    }
    expect(await call('searchPatients', { text: 'a' })).toMatchObject({ results: [] });
  });

  it('locks after the idle minutes of the system\u2019s idle time, and at once on the OS screen lock', async () => {
    let idleSeconds = 0;
    let poll: (() => void) | undefined;
    const { companion, call } = await start({
      extra: { systemIdleSeconds: () => idleSeconds, idlePoll: { setInterval: (callback) => { poll = callback; return 1; }, clearInterval: () => { poll = undefined; } } },
    });
    await call('updateSettings', { idleLockMinutes: 2 });
    idleSeconds = 119;
    poll?.();
    expect(companion.session.view().state).toBe('unlocked');
    idleSeconds = 120;
    poll?.();
    expect(companion.session.view()).toMatchObject({ state: 'locked', reason: 'idle' });
    expect(poll).toBeUndefined();
    const { profileId } = (await call<{ profileId: string }[]>('staffProfiles'))[0] ?? { profileId: '' };
    idleSeconds = 0;
    await call('unlock', { profileId, pin: MANAGER_PIN });
    companion.session.screenLocked();
    expect(companion.session.view()).toMatchObject({ state: 'locked', reason: 'screen-locked' });
  });

  it('keeps a caller for after the unlock, says only "matched" meanwhile, and audits by ids; the trail outlives signing out', async () => {
    const { companion, call } = await start();
    await call('startDemo');
    await untilSynced(companion);
    const found = await call<{ results: { officeId: string; patientId: string }[] }>('searchPatients', { text: 'a', officeId: DENTAL.officeId, limit: 50 });
    let digits = '';
    for (const result of found.results) {
      const detail = await call<{ cellPhone: string | null; homePhone: string | null }>('patientDetail', { officeId: result.officeId, patientId: result.patientId });
      digits = (detail.cellPhone ?? detail.homePhone ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
      if (digits.length === 10) break;
    }
    expect(digits).toHaveLength(10);
    const sessionView = await call<{ profile: { profileId: string } }>('session');
    await call('lock');
    const events: unknown[] = [];
    companion.onEvent((event, payload) => { events.push({ event, payload }); });
    const number = parsePhoneNumber(digits);
    if (number === null) throw new Error('not a phone number');
    companion.callerArrived(number);
    expect(await call('peekCaller')).toEqual({ locked: true, message: 'Caller matched \u2014 unlock to view' });
    expect(await code(companion, 'takeCaller')).toBe('LOCKED');
    expect(JSON.stringify(events)).not.toContain(digits.slice(-7));
    await call('unlock', { profileId: sessionView.profile.profileId, pin: MANAGER_PIN });
    const card = await call<{ households: unknown[] }>('takeCaller');
    expect(card.households.length).toBeGreaterThan(0);

    const trail = await call<{ action: string; actorName: string; target: string | null; detail: string | null }[]>('auditEntries', { limit: 100 });
    expect(trail.map((entry) => entry.action)).toEqual(expect.arrayContaining(['profile-created', 'unlock', 'sign-in', 'search', 'view-patient', 'lock', 'caller-lookup']));
    expect(JSON.stringify(trail)).not.toContain(digits.slice(-7));
    expect(await call('auditVerify')).toMatchObject({ ok: true, checkpoint: 'matches' });

    await call('signOut');
    const after = await call<{ action: string }[]>('auditEntries', { limit: 200 });
    expect(after[0]).toMatchObject({ action: 'sign-out', actorName: 'Maria Lopez' });
    expect(after.length).toBeGreaterThan(trail.length);
    expect(await call('auditVerify')).toMatchObject({ ok: true });
    expect(await call('session')).toMatchObject({ state: 'unlocked' });
  });
});
