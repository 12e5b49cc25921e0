import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SandboxOfficeSpec } from '../../main/sandbox';
import { SikkaApiError } from '../../main/sikka';
import { DEFAULT_FRESHNESS_POLICY, officeFreshness } from '../../shared/domain/freshness';
import type { SyncEvent } from '../../shared/domain/sync';
import { DENTAL, expectCacheEqualsSandbox, START, TEST_PAGE_SIZE, text, useSyncWorld, VERSIONS, VET } from './support';

const outcomes = (summary: { offices: readonly { officeId: string; outcome: string }[] }): Record<string, string> =>
  Object.fromEntries(summary.offices.map((office) => [office.officeId, office.outcome]));

describe.each(VERSIONS)('the sync engine on %s', (version) => {
  const world = useSyncWorld([DENTAL, VET], version);
  const expectExactCopy = (offices: readonly SandboxOfficeSpec[]): void => { expectCacheEqualsSandbox(world.cache, world.sandbox, offices, version); };

  describe('a first sync', () => {
    it('copies every resource of a Dental and a Veterinary office exactly as the sandbox serves them', async () => {
      const summary = await world.engine().run();
      expect(summary.error).toBeNull();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
      expectExactCopy([DENTAL, VET]);
      const [pet] = world.records(VET.officeId, 'veterinary_patients');
      expect(world.cache.reader.patientDetail(VET.officeId, text(pet?.['patient_id']))?.kind).toBe('pet');
    });

    it('records each office, its SPC status and a success, and keeps them after a restart', async () => {
      await world.engine().run();
      world.reopen();
      const statuses = world.cache.reader.syncStatus();
      expect(statuses.map((status) => [status.officeId, status.state])).toEqual(
        expect.arrayContaining([[DENTAL.officeId, 'up-to-date'], [VET.officeId, 'up-to-date']]),
      );
      const dental = statuses.find((status) => status.officeId === DENTAL.officeId);
      expect(dental).toMatchObject({
        lastSuccessAt: START,
        lastError: null,
        quota: { limited: false },
        counts: { patients: world.sandbox.count(DENTAL.officeId, 'patients'), appointments: world.sandbox.count(DENTAL.officeId, 'appointments') },
        spc: { timeZone: 'Central Standard Time', ianaTimeZone: 'America/Chicago', practiceManagementSystem: expect.any(String) as string },
      });
      expect(dental?.spc.insertedAt?.at).toBeLessThan(START);
      expect(dental?.lastFullSyncAt).toBe(START);
    });

    it('records Sikka\u2019s data_sync_status on v4, and an office it cannot read the practice system of as a day behind', async () => {
      world.sandbox.faults.spcNotRefreshing.add(VET.officeId);
      await world.engine().run();
      const statuses = world.cache.reader.syncStatus({ now: START });
      const status = (officeId: string) => statuses.find((each) => each.officeId === officeId)?.spc.dataSyncStatus;
      if (version === 'v2') {
        // Sikka gives data_sync_status on v4 only: nothing asked, nothing shown.
        expect([status(DENTAL.officeId), status(VET.officeId)]).toEqual([null, null]);
        expect(world.sandbox.requests.some((request) => request.path.includes('data_sync_status'))).toBe(false);
        return;
      }
      expect(status(DENTAL.officeId)).toEqual({ status: 'refresh', refreshing: true, checkedAt: START });
      expect(status(VET.officeId)).toEqual({ status: 'not_refresh', refreshing: false, checkedAt: START });
      expect(world.sandbox.requests.filter((request) => request.path === '/v4/data_sync_status')).toHaveLength(1);
      const vet = statuses.find((each) => each.officeId === VET.officeId);
      expect(vet === undefined ? null : officeFreshness(vet, DEFAULT_FRESHNESS_POLICY, START).level).toBe('red');
    });

    it('goes on without data_sync_status when Sikka does not answer it, keeping the last answer and when it came', async () => {
      if (version === 'v2') return;
      await world.engine().run();
      world.clock.now = START + 60 * 60_000;
      const client = world.client();
      const unanswered = { ...client, dataSyncStatus: () => Promise.reject(new SikkaApiError({ code: 'NETWORK_UNREACHABLE', detail: 'The connection to Sikka failed.' })) };
      const summary = await world.engine({ client: unanswered }).run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'unchanged', [VET.officeId]: 'unchanged' });
      expect(world.cache.reader.syncStatus().map((each) => each.spc.dataSyncStatus)).toEqual([
        { status: 'refresh', refreshing: true, checkedAt: START },
        { status: 'refresh', refreshing: true, checkedAt: START },
      ]);
    });

    it('reads each office\u2019s opening hours from practice_schedule on v4, once a day, for freshness to count', async () => {
      await world.engine().run();
      const hoursOf = () => world.cache.reader.syncStatus({ now: START }).map((each) => [each.officeId, each.businessHours?.days[1] ?? null]);
      if (version === 'v2') {
        expect(hoursOf()).toEqual([[DENTAL.officeId, null], [VET.officeId, null]]);
        return;
      }
      expect(hoursOf()).toEqual([
        [DENTAL.officeId, [{ from: 480, to: 720 }, { from: 780, to: 1020 }]],
        [VET.officeId, [{ from: 450, to: 1080 }]],
      ]);
      const dental = world.cache.reader.syncStatus({ now: START }).find((each) => each.officeId === DENTAL.officeId);
      expect(dental === undefined ? null : officeFreshness(dental, DEFAULT_FRESHNESS_POLICY, START).inBusinessHours).toBe(true);
      const asked = () => world.sandbox.requests.filter((request) => request.path.endsWith('/practice_schedule')).length;
      expect(asked()).toBe(2);
      world.clock.now += 60 * 60_000;
      world.sandbox.mutate(DENTAL.officeId, { edit: 1 });
      await world.engine().run();
      expect(asked()).toBe(2);
    });

    it('does not keep the office secret key in the cache', async () => {
      await world.engine().run();
      const offices = [...world.cache.reader.exportRecords('offices')].map((entry) => entry.record);
      expect(offices).toHaveLength(2);
      for (const office of offices) expect(office).not.toHaveProperty('secret_key');
    });

    it('reports progress per office and resource, ending at the totals', async () => {
      await world.engine().run();
      const progress = world.events.flatMap((event: SyncEvent) => (event.type === 'progress' ? [event.progress] : []));
      const lastOfDentalPatients = progress.filter((p) => p.officeId === DENTAL.officeId && p.resource === 'patients').at(-1);
      expect(lastOfDentalPatients).toEqual({ officeId: DENTAL.officeId, resource: 'patients', phase: 'full', rowsDone: DENTAL.patients, rowsTotal: DENTAL.patients });
      expect(world.events[0]?.type).toBe('run-started');
      expect(world.events.at(-1)?.type).toBe('run-finished');
      const finished = world.events.filter((event) => event.type === 'office-finished');
      expect(finished).toHaveLength(2);
    });

    it('pulls every page at the page size it was given', async () => {
      await world.engine().run();
      const patientsPages = Math.ceil(DENTAL.patients / TEST_PAGE_SIZE);
      const requests = world.sandbox.requests.filter((r) => r.officeId === DENTAL.officeId && r.resource === 'patients');
      expect(requests).toHaveLength(patientsPages);
    });

    it('keeps no patient name in clear text in the database files', async () => {
      await world.engine().run();
      world.cache.close();
      const names = world.records(DENTAL.officeId, 'patients').slice(0, 20).map((record) => text(record['lastname']));
      for (const suffix of ['', '-wal']) {
        const file = join(world.dir, `cache.db${suffix}`);
        if (!existsSync(file)) continue;
        const bytes = readFileSync(file);
        for (const name of names) expect(bytes.includes(Buffer.from(name, 'utf8')), `${name} in cache.db${suffix}`).toBe(false);
      }
      world.reopen();
    });

    it('syncs only the selected offices', async () => {
      const summary = await world.engine({ selectedOffices: () => [VET.officeId] }).run();
      expect(outcomes(summary)).toEqual({ [VET.officeId]: 'synced' });
      expect(world.dataRequests(DENTAL.officeId)).toBe(0);
    });
  });

  describe('later syncs', () => {
    it('make no data request for an office whose data_insert_date did not move', async () => {
      await world.engine().run();
      world.sandbox.clearRequests();
      world.clock.now += 15 * 60_000;
      const summary = await world.engine().run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'unchanged', [VET.officeId]: 'unchanged' });
      // Only the app's own calls: the offices, and on v4 Sikka's word on their link to the practice system.
      expect(world.sandbox.requests.map((request) => request.path)).toEqual(version === 'v4' ? [world.authorizedPracticesPath, '/v4/data_sync_status'] : [world.authorizedPracticesPath]);
      expect(world.cache.reader.syncStatus().every((status) => status.lastSuccessAt === world.clock.now)).toBe(true);
    });

    it('apply the PMS\u2019s adds, edits and deletes from the change log, without pulling everything again', async () => {
      await world.engine().run();
      world.clock.now += 10 * 60_000;
      world.sandbox.mutate(DENTAL.officeId, { add: 3, edit: 4, delete: 2 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', add: 5, edit: 3, delete: 2 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'guarantors', add: 1, edit: 2, delete: 1 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'providers', add: 1, edit: 1 });
      world.clock.now += 60_000;
      world.sandbox.mutate(VET.officeId, { add: 2, edit: 2, delete: 1 });
      world.clock.now += 5 * 60_000;
      world.sandbox.clearRequests();

      const summary = await world.engine().run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
      expectExactCopy([DENTAL, VET]);
      // One change-log request per resource and office; the generations show no full pull happened.
      expect(world.dataRequests(DENTAL.officeId)).toBe(5);
      expect(world.cache.writer.listCursors(DENTAL.officeId).map((cursor) => [cursor.resource, cursor.mode, cursor.generation])).toEqual(
        expect.arrayContaining([['patients', 'changes', 1], ['appointments', 'changes', 1]]),
      );
      const dental = world.cache.reader.syncStatus().find((status) => status.officeId === DENTAL.officeId);
      expect(dental?.counts.patients).toBe(world.sandbox.count(DENTAL.officeId, 'patients'));
    });

    it('apply changes made over several uploads since the last sync, in order', async () => {
      await world.engine().run();
      for (let upload = 0; upload < 3; upload++) {
        world.clock.now += 20 * 60_000;
        world.sandbox.mutate(DENTAL.officeId, { add: 2, edit: 3, delete: 1 });
      }
      await world.engine().run();
      expectExactCopy([DENTAL]);
    });

    it('pull everything again once the reconcile interval has passed, removing what drifted', async () => {
      await world.engine().run();
      // Drift: a patient the cache holds but Sikka never sent (as if a change was lost).
      world.cache.writer.applyChanges({
        officeId: DENTAL.officeId, resource: 'patients', changesSince: 'x',
        entries: [{ patient_id: 'ghost-1', firstname: 'Ghost', lastname: 'Record', flag: 'Added' }],
      });
      world.clock.now += 25 * 60 * 60_000;
      await world.engine({ reconcileEveryMs: 24 * 60 * 60_000 }).run();
      expectExactCopy([DENTAL, VET]);
      expect(world.cache.writer.readCursor(DENTAL.officeId, 'patients')).toMatchObject({ mode: 'changes', generation: 2 });
      expect(world.cache.reader.syncStatus().find((status) => status.officeId === DENTAL.officeId)?.lastFullSyncAt).toBe(world.clock.now);
    });

    it('wait, without data requests, for an office whose SPC has not uploaded data yet', async () => {
      world.sandbox.faults.dataNotUploaded.add(VET.officeId);
      const summary = await world.engine().run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'waiting-for-data' });
      expect(world.dataRequests(VET.officeId)).toBe(0);
      expect(world.cache.reader.syncStatus().find((status) => status.officeId === VET.officeId)?.state).toBe('waiting-for-data');
    });
  });

  describe('changes from practice_events, when chosen', () => {
    const practiceEventsRequests = (officeId: string): string[] => world.sandbox.requests
      .filter((request) => request.officeId === officeId && request.resource !== undefined)
      .map((request) => request.path);

    it('apply adds, edits and deletes as practice_events tells them, to the same exact copy', async () => {
      await world.engine().run();
      world.clock.now += 10 * 60_000;
      world.sandbox.mutate(DENTAL.officeId, { add: 3, edit: 4, delete: 2 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', add: 5, edit: 3, delete: 2 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'guarantors', add: 1, edit: 2, delete: 1 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'providers', add: 1, edit: 1 });
      world.clock.now += 5 * 60_000;
      world.sandbox.clearRequests();

      const summary = await world.engine({ changeSource: 'practiceEvents' }).run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'unchanged' });
      expectExactCopy([DENTAL, VET]);
      expect(practiceEventsRequests(DENTAL.officeId)).toEqual(Array.from({ length: 5 }, () => `/${version}/practice_events`));
    });

    it('read a Veterinary office\u2019s pets from their own log, which practice_events does not cover', async () => {
      await world.engine().run();
      world.clock.now += 10 * 60_000;
      world.sandbox.mutate(VET.officeId, { add: 2, edit: 2, delete: 1 });
      world.clock.now += 5 * 60_000;
      world.sandbox.clearRequests();
      await world.engine({ changeSource: 'practiceEvents' }).run();
      expectExactCopy([VET]);
      const pets = practiceEventsRequests(VET.officeId).filter((path) => path.endsWith('veterinary_patients'));
      expect(pets).toHaveLength(1);
      expect(practiceEventsRequests(VET.officeId).filter((path) => path.endsWith('/practice_events'))).toHaveLength(4);
    });

    it('fall back to each resource\u2019s own log for a window longer than 24 hours', async () => {
      await world.engine().run();
      world.clock.now += 30 * 60 * 60_000;
      world.sandbox.mutate(DENTAL.officeId, { add: 2, edit: 2, delete: 1 });
      world.clock.now += 5 * 60_000;
      world.sandbox.clearRequests();
      await world.engine({ changeSource: 'practiceEvents', reconcileEveryMs: 7 * 24 * 60 * 60_000 }).run();
      expectExactCopy([DENTAL]);
      expect(practiceEventsRequests(DENTAL.officeId)).toHaveLength(5);
      expect(practiceEventsRequests(DENTAL.officeId).some((path) => path.endsWith('/practice_events'))).toBe(false);
    });
  });

  describe('stopping and resuming', () => {
    it('finishes the page being written, stops, and resumes at the next page', async () => {
      const controller = new AbortController();
      const engine = world.engine({
        concurrency: 1,
        selectedOffices: () => [DENTAL.officeId],
        onEvent: (event) => {
          if (event.type === 'progress' && event.progress.resource === 'appointments' && event.progress.rowsDone >= 2 * TEST_PAGE_SIZE) controller.abort();
        },
      });
      const first = await engine.run({ signal: controller.signal });
      expect(outcomes(first)).toEqual({ [DENTAL.officeId]: 'stopped' });
      const cursor = world.cache.writer.readCursor(DENTAL.officeId, 'appointments');
      expect(cursor).toMatchObject({ mode: 'full', nextPage: 2, rowsApplied: 2 * TEST_PAGE_SIZE });

      world.sandbox.clearRequests();
      const second = await world.engine({ selectedOffices: () => [DENTAL.officeId] }).run();
      expect(outcomes(second)).toEqual({ [DENTAL.officeId]: 'synced' });
      expectExactCopy([DENTAL]);
      const appointmentPages = Math.ceil(world.sandbox.count(DENTAL.officeId, 'appointments') / TEST_PAGE_SIZE);
      expect(world.sandbox.requests.filter((r) => r.resource === 'appointments')).toHaveLength(appointmentPages - 2);
    });

    it('reuses the request key kept from an earlier run instead of asking for a new one', async () => {
      await world.engine().run();
      world.clock.now += 10 * 60_000;
      world.sandbox.mutate(DENTAL.officeId, { edit: 1 });
      world.sandbox.clearRequests();
      await world.engine().run();
      expect(world.keyRequests()).toBe(0);
    });
  });
});
