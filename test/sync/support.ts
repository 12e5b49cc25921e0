/**
 * Sync tests run the real engine against the sandbox over HTTP on 127.0.0.1 and a real encrypted
 * cache in a temp directory, once per Sikka API version (as test/sikka/contract does). One clock
 * drives the sandbox, the client and the engine, so daily limits and change-log windows line up
 * without real waiting.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { SikkaRecord, SyncedResource } from '../../shared/domain/records';
import { RECORD_ID_FIELD, SYNCED_RESOURCES } from '../../shared/domain/records';
import type { SyncEvent } from '../../shared/domain/sync';
import { openCache, type Cache } from '../../main/cache';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../main/sandbox';
import { createSikkaClient, SIKKA_API_VERSIONS, type RequestKey, type RequestKeySource, type SikkaApiVersion, type SikkaClient, type SikkaClientOptions } from '../../main/sikka';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../main/sync/engine';
import { DENTAL as SANDBOX_DENTAL, VET as SANDBOX_VET } from '../sandbox/support';

/** The versions every engine and fault test runs against. */
export const VERSIONS: readonly SikkaApiVersion[] = SIKKA_API_VERSIONS;

/** Wednesday 11 March 2026, 12:00 in Springfield (CDT, UTC-5). */
export const START = Date.UTC(2026, 2, 11, 17, 0, 0);

/** The sandbox tests' offices, smaller. */
export const DENTAL: SandboxOfficeSpec = { ...SANDBOX_DENTAL, patients: 600 };
export const VET: SandboxOfficeSpec = { ...SANDBOX_VET, patients: 200 };

/** Small pages so even these small offices take several pages per resource. */
export const TEST_PAGE_SIZE = 250;

export interface SyncWorld {
  /** The API the engine's client speaks; the sandbox serves both. */
  readonly version: SikkaApiVersion;
  /** Where authorized_practices is asked: '/auth/v2/authorized_practices' or '/v4/authorized_practices'. */
  readonly authorizedPracticesPath: string;
  sandbox: Sandbox;
  clock: { now: number };
  cache: Cache;
  dir: string;
  events: SyncEvent[];
  /** Request keys kept between runs, as the vault would keep them. */
  keys: Map<string, RequestKey>;
  /** v4 refresh keys kept between runs, as the vault would keep them. */
  refreshKeys: Map<string, string>;
  client(options?: Partial<SikkaClientOptions>): SikkaClient;
  /** An office's keys as the app gets them: v2 `start`; v4 the refresh_key grant, else the secret key. */
  keySource(client: SikkaClient, practice: { readonly officeId: string; readonly secretKey: string }): RequestKeySource;
  engine(options?: Partial<SyncEngineOptions>): SyncEngine;
  /** Data requests (not authorized_practices, not key calls) the sandbox answered, per office. */
  dataRequests(officeId?: string): number;
  /** Calls that issued request keys (v2 start, v4 request_key grants), per office. */
  keyRequests(officeId?: string): number;
  /** This version's records of a sandbox collection, every field. */
  records(officeId: string, collection: string): SikkaRecord[];
  reopen(): void;
}

