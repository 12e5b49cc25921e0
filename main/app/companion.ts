/**
 * The app's services assembled behind the IPC contract: the same object serves the desktop app
 * (over Electron IPC) and the browser harness (over the loopback bridge). It owns the main
 * thread's read-only view of the cache, the sync worker for the current connection (Sikka or the
 * built-in demo practice), the background scheduler, and the link to Sikka (sign-in, app key,
 * sign-out), and who is at the PC: every handler and event passes the safeguards' guard (staff
 * profiles, the lock, the audit trail). Outside-world edges — the data directory's protector and
 * settings store, the worker script, the browser opener, the clock, the system's idle time — are
 * given by the caller.
 */
import type { AuthorizedOfficeView, ConnectionStatus } from '../../shared/domain/connection';
import type { AppSettings } from '../../shared/domain/settings';
import { canonicalPhoneText, type PhoneNumber } from '../../shared/phone/phoneNumber';
import type { SyncEvent, SyncProgress, SyncStatus } from '../../shared/domain/sync';
import { COMPANION_CONTRACT, type AppInfo, type CompanionEventName, type CompanionEvents } from '../../shared/ipc/contract';
import type { PayloadOf } from '../../shared/ipc/define';
import { usableLocale } from '../../shared/time/relative';
import { createConnectionService, type ConnectionService } from '../auth/connection';
import { authorizedOfficeView } from '../auth/officeView';
import type { OpenExternal } from '../auth/signIn';
import type { CacheReader } from '../cache';
import { createRouter, type Handlers, type Router } from '../ipc/router';
import { COMPANION_CHANNEL_POLICY, COMPANION_EVENT_POLICY } from '../security/companionPolicy';
import { guardEvents, guardHandlers, redactCallerMatch } from '../security/guard';
import type { ScryptParams } from '../security/pinHash';
import { createStaffSession, type StaffSession, type StaffSessionOptions } from '../security/session';
import { silentLogger, type Logger } from '../log/logger';
import { demoOffices, startSandbox, type Sandbox, type SandboxOfficeSpec } from '../sandbox';
import { createSikkaClient, type AppCredentials, type SikkaClient } from '../sikka/client';
import type { SikkaApiVersion } from '../sikka/endpoints';
import { BackgroundScheduler, type SchedulerTimers } from '../sync/backgroundScheduler';
import { keySources } from '../sync/keys';
import { liveSyncStatus, runOutcome } from '../sync/status';
import { startSyncWorker, type SyncWorkerHost } from '../sync/workerHost';
import type { DataDir } from './dataDir';

export interface SyncWorkerScript {
  readonly script: URL | string;
  readonly execArgv?: readonly string[];
}

export interface CompanionOptions {
  readonly dataDir: DataDir;
  readonly worker: SyncWorkerScript;
  readonly version: string;
  /** The browser harness rather than the desktop app. */
  readonly harness: boolean;
  /** The PC's regional format (Electron's app.getSystemLocale()); absent, the window uses its own. */
  readonly locale?: string;
  readonly openExternal?: OpenExternal;
  /** Applies the start-at-login setting to the OS (the desktop app only). */
  readonly setStartAtLogin?: (enabled: boolean) => void;
  readonly online?: boolean;
  readonly now?: () => number;
  readonly logger?: Logger;
  /** The demo practice's offices (tests use smaller ones). */
  readonly demoOffices?: () => SandboxOfficeSpec[];
  readonly timers?: SchedulerTimers;
  /**
   * Seconds since the last input anywhere on the PC (Electron's powerMonitor); without it (the
   * browser harness) the app locks only when asked to or when the OS screen locks.
   */
  readonly systemIdleSeconds?: () => number;
  /** How often the idle time is read, with which timers (tests inject them). */
  readonly idlePoll?: Pick<StaffSessionOptions, 'idlePollMs' | 'setInterval' | 'clearInterval'>;
  /** scrypt's cost for new PINs (tests pass cheap parameters). */
  readonly pinScrypt?: ScryptParams;
  /**
   * Starts the demo practice when nothing is connected yet (the browser harness, development runs
   * of the desktop app). Starting it is a manager's step, audited in their name, so it waits until
   * a manager unlocks — on a first run, right after the first profile is set up.
   */
  readonly demoWhenUnconfigured?: boolean;
}

export type CompanionListener = <E extends CompanionEventName>(event: E, payload: PayloadOf<CompanionEvents[E]>) => void;

