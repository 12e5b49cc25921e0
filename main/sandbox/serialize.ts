/**
 * Turning records into response text: `fields` and `expand` shaping, the v2 and v4 JSON
 * envelopes, and the XML form (v2 only).
 *
 * XML format (no public Sikka XML sample exists; the client's decoder is written against this):
 * - `<?xml version="1.0" encoding="UTF-8"?>` then one root element `<response>`.
 * - The root holds the fields of the JSON body's object. A JSON body that is a one-element array
 *   (the v2 envelope, `start`, `authorized_practices`) is unwrapped to that object first, so a
 *   collection is `<response><total_count>2</total_count><limit>500</limit><offset>0</offset>
 *   <items><item>…</item><item>…</item></items></response>` and an error is
 *   `<response><http_code>400</http_code>…<error_code>API1025</error_code>…</response>`.
 * - Every value is element text, never an attribute; numbers stay text ("0042" keeps its zeros
 *   only if the decoder keeps text as text).
 * - A nested object (a v2 link or an expanded record) is a nested element:
 *   `<practice><href>http://…/v2/practices/1</href></practice>`.
 * - A list is an element named for the list holding one element per entry, named by the list's
 *   name without its final "s" (`<items><item>`, `<changes><change>`); other lists use `<item>`.
 *   A list of one entry looks like a single child — decoders should force `items` to a list.
 * - An empty string is an empty element `<middlename/>`; an empty list is `<items/>`.
 * - Text is escaped (&amp; &lt; &gt;, and &#13; for a carriage return, which XML readers would
 *   otherwise turn into a line feed); characters XML 1.0 cannot carry are dropped. No
 *   indentation or padding is added, so no value has surrounding whitespace.
 */
import type { Rec } from './generator';

export interface Shaping {
  /** Only these fields plus the mandatory ones; undefined for all fields. */
  readonly fields: ReadonlySet<string> | undefined;
  /** Link names to replace by the related record. */
  readonly expand: ReadonlySet<string>;
}

export const NO_SHAPING: Shaping = { fields: undefined, expand: new Set() };

