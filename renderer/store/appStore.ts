/**
 * The renderer's one store: what the main process said last (connection, offices, sync status,
 * online), the patient search, the open patient and the open day. Everything arrives through the
 * `CompanionApi` it is given — `window.companion` in the app, a fake in tests — and every answer
 * is a Result, so each part keeps its own error in plain words.
 *
 * Who is at the PC comes first: patient data is asked for only while the session is unlocked, and
 * every bit of it is dropped the moment the session locks or changes hands (answers still on their
 * way are dropped on arrival), so a locked window holds none of it, on screen or in memory.
 *
 * Answers can arrive out of order (a fast typist, a slow query): each request kind has a sequence
 * number, and only the answer to the latest request is ever shown.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus, SignOutReport } from '../../shared/domain/connection';
import type { CallerCard, Household, HouseholdMatch } from '../../shared/domain/households';
import type { OfficeSummary } from '../../shared/domain/offices';
import type { PatientDetail, PatientSearchResult } from '../../shared/domain/patients';
import type { DaySchedule, ScheduleGrouping } from '../../shared/domain/schedule';
import type { FirstStaffProfile, LockedCallerCard, SessionView, StaffProfileView } from '../../shared/domain/staff';
import type { OfficeSyncStatus, SyncEvent, SyncProgress, SyncStatus } from '../../shared/domain/sync';
import type { AppInfo, CompanionApi } from '../../shared/ipc/contract';
import type { AppError, Result } from '../../shared/result';
import type { ClockPreference } from '../../shared/time/relative';
import { setTimeDisplay } from '../view/format';

export interface StoreClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AppStoreOptions {
  readonly clock?: Partial<StoreClock>;
  readonly searchDebounceMs?: number;
}

/** The most the cache returns for one search; more means "type more". */
export const SEARCH_LIMIT = 200;
/** Long enough to skip the keystrokes of a fluent typist, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 120;
/** How often "3 min ago" is brought up to date. */
const NOW_TICK_MS = 30_000;

export type Load<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly key: string; readonly previous: T | null }
  | { readonly state: 'ready'; readonly key: string; readonly value: T }
  | { readonly state: 'error'; readonly key: string; readonly error: AppError };

export type Boot = { readonly state: 'loading' } | { readonly state: 'ready' } | { readonly state: 'error'; readonly error: AppError };

export interface SearchState {
  readonly text: string;
  /** Only this office; every office when null. */
  readonly officeId: string | null;
  readonly results: readonly PatientSearchResult[];
  readonly truncated: boolean;
  /** Guarantors and owners whose own names match, shown beside the results. */
  readonly households: readonly HouseholdMatch[];
  /** The search (see `searchKey`) the shown results answer; null before any answer. */
  readonly resultsFor: string | null;
  /** A request for the current text is waiting or in flight. */
  readonly pending: boolean;
  readonly error: AppError | null;
  /** The highlighted result, -1 for none. */
  readonly activeIndex: number;
}

export interface AppData {
  readonly boot: Boot;
  /** Who is at the PC; null until the main process said. Patient data is held only while `unlocked`. */
  readonly session: SessionView | null;
  /** The profiles to choose from on the lock screen (names and roles, never a PIN). */
  readonly staffProfiles: readonly StaffProfileView[];
  /** While locked: that an announced caller is in the copy, and nothing more. */
  readonly lockedCaller: LockedCallerCard | null;
  /** While locked: a phone client opened the app for a caller, looked up once someone unlocks. */
  readonly callerWaiting: boolean;
  /** The settings' idle minutes as last read while unlocked, to say why the app locked itself. */
  readonly idleLockMinutes: number | null;
  readonly appInfo: AppInfo | null;
  readonly online: boolean;
  readonly connection: ConnectionStatus | null;
  readonly offices: readonly OfficeSummary[];
  readonly sync: SyncStatus | null;
  /** Why offices or sync status could not be read (e.g. nothing synced yet). */
  readonly dataError: AppError | null;
  readonly progress: SyncProgress | null;
  readonly now: number;
  readonly search: SearchState;
  /** Bumped to ask the search box to take focus (Ctrl/Cmd+K). */
  readonly searchFocusRequest: number;
  /** A ready value of null: no such patient in the copy. */
  readonly detail: Load<PatientDetail | null>;
  readonly schedule: Load<DaySchedule>;
  /** The caller card on screen; it stays until the next call. */
  readonly caller: Load<CallerCard>;
  /** Counts the calls that arrived: each one brings the card forward, focused and announced. */
  readonly callerArrivals: number;
  /** A ready value of null: no such guarantor in the copy. */
  readonly household: Load<Household | null>;
  /** Kept after signing out, for the Connect screen to say what Sikka was not told. */
  readonly signOutReport: SignOutReport | null;
}

