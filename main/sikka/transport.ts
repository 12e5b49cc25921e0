import http from 'node:http';
import https from 'node:https';
import { transportError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the exchange: the transport destroys the socket and rejects at once. */
  readonly signal: AbortSignal;
  /** The most bytes the body may have on the wire; more is refused, not buffered. */
  readonly maxBodyBytes: number;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as it came off the wire: still compressed when Content-Encoding says so. */
  readonly body: Uint8Array;
}

/**
 * One HTTP exchange. The client decompresses and decodes on its own, so a transport only moves
 * bytes; tests substitute one to feed any bytes they like. It rejects with a SikkaApiError (or
 * anything else, which the client treats as a network fault) and must honour `signal`.
 */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/**
 * The real transport on node:http/node:https. No automatic decompression or redirects: the client
 * asks for gzip itself and a redirect from Sikka's API would be a fault worth seeing.
 */
export function nodeHttpTransport(options: { agent?: { http?: http.Agent; https?: https.Agent } } = {}): HttpTransport {
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      if (request.signal.aborted) {
        reject(transportError('CANCELLED', 'The request was cancelled before it was sent.'));
        return;
      }
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        reject(transportError('NETWORK_UNREACHABLE', 'The Sikka address is not a valid URL.', { retryable: false }));
        return;
      }
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:') {
        reject(transportError('NETWORK_UNREACHABLE', 'The Sikka address must use http or https.', { retryable: false }));
        return;
      }
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const agent = secure ? options.agent?.https : options.agent?.http;
      const send = secure ? https.request : http.request;
      let settled = false;
      let receiving = false;
      const finish = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        request.signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const req = send(url, { method: request.method, headers, ...(agent === undefined ? {} : { agent }) }, (res) => {
        receiving = true;
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > request.maxBodyBytes) {
          res.destroy();
          finish(() => { reject(tooLarge(request.maxBodyBytes)); });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBodyBytes) {
            res.destroy();
            finish(() => { reject(tooLarge(request.maxBodyBytes)); });
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          finish(() => {
            // A body shorter than its Content-Length is a cut-off answer, not a short one.
            if (!res.complete) reject(transportError('MALFORMED_RESPONSE', 'The answer from Sikka was cut off.', { httpStatus: res.statusCode }));
            else resolve({ status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks) });
          });
        });
        res.on('error', () => {
          finish(() => { reject(transportError('MALFORMED_RESPONSE', 'The answer from Sikka was cut off.', { httpStatus: res.statusCode })); });
        });
        // Whatever way the socket goes away before 'end', the answer is incomplete.
        res.on('close', () => {
          finish(() => { reject(transportError('MALFORMED_RESPONSE', 'The answer from Sikka was cut off.', { httpStatus: res.statusCode })); });
        });
      });
      const onAbort = (): void => {
        req.destroy();
        finish(() => { reject(transportError('CANCELLED', 'The request was cancelled.')); });
      };
      request.signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error: NodeJS.ErrnoException) => {
        finish(() => {
          if (receiving) reject(transportError('MALFORMED_RESPONSE', 'The answer from Sikka was cut off.'));
          else reject(transportError('NETWORK_UNREACHABLE', networkDetail(error.code)));
        });
      });
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
}

function tooLarge(limit: number) {
  return transportError('MALFORMED_RESPONSE', `The answer from Sikka is larger than ${limit} bytes.`, { retryable: false });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Only the errno name: Node's own messages carry the host and port, which belong to no one's log. */
function networkDetail(code: string | undefined): string {
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return 'The connection to Sikka was reset.';
    case 'ECONNREFUSED':
      return 'Sikka refused the connection.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The Sikka address could not be looked up.';
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'The network to Sikka is unreachable.';
    default:
      return code === undefined ? 'The connection to Sikka failed.' : `The connection to Sikka failed (${code}).`;
  }
}
