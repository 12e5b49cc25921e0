/**
 * The `app://companion/` protocol the renderer is served from (not file://, whose pages share an
 * origin with every file on the disk). Only GET of files under the built renderer's folder, with
 * the renderer's CSP and security headers.
 */
import { isAppUrl } from '../ipc/electronAdapter';
import { RENDERER_HEADERS, readRendererFile } from '../ipc/rendererFiles';

export interface ProtocolRequestLike {
  readonly url: string;
  readonly method: string;
}

export function createAppProtocolHandler(rendererDir: string): (request: ProtocolRequestLike) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' || !isAppUrl(request.url)) return new Response(null, { status: 405 });
    const file = await readRendererFile(rendererDir, new URL(request.url).pathname);
    if (file === undefined) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(file.body), { status: 200, headers: { ...RENDERER_HEADERS, 'Content-Type': file.contentType } });
  };
}
