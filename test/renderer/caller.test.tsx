import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { takeCallerFromAddress } from '../../renderer/ipc/companion';
import { parseRoute, routeHash } from '../../renderer/routing';
import { callerSummary, householdMatchText, matchedPhonesText } from '../../renderer/view/household';
import './setup';
import { fail, fakeApi, ok, statusWith } from './fakeApi';
import * as fixtures from './fixtures';
import * as householdFixtures from './householdFixtures';
import { go, renderApp } from './renderApp';

const card = (): HTMLElement => screen.getByTestId('caller-card');
const households = (): HTMLElement[] => screen.getAllByTestId('caller-household');
const announcement = (): string => screen.getByTestId('caller-announcement').textContent;

describe('the caller card', () => {
  it('comes forward when a phone client announces a call: focused, announced, the household with each member’s next appointment', async () => {
    const fake = fakeApi();
    const { store } = await renderApp(fake);
    fake.handlers.takeCaller = () => ok(householdFixtures.callerCard('(512) 555-0143'));
    act(() => { fake.emit('caller', { callId: 1 }); });
    const heading = await screen.findByRole('heading', { level: 2, name: 'Incoming call: (512) 555-0143' });
    await waitFor(() => { expect(document.activeElement).toBe(heading); });
    expect(window.location.hash).toBe('#/caller');
    expect(announcement()).toBe('Incoming call. 2 people in 1 household have (512) 555-0143.');
    const [alvarez] = households();
    expect(within(alvarez ?? card()).getByRole('heading', { level: 3 }).textContent).toContain('Maria Alvarez');
    expect(alvarez?.textContent).toContain('This number is Maria Alvarez\u2019s cell.');
    const rows = within(alvarez ?? card()).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['Maria Alvarez Guarantor', 'cell', 'Tue, Mar 18, 2025 at 10:15 AM', 'Nov 2, 2024', 'Active'],
      ['Mark Alvarez', 'cell', 'None booked', 'Aug 12, 2024', 'Inactive'],
    ]);
    expect(within(alvarez ?? card()).getByRole('link', { name: 'Maria Alvarez' }).getAttribute('href')).toBe('#/patients/D16001/101');
    expect(within(alvarez ?? card()).getByRole('link', { name: 'Open Maria Alvarez\u2019s household' }).getAttribute('href')).toBe('#/household/D16001/G1');
    expect(store.getState().callerArrivals).toBe(1);
  });

  it('says whether what it shows is up to date, and which link is behind when not', async () => {
    const fresh = fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('(512) 555-0143')) });
    await renderApp(fresh);
    expect((await screen.findByTestId('caller-freshness')).textContent).toBe('Up to date \u00b7 Dentrix last read by Sikka 48 min ago \u00b7 Last copied to this PC 5 min ago');
  });

  it('warns, naming the link, when Sikka last read the practice system hours ago', async () => {
    const office = fixtures.itemAt(fixtures.syncStatus().offices, 0);
    const spc = { ...office.spc, refreshedAt: { local: '2025-03-04 04:00:00', timeZone: 'Central Standard Time', at: fixtures.NOW - 5 * 3_600_000 } };
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { spc })), takeCaller: () => ok(householdFixtures.callerCard('(512) 555-0143')) }));
    const note = await screen.findByTestId('caller-freshness');
    expect(note.getAttribute('role')).toBe('note');
    expect(note.textContent).toBe('May be out of date. Dentrix last read by Sikka 5 h ago. Confirm recent bookings in the practice system.');
  });

  it('shows a caller that started the app once it is open', async () => {
    await renderApp(fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('617-555-0188')) }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Incoming call: (617) 555-0188' })).toBeTruthy();
  });

  it('speaks of pets and their owner in a veterinary household', async () => {
    await renderApp(fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('6175550188')) }));
    const [fox] = await screen.findAllByTestId('caller-household');
    expect(within(fox ?? card()).getByRole('heading', { level: 3 }).textContent).toContain('Jordan Alvarado Owner');
    expect(within(fox ?? card()).getByRole('columnheader', { name: 'Pet' })).toBeTruthy();
    expect(fox?.textContent).toContain('This number is Jordan Alvarado\u2019s home phone.');
    expect(within(fox ?? card()).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Biscuit Canine', 'Pepper Feline']);
  });

  it('lists every household that shares the number', async () => {
    const two = householdFixtures.callerCard('5125550143');
    const [alvarez] = two.households;
    if (alvarez === undefined) throw new Error('fixture');
    await renderApp(fakeApi({ takeCaller: () => ok({ ...two, households: [alvarez, householdFixtures.alvarado], matchedPeople: 4 }) }));
    await waitFor(() => { expect(households()).toHaveLength(2); });
    expect(screen.getByTestId('caller-summary').textContent).toBe('4 people in 2 households have (512) 555-0143.');
  });

  it('says when no one has the number, and offers a search by name', async () => {
    await renderApp(fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('(999) 555-0000')) }));
    expect(await screen.findByText('No one in the copy on this PC has (999) 555-0000.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Search by name' }).getAttribute('href')).toBe('#/patients');
    expect(announcement()).toBe('Incoming call. No one in the copy on this PC has (999) 555-0000.');
  });

  it('says nothing was looked up when the phone system sent no phone number', async () => {
    await renderApp(fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('<script>alert(1)</script>')) }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Incoming call' })).toBeTruthy();
    expect(card().textContent).toContain('not a phone number, so nothing was looked up');
    expect(document.body.innerHTML).not.toContain('<script>alert');
  });

  it('looks up the number a phone client put in the harness address', async () => {
    const fake = fakeApi();
    const { store } = await renderApp(fake);
    await act(async () => { await store.getState().lookupCaller('+1 512 555 0143'); });
    expect(fake.callsTo('callerLookup')).toEqual([{ number: '+1 512 555 0143' }]);
    expect(await screen.findByRole('heading', { level: 2, name: 'Incoming call: (512) 555-0143' })).toBeTruthy();
  });

  it('shows the error in plain words when the lookup fails', async () => {
    const fake = fakeApi({ callerLookup: () => fail('CACHE_NOT_FOUND', 'There is no local copy in this folder yet.') });
    const { store } = await renderApp(fake);
    await act(async () => { await store.getState().lookupCaller('5125550143'); });
    expect((await screen.findByRole('alert')).textContent).toContain('There is no local copy in this folder yet.');
    expect(announcement()).toBe('Incoming call: the caller could not be looked up.');
  });

  it('waits quietly at #/caller before any call', async () => {
    await renderApp(fakeApi(), '#/caller');
    expect(await screen.findByText('No call yet.')).toBeTruthy();
    expect(announcement()).toBe('');
  });

  it('forgets the caller when the practice is signed out', async () => {
    const fake = fakeApi({ takeCaller: () => ok(householdFixtures.callerCard('5125550143')) });
    const { store } = await renderApp(fake);
    await waitFor(() => { expect(store.getState().caller.state).toBe('ready'); });
    await act(async () => { await store.getState().signOut(); });
    expect(store.getState().caller).toEqual({ state: 'idle' });
  });
});

