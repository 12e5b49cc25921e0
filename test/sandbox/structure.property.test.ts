import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rec } from '../../main/sandbox/generator';
import { Households } from '../../main/sandbox/households';
import { LiveCollection } from '../../main/sandbox/liveCollection';
import { addWeekdays, dayNumber, weekday } from '../../main/sandbox/schedule';

describe('households', () => {
  it('puts every patient in exactly one household, each guarantor with members has at least one', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 500 }), fc.integer(), (patients, guarantors, seed) => {
      const households = new Households(patients, guarantors, seed);
      const seen: number[] = [];
      for (let k = 0; k < guarantors; k++) {
        const { first, size } = households.membersOf(k);
        if (k < Math.min(patients, guarantors)) expect(size).toBeGreaterThanOrEqual(1);
        else expect(size).toBe(0);
        for (let rank = 0; rank < size; rank++) {
          expect(households.membershipOf(first + rank)).toEqual({ guarantor: k, rank, size });
          seen.push(first + rank);
        }
      }
      expect(seen).toEqual(Array.from({ length: patients }, (_, i) => i));
    }), { numRuns: 150 });
  });
});

describe('weekdays', () => {
  it('steps k weekdays from today, landing on weekdays in order', () => {
    const start = dayNumber(2026, 1, 1);
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -400, max: 400 }), (offset, k) => {
      const today = start + offset;
      const day = addWeekdays(today, k);
      if (k === 0) return day === today;
      const next = addWeekdays(today, k + Math.sign(k));
      const between = Array.from({ length: Math.abs(day - today) }, (_, i) => (k > 0 ? today + 1 + i : day + i));
      return weekday(day) < 5 && (k > 0 ? next > day : next < day) && between.filter((d) => weekday(d) < 5).length === Math.abs(k);
    }), { numRuns: 500 });
  });
});

describe('live collections', () => {
  const base = (size: number) => ({ size, at: (i: number): Rec => ({ id: String(i), version: '0' }), indexOf: (id: string) => (/^\d+$/.test(id) && Number(id) < size ? Number(id) : undefined) });
  const operation = fc.oneof(
    fc.record({ kind: fc.constant('add' as const) }),
    fc.record({ kind: fc.constant('edit' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  );

  it('pages, counts and looks up exactly like an array edited the same way', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.array(operation, { maxLength: 80 }), fc.integer({ min: 1, max: 25 }), (size, operations, pageSize) => {
      const collection = new LiveCollection('id', base(size));
      const model: Rec[] = Array.from({ length: size }, (_, i) => ({ id: String(i), version: '0' }));
      let nextId = 1000;
      for (const [step, op] of operations.entries()) {
        if (op.kind === 'add') {
          const record = { id: String(nextId++), version: '0' };
          collection.add(record, step);
          model.push(record);
        } else if (model.length > 0) {
          const position = op.at % model.length;
          const ref = collection.refAt(position);
          if (op.kind === 'edit') {
            const record = { ...(model[position] ?? {}), version: String(step) };
            collection.replace(ref, record, step);
            model[position] = record;
          } else {
            collection.remove(ref, step);
            model.splice(position, 1);
          }
        }
      }
      expect(collection.count).toBe(model.length);
      for (let start = 0; start < model.length + pageSize; start += pageSize) {
        expect([...collection.slice(start, pageSize)]).toEqual(model.slice(start, start + pageSize));
      }
      for (const record of model) expect(collection.byId(record['id'] as string)).toEqual(record);
    }), { numRuns: 300 });
  });

  it('logs an edit as the old version deleted and the new one added', () => {
    const collection = new LiveCollection('id', base(3));
    collection.replace({ base: 1 }, { id: '1', version: 'new' }, 10);
    collection.remove({ base: 2 }, 20);
    expect(collection.changesBetween(0, 30, undefined).map((entry) => [entry.at, entry.flag, entry.record['version']])).toEqual([[10, 'Deleted', '0'], [10, 'Added', 'new'], [20, 'Deleted', '0']]);
    expect(collection.changesBetween(15, 30, 'Deleted')).toHaveLength(1);
  });
});