/** Reads `fields=a, b ,c` and `expand=practice,guarantor`; `fields=get_all` (v4) means all. */
export function parseShaping(fields: string | null, expand: string | null): Shaping {
  const list = (text: string | null): string[] =>
    (text ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const requested = list(fields);
  return {
    fields: requested.length === 0 || requested.includes('get_all') ? undefined : new Set(requested),
    expand: new Set(list(expand)),
  };
}

/** Resolves an expandable link of a record to the related record, if it exists. */
export type ExpandResolver = (link: string, record: Rec) => Rec | undefined;

/**
 * Applies fields and expand. Mandatory fields stay whatever was asked (as the guide's example
 * shows): href, the record's id, practice_id and the links.
 */
export function shapeRecord(record: Rec, idField: string, shaping: Shaping, resolve: ExpandResolver): Rec {
  if (shaping.fields === undefined && shaping.expand.size === 0) return record;
  const out: Rec = {};
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    const isLink = typeof value === 'object';
    if (shaping.fields !== undefined && !isLink && key !== 'href' && key !== idField && key !== 'practice_id' && !shaping.fields.has(key)) continue;
    out[key] = isLink && shaping.expand.has(key) ? (resolve(key, record) ?? value) : value;
  }
  return out;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * Accumulates a response body as UTF-8 bytes. Pages are written record by record: one JS string
 * for a whole 4999-row page would turn two-byte as soon as one name is (李, Иван) and cost
 * about three times as much to build and encode.
 */
export class ByteWriter {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  put(text: string): void {
    const worstCase = text.length * 3;
    if (this.length + worstCase > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + worstCase));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

export interface Envelope {
  readonly totalCount: number;
  readonly limit: number;
  readonly offset: number;
}

/** The v2 collection body: a one-element array holding the envelope. */
export function collectionJson(envelope: Envelope, items: Iterable<object>): Buffer {
  const out = new ByteWriter();
  out.put(`[{"total_count":"${envelope.totalCount}","limit":"${envelope.limit}","offset":"${envelope.offset}","items":[`);
  let first = true;
  for (const item of items) {
    out.put(first ? JSON.stringify(item) : `,${JSON.stringify(item)}`);
    first = false;
  }
  out.put(']}]');
  return out.bytes();
}

/** v4's pagination links: offset and limit only, as the v4 collection's examples show them. */
export interface PaginationLinks {
  readonly first: string;
  readonly previous: string;
  readonly current: string;
  readonly next: string;
  readonly last: string;
}

export function paginationLinks(base: string, envelope: Envelope): PaginationLinks {
  const link = (offset: number): string => `${base}?offset=${offset}&limit=${envelope.limit}`;
  const last = Math.max(0, Math.ceil(envelope.totalCount / Math.max(1, envelope.limit)) - 1);
  return {
    first: link(0),
    previous: envelope.offset > 0 ? link(Math.min(envelope.offset - 1, last)) : '',
    current: link(envelope.offset),
    next: envelope.offset < last ? link(envelope.offset + 1) : '',
    last: link(last),
  };
}

/**
 * The v4 collection body: one object `{offset, limit, total_count, execution_time, pagination,
 * items}` (v4 "Pagination"), every value a string.
 */
export function collectionJsonV4(envelope: Envelope, links: PaginationLinks, executionMs: number, items: Iterable<object>): Buffer {
  const out = new ByteWriter();
  const head = { offset: String(envelope.offset), limit: String(envelope.limit), total_count: String(envelope.totalCount), execution_time: String(Math.round(executionMs)), pagination: links };
  out.put(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  let first = true;
  for (const item of items) {
    out.put(first ? JSON.stringify(item) : `,${JSON.stringify(item)}`);
    first = false;
  }
  out.put(']}');
  return out.bytes();
}

/** The same collection as XML (see the format above). */
export function collectionXml(envelope: Envelope, items: Iterable<object>): Buffer {
  const out = new ByteWriter();
  out.put(`${XML_DECLARATION}<response><total_count>${envelope.totalCount}</total_count><limit>${envelope.limit}</limit><offset>${envelope.offset}</offset>`);
  let any = false;
  for (const item of items) {
    const parts: string[] = any ? [] : ['<items>'];
    any = true;
    writeValue(parts, 'item', item);
    out.put(parts.join(''));
  }
  out.put(any ? '</items></response>' : '<items/></response>');
  return out.bytes();
}

// Characters outside XML 1.0's Char production.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function escapeXml(text: string): string {
  if (!XML_SPECIAL.test(text)) return text;
  // A raw carriage return would reach the reader as a line feed (XML end-of-line handling).
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function singular(listName: string): string {
  return listName.length > 1 && listName.endsWith('s') ? listName.slice(0, -1) : 'item';
}

function writeValue(parts: string[], name: string, value: unknown): void {
  if (value === null || value === undefined || value === '') {
    parts.push(`<${name}/>`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) {
      parts.push(`<${name}/>`);
      return;
    }
    const child = singular(name);
    parts.push(`<${name}>`);
    for (const entry of value) writeValue(parts, child, entry);
    parts.push(`</${name}>`);
  } else if (typeof value === 'object') {
    parts.push(`<${name}>`);
    for (const [key, inner] of Object.entries(value)) writeValue(parts, key, inner);
    parts.push(`</${name}>`);
  } else {
    const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
    parts.push(`<${name}>${escapeXml(text)}</${name}>`);
  }
}

/** The XML form of any JSON body the sandbox sends (see the format above). */
export function toXml(body: unknown): string {
  const root = Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body;
  const parts: string[] = [XML_DECLARATION];
  if (Array.isArray(root)) writeValue(parts, 'response', { items: root });
  else writeValue(parts, 'response', root);
  return parts.join('');
}
