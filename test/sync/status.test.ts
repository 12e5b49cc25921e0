import { describe, expect, it } from 'vitest';
import type { OfficeSyncStatus, SyncRunSummary } from '../../shared/domain/sync';
import { liveSyncStatus, runOutcome } from '../../main/sync/status';

function office(officeId: string, extra: Partial<OfficeSyncStatus> = {}): OfficeSyncStatus {
  return {
    officeId, practiceName: null, domain: 'Dental', state: 'up-to-date', lastAttemptAt: 1000, lastSuccessAt: 1000, lastError: null,
    nextRunAt: null, quota: { limited: false, code: null, resumesAt: null }, lastFullSyncAt: 900,
    counts: { practices: 1, providers: 1, guarantors: 1, patients: 1, appointments: 1 },
    spc: { practiceManagementSystem: null, practiceManagementSystemVersion: null, refreshedAt: null, synchronizedAt: null, insertedAt: null, timeZone: null, ianaTimeZone: null, dataSyncStatus: null },
    businessHours: null,
    ...extra,
  };
}

const summary = (outcomes: SyncRunSummary['offices'][number]['outcome'][], error: SyncRunSummary['error'] = null): SyncRunSummary => ({
  startedAt: 0, finishedAt: 1, error, offices: outcomes.map((outcome, n) => ({ officeId: `O${n}`, outcome, rows: 0, error: null })),
});

describe('live sync status', () => {
  it('marks the offices a run is working on as syncing and keeps the rest as recorded', () => {
    const status = liveSyncStatus({ offices: [office('A'), office('B', { state: 'failed' })], syncing: new Set(['A']), running: true, paused: false });
    expect(status.offices.map((o) => o.state)).toEqual(['syncing', 'failed']);
    expect(status.running).toBe(true);
  });

  it('takes the last run from the latest attempt and the next from the scheduler when it knows', () => {
    const offices = [office('A', { lastAttemptAt: 5, nextRunAt: 50 }), office('B', { lastAttemptAt: 7, nextRunAt: 40 })];
    expect(liveSyncStatus({ offices, paused: true })).toMatchObject({ lastRunAt: 7, nextRunAt: 40, paused: true, running: false });
    expect(liveSyncStatus({ offices, paused: false, nextRunAt: null }).nextRunAt).toBeNull();
  });

  it('gives every office the scheduler\u2019s next run, since one run syncs them all', () => {
    const status = liveSyncStatus({ offices: [office('A'), office('B')], paused: false, nextRunAt: 90 });
    expect(status.offices.map((o) => o.nextRunAt)).toEqual([90, 90]);
  });
});

describe('run outcome for the scheduler', () => {
  it('asks for an early retry after a failed office or a failed run, not after a daily-limit pause', () => {
    expect(runOutcome(summary(['synced', 'failed']))).toEqual({ failed: true });
    expect(runOutcome(summary([], { code: 'NETWORK_UNREACHABLE', explanation: 'x', at: 0 }))).toEqual({ failed: true });
    expect(runOutcome(summary(['paused', 'unchanged', 'waiting-for-data']))).toEqual({ failed: false });
  });
});
