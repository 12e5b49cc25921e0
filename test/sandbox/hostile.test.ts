import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { envelopeOf, errorCodeOf, useSandbox } from './support';

const s = useSandbox();

/** Sends bytes as they are and returns what came back before the server closed (or 2 s passed). */
function raw(request: string): Promise<string> {
  const { port } = new URL(s.sandbox.baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.setTimeout(2000, done);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(request);
  });
}

describe('hostile and malformed requests', () => {
  afterEach(async () => {
    // Whatever came before, the sandbox still serves.
    expect((await envelopeOf(await s.data('/v2/providers'))).items).toHaveLength(6);
  });

  it.each(['/', '/v2', '/v2/claims', '/v3/patients', '/v2/patients/1001/appointments', '/auth/v2/other', '/favicon.ico', '/v2/practices/1/practices'])('answers an unknown path %s with 404 API2009', async (path) => {
    const response = await s.get(path);
    expect(response.status).toBe(404);
    expect(await errorCodeOf(response)).toBe('API2009');
  });

  it.each([
    ['POST', '/v2/patients'],
    ['PUT', '/v2/appointments/50001'],
    ['DELETE', '/v2/start'],
    ['GET', '/v2/token'],
    ['PATCH', '/auth/v2/authorized_practices'],
  ])('answers %s %s with 405 API2014', async (method, path) => {
    const response = await s.get(path, { method });
    expect(response.status).toBe(405);
    expect(await errorCodeOf(response)).toBe('API2014');
  });

  it('answers a path with broken percent-encoding with 404', async () => {
    const response = await raw('GET /v2/patients/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 404/);
  });

  it('answers a huge query string with 431 instead of reading it', async () => {
    const response = await s.get(`/v2/patients?request_key=${'k'.repeat(100_000)}`);
    expect(response.status).toBe(431);
  });

  it('answers a request line that is not HTTP with 400', async () => {
    expect(await raw('HELLO THERE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
  });

  it('reads an absolute-form target by its path and ignores its host', async () => {
    const response = await raw('GET http://evil.example.com/v2/patients HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400/);
    expect(response).toContain('API1004');
  });

  it('refuses an unparsable request target with 400 API1026', async () => {
    const response = await raw('GET http://[bad HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400/);
  });

  it('refuses absurd numbers with 400 API1026', async () => {
    for (const query of ['limit=99999999999999999999', 'offset=1e3', 'limit=%00']) {
      const response = await s.data(`/v2/patients?${query}`);
      expect(response.status).toBe(400);
      expect(await errorCodeOf(response)).toBe('API1026');
    }
  });

  it('answers 204 for a page index far beyond the end', async () => {
    expect((await s.data('/v2/patients?offset=999999999&limit=4999')).status).toBe(204);
  });

  it('refuses a token call whose body is not JSON or a form, or too large', async () => {
    const bad = await s.get('/v2/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"grant_type":' });
    expect(bad.status).toBe(400);
    expect(await errorCodeOf(bad)).toBe('API1026');
    const huge = await s.get('/v2/token', { method: 'POST', body: `{"x":"${'y'.repeat(200_000)}"}` }).catch(() => undefined);
    if (huge !== undefined) expect(huge.status).toBe(400);
  });

  it('ignores unknown query parameters and repeated ones take the first value', async () => {
    const key = await s.key();
    const response = await s.get(`/v2/providers?request_key=${key}&request_key=nonsense&foo=bar&limit=2&limit=3`);
    expect((await envelopeOf(response)).items).toHaveLength(2);
  });

  it('survives a client that hangs up mid-request', async () => {
    const { port } = new URL(s.sandbox.baseUrl);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /v2/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"grant');
        socket.destroy();
        resolve();
      });
    });
  });

  it('serves many concurrent requests', async () => {
    const key = await s.key();
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => s.get(`/v2/patients?request_key=${key}&limit=50&offset=${i % 20}`)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 40 }, () => 200));
  });
});
