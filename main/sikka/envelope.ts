import type { SikkaRecord } from '../../shared/domain/records';
import { isSikkaErrorCode } from '../../shared/sikka/errorCodes';
import { SikkaApiError, transportError } from './errors';

/** One collection answer reduced to what pagination needs; `records` are the items untouched. */
export interface CollectionBody {
  readonly records: readonly SikkaRecord[];
  readonly totalCount: number | undefined;
  /** The page size the server says it used (it may cap what was asked). */
  readonly limit: number | undefined;
  /** The page index the server says it answered. */
  readonly offset: number | undefined;
}

/** Sikka's error body: `{http_code, http_code_desc, error_code, short_message, long_message, more_information}`. */
export interface ErrorBody {
  readonly errorCode: string;
  readonly httpCode: number | undefined;
}

export function isRecord(value: unknown): value is SikkaRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Counts arrive as strings ("9161"), sometimes as numbers; documentation placeholders ("xx") mean unknown. */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\s*\d{1,15}\s*$/.test(value)) return undefined;
  return Number(value.trim());
}

/** Sikka sometimes wraps one object in a one-element array (v2 envelopes, start, some errors). */
function unwrapSingle(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** The error body inside a decoded answer, if that is what it is. */
export function findErrorBody(value: unknown): ErrorBody | undefined {
  const body = unwrapSingle(value);
  if (!isRecord(body) || Object.hasOwn(body, 'items')) return undefined;
  const code = body['error_code'];
  if (typeof code !== 'string' || code.trim() === '') return undefined;
  return { errorCode: code.trim(), httpCode: parseCount(body['http_code']) };
}

/**
 * The typed error for an error body. Codes outside the guide's table (Sikka has more than it
 * documents) become UNEXPECTED_RESPONSE, keeping the code for support when it looks like one.
 */
export function errorFromBody(body: ErrorBody, httpStatus: number): SikkaApiError {
  if (isSikkaErrorCode(body.errorCode)) return new SikkaApiError({ code: body.errorCode, httpStatus });
  return transportError('UNEXPECTED_RESPONSE', 'Sikka answered with an error code the app does not know.', {
    httpStatus,
    retryable: httpStatus >= 500 || httpStatus === 429,
    sikkaCode: /^API\d{4}$/.test(body.errorCode) ? body.errorCode : undefined,
  });
}

const malformed = (detail: string) => transportError('MALFORMED_RESPONSE', detail);

/**
 * Reads any of the collection shapes Sikka uses: v2's one-element array
 * `[{total_count, limit, offset, items}]`, v4's object `{offset, limit, total_count, pagination, items}`
 * (which two v4 examples wrap in an array too), a bare array of records, or a single record object
 * (the guide's own `practices` example). v4's `pagination` links are not followed: its examples
 * show them with offset and limit only (a practice_events page's links drop `events` and the
 * dates), so the client pages by offset with its own query.
 */
export function readCollection(value: unknown): CollectionBody | SikkaApiError {
  if (Array.isArray(value)) {
    const entries = value as readonly unknown[];
    const only = entries.length === 1 ? entries[0] : undefined;
    if (isRecord(only) && Object.hasOwn(only, 'items')) return readEnvelope(only);
    return readRecords(entries, undefined, undefined, undefined);
  }
  if (isRecord(value)) {
    if (Object.hasOwn(value, 'items')) return readEnvelope(value);
    return { records: [value], totalCount: undefined, limit: undefined, offset: undefined };
  }
  return malformed('Sikka answered something that is not a list of records.');
}

function readEnvelope(envelope: SikkaRecord): CollectionBody | SikkaApiError {
  const items = envelope['items'];
  const totalCount = parseCount(envelope['total_count']);
  const limit = parseCount(envelope['limit']);
  const offset = parseCount(envelope['offset']);
  // XML cannot tell an empty list from an empty value; an empty `items` is no records.
  if (items === '' || items === null) return { records: [], totalCount, limit, offset };
  if (!Array.isArray(items)) return malformed('The list in Sikka\u2019s answer is not a list.');
  return readRecords(items, totalCount, limit, offset);
}

function readRecords(items: readonly unknown[], totalCount: number | undefined, limit: number | undefined, offset: number | undefined): CollectionBody | SikkaApiError {
  for (const item of items) {
    if (!isRecord(item)) return malformed('An entry in Sikka\u2019s list is not a record.');
  }
  return { records: items as readonly SikkaRecord[], totalCount, limit: limit === 0 ? undefined : limit, offset };
}
