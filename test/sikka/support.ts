import zlib from 'node:zlib';
import { createLogger, type LogEntry, type Logger } from '../../main/log/logger';
import type { Page } from '../../main/sikka/client';
import { SikkaApiError } from '../../main/sikka/errors';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../main/sikka/transport';

export interface Recorded {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

/** A transport answering from a handler, recording every request. */
export function fakeTransport(handler: (request: Recorded, raw: HttpRequest) => HttpResponse | Promise<HttpResponse>): HttpTransport & { readonly requests: Recorded[] } {
  const requests: Recorded[] = [];
  const transport = async (raw: HttpRequest): Promise<HttpResponse> => {
    const recorded: Recorded = { method: raw.method, url: new URL(raw.url), headers: raw.headers, body: raw.body };
    requests.push(recorded);
    return handler(recorded, raw);
  };
  return Object.assign(transport, { requests });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: Buffer.from(body) };
}

export function gzipped(response: HttpResponse): HttpResponse {
  return { ...response, headers: { ...response.headers, 'content-encoding': 'gzip' }, body: zlib.gzipSync(response.body) };
}

export function sikkaError(code: string, status: number, headers: Record<string, string> = {}): HttpResponse {
  return json(status, { http_code: String(status), http_code_desc: 'x', error_code: code, short_message: 's', long_message: 'l', more_information: '' }, headers);
}

/** Records every wait instead of waiting; rejects like the real one when aborted. */
export function instantSleep(): ((ms: number, signal: AbortSignal) => Promise<void>) & { readonly waits: number[] } {
  const waits: number[] = [];
  const sleep = (ms: number, signal: AbortSignal): Promise<void> => {
    waits.push(ms);
    return signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
  };
  return Object.assign(sleep, { waits });
}

export function capturingLogger(): { readonly logger: Logger; readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return { logger: createLogger({ sink: (entry) => entries.push(entry), level: 'debug' }), entries };
}

/** A v2 collection with the guide's paging, optionally capping the page size like a stricter server. */
export function collectionServer(rows: readonly Record<string, string>[], options: { cap?: number; envelope?: 'v2' | 'v4' | 'bare' } = {}) {
  return (url: URL): HttpResponse => {
    const asked = Number(url.searchParams.get('limit') ?? '500');
    const limit = Math.min(asked, options.cap ?? Number.POSITIVE_INFINITY);
    const page = Number(url.searchParams.get('offset') ?? '0');
    const items = rows.slice(page * limit, page * limit + limit);
    if (items.length === 0) return { status: 204, headers: {}, body: new Uint8Array() };
    if (options.envelope === 'bare') return json(200, items);
    const envelope = { total_count: String(rows.length), limit: String(limit), offset: String(page), items };
    return json(200, options.envelope === 'v4' ? { ...envelope, execution_time: '3', pagination: {} } : [envelope]);
  };
}

export function rowsFor(count: number): Record<string, string>[] {
  return Array.from({ length: count }, (_, index) => ({ patient_id: String(index + 1), firstname: `P${index + 1}` }));
}

/** Every page of a collection, in order. */
export async function collect<R>(pages: AsyncIterable<Page<R>>): Promise<Page<R>[]> {
  const all: Page<R>[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** The SikkaApiError a call rejects with (anything else fails the test). */
export async function failure(promise: Promise<unknown>): Promise<SikkaApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SikkaApiError) return error;
    throw error;
  }
  throw new Error('expected a SikkaApiError');
}
