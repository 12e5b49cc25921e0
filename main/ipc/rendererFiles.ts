/**
 * Serving the built renderer, the same way through the app's `app://` protocol and through the
 * browser harness: only files under the renderer's folder, with the headers that keep the page
 * from loading anything but itself.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

/**
 * The renderer talks to nothing but its own origin: no remote scripts, styles, frames, forms or
 * plugins. React's style props go through the CSSOM, which `style-src 'self'` allows.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface RendererFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The file a URL path names under `root`, or undefined. `/` is index.html (the renderer routes
 * in the URL fragment, so no other path needs the page); anything escaping `root` gets nothing.
 */
export async function readRendererFile(root: string, urlPath: string): Promise<RendererFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = normalize(root + sep);
  const path = normalize(join(resolvedRoot, relative));
  if (!path.startsWith(resolvedRoot)) return undefined;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined) return undefined;
  try {
    return { body: await readFile(path), contentType };
  } catch {
    return undefined;
  }
}
