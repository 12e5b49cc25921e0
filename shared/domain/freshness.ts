/**
 * How fresh the practice's data on this PC is, decided once for the header, the Status screen,
 * the tray and the caller card. The data passes two links — the practice's Sikka agent (SPC)
 * reading the practice management system into Sikka, then this PC copying from Sikka — and it is
 * only as fresh as the OLDER of the two: a copy made a minute ago of what Sikka read yesterday is
 * yesterday's data. So:
 *
 * - each link's time: when SPC last read the practice system (authorized_practices'
 *   practice_management_system_refresh_date, else its data_insert_date), and when this PC last
 *   finished copying the office;
 * - each link is behind once more than the threshold (a setting, 4 hours by default) has passed
 *   since then, counted in the office's business hours where Sikka gave them (nothing changes in
 *   the practice system while the practice is closed) and on the wall clock otherwise; and a day
 *   behind once, in addition, more than 24 hours have passed on the wall clock;
 * - v4's data_sync_status saying anything but "refresh" makes the SPC link a day behind whatever
 *   the dates say (Sikka: "not able to connect practice management systems for more than 24
 *   hours"); an SPC that never said when it read the practice system cannot be vouched for, so it
 *   counts as behind;
 * - "Up to date" only when neither link is behind.
 */
import { localParts, localToInstant } from '../time/officeZone';
import { formatAgo } from '../time/relative';
import type { BusinessHours, OfficeSyncStatus } from './sync';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the settings decide about freshness. */
export interface FreshnessPolicy {
  /** Behind (amber) after this many hours, counted in business hours where the office has them. */
  readonly amberAfterHours: number;
}

export const DEFAULT_FRESHNESS_POLICY: FreshnessPolicy = { amberAfterHours: 4 };
/** A day behind (red) after this long on the wall clock. */
export const RED_AFTER_MS = DAY;

/**
 * - `fresh`: not behind;
 * - `amber`: behind by more than the threshold;
 * - `red`: behind by more than a day, or Sikka reports it cannot read the practice system;
 * - `none`: nothing copied to this PC yet.
 */
export type FreshnessLevel = 'fresh' | 'amber' | 'red' | 'none';

/** Worst first. */
const SEVERITY: readonly FreshnessLevel[] = ['red', 'amber', 'none', 'fresh'];

export function worseLevel(a: FreshnessLevel, b: FreshnessLevel): FreshnessLevel {
  return SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b;
}

/** The practice's Sikka agent reading the practice system, or this PC copying from Sikka. */
export type FreshnessLink = 'practice-system' | 'this-pc';

export interface LinkFreshness {
  readonly link: FreshnessLink;
  /** When the link last brought the data along; null: never (this PC) or not reported (SPC). */
  readonly at: number | null;
  /** How long it has been behind since, as counted (business hours where known); null with `at`. */
  readonly behindMs: number | null;
  readonly level: FreshnessLevel;
  /** "Dentrix last read by Sikka 3 h ago", "Last copied to this PC 5 min ago". */
  readonly words: string;
}

export interface OfficeFreshness {
  readonly officeId: string;
  readonly level: FreshnessLevel;
  /** The older link's time: the practice's data on this PC is no newer. Null while either is unknown. */
  readonly asOf: number | null;
  /** The link `asOf` is the time of. */
  readonly asOfLink: FreshnessLink | null;
  readonly practiceSystem: LinkFreshness;
  readonly thisPc: LinkFreshness;
  /** The links behind, worst first; empty when fresh. */
  readonly behind: readonly LinkFreshness[];
  /** Counted in the office's business hours (rather than on the wall clock). */
  readonly inBusinessHours: boolean;
}

export type FreshnessSource = Pick<OfficeSyncStatus, 'officeId' | 'lastSuccessAt' | 'spc' | 'businessHours'>;

/** The name staff know the practice system by ("Dentrix"), or a description when Sikka gave none. */
export function practiceSystemName(office: Pick<OfficeSyncStatus, 'spc'>): string {
  const name = office.spc.practiceManagementSystem?.trim() ?? '';
  return name === '' ? 'The practice system' : name;
}

/** When SPC last read the practice system: the refresh date, else when it last loaded data into Sikka. */
export function practiceSystemReadAt(office: Pick<OfficeSyncStatus, 'spc'>): number | null {
  return office.spc.refreshedAt?.at ?? office.spc.insertedAt?.at ?? null;
}

