/** Opening hours from v4's practice_schedule, whose value formats Sikka's collection does not show. */
import { describe, expect, it } from 'vitest';
import { businessHoursFromSchedule, clockMinutes } from '../../main/sikka/practiceSchedule';

const closed = { start: '00:00', end: '00:00' };
function row(patch: Record<string, string>, day: { start: string; end: string } = closed): Record<string, string> {
  const record: Record<string, string> = { resource_type: 'Practice', resource_id: '1', date: '2026-03-01' };
  for (const weekday of ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']) {
    record[`${weekday}_start_1`] = day.start;
    record[`${weekday}_end_1`] = day.end;
  }
  return { ...record, ...patch };
}

describe('opening hours from practice_schedule', () => {
  it('reads clock text in the forms a practice system may write it', () => {
    expect(clockMinutes('08:00')).toBe(480);
    expect(clockMinutes('8:30 AM')).toBe(510);
    expect(clockMinutes('5:00 p.m.')).toBe(1020);
    expect(clockMinutes('12:15 AM')).toBe(15);
    expect(clockMinutes('17:00:00')).toBe(1020);
    expect(clockMinutes('1900-01-01 13:30:00')).toBe(810);
    expect(clockMinutes('sunday start 1')).toBeUndefined();
    expect(clockMinutes('25:00')).toBeUndefined();
  });

  it('takes the practice\u2019s spans per weekday, with a lunch hour, and a holiday as closed', () => {
    const hours = businessHoursFromSchedule([
      row({ monday_start_1: '08:00', monday_end_1: '12:00', monday_start_2: '13:00', monday_end_2: '17:00', tuesday_start_1: '08:00', tuesday_end_1: '17:00', tuesday_holiday: 'true' }),
    ], '2026-03-04');
    expect(hours?.days[1]).toEqual([{ from: 480, to: 720 }, { from: 780, to: 1020 }]);
    expect(hours?.days[2]).toEqual([]);
    expect(hours?.days[0]).toEqual([]);
  });

  it('without a practice row, opens when any provider or operatory works', () => {
    const hours = businessHoursFromSchedule([
      row({ resource_type: 'Provider', monday_start_1: '08:00', monday_end_1: '12:00' }),
      row({ resource_type: 'Operatory', monday_start_1: '11:00', monday_end_1: '16:00' }),
    ], '2026-03-04');
    expect(hours?.days[1]).toEqual([{ from: 480, to: 960 }]);
  });

  it('takes the latest week that has begun', () => {
    const hours = businessHoursFromSchedule([
      row({ date: '2026-02-22', monday_start_1: '07:00', monday_end_1: '15:00' }),
      row({ date: '2026-03-01', monday_start_1: '09:00', monday_end_1: '18:00' }),
      row({ date: '2026-03-08', monday_start_1: '10:00', monday_end_1: '11:00' }),
    ], '2026-03-04');
    expect(hours?.days[1]).toEqual([{ from: 540, to: 1080 }]);
  });

  it('is nothing when the schedule never opens, or is empty', () => {
    expect(businessHoursFromSchedule([row({})], '2026-03-04')).toBeNull();
    expect(businessHoursFromSchedule([], '2026-03-04')).toBeNull();
  });
});
