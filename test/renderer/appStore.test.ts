import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT } from '../../renderer/store/appStore';
import type { PatientDetail, PatientSearchResponse } from '../../shared/domain/patients';
import type { DaySchedule } from '../../shared/domain/schedule';
import type { Result } from '../../shared/result';
import './setup';
import { deferred, fail, fakeApi, ok, statusWith } from './fakeApi';
import * as fixtures from './fixtures';

const answer = (...names: string[]): Result<PatientSearchResponse> =>
  ok({ results: names.map((name, index) => ({ ...fixtures.itemAt(fixtures.searchResults, 0), patientId: String(index + 1), displayName: name })), truncated: false, households: [] });

async function started(fake = fakeApi()) {
  const store = createAppStore(fake.api, { clock: { now: () => fixtures.NOW } });
  const stop = store.getState().start();
  await vi.waitFor(() => { expect(store.getState().boot.state).toBe('ready'); });
  return { store, stop, fake };
}

describe('patient search', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('asks the cache once for a burst of keystrokes, with the last text and the result limit', async () => {
    const { store, fake } = await started();
    for (const text of ['m', 'ma', 'mar', 'mari']) store.getState().setSearchText(text);
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS - 1);
    expect(fake.callsTo('searchPatients')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.callsTo('searchPatients')).toEqual([{ text: 'mari', limit: SEARCH_LIMIT }]);
  });

  it('never lets an older, slower answer replace the answer to the latest text', async () => {
    const slow = deferred<Result<PatientSearchResponse>>();
    const fast = deferred<Result<PatientSearchResponse>>();
    const answers = [slow, fast];
    const { store } = await started(fakeApi({ searchPatients: () => fixtures.itemAt(answers.splice(0, 1), 0).promise }));
    store.getState().setSearchText('al');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().setSearchText('alvarez');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    fast.resolve(answer('Maria Alvarez'));
    await vi.advanceTimersByTimeAsync(0);
    slow.resolve(answer('Alan Smith', 'Alice Jones'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().search.results.map((result) => result.displayName)).toEqual(['Maria Alvarez']);
    expect(store.getState().search.pending).toBe(false);
  });

  it('drops an answer still on its way once the box is cleared', async () => {
    const late = deferred<Result<PatientSearchResponse>>();
    const { store } = await started(fakeApi({ searchPatients: () => late.promise }));
    store.getState().setSearchText('maria');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().setSearchText('');
    late.resolve(answer('Maria Alvarez'));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().search.results).toEqual([]);
    expect(store.getState().search.pending).toBe(false);
  });

  it('searches only the chosen office once one is chosen', async () => {
    const { store, fake } = await started();
    store.getState().setSearchText('bis');
    store.getState().setSearchOffice('V20417');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(fake.callsTo('searchPatients')).toEqual([{ text: 'bis', officeId: 'V20417', limit: SEARCH_LIMIT }]);
  });

  it('keeps the plain-words error of a failed search', async () => {
    const { store } = await started(fakeApi({ searchPatients: () => fail('CACHE_NOT_FOUND', 'Nothing has been synced to this PC yet.') }));
    store.getState().setSearchText('maria');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(store.getState().search.error).toEqual({ code: 'CACHE_NOT_FOUND', message: 'Nothing has been synced to this PC yet.' });
    expect(store.getState().search.pending).toBe(false);
  });

  it('Enter before the answer arrives asks at once and gives the first result for the typed text', async () => {
    const { store, fake } = await started(fakeApi({ searchPatients: ({ text }) => (text === 'mar' ? answer('Maria Alvarez', 'Mark Alvarez') : answer('Someone Else')) }));
    store.getState().setSearchText('x');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    store.getState().setSearchText('mar');
    const opened = await store.getState().submitSearch();
    expect(opened?.displayName).toBe('Maria Alvarez');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS * 2);
    expect(fake.callsTo('searchPatients')).toHaveLength(2);
  });

  it('moves the highlight within the results and not past either end', async () => {
    const { store } = await started(fakeApi({ searchPatients: () => answer('A', 'B', 'C') }));
    store.getState().setSearchText('a');
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS);
    expect(store.getState().search.activeIndex).toBe(0);
    store.getState().moveActive(1);
    store.getState().moveActive(1);
    store.getState().moveActive(1);
    expect(store.getState().search.activeIndex).toBe(2);
    store.getState().moveActive(-8);
    expect(store.getState().search.activeIndex).toBe(0);
  });
});

