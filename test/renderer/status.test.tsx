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
    expect(dental.textContent).toContain('8:12 AM CT, 48 min ago');
    expect(within(dental).getByText('Up to date')).toBeTruthy();
    expect(dental.textContent).toContain('SPC last uploaded data');
    expect(within(dental).getByRole('table', { name: 'On this PC' }).textContent).toContain('Patients2,000');
    const vet = screen.getByTestId('office-status-V20417');
    expect(vet.textContent).toContain('9:40 AM ET, 20 min ago');
    expect(within(vet).getByRole('table', { name: 'On this PC' }).textContent).toContain('Pets2,000');
    expect(within(vet).getByRole('table', { name: 'On this PC' }).textContent).toContain('Owners');
  });

  it('says the office is behind, and which link, when Sikka last read the practice system hours ago', async () => {
    const office = fixtures.itemAt(fixtures.syncStatus().offices, 0);
    const stale = { ...office.spc, refreshedAt: { local: '2025-03-04 04:00:00', timeZone: 'Central Standard Time', at: fixtures.NOW - 5 * HOUR } };
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { spc: stale })) }), '#/status');
    const dental = await screen.findByTestId('office-status-D16001');
    expect(within(dental).getByText('Behind').className).toContain('badge-warning');
    expect(within(dental).queryByText('Up to date')).toBeNull();
    expect(within(dental).getByRole('note').textContent).toBe('Dentrix last read by Sikka 5 h ago. Recent changes in the practice may be missing here. Check that the Sikka agent (SPC) is running on the practice’s server.');
    expect(within(screen.getByTestId('office-status-V20417')).queryByRole('note')).toBeNull();
  });

  it('says an office is a day behind, and shows Sikka’s data sync status', async () => {
    const office = fixtures.itemAt(fixtures.syncStatus().offices, 0);
    const spc = { ...office.spc, dataSyncStatus: { status: 'not_refresh', refreshing: false, checkedAt: fixtures.NOW - 60_000 } };
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { spc })) }), '#/status');
    const dental = await screen.findByTestId('office-status-D16001');
    expect(within(dental).getByText('A day behind').className).toContain('badge-danger');
    expect(within(dental).getByRole('note').textContent).toMatch(/^Sikka reports it cannot read Dentrix \(last read 48 min ago\)\./);
    expect(dental.textContent).toContain('Sikka’s data sync status“not_refresh”');
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
    const bar = screen.getByRole('progressbar', { name: 'Copying Maple Grove Family Dental: patients 1,200 of 2,000' });
    expect(bar.getAttribute('value')).toBe('1200');
    expect(screen.getByTestId('sync-announcement').textContent).toBe('Copying Maple Grove Family Dental: patients.');
    expect(screen.getByTestId('office-status-D16001').textContent).toContain('Syncing');
    act(() => {
      fake.emit('sync', { type: 'run-finished', summary: { startedAt: fixtures.NOW, finishedAt: fixtures.NOW, offices: [], error: null } });
      fake.emit('syncStatus', fixtures.syncStatus());
    });
    await waitFor(() => { expect(screen.queryByRole('progressbar')).toBeNull(); });
    expect(screen.getByTestId('sync-announcement').textContent).toBe('');
  });

  it('moves the counts on this PC with a first copy, and says what is being copied before any office is known', async () => {
    const fake = fakeApi({ syncStatus: () => ok({ ...fixtures.syncStatus(), running: true, offices: [] }) });
    await renderApp(fake, '#/status');
    expect((await screen.findByTestId('first-copy')).textContent).toContain('Starting the first copy: asking Sikka for the practice’s offices…');
    const empty = { practices: 0, providers: 0, guarantors: 0, patients: 0, appointments: 0 };
    act(() => {
      fake.emit('syncStatus', statusWith({ running: true }, { state: 'syncing', lastSuccessAt: null, counts: empty }));
      fake.emit('sync', { type: 'progress', progress: { officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 2310, rowsTotal: 6000 } });
    });
    const dental = screen.getByTestId('office-status-D16001');
    expect(within(dental).getByRole('table', { name: 'On this PC' }).textContent).toContain('Patients2,310');
    act(() => { fake.emit('sync', { type: 'progress', progress: { officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 4310, rowsTotal: 6000 } }); });
    expect(within(dental).getByRole('table', { name: 'On this PC' }).textContent).toContain('Patients4,310');
    expect(screen.getByTestId('data-as-of').textContent).toBe('Not synced yet');
    expect(screen.getByText('Copying Maple Grove Family Dental: patients 4,310 of 6,000', { selector: '.syncing' })).toBeTruthy();
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
