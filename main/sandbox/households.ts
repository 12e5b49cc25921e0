import { mixKey, Rng } from './random';

/**
 * Which patients share a guarantor, computed without storing the whole mapping.
 *
 * Guarantors come in blocks of eight; each block owns a contiguous run of patients proportional
 * to its share (so every guarantor with members has at least one, since patients ≥ guarantors),
 * and inside a block the extra patients are dealt out at random — households of one to five or
 * more, like real families or an owner's pets. Guarantors beyond the patient count have no
 * members (a parent who is not a patient, an owner whose pets all died).
 */
const BLOCK = 8;

export interface Membership {
  readonly guarantor: number;
  /** 0 for the household's first member (the guarantor themself in a dental office). */
  readonly rank: number;
  readonly size: number;
}

interface Composition {
  readonly block: number;
  readonly firstGuarantor: number;
  readonly firstPatient: number;
  /** starts[g] is the offset in the block's patients of guarantor firstGuarantor+g; one extra end entry. */
  readonly starts: Int32Array;
}

export class Households {
  /** Guarantors that have members: min(guarantors, patients). */
  readonly withMembers: number;
  private readonly blocks: number;
  private cached: Composition | undefined;

  constructor(
    readonly patients: number,
    readonly guarantors: number,
    private readonly seed: number,
  ) {
    this.withMembers = Math.min(guarantors, patients);
    this.blocks = Math.ceil(this.withMembers / BLOCK);
  }

  private patientStart(block: number): number {
    if (block >= this.blocks) return this.patients;
    return Math.floor((block * BLOCK * this.patients) / this.withMembers);
  }

  private composition(block: number): Composition {
    if (this.cached?.block === block) return this.cached;
    const firstGuarantor = block * BLOCK;
    const count = Math.min(BLOCK, this.withMembers - firstGuarantor);
    const firstPatient = this.patientStart(block);
    const patients = this.patientStart(block + 1) - firstPatient;
    const sizes = new Int32Array(count).fill(1);
    const rng = new Rng(mixKey(this.seed, 0x686f6d65, block));
    for (let extra = patients - count; extra > 0; extra--) {
      const g = rng.int(count);
      sizes[g] = (sizes[g] ?? 0) + 1;
    }
    const starts = new Int32Array(count + 1);
    for (let g = 0; g < count; g++) starts[g + 1] = (starts[g] ?? 0) + (sizes[g] ?? 0);
    this.cached = { block, firstGuarantor, firstPatient, starts };
    return this.cached;
  }

  /** The household a patient belongs to. */
  membershipOf(patient: number): Membership {
    let block = Math.min(this.blocks - 1, Math.floor((patient * this.withMembers) / (this.patients * BLOCK)));
    while (block > 0 && this.patientStart(block) > patient) block--;
    while (block + 1 < this.blocks && this.patientStart(block + 1) <= patient) block++;
    const composition = this.composition(block);
    const offset = patient - composition.firstPatient;
    const starts = composition.starts;
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const start = starts[low] ?? 0;
    const end = starts[low + 1] ?? start;
    return { guarantor: composition.firstGuarantor + low, rank: offset - start, size: end - start };
  }

  /** The first member and size of a guarantor's household; size 0 for guarantors without members. */
  membersOf(guarantor: number): { readonly first: number; readonly size: number } {
    if (guarantor >= this.withMembers) return { first: -1, size: 0 };
    const composition = this.composition(Math.floor(guarantor / BLOCK));
    const g = guarantor - composition.firstGuarantor;
    const start = composition.starts[g] ?? 0;
    const end = composition.starts[g + 1] ?? start;
    return { first: composition.firstPatient + start, size: end - start };
  }
}
