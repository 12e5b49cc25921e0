import { setTimeout as delay } from 'node:timers/promises';
import type { SikkaRecord } from '../../shared/domain/records';
import { silentLogger, type Logger } from '../log/logger';
import { readAuthorizedPractice, type AuthorizedPractice } from './authorizedPractices';
import { decompress, parseBody, type ParsedBody } from './body';
import { readChanges, type ChangeEntry, type ChangeKind } from './changes';
import { dailyLimitResumesAt } from './dailyLimit';
import { sikkaEndpoints, SIKKA_PRODUCTION_ORIGIN, type SikkaEndpoints } from './endpoints';
import { errorFromBody, findErrorBody, readCollection, type CollectionBody } from './envelope';
import { isDailyLimit, SikkaApiError, transportError } from './errors';
import { KeyKeeper, type RequestKey, type RequestKeySource } from './keys';
import { buildAuthorizationUrl, readStartKey, readTokenSet, type AuthorizationUrlOptions, type TokenSet } from './oauth';
import { RequestPacer, parseRetryAfterMs } from './pacing';
import { MAX_PAGE_SIZE, pageHolding, placeAnswer, type PageCursor } from './pagination';
import { DEFAULT_RETRY, isRetryable, retryDelay, type RetryOptions } from './retry';
import { nodeHttpTransport, type HttpMethod, type HttpResponse, type HttpTransport } from './transport';

/** JSON is Sikka's default; XML is asked for with the `/xml` URL form. */
export type ResponseFormat = 'json' | 'xml';

/** Waits `ms`, rejecting when `signal` aborts. Injected so tests need no real time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface SikkaClientOptions {
  /** Origin every default address derives from; production by default. */
  readonly baseUrl?: string;
  /** Any single address replaced (token endpoint, auth base, …). */
  readonly endpoints?: Partial<SikkaEndpoints>;
  readonly format?: ResponseFormat;
  readonly transport?: HttpTransport;
  /** Per attempt, from sending to the last body byte. */
  readonly timeoutMs?: number;
  /** Largest body accepted, on the wire and after decompression. */
  readonly maxBodyBytes?: number;
  readonly retry?: Partial<RetryOptions>;
  readonly now?: () => number;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly logger?: Logger;
  readonly userAgent?: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface AppCredentials {
  readonly appId: string;
  readonly appKey: string;
}

export interface OfficeCredentials extends AppCredentials {
  readonly officeId: string;
  readonly secretKey: string;
}

export interface OAuthClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** A kept key and where new ones go, for keys that outlive a run. */
export interface KeptKeys {
  readonly initialKey?: RequestKey | undefined;
  readonly onKeyIssued?: ((key: RequestKey) => void) | undefined;
}

export interface CollectionOptions extends CallOptions {
  /** Rows per page, 1–4999; 4999 by default to spend as few of the practice's daily calls as possible. */
  readonly limit?: number | undefined;
  /** The page to start at (with `limit`), to resume where a sync stopped. */
  readonly startPage?: number | undefined;
  /** Only these fields (plus Sikka's mandatory ones). */
  readonly fields?: readonly string[] | undefined;
  /** Related objects to nest, e.g. ['practice']. */
  readonly expand?: readonly string[] | undefined;
  /** Other query parameters the endpoint takes (filters such as patient_id). */
  readonly params?: Readonly<Record<string, string>> | undefined;
}

/** The change-log window: between two office-local times, or the last `intervalMinutes` (≤ 1440). */
export type ChangeWindow =
  | { readonly loadedStartDate: string; readonly loadedEndDate?: string | undefined }
  | { readonly intervalMinutes: number };

export interface ChangeOptions extends CollectionOptions {
  /** Only added or only deleted entries. */
  readonly flag?: Exclude<ChangeKind, 'updated'> | undefined;
}

export interface RecordOptions extends CallOptions {
  readonly fields?: readonly string[] | undefined;
  readonly expand?: readonly string[] | undefined;
}

