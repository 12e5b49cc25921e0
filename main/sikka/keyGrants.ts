/**
 * Reading v4's key answers. `POST /v4/request_key` answers (v4 "Generate request_key"):
 * `{href, request_key, start_time, end_time, expires_in: "85603 second(s)", issued_to, status,
 * request_count, scope, domain, refresh_key}`; `GET …/request_key_info` answers the same fields
 * without `refresh_key`.
 */
import { findErrorBody, isRecord, parseCount } from './envelope';
import { transportError, type SikkaApiError } from './errors';
import { parseExpiresIn, type RequestKey } from './keys';
import { DEFAULT_KEY_LIFETIME_MS } from './oauth';

/** A request key from the v4 request_key or refresh_key grant, with what came with it. */
export interface KeyGrant extends RequestKey {
  /** Renews keys without the office's secret key (v4 "Refresh token"); a credential, never logged. */
  readonly refreshKey: string | undefined;
  /** The office the key reads. */
  readonly issuedTo: string | undefined;
  readonly status: string | undefined;
  /** The APIs the key may call, comma-separated as Sikka writes them. */
  readonly scope: string | undefined;
  readonly domain: string | undefined;
}

/** What Sikka says of a request key (`request_key_info`). */
export interface RequestKeyInfo {
  /** `status` is "active". */
  readonly active: boolean;
  /** As Sikka writes it: "active", "expired", … */
  readonly status: string | undefined;
  readonly issuedTo: string | undefined;
  /** From `expires_in`; undefined for a key with no time left. */
  readonly expiresAt: number | undefined;
  /** Office-local times as Sikka writes them ("2020-09-23T04:00:28"). */
  readonly startTime: string | undefined;
  readonly endTime: string | undefined;
  readonly requestCount: number | undefined;
  readonly scope: string | undefined;
  readonly domain: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** v4 bodies are objects; some Sikka answers wrap one in a one-element array. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
}

export function readKeyGrant(value: unknown, now: number): KeyGrant | SikkaApiError {
  const body = single(value);
  const requestKey = isRecord(body) ? text(body['request_key']) : undefined;
  if (!isRecord(body) || requestKey === undefined || findErrorBody(body) !== undefined) return transportError('MALFORMED_RESPONSE', 'Sikka\u2019s request_key answer has no request key.');
  return {
    requestKey,
    expiresAt: now + (parseExpiresIn(body['expires_in']) ?? DEFAULT_KEY_LIFETIME_MS),
    refreshKey: text(body['refresh_key']),
    issuedTo: text(body['issued_to']),
    status: text(body['status']),
    scope: text(body['scope']),
    domain: text(body['domain']),
  };
}

export function readRequestKeyInfo(value: unknown, now: number): RequestKeyInfo | SikkaApiError {
  const body = single(value);
  if (!isRecord(body) || findErrorBody(body) !== undefined || text(body['status']) === undefined) return transportError('MALFORMED_RESPONSE', 'Sikka\u2019s request_key_info answer has no status.');
  const status = text(body['status']);
  const lifetime = parseExpiresIn(body['expires_in']);
  return {
    active: status?.toLowerCase() === 'active',
    status,
    issuedTo: text(body['issued_to']),
    expiresAt: lifetime === undefined ? undefined : now + lifetime,
    startTime: text(body['start_time']),
    endTime: text(body['end_time']),
    requestCount: parseCount(body['request_count']),
    scope: text(body['scope']),
    domain: text(body['domain']),
  };
}

/**
 * `Request-Key-Expires: Wed, 21 Aug 2019 17:19:33 GMT` (v4 "Response Header": the key's start
 * time + 24 hours while it is active). Only an HTTP date is accepted; anything else is unknown.
 */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}:\d{2}\s+GMT\s*$/.test(value)) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}
