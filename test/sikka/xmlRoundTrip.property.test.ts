import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toXml } from '../../main/sandbox/serialize';
import { readCollection } from '../../main/sikka/envelope';
import { SikkaApiError } from '../../main/sikka/errors';
import { parseXml } from '../../main/sikka/xml';

/**
 * Records in the shapes Sikka's JSON has (strings, link objects, non-empty lists), written by the
 * sandbox's documented XML serializer, read back by the client's decoder: the same records.
 * Left out are the cases the layout cannot tell apart, as main/sandbox/serialize.ts documents:
 * an empty list or null (both written as an empty element, read as "") and characters XML 1.0
 * cannot carry. Carriage returns are in: the writer escapes them as &#13;, without which every
 * conforming XML reader would turn them into line feeds.
 */
const fieldName = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}_(id|name|date|href)$/);
const listName = fc.stringMatching(/^[a-z][a-z_]{0,8}s$/).filter((name) => name.length > 2);
const xmlText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('line one\r\nline two', '\r', ' padded \t'))
  // eslint-disable-next-line no-control-regex
  .filter((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text));

const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown>; list: unknown[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, xmlText, tie('object'), xmlText),
  object: fc.dictionary(fieldName, tie('value'), { minKeys: 1, maxKeys: 4 }),
  list: fc.array(tie('value'), { minLength: 1, maxLength: 3 }),
}));
const record = fc.tuple(fc.dictionary(fieldName, value, { minKeys: 1, maxKeys: 6 }), fc.option(fc.tuple(listName, fc.array(xmlText, { minLength: 1, maxLength: 3 })), { nil: undefined }))
  .map(([fields, list]) => (list === undefined ? fields : { ...fields, [list[0]]: list[1] }));

describe('XML decoding matches the sandbox\u2019s serializer', () => {
  it('gives back exactly the records that were written', () => {
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), (items) => {
      const envelope = [{ total_count: String(items.length), limit: '4999', offset: '0', items }];
      const parsed = parseXml(toXml(envelope));
      if (parsed instanceof SikkaApiError || parsed.kind !== 'value') return false;
      expect(readCollection(parsed.value)).toEqual(readCollection(envelope));
      return true;
    }), { numRuns: 300 });
  });
});
