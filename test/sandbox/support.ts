import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOfficeSpec, type SandboxOptions } from '../../main/sandbox/index';

/** Wednesday 11 March 2026, 12:00 in Springfield (CDT, UTC-5). */
export const START = Date.UTC(2026, 2, 11, 17, 0, 0);

export const DENTAL: SandboxOfficeSpec = {
  officeId: 'D16001',
  secretKey: 'secret-dental',
  domain: 'Dental',
  practiceName: 'Maple Grove Family Dental',
  patients: 1000,
  timeZone: 'Central Standard Time',
};

export const VET: SandboxOfficeSpec = {
  officeId: 'V20417',
  secretKey: 'secret-vet',
  domain: 'Veterinary',
  practiceName: 'Riverbend Animal Hospital',
  patients: 300,
  timeZone: 'Eastern Standard Time',
};

export interface Running {
  sandbox: Sandbox;
  /** The sandbox's injected clock; tests move it. */
  clock: { now: number };
  /** A fresh request key for an office from /v2/start. */
  key(office?: SandboxOfficeSpec): Promise<string>;
  /** GET a path (with query) on the sandbox. */
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** GET a data path with a request key added. */
  data(pathAndQuery: string, init?: RequestInit & { office?: SandboxOfficeSpec }): Promise<Response>;
  /** The v4 request_key grant's answer for an office. */
  grant(office?: SandboxOfficeSpec): Promise<V4Grant>;
  /** GET a v4 path with a fresh key in the Request-Key header. */
  v4(pathAndQuery: string, init?: RequestInit & { office?: SandboxOfficeSpec }): Promise<Response>;
}

export interface V4Grant {
  request_key: string;
  refresh_key: string;
  expires_in: string;
  issued_to: string;
  start_time: string;
  end_time: string;
  status: string;
  scope: string;
  domain: string;
}

/** One sandbox per test file; faults and the request log are reset before each test. */
export function useSandbox(options: Omit<SandboxOptions, 'now'> = {}): Running {
  const running = { clock: { now: START } } as Running;
  beforeAll(async () => {
    running.sandbox = await startSandbox({ seed: 3, offices: [DENTAL, VET], ...options, now: () => running.clock.now });
  });
  afterAll(async () => {
    await running.sandbox.close();
  });
  beforeEach(() => {
    running.sandbox.faults.reset();
    running.sandbox.clearRequests();
  });
  running.get = (pathAndQuery, init) => fetch(`${running.sandbox.baseUrl}${pathAndQuery}`, init);
  running.key = async (office = DENTAL) => {
    const { appId, appKey } = running.sandbox;
    const response = await running.get(`/v2/start?app_id=${appId}&app_key=${appKey}&office_id=${office.officeId}&secret_key=${office.secretKey}`);
    const body = (await response.json()) as [{ request_key: string }];
    return body[0].request_key;
  };
  running.grant = async (office = DENTAL) => {
    const { appId, appKey } = running.sandbox;
    const response = await running.get('/v4/request_key', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'request_key', office_id: office.officeId, secret_key: office.secretKey, app_id: appId, app_key: appKey }),
    });
    return (await response.json()) as V4Grant;
  };
  running.v4 = async (pathAndQuery, init = {}) => {
    const { request_key: key } = await running.grant(init.office ?? DENTAL);
    return running.get(pathAndQuery, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), 'request-key': key } });
  };
  running.data = async (pathAndQuery, init = {}) => {
    const key = await running.key(init.office ?? DENTAL);
    const separator = pathAndQuery.includes('?') ? '&' : '?';
    return running.get(`${pathAndQuery}${separator}request_key=${key}`, init);
  };
  return running;
}

export interface Envelope {
  total_count: string;
  limit: string;
  offset: string;
  items: Record<string, unknown>[];
}

export async function envelopeOf(response: Response): Promise<Envelope> {
  const body = (await response.json());
  if (!Array.isArray(body) || body.length !== 1) throw new Error(`not a v2 envelope: ${JSON.stringify(body).slice(0, 200)}`);
  return body[0] as Envelope;
}

export interface V4Envelope extends Envelope {
  execution_time: string;
  pagination: { first: string; previous: string; current: string; next: string; last: string };
}

export async function v4EnvelopeOf(response: Response): Promise<V4Envelope> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('items' in body)) throw new Error(`not a v4 envelope: ${JSON.stringify(body).slice(0, 200)}`);
  return body as V4Envelope;
}

export async function errorCodeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error_code?: string };
  return body.error_code;
}

/** Every scalar anywhere in a value, with the path to it. */
export function scalars(value: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((entry, i) => scalars(entry, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, inner]) => scalars(inner, `${path}.${key}`));
  return [[path, value]];
}

/** Groups values by a key (Map.groupBy arrives with Node 21). */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/**
 * A sandbox clock for tests that change the practice between syncs on real time. SPC's
 * data_insert_date has whole seconds, so a change within the second of the last sync would not
 * move it and the next sync would rightly see nothing new; `later()` moves the sandbox a minute on
 * before such a change.
 */
export function sandboxClock(): { readonly now: () => number; later(): void } {
  let aheadMs = 0;
  return {
    now: () => Date.now() + aheadMs,
    later() {
      aheadMs += 60_000;
    },
  };
}
