import { describe, expect, it } from 'vitest';
import { DEFAULT_FRESHNESS_POLICY } from '../../shared/domain/freshness';
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
      dataSyncStatus: null,
    },
    businessHours: null,
    ...overrides,
  };
}

function input(status: Partial<SyncStatus> = {}, overrides: Partial<TrayInput> = {}): TrayInput {
  return {
    status: { running: false, paused: false, lastRunAt: NOW - 3 * MINUTE, nextRunAt: NOW + 12 * MINUTE, offices: [office()], freshness: DEFAULT_FRESHNESS_POLICY, ...status },
    online: true,
    now: NOW,
    progress: null,
    unlocked: true,
    display: { locale: 'en-US' },
    ...overrides,
  };
}

describe('tray model', () => {
  it('says up to date, when this PC synced, and when Sikka read the practice system in the office\u2019s zone', () => {
    expect(trayView(input())).toEqual({ state: 'synced', icon: 'synced', tooltip: 'Up to date \u00b7 synced 3 min ago \u00b7 Dentrix read by Sikka 9:12 AM ET', pauseLabel: 'Pause sync', canLock: true });
  });

  it('writes times in the PC\u2019s regional format, or the hour cycle the settings ask for', () => {
    expect(trayView(input({}, { display: { locale: 'en-GB' } })).tooltip).toMatch(/read by Sikka 09:12 New York Time$|read by Sikka 9:12 New York Time$/);
    expect(trayView(input({}, { display: { locale: 'en-US', clock: '24h' } })).tooltip).toMatch(/read by Sikka 09:12 ET$/);
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
    expect(view.tooltip).toBe('Offline \u00b7 data as of 48 min ago');
  });

  it('is an error when an office\u2019s last run failed, naming the code', () => {
    const view = trayView(input({ offices: [office(), office({ officeId: 'V20417', state: 'failed', lastError: { code: 'API2007', explanation: 'Not allowed.', at: NOW } })] }));
    expect(view.state).toBe('error');
    expect(view.tooltip).toMatch(/^Sync failed \(API2007\)/);
  });

  it('is stale (amber) when Sikka last read the practice system hours ago, though this PC synced minutes ago, and says so', () => {
    const stale = office({ spc: { ...office().spc, refreshedAt: { local: '', timeZone: null, at: NOW - 5 * 60 * MINUTE } } });
    const view = trayView(input({ offices: [stale] }));
    expect(view.state).toBe('stale');
    expect(view.icon).toBe('stale');
    expect(view.tooltip).toBe('Behind: Dentrix last read by Sikka 5 h ago \u00b7 synced 3 min ago');
    expect(view.tooltip).not.toContain('Up to date');
  });

  it('is outdated (red) a day behind, or when Sikka says it cannot read the practice system', () => {
    const dayOld = office({ spc: { ...office().spc, refreshedAt: { local: '', timeZone: null, at: NOW - 25 * 60 * MINUTE } } });
    expect(trayView(input({ offices: [dayOld] }))).toMatchObject({ state: 'outdated', icon: 'outdated' });
    const broken = office({ spc: { ...office().spc, dataSyncStatus: { status: 'not_refresh', refreshing: false, checkedAt: NOW } } });
    const view = trayView(input({ offices: [broken] }));
    expect(view.state).toBe('outdated');
    expect(view.tooltip).toMatch(/^A day behind: Sikka reports it cannot read Dentrix/);
  });

  it('is stale when this PC has not synced for longer than the threshold, counted as the settings say', () => {
    expect(trayView(input({ offices: [office({ lastSuccessAt: NOW - 5 * 60 * MINUTE })] })).tooltip).toBe('Behind: Last copied to this PC 5 h ago \u00b7 synced 5 h ago');
    expect(trayView(input({ offices: [office({ lastSuccessAt: NOW - 5 * 60 * MINUTE })], freshness: { amberAfterHours: 6 } })).state).toBe('synced');
  });

  it('is stale before a first sync', () => {
    expect(trayView(input({ offices: [office({ state: 'never-synced', lastSuccessAt: null })] })).state).toBe('stale');
    expect(trayView(input({ offices: [office({ state: 'up-to-date', lastSuccessAt: null })] })).tooltip).toBe('Not synced yet');
  });

  it('explains a daily-limit stop and when it lifts, in the office\u2019s time', () => {
    const resumesAt = Date.parse('2026-11-29T05:00:00Z');
    const view = trayView(input({ offices: [office({ state: 'paused', quota: { limited: true, code: 'API2012', resumesAt } })] }));
    expect(view.state).toBe('stale');
    expect(view.tooltip).toContain('Daily Sikka limit reached \u00b7 resumes Nov 29, 12:00 AM ET');
  });

  it('keeps the tooltip within what Windows shows', () => {
    const many = Array.from({ length: 30 }, (_, i) => office({ officeId: `D${i}`, state: 'waiting-for-data' }));
    expect(trayView(input({ offices: many })).tooltip.length).toBeLessThanOrEqual(TOOLTIP_LIMIT);
  });

  it('never names a patient or the practice in the tooltip', () => {
    expect(trayView(input()).tooltip).not.toContain('Maple');
  });
});
