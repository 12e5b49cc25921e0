import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompress, parseBody } from '../../main/sikka/body';
import { createSikkaClient } from '../../main/sikka/client';
import { findErrorBody, readCollection } from '../../main/sikka/envelope';
import { SikkaApiError } from '../../main/sikka/errors';
import type { HttpResponse } from '../../main/sikka/transport';
import { parseXml } from '../../main/sikka/xml';
import { instantSleep } from './support';

/** Decoding a body: always a typed error or a readable outcome, never a throw. */
function decodeCollection(bytes: Uint8Array): unknown {
  const parsed = parseBody(bytes);
  if (parsed instanceof SikkaApiError || parsed.kind !== 'value') return parsed;
  findErrorBody(parsed.value);
  return readCollection(parsed.value);
}

function isTyped(outcome: unknown): boolean {
  if (outcome instanceof SikkaApiError) return true;
  if (typeof outcome !== 'object' || outcome === null) return false;
  return 'kind' in outcome || ('records' in outcome && Array.isArray(outcome.records));
}

const validEnvelope = fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), { maxKeys: 5 }), { minLength: 1, maxLength: 6 })
  .map((items) => JSON.stringify([{ total_count: String(items.length), limit: '4999', offset: '0', items }]));

const validXml = fc.array(fc.constantFrom('a', 'b', 'patient_id', 'firstname'), { minLength: 1, maxLength: 5 })
  .map((names) => `<?xml version="1.0"?><response><total_count>${names.length}</total_count><items>${names.map((name, index) => `<item><${name}>${index}</${name}></item>`).join('')}</items></response>`);

/** Shapes that look a bit like Sikka's envelopes but are wrong in one place or another. */
const wrongShapes = fc.oneof(
  fc.jsonValue(),
  fc.record({ items: fc.jsonValue(), total_count: fc.jsonValue(), limit: fc.jsonValue(), offset: fc.jsonValue() }),
  fc.array(fc.record({ items: fc.jsonValue() }), { maxLength: 3 }),
  fc.record({ error_code: fc.jsonValue(), http_code: fc.jsonValue() }),
  fc.array(fc.jsonValue(), { maxLength: 4 }),
);

describe('decoders are total', () => {
  it('random bytes give a typed outcome', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => isTyped(decodeCollection(bytes))), { numRuns: 300 });
  });

  it('random text that starts like JSON or XML gives a typed outcome', () => {
    const texty = fc.tuple(fc.constantFrom('{', '[', '<', '<?xml version="1.0"?><', ' [{"items":'), fc.string({ maxLength: 200 }))
      .map(([start, rest]) => Buffer.from(start + rest));
    fc.assert(fc.property(texty, (bytes) => isTyped(decodeCollection(bytes))), { numRuns: 300 });
  });

  it('wrong envelope shapes give a typed outcome', () => {
    fc.assert(fc.property(wrongShapes, (value) => isTyped(decodeCollection(Buffer.from(JSON.stringify(value))))), { numRuns: 300 });
  });

  it('a cut-off JSON collection is never read as a shorter list', () => {
    fc.assert(fc.property(validEnvelope, fc.nat(), (body, at) => {
      const cut = body.slice(0, at % body.length);
      const outcome = decodeCollection(Buffer.from(cut));
      return outcome instanceof SikkaApiError || (typeof outcome === 'object' && outcome !== null && 'kind' in outcome && outcome.kind === 'empty');
    }), { numRuns: 300 });
  });

  it('a cut-off XML collection is never read as a shorter list', () => {
    fc.assert(fc.property(validXml, fc.nat(), (body, at) => {
      const cut = body.slice(0, at % body.length);
      const outcome = parseXml(cut);
      return outcome instanceof SikkaApiError || outcome.kind === 'empty' || (outcome.kind === 'value' && !('items' in (outcome.value as object)));
    }), { numRuns: 300 });
  });

  it('huge nesting gives a typed outcome without exhausting the stack', () => {
    for (const depth of [1_000, 100_000]) {
      expect(isTyped(decodeCollection(Buffer.from('['.repeat(depth) + ']'.repeat(depth))))).toBe(true);
      expect(isTyped(decodeCollection(Buffer.from('{"items":'.repeat(depth) + '[]' + '}'.repeat(depth))))).toBe(true);
      expect(isTyped(decodeCollection(Buffer.from('<a>'.repeat(depth) + '</a>'.repeat(depth))))).toBe(true);
    }
  });

  it('gzip garbage and cut-off gzip are typed errors', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), validEnvelope, fc.nat(), async (garbage, body, at) => {
      const zipped = zlib.gzipSync(body);
      for (const bytes of [garbage, zipped.subarray(0, at % zipped.length)]) {
        try {
          await decompress(bytes, 'gzip', 1_000_000);
        } catch (error) {
          if (!(error instanceof SikkaApiError)) return false;
        }
      }
      return true;
    }), { numRuns: 150 });
  });

  it('the whole client answers any response with pages or a typed error', async () => {
    const response = fc.record({
      status: fc.constantFrom(200, 204, 400, 401, 404, 429, 500, 502, 503),
      encoding: fc.constantFrom(undefined, 'gzip', 'identity', 'br'),
      body: fc.oneof(fc.uint8Array({ maxLength: 200 }), wrongShapes.map((value) => Buffer.from(JSON.stringify(value))), validEnvelope.map((text) => Buffer.from(text)), validXml.map((text) => Buffer.from(text))),
      retryAfter: fc.constantFrom(undefined, '0', '1', 'garbage', 'Wed, 21 Oct 2015 07:28:00 GMT'),
    });
    await fc.assert(fc.asyncProperty(fc.array(response, { minLength: 1, maxLength: 8 }), async (script) => {
      let call = 0;
      const transport = (): Promise<HttpResponse> => {
        const next = script[call % script.length];
        call += 1;
        if (next === undefined) return Promise.reject(new Error('no script'));
        const body = next.encoding === 'gzip' && call % 2 === 0 ? zlib.gzipSync(next.body) : next.body;
        const headers: Record<string, string> = {};
        if (next.encoding !== undefined) headers['content-encoding'] = next.encoding;
        if (next.retryAfter !== undefined) headers['retry-after'] = next.retryAfter;
        return Promise.resolve({ status: next.status, headers, body });
      };
      const sikka = createSikkaClient({ baseUrl: 'http://sikka.test', transport, sleep: instantSleep(), random: () => 0.5, retry: { maxRetries: 2 } });
      const office = sikka.office('D1', { keys: { initialKey: { requestKey: 'k' }, issue: () => Promise.resolve({ requestKey: 'k2' }) } });
      try {
        let pages = 0;
        for await (const page of office.pages('patients', { limit: 3 })) {
          if (!Array.isArray(page.records)) return false;
          pages += 1;
          // A scripted server can serve full pages forever; a few show the decoding holds.
          if (pages >= 4) break;
        }
        return true;
      } catch (error) {
        return error instanceof SikkaApiError;
      }
    }), { numRuns: 200 });
  });
});
