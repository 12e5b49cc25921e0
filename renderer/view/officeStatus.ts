/**
 * The sync status in words for the screens: each office's state and freshness (the shared rule,
 * shared/domain/freshness.ts), the practice's times in the practice's zone, what to do when a
 * link is behind, and the copy's progress ("Copying Maple Grove Family Dental: patients 2,310 of
 * 6,000"). Pure, so the rules are tested without rendering.
 */
import { behindWords, copyFreshness, officeFreshness, type FreshnessLevel, type OfficeFreshness } from '../../shared/domain/freshness';
import type { OfficeSyncState, OfficeSyncStatus, SyncProgress, SyncStatus } from '../../shared/domain/sync';
import { ago, formatCount, formatMoment, formatOfficeLocalTime, formatOfficeMoment, formatPcMoment, formatUpcoming } from './format';

export type Tone = 'good' | 'info' | 'warning' | 'danger' | 'neutral';

export const STATE_WORDS: Readonly<Record<OfficeSyncState, { readonly label: string; readonly tone: Tone }>> = {
  'up-to-date': { label: 'Up to date', tone: 'good' },
  syncing: { label: 'Syncing', tone: 'info' },
  'never-synced': { label: 'Not synced yet', tone: 'neutral' },
  paused: { label: 'Daily Sikka limit reached', tone: 'warning' },
  failed: { label: 'Last sync failed', tone: 'danger' },
  'waiting-for-data': { label: 'Waiting for the practice\u2019s first upload', tone: 'warning' },
};

/** "Up to date" is said only of data that is: a copy that finished but is behind says so. */
export const FRESHNESS_WORDS: Readonly<Record<FreshnessLevel, { readonly label: string; readonly tone: Tone }>> = {
  fresh: { label: 'Up to date', tone: 'good' },
  amber: { label: 'Behind', tone: 'warning' },
  red: { label: 'A day behind', tone: 'danger' },
  none: { label: 'Not copied yet', tone: 'neutral' },
};

export interface OfficeStatusView {
  readonly title: string;
  /** The badge: the sync's state, or, once a sync finished, how fresh the data is. */
  readonly state: { readonly label: string; readonly tone: Tone };
  readonly freshness: OfficeFreshness;
  /** Which link is behind, in words, and what to do; null when the data is up to date. */
  readonly behind: { readonly reason: string; readonly advice: string } | null;
  /** How the hours were counted, for the reader who wonders why Monday morning is not "behind". */
  readonly counted: string;
  readonly pms: string;
  readonly pmsRefreshed: string;
  readonly spcSynchronized: string;
  readonly spcInserted: string;
  /** v4's data_sync_status as Sikka wrote it, with when it was asked; null where Sikka does not give it. */
  readonly dataSyncStatus: string | null;
  /** The last failure in plain words, or why syncing waits. */
  readonly problem: string | null;
  readonly lastSync: string;
  readonly nextSync: string;
}

const NOT_REPORTED = 'Not reported';

const SPC_ADVICE = 'Recent changes in the practice may be missing here. Check that the Sikka agent (SPC) is running on the practice\u2019s server.';
const PC_ADVICE = 'Recent changes may be missing here: this PC has not copied from Sikka since. Check this PC\u2019s internet connection, or choose Sync now.';

export function officeStatusView(office: OfficeSyncStatus, sync: Pick<SyncStatus, 'freshness'>, now: number): OfficeStatusView {
  const { spc } = office;
  const zone = spc.ianaTimeZone;
  const pms = [spc.practiceManagementSystem, spc.practiceManagementSystemVersion].filter((part): part is string => part !== null && part !== '').join(' ');
  const withAgo = (at: number | null, text: string): string => (at === null ? text : `${text}, ${ago(at, now)}`);
  const freshness = officeFreshness(office, sync.freshness, now);
  const reason = behindWords(freshness);
  const worst = freshness.behind[0];
  return {
    title: office.practiceName ?? `Office ${office.officeId}`,
    state: office.state === 'up-to-date' ? FRESHNESS_WORDS[freshness.level] : STATE_WORDS[office.state],
    freshness,
    behind: reason === null || worst === undefined || freshness.level === 'none' ? null : { reason, advice: worst.link === 'this-pc' ? PC_ADVICE : SPC_ADVICE },
    counted: freshness.inBusinessHours ? 'Hours behind are counted while the practice is open.' : 'Hours behind are counted around the clock (Sikka gave no opening hours).',
    pms: pms === '' ? NOT_REPORTED : pms,
    pmsRefreshed: spc.refreshedAt === null ? NOT_REPORTED : withAgo(spc.refreshedAt.at, formatOfficeLocalTime(spc.refreshedAt, zone, now)),
    spcSynchronized: spc.synchronizedAt === null ? NOT_REPORTED : withAgo(spc.synchronizedAt.at, formatOfficeLocalTime(spc.synchronizedAt, zone, now)),
    spcInserted: spc.insertedAt === null ? NOT_REPORTED : withAgo(spc.insertedAt.at, formatOfficeLocalTime(spc.insertedAt, zone, now)),
    dataSyncStatus: spc.dataSyncStatus === null ? null : `\u201c${spc.dataSyncStatus.status}\u201d${spc.dataSyncStatus.refreshing ? '' : ' (not \u201crefresh\u201d: Sikka cannot read the practice system)'}, asked ${ago(spc.dataSyncStatus.checkedAt, now)}`,
    problem: problemOf(office, now),
    lastSync: office.lastSuccessAt === null ? 'Never' : formatMoment(office.lastSuccessAt, now),
    nextSync: office.nextRunAt === null ? 'Not scheduled' : formatUpcoming(office.nextRunAt, now),
  };
}

