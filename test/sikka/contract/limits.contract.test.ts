import { describe, expect, it } from 'vitest';
import { collect, DENTAL, failure, useSandbox, VERSIONS, VET } from './harness';

describe.each(VERSIONS)('limits against the sandbox (%s)', (version) => {
  const h = useSandbox(version);

  describe('daily limits', () => {
    it('stops an office at its daily request limit and makes no further calls for it until the limit resets', async () => {
      const office = h.office(h.client());
      await office.record('providers', 'DMD1');
      h.sandbox.faults.requestQuotaPerDay = 3;
      const error = await failure(collect(office.pages('appointments', { limit: 500 })));
      expect(error).toMatchObject({ code: 'API2012', httpStatus: 429, retryable: false, officeId: DENTAL.officeId });
      expect(error.resumesAt).toBeGreaterThan(h.clock.now);
      expect(error.message).toContain(new Date(error.resumesAt ?? 0).toISOString());
      const served = h.sandbox.requests.length;

      const again = await failure(office.record('providers', 'DMD1'));
      const fromNewReader = await failure(collect(office.pages('patients')));
      expect([again.code, again.resumesAt, fromNewReader.code]).toEqual(['API2012', error.resumesAt, 'API2012']);
      expect(office.pausedBy()?.resumesAt).toBe(error.resumesAt);
      expect(h.sandbox.requests.length).toBe(served);

      h.clock.now = (error.resumesAt ?? 0) + 1000;
      await expect(office.record('providers', 'DMD1')).resolves.toMatchObject({ provider_id: 'DMD1' });
      expect(office.pausedBy()).toBeUndefined();
    });

    it('resumes at the office\u2019s local midnight, which is what the sandbox\u2019s Retry-After says', async () => {
      const office = h.office(h.client());
      await office.record('providers', 'DMD1');
      h.sandbox.faults.requestQuotaPerDay = 0;
      const error = await failure(office.record('providers', 'DMD1'));
      const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(error.resumesAt);
      expect(local).toBe('00:00');
    });

    it('stops an office at its daily data limit (API2011) and leaves other offices alone', async () => {
      const client = h.client();
      const dental = h.office(client);
      const vet = h.office(client, VET);
      h.clock.now += 86_400_000; // a new office day: nothing sent yet today
      h.sandbox.faults.dataQuotaBytesPerDay = 1;
      await dental.record('providers', 'DMD1');
      expect((await failure(dental.record('providers', 'DMD1'))).code).toBe('API2011');
      h.sandbox.faults.dataQuotaBytesPerDay = null;
      expect((await failure(dental.record('providers', 'DMD1'))).code).toBe('API2011');
      await expect(collect(vet.pages('providers'))).resolves.toHaveLength(1);
    });
  });

  describe('rate limits', () => {
    it('paces calls by X-Rate-Limit-Remaining/Reset so the window is never exceeded', async () => {
      const office = h.office(h.client(), DENTAL);
      await office.record('providers', 'DMD1');
      h.sandbox.clearRequests();
      h.sandbox.faults.rateLimit = { limit: 5, windowSeconds: 60 };
      await collect(office.pages('appointments', { limit: 300 }));
      expect(h.sandbox.requests.every((request) => request.status !== 429)).toBe(true);
      expect(h.waits.length).toBeGreaterThan(0);
      expect(h.waits.every((ms) => ms > 0 && ms <= 60_000)).toBe(true);
    });

    it('a 429 without a daily-limit code waits for the window (Retry-After in v2, X-Rate-Limit-Reset in v4) and retries', async () => {
      const first = h.office(h.client());
      await first.record('providers', 'DMD1');
      h.sandbox.faults.rateLimit = { limit: 1, windowSeconds: 30 };
      await first.record('providers', 'DMD1');
      h.sandbox.clearRequests();
      h.waits.length = 0;
      // A second client has not seen the window's headers, so it runs into the limit.
      const second = h.office(h.client(), DENTAL, first.issued[0]);
      await second.record('providers', 'DMD1');
      expect(h.sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
      expect(Math.max(...h.waits)).toBeGreaterThanOrEqual(1000);
    });
  });
});
