import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SignedInOffice } from '../../shared/domain/connection';
import type { Result } from '../../shared/result';
import './setup';
import { deferred, fail, fakeApi, ok } from './fakeApi';
import * as fixtures from './fixtures';
import { renderApp } from './renderApp';

const notConnected = () => ({ connectionStatus: () => ok(fixtures.noConnection) });

type User = Awaited<ReturnType<typeof renderApp>>['user'];

/** Chooses "Use an app key" and types the app ID and a key. */
async function typeAppKey(user: User, appKey = 'key-456'): Promise<void> {
  await user.click(screen.getByRole('radio', { name: 'Use an app key' }));
  await user.type(screen.getByLabelText('App ID'), 'app-123');
  await user.type(screen.getByLabelText('App key'), appKey);
}

describe('connecting with an app key', () => {
  it('lists the authorized offices with their SPC status, then connects the ones chosen', async () => {
    const fake = fakeApi(notConnected());
    const { user } = await renderApp(fake);
    await typeAppKey(user);
    await user.click(screen.getByRole('button', { name: 'Show the offices' }));
    expect(fake.callsTo('checkAppKey')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: null, apiVersion: 'v2' }]);

    const picker = await screen.findByRole('group', { name: 'Offices to copy to this PC' });
    const items = within(picker).getAllByRole('listitem');
    const [first, second] = [fixtures.itemAt(items, 0), fixtures.itemAt(items, 1)];
    expect(first.textContent).toContain('Dentrix G7.2');
    expect(first.textContent).toContain('System read by SPC 8:12 AM CT, 48 min ago');
    expect(second.textContent).toContain('Data not uploaded yet');

    await user.click(within(picker).getByRole('radio', { name: 'Only the offices ticked below' }));
    await user.click(within(second).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(fake.callsTo('connectWithAppKey')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: null, apiVersion: 'v2', offices: ['D16001'] }]);
    await waitFor(() => { expect(window.location.hash).toBe('#/status'); });
  });

  it('connects every office, including later ones, by default', async () => {
    const fake = fakeApi(notConnected());
    const { user } = await renderApp(fake);
    await typeAppKey(user);
    await user.click(screen.getByRole('button', { name: 'Show the offices' }));
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    expect(fake.callsTo('connectWithAppKey')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: null, apiVersion: 'v2', offices: 'all' }]);
  });

  it('checks and connects with the API version chosen under Advanced', async () => {
    const fake = fakeApi(notConnected());
    const { user } = await renderApp(fake);
    await typeAppKey(user);
    await user.click(screen.getByText('Advanced'));
    await user.click(within(screen.getByRole('group', { name: 'Sikka API version' })).getByRole('radio', { name: 'v4' }));
    await user.click(screen.getByRole('button', { name: 'Show the offices' }));
    expect(fake.callsTo('checkAppKey')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: null, apiVersion: 'v4' }]);
    await user.click(await screen.findByRole('button', { name: 'Connect' }));
    expect(fake.callsTo('connectWithAppKey')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: null, apiVersion: 'v4', offices: 'all' }]);
  });

  it('says in plain words when Sikka refuses the key', async () => {
    const { user } = await renderApp(fakeApi({ ...notConnected(), checkAppKey: () => fail('API2003', 'Sikka did not accept the app ID or key.') }));
    await typeAppKey(user, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Show the offices' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Sikka did not accept the app ID or key.');
  });
});

describe('signing in with Sikka', () => {
  it('says the system browser opened, offers Cancel, and passes an advanced host on', async () => {
    const signIn = deferred<Result<SignedInOffice>>();
    const fake = fakeApi({ ...notConnected(), signInWithSikka: () => signIn.promise });
    const { user } = await renderApp(fake);
    await user.type(screen.getByLabelText('App ID'), 'app-123');
    await user.type(screen.getByLabelText('App key'), 'key-456');
    await user.click(screen.getByText('Advanced'));
    await user.type(screen.getByLabelText('Sikka host'), 'https://sandbox.example.test');
    await user.click(screen.getByRole('button', { name: 'Sign in with Sikka' }));
    expect(screen.getByText('Sikka’s sign-in page is open in your web browser.')).toBeTruthy();
    expect(fake.callsTo('signInWithSikka')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: 'https://sandbox.example.test', apiVersion: 'v2' }]);
    await user.click(screen.getByRole('button', { name: 'Cancel sign-in' }));
    expect(fake.callsTo('cancelSignIn')).toEqual([{}]);
    await act(async () => { signIn.resolve(fail('SIGN_IN_CANCELLED', 'Sign-in was cancelled.')); await signIn.promise; });
    expect((await screen.findByRole('alert')).textContent).toContain('Sign-in was cancelled.');
  });

  it('offers v2 and v4, v2 chosen, saying the version must match the app’s registration, and signs in with v4 when chosen', async () => {
    const fake = fakeApi(notConnected());
    const { user } = await renderApp(fake);
    await user.type(screen.getByLabelText('App ID'), 'app-123');
    await user.type(screen.getByLabelText('App key'), 'key-456');
    await user.click(screen.getByText('Advanced'));
    const versions = screen.getByRole('group', { name: 'Sikka API version' });
    expect(within(versions).getAllByRole('radio').map((radio) => [radio.getAttribute('value'), (radio as HTMLInputElement).checked])).toEqual([['v2', true], ['v4', false]]);
    expect(versions.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(versions.getAttribute('aria-describedby') ?? '')?.textContent).toContain('Must match how the app is registered with Sikka');
    await user.click(within(versions).getByRole('radio', { name: 'v4' }));
    await user.click(screen.getByRole('button', { name: 'Sign in with Sikka' }));
    expect(fake.callsTo('signInWithSikka')).toEqual([{ appId: 'app-123', appKey: 'key-456', baseUrl: null, apiVersion: 'v4' }]);
  });

  it('goes on to the status once signed in', async () => {
    let connection = fixtures.noConnection;
    const fake = fakeApi({
      connectionStatus: () => ok(connection),
      signInWithSikka: () => {
        connection = { ...fixtures.sikkaConnection, method: 'sikka-sign-in', signedInOffices: ['D16001'] };
        return ok({ officeId: 'D16001', keyExpiresAt: null });
      },
    });
    const { user } = await renderApp(fake);
    await user.type(screen.getByLabelText('App ID'), 'app-123');
    await user.type(screen.getByLabelText('App key'), 'key-456');
    await user.click(screen.getByRole('button', { name: 'Sign in with Sikka' }));
    await waitFor(() => { expect(window.location.hash).toBe('#/status'); });
    expect(await screen.findByRole('navigation', { name: 'Screens' })).toBeTruthy();
  });
});

describe('the demo practice', () => {
  it('starts it and shows the screens', async () => {
    const fake = fakeApi(notConnected());
    const { user } = await renderApp(fake);
    await user.click(screen.getByRole('radio', { name: 'Explore with a demo practice' }));
    await user.click(screen.getByRole('button', { name: 'Explore the demo practice' }));
    expect(fake.callsTo('startDemo')).toEqual([{}]);
    expect(await screen.findByRole('heading', { level: 2, name: 'Sync status' })).toBeTruthy();
  });
});
