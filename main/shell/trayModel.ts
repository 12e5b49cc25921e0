/**
 * What the tray icon says, decided as plain logic from the sync status: one of seven states with
 * a distinct icon, a one-line tooltip ("Up to date · synced 3 min ago · Dentrix read by Sikka
 * 9:12 AM CT", "Behind: Dentrix last read by Sikka 5 h ago · synced 3 min ago") and the menu's
 * labels. Freshness is the shared rule (shared/domain/freshness.ts): amber is `stale`, a day
 * behind is `outdated`. The tooltip names no patient and no practice, so it is safe on a locked
 * screen.
 */
import { copyFreshness, practiceSystemName, type CopyFreshness } from '../../shared/domain/freshness';
import { overallState, type SyncProgress, type SyncStatus } from '../../shared/domain/sync';
import { formatAgo, formatOfficeTime, type TimeDisplay } from '../../shared/time/relative';

export type TrayState = 'synced' | 'syncing' | 'stale' | 'outdated' | 'error' | 'offline' | 'paused';

export interface TrayInput {
  readonly status: SyncStatus;
  readonly online: boolean;
  readonly now: number;
  readonly progress: SyncProgress | null;
  /** A staff profile is unlocked: the menu offers to lock. */
  readonly unlocked: boolean;
  /** How this PC writes times (its regional locale, the clock setting). */
  readonly display: TimeDisplay;
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
  const freshness = copyFreshness(status.offices, status.freshness, now);
  const state = trayState(input, freshness);
  const tooltip = [headline(state, input, freshness), ...details(state, input, freshness)].join(' \u00b7 ');
  return {
    state,
    icon: state,
    tooltip: tooltip.length > TOOLTIP_LIMIT ? `${tooltip.slice(0, TOOLTIP_LIMIT - 1)}\u2026` : tooltip,
    pauseLabel: status.paused ? 'Resume sync' : 'Pause sync',
    canLock: input.unlocked,
  };
}

function trayState(input: TrayInput, freshness: CopyFreshness): TrayState {
  const { status } = input;
  if (status.paused) return 'paused';
  if (!input.online) return 'offline';
  if (status.running) return 'syncing';
  const overall = overallState(status.offices);
  if (overall === 'failed') return 'error';
  if (overall === null || overall !== 'up-to-date') return 'stale';
  switch (freshness.level) {
    case 'fresh':
      return 'synced';
    case 'red':
      return 'outdated';
    case 'amber':
    case 'none':
      return 'stale';
  }
}

function headline(state: TrayState, input: TrayInput, freshness: CopyFreshness): string {
  const { status, now, progress } = input;
  switch (state) {
    case 'paused':
      return 'Sync paused';
    case 'offline':
      return `Offline \u00b7 ${freshness.asOf === null ? 'no data yet' : `data as of ${formatAgo(freshness.asOf, now)}`}`;
    case 'syncing':
      return progress === null ? 'Syncing\u2026' : `Syncing ${progress.resource}${progress.rowsTotal === null || progress.rowsTotal === 0 ? '' : ` ${Math.min(100, Math.floor((progress.rowsDone / progress.rowsTotal) * 100))}%`}`;
    case 'error': {
      const failed = status.offices.find((office) => office.state === 'failed');
      return `Sync failed${failed?.lastError ? ` (${failed.lastError.code})` : ''}`;
    }
    case 'stale':
    case 'outdated': {
      const limited = status.offices.find((office) => office.quota.limited);
      if (limited?.quota.resumesAt != null) return `Daily Sikka limit reached \u00b7 resumes ${formatOfficeTime(limited.quota.resumesAt, limited.spc.ianaTimeZone, now, input.display)}`;
      if (status.offices.some((office) => office.state === 'waiting-for-data')) return 'Waiting for the practice\u2019s first upload';
      if (freshness.level === 'none') return 'Not synced yet';
      return `${state === 'outdated' ? 'A day behind' : 'Behind'}: ${(freshness.worst?.behind ?? []).map((link) => link.words).join('; ')}`;
    }
    case 'synced':
      return 'Up to date';
  }
}

/** When this PC last copied, and when the practice system was last read (the oldest office's). */
function details(state: TrayState, input: TrayInput, freshness: CopyFreshness): string[] {
  if (state === 'offline' || state === 'syncing') return [];
  const copied = freshness.offices.map((office) => office.thisPc.at);
  const parts: string[] = [];
  if (copied.length > 0 && copied.every((at) => at !== null)) parts.push(`synced ${formatAgo(Math.min(...copied), input.now)}`);
  if (state === 'synced' && freshness.worst !== null) {
    const { practiceSystem } = freshness.worst;
    const office = input.status.offices.find((each) => each.officeId === freshness.worst?.officeId);
    if (practiceSystem.at !== null && office !== undefined) {
      parts.push(`${practiceSystemName(office)} read by Sikka ${formatOfficeTime(practiceSystem.at, office.spc.ianaTimeZone, input.now, input.display)}`);
    }
  }
  return parts;
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
