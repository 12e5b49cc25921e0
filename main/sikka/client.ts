import { setTimeout as delay } from 'node:timers/promises';
import type { SikkaRecord } from '../../shared/domain/records';
import { silentLogger, type Logger } from '../log/logger';
import { readAuthorizedPractice, type AuthorizedPractice } from './authorizedPractices';
import { decompress, parseBody, type ParsedBody } from './body';
import { readDataSyncStatus, type DataSyncStatusRecord } from './dataSyncStatus';
import { readChanges, type ChangeEntry, type ChangeKind } from './changes';
import { dailyLimitResumesAt } from './dailyLimit';
import { sikkaEndpoints, SIKKA_PRODUCTION_ORIGIN, type SikkaApiVersion, type SikkaEndpoints } from './endpoints';
import { errorFromBody, findErrorBody, readCollection, type CollectionBody } from './envelope';
import { isDailyLimit, SikkaApiError, transportError } from './errors';
import { parseHttpDate, readKeyGrant, readRequestKeyInfo, type KeyGrant, type RequestKeyInfo } from './keyGrants';
import { KeyKeeper, type RequestKey, type RequestKeySource } from './keys';
import { buildAuthorizationUrl, readStartKey, readTokenSet, type AuthorizationUrlOptions, type TokenSet } from './oauth';
import { RequestPacer, parseRetryAfterMs } from './pacing';
import { maxPageSize, pageHolding, placeAnswer, type PageCursor } from './pagination';
import { DEFAULT_RETRY, isRetryable, retryDelay, type RetryOptions } from './retry';
import { nodeHttpTransport, type HttpMethod, type HttpResponse, type HttpTransport } from './transport';

/** JSON is Sikka's default; XML is asked for with the `/xml` URL form. */
export type ResponseFormat = 'json' | 'xml';

/** Waits `ms`, rejecting when `signal` aborts. Injected so tests need no real time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface SikkaClientOptions {
  /**
   * Which API the data calls use, per connection (settings.sikkaApiVersion); v2 by default. The
   * interface is the same for both: only the wire differs (key in the `Request-Key` header, the v4
   * envelope, pages up to 5000, `fields=get_all`, the v4 key grants).
   */
  readonly apiVersion?: SikkaApiVersion;
  /** Origin every default address derives from; production by default. */
  readonly baseUrl?: string;
  /** Any single address replaced (token endpoint, auth base, …). */
  readonly endpoints?: Partial<SikkaEndpoints>;
  /** v2 only: v4 answers JSON alone (v4 "Output Formats"), so a v4 client reads JSON whatever is asked here. */
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
  /**
   * Rows per page, 1–4999 (v2) or 1–5000 (v4); the largest by default, to spend as few of the
   * practice's daily calls as possible.
   */
  readonly limit?: number | undefined;
  /** The page to start at (with `limit`), to resume where a sync stopped. */
  readonly startPage?: number | undefined;
  /**
   * v2: only these fields (plus Sikka's mandatory ones). v4: these on top of Sikka's default
   * fields. Unset, a v4 read asks `fields=get_all` (every field, as the cache keeps records
   * whole); `[]` asks v4 for its default fields only.
   */
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

/**
 * Where changes come from: the resource's own change log (`loaded_startdate`/`interval` on the
 * resource: Added/Deleted, an edit as both) or `practice_events?events=<resource>` (added /
 * updated / deleted, each with its `changes`). Both yield the same ChangeEntry.
 */
export type ChangeSource = 'resource' | 'practiceEvents';

export interface ChangeOptions extends CollectionOptions {
  /** 'resource' by default. */
  readonly via?: ChangeSource | undefined;
  /** Only entries of this kind; 'updated' exists only in practice_events. */
  readonly flag?: ChangeKind | undefined;
  /** practice_events only (`status=current`): each record's latest change, not every step. */
  readonly latestOnly?: boolean | undefined;
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
  /**
   * Change-log entries in a window (`loaded_startdate`/`loaded_enddate` or `interval`), page by
   * page, from the resource's own log or, with `via: 'practiceEvents'`, from practice_events; the
   * same ChangeEntry either way, in either version.
   */
  changes(resource: string, window: ChangeWindow, options?: ChangeOptions): AsyncGenerator<Page<ChangeEntry>, void, undefined>;
  /** One record, e.g. record('patients', '76'). */
  record(resource: string, id: string, options?: RecordOptions): Promise<SikkaRecord>;
  /** The daily-limit stop in force for this office, if any: what every call fails with until `resumesAt`. */
  pausedBy(): SikkaApiError | undefined;
}

