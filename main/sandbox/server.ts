import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { SikkaRecord } from '../../shared/domain/records';
import { SIKKA_ERRORS, type SikkaErrorCode } from '../../shared/sikka/errorCodes';
import { formatLocal, parseLocal } from '../../shared/time/officeZone';
import { silentLogger, type Logger } from '../log/logger';
import { Credentials, type RequestKey } from './credentials';
import { createFaults, takeOne } from './faults';
import type { Rec } from './generator';
import type { ChangeEntry, LiveCollection } from './liveCollection';
import { SandboxOffice } from './office';
import { practiceEvents, type EventFlag } from './practiceEvents';
import { mixKey, Rng } from './random';
import { matchRoute, type Format, type Route } from './routes';
import { collectionJson, collectionJsonV4, collectionXml, paginationLinks, parseShaping, shapeRecord, toXml, type Envelope, type ExpandResolver } from './serialize';
import type { Sandbox, SandboxApiVersion, SandboxChange, SandboxChangeSummary, SandboxFaults, SandboxOfficeSpec, SandboxRequest } from './types';
import { parseV4Fields, selectV4Fields, toV4Record } from './v4Records';

const gzip = promisify(zlib.gzip);

/** Page sizes: v2 "0 to 4999, default 500"; v4 "between 0 and 5000 … 50 results by default". */
const LIMITS: Readonly<Record<SandboxApiVersion, { readonly max: number; readonly default: number }>> = {
  v2: { max: 4999, default: 500 },
  v4: { max: 5000, default: 50 },
};
/** What a v4 key may call, listed as v4's key answers list it. */
const V4_SCOPE = 'authorized_practices,appointments,guarantors,patients,practice_events,practice_schedule,practices,providers,request_key_info,transactions,veterinary_patients';
/** The collections practice_events reports on (`events=`), as the sandbox has them. */
const EVENT_RESOURCES = new Set(['patients', 'veterinary_patients', 'appointments', 'guarantors', 'providers', 'practices', 'transactions']);
const MAX_BODY_BYTES = 64 * 1024;
const MAX_LOGGED_REQUESTS = 50_000;
/** Query parameters that filter a collection by equality (the targets of the records' own links). */
const FILTERS = ['patient_id', 'guarantor_id', 'provider_id'] as const;

const HTML_502 = '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

interface DailyUsage {
  day: string;
  requests: number;
  bytes: number;
}

/** One request on its way through: what is known about it and the headers it will answer with. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  /** The path as logged: without the query, and without a refresh token in it. */
  path: string;
  readonly query: URLSearchParams;
  readonly at: number;
  readonly gzip: boolean;
  readonly headers: Record<string, string>;
  format: Format;
  /** Which API the path named; v2 for anything outside /v4. */
  version: SandboxApiVersion;
  /** performance.now() on arrival, for v4's execution_time. */
  readonly started: number;
  officeId: string | undefined;
  resource: string | undefined;
  /** A data call: its 200 answers are the ones the truncate/malformed faults hit. */
  dataCall: boolean;
  usage: DailyUsage | undefined;
}

export interface SandboxServerOptions {
  readonly seed: number;
  readonly appId: string;
  readonly appKey: string;
  readonly specs: readonly SandboxOfficeSpec[];
  readonly now: () => number;
  readonly logger: Logger | undefined;
  readonly registeredCallback: string | undefined;
}

/** The Sikka simulator behind `startSandbox`: node:http on 127.0.0.1, v2 semantics. */
export class SandboxServer implements Sandbox {
  private readonly switches = createFaults();
  readonly faults: SandboxFaults = this.switches.faults;
  readonly appId: string;
  readonly appKey: string;
  readonly offices: readonly SandboxOfficeSpec[];
  private readonly log: SandboxRequest[] = [];
  private readonly officeById = new Map<string, SandboxOffice>();
  private readonly credentials: Credentials;
  private readonly usage = new Map<string, DailyUsage>();
  private readonly faultRng: Rng;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly server: http.Server;
  private rateWindow = { start: 0, count: 0 };
  private url = '';