describe('households', () => {
  it('lists a guarantor’s contact and everyone they are responsible for', async () => {
    await renderApp(fakeApi(), '#/household/D16001/G1');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' });
    await waitFor(() => { expect(document.activeElement).toBe(heading); });
    expect(screen.getByRole('heading', { level: 3, name: 'Everyone Maria Alvarez is responsible for (2)' })).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Contact' })).getByText('(512) 555-0143')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Patient #101' }).getAttribute('href')).toBe('#/patients/D16001/101');
    expect(screen.queryByRole('columnheader', { name: 'This number' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Tue, Mar 18, 2025 at 10:15 AM' }).getAttribute('href')).toBe('#/schedule?office=D16001&date=2025-03-18');
  });

  it('lists an owner’s pets', async () => {
    await renderApp(fakeApi(), '#/household/V20417/O7');
    expect(await screen.findByRole('heading', { level: 3, name: 'Jordan Alvarado\u2019s pets (2)' })).toBeTruthy();
    expect(screen.getAllByText('Owner').length).toBeGreaterThan(0);
  });

  it('says so for a guarantor the copy does not hold', async () => {
    await renderApp(fakeApi(), '#/household/V20417/O404');
    expect(await screen.findByText('This owner is not in the copy on this PC.')).toBeTruthy();
  });

  it('is linked from a patient’s record', async () => {
    await renderApp(fakeApi(), '#/patients/V20417/501');
    const link = await screen.findByRole('link', { name: 'All their pets' });
    expect(link.getAttribute('href')).toBe('#/household/V20417/O7');
    go('#/patients/D16001/101');
    expect((await screen.findByRole('link', { name: 'Everyone they are responsible for' })).getAttribute('href')).toBe('#/household/D16001/G1');
  });

  it('are offered beside search results when the words name a guarantor or owner', async () => {
    const { user } = await renderApp(fakeApi({
      searchPatients: () => ok({ results: [], truncated: false, households: [{ officeId: 'V20417', guarantorId: 'O7', role: 'owner', displayName: 'Jordan Alvarado', memberCount: 2 }] }),
    }));
    await user.type(screen.getByRole('combobox', { name: /^Find/ }), 'jordan');
    const matches = await screen.findByRole('navigation', { name: 'Matching households' });
    expect(within(matches).getByRole('link', { name: 'Jordan Alvarado' }).getAttribute('href')).toBe('#/household/V20417/O7');
    expect(matches.textContent).toContain('owner \u00b7 2 pets');
  });
});

