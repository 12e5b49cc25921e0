import { describe, expect, it } from 'vitest';
import type { OfficeSyncStatus, SyncStatus } from '../../shared/domain/sync';
import { TOOLTIP_LIMIT, trayView, type TrayInput } from '../../main/shell/trayModel';

const NOW = Date.parse('2026-11-28T15:00:00Z');
const MINUTE = 60_000;

function office(overrides: Partial<OfficeSyncStatus> = {}): OfficeSyncStatus {
  return {
    officeId: 'D16001',
    practiceName: 'Maple Grove Family Dental',
    domain: 'Dental',
    state: 'up-to-date',
    lastAttemptAt: NOW - 3 * MINUTE,
    lastSuccessAt: NOW - 3 * MINUTE,
    lastError: null,
    nextRunAt: NOW + 12 * MINUTE,
    quota: { limited: false, code: null, resumesAt: null },
    lastFullSyncAt: NOW - 60 * MINUTE,
    counts: { practices: 1, providers: 6, guarantors: 1000, patients: 2000, appointments: 6000 },
    spc: {
      practiceManagementSystem: 'Dentrix',
      practiceManagementSystemVersion: 'G7.4',
      // 09:12 in New York.
      refreshedAt: { local: '2026-11-28 09:12:00', timeZone: 'Eastern Standard Time', at: Date.parse('2026-11-28T14:12:00Z') },
      synchronizedAt: null,
      insertedAt: { local: '2026-11-28 09:20:00', timeZone: 'Eastern Standard Time', at: Date.parse('2026-11-28T14:20:00Z') },
      timeZone: 'Eastern Standard Time',
      ianaTimeZone: 'America/New_York',
    },
    ...overrides,
  };
}

function input(status: Partial<SyncStatus> = {}, overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    status: { running: false, paused: false, lastRunAt: NOW - 3 * MINUTE, nextRunAt: NOW + 12 * MINUTE, offices: [office()], ...status },
    online: true,
    now: NOW,
    progress: null,
    syncIntervalMs: 15 * MINUTE,
    unlocked: true,
    ...overrides,
  };
}

describe('tray model', () => {
  it('says synced, when, and when the practice agent refreshed in the office\u2019s zone', () => {
    expect(trayView(input())).toEqual({ state: 'synced', icon: 'synced', tooltip: 'Synced 3 min ago \u00b7 SPC refreshed 09:12 ET', pauseLabel: 'Pause sync', canLock: true });
  });

  it('shows progress while syncing', () => {
    const view = trayView(input({ running: true }, { progress: { officeId: 'D16001', resource: 'patients', phase: 'full', rowsDone: 500, rowsTotal: 2000 } }));
    expect(view.state).toBe('syncing');
    expect(view.tooltip).toMatch(/^Syncing patients 25%/);
  });

  it('is paused above everything else, and offers to resume', () => {
    const view = trayView(input({ paused: true, running: true }, { online: false }));
    expect(view).toMatchObject({ state: 'paused', pauseLabel: 'Resume sync' });
    expect(view.tooltip).toMatch(/^Sync paused/);
  });

  it('is offline when the network is gone, with the age of the data', () => {
    const view = trayView(input({}, { online: false }));
    expect(view.state).toBe('offline');
    expect(view.tooltip).toMatch(/^Offline \u00b7 data as of 3 min ago/);
  });

  it('is an error when an office\u2019s last run failed, naming the code', () => {
    const view = trayView(input({ offices: [office(), office({ officeId: 'V20417', state: 'failed', lastError: { code: 'API2007', explanation: 'Not allowed.', at: NOW } })] }));
    expect(view.state).toBe('error');
    expect(view.tooltip).toMatch(/^Sync failed \(API2007\)/);
  });

  it('is stale when runs were missed, when SPC has not loaded data for a day, or before a first sync', () => {
    expect(trayView(input({ offices: [office({ lastSuccessAt: NOW - 40 * MINUTE })] })).state).toBe('stale');
    expect(trayView(input({ offices: [office({ spc: { ...office().spc, insertedAt: { local: '', timeZone: null, at: NOW - 25 * 60 * MINUTE } } })] })).state).toBe('stale');
    expect(trayView(input({ offices: [office({ state: 'never-synced', lastSuccessAt: null })] })).tooltip).toMatch(/^Not synced yet/);
  });

  it('explains a daily-limit stop and when it lifts, in the office\u2019s time', () => {
    const resumesAt = Date.parse('2026-11-29T05:00:00Z');
    const view = trayView(input({ offices: [office({ state: 'paused', quota: { limited: true, code: 'API2012', resumesAt } })] }));
    expect(view.state).toBe('stale');
    expect(view.tooltip).toContain('Daily Sikka limit reached \u00b7 resumes Nov 29 00:00 ET');
  });

  it('keeps the tooltip within what Windows shows', () => {
    const many = Array.from({ length: 30 }, (_, i) => office({ officeId: `D${i}`, state: 'waiting-for-data' }));
    expect(trayView(input({ offices: many })).tooltip.length).toBeLessThanOrEqual(TOOLTIP_LIMIT);
  });

  it('never names a patient or the practice in the tooltip', () => {
    expect(trayView(input()).tooltip).not.toContain('Maple');
  });
});