  private constructor(private readonly options: SandboxServerOptions) {
    this.appId = options.appId;
    this.appKey = options.appKey;
    this.offices = options.specs.map((spec) => ({ ...spec }));
    this.now = options.now;
    this.logger = options.logger ?? silentLogger;
    this.credentials = new Credentials(options.now);
    this.faultRng = new Rng(mixKey(options.seed, 0x6661756c));
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error('sandbox.handler_failed', { error: error instanceof Error ? error.name : 'unknown' });
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(errorBody('API2001')));
        else res.destroy();
      });
    });
    this.server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      socket.end(tooLarge ? 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n' : 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    });
  }

  static async start(options: SandboxServerOptions, port: number): Promise<SandboxServer> {
    const ids = new Set<string>();
    for (const spec of options.specs) {
      if (ids.has(spec.officeId)) throw new Error(`Duplicate sandbox office id ${spec.officeId}`);
      ids.add(spec.officeId);
    }
    const sandbox = new SandboxServer(options);
    await new Promise<void>((resolve, reject) => {
      sandbox.server.once('error', reject);
      sandbox.server.listen(port, '127.0.0.1', () => {
        sandbox.server.off('error', reject);
        resolve();
      });
    });
    const address = sandbox.server.address() as AddressInfo;
    sandbox.url = `http://127.0.0.1:${address.port}`;
    const startMs = options.now();
    try {
      for (const spec of sandbox.offices) sandbox.officeById.set(spec.officeId, new SandboxOffice(spec, options.seed, sandbox.url, startMs));
    } catch (error) {
      await sandbox.close();
      throw error;
    }
    return sandbox;
  }

  get baseUrl(): string {
    return this.url;
  }

  get requests(): readonly SandboxRequest[] {
    return this.log;
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  mutate(officeId: string, change: SandboxChange): SandboxChangeSummary {
    return this.office(officeId).mutate(change, this.now());
  }

  records(officeId: string, resource: string, apiVersion: SandboxApiVersion = 'v2'): Iterable<SikkaRecord> {
    const records = this.collectionOf(officeId, resource).all();
    return apiVersion === 'v2' ? records : mapped(records, (record) => toV4Record(record, this.url));
  }

  count(officeId: string, resource: string): number {
    return this.collectionOf(officeId, resource).count;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeAllConnections();
    });
  }

  private office(officeId: string): SandboxOffice {
    const office = this.officeById.get(officeId);
    if (office === undefined) throw new RangeError(`No sandbox office ${officeId}`);
    return office;
  }

  private collectionOf(officeId: string, resource: string): LiveCollection {
    const collection = this.office(officeId).collection(resource);
    if (collection === undefined) throw new RangeError(`No sandbox resource ${resource}`);
    return collection;
  }

  // ---- request pipeline --------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = splitTarget(req.url ?? '/');
    const ex: Exchange = {
      req,
      res,
      method: req.method ?? 'GET',
      path: target?.path ?? '/',
      query: target?.query ?? new URLSearchParams(),
      at: this.now(),
      gzip: acceptsGzip(req.headers['accept-encoding']),
      headers: {},
      format: 'json',
      version: 'v2',
      started: performance.now(),
      officeId: undefined,
      resource: undefined,
      dataCall: false,
      usage: undefined,
    };
    req.on('error', () => undefined);

    if (takeOne(this.faults, 'resetNext')) {
      this.record(ex, 0);
      req.socket.destroy();
      return;
    }
    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
    if (takeOne(this.faults, 'htmlErrorNext')) {
      await this.finish(ex, 502, HTML_502, 'text/html; charset=utf-8');
      return;
    }
    if (target === undefined) {
      await this.fail(ex, 'API1026');
      return;
    }
    const match = matchRoute(ex.method, ex.path);
    ex.format = match.format;
    ex.version = match.version;
    if (this.faults.rateLimit !== null && this.overRateLimit(ex, this.faults.rateLimit)) {
      await this.finish(ex, 429, this.encode(ex, { http_code: '429', http_code_desc: 'Too Many Requests', short_message: 'Rate limit exceeded', long_message: 'Too many requests in this window. Slow down.', more_information: '' }), this.contentType(ex));
      return;
    }
    if (this.faults.serviceUnavailableRate > 0 && this.faultRng.float() < this.faults.serviceUnavailableRate) {
      await this.fail(ex, 'API2002');
      return;
    }
    const forced = this.faults.forceErrorNext;
    if (forced !== null && forced.count > 0) {
      forced.count--;
      if (forced.count <= 0) this.faults.forceErrorNext = null;
      await this.fail(ex, forced.code);
      return;
    }
    if (!match.ok) {
      await this.fail(ex, match.error);
      return;
    }
    await this.dispatch(ex, match.route);
  }

  private async dispatch(ex: Exchange, route: Route): Promise<void> {
    switch (route.kind) {
      case 'authorizedPractices':
        return this.authorizedPractices(ex, route.officeId);
      case 'start':
        return this.start(ex);
      case 'requestKeyInfo':
        return this.requestKeyInfo(ex);
      case 'authorize':
        return this.authorize(ex);
      case 'token':
        return this.token(ex);
      case 'revoke':
        ex.path = '/v2/refresh_token/[redacted]';
        return this.revoke(ex, route.token);
      case 'requestKey':
        return this.requestKeyGrant(ex);
      case 'revokeRequestKey':
        return this.revokeRequestKey(ex);
      case 'revokeRefreshKey':
        return this.revokeRefreshKey(ex);
      case 'practiceEvents':
        return this.practiceEvents(ex);
      case 'dataSyncStatus':
        return this.dataSyncStatus(ex);
      case 'data':
        ex.resource = route.resource;
        return this.data(ex, route.resource, route.id, route.practiceId);
    }
  }

  /** A fixed window on the injected clock; every response carries where the caller stands. */
  private overRateLimit(ex: Exchange, limit: { limit: number; windowSeconds: number }): boolean {
    const windowMs = Math.max(1, limit.windowSeconds) * 1000;
    if (ex.at >= this.rateWindow.start + windowMs || ex.at < this.rateWindow.start) this.rateWindow = { start: ex.at, count: 0 };
    this.rateWindow.count++;
    const reset = Math.max(0, Math.ceil((this.rateWindow.start + windowMs - ex.at) / 1000));
    ex.headers['X-Rate-Limit-Limit'] = String(limit.limit);
    ex.headers['X-Rate-Limit-Remaining'] = String(Math.max(0, limit.limit - this.rateWindow.count));
    ex.headers['X-Rate-Limit-Reset'] = String(reset);
    if (this.rateWindow.count <= limit.limit) return false;
    // v4's documented 429 carries only the X-Rate-Limit-* headers (v4 "Rate Limiting").
    if (ex.version === 'v2') ex.headers['Retry-After'] = String(Math.max(1, reset));
    return true;
  }

  // ---- auth routes --------------------------------------------------------------------------------

  private param(ex: Exchange, name: string, header?: string): string | undefined {
    const value = ex.query.get(name) ?? (header === undefined ? undefined : headerValue(ex.req, header));
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** A request header's trimmed value, if any. */
  private header(ex: Exchange, name: string): string | undefined {
    const value = headerValue(ex.req, name);
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  /** v2 takes the key in the query (or the header); v4 only in the `Request-Key` header, a key in its URL counts as none. */
  private requestKeyOf(ex: Exchange): string | undefined {
    return ex.version === 'v4' ? this.header(ex, 'request-key') : this.param(ex, 'request_key', 'request-key');
  }

  /** Checks app_id/app_key; answers the error and returns false when they are missing or wrong. */
  private async checkApp(ex: Exchange, appId: string | undefined, appKey: string | undefined): Promise<boolean> {
    if (appId === undefined) await this.fail(ex, 'API1001');
    else if (appKey === undefined) await this.fail(ex, 'API1002');
    else if (appId !== this.appId || appKey !== this.appKey) await this.fail(ex, 'API2003');
    else return true;
    return false;
  }

  private async authorizedPractices(ex: Exchange, officeId: string | undefined): Promise<void> {
    // v4 takes the app's credentials as App-Id/App-Key headers (v4 Quickstart).
    const app = ex.version === 'v4'
      ? { id: this.header(ex, 'app-id'), key: this.header(ex, 'app-key') }
      : { id: this.param(ex, 'app_id', 'app-id'), key: this.param(ex, 'app_key', 'app-key') };
    if (!(await this.checkApp(ex, app.id, app.key))) return;
    const listing = (office: SandboxOffice): Rec => {
      const record = office.authorizedPractice(this.url, !this.faults.dataNotUploaded.has(office.officeId), ex.at);
      return ex.version === 'v4' ? toV4Record(record, this.url) : record;
    };
    if (officeId !== undefined) {
      const office = this.officeById.get(officeId);
      if (office === undefined) return this.fail(ex, 'API2009');
      ex.officeId = officeId;
      return this.answer(ex, listing(office));
    }
    const items = [...this.officeById.values()].map(listing);
    if (ex.version === 'v2') return this.answer(ex, [{ total_count: String(items.length), items }]);
    return this.answerList(ex, items);
  }

  /** A short list (offices, not records) as the page the query asks for. */
  private async answerList(ex: Exchange, items: readonly Rec[]): Promise<void> {
    const paging = this.paging(ex);
    if (paging === undefined) return this.fail(ex, 'API1026');
    const page = items.slice(paging.offset * paging.limit, paging.offset * paging.limit + paging.limit);
    return this.answerPage(ex, { totalCount: items.length, ...paging }, page.length, page);
  }

  /** v4's word on each office's link to its practice system, with the app's credentials as headers like authorized_practices. */
  private async dataSyncStatus(ex: Exchange): Promise<void> {
    if (!(await this.checkApp(ex, this.header(ex, 'app-id'), this.header(ex, 'app-key')))) return;
    const officeId = this.param(ex, 'office_id');
    const items = [...this.officeById.values()]
      .filter((office) => officeId === undefined || office.officeId === officeId)
      .map((office) => office.dataSyncStatus(!this.faults.dataNotUploaded.has(office.officeId), !this.faults.spcNotRefreshing.has(office.officeId)));
    return this.answerList(ex, items);
  }

  private async start(ex: Exchange): Promise<void> {
    if (!(await this.checkApp(ex, this.param(ex, 'app_id'), this.param(ex, 'app_key')))) return;
    const officeId = this.param(ex, 'office_id');
    const secretKey = this.param(ex, 'secret_key');
    if (officeId === undefined) return this.fail(ex, 'API1020');
    if (secretKey === undefined) return this.fail(ex, 'API1005');
    const office = this.officeById.get(officeId);
    if (office === undefined || office.spec.secretKey !== secretKey) return this.fail(ex, 'API2003');
    ex.officeId = officeId;
    if (this.faults.notAuthorized.has(officeId)) return this.fail(ex, 'API2007');
    const key = this.credentials.startKey(officeId);
    return this.answer(ex, [{
      request_key: key.key,
      scope: this.scope(),
      token_type: 'request_key',
      issued_to: officeId,
      start_time: office.clock.format(key.issuedAt),
      end_time: office.clock.format(key.expiresAt),
      expires_in: String(Math.max(0, Math.floor((key.expiresAt - ex.at) / 1000))),
    }]);
  }

  private async requestKeyInfo(ex: Exchange): Promise<void> {
    const text = this.requestKeyOf(ex);
    if (text === undefined) return this.fail(ex, 'API1004');
    const key = this.credentials.find(text);
    if (key === undefined) return this.fail(ex, 'API2003');
    const office = this.office(key.officeId);
    ex.officeId = key.officeId;
    const status = key.revoked ? 'revoked' : this.credentials.isUsable(key) ? 'active' : 'expired';
    const seconds = status === 'active' ? Math.floor((key.expiresAt - ex.at) / 1000) : 0;
    return this.answer(ex, {
      href: `${this.url}/${ex.version}/request_key_info`,
      request_key: key.key,
      status,
      issued_to: key.officeId,
      start_time: ex.version === 'v4' ? formatLocal(office.clock.parts(key.issuedAt), 'T') : office.clock.format(key.issuedAt),
      end_time: ex.version === 'v4' ? formatLocal(office.clock.parts(key.expiresAt), 'T') : office.clock.format(key.expiresAt),
      expires_in: `${seconds} second(s)`,
      request_count: String(key.calls),
      scope: ex.version === 'v4' ? V4_SCOPE : this.scope(),
      domain: office.spec.domain,
    });
  }

  /**
   * `POST /v4/request_key` (v4 "Generate request_key"): the request_key grant (office_id +
   * secret_key) hands out the office's current key while it is usable, as `start` does; the
   * refresh_key grant issues a new key through the office's refresh key. Both answer the office's
   * live refresh key, which stays the same until deleted.
   */
  private async requestKeyGrant(ex: Exchange): Promise<void> {
    const body = await readForm(ex.req);
    if (body === 'too large') ex.headers['Connection'] = 'close';
    if (body === undefined || body === 'too large') return this.fail(ex, 'API1026');
    const grant = body.get('grant_type');
    if (grant === undefined) return this.fail(ex, 'API1020');
    if (grant !== 'request_key' && grant !== 'refresh_key') return this.fail(ex, 'API1026');
    if (!(await this.checkApp(ex, body.get('app_id'), body.get('app_key')))) return;
    let key: RequestKey;
    let refreshKey: string;
    if (grant === 'request_key') {
      const officeId = body.get('office_id');
      const secretKey = body.get('secret_key');
      if (officeId === undefined) return this.fail(ex, 'API1020');
      if (secretKey === undefined) return this.fail(ex, 'API1005');
      const office = this.officeById.get(officeId);
      if (office === undefined || office.spec.secretKey !== secretKey) return this.fail(ex, 'API2003');
      ex.officeId = officeId;
      if (this.faults.notAuthorized.has(officeId)) return this.fail(ex, 'API2007');
      key = this.credentials.startKey(officeId);
      refreshKey = this.credentials.refreshKeyFor(officeId);
    } else {
      const given = body.get('refresh_key');
      if (given === undefined) return this.fail(ex, 'API1020');
      const entry = this.credentials.refreshKey(given);
      if (entry === undefined) return this.fail(ex, 'API2003');
      ex.officeId = entry.officeId;
      if (this.faults.notAuthorized.has(entry.officeId)) return this.fail(ex, 'API2007');
      key = this.credentials.issue(entry.officeId, given);
      refreshKey = given;
    }
    const office = this.office(key.officeId);
    return this.answer(ex, {
      href: `${this.url}/v4/request_key_info?request_key=${key.key}`,
      request_key: key.key,
      start_time: formatLocal(office.clock.parts(key.issuedAt), 'T'),
      end_time: formatLocal(office.clock.parts(key.expiresAt), 'T'),
      expires_in: `${Math.max(0, Math.floor((key.expiresAt - ex.at) / 1000))} second(s)`,
      issued_to: key.officeId,
      status: 'active',
      request_count: String(key.calls),
      scope: V4_SCOPE,
      domain: office.spec.domain,
      refresh_key: refreshKey,
    });
  }

  /** `DELETE /v4/request_key` with the key in the Request-Key header. */
  private async revokeRequestKey(ex: Exchange): Promise<void> {
    const text = this.requestKeyOf(ex);
    if (text === undefined) return this.fail(ex, 'API1004');
    const key = this.credentials.find(text);
    if (key === undefined || !this.credentials.revokeKey(text)) return this.fail(ex, 'API2003');
    ex.officeId = key.officeId;
    return this.answer(ex, errorBody('API0002'));
  }

  /** `DELETE /v4/refresh_key` with Refresh-Key, App-Id and App-Key headers; the keys issued through it end too. */
  private async revokeRefreshKey(ex: Exchange): Promise<void> {
    if (!(await this.checkApp(ex, this.header(ex, 'app-id'), this.header(ex, 'app-key')))) return;
    const refreshKey = this.header(ex, 'refresh-key');
    if (refreshKey === undefined) return this.fail(ex, 'API1020');
    const entry = this.credentials.refreshKey(refreshKey);
    if (entry === undefined || !this.credentials.revokeRefreshKey(refreshKey)) return this.fail(ex, 'API2003');
    ex.officeId = entry.officeId;
    return this.answer(ex, errorBody('API0002'));
  }

  private scope(): string {
    return `${this.url}/v2/`;
  }

  /** A loopback redirect (any port, as for native apps) or one under the registered callback. */
  private redirectAllowed(uri: string): boolean {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.port !== '') return true;
    const registered = this.options.registeredCallback;
    if (registered === undefined) return false;
    const callback = new URL(registered);
    return url.host === callback.host && url.protocol === callback.protocol && (url.pathname === callback.pathname || url.pathname.startsWith(callback.pathname.endsWith('/') ? callback.pathname : `${callback.pathname}/`));
  }

  /** The consent page, which allows at once (or denies with deny=1) and redirects back. */
  private async authorize(ex: Exchange): Promise<void> {
    const clientId = this.param(ex, 'client_id');
    if (clientId === undefined) return this.fail(ex, 'API1001');
    if (this.param(ex, 'response_type') !== 'code') return this.fail(ex, 'API1026');
    if (this.param(ex, 'scope') === undefined) return this.fail(ex, 'API1020');
    if (clientId !== this.appId) return this.fail(ex, 'API2003');
    const given = this.param(ex, 'redirect_uri');
    const redirect = given ?? this.options.registeredCallback;
    if (redirect === undefined) return this.fail(ex, 'API1020');
    if (!this.redirectAllowed(redirect)) return this.fail(ex, 'API1026');
    const officeId = this.param(ex, 'office_id') ?? this.offices[0]?.officeId;
    if (officeId === undefined || !this.officeById.has(officeId)) return this.fail(ex, 'API1026');
    ex.officeId = officeId;
    const location = new URL(redirect);
    if (ex.query.get('deny') === '1') location.searchParams.set('error', 'access_denied');
    else location.searchParams.set('code', this.credentials.newCode(officeId, clientId, given));
    const state = ex.query.get('state');
    if (state !== null) location.searchParams.set('state', state);
    ex.headers['Location'] = location.toString();
    return this.finish(ex, 302, null, this.contentType(ex));
  }

  private async token(ex: Exchange): Promise<void> {
    const body = await readForm(ex.req);
    if (body === 'too large') ex.headers['Connection'] = 'close';
    if (body === undefined || body === 'too large') return this.fail(ex, 'API1026');
    const clientId = body.get('client_id');
    const clientSecret = body.get('client_secret');
    if (!(await this.checkApp(ex, clientId, clientSecret))) return;
    const grant = body.get('grant_type');
    if (grant === undefined) return this.fail(ex, 'API1020');
    let officeId: string;
    let refreshToken: string;
    if (grant === 'authorization_code') {
      const code = body.get('code');
      if (code === undefined) return this.fail(ex, 'API1020');
      const entry = this.credentials.redeemCode(code, clientId ?? '');
      if (entry === undefined) return this.fail(ex, 'API2003');
      if (entry.redirectUri !== undefined && body.get('redirect_uri') !== entry.redirectUri) return this.fail(ex, 'API1026');
      officeId = entry.officeId;
      refreshToken = this.credentials.newRefreshToken(officeId);
    } else if (grant === 'refresh_token') {
      const token = body.get('refresh_token');
      if (token === undefined) return this.fail(ex, 'API1020');
      const entry = this.credentials.refreshToken(token);
      if (entry === undefined) return this.fail(ex, 'API2003');
      officeId = entry.officeId;
      refreshToken = token;
    } else {
      return this.fail(ex, 'API1026');
    }
    ex.officeId = officeId;
    if (this.faults.notAuthorized.has(officeId)) return this.fail(ex, 'API2007');
    const key = this.credentials.issue(officeId, refreshToken);
    return this.answer(ex, {
      scope: this.scope(),
      access_token: key.key,
      request_key: key.key,
      token_type: 'Bearer',
      expires_in: '86400',
      refresh_token: refreshToken,
      issued_to: officeId,
    });
  }

  private async revoke(ex: Exchange, token: string): Promise<void> {
    if (!(await this.checkApp(ex, this.param(ex, 'client_id'), this.param(ex, 'client_secret')))) return;
    if (!this.credentials.revoke(token)) return this.fail(ex, 'API2003');
    return this.answer(ex, errorBody('API0003'));
  }

  // ---- data routes --------------------------------------------------------------------------------

  /** Key, permission and quota checks every data call passes; the key when all pass. */
  private async admitDataCall(ex: Exchange): Promise<{ key: RequestKey; office: SandboxOffice } | undefined> {
    ex.dataCall = true;
    const refuse = async (code: SikkaErrorCode, office?: SandboxOffice): Promise<undefined> => {
      if (office === undefined) await this.fail(ex, code);
      else await this.failUntilMidnight(ex, office, code);
      return undefined;
    };
    const text = this.requestKeyOf(ex);
    if (text === undefined) return refuse('API1004');
    const key = this.credentials.find(text);
    if (key === undefined || key.revoked) return refuse('API2003');
    ex.officeId = key.officeId;
    const office = this.office(key.officeId);
    const epoch = this.switches.expirySwitchEpoch();
    if (key.switchEpoch !== epoch) {
      key.switchEpoch = epoch;
      key.callsSinceSwitch = 0;
    }
    const limit = this.faults.expireKeysAfterCalls;
    if (limit !== null && key.callsSinceSwitch >= limit) key.expiredEarly = true;
    if (!this.credentials.isUsable(key)) return refuse('API1025');
    key.calls++;
    key.callsSinceSwitch++;
    ex.headers['Request-Key-Expires'] = new Date(key.expiresAt).toUTCString();
    if (this.faults.notAuthorized.has(office.officeId)) return refuse('API2007');
    if (this.faults.dataNotUploaded.has(office.officeId)) return refuse('API2010');
    const usage = this.dailyUsage(office, ex.at);
    const requestQuota = this.faults.requestQuotaPerDay;
    if (requestQuota !== null && usage.requests >= requestQuota) return refuse('API2012', office);
    usage.requests++;
    const dataQuota = this.faults.dataQuotaBytesPerDay;
    if (dataQuota !== null && usage.bytes >= dataQuota) return refuse('API2011', office);
    ex.usage = usage;
    if (ex.version === 'v4') {
      // v4 "Response Header": Data-Insert says whether SPC is still inserting; the data is served all the same.
      const inserting = this.faults.dataInserting.has(office.officeId) || takeOne(this.faults, 'dataInsertNext');
      ex.headers['Data-Insert'] = inserting ? 'in progress' : 'completed';
    }
    return { key, office };
  }

  private dailyUsage(office: SandboxOffice, at: number): DailyUsage {
    const p = office.clock.parts(at);
    const day = `${p.year}-${p.month}-${p.day}`;
    let usage = this.usage.get(office.officeId);
    if (usage?.day !== day) {
      usage = { day, requests: 0, bytes: 0 };
      this.usage.set(office.officeId, usage);
    }
    return usage;
  }

  /** Daily limits reset at the office's midnight. */
  private async failUntilMidnight(ex: Exchange, office: SandboxOffice, code: SikkaErrorCode): Promise<void> {
    const p = office.clock.parts(ex.at);
    const tomorrow = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
    const midnight = office.clock.toInstant({ year: tomorrow.getUTCFullYear(), month: tomorrow.getUTCMonth() + 1, day: tomorrow.getUTCDate(), hour: 0, minute: 0, second: 0 });
    ex.headers['Retry-After'] = String(Math.max(1, Math.ceil((midnight - ex.at) / 1000)));
    return this.fail(ex, code);
  }

  private async data(ex: Exchange, resource: string, id: string | undefined, practiceId: string | undefined): Promise<void> {
    const admitted = await this.admitDataCall(ex);
    if (admitted === undefined) return;
    const { office } = admitted;
    if (practiceId !== undefined && practiceId !== office.generator.practiceId) return this.fail(ex, 'API2009');
    const collection = office.collection(resource);
    if (collection === undefined) return this.fail(ex, 'API2009');
    const select = this.selection(ex, office, resource, collection.idField);
    const shape = (record: Rec): Rec => select(this.present(ex, record));

    if (id !== undefined) {
      const record = collection.byId(id);
      if (record === undefined) return this.fail(ex, 'API2009');
      return this.answer(ex, shape(record));
    }

    const paging = this.paging(ex);
    if (paging === undefined) return this.fail(ex, 'API1026');
    const { limit, offset } = paging;
    const filter = recordFilter(ex.query);

    const window = this.loadedWindow(ex, office);
    if (window === 'invalid') return this.fail(ex, 'API1026');
    if (window !== undefined) {
      const flagText = this.param(ex, 'flag')?.toLowerCase();
      if (flagText !== undefined && flagText !== 'added' && flagText !== 'deleted') return this.fail(ex, 'API1026');
      const flag = flagText === undefined ? undefined : flagText === 'added' ? 'Added' : 'Deleted';
      const entries = collection.changesBetween(window.from, window.to, flag).filter((entry) => filter === undefined || filter(entry.record));
      const page = entries.slice(offset * limit, offset * limit + limit);
      return this.answerPage(ex, { totalCount: entries.length, limit, offset }, page.length, mapped(page, (entry: ChangeEntry) => ({ ...shape(entry.record), flag: entry.flag })));
    }

    if (filter !== undefined) {
      const page: Rec[] = [];
      let total = 0;
      for (const record of collection.all()) {
        if (!filter(record)) continue;
        if (total >= offset * limit && page.length < limit) page.push(record);
        total++;
      }
      return this.answerPage(ex, { totalCount: total, limit, offset }, page.length, mapped(page, shape));
    }

    const total = collection.count;
    const start = offset * limit;
    const size = Math.max(0, Math.min(limit, total - start));
    return this.answerPage(ex, { totalCount: total, limit, offset }, size, mapped(size > 0 ? collection.slice(start, limit) : [], shape));
  }

  /**
   * `practice_events?events=<api>` (v4 "Modified Records"; the v2 guide names it too): a
   * collection's changes in the window (all of them without one), paginated like any collection.
   */
  private async practiceEvents(ex: Exchange): Promise<void> {
    const admitted = await this.admitDataCall(ex);
    if (admitted === undefined) return;
    const { office } = admitted;
    const events = this.param(ex, 'events')?.toLowerCase();
    if (events === undefined) return this.fail(ex, 'API1020');
    const collection = EVENT_RESOURCES.has(events) ? office.collection(events) : undefined;
    if (collection === undefined) return this.fail(ex, 'API1026');
    ex.resource = events;
    const paging = this.paging(ex);
    const window = this.loadedWindow(ex, office);
    const flag = this.param(ex, 'flag')?.toLowerCase();
    const status = this.param(ex, 'status')?.toLowerCase();
    if (paging === undefined || window === 'invalid' || (flag !== undefined && !isEventFlag(flag)) || (status !== undefined && status !== 'current')) return this.fail(ex, 'API1026');
    const entries = collection.changesBetween(window?.from ?? -Infinity, window?.to ?? Infinity, undefined);
    const list = practiceEvents(entries, { present: (record) => this.present(ex, record), idField: collection.idField, flag, latestOnly: status === 'current' });
    const { limit, offset } = paging;
    const page = list.slice(offset * limit, offset * limit + limit);
    const select = this.selection(ex, office, events, collection.idField);
    const items = page.map((event) => ({ ...select(event.record), loadeddate: formatLocal(office.clock.parts(event.at), 'T'), flag: event.flag, changes: event.changes }));
    return this.answerPage(ex, { totalCount: list.length, limit, offset }, items.length, items);
  }

  /** A record in the shape of the version asked, every field kept. */
  private present(ex: Exchange, record: Rec): Rec {
    return ex.version === 'v4' ? toV4Record(record, this.url) : record;
  }

  /** The fields (and, in v2, the expansions) the request asked for, applied to a presented record. */
  private selection(ex: Exchange, office: SandboxOffice, resource: string, idField: string): (record: Rec) => Rec {
    if (ex.version === 'v4') {
      const fields = parseV4Fields(ex.query.get('fields'));
      return (record) => selectV4Fields(record, resource, fields);
    }
    const shaping = parseShaping(ex.query.get('fields'), ex.query.get('expand'));
    const resolve = expandResolver(office);
    return (record) => shapeRecord(record, idField, shaping, resolve);
  }

  /** offset (a page index) and limit, within the version's bounds. */
  private paging(ex: Exchange): { limit: number; offset: number } | undefined {
    const bounds = LIMITS[ex.version];
    const limit = parseCount(ex.query.get('limit'), bounds.default);
    const offset = parseCount(ex.query.get('offset'), 0);
    if (limit === undefined || limit > bounds.max || offset === undefined) return undefined;
    return { limit, offset };
  }

  /** loaded_startdate/loaded_enddate (office local time) or interval (minutes) turn a call into a change-log query. */
  private loadedWindow(ex: Exchange, office: SandboxOffice): { from: number; to: number } | 'invalid' | undefined {
    const start = this.param(ex, 'loaded_startdate');
    const end = this.param(ex, 'loaded_enddate');
    const interval = this.param(ex, 'interval');
    if (start === undefined && end === undefined && interval === undefined) return undefined;
    // "If interval parameter is passed then loaded_startdate and loaded_enddate parameters will not be captured" (v4).
    if (interval !== undefined && (ex.version === 'v4' || (start === undefined && end === undefined))) {
      const minutes = /^\d{1,4}$/.test(interval) ? Number(interval) : NaN;
      if (!(minutes >= 1 && minutes <= 1440)) return 'invalid';
      return { from: ex.at - minutes * 60_000, to: ex.at };
    }
    const from = start === undefined ? undefined : parseLocal(start);
    const to = end === undefined ? undefined : parseLocal(end, { asEnd: true });
    if ((start !== undefined && from === undefined) || (end !== undefined && to === undefined)) return 'invalid';
    return {
      from: from === undefined ? -Infinity : office.clock.toInstant(from),
      // The end second is whole: an entry at 11:52:00.500 is "at 11:52:00".
      to: to === undefined ? Infinity : office.clock.toInstant(to) + 999,
    };
  }

  /** A page of a collection in the version's envelope; records are generated as they are written, and an empty page is 204. */
  private async answerPage(ex: Exchange, envelope: Envelope, size: number, items: Iterable<object>): Promise<void> {
    if (size === 0) return this.finish(ex, 204, null, this.contentType(ex));
    let body: Buffer;
    if (ex.format === 'xml') body = collectionXml(envelope, items);
    else if (ex.version === 'v4') body = collectionJsonV4(envelope, paginationLinks(`${this.url}${ex.path}`, envelope), performance.now() - ex.started, items);
    else body = collectionJson(envelope, items);
    return this.finish(ex, 200, body, this.contentType(ex));
  }

  // ---- responses ----------------------------------------------------------------------------------

  private contentType(ex: Exchange): string {
    return ex.format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';
  }

  private encode(ex: Exchange, body: unknown): string {
    return ex.format === 'xml' ? toXml(body) : JSON.stringify(body);
  }

  private answer(ex: Exchange, body: unknown): Promise<void> {
    return this.finish(ex, 200, this.encode(ex, body), this.contentType(ex));
  }

  private fail(ex: Exchange, code: SikkaErrorCode): Promise<void> {
    const info = SIKKA_ERRORS[code];
    if (info.httpStatus === 204) return this.finish(ex, 204, null, this.contentType(ex));
    return this.finish(ex, info.httpStatus, this.encode(ex, errorBody(code)), this.contentType(ex));
  }

  private async finish(ex: Exchange, status: number, text: string | Buffer | null, contentType: string): Promise<void> {
    const { res } = ex;
    const headers: Record<string, string> = { ...ex.headers };
    if (text === null) {
      res.writeHead(status, headers).end();
      this.record(ex, status);
      return;
    }
    const hitsData = ex.dataCall && status === 200;
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    let payload = hitsData && takeOne(this.faults, 'malformedNext') ? corrupt(bytes, ex.format) : bytes;
    if (ex.gzip) {
      payload = await gzip(payload, { level: 1 });
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = String(payload.length);
    headers['Vary'] = 'Accept-Encoding';
    if (ex.usage !== undefined) ex.usage.bytes += payload.length;
    this.record(ex, status);
    if (hitsData && takeOne(this.faults, 'truncateNext')) {
      // Headers promise the whole body; the connection dies halfway through it.
      res.writeHead(status, headers);
      res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => {
        res.destroy();
      });
      return;
    }
    res.writeHead(status, headers).end(payload);
  }

  private record(ex: Exchange, status: number): void {
    const entry: SandboxRequest = {
      method: ex.method,
      path: ex.path,
      status,
      at: ex.at,
      ...(ex.officeId === undefined ? {} : { officeId: ex.officeId }),
      ...(ex.resource === undefined ? {} : { resource: ex.resource }),
    };
    this.log.push(entry);
    if (this.log.length > MAX_LOGGED_REQUESTS) this.log.splice(0, this.log.length - MAX_LOGGED_REQUESTS);
    this.logger.debug('sandbox.request', { method: ex.method, path: ex.path.slice(0, 200), status, office: ex.officeId });
  }
}

