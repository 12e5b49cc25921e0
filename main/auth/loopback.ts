/**
 * The loopback redirect of a native app's OAuth sign-in (RFC 8252 §7.3), as GitHub CLI and
 * VS Code do it: listen on 127.0.0.1 port 0 and keep that socket (no window in which another
 * program could take the port), answer `GET /callback` only, and only with the right `state`.
 * Everything else — another path or method, a forged or missing state, a Host header other than
 * the address given out (DNS rebinding), an oversized request — is refused and the wait goes on.
 * The pages served are fixed text with a strict CSP: nothing from the request is echoed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../log/logger';
import { AuthError } from './errors';

export const CALLBACK_PATH = '/callback';
/** 5 minutes, as VS Code allows; long enough to type a password, short enough not to linger. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** Request line plus headers; a browser's callback is well under 2 KiB. Node answers 431 above it. */
const MAX_HEADER_BYTES = 8 * 1024;
const MAX_URL_CHARS = 2048;

export interface LoopbackListenerOptions {
  /** The anti-forgery value the callback must carry, compared in constant time. */
  readonly state: string;
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly logger?: Logger | undefined;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:PORT/callback`, for the authorization link and the code exchange. */
  readonly redirectUri: string;
  /**
   * The code of the first callback with the right state. Rejects with an AuthError on an error
   * redirect (SIGN_IN_DENIED, SIGN_IN_FAILED), SIGN_IN_TIMED_OUT or SIGN_IN_CANCELLED. The
   * listening socket is closed as soon as it settles.
   */
  readonly code: Promise<string>;
  /** Resolves once the listener and all its connections are gone. */
  readonly closed: Promise<void>;
  /** Stops waiting (SIGN_IN_CANCELLED) and closes the listener. */
  close(): void;
}

type Verdict =
  | { readonly kind: 'refuse'; readonly status: number; readonly reason: string }
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'error'; readonly error: string };

/** RFC 6749 §4.1.2.1's error codes: the only values worth a log line. */
const OAUTH_ERRORS = new Set(['invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error', 'temporarily_unavailable']);

export async function listenForCallback(options: LoopbackListenerOptions): Promise<LoopbackListener> {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
  const signal = options.signal;
  if (signal?.aborted === true) throw new AuthError('SIGN_IN_CANCELLED');
  const expectedState = digest(options.state);

  let settled = false;
  let resolveCode!: (code: string) => void;
  let rejectCode!: (error: AuthError) => void;
  const code = new Promise<string>((resolve, reject) => { resolveCode = resolve; rejectCode = reject; });
  // The caller may be busy elsewhere when this rejects; it still sees the rejection when it awaits.
  code.catch(() => undefined);

  let host = '';
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 2_000 }, (request, response) => {
    if (settled) {
      send(response, 404, PAGES.refused, true);
      return;
    }
    const verdict = judge(request, host, expectedState);
    if (verdict.kind === 'refuse') {
      logger.warn('auth.callback_refused', { reason: verdict.reason, status: verdict.status });
      send(response, verdict.status, PAGES.refused, true, verdict.status === 405 ? { allow: 'GET' } : {});
      return;
    }
    if (verdict.kind === 'error') {
      logger.warn('auth.sign_in_error_redirect', { oauthError: OAUTH_ERRORS.has(verdict.error) ? verdict.error : 'other' });
      send(response, 200, PAGES.failed, true);
      finish(response, () => { rejectCode(new AuthError(verdict.error === 'access_denied' ? 'SIGN_IN_DENIED' : 'SIGN_IN_FAILED')); });
      return;
    }
    send(response, 200, PAGES.signedIn, true);
    finish(response, () => { resolveCode(verdict.code); });
  });
  // Oversized or malformed requests never reach the handler: Node answers 431/400 and hangs up.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = new Promise<void>((resolve) => { server.once('close', () => { resolve(); }); });

  const stopListening = (): void => {
    server.close();
    server.closeIdleConnections();
  };
  /** Settles once: stop accepting at once, drop the remaining connections once `response` is sent. */
  function finish(response: http.ServerResponse | undefined, outcome: () => void): void {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    stopListening();
    if (response === undefined || response.writableFinished) server.closeAllConnections();
    else response.once('close', () => { server.closeAllConnections(); });
    outcome();
  }
  const timer = setTimeout(() => {
    logger.info('auth.sign_in_timed_out', { timeoutMs });
    finish(undefined, () => { rejectCode(new AuthError('SIGN_IN_TIMED_OUT')); });
  }, timeoutMs);
  const onAbort = (): void => { finish(undefined, () => { rejectCode(new AuthError('SIGN_IN_CANCELLED')); }); };
  signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri: `http://${host}${CALLBACK_PATH}`,
    code,
    closed,
    close: onAbort,
  };
}

/** What a request is: the callback with its code or error, or something to refuse (and why). */
function judge(request: http.IncomingMessage, host: string, expectedState: Buffer): Verdict {
  const target = request.url ?? '';
  if (target.length > MAX_URL_CHARS) return { kind: 'refuse', status: 414, reason: 'url_too_long' };
  // A page on another site can make the browser call 127.0.0.1 under its own host name.
  if (request.headers.host !== host) return { kind: 'refuse', status: 400, reason: 'host' };
  if (request.method !== 'GET') return { kind: 'refuse', status: 405, reason: 'method' };
  if (!target.startsWith('/')) return { kind: 'refuse', status: 400, reason: 'target' };
  const url = new URL(target, `http://${host}`);
  if (url.pathname !== CALLBACK_PATH) return { kind: 'refuse', status: 404, reason: 'path' };
  const params = url.searchParams;
  const states = params.getAll('state');
  if (states.length !== 1 || !timingSafeEqual(digest(states[0] ?? ''), expectedState)) return { kind: 'refuse', status: 400, reason: 'state' };
  const errors = params.getAll('error');
  if (errors.length > 0) return { kind: 'error', error: errors[0] ?? '' };
  const codes = params.getAll('code');
  const code = codes[0];
  if (codes.length !== 1 || code === undefined || code === '') return { kind: 'refuse', status: 400, reason: 'code' };
  return { kind: 'code', code };
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function send(response: http.ServerResponse, status: number, page: string, close: boolean, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(page)),
    'content-security-policy': CSP,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...(close ? { connection: 'close' } : {}),
    ...extra,
  });
  response.end(page);
}

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:32em;padding:0 1em;color:#1f2933}h1{font-size:1.4em}';
/** Nothing but the one inline style may run or load: no scripts, images, frames or forms. */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

/** The only pages the listener serves, fixed at start-up. */
export const PAGES = {
  signedIn: page('Signed in to Practice Companion', 'You can close this tab and return to Practice Companion.'),
  failed: page('Sign-in did not finish', 'Return to Practice Companion to see what happened and try again.'),
  refused: page('Practice Companion', 'This address only answers Practice Companion\u2019s sign-in.'),
} as const;
