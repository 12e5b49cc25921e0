/**
 * One office's sync status as the Status screen shows it: each line already in words, the
 * practice's times in the practice's zone, and whether to warn that its Sikka agent (SPC) is
 * behind. Pure, so the rules are tested without rendering.
 */
import { isSpcStale } from '../../shared/domain/freshness';
import type { OfficeSyncState, OfficeSyncStatus, SyncProgress } from '../../shared/domain/sync';
import { formatOfficeTime } from '../../shared/time/relative';
import { ago, formatMoment, formatOfficeLocalTime, formatUpcoming } from './format';

export type Tone = 'good' | 'info' | 'warning' | 'danger' | 'neutral';

export const STATE_WORDS: Readonly<Record<OfficeSyncState, { readonly label: string; readonly tone: Tone }>> = {
  'up-to-date': { label: 'Up to date', tone: 'good' },
  syncing: { label: 'Syncing', tone: 'info' },
  'never-synced': { label: 'Not synced yet', tone: 'neutral' },
  paused: { label: 'Daily Sikka limit reached', tone: 'warning' },
  failed: { label: 'Last sync failed', tone: 'danger' },
  'waiting-for-data': { label: 'Waiting for the practice\u2019s first upload', tone: 'warning' },
};

export interface OfficeStatusView {
  readonly title: string;
  readonly state: { readonly label: string; readonly tone: Tone };
  readonly pms: string;
  readonly pmsRefreshed: string;
  readonly spcSynchronized: string;
  readonly spcInserted: string;
  /** Set when the practice's data in Sikka is more than a day old. */
  readonly spcWarning: string | null;
  /** The last failure in plain words, or why syncing waits. */
  readonly problem: string | null;
  readonly lastSync: string;
  readonly nextSync: string;
}

const NOT_REPORTED = 'Not reported';

export function officeStatusView(office: OfficeSyncStatus, now: number): OfficeStatusView {
  const { spc } = office;
  const zone = spc.ianaTimeZone;
  const pms = [spc.practiceManagementSystem, spc.practiceManagementSystemVersion].filter((part): part is string => part !== null && part !== '').join(' ');
  const withAgo = (at: number | null, text: string): string => (at === null ? text : `${text}, ${ago(at, now)}`);
  const stale = isSpcStale(spc.refreshedAt?.at, now) || isSpcStale(spc.insertedAt?.at, now);
  return {
    title: office.practiceName ?? `Office ${office.officeId}`,
    state: STATE_WORDS[office.state],
    pms: pms === '' ? NOT_REPORTED : pms,
    pmsRefreshed: spc.refreshedAt === null ? NOT_REPORTED : withAgo(spc.refreshedAt.at, formatOfficeLocalTime(spc.refreshedAt, zone, now)),
    spcSynchronized: spc.synchronizedAt === null ? NOT_REPORTED : withAgo(spc.synchronizedAt.at, formatOfficeLocalTime(spc.synchronizedAt, zone, now)),
    spcInserted: spc.insertedAt === null ? NOT_REPORTED : withAgo(spc.insertedAt.at, formatOfficeLocalTime(spc.insertedAt, zone, now)),
    spcWarning: stale
      ? 'The practice\u2019s Sikka agent (SPC) has not refreshed its data for more than 24 hours, so recent changes in the practice may be missing. Check that SPC is running on the practice\u2019s server.'
      : null,
    problem: problemOf(office, now),
    lastSync: office.lastSuccessAt === null ? 'Never' : formatMoment(office.lastSuccessAt, now),
    nextSync: office.nextRunAt === null ? 'Not scheduled' : formatUpcoming(office.nextRunAt, now),
  };
}

function problemOf(office: OfficeSyncStatus, now: number): string | null {
  const parts: string[] = [];
  if (office.lastError !== null) parts.push(office.lastError.explanation);
  if (office.quota.limited && office.quota.resumesAt !== null) {
    parts.push(`Syncing resumes at ${formatOfficeTime(office.quota.resumesAt, office.spc.ianaTimeZone, now)}.`);
  }
  return parts.length === 0 ? null : parts.join(' ');
}

const RESOURCE_WORDS: Readonly<Record<SyncProgress['resource'], string>> = {
  practices: 'practice details',
  providers: 'providers',
  guarantors: 'guarantors',
  patients: 'patients',
  appointments: 'appointments',
};

/** "Downloading patients: 1,200 of 2,000" — the same for the bar and the screen reader. */
export function progressText(progress: SyncProgress): string {
  const what = RESOURCE_WORDS[progress.resource];
  const verb = progress.phase === 'full' ? 'Downloading' : 'Fetching changes to';
  const done = progress.rowsDone.toLocaleString('en-US');
  return progress.rowsTotal === null ? `${verb} ${what}: ${done}` : `${verb} ${what}: ${done} of ${progress.rowsTotal.toLocaleString('en-US')}`;
}

/** For the screen reader: which resource, not every row (a live region repeating counts is noise). */
export function progressAnnouncement(progress: SyncProgress): string {
  return `Syncing ${RESOURCE_WORDS[progress.resource]}`;
}
