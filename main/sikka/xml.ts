import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParsedBody } from './body';
import { SikkaApiError, transportError } from './errors';

/**
 * Sikka's `/xml` answers, turned into exactly the value the JSON form of the same call gives.
 * No public Sikka XML sample exists; this follows the layout the sandbox documents in
 * main/sandbox/serialize.ts:
 *  - one root element (`<response>`) holding the fields of the JSON body's object (a v2
 *    one-element array is unwrapped first, so its envelope is the root);
 *  - an element with text is a string, verbatim (no trimming, no number or boolean guessing);
 *  - an empty element is "" (an empty `items` list is read as no records by the envelope reader);
 *  - an element with child elements is an object (`<practice><href>…</href></practice>`);
 *  - a list is an element whose children are all named for it without its final "s"
 *    (`<items><item>`, `<changes><change>`) or all `<item>`: it becomes an array, one entry or many;
 *  - a name repeated among an object's children becomes an array, in order.
 * Attributes, comments and processing instructions carry no data. A DOCTYPE is refused (no
 * entity expansion), as is anything the validator rejects: a cut-off document must not read as
 * a shorter list.
 */
/** Deeper than any Sikka record; stops hostile nesting before it costs stack. */
const MAX_DEPTH = 64;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Numeric character references (&#233;) are decoded only with this switch; its replacement
  // needs a decoder object from a transitive package, so the switch stays until v6.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: '#comment',
  maxNestedTags: MAX_DEPTH,
});

type OrderedNode = Record<string, unknown>;

const malformed = (): SikkaApiError => transportError('MALFORMED_RESPONSE', 'Sikka\u2019s answer is not valid XML.');

export function parseXml(text: string): ParsedBody | SikkaApiError {
  if (/<!DOCTYPE/i.test(text)) return malformed();
  try {
    // The parser alone reads a cut-off document as a shorter one; the validator refuses it. Its
    // successor is a separate package (fast-xml-validator); this one ships with the parser.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    if (XMLValidator.validate(text) !== true) return malformed();
    const nodes = parser.parse(text) as unknown;
    if (!Array.isArray(nodes)) return malformed();
    const roots = nodes.filter((node): node is OrderedNode => isElement(node));
    const root = roots[0];
    if (roots.length !== 1 || root === undefined) return malformed();
    const value = elementValue(root, 0);
    return value instanceof SikkaApiError ? value : { kind: 'value', value };
  } catch {
    // The parser throws on what its validator let through (depth limit, reserved names).
    return malformed();
  }
}

function isElement(node: unknown): node is OrderedNode {
  return typeof node === 'object' && node !== null && elementName(node as OrderedNode) !== undefined;
}

function elementName(node: OrderedNode): string | undefined {
  for (const key of Object.keys(node)) {
    if (key !== ':@' && !key.startsWith('#')) return key;
  }
  return undefined;
}

function textOf(node: OrderedNode): string | undefined {
  const text = node['#text'];
  if (typeof text === 'string') return text;
  const cdata = node['#cdata'];
  if (Array.isArray(cdata)) return cdata.map((part) => textOf(part as OrderedNode) ?? '').join('');
  return undefined;
}

function elementValue(node: OrderedNode, depth: number): unknown {
  if (depth > MAX_DEPTH) return malformed();
  const name = elementName(node);
  const children = name === undefined ? undefined : node[name];
  if (!Array.isArray(children)) return '';
  const elements: OrderedNode[] = [];
  let text = '';
  for (const child of children as unknown[]) {
    if (typeof child !== 'object' || child === null) continue;
    const childNode = child as OrderedNode;
    if (isElement(childNode)) elements.push(childNode);
    else text += textOf(childNode) ?? '';
  }
  if (elements.length === 0) return text;
  // Formatting whitespace around child elements is not data.
  if (text.trim() !== '') return malformed();
  if (isList(name ?? '', elements)) {
    const list: unknown[] = [];
    for (const element of elements) {
      const value = elementValue(element, depth + 1);
      if (value instanceof SikkaApiError) return value;
      list.push(value);
    }
    return list;
  }
  const object: Record<string, unknown> = {};
  for (const element of elements) {
    const key = elementName(element) ?? '';
    const value = elementValue(element, depth + 1);
    if (value instanceof SikkaApiError) return value;
    if (!Object.hasOwn(object, key)) {
      // defineProperty, not assignment: an element named __proto__ must stay data, as in JSON.parse.
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const existing = object[key];
    if (Array.isArray(existing) && repeated.has(existing)) existing.push(value);
    else {
      const list = [existing, value];
      repeated.add(list);
      Object.defineProperty(object, key, { value: list, enumerable: true, writable: true, configurable: true });
    }
  }
  return object;
}

function isList(name: string, elements: readonly OrderedNode[]): boolean {
  const entry = name.length > 1 && name.endsWith('s') ? name.slice(0, -1) : 'item';
  const names = new Set(elements.map((element) => elementName(element)));
  return names.size === 1 && (names.has(entry) || names.has('item'));
}

/** Arrays made from repeated element names, so a third repeat extends rather than nests. */
const repeated = new WeakSet<unknown[]>();
