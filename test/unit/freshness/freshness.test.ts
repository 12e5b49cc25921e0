/**
 * The freshness rule at its edges: the older of the two links decides, the threshold and the day
 * at their boundaries, business hours on the office's own clock (weekends, lunch, daylight saving),
 * missing SPC dates, and Sikka's data_sync_status.
 */
import { describe, expect, it } from 'vitest';
import { businessMsBetween, copyFreshness, DEFAULT_FRESHNESS_POLICY, officeFreshness, type FreshnessSource } from '../../../shared/domain/freshness';
import type { BusinessHours, OpenSpan } from '../../../shared/domain/sync';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2026-03-02, 14:00 in Chicago (CST, UTC-6). */
const NOW = Date.parse('2026-03-02T20:00:00Z');
const POLICY = DEFAULT_FRESHNESS_POLICY;

const span = (from: string, to: string): OpenSpan => {
  const minutes = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  return { from: minutes(from), to: minutes(to) };
};
/** Monday to Friday, with the hours given; closed at the weekend. */
const weekdays = (...spans: OpenSpan[]): BusinessHours => ({ days: [[], spans, spans, spans, spans, spans, []] });
const NINE_TO_FIVE = weekdays(span('08:00', '17:00'));

function office(patch: { readAt?: number | null; insertedAt?: number | null; copiedAt?: number | null; pms?: string | null; zone?: string | null; hours?: BusinessHours | null; syncStatus?: string | null } = {}): FreshnessSource {
  const time = (at: number | null | undefined) => (at == null ? null : { local: 'as sent', timeZone: 'Central Standard Time', at });
  const readAt = patch.readAt === undefined ? NOW - 20 * MINUTE : patch.readAt;
  return {
    officeId: 'D16001',
    lastSuccessAt: patch.copiedAt === undefined ? NOW - 3 * MINUTE : patch.copiedAt,
    businessHours: patch.hours ?? null,
    spc: {
      practiceManagementSystem: patch.pms === undefined ? 'Dentrix' : patch.pms,
      practiceManagementSystemVersion: 'G7',
      refreshedAt: time(readAt),
      synchronizedAt: null,
      insertedAt: time(patch.insertedAt),
      timeZone: 'Central Standard Time',
      ianaTimeZone: patch.zone === undefined ? 'America/Chicago' : patch.zone,
      dataSyncStatus: patch.syncStatus == null ? null : { status: patch.syncStatus, refreshing: patch.syncStatus === 'refresh', checkedAt: NOW - MINUTE },
    },
  };
}

describe('freshness is the older of the two links', () => {
  it('is up to date when Sikka read the practice system and this PC copied within the threshold', () => {
    const fresh = officeFreshness(office(), POLICY, NOW);
    expect(fresh).toMatchObject({ level: 'fresh', asOf: NOW - 20 * MINUTE, asOfLink: 'practice-system', behind: [] });
    expect(fresh.practiceSystem.words).toBe('Dentrix last read by Sikka 20 min ago');
    expect(fresh.thisPc.words).toBe('Last copied to this PC 3 min ago');
  });

  it('is behind when Sikka last read the practice system hours ago, however fresh this PC\u2019s copy', () => {
    const stale = officeFreshness(office({ readAt: NOW - 5 * HOUR, copiedAt: NOW - 2 * MINUTE }), POLICY, NOW);
    expect(stale.level).toBe('amber');
    expect(stale.asOf).toBe(NOW - 5 * HOUR);
    expect(stale.behind.map((link) => link.words)).toEqual(['Dentrix last read by Sikka 5 h ago']);
  });

  it('is behind when this PC has not copied for hours, however fresh Sikka is', () => {
    const stale = officeFreshness(office({ copiedAt: NOW - 6 * HOUR }), POLICY, NOW);
    expect(stale).toMatchObject({ level: 'amber', asOf: NOW - 6 * HOUR, asOfLink: 'this-pc' });
    expect(stale.behind.map((link) => link.words)).toEqual(['Last copied to this PC 6 h ago']);
  });

  it('names both links, the worse first, when both are behind', () => {
    const stale = officeFreshness(office({ readAt: NOW - 5 * HOUR, copiedAt: NOW - 30 * HOUR }), POLICY, NOW);
    expect(stale.level).toBe('red');
    expect(stale.behind.map((link) => link.link)).toEqual(['this-pc', 'practice-system']);
  });
});

