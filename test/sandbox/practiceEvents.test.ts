import { describe, expect, it } from 'vitest';
import type { Rec } from '../../main/sandbox/generator';
import type { ChangeEntry } from '../../main/sandbox/liveCollection';
import { fieldChanges, practiceEvents } from '../../main/sandbox/practiceEvents';

const identity = (record: Rec): Rec => record;
const options = { present: identity, idField: 'patient_id' };

describe('practice events from a change log', () => {
  const a1 = { patient_id: '1', cell: '555-0100', city: 'Peoria' };
  const a2 = { patient_id: '1', cell: '555-0199', city: 'Peoria' };
  const a3 = { patient_id: '1', cell: '555-0199', city: 'Normal' };
  const b = { patient_id: '2', cell: '555-0200', city: 'Pekin' };
  const log: ChangeEntry[] = [
    { at: 1, flag: 'Added', record: a1 },
    { at: 2, flag: 'Deleted', record: a1, edit: 'before' },
    { at: 2, flag: 'Added', record: a2, edit: 'after' },
    { at: 3, flag: 'Added', record: b },
    { at: 4, flag: 'Deleted', record: a2, edit: 'before' },
    { at: 4, flag: 'Added', record: a3, edit: 'after' },
    { at: 5, flag: 'Deleted', record: b },
  ];

  it('turns each edit\u2019s two halves into one updated event with the fields it changed', () => {
    expect(practiceEvents(log, options).map((event) => [event.at, event.flag, event.record['patient_id'], event.changes])).toEqual([
      [1, 'added', '1', []],
      [2, 'updated', '1', [{ field: 'cell', old_value: '555-0100', new_value: '555-0199' }]],
      [3, 'added', '2', []],
      [4, 'updated', '1', [{ field: 'city', old_value: 'Peoria', new_value: 'Normal' }]],
      [5, 'deleted', '2', []],
    ]);
  });

  it('keeps only each record\u2019s latest event when asked', () => {
    expect(practiceEvents(log, { ...options, latestOnly: true }).map((event) => [event.at, event.flag])).toEqual([[4, 'updated'], [5, 'deleted']]);
  });

  it('keeps only the flag asked for', () => {
    expect(practiceEvents(log, { ...options, flag: 'added' }).map((event) => event.at)).toEqual([1, 3]);
  });

  it('names a field the new version lacks as changed to empty', () => {
    expect(fieldChanges({ patient_id: '1', email: 'a@b.c' }, { patient_id: '1' })).toEqual([{ field: 'email', old_value: 'a@b.c', new_value: '' }]);
  });
});
