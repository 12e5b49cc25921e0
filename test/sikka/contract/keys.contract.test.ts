import { describe, expect, it } from 'vitest';
import { collect, DENTAL, useSandbox, VERSIONS } from './harness';

describe.each(VERSIONS)('request keys against the sandbox (%s)', (version) => {
  const h = useSandbox(version);

  it('a key that expires in the middle of a pagination is renewed; no row is skipped or repeated', async () => {
    const office = h.office(h.client());
    h.sandbox.faults.expireKeysAfterCalls = 2;
    const pages = await collect(office.pages('appointments', { limit: 400 }));
    expect(pages.flatMap((page) => page.records)).toEqual(h.records(DENTAL.officeId, 'appointments'));
    expect(pages.map((page) => page.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(office.issued.length).toBe(4);
    const statuses = h.sandbox.requests.map((request) => (request.path === h.keyPath ? 'start' : request.status));
    expect(statuses).toEqual(['start', 200, 200, 400, 'start', 200, 200, 400, 'start', 200, 200, 400, 'start', 200, 200]);
  });

  it('a key the sandbox no longer knows (kept from another run) is replaced', async () => {
    const office = h.office(h.client(), DENTAL, { requestKey: 'from-a-sandbox-long-gone' });
    await office.record('providers', 'DMD1');
    expect(h.sandbox.requests.map((request) => [request.path, request.status])).toEqual([[`${h.prefix}/providers/DMD1`, 401], [h.keyPath, 200], [`${h.prefix}/providers/DMD1`, 200]]);
    expect(office.issued).toHaveLength(1);
  });

  it('a key past its 24 hours is renewed before use, without a refused call', async () => {
    const office = h.office(h.client());
    await office.record('providers', 'DMD1');
    h.clock.now += 86_400_000;
    h.sandbox.clearRequests();
    await office.record('providers', 'DMD1');
    expect(h.sandbox.requests.map((request) => [request.path, request.status])).toEqual([[h.keyPath, 200], [`${h.prefix}/providers/DMD1`, 200]]);
  });
});
