import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PIN_PROBLEM_EXPLANATIONS } from '../../shared/domain/staff';
import './setup';
import { fakeApi } from './fakeApi';
import { NOW } from './fixtures';
import { renderApp } from './renderApp';
import * as staff from './staffFixtures';

const asStaff = { session: { state: 'unlocked', profile: staff.frontDesk, since: NOW } } as const;

async function fillNewProfile(user: Awaited<ReturnType<typeof renderApp>>['user'], profile: { displayName: string; name: string; pin: string; confirm?: string; role?: string }) {
  const form = screen.getByRole('region', { name: 'Add a profile' });
  await user.type(within(form).getByLabelText('Display name'), profile.displayName);
  await user.type(within(form).getByLabelText('Short name'), profile.name);
  if (profile.role !== undefined) await user.selectOptions(within(form).getByLabelText('Role'), profile.role);
  await user.type(within(form).getByLabelText('PIN'), profile.pin);
  await user.type(within(form).getByLabelText('PIN again'), profile.confirm ?? profile.pin);
  await user.click(within(form).getByRole('button', { name: 'Add the profile' }));
  return form;
}

const profileTable = (): HTMLElement => screen.getByRole('table', { name: 'Staff profiles on this PC' });
const rowOf = (displayName: string): HTMLElement => {
  const row = within(profileTable()).getByRole('rowheader', { name: new RegExp(displayName) }).closest('tr');
  if (row === null) throw new Error(`no row for ${displayName}`);
  return row;
};