describe('the threshold and the day, at their boundaries', () => {
  it('turns amber just after the threshold, not at it', () => {
    expect(officeFreshness(office({ readAt: NOW - 4 * HOUR }), POLICY, NOW).level).toBe('fresh');
    expect(officeFreshness(office({ readAt: NOW - 4 * HOUR - 1 }), POLICY, NOW).level).toBe('amber');
  });

  it('turns red just after a day', () => {
    expect(officeFreshness(office({ readAt: NOW - 24 * HOUR }), POLICY, NOW).level).toBe('amber');
    expect(officeFreshness(office({ readAt: NOW - 24 * HOUR - 1 }), POLICY, NOW).level).toBe('red');
  });

  it('takes the threshold from the settings', () => {
    expect(officeFreshness(office({ readAt: NOW - 90 * MINUTE }), { amberAfterHours: 1 }, NOW).level).toBe('amber');
    expect(officeFreshness(office({ readAt: NOW - 5 * HOUR }), { amberAfterHours: 6 }, NOW).level).toBe('fresh');
  });

  it('does not count a date in the future as behind (a clock ahead of the PC\u2019s)', () => {
    expect(officeFreshness(office({ readAt: NOW + 10 * MINUTE }), POLICY, NOW).level).toBe('fresh');
  });
});

describe('missing SPC dates', () => {
  it('takes when SPC last loaded data when the practice system\u2019s read is not reported', () => {
    const fresh = officeFreshness(office({ readAt: null, insertedAt: NOW - 5 * HOUR }), POLICY, NOW);
    expect(fresh.level).toBe('amber');
    expect(fresh.practiceSystem.at).toBe(NOW - 5 * HOUR);
  });

  it('never vouches for a practice system Sikka has given no date for', () => {
    const unknown = officeFreshness(office({ readAt: null, insertedAt: null }), POLICY, NOW);
    expect(unknown).toMatchObject({ level: 'amber', asOf: null });
    expect(unknown.behind.map((link) => link.words)).toEqual(['Sikka has not said when it last read Dentrix']);
  });

  it('says "the practice system" when Sikka does not name it', () => {
    expect(officeFreshness(office({ pms: null, readAt: NOW - 5 * HOUR }), POLICY, NOW).practiceSystem.words).toBe('The practice system last read by Sikka 5 h ago');
  });

  it('is "none" before this PC copied anything, and worse than that when Sikka is behind too', () => {
    expect(officeFreshness(office({ copiedAt: null }), POLICY, NOW)).toMatchObject({ level: 'none', asOf: null });
    expect(officeFreshness(office({ copiedAt: null, readAt: NOW - 5 * HOUR }), POLICY, NOW).level).toBe('amber');
  });
});

describe('Sikka\u2019s data_sync_status (v4)', () => {
  it('is a day behind whatever the dates say when it is not "refresh"', () => {
    const broken = officeFreshness(office({ syncStatus: 'not_refresh' }), POLICY, NOW);
    expect(broken.level).toBe('red');
    expect(broken.behind.map((link) => link.words)).toEqual(['Sikka reports it cannot read Dentrix (last read 20 min ago)']);
  });

  it('changes nothing when it is "refresh"', () => {
    expect(officeFreshness(office({ syncStatus: 'refresh' }), POLICY, NOW).level).toBe('fresh');
  });
});

