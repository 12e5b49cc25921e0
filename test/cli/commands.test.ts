import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDataDir } from '../../main/cli/dataDir';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../main/sandbox';
import type { PatientSearchResponse } from '../../shared/domain/patients';
import type { SikkaRecord } from '../../shared/domain/records';
import type { SyncStatus } from '../../shared/domain/sync';
import { sandboxClock } from '../sandbox/support';
import { text } from '../sync/support';
import { CLI_ENV, cli, tempDataDir } from './support';

const DENTAL: SandboxOfficeSpec = { officeId: 'D16001', secretKey: 'secret-dental', domain: 'Dental', practiceName: 'Maple Grove Family Dental', patients: 300, timeZone: 'Central Standard Time' };
const VET: SandboxOfficeSpec = { officeId: 'V20417', secretKey: 'secret-vet', domain: 'Veterinary', practiceName: 'Riverbend Animal Hospital', patients: 120, timeZone: 'Eastern Standard Time' };

let sandbox: Sandbox;
const clock = sandboxClock();
let data: { dir: string; remove(): void };
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, offices: [DENTAL, VET], now: clock.now });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  data = tempDataDir();
  sandbox.faults.reset();
});
afterEach(() => {
  data.remove();
});

const syncArgs = (): string[] => ['sync', '--data-dir', data.dir, '--base-url', sandbox.baseUrl, '--app-id', sandbox.appId, '--app-key', sandbox.appKey];
const lines = (text: string): SikkaRecord[] => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as SikkaRecord);
const asExported = (records: Iterable<SikkaRecord>, officeId: string): string[] => [...records].map((record) => JSON.stringify({ ...record, office_id: officeId })).sort();

