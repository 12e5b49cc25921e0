import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log/logger';
import { startHttpBridge, type HttpBridge } from '../../main/ipc/httpBridge';
import { testRouter } from './fixtures';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

let bridge: HttpBridge;
let rendererDir: string;

function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { host: `127.0.0.1:${bridge.port}`, ...options.headers };
    // An empty Host means "send none at all".
    const setHost = headers.host !== '';
    if (!setHost) delete (headers as Partial<typeof headers>).host;
    const req = request({ host: '127.0.0.1', port: bridge.port, method: options.method ?? 'GET', path: options.path, headers, setHost }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }); });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ authorization: `Bearer ${bridge.token}`, 'content-type': 'application/json' });

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'pc-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Practice Companion</title>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
  bridge = await startHttpBridge({ router: testRouter(), logger: silentLogger, rendererDir });
});

afterAll(async () => {
  await bridge.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('loopback HTTP bridge', () => {
  it('prints a 127.0.0.1 URL with the token in the fragment', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    expect(Buffer.from(bridge.token, 'base64url')).toHaveLength(32);
  });

  it('answers a call that carries the token', async () => {
    const reply = await send({ method: 'POST', path: '/ipc/echo', headers: auth(), body: JSON.stringify({ text: 'hi' }) });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { said: 'hi' } });
  });

  it('carries typed errors as Results', async () => {
    const reply = await send({ method: 'POST', path: '/ipc/echo', headers: auth(), body: JSON.stringify({ text: 7 }) });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${bridge.token}x`, bridge.token]) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers['authorization'] = authorization;
      const reply = await send({ method: 'POST', path: '/ipc/echo', headers, body: '{"text":"hi"}' });
      expect(reply.status).toBe(403);
    }
  });

  it('refuses a Host that is not its loopback address (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${bridge.port}`, `127.0.0.1:${bridge.port + 1}`, `127.0.0.1.evil.example:${bridge.port}`]) {
      const reply = await send({ method: 'POST', path: '/ipc/echo', headers: { ...auth(), host }, body: '{"text":"hi"}' });
      expect(reply.status).toBe(421);
    }
    // Node's server itself refuses an HTTP/1.1 request without any Host.
    expect((await send({ method: 'POST', path: '/ipc/echo', headers: { ...auth(), host: '' }, body: '{"text":"hi"}' })).status).toBe(400);
    expect((await send({ path: '/', headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const reply = await send({ method: 'POST', path: '/ipc/echo', headers: { ...auth(), origin: 'https://evil.example' }, body: '{"text":"hi"}' });
    expect(reply.status).toBe(403);
  });

  it('accepts its own Origin', async () => {
    const reply = await send({ method: 'POST', path: '/ipc/echo', headers: { ...auth(), origin: `http://127.0.0.1:${bridge.port}` }, body: '{"text":"hi"}' });
    expect(reply.status).toBe(200);
  });

  it('refuses non-JSON bodies, malformed JSON, oversized bodies and wrong methods', async () => {
    expect((await send({ method: 'POST', path: '/ipc/echo', headers: { ...auth(), 'content-type': 'text/plain' }, body: '{"text":"hi"}' })).status).toBe(415);
    expect((await send({ method: 'POST', path: '/ipc/echo', headers: auth(), body: '{"text":' })).status).toBe(400);
    expect((await send({ method: 'POST', path: '/ipc/echo', headers: auth(), body: JSON.stringify({ text: 'x'.repeat(70_000) }) })).status).toBe(413);
    expect((await send({ method: 'GET', path: '/ipc/echo', headers: auth() })).status).toBe(405);
    expect((await send({ method: 'DELETE', path: '/', headers: auth() })).status).toBe(405);
    expect((await send({ method: 'POST', path: '/ipc/%E0%A4%A', headers: auth(), body: '{}' })).status).toBe(400);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Practice Companion');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await send({ path: '/app.js' })).headers['content-type']).toContain('javascript');
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/missing.js', '/patients', '/%00.js']) {
      expect((await send({ path })).status).toBe(404);
    }
  });

  it('streams events to a subscriber that carries the token', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/events', headers: { host: `127.0.0.1:${bridge.port}`, authorization: `Bearer ${bridge.token}` } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('event: tick')) {
            req.destroy();
            resolve(text);
          } else if (text.includes(': connected')) bridge.broadcast('tick', { n: 1 });
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(await received).toContain('event: tick\ndata: {"n":1}\n\n');
  });

  it('refuses an event subscription without the token', async () => {
    expect((await send({ path: '/events' })).status).toBe(403);
  });
});
