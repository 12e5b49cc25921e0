import { describe, expect, it } from 'vitest';
import { parseBody } from '../../main/sikka/body';
import { readCollection } from '../../main/sikka/envelope';
import { SikkaApiError } from '../../main/sikka/errors';
import { parseXml } from '../../main/sikka/xml';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>';

function value(xml: string): unknown {
  const parsed = parseXml(xml);
  if (parsed instanceof SikkaApiError || parsed.kind !== 'value') throw new Error(parsed instanceof SikkaApiError ? parsed.message : `not a value: ${parsed.kind}`);
  return parsed.value;
}

function code(xml: string): string | undefined {
  const parsed = parseXml(xml);
  return parsed instanceof SikkaApiError ? parsed.code : undefined;
}

describe('XML decoding (the sandbox\u2019s documented layout)', () => {
  it('gives the same records as the JSON form of a collection', () => {
    const xml = `${HEAD}<response><total_count>2</total_count><limit>500</limit><offset>0</offset><items>`
      + '<item><href>http://x/v2/practices/1/patients/7</href><patient_id>0007</patient_id><middlename/><balance>24.0000</balance><active>true</active>'
      + '<practice><href>http://x/v2/practices/1</href></practice></item>'
      + '<item><patient_id>8</patient_id><middlename/><balance>0</balance><active>false</active><practice><href>h</href></practice></item>'
      + '</items></response>';
    const json = [{ total_count: '2', limit: '500', offset: '0', items: [
      { href: 'http://x/v2/practices/1/patients/7', patient_id: '0007', middlename: '', balance: '24.0000', active: 'true', practice: { href: 'http://x/v2/practices/1' } },
      { patient_id: '8', middlename: '', balance: '0', active: 'false', practice: { href: 'h' } },
    ] }];
    expect(readCollection(value(xml))).toEqual(readCollection(json));
  });

  it('keeps a one-item list a list', () => {
    expect(value('<response><items><item><a>1</a></item></items></response>')).toEqual({ items: [{ a: '1' }] });
  });

  it('reads lists named for their entries (changes/change)', () => {
    expect(value('<response><changes><change><field>x</field></change></changes></response>')).toEqual({ changes: [{ field: 'x' }] });
  });

  it('reads an empty list as no records', () => {
    expect(readCollection(value('<response><total_count>0</total_count><items/></response>'))).toMatchObject({ records: [], totalCount: 0 });
  });

  it('keeps text verbatim: spaces, leading zeros, entities, non-ASCII', () => {
    expect(value('<response><a>  padded </a><b>007</b><c>Tom &amp; Jerry &lt;3&gt; &#233;</c><d>Zoë</d><e>1e5</e></response>')).toEqual({ a: '  padded ', b: '007', c: 'Tom & Jerry <3> \u00e9', d: 'Zoë', e: '1e5' });
  });

  it('keeps a carriage return the writer escaped (a raw one becomes a line feed, as XML requires)', () => {
    expect(value('<response><note>line one&#13;\nline two</note><raw>a\r\nb</raw></response>')).toEqual({ note: 'line one\r\nline two', raw: 'a\nb' });
  });

  it('reads an error body', () => {
    expect(value('<response><http_code>400</http_code><error_code>API1025</error_code><short_message/></response>')).toEqual({ http_code: '400', error_code: 'API1025', short_message: '' });
  });

  it('makes repeated names a list', () => {
    expect(value('<response><a>1</a><a>2</a><a>3</a></response>')).toEqual({ a: ['1', '2', '3'] });
  });

  it('refuses an element named __proto__ without touching any prototype', () => {
    expect(code('<response><__proto__><polluted>yes</polluted></__proto__></response>')).toBe('MALFORMED_RESPONSE');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['a cut-off document', '<response><items><item><a>1</a></item>'],
    ['two roots', '<a>1</a><b>2</b>'],
    ['a DOCTYPE with entities', '<!DOCTYPE r [<!ENTITY x "yyyy">]><r>&x;</r>'],
    ['text beside elements', '<r>hello<a>1</a></r>'],
    ['deep nesting', `${'<a>'.repeat(500)}x${'</a>'.repeat(500)}`],
    ['no element at all', '<!-- nothing -->'],
  ])('refuses %s', (_name, xml) => {
    expect(code(xml)).toBe('MALFORMED_RESPONSE');
  });

  it('tells HTML pages from XML', () => {
    expect(parseBody(Buffer.from('<!DOCTYPE html><html><body>502</body></html>'))).toEqual({ kind: 'unreadable' });
    expect(parseBody(Buffer.from('<html><body>502</body></html>'))).toEqual({ kind: 'unreadable' });
  });
});