describe('sync', () => {
  it('copies every authorized office with the given app key and exits 0, with progress on stderr only', async () => {
    const result = await cli(syncArgs());
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toContain(`${DENTAL.officeId}: patients download 300/300`);
    expect(result.err).toContain('Copied everything Sikka has: 2 offices.');
  });

  it('uses the stored credentials, Sikka address and office choice when none are given', async () => {
    const dir = openDataDir(data.dir, CLI_ENV);
    dir.credentials.saveApp({ appId: sandbox.appId, appKey: sandbox.appKey });
    dir.settings.update({ connectionKind: 'sikka', sikkaBaseUrl: sandbox.baseUrl, selectedOffices: [VET.officeId] });
    const result = await cli(['sync', '--data-dir', data.dir]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`${VET.officeId}: synced`);
    expect(result.err).not.toContain(DENTAL.officeId);
  });

  it('fails with the plain-words explanation when there are no credentials', async () => {
    const result = await cli(['sync', '--data-dir', data.dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('sync failed (NOT_SIGNED_IN): Practice Companion is not connected to Sikka yet.');
  });

  it('exits 1 and says when syncing resumes when an office reaches its daily limit', async () => {
    sandbox.faults.requestQuotaPerDay = 0;
    const result = await cli(syncArgs());
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/D16001: paused — API2012: .+ Resumes at \d{4}-\d\d-\d\dT/);
    expect(result.err).toContain('not up to date');
  });

  it('syncs the built-in demo practice with --demo', async () => {
    const result = await cli(['sync', '--data-dir', data.dir, '--demo']);
    expect(result.code).toBe(0);
    expect(result.err).toContain('Copied everything Sikka has: 2 offices.');
  }, 60_000);
});

describe('export, status and search', () => {
  // One synced directory for these read-only commands.
  let synced: { dir: string; remove(): void };
  beforeAll(async () => {
    synced = tempDataDir();
    const result = await cli(['sync', '--data-dir', synced.dir, '--base-url', sandbox.baseUrl, '--app-id', sandbox.appId, '--app-key', sandbox.appKey]);
    expect(result.code).toBe(0);
  });
  afterAll(() => {
    synced.remove();
  });

  it('exports each resource as JSON Lines, every record exactly as Sikka sent it plus office_id', async () => {
    for (const [resource, vetResource] of [['patients', 'veterinary_patients'], ['appointments', 'appointments'], ['guarantors', 'guarantors'], ['providers', 'providers'], ['practices', 'practices']] as const) {
      const result = await cli(['export', resource, '--data-dir', synced.dir]);
      expect(result.code, resource).toBe(0);
      const exported = result.out.split('\n').filter((line) => line !== '').sort();
      expect(exported, resource).toEqual([...asExported(sandbox.records(DENTAL.officeId, resource), DENTAL.officeId), ...asExported(sandbox.records(VET.officeId, vetResource), VET.officeId)].sort());
    }
  });

  it('exports one office with --office', async () => {
    const result = await cli(['export', 'appointments', '--data-dir', synced.dir, '--office', VET.officeId]);
    const records = lines(result.out);
    expect(records).toHaveLength(sandbox.count(VET.officeId, 'appointments'));
    expect(new Set(records.map((record) => record['office_id']))).toEqual(new Set([VET.officeId]));
  });

  it('prints the sync status as JSON with --json, and in words without', async () => {
    const json = await cli(['status', '--data-dir', synced.dir, '--json']);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.out) as SyncStatus;
    expect(status.running).toBe(false);
    expect(status.offices.map((office) => [office.officeId, office.state, office.counts.patients]).sort()).toEqual([
      [DENTAL.officeId, 'up-to-date', sandbox.count(DENTAL.officeId, 'patients')],
      [VET.officeId, 'up-to-date', sandbox.count(VET.officeId, 'veterinary_patients')],
    ]);
    expect(status.offices[0]?.spc.insertedAt?.local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const words = await cli(['status', '--data-dir', synced.dir]);
    expect(words.out).toContain('Maple Grove Family Dental [D16001] \u2014 up-to-date');
    expect(words.out).toContain('SPC: ');
    expect(words.out).toMatch(/freshness: up to date \u2014 Dentrix last read by Sikka \d+ min ago; Last copied to this PC /);
  });

  it('finds patients by name with --json', async () => {
    const [patient] = sandbox.records(DENTAL.officeId, 'patients');
    const lastname = text(patient?.['lastname']);
    const result = await cli(['search', lastname, '--data-dir', synced.dir, '--json', '--office', DENTAL.officeId]);
    expect(result.code).toBe(0);
    const response = JSON.parse(result.out) as PatientSearchResponse;
    expect(response.results.map((found) => found.patientId)).toContain(patient?.['patient_id']);
    const words = await cli(['search', lastname, '--data-dir', synced.dir]);
    expect(words.out).toContain(`[${DENTAL.officeId}/${text(patient?.['patient_id'])}]`);
  });
});

describe('export after changes', () => {
  beforeEach(async () => {
    expect((await cli(syncArgs())).code).toBe(0);
  });

  it('leaves records deleted upstream out of the export after the next sync', async () => {
    clock.later();
    const change = sandbox.mutate(DENTAL.officeId, { delete: 3, edit: 1 });
    expect((await cli(syncArgs())).code).toBe(0);
    const ids = lines((await cli(['export', 'patients', '--data-dir', data.dir, '--office', DENTAL.officeId])).out).map((record) => record['patient_id']);
    for (const deleted of change.deleted) expect(ids).not.toContain(deleted);
    expect(ids).toHaveLength(sandbox.count(DENTAL.officeId, 'patients'));
  });
});

describe('how commands fail', () => {
  it('exits 2 with the usage for calls made wrongly', async () => {
    for (const argv of [
      ['sync'],
      ['sync', '--data-dir', data.dir, '--app-id', 'x'],
      ['sync', '--data-dir', data.dir, '--demo', '--base-url', 'http://127.0.0.1:1'],
      ['sync', '--data-dir', data.dir, '--base-url', 'ftp://example'],
      ['export', '--data-dir', data.dir],
      ['export', 'invoices', '--data-dir', data.dir],
      ['search', '--data-dir', data.dir],
      ['search', 'x', '--data-dir', data.dir, '--limit', '0'],
      ['status', '--data-dir', data.dir, '--verbose'],
    ]) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toContain('Usage: npm run cli -- ');
    }
  });

  it('exits 1 with an explanation when nothing was synced in the directory yet', async () => {
    for (const argv of [['export', 'patients', '--data-dir', data.dir], ['status', '--data-dir', data.dir], ['search', 'x', '--data-dir', data.dir]]) {
      const result = await cli(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err).toContain('(CACHE_NOT_FOUND): There is no local copy in this folder yet. Run a sync first.');
    }
  });

  it('exits 1 when the data directory was locked with another passphrase', async () => {
    expect((await cli(syncArgs())).code).toBe(0);
    const result = await cli(['status', '--data-dir', data.dir], { env: { PRACTICE_COMPANION_PASSPHRASE: 'another one' } });
    expect(result.code).toBe(1);
    expect(result.err).toContain('status failed (VAULT_SECRET_UNREADABLE): ');
  });
});
