/**
 * What the tray icon says, decided as plain logic from the sync status: one of six states with a
 * distinct icon, a one-line tooltip ("Synced 3 min ago · SPC refreshed 09:12 ET") and the menu's
 * labels. The tooltip names no patient and no practice data, so it is safe on a locked screen.
 */
import { isSpcStale, oldestSuccessAt } from '../../shared/domain/freshness';
import { overallState, type SyncProgress, type SyncStatus } from '../../shared/domain/sync';
import { formatAgo, formatOfficeTime } from '../../shared/time/relative';

export type TrayState = 'synced' | 'syncing' | 'stale' | 'error' | 'offline' | 'paused';

export interface TrayInput {
  readonly status: SyncStatus;
  readonly online: boolean;
  readonly now: number;
  readonly progress: SyncProgress | null;
  readonly syncIntervalMs: number;
  /** A staff profile is unlocked: the menu offers to lock. */
  readonly unlocked: boolean;
}

export interface TrayView {
  readonly state: TrayState;
  /** The icon file's base name in build/tray (`synced.png`, `synced@2x.png`, …). */
  readonly icon: TrayState;
  readonly tooltip: string;
  readonly pauseLabel: 'Pause sync' | 'Resume sync';
  readonly canLock: boolean;
}

/** Windows truncates tray tooltips at 127 characters. */
export const TOOLTIP_LIMIT = 127;

export function trayView(input: TrayInput): TrayView {
  const { status, now } = input;
  const state = trayState(input);
  const parts = [headline(state, input), spcPart(status, now)].filter((part) => part !== '');
  const tooltip = parts.join(' \u00b7 ');
  return {
    state,
    icon: state,
    tooltip: tooltip.length > TOOLTIP_LIMIT ? `${tooltip.slice(0, TOOLTIP_LIMIT - 1)}\u2026` : tooltip,
    pauseLabel: status.paused ? 'Resume sync' : 'Pause sync',
    canLock: input.unlocked,
  };
}

function trayState(input: TrayInput): TrayState {
  const { status, now } = input;
  if (status.paused) return 'paused';
  if (!input.online) return 'offline';
  if (status.running) return 'syncing';
  const overall = overallState(status.offices);
  if (overall === 'failed') return 'error';
  if (overall === null || overall !== 'up-to-date') return 'stale';
  const lastSuccess = oldestSuccessAt(status.offices);
  // Two missed runs (and a little slack) before the copy counts as stale.
  const staleAfter = 2 * input.syncIntervalMs + 5 * 60_000;
  if (lastSuccess === null || now - lastSuccess > staleAfter) return 'stale';
  if (status.offices.some((office) => isSpcStale(office.spc.insertedAt?.at, now))) return 'stale';
  return 'synced';
}

function headline(state: TrayState, input: TrayInput): string {
  const { status, now, progress } = input;
  const lastSuccess = oldestSuccessAt(status.offices);
  const synced = lastSuccess === null ? 'Not synced yet' : `Synced ${formatAgo(lastSuccess, now)}`;
  switch (state) {
    case 'paused':
      return `Sync paused \u00b7 ${synced}`;
    case 'offline':
      return `Offline \u00b7 ${lastSuccess === null ? 'no data yet' : `data as of ${formatAgo(lastSuccess, now)}`}`;
    case 'syncing':
      return progress === null ? 'Syncing\u2026' : `Syncing ${progress.resource}${progress.rowsTotal === null || progress.rowsTotal === 0 ? '' : ` ${Math.min(100, Math.floor((progress.rowsDone / progress.rowsTotal) * 100))}%`}`;
    case 'error': {
      const failed = status.offices.find((office) => office.state === 'failed');
      return `Sync failed${failed?.lastError ? ` (${failed.lastError.code})` : ''} \u00b7 ${synced}`;
    }
    case 'stale': {
      const limited = status.offices.find((office) => office.quota.limited);
      if (limited?.quota.resumesAt != null) return `Daily Sikka limit reached \u00b7 resumes ${formatOfficeTime(limited.quota.resumesAt, limited.spc.ianaTimeZone, now)}`;
      if (status.offices.some((office) => office.state === 'waiting-for-data')) return 'Waiting for the practice\u2019s first upload';
      return synced;
    }
    case 'synced':
      return synced;
  }
}

/** The oldest SPC refresh among offices: the practice data is no fresher than that. */
function spcPart(status: SyncStatus, now: number): string {
  let oldest: { at: number; zone: string | null } | null = null;
  for (const office of status.offices) {
    const refreshed = office.spc.refreshedAt?.at;
    if (refreshed != null && (oldest === null || refreshed < oldest.at)) oldest = { at: refreshed, zone: office.spc.ianaTimeZone };
  }
  return oldest === null ? '' : `SPC refreshed ${formatOfficeTime(oldest.at, oldest.zone, now)}`;
}

export interface TrayActions {
  readonly open: () => void;
  readonly syncNow: () => void;
  readonly togglePause: () => void;
  /** Locks the app now (someone steps away from the desk). */
  readonly lock: () => void;
  readonly quit: () => void;
}

export type TrayMenuItem = { readonly type: 'separator' } | { readonly label: string; readonly click: () => void; readonly enabled: boolean };

/**
 * Open, Sync now, Pause/Resume sync, Lock now, Quit — "Sync now" is off while a run is going or
 * offline, "Lock now" while nobody is unlocked.
 */
export function trayMenuItems(view: TrayView, actions: TrayActions): TrayMenuItem[] {
  return [
    { label: 'Open Practice Companion', click: actions.open, enabled: true },
    { label: 'Sync now', click: actions.syncNow, enabled: view.state !== 'syncing' && view.state !== 'offline' },
    { label: view.pauseLabel, click: actions.togglePause, enabled: true },
    { label: 'Lock now', click: actions.lock, enabled: view.canLock },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit, enabled: true },
  ];
}