export function errorBody(code: SikkaErrorCode): Record<string, string> {
  const info = SIKKA_ERRORS[code];
  return {
    http_code: String(info.httpStatus),
    http_code_desc: info.httpDescription,
    error_code: code,
    short_message: info.shortMessage,
    long_message: info.longMessage,
    more_information: info.moreInformation,
  };
}

/** Makes a complete, well-delivered body that no parser accepts: a stray comma, or a closing tag that closes nothing. */
function corrupt(body: Buffer, format: Format): Buffer {
  if (format === 'xml') {
    const end = body.lastIndexOf('</response>');
    return end === -1 ? Buffer.concat([body, Buffer.from('<')]) : Buffer.concat([body.subarray(0, end), Buffer.from('</items>'), body.subarray(end)]);
  }
  return Buffer.concat([body.subarray(0, -1), Buffer.from(','), body.subarray(-1)]);
}

function isEventFlag(text: string): text is EventFlag {
  return text === 'added' || text === 'updated' || text === 'deleted';
}

function* mapped<T>(items: Iterable<T>, toRecord: (item: T) => Rec): Generator<Rec> {
  for (const item of items) yield toRecord(item);
}

function expandResolver(office: SandboxOffice): ExpandResolver {
  const related = (resource: string, id: unknown): Rec | undefined =>
    typeof id === 'string' && id !== '' ? office.collection(resource)?.byId(id) : undefined;
  return (link, record) => {
    switch (link) {
      case 'practice':
        return office.generator.practice();
      case 'guarantor':
        return related('guarantors', record['guarantor_id']);
      case 'provider':
        return related('providers', record['provider_id']);
      case 'patient':
        return related('patients', record['patient_id']);
      default:
        return undefined;
    }
  };
}