/** v4 keys renewed with a refresh key; the secret key, when known, is the fallback. */
export interface RefreshKeyCredentials extends AppCredentials {
  readonly officeId: string;
  /** A refresh key kept from an earlier grant. */
  readonly refreshKey?: string | undefined;
  /** The office's secret key, for the request_key grant when there is no usable refresh key. */
  readonly secretKey?: string | undefined;
}

export interface SikkaClient {
  readonly apiVersion: SikkaApiVersion;
  readonly endpoints: SikkaEndpoints;
  /** What the client reads: the format asked for in v2, always JSON in v4. */
  readonly format: ResponseFormat;
  /** The offices this app may read (app-key flow; v4 sends the app id and key as headers). */
  authorizedPractices(credentials: AppCredentials, options?: CallOptions): Promise<readonly AuthorizedPractice[]>;
  /** v4: Sikka's word on each office's link to its practice system (`data_sync_status`, app id and key as headers). */
  dataSyncStatus(credentials: AppCredentials, options?: CallOptions): Promise<readonly DataSyncStatusRecord[]>;
  /** A request key for one office: v2 `start`, or v4's request_key grant. */
  startSession(credentials: OfficeCredentials, options?: CallOptions): Promise<RequestKey>;
  /** v4: `POST /v4/request_key` with the request_key grant; the answer's refresh key included. */
  issueRequestKey(credentials: OfficeCredentials, options?: CallOptions): Promise<KeyGrant>;
  /** v4: `POST /v4/request_key` with the refresh_key grant. */
  refreshRequestKey(request: AppCredentials & { readonly refreshKey: string; readonly officeId?: string | undefined }, options?: CallOptions): Promise<KeyGrant>;
  /** What Sikka knows of a key (status, office, time left): v2 with `?request_key=`, v4 with the `Request-Key` header. */
  requestKeyInfo(requestKey: string, options?: CallOptions): Promise<RequestKeyInfo>;
  /** v4: ends a request key (`DELETE /v4/request_key`). */
  revokeRequestKey(requestKey: string, options?: CallOptions): Promise<void>;
  /** v4: ends a refresh key (`DELETE /v4/refresh_key` with Refresh-Key, App-Id and App-Key headers). */
  revokeRefreshKey(request: AppCredentials & { readonly refreshKey: string }, options?: CallOptions): Promise<void>;
  /** The browser link where a practice signs in and allows access. */
  authorizationUrl(options: AuthorizationUrlOptions): string;
  exchangeCode(request: OAuthClientCredentials & { readonly code: string; readonly redirectUri?: string | undefined }, options?: CallOptions): Promise<TokenSet>;
  refreshToken(request: OAuthClientCredentials & { readonly refreshToken: string }, options?: CallOptions): Promise<TokenSet>;
  revokeRefreshToken(request: OAuthClientCredentials & { readonly refreshToken: string }, options?: CallOptions): Promise<void>;
  /** Keys from `start` with the office's secret key. */
  appKeySource(credentials: OfficeCredentials, kept?: KeptKeys): RequestKeySource;
  /**
   * Keys from an OAuth refresh token; `onTokens` sees every token answer (a rotated refresh token,
   * `issued_to`). Sign-in with Sikka exists only in the v2 guide, so these keys always come from
   * `/v2/token`; a v4 client sends them in the `Request-Key` header like any other key. The v2
   * guide says the access token *is* the request key ("'access_token' and 'request_key' are
   * same"), and v4 takes "a valid 32 characters alpha-numeric request key" in that header, so the
   * key is used as it is rather than spending a v4 grant (and the office's secret key) per office.
   * Sikka's documents do not promise that a `/v2/token` key reads `/v4` (the v4 collection has no
   * OAuth; the token's scope names `/v2/`): if Sikka refuses it, the API2003/API2004 reaches the
   * caller instead of being hidden, and the office can be connected by app key for v4.
   */
  refreshTokenSource(request: OAuthClientCredentials & { readonly refreshToken: string; readonly officeId?: string | undefined }, kept?: KeptKeys & { readonly onTokens?: ((tokens: TokenSet) => void) | undefined }): RequestKeySource;
  /**
   * v4: keys from the refresh_key grant, falling back to the request_key grant (with the secret
   * key) when there is no refresh key or Sikka refuses it. `onRefreshKey` hears every refresh key
   * that replaces the one known, for the vault to keep.
   */
  refreshKeySource(credentials: RefreshKeyCredentials, kept?: KeptKeys & { readonly onRefreshKey?: ((refreshKey: string) => void) | undefined }): RequestKeySource;
  office(officeId: string, options: OfficeOptions): OfficeApi;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
/** Re-asking with the server's page size settles in one step; more means the paging is not what the guide says. */
const MAX_REALIGNMENTS = 2;
const RESERVED_PARAMS = new Set(['request_key', 'offset', 'limit', 'fields', 'expand', 'loaded_startdate', 'loaded_enddate', 'interval', 'flag', 'events', 'app_id', 'app_key', 'secret_key', 'office_id']);
/** Answers to a refresh_key grant that mean the refresh key is no good (unknown, deleted, malformed), not that Sikka is unwell. */
const REFRESH_KEY_REFUSED = new Set(['API1020', 'API1026', 'API2003', 'API2009']);
const REVOKED = new Set(['API0002', 'API0003']);
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
  /** Headers of this call (v4 keys and app credentials travel here, never in the URL). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A read of the office's data: its answer is refused while Sikka says the data insert is in progress. */
  readonly officeData?: boolean;
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
  const apiVersion = options.apiVersion ?? 'v2';
  const v4 = apiVersion === 'v4';
  const endpoints = sikkaEndpoints(options.baseUrl ?? SIKKA_PRODUCTION_ORIGIN, options.endpoints, apiVersion);
  const format: ResponseFormat = v4 ? 'json' : (options.format ?? 'json');
  const largestPage = maxPageSize(apiVersion);
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
          ...exchange.headers,
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
      // v4 says whether SPC is still loading the office's data ("User should not fetch data when data
      // insert is in progress", v4 Response Header); a page read meanwhile may be half old, half new.
      // Refused here, before the body is handed on, so no record of such an answer is ever yielded.
      // Not retried by the client (the table's advice is 'later'): an insert loads a whole SPC upload,
      // for as long as that takes (the docs give no bound), while the retry policy waits 30 s at most,
      // and waiting inside a page read would hold the office's sync. The sync engine leaves the
      // office for a later run (a full pull it interrupted starts again: see main/sync/engine.ts).
      // A Retry-After, if Sikka sends one, rides along as retryAfterMs.
      if (exchange.officeData === true && /in.?progress/i.test(headers['data-insert'] ?? '')) {
        throw transportError('DATA_INSERT_IN_PROGRESS', 'Sikka is still loading the practice\u2019s latest data.', { httpStatus: status, officeId: exchange.officeId, retryAfterMs });
      }
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
    if (v4) return plainKey(await issueRequestKey(credentials, callOptions));
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