export interface Companion {
  readonly router: Router;
  /** Who is at the PC; the Electron root locks it on the OS screen lock and from the tray. */
  readonly session: StaffSession;
  onEvent(listener: CompanionListener): () => void;
  syncStatus(): SyncStatus;
  latestProgress(): SyncProgress | null;
  settings(): AppSettings;
  setOnline(online: boolean): void;
  /** The PC woke from sleep. */
  resumed(): void;
  /**
   * A phone client announced a caller (read by main/shell/callerLaunch): the screens are told,
   * and the next `takeCaller` answers with the card. Only the latest caller is kept.
   */
  callerArrived(number: PhoneNumber): void;
  syncNow(): Promise<void>;
  setSyncPaused(paused: boolean): void;
  /** Stops syncing: the worker finishes the page being written and closes its connection. */
  stopSyncing(): Promise<void>;
  /** Stops syncing, then closes every connection to the cache. */
  close(): Promise<void>;
}

export class CompanionError extends Error {
  override readonly name = 'CompanionError';
  constructor(readonly code: 'ALREADY_CONNECTED' | 'NOT_CONNECTED', readonly explanation: string) {
    super(explanation);
  }
}

const MINUTE = 60_000;

export function startCompanion(options: CompanionOptions): Companion {
  const { dataDir } = options;
  const { settings, credentials } = dataDir;
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const listeners = new Set<CompanionListener>();
  const store = dataDir.openSecurityStore({ now, ...(options.pinScrypt === undefined ? {} : { pinScrypt: options.pinScrypt }) });
  const session = createStaffSession({
    store,
    idleLockMinutes: () => settings.current().idleLockMinutes,
    systemIdleSeconds: options.systemIdleSeconds ?? (() => 0),
    now,
    logger: logger.child({ part: 'session' }),
    ...options.idlePoll,
  });
  // Events reach the window only as the lock allows.
  const emit: CompanionListener = guardEvents(session, COMPANION_EVENT_POLICY, (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  });
  session.onChange((view) => { emit('session', view); });

  let online = options.online ?? true;
  let reader = openReader(dataDir);
  let sandbox: Sandbox | undefined;
  let host: SyncWorkerHost | undefined;
  let unsubscribeHost: (() => void) | undefined;
  let closed = false;
  let callId = 0;
  let waitingCaller: string | undefined;
  let stopWaitingForManager: (() => void) | undefined;

  const clientFor = (baseUrl: string | null, apiVersion: SikkaApiVersion = settings.current().sikkaApiVersion): SikkaClient =>
    createSikkaClient({ apiVersion, format: settings.current().sikkaFormat, now, logger, ...(baseUrl === null ? {} : { baseUrl }) });
  const connection: ConnectionService = createConnectionService({
    credentials,
    settings,
    clientFor,
    logger,
    ...(options.openExternal === undefined ? {} : { openExternal: options.openExternal }),
  });

  const status = (): SyncStatus =>
    liveSyncStatus({
      offices: reader.syncStatus({ now: now() }),
      syncing: host?.syncingOffices() ?? new Set(),
      running: scheduler.state.running,
      paused: settings.current().syncPaused,
      nextRunAt: scheduler.state.nextRunAt,
      freshness: { amberAfterHours: settings.current().freshnessAmberHours },
    });

  const onSyncEvent = (event: SyncEvent): void => {
    emit('sync', event);
    if (event.type !== 'progress') emit('syncStatus', status());
  };

  /** The app ID and key, Sikka host and key sources of the current connection; undefined when there is none. */
  const target = async (): Promise<{ app: AppCredentials; baseUrl: string | null; demo: boolean } | undefined> => {
    const current = settings.current();
    if (current.connectionKind === 'demo') {
      sandbox ??= await startSandbox({ offices: (options.demoOffices ?? demoOffices)(), now, logger: logger.child({ part: 'demo' }) });
      return { app: { appId: sandbox.appId, appKey: sandbox.appKey }, baseUrl: sandbox.baseUrl, demo: true };
    }
    const app = current.connectionKind === 'sikka' ? credentials.app() : undefined;
    return app === undefined ? undefined : { app, baseUrl: current.sikkaBaseUrl, demo: false };
  };

  /** The worker for the current connection, started on first need. */
  const ensureHost = async (): Promise<SyncWorkerHost | undefined> => {
    if (host !== undefined || closed) return host;
    const found = await target();
    if (found === undefined) return undefined;
    const current = settings.current();
    const apiVersion = found.demo ? 'v2' : current.sikkaApiVersion;
    const format = found.demo ? 'json' : current.sikkaFormat;
    const client = createSikkaClient({ apiVersion, format, now, logger, ...(found.baseUrl === null ? {} : { baseUrl: found.baseUrl }) });
    const sources = keySources({ client, credentials, app: found.demo ? found.app : undefined, logger });
    host = await startSyncWorker({
      script: options.worker.script,
      ...(options.worker.execArgv === undefined ? {} : { execArgv: options.worker.execArgv }),
      config: {
        cacheFile: dataDir.cacheFile,
        databaseKey: dataDir.databaseKey().toString('hex'),
        ...(dataDir.nativeBinding === undefined ? {} : { nativeBinding: dataDir.nativeBinding }),
        sikka: { baseUrl: found.baseUrl, apiVersion, format },
        app: found.app,
        selectedOffices: found.demo ? null : current.selectedOffices,
        requestKeys: credentials.requestKeys(),
      },
      keySourceFor: sources,
      logger: logger.child({ part: 'sync' }),
    });
    unsubscribeHost = host.onEvent(onSyncEvent);
    return host;
  };

  const stopHost = async (): Promise<void> => {
    const stopping = host;
    host = undefined;
    unsubscribeHost?.();
    unsubscribeHost = undefined;
    await stopping?.stop();
  };

  const scheduler = new BackgroundScheduler({
    now,
    intervalMs: () => settings.current().syncIntervalMinutes * MINUTE,
    ...(options.timers === undefined ? {} : { timers: options.timers }),
    run: async (_trigger, signal) => {
      // Offline, a run could only fail; the monitor triggers one when the network returns.
      if (!online) return { failed: false };
      const worker = await ensureHost();
      if (worker === undefined) return { failed: false };
      const summary = await worker.run({ signal, nextRunAt: null });
      emit('syncStatus', status());
      return runOutcome(summary);
    },
    onChange: () => {
      if (!closed) emit('syncStatus', status());
    },
  });

  /** The connection changed: a new worker for it, a first sync, and everyone told. */
  const reconnect = async (): Promise<ConnectionStatus> => {
    await scheduler.stop();
    await stopHost();
    if (settings.current().connectionKind !== 'demo') {
      await sandbox?.close();
      sandbox = undefined;
    }
    const connected = connection.status();
    emit('connection', connected);
    scheduler.start({ paused: settings.current().syncPaused });
    emit('syncStatus', status());
    return connected;
  };

  /** Removes the local copy (after stopping whatever uses it) and starts an empty one. */
  const clearLocalCopy = async (): Promise<void> => {
    await scheduler.stop();
    await stopHost();
    reader.close();
    dataDir.clearLocalCopy();
    waitingCaller = undefined;
    reader = openReader(dataDir);
  };

  const demoOfficesView = async (): Promise<AuthorizedOfficeView[]> => {
    const found = await target();
    if (found === undefined) throw new CompanionError('NOT_CONNECTED', 'Connect to Sikka or start the demo practice first.');
    const practices = await clientFor(found.baseUrl).authorizedPractices(found.app);
    return practices.map(authorizedOfficeView);
  };

  const handlers: Handlers<typeof COMPANION_CONTRACT> = {
    appInfo: (): AppInfo => ({ version: options.version, online, harness: options.harness, locale: usableLocale(options.locale) ?? null, clock: settings.current().clock }),
    searchPatients: (args) => reader.searchPatients(withoutUndefined(args)),
    patientDetail: ({ officeId, patientId }) => reader.patientDetail(officeId, patientId, { now: now() }),
    daySchedule: ({ officeId, date, groupBy }) => reader.daySchedule(officeId, date, groupBy),
    providers: ({ officeId }) => reader.providers(officeId),
    offices: () => reader.offices(),
    household: ({ officeId, guarantorId }) => reader.household(officeId, guarantorId, { now: now() }),
    callerLookup: ({ number }) => reader.callerCard(number, { now: now() }),
    takeCaller: () => {
      const number = waitingCaller;
      waitingCaller = undefined;
      return number === undefined ? null : reader.callerCard(number, { now: now() });
    },
    peekCaller: () => (waitingCaller === undefined ? null : redactCallerMatch(reader.callerCard(waitingCaller, { now: now() }).households)),

    syncStatus: () => status(),
    syncNow: () => {
      void scheduler.syncNow();
      return null;
    },
    setSyncPaused: ({ paused }) => {
      setPaused(paused);
      return status();
    },

    settings: () => settings.current(),
    updateSettings: (patch) => {
      const before = settings.current();
      const after = settings.update(withoutUndefined(patch));
      if (after.syncIntervalMinutes !== before.syncIntervalMinutes) scheduler.rescheduled();
      if (after.startAtLogin !== before.startAtLogin) options.setStartAtLogin?.(after.startAtLogin);
      if (after.freshnessAmberHours !== before.freshnessAmberHours) emit('syncStatus', status());
      return after;
    },

    connectionStatus: () => connection.status(),
    signInWithSikka: async (request) => {
      const signedIn = await connection.signInWithSikka(withoutUndefined(request));
      await reconnect();
      return signedIn;
    },
    cancelSignIn: () => {
      connection.cancelSignIn();
      return null;
    },
    checkAppKey: (request) => connection.checkAppKey(withoutUndefined(request)),
    connectWithAppKey: async (request) => {
      await connection.connectWithAppKey(withoutUndefined(request));
      return reconnect();
    },
    authorizedOffices: () => (settings.current().connectionKind === 'demo' ? demoOfficesView() : connection.authorizedOffices()),
    chooseOffices: async ({ offices }) => {
      const connected = settings.current().connectionKind === 'demo' ? connection.status() : await connection.chooseOffices(offices);
      host?.configure({ selectedOffices: settings.current().selectedOffices });
      void scheduler.syncNow();
      emit('connection', connected);
      return connected;
    },
    startDemo: async () => {
      if (settings.current().connectionKind === 'sikka') {
        throw new CompanionError('ALREADY_CONNECTED', 'This PC is connected to a practice. Sign out first to explore the demo practice.');
      }
      settings.update({ connectionKind: 'demo', selectedOffices: null });
      return reconnect();
    },
    signOut: async () => {
      await scheduler.stop();
      await stopHost();
      const report = settings.current().connectionKind === 'demo' ? { revokedOffices: [], notRevoked: [] } : await connection.signOut();
      settings.update({ connectionKind: 'none', selectedOffices: null });
      // The copy is the practice's PHI: it leaves with the connection.
      await clearLocalCopy();
      await reconnect();
      return report;
    },
    clearLocalData: async () => {
      await clearLocalCopy();
      await reconnect();
      return null;
    },

    session: () => session.view(),
    staffProfiles: () => session.profiles(),
    setUp: (first) => session.setUp(first),
    unlock: ({ profileId, pin }) => session.unlock(profileId, pin),
    lock: () => session.lock('manual'),
    changeOwnPin: ({ currentPin, newPin }) => session.changeOwnPin(currentPin, newPin),
    createProfile: (input) => session.createProfile(input),
    removeProfile: ({ profileId }) => session.removeProfile(profileId),
    setRole: ({ profileId, role }) => session.setRole(profileId, role),
    resetPin: ({ profileId, pin }) => session.resetPin(profileId, pin),
    auditEntries: (query) => store.audit.page(withoutUndefined(query)),
    auditVerify: () => store.audit.verify(),
  };

  const setPaused = (paused: boolean): void => {
    settings.update({ syncPaused: paused });
    if (paused) {
      scheduler.pause();
      host?.cancel();
    } else scheduler.resume();
    emit('syncStatus', status());
  };

  const stopSyncing = async (): Promise<void> => {
    closed = true;
    stopWaitingForManager?.();
    connection.cancelSignIn();
    await scheduler.stop();
    await stopHost();
    await sandbox?.close();
    sandbox = undefined;
  };

  scheduler.start({ paused: settings.current().syncPaused });
  const router = createRouter(COMPANION_CONTRACT, guardHandlers(handlers, COMPANION_CHANNEL_POLICY, { session, audit: store.audit, now }), logger.child({ part: 'ipc' }));

  if (options.demoWhenUnconfigured === true && settings.current().connectionKind === 'none') {
    stopWaitingForManager = session.onChange((view) => {
      if (view.state !== 'unlocked' || view.profile.role !== 'manager') return;
      stopWaitingForManager?.();
      stopWaitingForManager = undefined;
      if (settings.current().connectionKind !== 'none') return;
      void router.invoke('startDemo', {}, { via: 'test' }).then((started) => {
        if (!started.ok) logger.error('companion.demo_failed', { errorCode: started.error.code });
      });
    });
  }

  return {
    router,
    session,
    onEvent(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    syncStatus: status,
    latestProgress: () => host?.latestProgress() ?? null,
    settings: () => settings.current(),
    setOnline(next) {
      if (next === online) return;
      online = next;
      emit('online', { online });
      if (online) scheduler.online();
    },
    resumed: () => { scheduler.resumed(); },
    callerArrived(number) {
      waitingCaller = canonicalPhoneText(number);
      callId += 1;
      emit('caller', { callId });
    },
    syncNow: () => scheduler.syncNow(),
    setSyncPaused: setPaused,
    stopSyncing,
    async close() {
      session.lock('quit');
      session.stop();
      await stopSyncing();
      reader.close();
      store.close();
      listeners.clear();
    },
  };
}

/** zod's optional fields are `T | undefined`; the readers and settings take absent keys instead. */
function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** The main thread's read-only connection, after making sure the file exists at the current schema. */
function openReader(dataDir: DataDir): CacheReader {
  dataDir.openCache().close();
  return dataDir.openReader();
}
