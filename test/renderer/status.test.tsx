import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import './setup';
import { fail, fakeApi, ok, statusWith } from './fakeApi';
import * as fixtures from './fixtures';
import { renderApp } from './renderApp';

const HOUR = 3_600_000;

describe('the status screen', () => {
  it('shows each office’s PMS, its refresh in the office’s zone, SPC times and counts', async () => {
    await renderApp(fakeApi(), '#/status');
    const dental = await screen.findByTestId('office-status-D16001');
    expect(dental.textContent).toContain('Dentrix G7.2');
    expect(dental.textContent).toContain('08:12 CT, 48 min ago');
    expect(dental.textContent).toContain('SPC last uploaded data');
    expect(within(dental).getByRole('table', { name: 'On this PC' }).textContent).toContain('Patients2,000');
    const vet = screen.getByTestId('office-status-V20417');
    expect(vet.textContent).toContain('09:40 ET, 20 min ago');
    expect(within(vet).getByRole('table', { name: 'On this PC' }).textContent).toContain('Pets2,000');
    expect(within(vet).getByRole('table', { name: 'On this PC' }).textContent).toContain('Owners');
  });

  it('warns when the practice’s data is more than 24 hours old', async () => {
    const office = fixtures.itemAt(fixtures.syncStatus().offices, 0);
    const stale = { ...office.spc, refreshedAt: { local: '2025-03-02 08:00:00', timeZone: 'Central Standard Time', at: fixtures.NOW - 49 * HOUR } };
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { spc: stale })) }), '#/status');
    const dental = await screen.findByTestId('office-status-D16001');
    expect(within(dental).getByRole('note').textContent).toContain('Practice data is more than 24 hours old.');
    expect(within(screen.getByTestId('office-status-V20417')).queryByRole('note')).toBeNull();
  });

  it('explains the last error in plain words', async () => {
    const lastError = { code: 'API2010', explanation: 'The practice’s Sikka agent (SPC) was installed less than 4 hours ago and has not uploaded data yet.', at: fixtures.NOW - HOUR };
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { state: 'waiting-for-data', lastError })) }), '#/status');
    const dental = await screen.findByTestId('office-status-D16001');
    expect(dental.textContent).toContain('Waiting for the practice’s first upload');
    expect(dental.textContent).toContain('has not uploaded data yet');
  });

  it('starts a sync with Sync now', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/status');
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect(fake.callsTo('syncNow')).toEqual([{}]);
    expect(screen.getByRole('button', { name: 'Syncing\u2026' }).hasAttribute('disabled')).toBe(true);
  });

  it('says why Sync now failed', async () => {
    const { user } = await renderApp(fakeApi({ syncNow: () => fail('SYNC_PAUSED', 'Syncing is paused. Resume it in Settings first.') }), '#/status');
    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Syncing is paused. Resume it in Settings first.');
  });

  it('shows live progress from the sync event and announces the resource', async () => {
    const fake = fakeApi();
    await renderApp(fake, '#/status');
    await screen.findByTestId('office-status-D16001');
    act(() => {
      fake.emit('syncStatus', statusWith({ running: true }, { state: 'syncing' }));
      fake.emit('sync', { type: 'run-started', at: fixtures.NOW });
      fake.emit('sync', { type: 'progress', progress: { officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 1200, rowsTotal: 2000 } });
    });
    const bar = screen.getByRole('progressbar', { name: 'Downloading patients: 1,200 of 2,000' });
    expect(bar.getAttribute('value')).toBe('1200');
    expect(screen.getByTestId('sync-announcement').textContent).toBe('Syncing patients for office D16001.');
    expect(screen.getByTestId('office-status-D16001').textContent).toContain('Syncing');
    act(() => {
      fake.emit('sync', { type: 'run-finished', summary: { startedAt: fixtures.NOW, finishedAt: fixtures.NOW, offices: [], error: null } });
      fake.emit('syncStatus', fixtures.syncStatus());
    });
    await waitFor(() => { expect(screen.queryByRole('progressbar')).toBeNull(); });
    expect(screen.getByTestId('sync-announcement').textContent).toBe('');
  });

  it('says when syncing is paused', async () => {
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({ paused: true })) }), '#/status');
    expect((await screen.findByText('Paused (resume in Settings)'))).toBeTruthy();
  });

  it('shows why the status could not be read', async () => {
    await renderApp(fakeApi({ syncStatus: () => fail('CACHE_NOT_FOUND', 'Nothing has been copied to this PC yet.') }), '#/status');
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing has been copied to this PC yet.');
  });
});