/** One page of a collection, as the sync stores it. */
export interface Page<R = SikkaRecord> {
  /** The page index (`offset`) that was answered. */
  readonly index: number;
  /** The page size the server used (it may cap what was asked). */
  readonly limit: number;
  /** The rows, exactly as received (change logs: each with its typed kind). */
  readonly records: readonly R[];
  /** `total_count` when the server gave it. */
  readonly totalCount: number | undefined;
  /** 0-based position of records[0] in the collection. */
  readonly firstRow: number;
  /** Where to resume after this page (`startPage`/`limit`); null after the last page. */
  readonly next: PageCursor | null;
}

export interface OfficeOptions {
  readonly keys: RequestKeySource;
  /** The office's zone (Windows or IANA name), for when its daily limit resets. */
  readonly timeZone?: string | undefined;
}

/** Data calls for one office, with its request keys renewed as needed. */
export interface OfficeApi {
  readonly officeId: string;
  /** A collection, page by page (`resource` as in the URL: 'patients', 'patients/veterinary_patients'). */
  pages(resource: string, options?: CollectionOptions): AsyncGenerator<Page, void, undefined>;
  /** Change-log entries (`loaded_startdate`/`loaded_enddate` or `interval`), page by page. */
  changes(resource: string, window: ChangeWindow, options?: ChangeOptions): AsyncGenerator<Page<ChangeEntry>, void, undefined>;
  /** One record, e.g. record('patients', '76'). */
  record(resource: string, id: string, options?: RecordOptions): Promise<SikkaRecord>;
  /** The daily-limit stop in force for this office, if any: what every call fails with until `resumesAt`. */
  pausedBy(): SikkaApiError | undefined;
}

export interface SikkaClient {
  readonly endpoints: SikkaEndpoints;
  readonly format: ResponseFormat;
  /** The offices this app may read (app-key flow). */
  authorizedPractices(credentials: AppCredentials, options?: CallOptions): Promise<readonly AuthorizedPractice[]>;
  /** A request key for one office (app-key flow, `start`). */
  startSession(credentials: OfficeCredentials, options?: CallOptions): Promise<RequestKey>;
  /** The browser link where a practice signs in and allows access. */
  authorizationUrl(options: AuthorizationUrlOptions): string;
  exchangeCode(request: OAuthClientCredentials & { readonly code: string; readonly redirectUri?: string | undefined }, options?: CallOptions): Promise<TokenSet>;
  refreshToken(request: OAuthClientCredentials & { readonly refreshToken: string }, options?: CallOptions): Promise<TokenSet>;
  revokeRefreshToken(request: OAuthClientCredentials & { readonly refreshToken: string }, options?: CallOptions): Promise<void>;
  /** Keys from `start` with the office's secret key. */
  appKeySource(credentials: OfficeCredentials, kept?: KeptKeys): RequestKeySource;
  /** Keys from an OAuth refresh token; `onTokens` sees every token answer (a rotated refresh token, `issued_to`). */
  refreshTokenSource(request: OAuthClientCredentials & { readonly refreshToken: string; readonly officeId?: string | undefined }, kept?: KeptKeys & { readonly onTokens?: ((tokens: TokenSet) => void) | undefined }): RequestKeySource;
  office(officeId: string, options: OfficeOptions): OfficeApi;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
/** Re-asking with the server's page size settles in one step; more means the paging is not what the guide says. */
const MAX_REALIGNMENTS = 2;
const RESERVED_PARAMS = new Set(['request_key', 'offset', 'limit', 'fields', 'expand', 'loaded_startdate', 'loaded_enddate', 'interval', 'flag', 'app_id', 'app_key', 'secret_key', 'office_id']);
const CHANGE_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;
const APP_SCOPE = '\u0000app';

/** A 2xx answer, decoded. */
interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ParsedBody;
}