/** One sandbox per file (or per version's block in it); a fresh cache, clock and request log for each test. */
export function useSyncWorld(offices: SandboxOfficeSpec[] = [DENTAL, VET], version: SikkaApiVersion = 'v2'): SyncWorld {
  const authorizedPracticesPath = version === 'v4' ? '/v4/authorized_practices' : '/auth/v2/authorized_practices';
  const keyPath = version === 'v4' ? '/v4/request_key' : '/v2/start';
  const world = { version, authorizedPracticesPath, clock: { now: START }, events: [] as SyncEvent[], keys: new Map<string, RequestKey>(), refreshKeys: new Map<string, string>() } as SyncWorld;
  let key: Buffer;
  beforeAll(async () => {
    world.sandbox = await startSandbox({ seed: 7, offices, now: () => world.clock.now });
  });
  afterAll(async () => {
    await world.sandbox.close();
  });
  beforeEach(() => {
    world.sandbox.faults.reset();
    world.sandbox.clearRequests();
    world.clock.now = START;
    world.events = [];
    world.keys = new Map();
    world.refreshKeys = new Map();
    world.dir = mkdtempSync(join(tmpdir(), 'pc-sync-'));
    key = randomBytes(32);
    world.cache = openCache({ file: join(world.dir, 'cache.db'), key, now: () => world.clock.now });
  });
  afterEach(() => {
    world.cache.close();
    rmSync(world.dir, { recursive: true, force: true });
  });
  world.reopen = () => {
    world.cache.close();
    world.cache = openCache({ file: join(world.dir, 'cache.db'), key, now: () => world.clock.now });
  };
  world.client = (options = {}) => createSikkaClient({
    apiVersion: version,
    baseUrl: world.sandbox.baseUrl,
    now: () => world.clock.now,
    sleep: () => Promise.resolve(),
    retry: { maxRetries: 3 },
    ...options,
  });
  world.keySource = (client, { officeId, secretKey }) => {
    const app = { appId: world.sandbox.appId, appKey: world.sandbox.appKey };
    const kept = { initialKey: world.keys.get(officeId), onKeyIssued: (issued: RequestKey) => { world.keys.set(officeId, issued); } };
    if (client.apiVersion === 'v2') return client.appKeySource({ ...app, officeId, secretKey }, kept);
    return client.refreshKeySource(
      { ...app, officeId, secretKey, refreshKey: world.refreshKeys.get(officeId) },
      { ...kept, onRefreshKey: (refreshKey) => { world.refreshKeys.set(officeId, refreshKey); } },
    );
  };
  world.engine = (options = {}) => {
    const client = options.client ?? world.client();
    return createSyncEngine({
      client,
      cache: world.cache,
      app: { appId: world.sandbox.appId, appKey: world.sandbox.appKey },
      keySource: (practice) => world.keySource(client, practice),
      pageSize: TEST_PAGE_SIZE,
      now: () => world.clock.now,
      onEvent: (event) => { world.events.push(event); },
      ...options,
    });
  };
  world.dataRequests = (officeId) => world.sandbox.requests.filter((request) =>
    request.resource !== undefined && request.status !== 0 && (officeId === undefined || request.officeId === officeId)).length;
  world.keyRequests = (officeId) => world.sandbox.requests.filter((request) =>
    request.path === keyPath && request.method !== 'DELETE' && (officeId === undefined || request.officeId === officeId)).length;
  world.records = (officeId, collection) => [...world.sandbox.records(officeId, collection, version)];
  return world;
}

/** The collection the sandbox serves a resource from, for an office of this domain. */
export function sandboxResource(office: SandboxOfficeSpec, resource: SyncedResource): string {
  return resource === 'patients' && office.domain === 'Veterinary' ? 'veterinary_patients' : resource;
}

/** A record field that Sikka always sends as a string. */
export function text(value: unknown): string {
  if (typeof value !== 'string') throw new Error('expected a string field');
  return value;
}

function byId(resource: SyncedResource, records: Iterable<SikkaRecord>): string[] {
  const field = RECORD_ID_FIELD[resource];
  return [...records]
    .map((record) => ({ id: text(record[field]), text: JSON.stringify(record) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => entry.text);
}

/**
 * Every resource of every office in the cache is exactly what the sandbox serves now in `version`
 * (v4: flattened `*_href` links, every field): same records, same fields, same order of fields.
 */
export function expectCacheEqualsSandbox(cache: Cache, sandbox: Sandbox, offices: readonly SandboxOfficeSpec[], version: SikkaApiVersion = 'v2'): void {
  for (const office of offices) {
    for (const resource of SYNCED_RESOURCES) {
      const cached = [...cache.reader.exportRecords(resource, { officeId: office.officeId })].map((entry) => entry.record);
      const upstream = byId(resource, sandbox.records(office.officeId, sandboxResource(office, resource), version));
      expect(byId(resource, cached), `${office.officeId} ${resource}`).toEqual(upstream);
    }
  }
}
