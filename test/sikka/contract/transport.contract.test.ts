import { describe, expect, it } from 'vitest';
import { nodeHttpTransport, type HttpResponse, type HttpTransport } from '../../../main/sikka/transport';
import { collect, DENTAL, failure, useSandbox, VERSIONS } from './harness';

describe.each(VERSIONS)('transport against the sandbox (%s)', (version) => {
  const h = useSandbox(version);

  /** The real transport, with every response's headers and wire size noted. */
  function observedTransport(): HttpTransport & { readonly responses: HttpResponse[] } {
    const inner = nodeHttpTransport();
    const responses: HttpResponse[] = [];
    const transport: HttpTransport = async (request) => {
      const response = await inner(request);
      responses.push(response);
      return response;
    };
    return Object.assign(transport, { responses });
  }

  describe('gzip against the sandbox', () => {
    it('asks for gzip, gets it, and decodes it', async () => {
      const transport = observedTransport();
      const office = h.office(h.client({ transport }));
      const pages = await collect(office.pages('appointments'));
      const decoded = Buffer.byteLength(JSON.stringify([{ total_count: '3000', limit: '4999', offset: '0', items: pages[0]?.records }]));
      const data = transport.responses.at(-1);
      expect(data?.headers['content-encoding']).toBe('gzip');
      expect(data?.body.byteLength).toBeLessThan(decoded / 3);
      expect(pages.flatMap((page) => page.records)).toEqual(h.records(DENTAL.officeId, 'appointments'));
    });

    it('logs the encoding and wire size of each answer', async () => {
      const client = h.client();
      await h.office(client).record('providers', 'DMD1');
      const responses = client.logs.filter((entry) => entry.event === 'sikka.response');
      expect(responses.map((entry) => entry.fields['encoding'])).toEqual(['gzip', 'gzip']);
    });
  });

  describe('body limits against the sandbox', () => {
    it('refuses an answer larger than the limit without buffering it, and does not retry', async () => {
      const office = h.office(h.client({ maxBodyBytes: 2_000 }));
      await office.record('providers', 'DMD1');
      h.sandbox.clearRequests();
      const error = await failure(collect(office.pages('appointments')));
      expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', retryable: false });
      expect(h.dataRequests()).toHaveLength(1);
    });
  });

  describe('cancellation against the sandbox', () => {
    it('an abort stops a pagination between pages and nothing more is asked', async () => {
      const controller = new AbortController();
      const office = h.office(h.client());
      const seen: number[] = [];
      const error = await failure((async () => {
        for await (const page of office.pages('appointments', { limit: 500, signal: controller.signal })) {
          seen.push(page.index);
          if (page.index === 1) controller.abort();
        }
      })());
      expect(error.code).toBe('CANCELLED');
      expect(seen).toEqual([0, 1]);
      expect(h.dataRequests()).toHaveLength(2);
    });

    it('an abort ends a call in flight at once, long before Sikka would answer', async () => {
      const office = h.office(h.client());
      await office.record('providers', 'DMD1');
      h.sandbox.faults.latencyMs = 10_000;
      const controller = new AbortController();
      const started = Date.now();
      const pending = failure(collect(office.pages('appointments', { signal: controller.signal })));
      setTimeout(() => { controller.abort(); }, 50);
      const error = await pending;
      expect(error.code).toBe('CANCELLED');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('an abort during a retry\u2019s back-off stops the retries', async () => {
      const controller = new AbortController();
      const client = h.client({
        sleep: (_ms, signal) => new Promise((_resolve, reject) => {
          signal.addEventListener('abort', () => { reject(new Error('aborted')); });
          controller.abort();
        }),
      });
      const office = h.office(client);
      await office.record('providers', 'DMD1');
      h.sandbox.clearRequests();
      h.sandbox.faults.serviceUnavailableRate = 1;
      const error = await failure(collect(office.pages('providers', { signal: controller.signal })));
      expect(error.code).toBe('CANCELLED');
      expect(h.dataRequests()).toHaveLength(1);
    });
  });

  describe('logs and error messages against the sandbox', () => {
    it('carry no keys, secrets, tokens or record contents', async () => {
      const client = h.client();
      const office = h.office(client);
      h.sandbox.faults.expireKeysAfterCalls = 1;
      const pages = await collect(office.pages('patients', { limit: 400 }));
      h.sandbox.faults.forceErrorNext = { code: 'API2002', count: 2 };
      await office.record('providers', 'DMD1');
      h.sandbox.faults.notAuthorized.add(DENTAL.officeId);
      const error = await failure(office.record('providers', 'DMD1'));
      const written = JSON.stringify(client.logs) + error.message + error.shortMessage + error.longMessage + error.explanation;
      const secrets = [h.sandbox.appKey, DENTAL.secretKey, ...office.issued.map((key) => key.requestKey)];
      const first = pages[0]?.records[0];
      const personal = [first?.['firstname'], first?.['lastname'], first?.['cell'], first?.['email']].filter((value): value is string => typeof value === 'string' && value.length > 3);
      expect(secrets.length).toBeGreaterThan(3);
      expect(personal.length).toBeGreaterThan(1);
      for (const value of [...secrets, ...personal]) expect(written).not.toContain(value);
      expect(client.logs.map((entry) => entry.event)).toEqual(expect.arrayContaining(['sikka.response', 'sikka.retry', 'sikka.key_renewing']));
    });
  });
});
