/**
 * Sync tests run the real engine against the sandbox over HTTP on 127.0.0.1 and a real encrypted
 * cache in a temp directory. One clock drives the sandbox, the client and the engine, so daily
 * limits and change-log windows line up without real waiting.
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
import { createSikkaClient, type RequestKey, type SikkaClient } from '../../main/sikka';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../main/sync/engine';

/** Wednesday 11 March 2026, 12:00 in Springfield (CDT, UTC-5). */
export const START = Date.UTC(2026, 2, 11, 17, 0, 0);

export const DENTAL: SandboxOfficeSpec = {
  officeId: 'D16001',
  secretKey: 'secret-dental',
  domain: 'Dental',
  practiceName: 'Maple Grove Family Dental',
  patients: 600,
  timeZone: 'Central Standard Time',
};

export const VET: SandboxOfficeSpec = {
  officeId: 'V20417',
  secretKey: 'secret-vet',
  domain: 'Veterinary',
  practiceName: 'Riverbend Animal Hospital',
  patients: 200,
  timeZone: 'Eastern Standard Time',
};

/** Small pages so even these small offices take several pages per resource. */
export const TEST_PAGE_SIZE = 250;

export interface SyncWorld {
  sandbox: Sandbox;
  clock: { now: number };
  cache: Cache;
  dir: string;
  events: SyncEvent[];
  /** Request keys kept between runs, as the vault would keep them. */
  keys: Map<string, RequestKey>;
  client(): SikkaClient;
  engine(options?: Partial<SyncEngineOptions>): SyncEngine;
  /** Data requests (not authorized_practices, not start) the sandbox answered, per office. */
  dataRequests(officeId?: string): number;
  reopen(): void;
}

/** One sandbox per file; a fresh cache, clock and request log for each test. */
export function useSyncWorld(offices: SandboxOfficeSpec[] = [DENTAL, VET]): SyncWorld {
  const world = { clock: { now: START }, events: [] as SyncEvent[], keys: new Map<string, RequestKey>() } as SyncWorld;
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
  world.client = () => createSikkaClient({
    baseUrl: world.sandbox.baseUrl,
    now: () => world.clock.now,
    sleep: () => Promise.resolve(),
    retry: { maxRetries: 3 },
  });
  world.engine = (options = {}) => {
    const client = options.client ?? world.client();
    return createSyncEngine({
      client,
      cache: world.cache,
      app: { appId: world.sandbox.appId, appKey: world.sandbox.appKey },
      keySource: (practice) => client.appKeySource(
        { appId: world.sandbox.appId, appKey: world.sandbox.appKey, officeId: practice.officeId, secretKey: practice.secretKey },
        { initialKey: world.keys.get(practice.officeId), onKeyIssued: (issued) => { world.keys.set(practice.officeId, issued); } },
      ),
      pageSize: TEST_PAGE_SIZE,
      now: () => world.clock.now,
      onEvent: (event) => { world.events.push(event); },
      ...options,
    });
  };
  world.dataRequests = (officeId) => world.sandbox.requests.filter((request) =>
    request.resource !== undefined && request.status !== 0 && (officeId === undefined || request.officeId === officeId)).length;
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

/** Every resource of every office in the cache is exactly what the sandbox serves now: same records, same fields, same order of fields. */
export function expectCacheEqualsSandbox(cache: Cache, sandbox: Sandbox, offices: readonly SandboxOfficeSpec[]): void {
  for (const office of offices) {
    for (const resource of SYNCED_RESOURCES) {
      const cached = [...cache.reader.exportRecords(resource, { officeId: office.officeId })].map((entry) => entry.record);
      const upstream = byId(resource, sandbox.records(office.officeId, sandboxResource(office, resource)));
      expect(byId(resource, cached), `${office.officeId} ${resource}`).toEqual(upstream);
    }
  }
}
