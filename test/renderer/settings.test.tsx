import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './setup';
import { fakeApi, ok } from './fakeApi';
import * as fixtures from './fixtures';
import { renderApp } from './renderApp';

describe('settings', () => {
  it('changes the sync interval and start at login', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/settings');
    await user.selectOptions(await screen.findByLabelText('Sync with Sikka'), 'Every 30 minutes');
    await user.click(screen.getByRole('checkbox', { name: /Start Practice Companion/ }));
    expect(fake.callsTo('updateSettings')).toEqual([{ syncIntervalMinutes: 30 }, { startAtLogin: true }]);
  });

  it('sets when the data counts as behind, and 12- or 24-hour times, which every screen follows at once', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/settings');
    expect(screen.getByTestId('data-as-of').textContent).toBe('Up to date \u00b7 data as of 8:12 AM CT (48 min ago)');
    await user.selectOptions(await screen.findByLabelText('Say the practice\u2019s data is behind'), 'After 2 hours');
    await user.selectOptions(screen.getByLabelText('Show times'), '24-hour (14:00)');
    expect(fake.callsTo('updateSettings')).toEqual([{ freshnessAmberHours: 2 }, { clock: '24h' }]);
    await waitFor(() => { expect(screen.getByTestId('data-as-of').textContent).toBe('Up to date \u00b7 data as of 08:12 CT (48 min ago)'); });
  });

  it('pauses and resumes syncing', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/settings');
    await user.click(screen.getByRole('button', { name: 'Pause syncing' }));
    expect(await screen.findByRole('button', { name: 'Resume syncing' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume syncing' }));
    expect(fake.callsTo('setSyncPaused')).toEqual([{ paused: true }, { paused: false }]);
  });

  it('chooses some offices', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/settings');
    const picker = await screen.findByRole('group', { name: 'Offices to copy to this PC' });
    await user.click(within(picker).getByRole('radio', { name: 'Only the offices ticked below' }));
    await user.click(within(picker).getByRole('checkbox', { name: /Maple Grove North/ }));
    await user.click(screen.getByRole('button', { name: 'Save offices' }));
    expect(fake.callsTo('chooseOffices')).toEqual([{ offices: ['D16001'] }]);
    expect(await screen.findByText('Saved. The next sync copies the offices chosen.')).toBeTruthy();
  });

  it('clears the copy only after confirming, with the safe choice focused', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/settings');
    await user.click(screen.getByRole('button', { name: 'Clear local data\u2026' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep it' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(fake.callsTo('clearLocalData')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Clear local data\u2026' }));
    await user.click(screen.getByRole('button', { name: 'Remove the copy' }));
    expect(fake.callsTo('clearLocalData')).toEqual([{}]);
    expect(await screen.findByText(/The copy on this PC was removed\./)).toBeTruthy();
  });

  it('signs out and shows which offices Sikka could not be told about', async () => {
    let connection = fixtures.sikkaConnection;
    const fake = fakeApi({
      connectionStatus: () => ok(connection),
      signOut: () => {
        connection = fixtures.noConnection;
        return ok({ revokedOffices: ['V20417'], notRevoked: [{ officeId: 'D16001', code: 'NETWORK_UNREACHABLE', message: 'Sikka could not be reached.' }] });
      },
    });
    const { user } = await renderApp(fake, '#/settings');
    await user.click(screen.getByRole('button', { name: 'Sign out\u2026' }));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => { expect(screen.getByRole('heading', { level: 2, name: 'Connect to your practice' })).toBeTruthy(); });
    const report = screen.getByText('Signed out. The keys were removed from this PC.').parentElement;
    expect(report?.textContent).toContain('Office D16001: Sikka could not be reached.');
    expect(report?.textContent).toContain('Sikka portal');
  });
});