function problemOf(office: OfficeSyncStatus, now: number): string | null {
  const parts: string[] = [];
  if (office.lastError !== null) parts.push(office.lastError.explanation);
  if (office.quota.limited && office.quota.resumesAt !== null) {
    parts.push(`Syncing resumes at ${formatOfficeMoment(office.quota.resumesAt, office.spc.ianaTimeZone, now)}.`);
  }
  return parts.length === 0 ? null : parts.join(' ');
}

export interface CopyFreshnessView {
  readonly level: FreshnessLevel;
  readonly tone: Tone;
  /** "Up to date", "Behind", "A day behind", "Not synced yet". */
  readonly label: string;
  /** "9:12 AM CT (3 h ago)": what the data is as of — the older link's time, on its own clock; null while unknown. */
  readonly asOf: string | null;
  /** Which link is behind, in words ("Dentrix last read by Sikka 3 h ago"); null when none is. */
  readonly reason: string | null;
  /** The office the reason is about, named when there are several. */
  readonly office: string | null;
}

/** The header's line: "Up to date · data as of 9:12 AM CT (48 min ago)", "Behind: Dentrix last read by Sikka 5 h ago (Maple Grove Family Dental)". */
export function copyFreshnessText(view: CopyFreshnessView): string {
  if (view.reason !== null) return `${view.label}: ${view.reason}${view.office === null ? '' : ` (${view.office})`}`;
  return view.asOf === null ? view.label : `${view.label} \u00b7 data as of ${view.asOf}`;
}

/** The copy as a whole, for the header and the offline banner: no fresher than its stalest office. */
export function copyFreshnessView(sync: SyncStatus, now: number): CopyFreshnessView {
  const whole = copyFreshness(sync.offices, sync.freshness, now);
  const worst = whole.worst;
  const office = worst === null ? undefined : sync.offices.find((each) => each.officeId === worst.officeId);
  const reason = worst === null ? null : behindWords(worst);
  // The time of the older link of the oldest office: an office's event on its clock, this PC's on the PC's.
  const oldest = whole.asOf === null ? undefined : whole.offices.find((judged) => judged.asOf === whole.asOf);
  let asOf: string | null = null;
  if (whole.asOf !== null && oldest !== undefined) {
    const zone = sync.offices.find((each) => each.officeId === oldest.officeId)?.spc.ianaTimeZone ?? null;
    const when = oldest.asOfLink === 'practice-system' ? formatOfficeMoment(whole.asOf, zone, now) : formatPcMoment(whole.asOf, now);
    asOf = `${when} (${ago(whole.asOf, now)})`;
  }
  const words = whole.level === 'none' ? { label: 'Not synced yet', tone: 'neutral' as const } : FRESHNESS_WORDS[whole.level];
  return {
    level: whole.level,
    tone: words.tone,
    label: words.label,
    asOf,
    reason: whole.level === 'none' ? null : reason,
    office: reason === null || whole.level === 'none' || sync.offices.length < 2 || office === undefined ? null : (office.practiceName ?? `Office ${office.officeId}`),
  };
}

const RESOURCE_WORDS: Readonly<Record<SyncProgress['resource'], string>> = {
  practices: 'practice details',
  providers: 'providers',
  guarantors: 'guarantors',
  patients: 'patients',
  appointments: 'appointments',
};

/**
 * "Copying Maple Grove Family Dental: patients 2,310 of 6,000" — the same for the bar and the
 * screen reader; "Fetching changes …" for a change log. The total when Sikka gave one.
 */
export function progressText(progress: SyncProgress, practiceName: string | null = null): string {
  const what = RESOURCE_WORDS[progress.resource];
  const count = progress.rowsTotal === null ? formatCount(progress.rowsDone) : `${formatCount(progress.rowsDone)} of ${formatCount(progress.rowsTotal)}`;
  if (progress.phase === 'changes') return practiceName === null ? `Fetching changes to ${what}: ${count}` : `Fetching changes for ${practiceName}: ${what} ${count}`;
  return practiceName === null ? `Copying ${what}: ${count}` : `Copying ${practiceName}: ${what} ${count}`;
}

/** For the screen reader: which office and resource, not every row (a live region repeating counts is noise). */
export function progressAnnouncement(progress: SyncProgress, practiceName: string | null = null): string {
  return `Copying ${practiceName === null ? '' : `${practiceName}: `}${RESOURCE_WORDS[progress.resource]}`;
}

/**
 * What a screen shows instead of "nothing here" while the first copy runs: which office and how
 * far ("Copying Maple Grove Family Dental: patients 2,310 of 6,000"); null when no first copy is
 * running (every office has finished one, or nothing runs).
 */
export function firstCopyText(sync: SyncStatus | null, progress: SyncProgress | null): string | null {
  if (sync === null || !sync.running) return null;
  const copying = sync.offices.filter((office) => office.lastSuccessAt === null);
  if (sync.offices.length > 0 && copying.length === 0) return null;
  const office = progress === null ? undefined : copying.find((each) => each.officeId === progress.officeId);
  if (progress !== null && office !== undefined) return progressText(progress, office.practiceName ?? `office ${office.officeId}`);
  return copying.length === 0 ? 'Starting the first copy: asking Sikka for the practice\u2019s offices\u2026' : `Copying ${copying.map((each) => each.practiceName ?? `office ${each.officeId}`).join(' and ')}\u2026`;
}