interface Exchange {
  readonly method: HttpMethod;
  readonly url: string;
  /** For logs: a name for the call, never its URL (which carries keys and tokens). */
  readonly endpoint: string;
  readonly body?: string;
  /** Safe to repeat after a fault that may have reached the server. */
  readonly idempotent: boolean;
  readonly officeId: string | undefined;
  readonly signal: AbortSignal;
  /** 2xx error bodies that mean success for this call (revoke answers API0003). */
  readonly successCodes?: ReadonlySet<string>;
}

const neverAborted = new AbortController().signal;
const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export function createSikkaClient(options: SikkaClientOptions = {}): SikkaClient {
  const endpoints = sikkaEndpoints(options.baseUrl ?? SIKKA_PRODUCTION_ORIGIN, options.endpoints);
  const format = options.format ?? 'json';
  const transport = options.transport ?? nodeHttpTransport();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const userAgent = options.userAgent ?? 'PracticeCompanion';

  const pacers = new Map<string, RequestPacer>();
  const pauses = new Map<string, SikkaApiError>();
  /** Each office's zone, for when its daily limit resets (also for its `start` calls). */
  const zones = new Map<string, string>();

  function pacerFor(scope: string): RequestPacer {
    let pacer = pacers.get(scope);
    if (pacer === undefined) {
      pacer = new RequestPacer(now);
      pacers.set(scope, pacer);
    }
    return pacer;
  }

  function pauseOf(officeId: string): SikkaApiError | undefined {
    const pause = pauses.get(officeId);
    if (pause?.resumesAt !== undefined && now() >= pause.resumesAt) {
      pauses.delete(officeId);
      logger.info('sikka.office_resumed', { officeId });
      return undefined;
    }
    return pause;
  }

  async function wait(ms: number, signal: AbortSignal): Promise<void> {
    if (ms <= 0) return;
    try {
      await sleep(ms, signal);
    } catch (error) {
      if (signal.aborted) throw cancelled();
      throw error;
    }
  }

  /** One HTTP exchange, decoded; any failure becomes a SikkaApiError. */
  async function attempt(exchange: Exchange, attemptNumber: number): Promise<Answer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([exchange.signal, timeout]);
    const started = now();
    let response: HttpResponse;
    try {
      response = await transport({
        method: exchange.method,
        url: exchange.url,
        headers: {
          accept: format === 'xml' ? 'application/xml, application/json;q=0.9' : 'application/json',
          'accept-encoding': 'gzip',
          'user-agent': userAgent,
          ...(exchange.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(exchange.body === undefined ? {} : { body: exchange.body }),
        signal,
        maxBodyBytes,
      });
    } catch (error) {
      if (exchange.signal.aborted) throw cancelled();
      if (timeout.aborted) throw transportError('TIMEOUT', `Sikka did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      if (error instanceof SikkaApiError) throw error.with({ officeId: exchange.officeId });
      throw transportError('NETWORK_UNREACHABLE', 'The connection to Sikka failed.', { officeId: exchange.officeId });
    }
    const { status, headers } = response;
    logger.debug('sikka.response', { endpoint: exchange.endpoint, officeId: exchange.officeId, status, attempt: attemptNumber, ms: now() - started, wireBytes: response.body.byteLength, encoding: headers['content-encoding'] ?? 'identity' });
    const scope = exchange.officeId ?? APP_SCOPE;
    pacerFor(scope).observe(headers);
    const retryAfterMs = parseRetryAfterMs(headers['retry-after'], now());
    const ok = status >= 200 && status < 300;

    let body: ParsedBody | SikkaApiError;
    if (status === 204) body = { kind: 'empty' };
    else {
      try {
        body = parseBody(await decompress(response.body, headers['content-encoding'], maxBodyBytes));
      } catch (error) {
        body = error instanceof SikkaApiError ? error : transportError('MALFORMED_RESPONSE', 'Sikka\u2019s answer could not be read.');
      }
    }
    if (ok) {
      if (body instanceof SikkaApiError) throw body.with({ officeId: exchange.officeId });
      if (body.kind === 'unreadable') throw transportError('MALFORMED_RESPONSE', 'Sikka answered with something that is neither JSON nor XML.', { httpStatus: status, officeId: exchange.officeId });
      // "No data" is HTTP 204; an empty 200 to a read is a body lost on the way, not the end of a list.
      if (body.kind === 'empty' && status !== 204 && exchange.method === 'GET') throw transportError('MALFORMED_RESPONSE', 'Sikka\u2019s answer was empty.', { httpStatus: status, officeId: exchange.officeId });
      // v4 says whether SPC is still loading the office's data; a page read meanwhile may be half old, half new.
      if (/in.?progress/i.test(headers['data-insert'] ?? '')) throw transportError('DATA_INSERT_IN_PROGRESS', 'Sikka is still loading the practice\u2019s latest data.', { httpStatus: status, officeId: exchange.officeId });
      const errorBody = body.kind === 'value' ? findErrorBody(body.value) : undefined;
      if (errorBody === undefined || exchange.successCodes?.has(errorBody.errorCode) === true) return { status, headers, body };
      if (errorBody.errorCode === 'API2005') return { status, headers, body: { kind: 'empty' } };
      throw errorFromBody(errorBody, status).with({ officeId: exchange.officeId });
    }

    const errorBody = !(body instanceof SikkaApiError) && body.kind === 'value' ? findErrorBody(body.value) : undefined;
    let error = errorBody === undefined ? unreadableError(status) : errorFromBody(errorBody, status);
    if (status === 429 && !isDailyLimit(error.code)) error = transportError('RATE_LIMITED', 'Sikka asked the app to slow down.', { httpStatus: 429, retryable: true });
    error = error.with({ officeId: exchange.officeId, retryAfterMs });
    if (isDailyLimit(error.code) && exchange.officeId !== undefined) {
      error = error.with({ resumesAt: dailyLimitResumesAt(now(), retryAfterMs, zones.get(exchange.officeId)) });
      pauses.set(exchange.officeId, error);
      logger.warn('sikka.office_paused', { officeId: exchange.officeId, errorCode: error.code, resumesAt: new Date(error.resumesAt ?? 0).toISOString() });
    }
    throw error;
  }

  /** An exchange with pacing, the office's daily-limit stop and bounded retries. */
  async function send(exchange: Exchange): Promise<Answer> {
    for (let retryNumber = 0; ; retryNumber += 1) {
      if (exchange.signal.aborted) throw cancelled();
      const pause = exchange.officeId === undefined ? undefined : pauseOf(exchange.officeId);
      if (pause !== undefined) throw pause;
      await wait(pacerFor(exchange.officeId ?? APP_SCOPE).reserve(), exchange.signal);
      try {
        return await attempt(exchange, retryNumber + 1);
      } catch (caught) {
        const error = caught instanceof SikkaApiError ? caught : transportError('UNEXPECTED_RESPONSE', 'The Sikka client failed unexpectedly.');
        const pause = retryNumber < retry.maxRetries && isRetryable(error, exchange.idempotent) ? retryDelay(error, retryNumber, retry, random) : undefined;
        if (pause === undefined) throw error;
        logger.warn('sikka.retry', { endpoint: exchange.endpoint, officeId: exchange.officeId, errorCode: error.code, httpStatus: error.httpStatus, retry: retryNumber + 1, delayMs: pause });
        await wait(pause, exchange.signal);
      }
    }
  }

  function appExchange(method: HttpMethod, url: string, endpoint: string, signal: AbortSignal | undefined, extra: Partial<Exchange> = {}): Exchange {
    return { method, url, endpoint, idempotent: method !== 'POST', officeId: undefined, signal: signal ?? neverAborted, ...extra };
  }

  function valueOf(answer: Answer): unknown {
    return answer.body.kind === 'value' ? answer.body.value : undefined;
  }

  async function startSession(credentials: OfficeCredentials, callOptions: CallOptions = {}): Promise<RequestKey> {
    const url = withQuery(endpoints.startUrl, { app_id: credentials.appId, app_key: credentials.appKey, office_id: credentials.officeId, secret_key: credentials.secretKey });
    const answer = await send({ ...appExchange('GET', url, 'start', callOptions.signal), officeId: credentials.officeId });
    const key = readStartKey(valueOf(answer), now());
    if (key instanceof SikkaApiError) throw key.with({ officeId: credentials.officeId });
    return key;
  }

  async function tokenCall(body: Record<string, string>, endpoint: string, idempotent: boolean, signal: AbortSignal | undefined, officeId?: string): Promise<TokenSet> {
    const answer = await send({ ...appExchange('POST', endpoints.tokenUrl, endpoint, signal), body: JSON.stringify(body), idempotent, officeId });
    const tokens = readTokenSet(valueOf(answer), now());
    if (tokens instanceof SikkaApiError) throw tokens;
    return tokens;
  }

  function refreshToken(request: OAuthClientCredentials & { readonly refreshToken: string }, callOptions: CallOptions = {}, officeId?: string): Promise<TokenSet> {
    return tokenCall({ grant_type: 'refresh_token', refresh_token: request.refreshToken, client_id: request.clientId, client_secret: request.clientSecret }, 'token.refresh', true, callOptions.signal, officeId);
  }

  /** Pages of a collection, wherever they come from: the paging, placing and ending in one place. */
  async function* readPages(
    fetchPage: (page: number, limit: number) => Promise<Answer>,
    collectionOptions: CollectionOptions,
    officeId: string | undefined,
  ): AsyncGenerator<Page, void, undefined> {
    const signal = collectionOptions.signal ?? neverAborted;
    let limit = pageSize(collectionOptions.limit);
    let row = startRow(collectionOptions.startPage, limit);
    let realignments = 0;
    for (;;) {
      if (signal.aborted) throw cancelled();
      const { page } = pageHolding(row, limit);
      const answer = await fetchPage(page, limit);
      const body: CollectionBody | SikkaApiError = answer.body.kind === 'value'
        ? readCollection(answer.body.value)
        : { records: [], totalCount: undefined, limit: undefined, offset: undefined };
      if (body instanceof SikkaApiError) throw body.with({ officeId });
      const placement = placeAnswer({ row, request: { page, limit }, received: body.records.length, echoedLimit: body.limit, echoedOffset: body.offset, totalCount: body.totalCount });
      if (placement.kind === 'unplaceable') throw transportError('MALFORMED_RESPONSE', 'Sikka sent more rows than its own page size.', { officeId, retryable: false });
      if (placement.kind === 'realign') {
        realignments += 1;
        if (realignments > MAX_REALIGNMENTS) throw transportError('UNEXPECTED_RESPONSE', 'Sikka\u2019s pages do not line up with what was asked.', { officeId, retryable: false });
        logger.info('sikka.page_size_changed', { officeId, asked: limit, served: placement.limit });
        limit = Math.min(placement.limit, MAX_PAGE_SIZE);
        continue;
      }
      realignments = 0;
      const records = body.records.slice(placement.skip);
      if (records.length > 0) yield { index: placement.page, limit: placement.limit, records, totalCount: body.totalCount, firstRow: row, next: placement.next };
      if (placement.next === null) return;
      row += records.length;
      limit = Math.min(placement.next.limit, MAX_PAGE_SIZE);
    }
  }

  function office(officeId: string, officeOptions: OfficeOptions): OfficeApi {
    const keeper = new KeyKeeper(officeOptions.keys, now);
    if (officeOptions.timeZone !== undefined) zones.set(officeId, officeOptions.timeZone);

    /** A data call with the office's key; an expired key (or a kept one the server no longer knows) is renewed and the call made once more. */
    async function call(buildUrl: (requestKey: string) => string, endpoint: string, signal: AbortSignal): Promise<Answer> {
      const pause = pauseOf(officeId);
      if (pause !== undefined) throw pause;
      const exchange = (key: RequestKey): Exchange => ({ method: 'GET', url: buildUrl(key.requestKey), endpoint, idempotent: true, officeId, signal });
      const key = await keeper.key(signal);
      try {
        return await send(exchange(key));
      } catch (error) {
        const renew = error instanceof SikkaApiError && (error.code === 'API1025' || (error.code === 'API2003' && keeper.isKept(key)));
        if (!renew) throw error;
        logger.info('sikka.key_renewing', { officeId, endpoint, errorCode: error.code });
        return send(exchange(await keeper.renew(key, signal)));
      }
    }

    function dataUrl(resource: string, requestKey: string, query: Record<string, string | undefined>): string {
      return withQuery(`${endpoints.apiBaseUrl}/${resourcePath(resource)}${format === 'xml' ? '/xml' : ''}`, { request_key: requestKey, ...query });
    }

    /** Arguments are checked on the first `next()`, like everything else a page reader reports. */
    async function* collection(resource: string, collectionOptions: CollectionOptions, extra: () => Record<string, string | undefined>): AsyncGenerator<Page, void, undefined> {
      const signal = collectionOptions.signal ?? neverAborted;
      resourcePath(resource);
      const query = { ...checkedParams(collectionOptions.params), fields: list(collectionOptions.fields), expand: list(collectionOptions.expand), ...extra() };
      yield* readPages(
        (page, limit) => call((key) => dataUrl(resource, key, { offset: String(page), limit: String(limit), ...query }), resource, signal),
        collectionOptions,
        officeId,
      );
    }

    return {
      officeId,
      pages: (resource, collectionOptions = {}) => collection(resource, collectionOptions, () => ({})),
      async *changes(resource, window, changeOptions = {}) {
        for await (const page of collection(resource, changeOptions, () => ({ ...changeWindowQuery(window), flag: changeOptions.flag }))) {
          const entries = readChanges(page.records);
          if (entries instanceof SikkaApiError) throw entries.with({ officeId });
          yield { ...page, records: entries };
        }
      },
      async record(resource, id, recordOptions = {}) {
        if (id === '') throw new RangeError('A record id is needed.');
        const signal = recordOptions.signal ?? neverAborted;
        const path = `${resourcePath(resource)}/${encodeURIComponent(id)}`;
        const answer = await call(
          (key) => withQuery(`${endpoints.apiBaseUrl}/${path}${format === 'xml' ? '/xml' : ''}`, { request_key: key, fields: list(recordOptions.fields), expand: list(recordOptions.expand) }),
          resource,
          signal,
        );
        const body = answer.body.kind === 'value' ? readCollection(answer.body.value) : undefined;
        if (body instanceof SikkaApiError) throw body.with({ officeId });
        const record = body?.records[0];
        if (record === undefined) throw new SikkaApiError({ code: 'API2005', httpStatus: answer.status, officeId });
        return record;
      },
      pausedBy: () => pauseOf(officeId),
    };
  }

  return {
    endpoints,
    format,
    async authorizedPractices(credentials, callOptions = {}) {
      const practices: AuthorizedPractice[] = [];
      let skipped = 0;
      const url = (page: number, limit: number): string => withQuery(`${endpoints.authBaseUrl}/authorized_practices`, { app_id: credentials.appId, app_key: credentials.appKey, offset: String(page), limit: String(limit) });
      for await (const page of readPages((page, limit) => send(appExchange('GET', url(page, limit), 'authorized_practices', callOptions.signal)), callOptions, undefined)) {
        for (const record of page.records) {
          const practice = readAuthorizedPractice(record);
          if (practice === undefined) skipped += 1;
          else practices.push(practice);
        }
      }
      if (skipped > 0) logger.warn('sikka.authorized_practices_incomplete', { skipped });
      return practices;
    },
    startSession: (credentials, callOptions) => startSession(credentials, callOptions),
    authorizationUrl: (authorizationOptions) => buildAuthorizationUrl(endpoints.authorizeUrl, authorizationOptions),
    exchangeCode(request, callOptions = {}) {
      const body: Record<string, string> = { grant_type: 'authorization_code', code: request.code, client_id: request.clientId, client_secret: request.clientSecret };
      if (request.redirectUri !== undefined) body['redirect_uri'] = request.redirectUri;
      return tokenCall(body, 'token.code', false, callOptions.signal);
    },
    refreshToken: (request, callOptions) => refreshToken(request, callOptions),
    async revokeRefreshToken(request, callOptions = {}) {
      const url = withQuery(`${endpoints.revokeUrl}/${encodeURIComponent(request.refreshToken)}`, { client_id: request.clientId, client_secret: request.clientSecret });
      await send({ ...appExchange('DELETE', url, 'token.revoke', callOptions.signal), successCodes: new Set(['API0002', 'API0003']) });
    },
    appKeySource(credentials, kept = {}) {
      return {
        initialKey: kept.initialKey,
        onKeyIssued: kept.onKeyIssued,
        issue: (signal) => startSession(credentials, { signal }),
      };
    },
    refreshTokenSource(request, kept = {}) {
      let current = request.refreshToken;
      return {
        initialKey: kept.initialKey,
        onKeyIssued: kept.onKeyIssued,
        async issue(signal) {
          const tokens = await refreshToken({ ...request, refreshToken: current }, { signal }, request.officeId);
          if (tokens.refreshToken !== undefined) current = tokens.refreshToken;
          kept.onTokens?.(tokens);
          return { requestKey: tokens.requestKey, expiresAt: tokens.expiresAt };
        },
      };
    },
    office(officeId, officeOptions) {
      if (officeId.trim() === '') throw new RangeError('An office id is needed.');
      return office(officeId, officeOptions);
    },
  };
}

function cancelled(): SikkaApiError {
  return transportError('CANCELLED', 'The request was cancelled.');
}

/** A non-2xx answer without a readable Sikka error body (an HTML page, nothing, garbage). */
function unreadableError(status: number): SikkaApiError {
  return transportError('UNEXPECTED_RESPONSE', `Sikka answered HTTP ${status} without an error the app can read.`, {
    httpStatus: status,
    retryable: status >= 500 || status === 408 || status === 429,
  });
}

function withQuery(base: string, query: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  const text = params.toString();
  return text === '' ? base : `${base}${base.includes('?') ? '&' : '?'}${text}`;
}

function list(values: readonly string[] | undefined): string | undefined {
  if (values === undefined) return undefined;
  const cleaned = values.map((value) => value.trim()).filter((value) => value !== '');
  return cleaned.length === 0 ? undefined : cleaned.join(',');
}

function resourcePath(resource: string): string {
  if (!/^[a-z][a-z0-9_]*(\/[a-z][a-z0-9_]*)*$/i.test(resource)) throw new RangeError(`Not a Sikka collection name: ${resource}`);
  return resource;
}

function checkedParams(params: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (RESERVED_PARAMS.has(name.toLowerCase())) throw new RangeError(`The parameter ${name} is set by its own option.`);
    checked[name] = value;
  }
  return checked;
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return MAX_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('The page size must be a whole number from 1 to 4999.');
  return Math.min(limit, MAX_PAGE_SIZE);
}

function startRow(startPage: number | undefined, limit: number): number {
  const page = startPage ?? 0;
  if (!Number.isSafeInteger(page) || page < 0) throw new RangeError('The start page must be a whole number from 0.');
  return page * limit;
}

function changeWindowQuery(window: ChangeWindow): Record<string, string | undefined> {
  if ('intervalMinutes' in window) {
    const minutes = window.intervalMinutes;
    if (!Number.isSafeInteger(minutes) || minutes < 1 || minutes > 1440) throw new RangeError('The change interval must be 1 to 1440 minutes.');
    return { interval: String(minutes) };
  }
  if (!CHANGE_DATE.test(window.loadedStartDate) || (window.loadedEndDate !== undefined && !CHANGE_DATE.test(window.loadedEndDate))) {
    throw new RangeError('Change-log dates are yyyy-mm-dd or yyyy-MM-ddTHH:mm:ss (office time).');
  }
  return { loaded_startdate: window.loadedStartDate, loaded_enddate: window.loadedEndDate };
}
