import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { SikkaRecord } from '../../shared/domain/records';
import { SIKKA_ERRORS, type SikkaErrorCode } from '../../shared/sikka/errorCodes';
import { parseLocal } from '../../shared/time/officeZone';
import { silentLogger, type Logger } from '../log/logger';
import { Credentials, type RequestKey } from './credentials';
import { createFaults, takeOne } from './faults';
import type { Rec } from './generator';
import type { ChangeEntry, LiveCollection } from './liveCollection';
import { SandboxOffice } from './office';
import { mixKey, Rng } from './random';
import { matchRoute, type Format, type Route } from './routes';
import { collectionJson, collectionXml, parseShaping, shapeRecord, toXml, type Envelope, type ExpandResolver } from './serialize';
import type { Sandbox, SandboxChange, SandboxChangeSummary, SandboxFaults, SandboxOfficeSpec, SandboxRequest } from './types';

const gzip = promisify(zlib.gzip);

const MAX_LIMIT = 4999;
const DEFAULT_LIMIT = 500;
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

  records(officeId: string, resource: string): Iterable<SikkaRecord> {
    return this.collectionOf(officeId, resource).all();
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
    ex.headers['Retry-After'] = String(Math.max(1, reset));
    return true;
  }

  // ---- auth routes --------------------------------------------------------------------------------

  private param(ex: Exchange, name: string, header?: string): string | undefined {
    const value = ex.query.get(name) ?? (header === undefined ? undefined : headerValue(ex.req, header));
    return value === undefined || value.trim() === '' ? undefined : value.trim();
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
    if (!(await this.checkApp(ex, this.param(ex, 'app_id', 'app-id'), this.param(ex, 'app_key', 'app-key')))) return;
    const listing = (office: SandboxOffice): Rec => office.authorizedPractice(this.url, !this.faults.dataNotUploaded.has(office.officeId), ex.at);
    if (officeId !== undefined) {
      const office = this.officeById.get(officeId);
      if (office === undefined) return this.fail(ex, 'API2009');
      ex.officeId = officeId;
      return this.answer(ex, listing(office));
    }
    const items = [...this.officeById.values()].map(listing);
    return this.answer(ex, [{ total_count: String(items.length), items }]);
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
    const text = this.param(ex, 'request_key', 'request-key');
    if (text === undefined) return this.fail(ex, 'API1004');
    const key = this.credentials.find(text);
    if (key === undefined) return this.fail(ex, 'API2003');
    const office = this.office(key.officeId);
    ex.officeId = key.officeId;
    const status = key.revoked ? 'revoked' : this.credentials.isUsable(key) ? 'active' : 'expired';
    const seconds = status === 'active' ? Math.floor((key.expiresAt - ex.at) / 1000) : 0;
    return this.answer(ex, {
      href: `${this.url}/v2/request_key_info`,
      request_key: key.key,
      status,
      issued_to: key.officeId,
      start_time: office.clock.format(key.issuedAt),
      end_time: office.clock.format(key.expiresAt),
      expires_in: `${seconds} second(s)`,
      request_count: String(key.calls),
      scope: this.scope(),
      domain: office.spec.domain,
    });
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
    const text = this.param(ex, 'request_key', 'request-key');
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
    const shaping = parseShaping(ex.query.get('fields'), ex.query.get('expand'));
    const resolve = expandResolver(office);

    if (id !== undefined) {
      const record = collection.byId(id);
      if (record === undefined) return this.fail(ex, 'API2009');
      return this.answer(ex, shapeRecord(record, collection.idField, shaping, resolve));
    }

    const limit = parseCount(ex.query.get('limit'), DEFAULT_LIMIT);
    const offset = parseCount(ex.query.get('offset'), 0);
    if (limit === undefined || limit > MAX_LIMIT || offset === undefined) return this.fail(ex, 'API1026');
    const filter = recordFilter(ex.query);

    const shape = (record: Rec): Rec => shapeRecord(record, collection.idField, shaping, resolve);
    const changeQuery = this.changeWindow(ex, office);
    if (changeQuery === 'invalid') return this.fail(ex, 'API1026');
    if (changeQuery !== undefined) {
      const entries = collection.changesBetween(changeQuery.from, changeQuery.to, changeQuery.flag).filter((entry) => filter === undefined || filter(entry.record));
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

  /** loaded_startdate/loaded_enddate (office local time) or interval (minutes) turn a call into a change-log query. */
  private changeWindow(ex: Exchange, office: SandboxOffice): { from: number; to: number; flag: 'Added' | 'Deleted' | undefined } | 'invalid' | undefined {
    const start = this.param(ex, 'loaded_startdate');
    const end = this.param(ex, 'loaded_enddate');
    const interval = this.param(ex, 'interval');
    if (start === undefined && end === undefined && interval === undefined) return undefined;
    const flagText = this.param(ex, 'flag')?.toLowerCase();
    if (flagText !== undefined && flagText !== 'added' && flagText !== 'deleted') return 'invalid';
    const flag = flagText === undefined ? undefined : flagText === 'added' ? 'Added' : 'Deleted';
    if (interval !== undefined && start === undefined && end === undefined) {
      const minutes = /^\d{1,4}$/.test(interval) ? Number(interval) : NaN;
      if (!(minutes >= 1 && minutes <= 1440)) return 'invalid';
      return { from: ex.at - minutes * 60_000, to: ex.at, flag };
    }
    const from = start === undefined ? undefined : parseLocal(start);
    const to = end === undefined ? undefined : parseLocal(end, { asEnd: true });
    if ((start !== undefined && from === undefined) || (end !== undefined && to === undefined)) return 'invalid';
    return {
      from: from === undefined ? -Infinity : office.clock.toInstant(from),
      // The end second is whole: an entry at 11:52:00.500 is "at 11:52:00".
      to: to === undefined ? Infinity : office.clock.toInstant(to) + 999,
      flag,
    };
  }

  /** A page of a collection; records are generated as they are written, and an empty page is 204. */
  private async answerPage(ex: Exchange, envelope: Envelope, size: number, items: Iterable<Rec>): Promise<void> {
    if (size === 0) return this.finish(ex, 204, null, this.contentType(ex));
    const body = ex.format === 'xml' ? collectionXml(envelope, items) : collectionJson(envelope, items);
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
