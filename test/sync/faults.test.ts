import { describe, expect, it } from 'vitest';
import { createSikkaClient } from '../../main/sikka';
import { DENTAL, expectCacheEqualsSandbox, START, TEST_PAGE_SIZE, useSyncWorld, VET } from './support';

const world = useSyncWorld();

const outcomes = (summary: { offices: readonly { officeId: string; outcome: string }[] }): Record<string, string> =>
  Object.fromEntries(summary.offices.map((office) => [office.officeId, office.outcome]));

describe('faults the client recovers from', () => {
  it('rides out 503s: the copy is complete and exact', async () => {
    world.sandbox.faults.serviceUnavailableRate = 0.3;
    const summary = await world.engine().run();
    expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
    expect(world.sandbox.requests.some((request) => request.status === 503)).toBe(true);
    expectCacheEqualsSandbox(world.cache, world.sandbox, [DENTAL, VET]);
  });

  it('renews a request key that expires in the middle of a pull', async () => {
    world.sandbox.faults.expireKeysAfterCalls = 3;
    const summary = await world.engine().run();
    expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
    expect(world.sandbox.requests.filter((request) => request.status === 400).length).toBeGreaterThan(0);
    expect(world.sandbox.requests.filter((request) => request.path.includes('/start') && request.officeId === DENTAL.officeId).length).toBeGreaterThan(1);
    expectCacheEqualsSandbox(world.cache, world.sandbox, [DENTAL, VET]);
  });

  it('asks again for malformed, truncated, reset and HTML pages, writing none of them', async () => {
    Object.assign(world.sandbox.faults, { malformedNext: 2, truncateNext: 2, resetNext: 1, htmlErrorNext: 1 });
    const summary = await world.engine().run();
    expect(outcomes(summary)).toEqual({ [DENTAL.officeId]: 'synced', [VET.officeId]: 'synced' });
    expectCacheEqualsSandbox(world.cache, world.sandbox, [DENTAL, VET]);
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
    expectCacheEqualsSandbox(world.cache, world.sandbox, [DENTAL]);
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
    expectCacheEqualsSandbox(world.cache, world.sandbox, [VET]);
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
    expectCacheEqualsSandbox(world.cache, world.sandbox, [DENTAL, VET]);
    expect(world.cache.reader.syncStatus().find((office) => office.officeId === DENTAL.officeId)).toMatchObject({ state: 'up-to-date', quota: { limited: false } });
  });

  it('reports a run that cannot reach Sikka, touching no office', async () => {
    const client = createSikkaClient({ baseUrl: 'http://127.0.0.1:9', sleep: () => Promise.resolve(), retry: { maxRetries: 1 } });
    const summary = await world.engine({ client }).run();
    expect(summary.offices).toEqual([]);
    expect(summary.error).toMatchObject({ code: 'NETWORK_UNREACHABLE', explanation: expect.stringContaining('internet') as string });
    expect(world.cache.reader.syncStatus()).toEqual([]);
  });
});
