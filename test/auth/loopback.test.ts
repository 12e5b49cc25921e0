import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../main/auth/errors';
import { listenForCallback, PAGES, type LoopbackListener } from '../../main/auth/loopback';
import { capturingLogger, rawRequest, request, settledFlag } from './support';

const STATE = 'Zq3lV9b5m1Yx0n8Wc2Rt7Ke4Pa6Jd0Hs1Gf3Du5Io7';
const open: LoopbackListener[] = [];
afterEach(async () => {
  for (const listener of open.splice(0)) {
    listener.close();
    await listener.closed;
  }
});

async function listen(options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const { logger, entries } = capturingLogger();
  const listener = await listenForCallback({ state: STATE, logger, ...options });
  open.push(listener);
  const url = new URL(listener.redirectUri);
  const port = Number(url.port);
  const isSettled = settledFlag(listener.code);
  const callback = (query: string) => `${listener.redirectUri}?${query}`;
  return { listener, port, url, isSettled, callback, logs: entries };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('loopback sign-in listener', () => {
  it('listens on 127.0.0.1 with a port of its own and a /callback redirect', async () => {
    const { listener, url } = await listen();
    expect(url.hostname).toBe('127.0.0.1');
    expect(Number(url.port)).toBeGreaterThan(0);
    expect(url.pathname).toBe('/callback');
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${url.port}/callback`);
  });

  it('hands over the code of a callback with the right state and shows the fixed success page', async () => {
    const { listener, callback } = await listen();
    const answer = await request(callback(`code=the-code&state=${STATE}`));
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(PAGES.signedIn);
    expect(await listener.code).toBe('the-code');
  });

  it('closes the listener after the first good callback', async () => {
    const { listener, port, callback } = await listen();
    await request(callback(`code=c&state=${STATE}`));
    await listener.code;
    await listener.closed;
    await expect(request(`http://127.0.0.1:${port}/callback?code=again&state=${STATE}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('serves pages with a strict content security policy and no referrer', async () => {
    const { callback } = await listen();
    const answer = await request(callback(`code=c&state=${STATE}`));
    const csp = String(answer.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.body).not.toMatch(/<script|<img|<link|https?:\/\//i);
  });

  it('never echoes what the request carried', async () => {
    const { listener, callback } = await listen();
    const hostile = encodeURIComponent('<script>alert(1)</script>');
    for (const query of [`state=${hostile}&code=${hostile}`, `state=${STATE}&error=${hostile}`]) {
      const answer = await request(callback(query));
      expect(answer.body).not.toContain('script>');
      expect(Object.values(PAGES)).toContain(answer.body);
    }
    await expect(listener.code).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  describe('refuses and keeps waiting for', () => {
    it('a wrong state', async () => {
      const { isSettled, callback } = await listen();
      const answer = await request(callback('code=forged&state=not-the-state'));
      expect(answer.status).toBe(400);
      expect(answer.body).toBe(PAGES.refused);
      expect(isSettled()).toBe(false);
    });

    it('a missing state', async () => {
      const { isSettled, callback } = await listen();
      expect((await request(callback('code=forged'))).status).toBe(400);
      expect(isSettled()).toBe(false);
    });

    it('a state given twice', async () => {
      const { isSettled, callback } = await listen();
      expect((await request(callback(`code=c&state=${STATE}&state=other`))).status).toBe(400);
      expect(isSettled()).toBe(false);
    });

    it('a missing or empty code', async () => {
      const { isSettled, callback } = await listen();
      expect((await request(callback(`state=${STATE}`))).status).toBe(400);
      expect((await request(callback(`state=${STATE}&code=`))).status).toBe(400);
      expect(isSettled()).toBe(false);
    });

    it('any other path', async () => {
      const { isSettled, port } = await listen();
      for (const path of ['/', '/favicon.ico', `/callback/x?code=c&state=${STATE}`, `/CALLBACK?code=c&state=${STATE}`]) {
        expect((await request(`http://127.0.0.1:${port}${path}`)).status, path).toBe(404);
      }
      expect(isSettled()).toBe(false);
    });

    it('a method other than GET', async () => {
      const { isSettled, callback } = await listen();
      for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
        const answer = await request(callback(`code=c&state=${STATE}`), { method });
        expect(answer.status, method).toBe(405);
        expect(answer.headers.allow).toBe('GET');
      }
      expect(isSettled()).toBe(false);
    });

    it('a Host header other than the address given out (DNS rebinding)', async () => {
      const { isSettled, port, callback } = await listen();
      for (const host of [`evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
        expect((await request(callback(`code=c&state=${STATE}`), { headers: { host } })).status, host).toBe(400);
      }
      expect(await rawRequest(port, `GET /callback?code=c&state=${STATE} HTTP/1.0\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
      expect(isSettled()).toBe(false);
    });

    it('an absolute-form request target', async () => {
      const { isSettled, port } = await listen();
      const status = await rawRequest(port, `GET http://127.0.0.1:${port}/callback?code=c&state=${STATE} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
      expect(status).toMatch(/^HTTP\/1\.1 400/);
      expect(isSettled()).toBe(false);
    });

    it('a URL too long', async () => {
      const { isSettled, callback } = await listen();
      expect((await request(callback(`code=c&state=${STATE}&pad=${'a'.repeat(3000)}`))).status).toBe(414);
      expect(isSettled()).toBe(false);
    });

    it('oversized headers', async () => {
      const { isSettled, port } = await listen();
      const status = await rawRequest(port, `GET /callback?code=c&state=${STATE} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Pad: ${'a'.repeat(16 * 1024)}\r\n\r\n`);
      expect(status).toMatch(/^HTTP\/1\.1 431/);
      expect(isSettled()).toBe(false);
    });

    it('then takes the right callback after all of them', async () => {
      const { listener, port, callback, logs } = await listen();
      await request(callback('code=forged&state=wrong'));
      await request(callback(`code=c&state=${STATE}`), { method: 'POST' });
      await request(callback(`code=c&state=${STATE}`), { headers: { host: `evil.example:${port}` } });
      await request(`http://127.0.0.1:${port}/other?code=c&state=${STATE}`);
      await request(callback(`code=real&state=${STATE}`));
      expect(await listener.code).toBe('real');
      expect(logs.filter((entry) => entry.event === 'auth.callback_refused').map((entry) => entry.fields['reason'])).toEqual(['state', 'method', 'host', 'path']);
    });
  });

  it('ends the sign-in with SIGN_IN_DENIED on access_denied with the right state', async () => {
    const { listener, callback } = await listen();
    const answer = await request(callback(`error=access_denied&state=${STATE}`));
    expect(answer.body).toBe(PAGES.failed);
    const error = await failureOf(listener.code);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'SIGN_IN_DENIED' });
  });

  it('ends the sign-in with SIGN_IN_FAILED on any other error redirect with the right state', async () => {
    const { listener, callback } = await listen();
    await request(callback(`error=server_error&error_description=boom&state=${STATE}`));
    await expect(listener.code).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('ignores an error redirect with a wrong state like any forged request', async () => {
    const { listener, isSettled, callback } = await listen();
    expect((await request(callback('error=access_denied&state=forged'))).status).toBe(400);
    expect(isSettled()).toBe(false);
    await request(callback(`code=real&state=${STATE}`));
    expect(await listener.code).toBe('real');
  });

  it('times out with SIGN_IN_TIMED_OUT and closes the listener', async () => {
    const { listener, port } = await listen({ timeoutMs: 50 });
    await expect(listener.code).rejects.toMatchObject({ code: 'SIGN_IN_TIMED_OUT' });
    await listener.closed;
    await expect(request(`http://127.0.0.1:${port}/callback?code=c&state=${STATE}`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('is cancelled by its signal with SIGN_IN_CANCELLED and closes the listener', async () => {
    const controller = new AbortController();
    const { listener } = await listen({ signal: controller.signal });
    controller.abort();
    await expect(listener.code).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
    await listener.closed;
  });

  it('refuses to start with a signal already aborted', async () => {
    await expect(listenForCallback({ state: STATE, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'SIGN_IN_CANCELLED' });
  });

  it('closes connections a browser keeps open once the sign-in is over', async () => {
    const { listener, port, callback } = await listen();
    const idle = await new Promise<net.Socket>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { resolve(socket); });
    });
    const ended = new Promise<void>((resolve) => { idle.on('close', () => { resolve(); }); });
    await request(callback(`code=c&state=${STATE}`));
    await listener.code;
    await ended;
    await listener.closed;
  });
});
