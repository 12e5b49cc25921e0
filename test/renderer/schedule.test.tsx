import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './setup';
import { fail, fakeApi } from './fakeApi';
import { renderApp } from './renderApp';

const title = (): string => screen.getByTestId('schedule-title').textContent;

describe('the schedule', () => {
  it('opens on the first office’s today, in the office’s time zone, by provider', async () => {
    const fake = fakeApi();
    await renderApp(fake, '#/schedule');
    await waitFor(() => { expect(title()).toContain('Tuesday, March 4, 2025 (today)'); });
    expect(fake.callsTo('daySchedule')).toEqual([{ officeId: 'D16001', date: '2025-03-04', groupBy: 'provider' }]);
    expect(screen.getByTestId('schedule-count').textContent).toBe('3 appointments, 2 providers.');
  });

  it('steps to the previous and next day and back to today', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/schedule?office=D16001&date=2025-03-04');
    await user.click(screen.getByRole('button', { name: /Next day/ }));
    await waitFor(() => { expect(title()).toContain('Wednesday, March 5, 2025'); });
    expect(window.location.hash).toBe('#/schedule?office=D16001&date=2025-03-05');
    await user.click(screen.getByRole('button', { name: /Previous day/ }));
    await user.click(screen.getByRole('button', { name: /Previous day/ }));
    await waitFor(() => { expect(title()).toContain('Monday, March 3, 2025'); });
    await user.click(screen.getByRole('button', { name: 'Today' }));
    await waitFor(() => { expect(title()).toContain('(today)'); });
    expect(screen.getByRole('button', { name: 'Today' }).hasAttribute('disabled')).toBe(true);
    expect(fake.callsTo('daySchedule').map((call) => (call as { date: string }).date)).toEqual(['2025-03-04', '2025-03-05', '2025-03-04', '2025-03-03', '2025-03-04']);
  });

  it('groups by operatory when asked', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/schedule?office=D16001&date=2025-03-04');
    await user.click(screen.getByRole('radio', { name: 'By operatory' }));
    await waitFor(() => { expect(screen.getByRole('region', { name: 'OP-2 (1)' })).toBeTruthy(); });
    expect(fake.callsTo('daySchedule').at(-1)).toEqual({ officeId: 'D16001', date: '2025-03-04', groupBy: 'operatory' });
  });

  it('shows each appointment’s status and opens the patient from it', async () => {
    const { user } = await renderApp(fakeApi(), '#/schedule?office=D16001&date=2025-03-04');
    const column = await screen.findByRole('region', { name: 'Dr. Nora Quinn (2)' });
    expect(within(column).getByText('Broken').className).toContain('badge-danger');
    expect(within(column).getByText('Confirmed').className).toContain('badge-good');
    await user.click(within(column).getByRole('link', { name: /Mark Alvarez/ }));
    await waitFor(() => { expect(window.location.hash).toBe('#/patients/D16001/102'); });
  });

  it('shows an appointment without a patient record, but not as a link', async () => {
    await renderApp(fakeApi(), '#/schedule?office=D16001&date=2025-03-04');
    const column = await screen.findByRole('region', { name: 'Lee Park, RDH (1)' });
    expect(column.textContent).toContain('Walk-in');
    expect(within(column).queryByRole('link')).toBeNull();
  });

  it('switches office', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/schedule?office=D16001&date=2025-03-04');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Office' }), 'V20417');
    await waitFor(() => { expect(title()).toContain('Riverbend Animal Hospital'); });
    expect(fake.callsTo('daySchedule').at(-1)).toEqual({ officeId: 'V20417', date: '2025-03-04', groupBy: 'provider' });
  });

  it('says when a day has no appointments', async () => {
    await renderApp(fakeApi({ daySchedule: ({ officeId, date, groupBy }) => ({ ok: true, value: { officeId, date, groupBy, columns: [], appointmentCount: 0 } }) }), '#/schedule?office=D16001&date=2025-03-09');
    expect(await screen.findByText('No appointments on this day.')).toBeTruthy();
    expect(screen.getByTestId('schedule-count').textContent).toBe('No appointments.');
  });

  it('shows the error in plain words', async () => {
    await renderApp(fakeApi({ daySchedule: () => fail('CACHE_NOT_FOUND', 'Nothing has been copied to this PC yet.') }), '#/schedule?office=D16001&date=2025-03-04');
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing has been copied to this PC yet.');
  });
});
