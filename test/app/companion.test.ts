/**
 * The app's services behind the IPC router, as the desktop app and the harness run them: a real
 * data directory, the sync worker thread, the demo sandbox over loopback HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/domain/sync';
import type { Result } from '../../shared/result';
import { startCompanion, type Companion } from '../../main/app/companion';
import { openDataDirWith } from '../../main/app/dataDir';
import { createPassphraseKeyProtector } from '../../main/auth/keyProtectorNode';
import { openNodeSettings } from '../../main/settings/settings';
import { workerScriptUrl } from '../../main/sync/workerHost';
import { DENTAL, VET } from '../sync/support';

const context = { via: 'test' } as const;
const opened: { companion: Companion; dir: string }[] = [];

function start(dir = mkdtempSync(join(tmpdir(), 'pc-companion-'))) {
  const dataDir = openDataDirWith(dir, { protector: createPassphraseKeyProtector('companion tests'), settings: openNodeSettings });
  const companion = startCompanion({
    dataDir,
    worker: { script: workerScriptUrl() },
    version: '1.2.3',
    harness: true,
    demoOffices: () => [{ ...DENTAL, patients: 120 }, { ...VET, patients: 60 }],
  });
  opened.push({ companion, dir });
  const call = async <T>(channel: string, args: unknown = {}): Promise<T> => {
    const result = (await companion.router.invoke(channel, args, context)) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };
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
    const { call } = start();
    expect(await call('connectionStatus')).toMatchObject({ kind: 'none' });
    expect(await call('searchPatients', { text: 'ann' })).toEqual({ results: [], truncated: false, households: [] });
    expect(await call('appInfo')).toEqual({ version: '1.2.3', online: true, harness: true });
  });

  it('explores the demo practice: syncs it in the worker and finds people in it', async () => {
    const { companion, call } = start();
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
    const { dataDir, companion } = start();
    dataDir.settings.update({ connectionKind: 'sikka' });
    expect(await companion.router.invoke('startDemo', {}, context)).toMatchObject({ ok: false, error: { code: 'ALREADY_CONNECTED' } });
  });

  it('pauses and resumes background syncing, and keeps the choice', async () => {
    const { companion, call, dataDir } = start();
    expect(await call<SyncStatus>('setSyncPaused', { paused: true })).toMatchObject({ paused: true });
    expect(dataDir.settings.current().syncPaused).toBe(true);
    expect(companion.syncStatus().nextRunAt).toBeNull();
    expect(await call<SyncStatus>('setSyncPaused', { paused: false })).toMatchObject({ paused: false });
  });

  it('changes only the settings the screen may change', async () => {
    const { call, companion } = start();
    expect(await call('updateSettings', { syncIntervalMinutes: 30 })).toMatchObject({ syncIntervalMinutes: 30 });
    expect(await companion.router.invoke('updateSettings', { connectionKind: 'sikka' }, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    expect(await companion.router.invoke('updateSettings', { syncIntervalMinutes: 1 }, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
  });

  it('tells listeners when the network comes and goes', () => {
    const { companion } = start();
    const seen: unknown[] = [];
    companion.onEvent((event, payload) => { if (event === 'online') seen.push(payload); });
    companion.setOnline(false);
    companion.setOnline(false);
    companion.setOnline(true);
    expect(seen).toEqual([{ online: false }, { online: true }]);
  });

  it('signing out of the demo removes the local copy and its key', async () => {
    const { companion, call, dataDir } = start();
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
    const { companion, call } = start();
    await call('startDemo');
    await untilSynced(companion);
    expect(await call('clearLocalData')).toBeNull();
    expect(await call('connectionStatus')).toMatchObject({ kind: 'demo' });
    await untilSynced(companion);
    const found = await call<{ results: unknown[] }>('searchPatients', { text: 'a', limit: 1 });
    expect(found.results).toHaveLength(1);
  });
});
