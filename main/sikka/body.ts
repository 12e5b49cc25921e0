import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { transportError, type SikkaApiError } from './errors';
import { parseXml } from './xml';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

/** What a response body turned out to be once decompressed and parsed. */
export type ParsedBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly value: unknown }
  /** Text that is neither JSON nor XML (an HTML error page, a proxy's plain text). */
  | { readonly kind: 'unreadable' };

/**
 * Undoes Content-Encoding with zlib. Output is capped like the wire body, so a small gzip bomb
 * cannot fill memory; a damaged or cut-off stream is a malformed answer.
 */
export async function decompress(body: Uint8Array, contentEncoding: string | undefined, maxBytes: number): Promise<Uint8Array> {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return body;
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return await gunzip(body, { maxOutputLength: maxBytes });
    if (encoding === 'deflate') return await inflate(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if (isTooLarge(error)) throw transportError('MALFORMED_RESPONSE', `The answer from Sikka unpacks to more than ${maxBytes} bytes.`, { retryable: false });
    throw transportError('MALFORMED_RESPONSE', 'The compressed answer from Sikka is damaged.');
  }
  throw transportError('UNEXPECTED_RESPONSE', 'Sikka answered in a compression the app did not ask for.');
}

function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError || (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_BUFFER_TOO_LARGE');
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Parses a body by what it is rather than what was asked: Sikka's error bodies and HTML error
 * pages can come back on any route, JSON or XML. Never throws except SikkaApiError.
 */
export function parseBody(bytes: Uint8Array): ParsedBody | SikkaApiError {
  const text = utf8.decode(bytes);
  const start = text.search(/\S/);
  if (start === -1) return { kind: 'empty' };
  const first = text.charAt(start);
  if (first === '{' || first === '[') {
    try {
      return { kind: 'value', value: JSON.parse(text) as unknown };
    } catch {
      return transportError('MALFORMED_RESPONSE', 'Sikka\u2019s answer is not valid JSON.');
    }
  }
  if (first === '<') {
    if (/^<!doctype html|^<html[\s>]/i.test(text.slice(start, start + 20))) return { kind: 'unreadable' };
    return parseXml(text);
  }
  return { kind: 'unreadable' };
}
