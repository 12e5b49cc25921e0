import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../../main/sandbox/index';
import { createSikkaClient, type OfficeApi, type Page, type SikkaClient, type SikkaClientOptions } from '../../../main/sikka/client';
import { SikkaApiError } from '../../../main/sikka/errors';
import type { RequestKey } from '../../../main/sikka/keys';
import { capturingLogger } from '../support';

/** A Wednesday afternoon in March, office time well away from midnight. */
export const START = Date.UTC(2026, 2, 11, 18, 0, 0);

export const DENTAL: SandboxOfficeSpec = { officeId: 'D16001', secretKey: 'secret-dental', domain: 'Dental', practiceName: 'Maple Grove Family Dental', patients: 1000, timeZone: 'Central Standard Time' };
export const VET: SandboxOfficeSpec = { officeId: 'V20417', secretKey: 'secret-vet', domain: 'Veterinary', practiceName: 'Riverbend Animal Hospital', patients: 60, timeZone: 'Eastern Standard Time' };

export interface Harness {
  sandbox: Sandbox;
  /** The one clock of the sandbox and the clients; the clients' sleeps move it instead of waiting. It only moves forward, as the sandbox's change logs need. */
  clock: { now: number };
  /** Every wait a client asked for, in order. */
  waits: number[];
  client(options?: Partial<SikkaClientOptions>): SikkaClient & { readonly logs: ReturnType<typeof capturingLogger>['entries'] };
  /** An office reading with keys from `start`, reporting new keys to `issued`. */
  office(client: SikkaClient, spec?: SandboxOfficeSpec, initialKey?: RequestKey): OfficeApi & { readonly issued: RequestKey[] };
  /** Requests the sandbox served since the last reset, excluding `start`. */
  dataRequests(): readonly { path: string; status: number }[];
}

/** One sandbox per test file, its faults and request log reset before every test. */
export function useSandbox(): Harness {
  const harness = { clock: { now: START }, waits: [] as number[] } as Harness;
  beforeAll(async () => {
    harness.sandbox = await startSandbox({ seed: 7, offices: [DENTAL, VET], now: () => harness.clock.now });
  });
  afterAll(async () => {
    await harness.sandbox.close();
  });
  beforeEach(() => {
    harness.sandbox.faults.reset();
    harness.sandbox.clearRequests();
    harness.waits.length = 0;
  });
  harness.client = (options = {}) => {
    const { logger, entries } = capturingLogger();
    const client = createSikkaClient({
      baseUrl: harness.sandbox.baseUrl,
      now: () => harness.clock.now,
      sleep: (ms, signal) => {
        harness.waits.push(ms);
        harness.clock.now += ms;
        return signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve();
      },
      random: () => 0.5,
      logger,
      ...options,
    });
    return Object.assign(client, { logs: entries });
  };
  harness.office = (client, spec = DENTAL, initialKey) => {
    const issued: RequestKey[] = [];
    const keys = client.appKeySource(
      { appId: harness.sandbox.appId, appKey: harness.sandbox.appKey, officeId: spec.officeId, secretKey: spec.secretKey },
      { initialKey, onKeyIssued: (key) => issued.push(key) },
    );
    return Object.assign(client.office(spec.officeId, { keys, timeZone: spec.timeZone }), { issued });
  };
  harness.dataRequests = () => harness.sandbox.requests.filter((request) => request.path.startsWith('/v2/') && request.path !== '/v2/start');
  return harness;
}

export async function collect<R>(pages: AsyncIterable<Page<R>>): Promise<Page<R>[]> {
  const all: Page<R>[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

export async function failure(promise: Promise<unknown>): Promise<SikkaApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SikkaApiError) return error;
    throw error;
  }
  throw new Error('expected a SikkaApiError');
}