describe('caller and household words and addresses', () => {
  it('writes which phones matched', () => {
    expect(matchedPhonesText([{ field: 'home', lastSevenOnly: false, extension: null }, { field: 'work', lastSevenOnly: true, extension: '12' }]))
      .toBe('home phone, work phone ext. 12 (last seven digits only)');
  });

  it('sums a card up for the announcement', () => {
    expect(callerSummary(householdFixtures.callerCard('6175550188'))).toBe('1 person and 2 pets in 1 household have (617) 555-0188.');
    expect(callerSummary({ ...householdFixtures.callerCard('6175550188'), truncated: true })).toContain('More have this number than are shown.');
    expect(callerSummary(householdFixtures.callerCard('nope'))).toContain('nothing was looked up');
  });

  it('counts a household’s members in the practice’s words', () => {
    expect(householdMatchText({ officeId: 'D1', guarantorId: 'G1', role: 'guarantor', displayName: 'A', memberCount: 1 })).toBe('guarantor \u00b7 1 patient');
  });

  it('routes to the caller card and to households by ids only', () => {
    expect(parseRoute('#/caller')).toEqual({ screen: 'caller' });
    expect(parseRoute('#/household/D16001/G%201')).toEqual({ screen: 'household', officeId: 'D16001', guarantorId: 'G 1' });
    expect(parseRoute('#/household/D16001')).toEqual({ screen: 'patients', officeId: null, patientId: null });
    expect(routeHash({ screen: 'household', officeId: 'D16001', guarantorId: 'G 1' })).toBe('#/household/D16001/G%201');
  });

  it('takes a caller out of the harness address, keeping the token and a leading +', () => {
    window.history.replaceState(null, '', '/#token=abcdefghijklmnopqrstuvwxyz&caller=%2B44%2020%207946%200958');
    expect(takeCallerFromAddress()).toBe('+44 20 7946 0958');
    expect(window.location.hash).toBe('#token=abcdefghijklmnopqrstuvwxyz');
    window.history.replaceState(null, '', '/#caller=+12175550100');
    expect(takeCallerFromAddress()).toBe('+12175550100');
    expect(window.location.hash).toBe('');
    window.history.replaceState(null, '', `/#caller=${'2'.repeat(65)}`);
    expect(takeCallerFromAddress()).toBeUndefined();
    window.history.replaceState(null, '', '/#caller=%E0%A4%A');
    expect(takeCallerFromAddress()).toBeUndefined();
    window.history.replaceState(null, '', '/#/patients');
    expect(takeCallerFromAddress()).toBeUndefined();
    expect(window.location.hash).toBe('#/patients');
  });
});
