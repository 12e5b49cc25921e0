/**
 * Records are kept exactly as received, but not as repeated JSON text: every record of a
 * resource carries the same field names in the same order, so the cache stores each distinct
 * list of field names once (a "shape") and per row only the shape's id and the JSON array of
 * values. Sikka records are mostly names of empty fields; this halves what the cipher must
 * encrypt, authenticate and write, which is what bounds ingest. Decoding zips the names back
 * onto the values: same fields, same order, same values (nested links included).
 *
 * Shapes are never deleted, so an id always means the same field list.
 */
import type { SikkaRecord } from '../../shared/domain/records';
import type { Connection } from './open';

export interface EncodedRecord {
  readonly shape: number;
  /** JSON array of the record's values in its shape's field order. */
  readonly values: string;
}

/** The writer's side: finds or adds the shape of a record, inside the caller's transaction. */
export class ShapeRegistry {
  private readonly committed = new Map<string, number>();
  // Shapes added by the open transaction; they only become trustworthy once it commits.
  private readonly pending = new Map<string, number>();
  /** The field names and shape of the record encoded last. */
  private last: { readonly names: readonly string[]; readonly shape: number } | undefined;
  private readonly find;
  private readonly add;

  constructor(db: Connection) {
    this.find = db.prepare<[string], number>('SELECT id FROM record_shapes WHERE fields = ?').pluck();
    this.add = db.prepare<[string], number>('INSERT INTO record_shapes (fields) VALUES (?) RETURNING id').pluck();
  }

  encode(record: SikkaRecord): EncodedRecord {
    const names = Object.keys(record);
    // A page's records nearly always share one field list: comparing names is cheaper than serializing them.
    const last = this.last;
    if (last !== undefined && sameNames(names, last.names)) return { shape: last.shape, values: JSON.stringify(Object.values(record)) };
    const fields = JSON.stringify(names);
    let shape = this.committed.get(fields) ?? this.pending.get(fields);
    if (shape === undefined) {
      shape = this.find.get(fields) ?? this.add.get(fields);
      if (shape === undefined) throw new Error('A record shape could not be stored.');
      this.pending.set(fields, shape);
    }
    this.last = { names, shape };
    return { shape, values: JSON.stringify(Object.values(record)) };
  }

  /** Runs `work` as one immediate transaction, keeping the shapes it added only if it commits. */
  transaction<T>(db: Connection, work: () => T): T {
    try {
      const result = db.transaction(work).immediate();
      for (const [fields, shape] of this.pending) this.committed.set(fields, shape);
      return result;
    } catch (error) {
      // The last shape may be one the failed transaction added.
      this.last = undefined;
      throw error;
    } finally {
      this.pending.clear();
    }
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The readers' side: field lists by shape id, loaded on first use. */
export class ShapeCatalog {
  private readonly shapes = new Map<number, readonly string[]>();
  private readonly load;

  constructor(db: Connection) {
    this.load = db.prepare<[number], string>('SELECT fields FROM record_shapes WHERE id = ?').pluck();
  }

  decode(shape: number, values: string): SikkaRecord {
    let fields = this.shapes.get(shape);
    if (!fields) {
      const stored = this.load.get(shape);
      if (stored === undefined) throw new Error(`Unknown record shape ${shape}.`);
      fields = JSON.parse(stored) as string[];
      this.shapes.set(shape, fields);
    }
    const list = JSON.parse(values) as SikkaRecord[string][];
    const record: Record<string, SikkaRecord[string]> = {};
    fields.forEach((field, i) => {
      record[field] = list[i] ?? null;
    });
    return record;
  }
}