export interface AppActions {
  /** Subscribes to the main process's events and loads the first state; returns the way to stop. */
  start(): () => void;
  /** Creates the first profile, a manager, and unlocks with it. */
  setUp(first: FirstStaffProfile): Promise<Result<SessionView>>;
  unlock(profileId: string, pin: string): Promise<Result<SessionView>>;
  lock(): Promise<Result<SessionView>>;
  /** Reads the profiles again (e.g. to learn until when a profile is locked out). */
  refreshStaffProfiles(): Promise<void>;
  /** After the idle minutes were changed in the settings. */
  idleLockMinutesChanged(minutes: number): void;
  /** After the clock (12 h, 24 h or the PC's) was changed in the settings. */
  clockChanged(clock: ClockPreference): void;
  retryBoot(): Promise<void>;
  refreshData(): Promise<void>;
  /** After a connect flow succeeded. */
  connected(connection: ConnectionStatus): Promise<void>;
  setSearchText(text: string): void;
  setSearchOffice(officeId: string | null): void;
  /**
   * Enter in the search box: the highlighted result, but only if it answers what is typed now —
   * when the answer is still on its way, it is asked for at once and its first result is given.
   */
  submitSearch(): Promise<PatientSearchResult | null>;
  moveActive(delta: number): void;
  setActiveIndex(index: number): void;
  requestSearchFocus(): void;
  loadDetail(officeId: string, patientId: string): Promise<void>;
  loadSchedule(officeId: string, date: string, groupBy: ScheduleGrouping): Promise<void>;
  /** Looks up a number a phone client put in the harness's address, and brings the card forward. */
  lookupCaller(number: string): Promise<void>;
  /** Brings forward the caller a phone client announced, if one is waiting. */
  takeCaller(): Promise<void>;
  loadHousehold(officeId: string, guarantorId: string): Promise<void>;
  syncNow(): Promise<Result<null>>;
  setSyncPaused(paused: boolean): Promise<Result<SyncStatus>>;
  signOut(): Promise<Result<SignOutReport>>;
  clearLocalData(): Promise<Result<null>>;
  dismissSignOutReport(): void;
}

export type AppState = AppData & AppActions;

export type AppStore = StoreApi<AppState>;

const EMPTY_SEARCH: SearchState = { text: '', officeId: null, results: [], truncated: false, households: [], resultsFor: null, pending: false, error: null, activeIndex: -1 };

export const searchKey = (text: string, officeId: string | null): string => `${officeId ?? '*'}\u0000${text.trim()}`;
const detailKey = (officeId: string, patientId: string): string => `${officeId}\u0000${patientId}`;
const scheduleKey = (officeId: string, date: string, groupBy: ScheduleGrouping): string => `${officeId}\u0000${date}\u0000${groupBy}`;
const householdKey = (officeId: string, guarantorId: string): string => `${officeId}\u0000${guarantorId}`;

function withOffice(offices: readonly OfficeSyncStatus[], updated: OfficeSyncStatus): readonly OfficeSyncStatus[] {
  return offices.some((office) => office.officeId === updated.officeId)
    ? offices.map((office) => (office.officeId === updated.officeId ? updated : office))
    : [...offices, updated];
}

