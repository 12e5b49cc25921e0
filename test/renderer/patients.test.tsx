import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RESULTS_ID, resultOptionId } from '../../renderer/screens/patients/ResultList';
import './setup';
import { fail, fakeApi, ok } from './fakeApi';
import * as fixtures from './fixtures';
import { renderApp } from './renderApp';

const searchBox = (): HTMLInputElement => screen.getByRole('combobox', { name: /^Find/ });
const countText = (): string => screen.getByTestId('result-count').textContent;
const resultRows = (): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(`#${RESULTS_ID} [role="option"]`)];

describe('during the first copy', () => {
  it('says what is being copied instead of "nothing here", and that a search may find more once it is done', async () => {
    const status = fixtures.syncStatus();
    const copying = { ...status, running: true, offices: status.offices.map((office) => ({ ...office, state: 'syncing' as const, lastSuccessAt: null })) };
    const fake = fakeApi({ offices: () => ok([]), syncStatus: () => ok(copying), searchPatients: () => ok({ results: [], truncated: false, households: [] }) });
    const { user } = await renderApp(fake);
    act(() => { fake.emit('sync', { type: 'progress', progress: { officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 2310, rowsTotal: 6000 } }); });
    expect(screen.getByTestId('first-copy').textContent).toContain('Copying Maple Grove Family Dental: patients 2,310 of 6,000');
    expect(screen.queryByText('Nothing has been copied to this PC yet.')).toBeNull();
    await user.type(searchBox(), 'zz');
    await waitFor(() => { expect(countText()).toBe('No patients match \u201czz\u201d. The first copy is still running, so more may appear.'); });
    expect(document.querySelector('.first-copy-progress')?.textContent).toBe('Copying Maple Grove Family Dental: patients 2,310 of 6,000');
  });
});