describe('events from the main process', () => {
  it('follows the online event', async () => {
    const { store, fake } = await started();
    expect(store.getState().online).toBe(true);
    fake.emit('online', { online: false });
    expect(store.getState().online).toBe(false);
  });

  it('shows sync progress while a run goes and reads offices again when it ends', async () => {
    const { store, fake } = await started();
    const officeReads = fake.callsTo('offices').length;
    fake.emit('sync', { type: 'run-started', at: fixtures.NOW });
    fake.emit('sync', { type: 'progress', progress: { officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 500, rowsTotal: 2000 } });
    expect(store.getState().progress?.rowsDone).toBe(500);
    fake.emit('sync', { type: 'run-finished', summary: { startedAt: fixtures.NOW, finishedAt: fixtures.NOW, offices: [], error: null } });
    expect(store.getState().progress).toBeNull();
    await vi.waitFor(() => { expect(fake.callsTo('offices').length).toBe(officeReads + 1); });
  });

  it('takes an office’s new status from office-finished', async () => {
    const { store, fake } = await started();
    const failed = { ...fixtures.itemAt(fixtures.syncStatus().offices, 1), state: 'failed' as const };
    fake.emit('sync', { type: 'office-finished', result: { officeId: 'V20417', outcome: 'failed', rows: 0, error: null }, status: failed });
    expect(store.getState().sync?.offices.map((office) => office.state)).toEqual(['up-to-date', 'failed']);
  });

  it('forgets every patient on screen when the connection changes', async () => {
    const { store, fake } = await started();
    await store.getState().loadDetail('D16001', '101');
    expect(store.getState().detail.state).toBe('ready');
    fake.emit('connection', fixtures.noConnection);
    expect(store.getState().detail.state).toBe('idle');
    expect(store.getState().search.results).toEqual([]);
  });

  it('stops listening when stopped', async () => {
    const { stop, fake } = await started();
    expect(fake.listenerCount('sync')).toBe(1);
    stop();
    expect(fake.listenerCount('sync')).toBe(0);
    expect(fake.listenerCount('online')).toBe(0);
  });
});

describe('the open patient and day', () => {
  it('shows the patient opened last even when an earlier one answers later', async () => {
    const first = deferred<Result<PatientDetail | null>>();
    const { store } = await started(fakeApi({ patientDetail: ({ patientId }) => (patientId === '101' ? first.promise : ok(fixtures.itemAt(fixtures.details, 1))) }));
    const loadingFirst = store.getState().loadDetail('D16001', '101');
    await store.getState().loadDetail('V20417', '501');
    first.resolve(ok(fixtures.itemAt(fixtures.details, 0)));
    await loadingFirst;
    const detail = store.getState().detail;
    expect(detail.state === 'ready' ? detail.value?.displayName : detail.state).toBe('Biscuit');
  });

  it('shows the day asked for last', async () => {
    const monday = deferred<Result<DaySchedule>>();
    const { store } = await started(fakeApi({ daySchedule: ({ officeId, date, groupBy }) => (date === '2025-03-03' ? monday.promise : ok(fixtures.daySchedule(officeId, date, groupBy))) }));
    const loadingMonday = store.getState().loadSchedule('D16001', '2025-03-03', 'provider');
    await store.getState().loadSchedule('D16001', '2025-03-04', 'provider');
    monday.resolve(ok(fixtures.daySchedule('D16001', '2025-03-03', 'provider')));
    await loadingMonday;
    const schedule = store.getState().schedule;
    expect(schedule.state === 'ready' ? schedule.value.date : schedule.state).toBe('2025-03-04');
  });
});

describe('starting and signing out', () => {
  it('says in plain words why the app could not start', async () => {
    const store = createAppStore(fakeApi({ appInfo: () => fail('IPC_TRANSPORT_FAILED', 'The app did not answer. Try again in a moment.') }).api);
    store.getState().start();
    await vi.waitFor(() => { expect(store.getState().boot).toEqual({ state: 'error', error: { code: 'IPC_TRANSPORT_FAILED', message: 'The app did not answer. Try again in a moment.' } }); });
  });

  it('does not ask for offices or sync status while nothing is connected', async () => {
    const { fake, store } = await started(fakeApi({ connectionStatus: () => ok(fixtures.noConnection) }));
    expect(store.getState().connection?.kind).toBe('none');
    expect(fake.callsTo('offices')).toEqual([]);
    expect(fake.callsTo('syncStatus')).toEqual([]);
  });

  it('keeps the sign-out report and forgets the copy on screen', async () => {
    const report = { revokedOffices: [], notRevoked: [{ officeId: 'D16001', code: 'NETWORK_UNREACHABLE', message: 'Sikka could not be reached.' }] };
    let connection = fixtures.demoConnection;
    const { store } = await started(fakeApi({ signOut: () => { connection = fixtures.noConnection; return ok(report); }, connectionStatus: () => ok(connection) }));
    await store.getState().loadSchedule('D16001', '2025-03-04', 'provider');
    const result = await store.getState().signOut();
    expect(result.ok).toBe(true);
    expect(store.getState().signOutReport).toEqual(report);
    expect(store.getState().connection?.kind).toBe('none');
    expect(store.getState().schedule.state).toBe('idle');
    expect(store.getState().sync).toBeNull();
  });

  it('takes the status that pausing answers', async () => {
    const { store } = await started();
    await store.getState().setSyncPaused(true);
    expect(store.getState().sync?.paused).toBe(true);
  });

  it('marks the sync running once Sync now was accepted', async () => {
    const { store } = await started(fakeApi({ syncStatus: () => ok(statusWith({ running: false })) }));
    await store.getState().syncNow();
    expect(store.getState().sync?.running).toBe(true);
  });
});
