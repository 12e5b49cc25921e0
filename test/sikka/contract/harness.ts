import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../../main/sandbox/index';
import type { SikkaRecord } from '../../../shared/domain/records';
import { createSikkaClient, type OfficeApi, type SikkaClient, type SikkaClientOptions } from '../../../main/sikka/client';
import type { SikkaApiVersion } from '../../../main/sikka/endpoints';
import type { RequestKey } from '../../../main/sikka/keys';
import { DENTAL as SANDBOX_DENTAL, VET as SANDBOX_VET } from '../../sandbox/support';
import { capturingLogger } from '../support';

/** The client tests' helpers, for the contract tests too. */
export { collect, failure } from '../support';

/** A Wednesday afternoon in March, office time well away from midnight. */
export const START = Date.UTC(2026, 2, 11, 18, 0, 0);

export const DENTAL: SandboxOfficeSpec = SANDBOX_DENTAL;
export const VET: SandboxOfficeSpec = { ...SANDBOX_VET, patients: 60 };

/** The versions the shared contract runs against: each file's suite runs once per version. */
export const VERSIONS: readonly SikkaApiVersion[] = ['v2', 'v4'];

export interface Harness {
  /** The API the clients speak; the sandbox serves both. */
  readonly version: SikkaApiVersion;
  /** Where data calls go: '/v2' or '/v4'. */
  readonly prefix: string;
  /** The path of the call that issues keys: v2's start, v4's request_key grant. */
  readonly keyPath: string;
  sandbox: Sandbox;
  /** The one clock of the sandbox and the clients; the clients' sleeps move it instead of waiting. It only moves forward, as the sandbox's change logs need. */
  clock: { now: number };
  /** Every wait a client asked for, in order. */
  waits: number[];
  client(options?: Partial<SikkaClientOptions>): SikkaClient & { readonly logs: ReturnType<typeof capturingLogger>['entries'] };
  /** An office reading with keys from `start`, reporting new keys to `issued`. */
  office(client: SikkaClient, spec?: SandboxOfficeSpec, initialKey?: RequestKey): OfficeApi & { readonly issued: RequestKey[] };
  /** Requests the sandbox served since the last reset, excluding the key calls. */
  dataRequests(): readonly { path: string; status: number }[];
  /** The sandbox's live records as this version serves them with every field. */
  records(officeId: string, resource: string): SikkaRecord[];
}

/** One sandbox per suite (a file, or a version's block in it), its faults and request log reset before every test. */
export function useSandbox(version: SikkaApiVersion = 'v2'): Harness {
  const harness = { version, prefix: `/${version}`, keyPath: version === 'v4' ? '/v4/request_key' : '/v2/start', clock: { now: START }, waits: [] as number[] } as Harness;
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
      apiVersion: version,
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
  harness.dataRequests = () => harness.sandbox.requests.filter((request) => request.path.startsWith(`${harness.prefix}/`) && request.path !== harness.keyPath);
  harness.records = (officeId, resource) => [...harness.sandbox.records(officeId, resource, version)];
  return harness;
}
