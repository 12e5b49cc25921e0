/**
 * The router over loopback HTTP, for the browser harness (`npm run web`) where Electron cannot run.
 * The same PHI sits behind it as behind the app's IPC, so it is locked down like an API: bound to
 * 127.0.0.1 only, every call carries the random token printed at start, Host must be the
 * loopback address it listens on (no DNS rebinding), Origin (when a browser sends one) must be its
 * own, bodies are small JSON only.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger';
import { RENDERER_HEADERS, readRendererFile } from './rendererFiles';
import type { Router } from './router';

export interface HttpBridgeOptions {
  readonly router: Router;
  readonly logger: Logger;
  /** The built renderer; without it the bridge serves the API only. */
  readonly rendererDir?: string;
  readonly port?: number;
  /** Random 32 bytes unless given (tests). */
  readonly token?: string;
  readonly maxBodyBytes?: number;
  readonly heartbeatMs?: number;
}

export interface HttpBridge {
  readonly port: number;
  readonly token: string;
  /** What to open in a browser: the token travels in the fragment, which is never sent to a server. */
  readonly url: string;
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

const API_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

function decodeChannel(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export async function startHttpBridge(options: HttpBridgeOptions): Promise<HttpBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const streams = new Set<ServerResponse>();
  let allowedHosts: ReadonlySet<string> = new Set();

  const refuse = (res: ServerResponse, status: number, code: string): void => {
    res.writeHead(status, API_HEADERS).end(JSON.stringify({ ok: false, error: { code, message: 'Request refused.' } }));
  };

  const hasToken = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    return given.length === tokenBytes.length && timingSafeEqual(given, tokenBytes);
  };

  const originAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return origin === undefined || [...allowedHosts].some((host) => origin === `http://${host}`);
  };

  /** The body as text, or undefined once it passes the limit (the rest is never read). */
  const readBody = (req: IncomingMessage): Promise<string | undefined> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer): void => {
        size += chunk.length;
        if (size <= maxBodyBytes) {
          chunks.push(chunk);
          return;
        }
        req.off('data', onData);
        req.pause();
        resolve(undefined);
      };
      req.on('data', onData);
      req.on('end', () => { resolve(Buffer.concat(chunks).toString('utf8')); });
      req.on('error', () => { resolve(undefined); });
    });

  const handleInvoke = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      refuse(res, 413, 'PAYLOAD_TOO_LARGE');
      return;
    }
    let args: unknown;
    try {
      args = body === '' ? undefined : JSON.parse(body);
    } catch {
      refuse(res, 400, 'MALFORMED_JSON');
      return;
    }
    const result = await options.router.invoke(channel, args, { via: 'http' });
    res.writeHead(200, API_HEADERS).end(JSON.stringify(result));
  };

  const openEventStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const host = req.headers.host ?? '';
    if (!allowedHosts.has(host)) {
      options.logger.warn('bridge.wrong_host');
      refuse(res, 421, 'WRONG_HOST');
      return;
    }
    const path = url.split('?')[0] ?? '/';
    const apiCall = path.startsWith('/ipc/') || path === '/events';
    if (apiCall && (!originAllowed(req) || !hasToken(req))) {
      options.logger.warn('bridge.unauthorised', { path: path === '/events' ? path : '/ipc' });
      refuse(res, 403, 'FORBIDDEN');
      return;
    }
    if (path.startsWith('/ipc/')) {
      if (req.method !== 'POST') {
        refuse(res, 405, 'METHOD_NOT_ALLOWED');
        return;
      }
      const channel = decodeChannel(path.slice('/ipc/'.length));
      if (channel === undefined) refuse(res, 400, 'BAD_REQUEST');
      else void handleInvoke(req, res, channel);
      return;
    }
    if (req.method !== 'GET') {
      refuse(res, 405, 'METHOD_NOT_ALLOWED');
      return;
    }
    if (path === '/events') {
      openEventStream(req, res);
      return;
    }
    if (options.rendererDir === undefined) {
      refuse(res, 404, 'NOT_FOUND');
      return;
    }
    void readRendererFile(options.rendererDir, path).then((file) => {
      if (file === undefined) refuse(res, 404, 'NOT_FOUND');
      else res.writeHead(200, { ...RENDERER_HEADERS, 'Content-Type': file.contentType }).end(file.body);
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.maxHeadersCount = 50;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 25_000);
  heartbeat.unref();

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    broadcast(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close() {
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      streams.clear();
      return new Promise((resolve) => {
        server.close(() => { resolve(); });
        server.closeAllConnections();
      });
    },
  };
}