describe('staff screen', () => {
  it('shows staff only the change of their own PIN', async () => {
    const fake = fakeApi({}, asStaff);
    await renderApp(fake, '#/staff');
    expect(await screen.findByRole('heading', { name: 'Change my PIN' })).toBeTruthy();
    expect(screen.getByText(/Unlocked as/).textContent).toContain('Sam Okafor');
    expect(screen.queryByRole('heading', { name: 'Profiles on this PC' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Add a profile' })).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says what is wrong with a new PIN while it is typed', async () => {
    const fake = fakeApi({}, asStaff);
    const { user } = await renderApp(fake, '#/staff');
    const newPin = await screen.findByLabelText('New PIN');
    await user.type(newPin, '123456');
    expect(newPin.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(newPin.getAttribute('aria-describedby') ?? '')?.textContent).toBe(PIN_PROBLEM_EXPLANATIONS.sequence);
    await user.clear(newPin);
    await user.type(newPin, staff.OTHER_PIN);
    expect(newPin.getAttribute('aria-invalid')).toBeNull();
    await user.type(screen.getByLabelText('New PIN again'), '7');
    expect(screen.getByText('Not the same as the PIN above.')).toBeTruthy();
  });

  it('changes my own PIN with the current one', async () => {
    const fake = fakeApi({}, asStaff);
    const { user } = await renderApp(fake, '#/staff');
    await user.type(await screen.findByLabelText('Current PIN'), staff.STAFF_PIN);
    await user.type(screen.getByLabelText('New PIN'), staff.OTHER_PIN);
    await user.type(screen.getByLabelText('New PIN again'), staff.OTHER_PIN);
    await user.click(screen.getByRole('button', { name: 'Change my PIN' }));
    expect(await screen.findByText('Your PIN was changed. Use the new one from now on.')).toBeTruthy();
    expect(fake.callsTo('changeOwnPin')).toEqual([{ currentPin: staff.STAFF_PIN, newPin: staff.OTHER_PIN }]);
    expect(screen.getByLabelText<HTMLInputElement>('Current PIN').value).toBe('');
  });

  it('shows the main process\u2019s words for a wrong current PIN', async () => {
    const fake = fakeApi({}, asStaff);
    const { user } = await renderApp(fake, '#/staff');
    await user.type(await screen.findByLabelText('Current PIN'), '999999');
    await user.type(screen.getByLabelText('New PIN'), staff.OTHER_PIN);
    await user.type(screen.getByLabelText('New PIN again'), staff.OTHER_PIN);
    await user.click(screen.getByRole('button', { name: 'Change my PIN' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That PIN is not right. 4 more tries');
  });

  it('lists the profiles for a manager, with who is locked out until when', async () => {
    const fake = fakeApi();
    fake.staff.profiles = [staff.manager, { ...staff.frontDesk, lockedOutUntil: NOW + 4 * 60_000 }];
    await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    expect(within(rowOf('Dana Whitfield')).getByText('(you)')).toBeTruthy();
    expect(within(rowOf('Dana Whitfield')).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(expect.arrayContaining(['dana', 'Manager']));
    expect(within(rowOf('Sam Okafor')).getByText(/^Locked out until /)).toBeTruthy();
  });

  it('refuses to add a profile with a PIN anyone would try, saying the rule, and sends nothing', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    const form = await fillNewProfile(user, { displayName: 'Lee Chen', name: 'lee', pin: '123456' });
    expect(within(form).getByRole('alert').textContent).toBe(PIN_PROBLEM_EXPLANATIONS.sequence);
    expect(fake.callsTo('createProfile')).toEqual([]);
  });

  it('refuses PINs typed differently before asking the main process', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    const form = await fillNewProfile(user, { displayName: 'Lee Chen', name: 'lee', pin: staff.OTHER_PIN, confirm: '731951' });
    expect(within(form).getByRole('alert').textContent).toMatch(/not the same/);
    expect(fake.callsTo('createProfile')).toEqual([]);
  });

  it('explains a short name that is not one word instead of sending it', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    const form = await fillNewProfile(user, { displayName: 'Lee Chen', name: 'lee chen', pin: staff.OTHER_PIN });
    expect(within(form).getByRole('alert').textContent).toMatch(/^A short name is one word/);
    expect(fake.callsTo('createProfile')).toEqual([]);
  });

  it('adds a profile and the list shows it', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    const form = await fillNewProfile(user, { displayName: 'Lee Chen', name: 'lee', pin: staff.OTHER_PIN, role: 'manager' });
    expect(fake.callsTo('createProfile')).toEqual([{ name: 'lee', displayName: 'Lee Chen', role: 'manager', pin: staff.OTHER_PIN }]);
    await waitFor(() => { expect(within(rowOf('Lee Chen')).getByText('Manager')).toBeTruthy(); });
    expect(screen.getByText(/Lee Chen was added\./)).toBeTruthy();
    expect(within(form).getByLabelText<HTMLInputElement>('Display name').value).toBe('');
  });

  it('shows the main process\u2019s words when a name is taken', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    const form = await fillNewProfile(user, { displayName: 'Samuel O.', name: 'SAM', pin: staff.OTHER_PIN });
    expect((await within(form).findByRole('alert')).textContent).toContain('Another staff profile already has that name.');
  });

  it('asks before removing, with keeping the profile focused', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    await user.click(screen.getByRole('button', { name: 'Remove Sam Okafor\u2026' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep it' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(fake.callsTo('removeProfile')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove Sam Okafor\u2026' }));
    await user.click(screen.getByRole('button', { name: 'Remove the profile' }));
    expect(fake.callsTo('removeProfile')).toEqual([{ profileId: staff.frontDesk.profileId }]);
    await waitFor(() => { expect(within(profileTable()).queryByText('Sam Okafor')).toBeNull(); });
    expect(screen.getByText('Sam Okafor\u2019s profile was removed.')).toBeTruthy();
  });

  it('shows why the last manager cannot be removed, and keeps the profile', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    await user.click(screen.getByRole('button', { name: 'Remove Dana Whitfield\u2026' }));
    const confirm = screen.getByRole('group', { name: /Remove Dana Whitfield.s profile\?/ });
    await user.click(within(confirm).getByRole('button', { name: 'Remove the profile' }));
    expect((await within(confirm).findByRole('alert')).textContent).toBe('This is the only manager profile. Make another profile a manager first.');
    expect(rowOf('Dana Whitfield')).toBeTruthy();
  });

  it('makes a staff profile a manager', async () => {
    const fake = fakeApi();
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    await user.click(screen.getByRole('button', { name: 'Make Sam Okafor a manager' }));
    expect(fake.callsTo('setRole')).toEqual([{ profileId: staff.frontDesk.profileId, role: 'manager' }]);
    await waitFor(() => { expect(within(rowOf('Sam Okafor')).getByText('Manager')).toBeTruthy(); });
    expect(screen.getByText('Sam Okafor is now a manager.')).toBeTruthy();
  });

  it('gives someone a new PIN, checking its rules first', async () => {
    const fake = fakeApi();
    fake.staff.profiles = [staff.manager, { ...staff.frontDesk, lockedOutUntil: NOW + 4 * 60_000 }];
    const { user } = await renderApp(fake, '#/staff');
    await screen.findByRole('table', { name: 'Staff profiles on this PC' });
    expect(screen.queryByRole('button', { name: 'New PIN for Dana Whitfield\u2026' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'New PIN for Sam Okafor\u2026' }));
    const panel = screen.getByRole('form', { name: 'A new PIN for Sam Okafor' });
    expect(document.activeElement).toBe(within(panel).getByRole('heading'));
    await user.type(within(panel).getByLabelText('New PIN'), '121212');
    await user.type(within(panel).getByLabelText('New PIN again'), '121212');
    await user.click(within(panel).getByRole('button', { name: 'Set the new PIN' }));
    expect(within(panel).getByRole('alert').textContent).toBe(PIN_PROBLEM_EXPLANATIONS.repeating);
    expect(fake.callsTo('resetPin')).toEqual([]);
    await user.clear(within(panel).getByLabelText('New PIN'));
    await user.clear(within(panel).getByLabelText('New PIN again'));
    await user.type(within(panel).getByLabelText('New PIN'), staff.OTHER_PIN);
    await user.type(within(panel).getByLabelText('New PIN again'), staff.OTHER_PIN);
    await user.click(within(panel).getByRole('button', { name: 'Set the new PIN' }));
    expect(fake.callsTo('resetPin')).toEqual([{ profileId: staff.frontDesk.profileId, pin: staff.OTHER_PIN }]);
    expect(await screen.findByText(/Sam Okafor has a new PIN\./)).toBeTruthy();
    expect(within(rowOf('Sam Okafor')).queryByText(/Locked out/)).toBeNull();
  });
});
