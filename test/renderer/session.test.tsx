/**
 * Who is at the PC, in the window: first-run setup of a manager, the lock screen, and what a
 * lock leaves behind — nothing about patients, in the store or on the page.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PatientDetail } from '../../shared/domain/patients';
import { LOCKED_CALLER_MESSAGE, PIN_PROBLEM_EXPLANATIONS, type SessionView } from '../../shared/domain/staff';
import type { Result } from '../../shared/result';
import type { AppState } from '../../renderer/store/appStore';
import { lockReasonText, suggestedShortName } from '../../renderer/view/session';
import './setup';
import { deferred, fakeApi, ok, type FakeApi } from './fakeApi';
import * as fixtures from './fixtures';
import * as householdFixtures from './householdFixtures';
import { go, renderApp } from './renderApp';
import { frontDesk, manager, OTHER_PIN, STAFF_PIN } from './staffFixtures';

/** Names that appear only in patient data: none may be left in a locked window. */
const PATIENT_NAMES = ['Maria Alvarez', 'Mark Alvarez', 'Alvarez', 'Jordan Alvarado', 'Biscuit', 'Pepper'];

function expectNoPatientData(state: AppState): void {
  expect(state.search.results).toEqual([]);
  expect(state.search.households).toEqual([]);
  expect(state.search.text).toBe('');
  expect(state.detail).toEqual({ state: 'idle' });
  expect(state.schedule).toEqual({ state: 'idle' });
  expect(state.household).toEqual({ state: 'idle' });
  expect(state.caller).toEqual({ state: 'idle' });
  expect(state.offices).toEqual([]);
  const page = document.body.textContent;
  for (const name of PATIENT_NAMES) expect(page).not.toContain(name);
}

const pinField = (): HTMLInputElement => screen.getByLabelText('PIN');

async function unlockAs(user: Awaited<ReturnType<typeof renderApp>>['user'], displayName: string, pin: string): Promise<void> {
  await user.selectOptions(screen.getByLabelText('Who is unlocking'), displayName);
  await user.type(pinField(), pin);
  await user.click(screen.getByRole('button', { name: 'Unlock' }));
}

const lockedBy = (fake: FakeApi, reason: Extract<SessionView, { state: 'locked' }>['reason']): void => {
  const view: SessionView = { state: 'locked', reason, lastProfileId: manager.profileId };
  fake.staff.view = view;
  act(() => { fake.emit('session', view); });
};

