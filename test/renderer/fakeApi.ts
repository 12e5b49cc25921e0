/**
 * A `CompanionApi` for the renderer's tests: every channel answers a Result from a handler the
 * test may replace, every call is recorded, and events are emitted by hand — the same surface
 * the preload and the harness bridge give the screens.
 */
import { vi } from 'vitest';
import type { OfficeSyncStatus, SyncStatus } from '../../shared/domain/sync';
import type { ArgsOf, ResultOf } from '../../shared/ipc/define';
import { COMPANION_CONTRACT, type CompanionApi, type CompanionContract, type CompanionEventName, type CompanionEvents } from '../../shared/ipc/contract';
import type { PayloadOf } from '../../shared/ipc/define';
import type { AppError, Result } from '../../shared/result';
import * as fixtures from './fixtures';
import * as householdFixtures from './householdFixtures';

type Channel = keyof CompanionContract;
export type Handler<K extends Channel> = (args: ArgsOf<CompanionContract[K]>) => Result<ResultOf<CompanionContract[K]>> | Promise<Result<ResultOf<CompanionContract[K]>>>;
export type Handlers = { [K in Channel]: Handler<K> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({ ok: false, error: { code, message } satisfies AppError });

export interface FakeApi {
  readonly api: CompanionApi;
  readonly handlers: Handlers;
  readonly calls: { readonly channel: Channel; readonly args: unknown }[];
  callsTo(channel: Channel): unknown[];
  emit<E extends CompanionEventName>(event: E, payload: PayloadOf<CompanionEvents[E]>): void;
  listenerCount(event: CompanionEventName): number;
}

export function defaultHandlers(): Handlers {
  return {
    appInfo: () => ok({ version: '0.1.0', online: true, harness: false }),
    searchPatients: ({ text }) => ok({ results: fixtures.searchResults.filter((result) => result.displayName.toLowerCase().includes(text.toLowerCase())), truncated: false, households: [] }),
    patientDetail: ({ officeId, patientId }) => ok(fixtures.details.find((detail) => detail.officeId === officeId && detail.patientId === patientId) ?? null),
    daySchedule: ({ officeId, date, groupBy }) => ok(fixtures.daySchedule(officeId, date, groupBy)),
    providers: () => ok([]),
    offices: () => ok(fixtures.offices),
    household: ({ officeId, guarantorId }) => ok(householdFixtures.household(officeId, guarantorId)),
    callerLookup: ({ number }) => ok(householdFixtures.callerCard(number)),
    takeCaller: () => ok(null),
    syncStatus: () => ok(fixtures.syncStatus()),
    syncNow: () => ok(null),
    setSyncPaused: ({ paused }) => ok({ ...fixtures.syncStatus(), paused }),
    settings: () => ok(fixtures.settings),
    updateSettings: (patch) =>
      ok({
        ...fixtures.settings,
        syncIntervalMinutes: patch.syncIntervalMinutes ?? fixtures.settings.syncIntervalMinutes,
        startAtLogin: patch.startAtLogin ?? fixtures.settings.startAtLogin,
        idleLockMinutes: patch.idleLockMinutes ?? fixtures.settings.idleLockMinutes,
      }),
    connectionStatus: () => ok(fixtures.demoConnection),
    signInWithSikka: () => ok({ officeId: 'D16001', keyExpiresAt: null }),
    cancelSignIn: () => ok(null),
    checkAppKey: () => ok(fixtures.authorizedOffices),
    connectWithAppKey: ({ offices }) => ok({ ...fixtures.sikkaConnection, selectedOffices: offices }),
    authorizedOffices: () => ok(fixtures.authorizedOffices),
    chooseOffices: ({ offices }) => ok({ ...fixtures.demoConnection, selectedOffices: offices }),
    startDemo: () => ok(fixtures.demoConnection),
    signOut: () => ok({ revokedOffices: [], notRevoked: [] }),
    clearLocalData: () => ok(null),
  };
}

export function fakeApi(overrides: Partial<Handlers> = {}): FakeApi {
  const handlers: Handlers = { ...defaultHandlers(), ...overrides };
  const calls: { channel: Channel; args: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const channel of Object.keys(COMPANION_CONTRACT) as Channel[]) {
    api[channel] = vi.fn(async (args: unknown) => {
      calls.push({ channel, args });
      const handler = handlers[channel] as (args: unknown) => Result<unknown> | Promise<Result<unknown>>;
      return handler(args);
    });
  }
  api['on'] = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => { set.delete(listener); };
  };
  return {
    api: api as unknown as CompanionApi,
    handlers,
    calls,
    callsTo: (channel) => calls.filter((call) => call.channel === channel).map((call) => call.args),
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** A promise the test resolves when it chooses, to put answers out of order. */
export function deferred<T>(): { readonly promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => { resolve = done; });
  return { promise, resolve };
}

export function statusWith(patch: Partial<SyncStatus>, office: Partial<OfficeSyncStatus> = {}): SyncStatus {
  const base = fixtures.syncStatus();
  return { ...base, ...patch, offices: patch.offices ?? base.offices.map((each, index) => (index === 0 ? { ...each, ...office } : each)) };
}