  function requireV4(call: string): void {
    if (!v4) throw new RangeError(`${call} is a Sikka v4 call; this client speaks v2.`);
  }

  async function keyGrant(body: Record<string, string>, endpoint: string, signal: AbortSignal | undefined, officeId: string | undefined): Promise<KeyGrant> {
    // Repeating a grant after a lost answer is harmless: at worst Sikka issues one more key.
    const answer = await send({ ...appExchange('POST', endpoints.requestKeyUrl, endpoint, signal), body: JSON.stringify(body), idempotent: true, officeId });
    const grant = readKeyGrant(valueOf(answer), now());
    if (grant instanceof SikkaApiError) throw grant.with({ officeId });
    return grant;
  }

  async function issueRequestKey(credentials: OfficeCredentials, callOptions: CallOptions = {}): Promise<KeyGrant> {
    requireV4('issueRequestKey');
    return keyGrant(
      { grant_type: 'request_key', office_id: credentials.officeId, secret_key: credentials.secretKey, app_id: credentials.appId, app_key: credentials.appKey },
      'request_key.issue',
      callOptions.signal,
      credentials.officeId,
    );
  }

  async function refreshRequestKey(request: AppCredentials & { readonly refreshKey: string; readonly officeId?: string | undefined }, callOptions: CallOptions = {}): Promise<KeyGrant> {
    requireV4('refreshRequestKey');
    return keyGrant({ grant_type: 'refresh_key', refresh_key: request.refreshKey, app_id: request.appId, app_key: request.appKey }, 'request_key.refresh', callOptions.signal, request.officeId);
  }

