import type { Rec } from './generator';

/** Where a collection's untouched records come from: generated on demand, by index. */
export interface BaseRecords {
  readonly size: number;
  at(index: number): Rec;
  indexOf(id: string): number | undefined;
}

export type ChangeFlag = 'Added' | 'Deleted';

export interface ChangeEntry {
  /** The injected clock's time of the change (ms). */
  readonly at: number;
  readonly flag: ChangeFlag;
  readonly record: Rec;
  /** The halves of an edit: the old version ('before', Deleted) then the new one ('after', Added). */
  readonly edit?: 'before' | 'after';
}

/** A live record's place: a base index, or a record the PMS added later. */
export type RecordRef = { readonly base: number } | { readonly addedId: string };

/**
 * One office's collection as the PMS has it now: the generated base records seen through a small
 * overlay of edits, deletions and additions, plus the change log those mutations wrote.
 *
 * Live order is base order (deleted ones skipped, edited ones in place) followed by additions in
 * the order they were made — stable across pages, as Sikka's paging needs.
 */
export class LiveCollection {
  private readonly edited = new Map<number, Rec>();
  /** Deleted base indices, ascending. */
  private readonly deleted: number[] = [];
  private readonly deletedSet = new Set<number>();
  private readonly added = new Map<string, Rec>();
  private readonly changes: ChangeEntry[] = [];

  constructor(
    readonly idField: string,
    private readonly base: BaseRecords,
  ) {}

  get count(): number {
    return this.base.size - this.deleted.length + this.added.size;
  }

  get changeLog(): readonly ChangeEntry[] {
    return this.changes;
  }

  /** The base index of the k-th live base record (k < live base count). */
  private baseIndexOfLive(k: number): number {
    // The t-th deleted index d_t has d_t - t live records before it; count those at or before k.
    let low = 0;
    let high = this.deleted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.deleted[mid] ?? 0) - mid <= k) low = mid + 1;
      else high = mid;
    }
    return k + low;
  }

  /** Live records from live position `start`, at most `limit` of them. */
  *slice(start: number, limit: number): Generator<Rec> {
    const liveBase = this.base.size - this.deleted.length;
    let position = start;
    let remaining = limit;
    if (position < liveBase && remaining > 0) {
      let index = this.baseIndexOfLive(position);
      while (position < liveBase && remaining > 0) {
        while (this.deletedSet.has(index)) index++;
        yield this.edited.get(index) ?? this.base.at(index);
        index++;
        position++;
        remaining--;
      }
    }
    if (remaining > 0 && position - liveBase < this.added.size) {
      let skip = position - liveBase;
      for (const record of this.added.values()) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (remaining === 0) break;
        yield record;
        remaining--;
      }
    }
  }

  all(): Generator<Rec> {
    return this.slice(0, this.count);
  }

  /** The ref of the k-th live record. */
  refAt(k: number): RecordRef {
    const liveBase = this.base.size - this.deleted.length;
    if (k < liveBase) return { base: this.baseIndexOfLive(k) };
    let skip = k - liveBase;
    for (const id of this.added.keys()) {
      if (skip === 0) return { addedId: id };
      skip--;
    }
    throw new RangeError(`No live record at ${k}`);
  }

  refOf(id: string): RecordRef | undefined {
    if (this.added.has(id)) return { addedId: id };
    const index = this.base.indexOf(id);
    if (index === undefined || this.deletedSet.has(index)) return undefined;
    return { base: index };
  }

  get(ref: RecordRef): Rec | undefined {
    if ('addedId' in ref) return this.added.get(ref.addedId);
    if (this.deletedSet.has(ref.base)) return undefined;
    return this.edited.get(ref.base) ?? this.base.at(ref.base);
  }

  byId(id: string): Rec | undefined {
    const ref = this.refOf(id);
    return ref === undefined ? undefined : this.get(ref);
  }

  add(record: Rec, at: number): void {
    const id = record[this.idField];
    if (typeof id !== 'string' || this.refOf(id) !== undefined) throw new Error(`Duplicate or missing ${this.idField}`);
    this.added.set(id, record);
    this.changes.push({ at, flag: 'Added', record });
  }

  /** An edit is logged as the old version deleted and the new one added, as Sikka's change logs show it. */
  replace(ref: RecordRef, record: Rec, at: number): void {
    const old = this.get(ref);
    if (old === undefined) throw new RangeError('Cannot edit a deleted record');
    if ('addedId' in ref) this.added.set(ref.addedId, record);
    else this.edited.set(ref.base, record);
    this.changes.push({ at, flag: 'Deleted', record: old, edit: 'before' }, { at, flag: 'Added', record, edit: 'after' });
  }

  remove(ref: RecordRef, at: number): void {
    const old = this.get(ref);
    if (old === undefined) throw new RangeError('Cannot delete a deleted record');
    if ('addedId' in ref) {
      this.added.delete(ref.addedId);
    } else {
      this.edited.delete(ref.base);
      this.deletedSet.add(ref.base);
      const position = sortedInsertPosition(this.deleted, ref.base);
      this.deleted.splice(position, 0, ref.base);
    }
    this.changes.push({ at, flag: 'Deleted', record: old });
  }

  /** Change-log entries with `from <= at <= to` (ms), in time order. */
  changesBetween(from: number, to: number, flag: ChangeFlag | undefined): ChangeEntry[] {
    // Stable sort: entries of one instant keep the order they happened in (Deleted before Added).
    return this.changes
      .filter((entry) => entry.at >= from && entry.at <= to && (flag === undefined || entry.flag === flag))
      .sort((a, b) => a.at - b.at);
  }
}

function sortedInsertPosition(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