export function officeFreshness(office: FreshnessSource, policy: FreshnessPolicy, now: number): OfficeFreshness {
  const zone = office.spc.ianaTimeZone;
  const hours = zone !== null && office.businessHours !== null && opensAtAll(office.businessHours) ? office.businessHours : null;
  const counted = (at: number): number => (hours === null || zone === null ? Math.max(0, now - at) : businessMsBetween(at, now, hours, zone));
  const levelAt = (at: number): FreshnessLevel => {
    if (counted(at) <= policy.amberAfterHours * HOUR) return 'fresh';
    return now - at > RED_AFTER_MS ? 'red' : 'amber';
  };

  const system = practiceSystemName(office);
  const readAt = practiceSystemReadAt(office);
  const syncState = office.spc.dataSyncStatus;
  const unreachable = syncState !== null && !syncState.refreshing;
  let practiceSystem: LinkFreshness;
  if (unreachable) {
    practiceSystem = {
      link: 'practice-system',
      at: readAt,
      behindMs: readAt === null ? null : counted(readAt),
      level: 'red',
      words: `Sikka reports it cannot read ${system}${readAt === null ? '' : ` (last read ${formatAgo(readAt, now)})`}`,
    };
  } else if (readAt === null) {
    practiceSystem = { link: 'practice-system', at: null, behindMs: null, level: 'amber', words: `Sikka has not said when it last read ${system}` };
  } else {
    practiceSystem = { link: 'practice-system', at: readAt, behindMs: counted(readAt), level: levelAt(readAt), words: `${system} last read by Sikka ${formatAgo(readAt, now)}` };
  }

  const copiedAt = office.lastSuccessAt;
  const thisPc: LinkFreshness = copiedAt === null
    ? { link: 'this-pc', at: null, behindMs: null, level: 'none', words: 'Not copied to this PC yet' }
    : { link: 'this-pc', at: copiedAt, behindMs: counted(copiedAt), level: levelAt(copiedAt), words: `Last copied to this PC ${formatAgo(copiedAt, now)}` };

  const behind = [practiceSystem, thisPc]
    .filter((link) => link.level !== 'fresh')
    .sort((a, b) => SEVERITY.indexOf(a.level) - SEVERITY.indexOf(b.level));
  const older = readAt === null || copiedAt === null ? null : readAt <= copiedAt ? practiceSystem : thisPc;
  return {
    officeId: office.officeId,
    level: worseLevel(practiceSystem.level, thisPc.level),
    asOf: older?.at ?? null,
    asOfLink: older?.link ?? null,
    practiceSystem,
    thisPc,
    behind,
    inBusinessHours: hours !== null,
  };
}

export interface CopyFreshness {
  /** The worst office's level; `none` when there are no offices. */
  readonly level: FreshnessLevel;
  /** The oldest office's `asOf`; null while any office's is unknown. */
  readonly asOf: number | null;
  /** The office that decides `level` (the one with the oldest data among the worst). */
  readonly worst: OfficeFreshness | null;
  readonly offices: readonly OfficeFreshness[];
}

/** Every office's freshness, and the copy's as a whole: no fresher than its stalest office. */
export function copyFreshness(offices: readonly FreshnessSource[], policy: FreshnessPolicy, now: number): CopyFreshness {
  const judged = offices.map((office) => officeFreshness(office, policy, now));
  let worst: OfficeFreshness | null = null;
  for (const office of judged) {
    if (worst === null) worst = office;
    else if (SEVERITY.indexOf(office.level) < SEVERITY.indexOf(worst.level)) worst = office;
    else if (office.level === worst.level && (office.asOf ?? -Infinity) < (worst.asOf ?? -Infinity)) worst = office;
  }
  const asOfs = judged.map((office) => office.asOf);
  return {
    level: worst?.level ?? 'none',
    asOf: asOfs.length === 0 || asOfs.some((at) => at === null) ? null : Math.min(...(asOfs as number[])),
    worst,
    offices: judged,
  };
}

/** The reason, in words, that the office is not up to date ("Dentrix last read by Sikka 3 h ago"); null when it is. */
export function behindWords(freshness: OfficeFreshness): string | null {
  return freshness.behind.length === 0 ? null : freshness.behind.map((link) => link.words).join('; ');
}

function opensAtAll(hours: BusinessHours): boolean {
  return hours.days.some((spans) => spans.some((span) => span.to > span.from));
}

/** Past this, a gap is a day behind whatever the hours: counting further changes nothing. */
const COUNT_DAYS_AT_MOST = 15;

/**
 * The time between two instants during which the office was open, on its wall clock in `zone`
 * (IANA). Days are walked in the office's calendar, so daylight-saving changes are counted as
 * the office lived them.
 */
export function businessMsBetween(from: number, to: number, hours: BusinessHours, zone: string): number {
  if (to <= from) return 0;
  const first = localParts(from, zone);
  let total = 0;
  for (let offset = 0; offset < COUNT_DAYS_AT_MOST; offset++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + offset));
    const day = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    const at = (minutes: number): number => {
      const moved = new Date(Date.UTC(day.year, day.month - 1, day.day, 0, minutes));
      return localToInstant({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate(), hour: moved.getUTCHours(), minute: moved.getUTCMinutes(), second: 0 }, zone);
    };
    if (at(0) >= to) break;
    for (const span of hours.days[date.getUTCDay()] ?? []) {
      const start = Math.max(at(span.from), from);
      const end = Math.min(at(span.to), to);
      if (end > start) total += end - start;
    }
  }
  return total;
}