  function refreshToken(request: OAuthClientCredentials & { readonly refreshToken: string }, callOptions: CallOptions = {}, officeId?: string): Promise<TokenSet> {
    return tokenCall({ grant_type: 'refresh_token', refresh_token: request.refreshToken, client_id: request.clientId, client_secret: request.clientSecret }, 'token.refresh', true, callOptions.signal, officeId);
  }

  /** Every entry of an app-level list (the offices, their status), read with `read`; entries it cannot read are counted and left out. */
  async function appList<T>(base: string, endpoint: string, credentials: AppCredentials, callOptions: CallOptions, read: (record: SikkaRecord) => T | undefined): Promise<T[]> {
    const entries: T[] = [];
    let skipped = 0;
    // v4 takes the app's credentials as headers (v4 Quickstart), v2 in the query.
    const exchange = (page: number, limit: number): Exchange => v4
      ? appExchange('GET', withQuery(base, { offset: String(page), limit: String(limit) }), endpoint, callOptions.signal, { headers: { 'app-id': credentials.appId, 'app-key': credentials.appKey } })
      : appExchange('GET', withQuery(base, { app_id: credentials.appId, app_key: credentials.appKey, offset: String(page), limit: String(limit) }), endpoint, callOptions.signal);
    for await (const page of readPages((page, limit) => send(exchange(page, limit)), callOptions, undefined)) {
      for (const record of page.records) {
        const entry = read(record);
        if (entry === undefined) skipped += 1;
        else entries.push(entry);
      }
    }
    if (skipped > 0) logger.warn('sikka.app_list_incomplete', { endpoint, skipped });
    return entries;
  }