describe('first run', () => {
  it('shows only the setup of the first profile, a manager, before anything else', async () => {
    const fake = fakeApi({}, { session: 'needs-setup' });
    await renderApp(fake, '#/patients');
    expect(screen.getByRole('heading', { level: 2, name: 'Set up Practice Companion on this PC' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain('You become this PC\u2019s practice manager');
    expect(screen.queryByRole('navigation', { name: 'Screens' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Your name'));
    expect(document.title).toBe('Set up \u2014 Practice Companion');
    expect(fake.callsTo('offices')).toEqual([]);
    expect(fake.callsTo('takeCaller')).toEqual([]);
  });

  it('says what is wrong with the PIN while it is typed, and when the two differ', async () => {
    const { user } = await renderApp(fakeApi({}, { session: 'needs-setup' }));
    await user.type(screen.getByLabelText('PIN'), '123456');
    expect(screen.getByText(PIN_PROBLEM_EXPLANATIONS.sequence)).toBeTruthy();
    await user.clear(screen.getByLabelText('PIN'));
    await user.type(screen.getByLabelText('PIN'), STAFF_PIN);
    expect(screen.getByText('This PIN will do.')).toBeTruthy();
    await user.type(screen.getByLabelText('Type the PIN again'), OTHER_PIN);
    expect(screen.getByText('Not the same as the PIN above.')).toBeTruthy();
  });

  it('refuses to send a PIN the rules refuse, saying why', async () => {
    const fake = fakeApi({}, { session: 'needs-setup' });
    const { user } = await renderApp(fake);
    await user.type(screen.getByLabelText('Your name'), 'Maria Lopez');
    await user.type(screen.getByLabelText('PIN'), '111111');
    await user.type(screen.getByLabelText('Type the PIN again'), '111111');
    await user.click(screen.getByRole('button', { name: 'Create my manager profile' }));
    expect(screen.getByRole('alert').textContent).toBe(PIN_PROBLEM_EXPLANATIONS['all-same']);
    expect(fake.callsTo('setUp')).toEqual([]);
  });

  it('creates the manager with a short name taken from the name, then opens Connect with them signed in', async () => {
    const fake = fakeApi({ connectionStatus: () => ok(fixtures.noConnection) }, { session: 'needs-setup' });
    const { user } = await renderApp(fake);
    await user.type(screen.getByLabelText('Your name'), 'Maria Lopez');
    expect(screen.getByLabelText<HTMLInputElement>('Short name').value).toBe('maria');
    await user.type(screen.getByLabelText('PIN'), STAFF_PIN);
    await user.type(screen.getByLabelText('Type the PIN again'), STAFF_PIN);
    await user.click(screen.getByRole('button', { name: 'Create my manager profile' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Connect to your practice' })).toBeTruthy();
    expect(fake.callsTo('setUp')).toEqual([{ name: 'maria', displayName: 'Maria Lopez', pin: STAFF_PIN }]);
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Unlocked by Maria Lopez (manager)');
    expect(screen.getByRole('link', { name: 'Staff' }).getAttribute('href')).toBe('#/staff');
  });
});

describe('the lock screen', () => {
  it('opens locked: who may unlock, why it is locked, the PIN field focused, and no patient data asked for', async () => {
    const fake = fakeApi({}, { session: 'locked' });
    await renderApp(fake, '#/patients/D16001/101');
    expect(screen.getByRole('heading', { level: 2, name: 'Practice Companion is locked' })).toBeTruthy();
    expect(screen.getByTestId('lock-reason').textContent).toBe('Practice Companion has just started.');
    const choices = within(screen.getByLabelText('Who is unlocking')).getAllByRole('option').map((option) => option.textContent);
    expect(choices).toEqual(['Choose your name', manager.displayName, frontDesk.displayName]);
    await waitFor(() => { expect(document.activeElement).toBe(pinField()); });
    expect(document.title).toBe('Locked \u2014 Practice Companion');
    for (const channel of ['patientDetail', 'searchPatients', 'offices', 'takeCaller', 'settings'] as const) expect(fake.callsTo(channel)).toEqual([]);
  });

  it('offers whoever locked it first', async () => {
    await renderApp(fakeApi({}, { session: { state: 'locked', reason: 'manual', lastProfileId: frontDesk.profileId } }));
    expect(screen.getByLabelText<HTMLSelectElement>('Who is unlocking').value).toBe(frontDesk.profileId);
    expect(screen.getByTestId('lock-reason').textContent).toBe('Locked with the Lock button.');
  });

  it('asks for a name before a PIN is tried on anyone', async () => {
    const fake = fakeApi({}, { session: 'locked' });
    const { user } = await renderApp(fake);
    await user.type(pinField(), STAFF_PIN);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose your name first.');
    expect(fake.callsTo('unlock')).toEqual([]);
  });

  it('unlocks with the right PIN and shows the screen the address names', async () => {
    const fake = fakeApi({}, { session: { state: 'locked', reason: 'manual', lastProfileId: manager.profileId } });
    const { user } = await renderApp(fake, '#/patients/D16001/101');
    await unlockAs(user, manager.displayName, STAFF_PIN);
    expect(await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' })).toBeTruthy();
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Unlocked by Dana Whitfield (manager)');
    expect(fake.callsTo('unlock')).toEqual([{ profileId: manager.profileId, pin: STAFF_PIN }]);
  });

  it('takes someone else to the patient search, not the screen the last person left', async () => {
    const fake = fakeApi({}, { session: { state: 'locked', reason: 'idle', lastProfileId: manager.profileId } });
    const { user } = await renderApp(fake, '#/patients/D16001/101');
    await unlockAs(user, frontDesk.displayName, STAFF_PIN);
    await waitFor(() => { expect(window.location.hash).toBe('#/patients'); });
    await waitFor(() => { expect(document.getElementById('patient-search')).not.toBeNull(); });
  });

  it('says a wrong PIN is wrong and how many tries are left, with the PIN field empty and focused again', async () => {
    const fake = fakeApi({}, { session: 'locked' });
    const { user } = await renderApp(fake);
    await unlockAs(user, frontDesk.displayName, OTHER_PIN);
    expect((await screen.findByRole('alert')).textContent).toBe('That PIN is not right. 4 more tries before this profile is locked for 5 minutes.');
    expect(pinField().value).toBe('');
    await waitFor(() => { expect(document.activeElement).toBe(pinField()); });
    expect(pinField().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: 'Practice Companion is locked' })).toBeTruthy();
  });

  it('says a profile is locked out after five wrong PINs, and until when', async () => {
    const fake = fakeApi({}, { session: 'locked' });
    const { user } = await renderApp(fake);
    await user.selectOptions(screen.getByLabelText('Who is unlocking'), frontDesk.displayName);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await user.type(pinField(), OTHER_PIN);
      await user.click(screen.getByRole('button', { name: 'Unlock' }));
      await waitFor(() => { expect(fake.callsTo('unlock')).toHaveLength(attempt + 1); });
    }
    const alert = await screen.findByRole('alert');
    await waitFor(() => { expect(alert.textContent).toMatch(/can try again at \d{1,2}:\d\d [AP]M/); });
    expect(alert.textContent).toContain('Too many wrong PINs for this profile. It can be used again in 5 minutes.');
    expect(alert.textContent).toContain(`${frontDesk.displayName} can try again at`);
    await user.type(pinField(), STAFF_PIN);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => { expect(fake.callsTo('unlock')).toHaveLength(6); });
    expect(screen.getByRole('heading', { level: 2, name: 'Practice Companion is locked' })).toBeTruthy();
  });

  it('warns that a profile is locked out as soon as it is chosen', async () => {
    const fake = fakeApi({}, { session: 'locked' });
    fake.staff.profiles = [manager, { ...frontDesk, lockedOutUntil: fixtures.NOW + 3 * 60_000 }];
    const { user } = await renderApp(fake);
    await user.selectOptions(screen.getByLabelText('Who is unlocking'), frontDesk.displayName);
    expect(screen.getByRole('main').textContent).toMatch(/Too many wrong PINs\. Sam Okafor can try again at \d{1,2}:\d\d [AP]M/);
    await user.selectOptions(screen.getByLabelText('Who is unlocking'), manager.displayName);
    expect(screen.getByRole('main').textContent).not.toContain('Too many wrong PINs');
  });

  it('says why it locked itself, with the idle minutes of the settings', async () => {
    const fake = fakeApi({ settings: () => ok({ ...fixtures.settings, idleLockMinutes: 15 }) });
    await renderApp(fake);
    await waitFor(() => { expect(fake.callsTo('settings')).toHaveLength(1); });
    lockedBy(fake, 'idle');
    expect(screen.getByTestId('lock-reason').textContent).toBe('Locked after 15 minutes without activity.');
  });
});

describe('what a lock leaves behind', () => {
  it('drops the search, the open patient and the offices from the store and the page when Lock is pressed', async () => {
    const fake = fakeApi();
    const { store, user } = await renderApp(fake, '#/patients/D16001/101');
    await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' });
    act(() => { store.getState().setSearchText('alv'); });
    await waitFor(() => { expect(store.getState().search.results).toHaveLength(2); });
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Practice Companion is locked' })).toBeTruthy();
    expect(fake.callsTo('lock')).toHaveLength(1);
    expectNoPatientData(store.getState());
    expect(screen.queryByRole('button', { name: 'Lock' })).toBeNull();
    expect(screen.getByTestId('lock-reason').textContent).toBe('Locked with the Lock button.');
  });

  it('drops the schedule, the household and the caller card when the main process locks (idle, screen lock)', async () => {
    const fake = fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('(512) 555-0143')) });
    const { store } = await renderApp(fake);
    await screen.findByRole('heading', { level: 2, name: 'Incoming call: (512) 555-0143' });
    go('#/household/D16001/G1');
    await waitFor(() => { expect(store.getState().household.state).toBe('ready'); });
    go('#/schedule?office=D16001&date=2025-03-04');
    await waitFor(() => { expect(store.getState().schedule.state).toBe('ready'); });
    lockedBy(fake, 'screen-locked');
    expect(screen.getByTestId('lock-reason').textContent).toBe('Locked because the computer\u2019s screen was locked.');
    expectNoPatientData(store.getState());
  });

  it('drops an answer that arrives after the lock', async () => {
    const late = deferred<Result<PatientDetail | null>>();
    const fake = fakeApi({ patientDetail: () => late.promise });
    const { store } = await renderApp(fake, '#/patients/D16001/101');
    await waitFor(() => { expect(fake.callsTo('patientDetail')).toHaveLength(1); });
    lockedBy(fake, 'idle');
    await act(async () => { late.resolve(ok(fixtures.itemAt(fixtures.details, 0))); await late.promise; });
    expectNoPatientData(store.getState());
  });

  it('drops the first person’s patient data when someone else unlocks', async () => {
    const fake = fakeApi();
    const { store } = await renderApp(fake, '#/patients/D16001/101');
    await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' });
    act(() => { store.getState().setSearchText('alv'); });
    await waitFor(() => { expect(store.getState().search.results).toHaveLength(2); });
    const sam: SessionView = { state: 'unlocked', profile: frontDesk, since: fixtures.NOW };
    fake.staff.view = sam;
    act(() => { fake.emit('session', sam); });
    expect(store.getState().search).toMatchObject({ text: '', results: [] });
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Unlocked by Sam Okafor');
    // What Sam sees, Sam asks for again: the main process audits it in Sam's name.
    await waitFor(() => { expect(fake.callsTo('patientDetail')).toHaveLength(2); });
  });
});

describe('a caller while locked', () => {
  it('shows only that the caller matched, and the card once someone unlocks', async () => {
    const fake = fakeApi({}, { session: { state: 'locked', reason: 'idle', lastProfileId: manager.profileId } });
    const { user, store } = await renderApp(fake);
    fake.handlers.peekCaller = () => ok({ locked: true, message: LOCKED_CALLER_MESSAGE });
    fake.handlers.takeCaller = () => ok(householdFixtures.callerCard('(512) 555-0143'));
    act(() => { fake.emit('caller', { callId: 1 }); });
    await waitFor(() => { expect(screen.getByTestId('locked-caller').textContent).toBe('Caller matched \u2014 unlock to view'); });
    expect(screen.getByTestId('locked-caller').getAttribute('role')).toBe('status');
    expect(fake.callsTo('takeCaller')).toEqual([]);
    expect(document.body.textContent).not.toContain('555');
    expectNoPatientData(store.getState());
    await unlockAs(user, manager.displayName, STAFF_PIN);
    expect(await screen.findByRole('heading', { level: 2, name: 'Incoming call: (512) 555-0143' })).toBeTruthy();
    expect(window.location.hash).toBe('#/caller');
    expect(screen.queryByTestId('locked-caller')).toBeNull();
  });

  it('looks up a caller from the harness address only after someone unlocks', async () => {
    const fake = fakeApi({}, { session: 'locked' });
    const { user } = await renderApp(fake, '', (store) => { void store.getState().lookupCaller('5125550143'); });
    expect(screen.getByTestId('locked-caller').textContent).toBe('A call came in \u2014 unlock to look it up');
    expect(fake.callsTo('callerLookup')).toEqual([]);
    await unlockAs(user, manager.displayName, STAFF_PIN);
    expect(await screen.findByRole('heading', { level: 2, name: 'Incoming call: (512) 555-0143' })).toBeTruthy();
    expect(fake.callsTo('callerLookup')).toEqual([{ number: '5125550143' }]);
  });
});

describe('the header and the staff screens', () => {
  it('gives a manager Staff and Audit, and the screens behind them', async () => {
    await renderApp(fakeApi(), '#/staff');
    const staffNav = screen.getByRole('navigation', { name: 'Staff' });
    expect(within(staffNav).getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([['Staff', '#/staff'], ['Audit', '#/audit']]);
    expect(within(staffNav).getByRole('link', { name: 'Staff' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 2, name: 'Staff and PINs' })).toBeTruthy();
    go('#/audit');
    await waitFor(() => { expect(document.title).toBe('Audit trail \u2014 Practice Companion'); });
  });

  it('gives staff a way to change their own PIN, and no audit trail', async () => {
    await renderApp(fakeApi({}, { session: { state: 'unlocked', profile: frontDesk, since: fixtures.NOW } }));
    const staffNav = screen.getByRole('navigation', { name: 'Staff' });
    expect(within(staffNav).getAllByRole('link').map((link) => link.textContent)).toEqual(['Change my PIN']);
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Unlocked by Sam Okafor');
  });
});

describe('settings for the lock', () => {
  it('sets the idle minutes after which the app locks', async () => {
    const fake = fakeApi();
    const { user, store } = await renderApp(fake, '#/settings');
    const idle = await screen.findByLabelText<HTMLSelectElement>('Lock Practice Companion when nobody uses this PC');
    expect(idle.value).toBe('10');
    await user.selectOptions(idle, 'After 15 minutes');
    expect(fake.callsTo('updateSettings')).toEqual([{ idleLockMinutes: 15 }]);
    await waitFor(() => { expect(store.getState().idleLockMinutes).toBe(15); });
  });

  it('keeps the manager’s parts of the settings from staff', async () => {
    const fake = fakeApi({}, { session: { state: 'unlocked', profile: frontDesk, since: fixtures.NOW } });
    await renderApp(fake, '#/settings');
    await screen.findByLabelText('Lock Practice Companion when nobody uses this PC');
    expect(screen.queryByRole('heading', { name: 'Offices' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Clear local data|Sign out|Leave the demo/ })).toBeNull();
    expect(fake.callsTo('authorizedOffices')).toEqual([]);
  });
});

describe('lock screen words', () => {
  it('says each reason in plain words', () => {
    expect(lockReasonText('idle', 1)).toBe('Locked after 1 minute without activity.');
    expect(lockReasonText('idle', null)).toBe('Locked after a while without activity.');
    expect(lockReasonText('suspend', 10)).toBe('Locked because the computer went to sleep.');
  });

  it('suggests a short name from a display name', () => {
    expect(suggestedShortName('  Maria Lopez ')).toBe('maria');
    expect(suggestedShortName('Dr. Ng')).toBe('dr.');
    expect(suggestedShortName('')).toBe('');
  });
});
