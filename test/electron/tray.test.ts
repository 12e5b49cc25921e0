import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTrayController } from '../../main/electron/tray';
import type { TrayMenuItem, TrayState, TrayView } from '../../main/shell/trayModel';

function fakeTray() {
  const calls: string[] = [];
  let menu: TrayMenuItem[] = [];
  let onClick: (() => void) | undefined;
  const tray = {
    setImage: (image: string) => { calls.push(`image ${image}`); },
    setToolTip: (text: string) => { calls.push(`tooltip ${text}`); },
    setContextMenu: (items: TrayMenuItem[]) => { menu = items; calls.push('menu'); },
    on: (_event: 'click', listener: () => void) => { onClick = listener; },
  };
  return { tray, calls, menu: () => menu, click: () => onClick?.() };
}

const view = (state: TrayState, tooltip = 'Synced 3 min ago', pauseLabel: TrayView['pauseLabel'] = 'Pause sync', canLock = true): TrayView => ({ state, icon: state, tooltip, pauseLabel, canLock });

function setup() {
  const fake = fakeTray();
  const actions: string[] = [];
  const controller = createTrayController(fake.tray, {
    imageFor: (icon) => `build/tray/${icon}.png`,
    buildMenu: (items) => items,
    actions: { open: () => actions.push('open'), syncNow: () => actions.push('syncNow'), togglePause: () => actions.push('togglePause'), lock: () => actions.push('lock'), quit: () => actions.push('quit') },
  });
  return { ...fake, controller, actions };
}

const labels = (items: TrayMenuItem[]) => items.map((item) => ('label' in item ? `${item.label}${item.enabled ? '' : ' (off)'}` : '—'));

describe('tray controller', () => {
  it('shows the state\u2019s own icon, the tooltip and the menu', () => {
    const { controller, calls, menu } = setup();
    controller.show(view('synced'));
    expect(calls).toEqual(['image build/tray/synced.png', 'tooltip Synced 3 min ago', 'menu']);
    expect(labels(menu())).toEqual(['Open Practice Companion', 'Sync now', 'Pause sync', 'Lock now', '—', 'Quit']);
  });

  it('gives each state a distinct icon, drawn in build/tray at both sizes', () => {
    const { controller, calls } = setup();
    const states: TrayState[] = ['synced', 'syncing', 'stale', 'outdated', 'error', 'offline', 'paused'];
    for (const state of states) controller.show(view(state));
    expect(new Set(calls.filter((call) => call.startsWith('image'))).size).toBe(7);
    for (const state of states) {
      expect(existsSync(`build/tray/${state}.png`) && existsSync(`build/tray/${state}@2x.png`)).toBe(true);
    }
  });

  it('changes the icon and menu only when they change, the tooltip every time', () => {
    const { controller, calls } = setup();
    controller.show(view('synced', 'Synced 3 min ago'));
    controller.show(view('synced', 'Synced 4 min ago'));
    expect(calls).toEqual(['image build/tray/synced.png', 'tooltip Synced 3 min ago', 'menu', 'tooltip Synced 4 min ago']);
  });

  it('turns Sync now off while syncing or offline, and offers Resume when paused', () => {
    const { controller, menu } = setup();
    controller.show(view('syncing'));
    expect(labels(menu())).toContain('Sync now (off)');
    controller.show(view('offline'));
    expect(labels(menu())).toContain('Sync now (off)');
    controller.show(view('paused', 'Sync paused', 'Resume sync'));
    expect(labels(menu())).toEqual(['Open Practice Companion', 'Sync now', 'Resume sync', 'Lock now', '—', 'Quit']);
  });

  it('offers Lock now only while someone is unlocked', () => {
    const { controller, menu } = setup();
    controller.show(view('synced', 'Synced 3 min ago', 'Pause sync', false));
    expect(labels(menu())).toContain('Lock now (off)');
    controller.show(view('synced'));
    expect(labels(menu())).toContain('Lock now');
  });

  it('runs the menu\u2019s actions and opens the window on a click', () => {
    const { controller, menu, click, actions } = setup();
    controller.show(view('synced'));
    for (const item of menu()) if ('click' in item) item.click();
    click();
    expect(actions).toEqual(['open', 'syncNow', 'togglePause', 'lock', 'quit', 'open']);
  });
});
