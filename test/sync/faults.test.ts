import { describe, expect, it } from 'vitest';
import type { SandboxOfficeSpec } from '../../main/sandbox';
import { createSikkaClient } from '../../main/sikka';
import { runOutcome } from '../../main/sync/status';
import { DENTAL, expectCacheEqualsSandbox, START, TEST_PAGE_SIZE, useSyncWorld, VERSIONS, VET } from './support';

const outcomes = (summary: { offices: readonly { officeId: string; outcome: string }[] }): Record<string, string> =>
  Object.fromEntries(summary.offices.map((office) => [office.officeId, office.outcome]));

describe.each(VERSIONS)('sync faults on %s', (version) => {
  const world = useSyncWorld([DENTAL, VET], version);
  const expectExactCopy = (offices: readonly SandboxOfficeSpec[]): void => { expectCacheEqualsSandbox(world.cache, world.sandbox, offices, version); };

  describe('faults the client recovers from', () => {
    it('rides out 503s: the copy is complete and exact', async () => {
      world.sandbox.faults.serviceUnavailableRate = 0.3;
      // Enough retries that no call meets a 503 every time (0.3^9 a call), whatever order the offices' calls take.
      const summary = await world.engine({ client: world.client({ retry: { maxRetries: 8 } }) }).run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
      expect(world.sandbox.requests.some((request) => request.status === 503)).toBe(true);
      expectExactCopy([DENTAL, VET]);
    });

    it('renews a request key that expires in the middle of a pull', async () => {
      world.sandbox.faults.expireKeysAfterCalls = 3;
      const summary = await world.engine().run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
      expect(world.sandbox.requests.filter((request) => request.status === 400).length).toBeGreaterThan(0);
      expect(world.keyRequests(DENTAL.officeId)).toBeGreaterThan(1);
      expectExactCopy([DENTAL, VET]);
    });

    it('asks again for malformed, truncated, reset and HTML pages, writing none of them', async () => {
      Object.assign(world.sandbox.faults, { malformedNext: 2, truncateNext: 2, resetNext: 1, htmlErrorNext: 1 });
      const summary = await world.engine().run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
      expectExactCopy([DENTAL, VET]);
    });
  });

  describe('faults that stop an office', () => {
    it('stops at the last good page when pages stay unreadable, explains why, and resumes there next time', async () => {
      const engine = world.engine({
        selectedOffices: () => [DENTAL.officeId],
        onEvent: (event) => {
          if (event.type === 'progress' && event.progress.resource === 'patients' && event.progress.rowsDone === TEST_PAGE_SIZE) world.sandbox.faults.malformedNext = 1000;
        },
      });
      const failed = await engine.run();
      expect(outcomes(failed)).toEqual({ [DENTAL.officeId]: 'failed' });
      expect(failed.offices[0]?.error).toMatchObject({ code: 'MALFORMED_RESPONSE', explanation: expect.stringContaining('could not read') as string });
      expect(world.cache.writer.readCursor(DENTAL.officeId, 'patients')).toMatchObject({ mode: 'full', nextPage: 1, rowsApplied: TEST_PAGE_SIZE });
      const status = world.cache.reader.syncStatus().find((office) => office.officeId === DENTAL.officeId);
      expect(status).toMatchObject({ state: 'failed', lastSuccessAt: null, lastError: { code: 'MALFORMED_RESPONSE' } });

      world.sandbox.faults.reset();
      world.sandbox.clearRequests();
      const resumed = await world.engine({ selectedOffices: () => [DENTAL.officeId] }).run();
      expect(outcomes(resumed)).toEqual({ [DENTAL.officeId]: 'synced' });
      expect(world.sandbox.requests.filter((request) => request.resource === 'patients')).toHaveLength(Math.ceil(DENTAL.patients / TEST_PAGE_SIZE) - 1);
      expectExactCopy([DENTAL]);
      expect(world.cache.reader.syncStatus().find((office) => office.officeId === DENTAL.officeId)).toMatchObject({ state: 'up-to-date', lastError: null });
    });

    it('pauses an office that reached its daily limit until Sikka resets it, while the others finish', async () => {
      // A day of its own: the sandbox counts each office's calls per day, across this file's tests.
      const day = START + 2 * 24 * 60 * 60_000;
      world.clock.now = day;
      // The Veterinary office needs 7 calls at this page size, the Dental one 15.
      world.sandbox.faults.requestQuotaPerDay = 10;
      const first = await world.engine().run();
      expect(outcomes(first)).toEqual({ [DENTAL.officeId]: 'paused', [VET.officeId]: 'synced' });
      expectExactCopy([VET]);
      // Sikka's limit resets at the office's midnight: 00:00 CDT on 14 March.
      const midnight = Date.UTC(2026, 2, 14, 5, 0, 0);
      const dental = world.cache.reader.syncStatus().find((office) => office.officeId === DENTAL.officeId);
      expect(dental).toMatchObject({ state: 'paused', quota: { limited: true, code: 'API2012', resumesAt: midnight }, lastError: { code: 'API2012' } });
      expect(first.offices.find((office) => office.officeId === DENTAL.officeId)?.error?.explanation).toMatch(/\w/);

      world.sandbox.clearRequests();
      world.clock.now = day + 60 * 60_000;
      const stillPaused = await world.engine().run();
      expect(outcomes(stillPaused)).toMatchObject({ [DENTAL.officeId]: 'paused' });
      expect(world.sandbox.requests.filter((request) => request.officeId === DENTAL.officeId)).toEqual([]);

      world.clock.now = midnight + 60_000;
      const afterReset = await world.engine().run();
      expect(outcomes(afterReset)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'unchanged' });
      expectExactCopy([DENTAL, VET]);
      expect(world.cache.reader.syncStatus().find((office) => office.officeId === DENTAL.officeId)).toMatchObject({ state: 'up-to-date', quota: { limited: false } });
    });

    it('reports a run that cannot reach Sikka, touching no office', async () => {
      const client = createSikkaClient({ apiVersion: version, baseUrl: 'http://127.0.0.1:9', sleep: () => Promise.resolve(), retry: { maxRetries: 1 } });
      const summary = await world.engine({ client }).run();
      expect(summary.offices).toEqual([]);
      expect(summary.error).toMatchObject({ code: 'NETWORK_UNREACHABLE', explanation: expect.stringContaining('internet') as string });
      expect(world.cache.reader.syncStatus()).toEqual([]);
    });
  });

  describe.runIf(version === 'v4')('Sikka still inserting the practice\u2019s data (v4 Data-Insert)', () => {
    const dentalStatus = () => world.cache.reader.syncStatus().find((office) => office.officeId === DENTAL.officeId);

    it('leaves an office whose answers say the insert is in progress for a later run, says why, and asks for a retry', async () => {
      world.sandbox.faults.dataInserting.add(DENTAL.officeId);
      const summary = await world.engine().run();
      expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'failed', [VET.officeId]: 'synced' });
      expect(runOutcome(summary)).toEqual({ failed: true });
      expect(dentalStatus()).toMatchObject({
        state: 'failed',
        lastError: { code: 'DATA_INSERT_IN_PROGRESS', explanation: expect.stringContaining('waits until it is complete') as string },
        counts: { practices: 0, providers: 0, guarantors: 0, patients: 0, appointments: 0 },
      });
      // Stopped at the first answer that said so: nothing of it was written, nothing more was asked.
      expect(world.sandbox.requests.filter((request) => request.officeId === DENTAL.officeId && request.resource !== undefined)).toHaveLength(1);

      world.sandbox.faults.dataInserting.clear();
      const later = await world.engine().run();
      expect(outcomes(later)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'unchanged' });
      expectExactCopy([DENTAL, VET]);
      expect(dentalStatus()).toMatchObject({ state: 'up-to-date', lastError: null });
    });

    it('starts a full pull interrupted by an insert again from its first page, so no row is skipped or left over', async () => {
      const engine = world.engine({
        selectedOffices: () => [DENTAL.officeId],
        onEvent: (event) => {
          if (event.type === 'progress' && event.progress.resource === 'patients' && event.progress.rowsDone === TEST_PAGE_SIZE) {
            // SPC loads an upload that deletes, adds and edits patients, the first page's among them.
            world.sandbox.mutate(DENTAL.officeId, { add: 4, edit: 6, delete: 30 });
            world.sandbox.faults.dataInsertNext = 1;
          }
        },
      });
      const interrupted = await engine.run();
      expect(interrupted.offices[0]?.error?.code).toBe('DATA_INSERT_IN_PROGRESS');
      expect(world.cache.writer.readCursor(DENTAL.officeId, 'patients')).toMatchObject({ mode: 'full', nextPage: 0, generation: 2 });
      // Until the new pull has read everything, the copy shows only what was read before the insert.
      expect(dentalStatus()?.counts.patients).toBe(TEST_PAGE_SIZE);

      world.clock.now += 5 * 60_000;
      world.sandbox.clearRequests();
      const resumed = await world.engine({ selectedOffices: () => [DENTAL.officeId] }).run();
      expect(outcomes(resumed)).toEqual({ [DENTAL.officeId]: 'synced' });
      expect(world.sandbox.requests.filter((request) => request.resource === 'patients')).toHaveLength(Math.ceil(world.sandbox.count(DENTAL.officeId, 'patients') / TEST_PAGE_SIZE));
      expectExactCopy([DENTAL]);
      expect(dentalStatus()?.counts.patients).toBe(world.sandbox.count(DENTAL.officeId, 'patients'));

      // The restarted pull kept the first one's mark: the next run replays the log since, harmlessly.
      world.clock.now += 5 * 60_000;
      world.sandbox.clearRequests();
      await world.engine({ selectedOffices: () => [DENTAL.officeId] }).run();
      expect(world.sandbox.requests.filter((request) => request.resource === 'patients')).toHaveLength(1);
      expectExactCopy([DENTAL]);
    });

    it('replays a change log interrupted by an insert whole on the next run', async () => {
      await world.engine().run();
      world.clock.now += 10 * 60_000;
      world.sandbox.mutate(DENTAL.officeId, { add: 3, edit: 3, delete: 3 });
      world.sandbox.mutate(DENTAL.officeId, { resource: 'appointments', add: 3, edit: 3, delete: 3 });
      world.clock.now += 5 * 60_000;
      const before = world.cache.writer.readCursor(DENTAL.officeId, 'appointments')?.changesSince;
      const engine = world.engine({
        onEvent: (event) => {
          if (event.type === 'progress' && event.progress.officeId === DENTAL.officeId && event.progress.resource === 'guarantors') world.sandbox.faults.dataInserting.add(DENTAL.officeId);
        },
      });
      const interrupted = await engine.run();
      expect(interrupted.offices.find((office) => office.officeId === DENTAL.officeId)?.error?.code).toBe('DATA_INSERT_IN_PROGRESS');
      expect(world.cache.writer.readCursor(DENTAL.officeId, 'appointments')?.changesSince).toBe(before);

      world.sandbox.faults.dataInserting.clear();
      const later = await world.engine().run();
      expect(outcomes(later)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'unchanged' });
      expectExactCopy([DENTAL, VET]);
    });
  });
});
