import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../renderer/components/ErrorBoundary';
import './setup';
import { fail, fakeApi, ok, statusWith } from './fakeApi';
import * as fixtures from './fixtures';
import { renderApp } from './renderApp';

describe('the offline indicator', () => {
  it('says Online, up to date, and as of when: the older link\u2019s time, on its clock', async () => {
    await renderApp(fakeApi());
    expect(screen.getByTestId('connectivity').textContent).toBe('Online');
    // Sikka read the dental office\u2019s system 48 minutes ago; this PC copied 5 minutes ago.
    expect(screen.getByTestId('data-as-of').textContent).toBe('Up to date \u00b7 data as of 8:12 AM CT (48 min ago)');
  });

  it('never says up to date while Sikka\u2019s read of the practice system is hours old, and says which link is behind', async () => {
    const office = fixtures.itemAt(fixtures.syncStatus().offices, 0);
    const spc = { ...office.spc, refreshedAt: { local: '2025-03-04 04:00:00', timeZone: 'Central Standard Time', at: fixtures.NOW - 5 * 3_600_000 } };
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { spc })) }));
    const asOf = screen.getByTestId('data-as-of');
    expect(asOf.textContent).toBe('Behind: Dentrix last read by Sikka 5 h ago (Maple Grove Family Dental)');
    expect(asOf.className).toContain('as-of-warning');
  });

  it('follows the PC\u2019s locale, and the clock the settings ask for', async () => {
    await renderApp(fakeApi({ appInfo: () => ok({ version: '0.1.0', online: true, harness: false, locale: 'en-GB', clock: 'system' }) }));
    expect(screen.getByTestId('data-as-of').textContent).toBe('Up to date \u00b7 data as of 8:12 Chicago Time (48 min ago)');
  });

  it('turns to Offline with the copy’s age when the online event says so, and back', async () => {
    const fake = fakeApi();
    await renderApp(fake);
    act(() => { fake.emit('online', { online: false }); });
    expect(screen.getByTestId('connectivity').textContent).toBe('Offline');
    const banner = screen.getAllByRole('status').find((element) => element.classList.contains('offline-banner'));
    expect(banner?.textContent).toMatch(/^Offline\. Showing the copy on this PC, data as of 8:12 AM CT \(48 min ago\)\. Search and schedules still work/);
    act(() => { fake.emit('online', { online: true }); });
    expect(screen.getByTestId('connectivity').textContent).toBe('Online');
    expect(banner?.textContent).toBe('');
  });

  it('starts offline when the app says it is', async () => {
    await renderApp(fakeApi({ appInfo: () => ok({ version: '0.1.0', online: false, harness: true, locale: 'en-US', clock: 'system' }) }));
    expect(screen.getByTestId('connectivity').textContent).toBe('Offline');
  });

  it('says nothing was synced yet while an office never finished a sync', async () => {
    await renderApp(fakeApi({ syncStatus: () => ok(statusWith({}, { lastSuccessAt: null, state: 'never-synced' })) }));
    expect(screen.getByTestId('data-as-of').textContent).toBe('Not synced yet');
  });
});

describe('getting around', () => {
  it('shows Connect, without the screens, while nothing is connected', async () => {
    await renderApp(fakeApi({ connectionStatus: () => ok(fixtures.noConnection) }), '#/schedule');
    expect(screen.getByRole('heading', { level: 2, name: 'Connect to your practice' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Screens' })).toBeNull();
  });

  it('marks the current screen in the navigation', async () => {
    await renderApp(fakeApi(), '#/status');
    expect(screen.getByRole('link', { name: 'Status' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: /Patients/ }).getAttribute('aria-current')).toBeNull();
  });

  it('brings the search box with Ctrl+K from another screen', async () => {
    const { user } = await renderApp(fakeApi(), '#/schedule');
    await screen.findByTestId('schedule-title');
    await user.keyboard('{Control>}k{/Control}');
    await waitFor(() => { expect(document.activeElement?.id).toBe('patient-search'); });
    expect(window.location.hash).toBe('#/patients');
  });

  it('brings the search box with Cmd+K and keeps the open patient', async () => {
    const { user } = await renderApp(fakeApi(), '#/patients/D16001/101');
    await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' });
    await user.click(screen.getByRole('heading', { level: 2, name: 'Maria Alvarez' }));
    await user.keyboard('{Meta>}k{/Meta}');
    await waitFor(() => { expect(document.activeElement?.id).toBe('patient-search'); });
    expect(window.location.hash).toBe('#/patients/D16001/101');
  });

  it('keeps patient names out of the window title', async () => {
    await renderApp(fakeApi(), '#/patients/D16001/101');
    await screen.findByRole('heading', { level: 2, name: 'Maria Alvarez' });
    expect(document.title).toBe('Patients \u2014 Practice Companion');
  });

  it('has a banner, navigation and main landmark', async () => {
    await renderApp(fakeApi());
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Screens' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
  });
});

describe('never a blank screen', () => {
  it('says why the app could not start and tries again', async () => {
    let calls = 0;
    const fake = fakeApi({ appInfo: () => (++calls === 1 ? fail('IPC_TRANSPORT_FAILED', 'The app did not answer. Try again in a moment.') : ok({ version: '0.1.0', online: true, harness: false, locale: 'en-US', clock: 'system' })) });
    const { user } = await renderApp(fake);
    expect(screen.getByRole('alert').textContent).toContain('The app did not answer. Try again in a moment.');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('combobox', { name: /^Find/ })).toBeTruthy();
  });

  it('replaces a screen that fails to render with a way back, without the error’s text', async () => {
    const Broken = (): never => {
      throw new Error('Maria Alvarez 1985-03-14');
    };
    let wentBack = false;
    const originalError = console.error;
    console.error = () => undefined;
    try {
      render(
        <ErrorBoundary onBack={() => { wentBack = true; }}>
          <Broken />
        </ErrorBoundary>,
      );
    } finally {
      console.error = originalError;
    }
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This screen could not be shown.');
    expect(alert.textContent).not.toContain('Maria');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Back to patient search' }));
    expect(wentBack).toBe(true);
  });
});
