/**
 * The sandbox's URL map, version by version. Only v2 exists today; a v4 table would sit beside
 * it and `matchRoute` would try it by prefix.
 */
import { SANDBOX_RESOURCES, type SandboxResource } from './types';

export type Format = 'json' | 'xml';

export type Route =
  | { readonly kind: 'authorizedPractices'; readonly officeId: string | undefined }
  | { readonly kind: 'start' }
  | { readonly kind: 'requestKeyInfo' }
  | { readonly kind: 'token' }
  | { readonly kind: 'revoke'; readonly token: string }
  | { readonly kind: 'authorize' }
  | { readonly kind: 'data'; readonly resource: SandboxResource; readonly id: string | undefined; readonly practiceId: string | undefined };

export type RouteMatch =
  | { readonly ok: true; readonly route: Route; readonly format: Format }
  | { readonly ok: false; readonly error: 'API2009' | 'API2014' | 'API1006'; readonly format: Format };

const METHOD: Readonly<Record<Route['kind'], string>> = {
  authorizedPractices: 'GET',
  start: 'GET',
  requestKeyInfo: 'GET',
  token: 'POST',
  revoke: 'DELETE',
  authorize: 'GET',
  data: 'GET',
};

const UNSUPPORTED_FORMATS = new Set(['csv', 'html', 'htm', 'txt', 'text', 'yaml', 'yml', 'jsonp']);

function isResource(name: string): name is SandboxResource {
  return (SANDBOX_RESOURCES as readonly string[]).includes(name);
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter((segment) => segment !== '').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function matchV2(segments: readonly string[]): Route | undefined {
  const [first, second, third, fourth, ...rest] = segments;
  const name = first?.toLowerCase();
  if (name === undefined) return undefined;
  if (segments.length === 1 && name === 'start') return { kind: 'start' };
  if (segments.length === 1 && name === 'request_key_info') return { kind: 'requestKeyInfo' };
  if (segments.length === 1 && name === 'token') return { kind: 'token' };
  if (segments.length === 2 && name === 'refresh_token' && second !== undefined) return { kind: 'revoke', token: second };
  if (rest.length > 0) return undefined;
  if (name === 'patients' && second?.toLowerCase() === 'veterinary_patients') {
    return fourth === undefined ? { kind: 'data', resource: 'veterinary_patients', id: third, practiceId: undefined } : undefined;
  }
  if (name === 'practices' && second !== undefined && third !== undefined) {
    const nested = third.toLowerCase();
    if (!isResource(nested) || nested === 'practices') return undefined;
    return { kind: 'data', resource: nested, id: fourth, practiceId: second };
  }
  if (!isResource(name) || third !== undefined) return undefined;
  return { kind: 'data', resource: name, id: second, practiceId: undefined };
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  const decoded = decodeSegments(pathname);
  if (decoded === undefined) return { ok: false, error: 'API2009', format: 'json' };
  let segments = decoded;
  let format: Format = 'json';
  const last = segments[segments.length - 1]?.toLowerCase();
  if (segments.length > 1 && (last === 'json' || last === 'xml')) {
    format = last;
    segments = segments.slice(0, -1);
  } else if (segments.length > 1 && last !== undefined && UNSUPPORTED_FORMATS.has(last)) {
    return { ok: false, error: 'API1006', format };
  }

  const [root, version, ...tail] = segments;
  let route: Route | undefined;
  if (root?.toLowerCase() === 'v2') route = matchV2([version, ...tail].filter((s): s is string => s !== undefined));
  else if (root?.toLowerCase() === 'auth' && version?.toLowerCase() === 'v2' && tail[0]?.toLowerCase() === 'authorized_practices' && tail.length <= 2) {
    route = { kind: 'authorizedPractices', officeId: tail[1] };
  } else if (root?.toLowerCase() === 'portal' && version?.toLowerCase() === 'authapp.aspx' && tail.length === 0) {
    route = { kind: 'authorize' };
  }
  if (route === undefined) return { ok: false, error: 'API2009', format };
  if (method !== METHOD[route.kind]) return { ok: false, error: 'API2014', format };
  return { ok: true, route, format };
}