describe('patient search', () => {
  it('lists matches as staff type, with a count for screen readers', async () => {
    const { user } = await renderApp(fakeApi());
    await user.type(searchBox(), 'alvarez');
    await waitFor(() => { expect(countText()).toBe('2 patients and pets found.'); });
    const options = within(screen.getByRole('listbox', { name: 'Matching patients and pets' })).getAllByRole('option');
    expect(options.map((option) => option.querySelector('.result-name')?.textContent)).toEqual(['Maria Alvarez', 'Mark Alvarez\u00a0“Marky”'.replace('\u00a0', ' ')]);
    expect(options[0]?.textContent).toContain('(512) 555-0143');
  });

  it('starts with the search box focused', async () => {
    await renderApp(fakeApi());
    expect(document.activeElement).toBe(searchBox());
  });

  it('moves the highlight with the arrow keys and tells assistive technology which row it is on', async () => {
    const { user } = await renderApp(fakeApi());
    await user.type(searchBox(), 'alvarez');
    await waitFor(() => { expect(searchBox().getAttribute('aria-activedescendant')).toBe(resultOptionId(0)); });
    await user.keyboard('{ArrowDown}');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(resultOptionId(1));
    expect(document.getElementById(resultOptionId(1))?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(resultOptionId(0));
  });

  it('opens the highlighted patient with Enter and moves focus to their name', async () => {
    const { user } = await renderApp(fakeApi());
    await user.type(searchBox(), 'maria');
    await waitFor(() => { expect(countText()).toBe('1 patient or pet found.'); });
    await user.keyboard('{Enter}');
    await waitFor(() => { expect(window.location.hash).toBe('#/patients/D16001/101'); });
    const heading = await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' });
    await waitFor(() => { expect(document.activeElement).toBe(heading); });
    expect(screen.getByTestId('next-appointment').textContent).toContain('Tue, Mar 18, 2025 at 10:15 AM');
  });

  it('opens a patient with a click', async () => {
    const { user } = await renderApp(fakeApi());
    await user.type(searchBox(), 'biscuit');
    await user.click(await screen.findByRole('option', { name: /Biscuit/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Biscuit' })).toBeTruthy();
  });

  it('says plainly when nothing matches', async () => {
    const { user } = await renderApp(fakeApi());
    await user.type(searchBox(), 'zzz');
    await waitFor(() => { expect(countText()).toBe('No patients and pets match \u201czzz\u201d.'); });
    expect(resultRows()).toEqual([]);
  });

  it('shows the search’s error in the words the app chose', async () => {
    const { user } = await renderApp(fakeApi({ searchPatients: () => fail('CACHE_NOT_FOUND', 'Nothing has been copied to this PC yet. The first sync brings the practice’s data.') }));
    await user.type(searchBox(), 'mar');
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing has been copied to this PC yet.');
  });

  it('clears the search with Escape', async () => {
    const { user } = await renderApp(fakeApi());
    await user.type(searchBox(), 'alvarez');
    await screen.findByRole('option', { name: /^Maria Alvarez/ });
    await user.keyboard('{Escape}');
    expect(searchBox().value).toBe('');
    expect(resultRows()).toEqual([]);
  });

  it('renders only the rows in view of a long result list', async () => {
    const many = Array.from({ length: 200 }, (_, index) => ({ ...fixtures.itemAt(fixtures.searchResults, 0), patientId: String(index), displayName: `Patient ${index}` }));
    const { user } = await renderApp(fakeApi({ searchPatients: () => ok({ results: many, truncated: true, households: [] }) }));
    await user.type(searchBox(), 'pa');
    await waitFor(() => { expect(countText()).toBe('Showing the first 200 patients and pets; type more to narrow the search.'); });
    const rendered = resultRows();
    expect(rendered.length).toBeLessThan(30);
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('200');
  });
});

describe('a patient’s record', () => {
  it('shows a person’s contact, guarantor, provider, visits and appointments', async () => {
    await renderApp(fakeApi(), '#/patients/D16001/101');
    const record = await screen.findByRole('article');
    const text = record.textContent;
    expect(text).toContain('Date of birth');
    expect(text).toContain('Mar 14, 1985 (age 39)');
    expect(within(record).getByRole('region', { name: 'Guarantor' }).textContent).toContain('Maria Alvarez');
    expect(text).toContain('Dr. Nora Quinn');
    expect(text).toContain('First visit');
    expect(within(record).getByRole('table', { name: 'Upcoming appointments' }).textContent).toContain('Crown seat');
    expect(within(record).getByRole('table', { name: 'Past appointments, most recent first' }).textContent).toContain('Completed');
  });

  it('shows a pet with species, breed, weight and unit, colour, and the owner', async () => {
    await renderApp(fakeApi(), '#/patients/V20417/501');
    const record = await screen.findByRole('article');
    const pet = within(record).getByRole('region', { name: 'Pet' });
    expect(pet.textContent).toContain('Canine');
    expect(pet.textContent).toContain('Beagle');
    expect(pet.textContent).toContain('24.5 lb');
    expect(pet.textContent).toContain('Tricolor');
    expect(within(record).getByRole('region', { name: 'Owner' }).textContent).toContain('Jordan Alvarado');
    expect(within(record).queryByRole('region', { name: 'Guarantor' })).toBeNull();
    expect(record.textContent).toContain('No upcoming appointment.');
  });

  it('says when the record is not in the copy', async () => {
    await renderApp(fakeApi(), '#/patients/V20417/999');
    expect(await screen.findByText('This pet is not in the copy on this PC.')).toBeTruthy();
  });

  it('offers to try again after an error', async () => {
    let answers = 0;
    const { user } = await renderApp(
      fakeApi({ patientDetail: () => (++answers === 1 ? fail('INTERNAL_ERROR', 'Something went wrong inside Practice Companion.') : ok(fixtures.itemAt(fixtures.details, 0))) }),
      '#/patients/D16001/101',
    );
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' })).toBeTruthy();
  });
});