  /** Pages of a collection, wherever they come from: the paging, placing and ending in one place. */
  async function* readPages(
    fetchPage: (page: number, limit: number) => Promise<Answer>,
    collectionOptions: CollectionOptions,
    officeId: string | undefined,
  ): AsyncGenerator<Page, void, undefined> {
    const signal = collectionOptions.signal ?? neverAborted;
    let limit = pageSize(collectionOptions.limit, largestPage);
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
        limit = Math.min(placement.limit, largestPage);
        continue;
      }
      realignments = 0;
      const records = body.records.slice(placement.skip);
      if (records.length > 0) yield { index: placement.page, limit: placement.limit, records, totalCount: body.totalCount, firstRow: row, next: placement.next };
      if (placement.next === null) return;
      row += records.length;
      limit = Math.min(placement.next.limit, largestPage);
    }
  }

  function office(officeId: string, officeOptions: OfficeOptions): OfficeApi {
    const keeper = new KeyKeeper(officeOptions.keys, now);
    if (officeOptions.timeZone !== undefined) zones.set(officeId, officeOptions.timeZone);

    /** The call with the key where its version wants it: v2 in the query, v4 in the `Request-Key` header (never the URL). */
    function keyedExchange(path: string, query: Record<string, string | undefined>, endpoint: string, signal: AbortSignal, key: RequestKey): Exchange {
      const base = `${endpoints.apiBaseUrl}/${path}${format === 'xml' ? '/xml' : ''}`;
      const keyed = v4 ? { url: withQuery(base, query), headers: { 'request-key': key.requestKey } } : { url: withQuery(base, { request_key: key.requestKey, ...query }) };
      return { method: 'GET', ...keyed, endpoint, idempotent: true, officeId, signal, officeData: true };
    }

    /**
     * A data call with the office's key; an expired key (or a kept one the server no longer knows)
     * is renewed and the call made once more. The answer's Request-Key-Expires updates the key.
     */
    async function call(path: string, query: Record<string, string | undefined>, endpoint: string, signal: AbortSignal): Promise<Answer> {
      const pause = pauseOf(officeId);
      if (pause !== undefined) throw pause;
      let key = await keeper.key(signal);
      let answer: Answer;
      try {
        answer = await send(keyedExchange(path, query, endpoint, signal, key));
      } catch (error) {
        const renew = error instanceof SikkaApiError && (error.code === 'API1025' || (error.code === 'API2003' && keeper.isKept(key)));
        if (!renew) throw error;
        logger.info('sikka.key_renewing', { officeId, endpoint, errorCode: error.code });
        key = await keeper.renew(key, signal);
        answer = await send(keyedExchange(path, query, endpoint, signal, key));
      }
      keeper.learnExpiry(key, parseHttpDate(answer.headers['request-key-expires']));
      return answer;
    }

    /** Arguments are checked on the first `next()`, like everything else a page reader reports. */
    async function* collection(path: () => string, endpoint: string, collectionOptions: CollectionOptions, extra: () => Record<string, string | undefined>): AsyncGenerator<Page, void, undefined> {
      const signal = collectionOptions.signal ?? neverAborted;
      const target = path();
      const query = { ...checkedParams(collectionOptions.params), fields: fieldsParam(collectionOptions.fields), expand: list(collectionOptions.expand), ...extra() };
      yield* readPages(
        (page, limit) => call(target, { offset: String(page), limit: String(limit), ...query }, endpoint, signal),
        collectionOptions,
        officeId,
      );
    }

    function changeLog(resource: string, window: ChangeWindow, changeOptions: ChangeOptions): AsyncGenerator<Page, void, undefined> {
      if (changeOptions.via === 'practiceEvents') {
        return collection(() => 'practice_events', 'practice_events', changeOptions, () => ({
          events: apiName(resource, apiVersion),
          ...changeWindowQuery(window),
          flag: changeOptions.flag,
          status: changeOptions.latestOnly === true ? 'current' : undefined,
        }));
      }
      return collection(() => resourcePath(resource, apiVersion), resource, changeOptions, () => {
        if (changeOptions.flag === 'updated') throw new RangeError('Only practice_events report updated records; a resource\u2019s change log has added and deleted.');
        if (changeOptions.latestOnly === true) throw new RangeError('latestOnly is a practice_events option.');
        return { ...changeWindowQuery(window), flag: changeOptions.flag };
      });
    }

    return {
      officeId,
      pages: (resource, collectionOptions = {}) => collection(() => resourcePath(resource, apiVersion), resource, collectionOptions, () => ({})),
      async *changes(resource, window, changeOptions = {}) {
        for await (const page of changeLog(resource, window, changeOptions)) {
          const entries = readChanges(page.records);
          if (entries instanceof SikkaApiError) throw entries.with({ officeId });
          yield { ...page, records: entries };
        }
      },
      async record(resource, id, recordOptions = {}) {
        if (id === '') throw new RangeError('A record id is needed.');
        const signal = recordOptions.signal ?? neverAborted;
        const path = `${resourcePath(resource, apiVersion)}/${encodeURIComponent(id)}`;
        const answer = await call(path, { fields: fieldsParam(recordOptions.fields), expand: list(recordOptions.expand) }, resource, signal);
        const body = answer.body.kind === 'value' ? readCollection(answer.body.value) : undefined;
        if (body instanceof SikkaApiError) throw body.with({ officeId });
        const record = body?.records[0];
        if (record === undefined) throw new SikkaApiError({ code: 'API2005', httpStatus: answer.status, officeId });
        return record;
      },
      pausedBy: () => pauseOf(officeId),
    };
  }

  /** v4 reads every field unless told otherwise (v4 "API Field Filtering": `fields=get_all`). */
  function fieldsParam(fields: readonly string[] | undefined): string | undefined {
    return list(fields ?? (v4 ? ['get_all'] : undefined));
  }

  return {
    apiVersion,
    endpoints,
    format,
    authorizedPractices: (credentials, callOptions = {}) => appList(`${endpoints.authBaseUrl}/authorized_practices`, 'authorized_practices', credentials, callOptions, readAuthorizedPractice),
    async dataSyncStatus(credentials, callOptions = {}) {
      requireV4('dataSyncStatus');
      return appList(`${endpoints.apiBaseUrl}/data_sync_status`, 'data_sync_status', credentials, callOptions, readDataSyncStatus);
    },
    startSession: (credentials, callOptions) => startSession(credentials, callOptions),
    issueRequestKey: (credentials, callOptions) => issueRequestKey(credentials, callOptions),
    refreshRequestKey: (request, callOptions) => refreshRequestKey(request, callOptions),
    async requestKeyInfo(requestKey, callOptions = {}) {
      const exchange = v4
        ? appExchange('GET', endpoints.requestKeyInfoUrl, 'request_key_info', callOptions.signal, { headers: { 'request-key': requestKey } })
        : appExchange('GET', withQuery(endpoints.requestKeyInfoUrl, { request_key: requestKey }), 'request_key_info', callOptions.signal);
      const info = readRequestKeyInfo(valueOf(await send(exchange)), now());
      if (info instanceof SikkaApiError) throw info;
      return info;
    },
    async revokeRequestKey(requestKey, callOptions = {}) {
      requireV4('revokeRequestKey');
      await send({ ...appExchange('DELETE', endpoints.requestKeyUrl, 'request_key.revoke', callOptions.signal), headers: { 'request-key': requestKey }, successCodes: REVOKED });
    },
    async revokeRefreshKey(request, callOptions = {}) {
      requireV4('revokeRefreshKey');
      const headers = { 'refresh-key': request.refreshKey, 'app-id': request.appId, 'app-key': request.appKey };
      await send({ ...appExchange('DELETE', endpoints.refreshKeyUrl, 'refresh_key.revoke', callOptions.signal), headers, successCodes: REVOKED });
    },
    authorizationUrl: (authorizationOptions) => buildAuthorizationUrl(endpoints.authorizeUrl, authorizationOptions),
    exchangeCode(request, callOptions = {}) {
      const body: Record<string, string> = { grant_type: 'authorization_code', code: request.code, client_id: request.clientId, client_secret: request.clientSecret };
      if (request.redirectUri !== undefined) body['redirect_uri'] = request.redirectUri;
      return tokenCall(body, 'token.code', false, callOptions.signal);
    },
    refreshToken: (request, callOptions) => refreshToken(request, callOptions),
    async revokeRefreshToken(request, callOptions = {}) {
      const url = withQuery(`${endpoints.revokeUrl}/${encodeURIComponent(request.refreshToken)}`, { client_id: request.clientId, client_secret: request.clientSecret });
      await send({ ...appExchange('DELETE', url, 'token.revoke', callOptions.signal), successCodes: REVOKED });
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
    refreshKeySource(credentials, kept = {}) {
      requireV4('refreshKeySource');
      if (credentials.refreshKey === undefined && credentials.secretKey === undefined) throw new RangeError('A refresh key or the office\u2019s secret key is needed.');
      const { officeId, secretKey } = credentials;
      let refreshKey = credentials.refreshKey;
      const keep = (grant: KeyGrant): RequestKey => {
        if (grant.refreshKey !== undefined && grant.refreshKey !== refreshKey) {
          refreshKey = grant.refreshKey;
          kept.onRefreshKey?.(grant.refreshKey);
        }
        return plainKey(grant);
      };
      return {
        initialKey: kept.initialKey,
        onKeyIssued: kept.onKeyIssued,
        async issue(signal) {
          if (refreshKey !== undefined) {
            try {
              return keep(await refreshRequestKey({ appId: credentials.appId, appKey: credentials.appKey, refreshKey, officeId }, { signal }));
            } catch (error) {
              if (!(error instanceof SikkaApiError) || !REFRESH_KEY_REFUSED.has(error.code) || secretKey === undefined) throw error;
              logger.warn('sikka.refresh_key_refused', { officeId, errorCode: error.code });
              refreshKey = undefined;
            }
          }
          if (secretKey === undefined) throw new SikkaApiError({ code: 'API1005', officeId });
          return keep(await issueRequestKey({ appId: credentials.appId, appKey: credentials.appKey, officeId, secretKey }, { signal }));
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

/**
 * A collection's path in the version's URLs. The sync names collections as v2 does; v4 serves
 * the pets of a veterinary office at `/v4/veterinary_patients` (v4 collection), not under patients.
 */
function resourcePath(resource: string, apiVersion: SikkaApiVersion): string {
  if (!/^[a-z][a-z0-9_]*(\/[a-z][a-z0-9_]*)*$/i.test(resource)) throw new RangeError(`Not a Sikka collection name: ${resource}`);
  return apiVersion === 'v4' && resource.toLowerCase() === 'patients/veterinary_patients' ? 'veterinary_patients' : resource;
}

/** The API name practice_events knows a collection by ("Events name must match with API name"). */
function apiName(resource: string, apiVersion: SikkaApiVersion): string {
  const path = resourcePath(resource, apiVersion);
  return path.slice(path.lastIndexOf('/') + 1);
}

function plainKey(key: RequestKey): RequestKey {
  return { requestKey: key.requestKey, expiresAt: key.expiresAt };
}

function checkedParams(params: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (RESERVED_PARAMS.has(name.toLowerCase())) throw new RangeError(`The parameter ${name} is set by its own option.`);
    checked[name] = value;
  }
  return checked;
}

function pageSize(limit: number | undefined, largest: number): number {
  if (limit === undefined) return largest;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`The page size must be a whole number from 1 to ${largest}.`);
  return Math.min(limit, largest);
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