describe('business hours, on the office\u2019s own clock', () => {
  /** 2026-02-27 is a Friday; times in Chicago (UTC-6 in winter). */
  const chicago = (iso: string): number => Date.parse(`${iso}-06:00`);

  it('does not count the weekend: read Friday after closing is fresh on Monday morning', () => {
    const monday = chicago('2026-03-02T09:00:00');
    const read = chicago('2026-02-27T17:30:00');
    const judged = officeFreshness(office({ readAt: read, copiedAt: monday - MINUTE, hours: NINE_TO_FIVE }), POLICY, monday);
    expect(judged).toMatchObject({ level: 'fresh', inBusinessHours: true });
    expect(judged.practiceSystem.behindMs).toBe(HOUR);
    // The same gap on the wall clock is more than two days.
    expect(officeFreshness(office({ readAt: read, copiedAt: monday - MINUTE }), POLICY, monday).level).toBe('red');
  });

  it('turns amber after the threshold in open hours, and red once a day has also passed', () => {
    const read = chicago('2026-03-02T08:00:00');
    expect(officeFreshness(office({ readAt: read, hours: NINE_TO_FIVE }), POLICY, chicago('2026-03-02T12:00:00')).level).toBe('fresh');
    expect(officeFreshness(office({ readAt: read, hours: NINE_TO_FIVE }), POLICY, chicago('2026-03-02T12:01:00')).level).toBe('amber');
    expect(officeFreshness(office({ readAt: chicago('2026-02-27T15:00:00'), hours: NINE_TO_FIVE }), POLICY, chicago('2026-03-02T10:01:00')).level).toBe('red');
  });

  it('leaves out a lunch break', () => {
    const hours = weekdays(span('08:00', '12:00'), span('13:00', '17:00'));
    const judged = officeFreshness(office({ readAt: chicago('2026-03-02T11:00:00'), hours }), POLICY, chicago('2026-03-02T15:30:00'));
    expect(judged.practiceSystem.behindMs).toBe(3.5 * HOUR);
    expect(judged.level).toBe('fresh');
  });

  it('counts in the office\u2019s zone, not the PC\u2019s or UTC', () => {
    // 08:00–17:00 in Los Angeles is 16:00–01:00 UTC: an evening in UTC is still the office\u2019s afternoon.
    const losAngeles = (iso: string): number => Date.parse(`${iso}-08:00`);
    const between = businessMsBetween(losAngeles('2026-03-02T12:00:00'), losAngeles('2026-03-02T20:00:00'), NINE_TO_FIVE, 'America/Los_Angeles');
    expect(between).toBe(5 * HOUR);
  });

  it('counts a day as long as the office lived it across daylight saving', () => {
    const always: BusinessHours = { days: Array.from({ length: 7 }, () => [span('00:00', '24:00')]) };
    // US daylight saving began on Sunday 2026-03-08: that Sunday had 23 hours.
    const from = Date.parse('2026-03-07T12:00:00-06:00');
    const to = Date.parse('2026-03-09T12:00:00-05:00');
    expect(businessMsBetween(from, to, always, 'America/Chicago')).toBe(to - from);
    expect(to - from).toBe(47 * HOUR);
  });

  it('falls back to the wall clock without the office\u2019s zone, or with hours that never open', () => {
    const read = chicago('2026-02-27T17:30:00');
    const monday = chicago('2026-03-02T09:00:00');
    expect(officeFreshness(office({ readAt: read, hours: NINE_TO_FIVE, zone: null }), POLICY, monday)).toMatchObject({ level: 'red', inBusinessHours: false });
    expect(officeFreshness(office({ readAt: read, hours: weekdays() }), POLICY, monday)).toMatchObject({ level: 'red', inBusinessHours: false });
  });

  it('applies the same hours to this PC\u2019s copy: a PC off overnight is not behind at opening', () => {
    const morning = chicago('2026-03-03T08:30:00');
    const judged = officeFreshness(office({ readAt: morning - 10 * MINUTE, copiedAt: chicago('2026-03-02T17:05:00'), hours: NINE_TO_FIVE }), POLICY, morning);
    expect(judged.thisPc.level).toBe('fresh');
  });
});

describe('the copy as a whole', () => {
  it('is as fresh as its stalest office, and names it', () => {
    const whole = copyFreshness([office(), { ...office({ readAt: NOW - 5 * HOUR }), officeId: 'V20417' }], POLICY, NOW);
    expect(whole).toMatchObject({ level: 'amber', asOf: NOW - 5 * HOUR });
    expect(whole.worst?.officeId).toBe('V20417');
  });

  it('has no date while an office has none, and nothing to judge without offices', () => {
    expect(copyFreshness([office(), { ...office({ copiedAt: null }), officeId: 'V20417' }], POLICY, NOW).asOf).toBeNull();
    expect(copyFreshness([], POLICY, NOW)).toMatchObject({ level: 'none', asOf: null, worst: null });
  });
});
