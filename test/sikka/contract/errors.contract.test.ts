import { describe, expect, it } from 'vitest';
import { SIKKA_ERRORS, type SikkaErrorCode } from '../../../shared/sikka/errorCodes';
import type { RequestKey } from '../../../main/sikka/keys';
import { collect, DENTAL, failure, useSandbox, VERSIONS } from './harness';

const everyCode = (Object.keys(SIKKA_ERRORS) as SikkaErrorCode[]).filter((code) => code !== 'API2005');

describe.each(VERSIONS)('errors against the sandbox (%s)', (version) => {
  const h = useSandbox(version);

  /** A key taken before the fault is set, so the fault meets the data call itself. */
  async function keyFor(): Promise<RequestKey> {
    return h.client().startSession({ appId: h.sandbox.appId, appKey: h.sandbox.appKey, officeId: DENTAL.officeId, secretKey: DENTAL.secretKey });
  }

  describe('every code of the guide\u2019s table is a typed error', () => {
    it.each(everyCode)('%s', async (code) => {
      const office = h.office(h.client({ retry: { maxRetries: 1 } }), DENTAL, await keyFor());
      h.sandbox.faults.forceErrorNext = { code, count: 10 };
      const error = await failure(office.record('providers', 'DMD1'));
      const info = SIKKA_ERRORS[code];
      expect(error).toMatchObject({ code, httpStatus: info.httpStatus, shortMessage: info.shortMessage, longMessage: info.longMessage, explanation: info.explanation, officeId: DENTAL.officeId });
      expect(error.retryable).toBe(code === 'API1025' ? true : info.retry === 'now');
    });

    it('API2005 (no content) ends a collection quietly', async () => {
      const office = h.office(h.client(), DENTAL, await keyFor());
      h.sandbox.faults.forceErrorNext = { code: 'API2005', count: 1 };
      expect(await collect(office.pages('providers'))).toEqual([]);
    });

    it('API2005 for one record is a typed error', async () => {
      const office = h.office(h.client(), DENTAL, await keyFor());
      h.sandbox.faults.forceErrorNext = { code: 'API2005', count: 1 };
      expect((await failure(office.record('providers', 'DMD1'))).code).toBe('API2005');
    });

    it('a missing record is API2009', async () => {
      expect((await failure(h.office(h.client()).record('patients', 'no-such-id'))).code).toBe('API2009');
    });

    it('a practice that withdrew access is API2007, not retried', async () => {
      const office = h.office(h.client(), DENTAL, await keyFor());
      h.sandbox.faults.notAuthorized.add(DENTAL.officeId);
      expect((await failure(office.record('providers', 'DMD1'))).code).toBe('API2007');
      expect(h.dataRequests()).toHaveLength(1);
    });

    it('data not uploaded yet is API2010, not retried', async () => {
      const office = h.office(h.client(), DENTAL, await keyFor());
      h.sandbox.faults.dataNotUploaded.add(DENTAL.officeId);
      expect((await failure(office.record('providers', 'DMD1'))).code).toBe('API2010');
      expect(h.dataRequests()).toHaveLength(1);
    });
  });

  describe('transient faults are retried, boundedly', () => {
    it('503/API2002 is retried until it clears', async () => {
      const office = h.office(h.client(), DENTAL, await keyFor());
      h.sandbox.faults.forceErrorNext = { code: 'API2002', count: 2 };
      await office.record('providers', 'DMD1');
      expect(h.dataRequests().map((request) => request.status)).toEqual([503, 503, 200]);
    });

    it('a Sikka that stays overloaded costs exactly 1 + maxRetries calls', async () => {
      const office = h.office(h.client({ retry: { maxRetries: 4 } }), DENTAL, await keyFor());
      h.sandbox.faults.serviceUnavailableRate = 1;
      const error = await failure(office.record('providers', 'DMD1'));
      expect(error).toMatchObject({ code: 'API2002', httpStatus: 503, retryable: true });
      expect(h.dataRequests()).toHaveLength(5);
      expect(h.waits).toHaveLength(4);
    });

    it.each([
      ['an HTML 502 page', 'htmlErrorNext'],
      ['a reset connection', 'resetNext'],
      ['a body cut off mid-way', 'truncateNext'],
      ['a malformed body', 'malformedNext'],
    ] as const)('%s is retried and the page still arrives whole', async (_name, fault) => {
      const office = h.office(h.client(), DENTAL, await keyFor());
      h.sandbox.faults[fault] = 2;
      const pages = await collect(office.pages('providers'));
      expect(pages.flatMap((page) => page.records)).toEqual(h.records(DENTAL.officeId, 'providers'));
      expect(h.dataRequests()).toHaveLength(3);
    });

    it.each([
      ['an HTML 502 page', 'htmlErrorNext', 'UNEXPECTED_RESPONSE'],
      ['a reset connection', 'resetNext', 'NETWORK_UNREACHABLE'],
      ['a body cut off mid-way', 'truncateNext', 'MALFORMED_RESPONSE'],
      ['a malformed body', 'malformedNext', 'MALFORMED_RESPONSE'],
    ] as const)('%s that persists ends in a typed error after 1 + maxRetries calls', async (_name, fault, code) => {
      const office = h.office(h.client({ retry: { maxRetries: 2 } }), DENTAL, await keyFor());
      h.sandbox.faults[fault] = 10;
      const error = await failure(office.record('providers', 'DMD1'));
      expect(error.code).toBe(code);
      expect(h.dataRequests()).toHaveLength(3);
    });

    it.runIf(version === 'v2')('XML that is malformed is a typed error too', async () => {
      const office = h.office(h.client({ format: 'xml', retry: { maxRetries: 0 } }), DENTAL, await keyFor());
      h.sandbox.faults.malformedNext = 1;
      expect((await failure(collect(office.pages('providers')))).code).toBe('MALFORMED_RESPONSE');
    });

    it('an attempt that takes too long times out and is retried', async () => {
      const office = h.office(h.client({ timeoutMs: 100, retry: { maxRetries: 1 } }), DENTAL, await keyFor());
      h.sandbox.faults.latencyMs = 1000;
      const error = await failure(office.record('providers', 'DMD1'));
      expect(error.code).toBe('TIMEOUT');
      expect(h.waits).toHaveLength(1);
    });

    it('an unreachable Sikka is NETWORK_UNREACHABLE', async () => {
      const client = h.client({ baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 1 } });
      expect((await failure(client.authorizedPractices({ appId: 'a', appKey: 'b' }))).code).toBe('NETWORK_UNREACHABLE');
    });
  });
});