/** The offices with the download's office showing at least the rows it has brought; null when that changes nothing. */
function withCount(offices: readonly OfficeSyncStatus[], progress: SyncProgress): readonly OfficeSyncStatus[] | null {
  const office = offices.find((each) => each.officeId === progress.officeId);
  if (office === undefined || office.counts[progress.resource] >= progress.rowsDone) return null;
  return withOffice(offices, { ...office, counts: { ...office.counts, [progress.resource]: progress.rowsDone } });
}

export function createAppStore(api: CompanionApi, options: AppStoreOptions = {}): AppStore {
  const clock: StoreClock = {
    now: options.clock?.now ?? Date.now,
    setTimeout: options.clock?.setTimeout ?? ((callback, ms) => globalThis.setTimeout(callback, ms)),
    clearTimeout: options.clock?.clearTimeout ?? ((handle) => { globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>); }),
    setInterval: options.clock?.setInterval ?? ((callback, ms) => globalThis.setInterval(callback, ms)),
    clearInterval: options.clock?.clearInterval ?? ((handle) => { globalThis.clearInterval(handle as ReturnType<typeof setInterval>); }),
  };
  const debounceMs = options.searchDebounceMs ?? SEARCH_DEBOUNCE_MS;
  let searchSeq = 0;
  let detailSeq = 0;
  let scheduleSeq = 0;
  let callerSeq = 0;
  let householdSeq = 0;
  let dataSeq = 0;
  let profilesSeq = 0;
  /** Grows whenever patient data is dropped: an answer asked for before must not land. */
  let patientEpoch = 0;
  let searchTimer: unknown;
  /** A caller from the harness address, kept out of the store until someone unlocks to look it up. */
  let addressCaller: string | undefined;

  const store = createStore<AppState>()((set, get) => {
    const setSearch = (patch: Partial<SearchState>): void => { set({ search: { ...get().search, ...patch } }); };

    const runSearch = async (quiet: boolean): Promise<void> => {
      const { text, officeId } = get().search;
      const query = text.trim();
      const seq = ++searchSeq;
      if (query === '') return;
      if (!quiet) setSearch({ pending: true });
      const result = await api.searchPatients(officeId === null ? { text: query, limit: SEARCH_LIMIT } : { text: query, officeId, limit: SEARCH_LIMIT });
      if (seq !== searchSeq) return;
      if (!result.ok) {
        setSearch({ pending: false, error: result.error });
        return;
      }
      const current = get().search;
      const sameAnswer = current.resultsFor === searchKey(query, officeId);
      const stillThere = sameAnswer && current.activeIndex < result.value.results.length;
      setSearch({
        pending: false,
        error: null,
        results: result.value.results,
        truncated: result.value.truncated,
        households: result.value.households,
        resultsFor: searchKey(query, officeId),
        activeIndex: stillThere ? current.activeIndex : result.value.results.length > 0 ? 0 : -1,
      });
    };

    const scheduleSearch = (): void => {
      if (searchTimer !== undefined) clock.clearTimeout(searchTimer);
      searchTimer = undefined;
      if (get().search.text.trim() === '') {
        // Anything still in flight is for older text and must not land.
        searchSeq += 1;
        setSearch({ results: [], truncated: false, households: [], resultsFor: null, pending: false, error: null, activeIndex: -1 });
        return;
      }
      setSearch({ pending: true });
      searchTimer = clock.setTimeout(() => {
        searchTimer = undefined;
        void runSearch(false);
      }, debounceMs);
    };

    const fetchDetail = async (officeId: string, patientId: string, quiet: boolean): Promise<void> => {
      const key = detailKey(officeId, patientId);
      const seq = ++detailSeq;
      const before = get().detail;
      if (!quiet) set({ detail: { state: 'loading', key, previous: before.state === 'ready' ? before.value : null } });
      const result = await api.patientDetail({ officeId, patientId });
      if (seq !== detailSeq) return;
      set({ detail: result.ok ? { state: 'ready', key, value: result.value } : { state: 'error', key, error: result.error } });
    };

    const fetchSchedule = async (officeId: string, date: string, groupBy: ScheduleGrouping, quiet: boolean): Promise<void> => {
      const key = scheduleKey(officeId, date, groupBy);
      const seq = ++scheduleSeq;
      const before = get().schedule;
      if (!quiet) set({ schedule: { state: 'loading', key, previous: before.state === 'ready' ? before.value : null } });
      const result = await api.daySchedule({ officeId, date, groupBy });
      if (seq !== scheduleSeq) return;
      set({ schedule: result.ok ? { state: 'ready', key, value: result.value } : { state: 'error', key, error: result.error } });
    };

    const fetchHousehold = async (officeId: string, guarantorId: string, quiet: boolean): Promise<void> => {
      const key = householdKey(officeId, guarantorId);
      const seq = ++householdSeq;
      const before = get().household;
      if (!quiet) set({ household: { state: 'loading', key, previous: before.state === 'ready' ? before.value : null } });
      const result = await api.household({ officeId, guarantorId });
      if (seq !== householdSeq) return;
      set({ household: result.ok ? { state: 'ready', key, value: result.value } : { state: 'error', key, error: result.error } });
    };

    const callerLoad = (key: string, result: Result<CallerCard>): Load<CallerCard> =>
      result.ok ? { state: 'ready', key, value: result.value } : { state: 'error', key, error: result.error };

    /** A waiting caller, if any, is shown as a new arrival; nothing waiting changes nothing. */
    const takeCaller = async (): Promise<void> => {
      const epoch = patientEpoch;
      const result = await api.takeCaller({});
      if (epoch !== patientEpoch) return;
      let answer: Result<CallerCard>;
      if (!result.ok) answer = result;
      else if (result.value === null) return;
      else answer = { ok: true, value: result.value };
      const seq = ++callerSeq;
      set({ caller: callerLoad(`call-${seq}`, answer), callerArrivals: get().callerArrivals + 1 });
    };

    /** After a sync: what is on screen is read again in place, without a loading flash. */
    const refreshVisible = (): void => {
      const { search, detail, schedule, household } = get();
      if (household.state === 'ready' && household.value?.guarantorId != null) void fetchHousehold(household.value.officeId, household.value.guarantorId, true);
      if (search.resultsFor !== null && searchTimer === undefined) void runSearch(true);
      if (detail.state === 'ready' && detail.value !== null) void fetchDetail(detail.value.officeId, detail.value.patientId, true);
      if (schedule.state === 'ready') void fetchSchedule(schedule.value.officeId, schedule.value.date, schedule.value.groupBy, true);
    };

    /** Patient data of a connection that ended (or a copy that was cleared) must not stay on screen. */
    const forgetPatients = (): void => {
      if (searchTimer !== undefined) clock.clearTimeout(searchTimer);
      searchTimer = undefined;
      searchSeq += 1;
      detailSeq += 1;
      scheduleSeq += 1;
      callerSeq += 1;
      householdSeq += 1;
      patientEpoch += 1;
      set({ search: EMPTY_SEARCH, detail: { state: 'idle' }, schedule: { state: 'idle' }, caller: { state: 'idle' }, household: { state: 'idle' } });
    };

    const unlocked = (): boolean => get().session?.state === 'unlocked';
    /** Who may see patient data: the unlocked profile, or nobody. */
    const sessionHolder = (view: SessionView | null): string | null => (view?.state === 'unlocked' ? view.profile.profileId : null);

    const refreshStaffProfiles = async (): Promise<void> => {
      const seq = ++profilesSeq;
      const result = await api.staffProfiles({});
      if (seq === profilesSeq && result.ok) set({ staffProfiles: result.value });
    };

    /** What a locked window may know of an announced caller: matched, or nothing. */
    const peekCaller = async (): Promise<void> => {
      const epoch = patientEpoch;
      const result = await api.peekCaller({});
      if (epoch !== patientEpoch || get().session?.state !== 'locked') return;
      if (result.ok && result.value !== null) set({ lockedCaller: result.value });
    };

    const loadIdleLockMinutes = async (): Promise<void> => {
      const epoch = patientEpoch;
      const result = await api.settings({});
      if (epoch === patientEpoch && result.ok) set({ idleLockMinutes: result.value.idleLockMinutes });
    };

    /** What a session needs before it is shown: the offices when unlocked, the profiles when locked. */
    const loadFor = async (view: SessionView): Promise<void> => {
      if (view.state === 'unlocked') {
        void loadIdleLockMinutes();
        await refreshData();
      } else if (view.state === 'locked') await refreshStaffProfiles();
    };

    /** Then the caller a phone client brought: the card when unlocked (from the address, or waiting in the main process), "matched" when locked. */
    const callerFor = async (view: SessionView): Promise<void> => {
      if (view.state === 'locked') {
        await peekCaller();
        return;
      }
      if (view.state !== 'unlocked') return;
      const number = addressCaller;
      addressCaller = undefined;
      set({ callerWaiting: false });
      if (number !== undefined) await lookupCaller(number);
      else await takeCaller();
    };

    /**
     * A session from the main process (an answer or the event; both may come). Leaving `unlocked`,
     * or another profile unlocking, drops every piece of patient data first.
     */
    const applySession = (next: SessionView): void => {
      const before = get().session;
      const changedHands = sessionHolder(before) !== sessionHolder(next);
      if (changedHands) {
        forgetPatients();
        dataSeq += 1;
        set({ offices: [], dataError: null, lockedCaller: null });
      }
      set({ session: next });
      // While opening, boot loads for whichever session is current when it gets there.
      if (changedHands && get().boot.state === 'ready') void loadFor(next).then(() => callerFor(next));
    };

    const lookupCaller = async (number: string): Promise<void> => {
      if (!unlocked()) {
        addressCaller = number;
        set({ callerWaiting: true });
        return;
      }
      const seq = ++callerSeq;
      const key = `lookup-${seq}`;
      set({ caller: { state: 'loading', key, previous: null }, callerArrivals: get().callerArrivals + 1 });
      const result = await api.callerLookup({ number });
      if (seq === callerSeq) set({ caller: callerLoad(key, result) });
    };

    const refreshData = async (): Promise<void> => {
      const seq = ++dataSeq;
      if (!unlocked()) return;
      if (get().connection?.kind === 'none') {
        set({ offices: [], sync: null, dataError: null, progress: null });
        return;
      }
      const [offices, sync] = await Promise.all([api.offices({}), api.syncStatus({})]);
      if (seq !== dataSeq) return;
      set({
        now: clock.now(),
        offices: offices.ok ? offices.value : get().offices,
        sync: sync.ok ? sync.value : get().sync,
        dataError: !offices.ok ? offices.error : !sync.ok ? sync.error : null,
      });
    };

    const applyConnection = async (connection: ConnectionStatus): Promise<void> => {
      const before = get().connection;
      set({ connection });
      if (before !== null && (before.kind !== connection.kind || before.method !== connection.method)) forgetPatients();
      await refreshData();
    };

    const boot = async (): Promise<void> => {
      set({ boot: { state: 'loading' } });
      const [info, connection, session] = await Promise.all([api.appInfo({}), api.connectionStatus({}), api.session({})]);
      if (!info.ok || !connection.ok || !session.ok) {
        const error = !info.ok ? info.error : !connection.ok ? connection.error : !session.ok ? session.error : { code: 'UNKNOWN', message: 'The app did not answer.' };
        set({ boot: { state: 'error', error } });
        return;
      }
      set({ appInfo: info.value, online: info.value.online, connection: connection.value });
      // A session event may have come first: the main process's latest word wins.
      applySession(get().session ?? session.value);
      const opened = get().session ?? session.value;
      await loadFor(opened);
      set({ boot: { state: 'ready' } });
      const current = get().session ?? opened;
      // Changed while loading: load again for the session there is now.
      if (sessionHolder(current) !== sessionHolder(opened)) await loadFor(current);
      // A phone client may have started the app.
      await callerFor(current);
    };

    const onSyncEvent = (event: SyncEvent): void => {
      switch (event.type) {
        case 'run-started':
          set({ progress: null });
          return;
        case 'office-started':
          return;
        case 'progress': {
          // "On this PC" moves with a download: each page is in the copy once it is reported.
          const { sync } = get();
          const { progress } = event;
          const grown = sync === null || progress.phase !== 'full' ? null : withCount(sync.offices, progress);
          set(grown === null || sync === null ? { progress } : { progress, sync: { ...sync, offices: grown } });
          return;
        }
        case 'office-finished': {
          const { sync } = get();
          if (event.status !== null && sync !== null) set({ sync: { ...sync, offices: withOffice(sync.offices, event.status) }, now: clock.now() });
          return;
        }
        case 'run-finished':
          set({ progress: null });
          void refreshData();
          refreshVisible();
          return;
      }
    };

    return {
      boot: { state: 'loading' },
      session: null,
      staffProfiles: [],
      lockedCaller: null,
      callerWaiting: false,
      idleLockMinutes: null,
      appInfo: null,
      online: true,
      connection: null,
      offices: [],
      sync: null,
      dataError: null,
      progress: null,
      now: clock.now(),
      search: EMPTY_SEARCH,
      searchFocusRequest: 0,
      detail: { state: 'idle' },
      schedule: { state: 'idle' },
      caller: { state: 'idle' },
      callerArrivals: 0,
      household: { state: 'idle' },
      signOutReport: null,

      start() {
        const stops = [
          api.on('online', ({ online }) => { set({ online }); }),
          // A new status is judged against the clock now, not at the last tick (freshness turns on the minute).
          api.on('syncStatus', (sync) => { set({ sync, now: clock.now() }); }),
          api.on('sync', onSyncEvent),
          api.on('connection', (connection) => { void applyConnection(connection); }),
          api.on('caller', () => {
            const state = get().session?.state;
            if (state === 'unlocked') void takeCaller();
            else if (state === 'locked') void peekCaller();
          }),
          api.on('session', applySession),
        ];
        const tick = clock.setInterval(() => { set({ now: clock.now() }); }, NOW_TICK_MS);
        void boot();
        return () => {
          for (const stop of stops) stop();
          clock.clearInterval(tick);
          if (searchTimer !== undefined) clock.clearTimeout(searchTimer);
          searchTimer = undefined;
        };
      },
      retryBoot: boot,
      refreshData,
      connected: applyConnection,

      async setUp(first) {
        const result = await api.setUp(first);
        if (result.ok) applySession(result.value);
        return result;
      },
      async unlock(profileId, pin) {
        const result = await api.unlock({ profileId, pin });
        if (result.ok) applySession(result.value);
        else if (result.error.code === 'PIN_LOCKED_OUT' || result.error.code === 'PROFILE_NOT_FOUND') await refreshStaffProfiles();
        return result;
      },
      async lock() {
        // Dropped before asking: nothing waits on the main process's answer to leave the window.
        forgetPatients();
        const result = await api.lock({});
        if (result.ok) applySession(result.value);
        return result;
      },
      refreshStaffProfiles,
      idleLockMinutesChanged(minutes) {
        set({ idleLockMinutes: minutes });
      },
      clockChanged(clock) {
        const { appInfo } = get();
        if (appInfo !== null) set({ appInfo: { ...appInfo, clock } });
      },

      setSearchText(text) {
        if (text === get().search.text) return;
        setSearch({ text });
        scheduleSearch();
      },
      setSearchOffice(officeId) {
        if (officeId === get().search.officeId) return;
        setSearch({ officeId });
        scheduleSearch();
      },
      async submitSearch() {
        const wanted = (): PatientSearchResult | null => {
          const { search } = get();
          return search.resultsFor === searchKey(search.text, search.officeId) ? (search.results[search.activeIndex] ?? null) : null;
        };
        const { search } = get();
        if (search.text.trim() === '') return null;
        if (search.resultsFor === searchKey(search.text, search.officeId) && searchTimer === undefined && !search.pending) return wanted();
        if (searchTimer !== undefined) clock.clearTimeout(searchTimer);
        searchTimer = undefined;
        await runSearch(false);
        return wanted();
      },
      moveActive(delta) {
        const { results, activeIndex } = get().search;
        if (results.length === 0) return;
        const next = Math.min(results.length - 1, Math.max(0, (activeIndex < 0 ? (delta > 0 ? -1 : results.length) : activeIndex) + delta));
        setSearch({ activeIndex: next });
      },
      setActiveIndex(index) {
        const { results } = get().search;
        if (index >= 0 && index < results.length) setSearch({ activeIndex: index });
      },
      requestSearchFocus() {
        set({ searchFocusRequest: get().searchFocusRequest + 1 });
      },

      async loadDetail(officeId, patientId) {
        const current = get().detail;
        if (current.state !== 'idle' && current.state !== 'error' && current.key === detailKey(officeId, patientId)) return;
        await fetchDetail(officeId, patientId, false);
      },
      async loadSchedule(officeId, date, groupBy) {
        const current = get().schedule;
        if (current.state !== 'idle' && current.state !== 'error' && current.key === scheduleKey(officeId, date, groupBy)) return;
        await fetchSchedule(officeId, date, groupBy, false);
      },

      lookupCaller,
      takeCaller,
      async loadHousehold(officeId, guarantorId) {
        const current = get().household;
        if (current.state !== 'idle' && current.state !== 'error' && current.key === householdKey(officeId, guarantorId)) return;
        await fetchHousehold(officeId, guarantorId, false);
      },

      async syncNow() {
        const result = await api.syncNow({});
        if (result.ok) {
          const { sync } = get();
          if (sync !== null) set({ sync: { ...sync, running: true } });
        }
        return result;
      },
      async setSyncPaused(paused) {
        const result = await api.setSyncPaused({ paused });
        if (result.ok) set({ sync: result.value });
        return result;
      },
      async signOut() {
        const result = await api.signOut({});
        if (!result.ok) return result;
        forgetPatients();
        set({ signOutReport: result.value });
        const connection = await api.connectionStatus({});
        await applyConnection(connection.ok ? connection.value : { kind: 'none', method: null, signedInOffices: [], selectedOffices: 'all', sikkaBaseUrl: null });
        return result;
      },
      async clearLocalData() {
        const result = await api.clearLocalData({});
        if (!result.ok) return result;
        forgetPatients();
        await refreshData();
        return result;
      },
      dismissSignOutReport() {
        set({ signOutReport: null });
      },
    };
  });
  // Every formatter reads the PC's locale, zone and clock setting and the offices' zones from here
  // (view/format.ts): set again when what they come from changes, the PC's zone with each tick.
  let applied: Pick<AppState, 'appInfo' | 'sync' | 'now'> | undefined;
  const applyTimeDisplay = (state: AppState): void => {
    if (applied !== undefined && applied.appInfo === state.appInfo && applied.sync === state.sync && applied.now === state.now) return;
    applied = { appInfo: state.appInfo, sync: state.sync, now: state.now };
    const display = { locale: state.appInfo?.locale ?? undefined, clock: state.appInfo?.clock, pcZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    setTimeDisplay(display, state.sync?.offices.map((office) => office.spc.ianaTimeZone) ?? []);
  };
  applyTimeDisplay(store.getState());
  store.subscribe(applyTimeDisplay);
  return store;
}
