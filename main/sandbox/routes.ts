/**
 * The sandbox's URL map, version by version: v2 as the v2 guide lays it out, v4 as the v4
 * collection does (JSON only, the pets at `/v4/veterinary_patients`, authorized_practices,
 * data_sync_status and the key calls under `/v4` itself). `matchRoute` picks the table by the path's first segment.
 */
import { SANDBOX_RESOURCES, type SandboxApiVersion, type SandboxResource } from './types';

export type Format = 'json' | 'xml';

export type Route =
  | { readonly kind: 'authorizedPractices'; readonly officeId: string | undefined }
  | { readonly kind: 'start' }
  | { readonly kind: 'requestKeyInfo' }
  | { readonly kind: 'token' }
  | { readonly kind: 'revoke'; readonly token: string }
  | { readonly kind: 'authorize' }
  | { readonly kind: 'requestKey' }
  | { readonly kind: 'revokeRequestKey' }
  | { readonly kind: 'revokeRefreshKey' }
  | { readonly kind: 'practiceEvents' }
  | { readonly kind: 'dataSyncStatus' }
  | { readonly kind: 'data'; readonly resource: SandboxResource; readonly id: string | undefined; readonly practiceId: string | undefined };

export type RouteMatch =
  | { readonly ok: true; readonly route: Route; readonly format: Format; readonly version: SandboxApiVersion }
  | { readonly ok: false; readonly error: 'API2009' | 'API2014' | 'API1006'; readonly format: Format; readonly version: SandboxApiVersion };

const METHOD: Readonly<Record<Route['kind'], string>> = {
  authorizedPractices: 'GET',
  start: 'GET',
  requestKeyInfo: 'GET',
  token: 'POST',
  revoke: 'DELETE',
  authorize: 'GET',
  requestKey: 'POST',
  revokeRequestKey: 'DELETE',
  revokeRefreshKey: 'DELETE',
  practiceEvents: 'GET',
  dataSyncStatus: 'GET',
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

/** The data routes both versions share: a collection, a record, the same under a practice, and the pets. */
function matchData(segments: readonly string[]): Route | undefined {
  const [first, second, third, fourth, ...rest] = segments;
  const name = first?.toLowerCase();
  if (name === undefined || rest.length > 0) return undefined;
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

function matchV2(segments: readonly string[]): Route | undefined {
  const [first, second] = segments;
  const name = first?.toLowerCase();
  if (segments.length === 1 && name === 'start') return { kind: 'start' };
  if (segments.length === 1 && name === 'request_key_info') return { kind: 'requestKeyInfo' };
  if (segments.length === 1 && name === 'token') return { kind: 'token' };
  if (segments.length === 1 && name === 'practice_events') return { kind: 'practiceEvents' };
  if (segments.length === 2 && name === 'refresh_token' && second !== undefined) return { kind: 'revoke', token: second };
  return matchData(segments);
}

function matchV4(method: string, segments: readonly string[]): Route | undefined {
  const [first, second] = segments;
  const name = first?.toLowerCase();
  if (segments.length === 1 && name === 'request_key') return method === 'DELETE' ? { kind: 'revokeRequestKey' } : { kind: 'requestKey' };
  if (segments.length === 1 && name === 'refresh_key') return { kind: 'revokeRefreshKey' };
  if (segments.length === 1 && name === 'request_key_info') return { kind: 'requestKeyInfo' };
  if (segments.length === 1 && name === 'practice_events') return { kind: 'practiceEvents' };
  if (segments.length === 1 && name === 'data_sync_status') return { kind: 'dataSyncStatus' };
  if (name === 'authorized_practices' && segments.length <= 2) return { kind: 'authorizedPractices', officeId: second };
  return matchData(segments);
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  const decoded = decodeSegments(pathname);
  const root = decoded?.[0]?.toLowerCase();
  const version: SandboxApiVersion = root === 'v4' ? 'v4' : 'v2';
  if (decoded === undefined) return { ok: false, error: 'API2009', format: 'json', version };
  let segments = decoded;
  let format: Format = 'json';
  const last = segments[segments.length - 1]?.toLowerCase();
  if (segments.length > 1 && (last === 'json' || last === 'xml')) {
    // v4 speaks JSON only (v4 "Output Formats"); its errors are JSON too.
    if (version === 'v4' && last === 'xml') return { ok: false, error: 'API1006', format: 'json', version };
    format = last;
    segments = segments.slice(0, -1);
  } else if (segments.length > 1 && last !== undefined && UNSUPPORTED_FORMATS.has(last)) {
    return { ok: false, error: 'API1006', format, version };
  }

  const [, second, ...tail] = segments;
  let route: Route | undefined;
  if (root === 'v2') route = matchV2(segments.slice(1));
  else if (root === 'v4') route = matchV4(method, segments.slice(1));
  else if (root === 'auth' && second?.toLowerCase() === 'v2' && tail[0]?.toLowerCase() === 'authorized_practices' && tail.length <= 2) {
    route = { kind: 'authorizedPractices', officeId: tail[1] };
  } else if (root === 'portal' && second?.toLowerCase() === 'authapp.aspx' && tail.length === 0) {
    route = { kind: 'authorize' };
  }
  if (route === undefined) return { ok: false, error: 'API2009', format, version };
  if (method !== METHOD[route.kind]) return { ok: false, error: 'API2014', format, version };
  return { ok: true, route, format, version };
}