function recordFilter(query: URLSearchParams): ((record: Rec) => boolean) | undefined {
  const wanted = FILTERS.flatMap((name) => {
    const value = query.get(name);
    return value === null || value === '' ? [] : [[name, value] as const];
  });
  if (wanted.length === 0) return undefined;
  return (record) => wanted.every(([name, value]) => record[name] === value);
}

function parseCount(text: string | null, fallback: number): number | undefined {
  if (text === null || text.trim() === '') return fallback;
  if (!/^\s*\d{1,9}\s*$/.test(text)) return undefined;
  return Number(text.trim());
}

/** Path and query of a request target; undefined when it is not a URL at all. */
function splitTarget(target: string): { path: string; query: URLSearchParams } | undefined {
  let raw = target;
  if (!raw.startsWith('/')) {
    try {
      const url = new URL(raw);
      raw = `${url.pathname}${url.search}`;
    } catch {
      return undefined;
    }
  }
  const mark = raw.indexOf('?');
  const path = mark === -1 ? raw : raw.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? '' : raw.slice(mark + 1));
  return { path, query };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding?.trim() !== 'gzip' && coding?.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The token call's body: JSON (as the guide shows) or a form (as OAuth clients often send). */
async function readForm(req: IncomingMessage): Promise<Map<string, string> | 'too large' | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > MAX_BODY_BYTES) return 'too large';
      chunks.push(buffer);
    }
  } catch {
    return undefined;
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  const out = new Map<string, string>();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    for (const [name, value] of Object.entries(parsed)) if (typeof value === 'string' && value.trim() !== '') out.set(name, value.trim());
    return out;
  }
  for (const [name, value] of new URLSearchParams(text)) if (value.trim() !== '') out.set(name, value.trim());
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
