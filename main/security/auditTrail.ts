/**
 * The audit trail: append-only entries in the encrypted cache, each chained to the one before by
 * hash = SHA-256(previous hash ‖ canonical encoding of the entry), the first one to 32 zero bytes.
 *
 * What protects it, and from whom:
 * - SQLite triggers refuse UPDATE and DELETE and any INSERT that does not take the next number,
 *   so the app's own code (a bug, a future feature) cannot rewrite or thin the trail.
 * - The chain shows any change made around the app: a changed, removed or swapped entry breaks
 *   it at that entry. It cannot show a rewrite by someone with the database key who recomputes
 *   every hash, nor entries cut from the end — so each append also records the new head
 *   (number and hash) as a checkpoint outside the database (the credential vault, sealed by the
 *   operating system's account protection). A rewritten or shortened trail, or entries added
 *   outside the app, then no longer match the checkpoint.
 * - Writing a new checkpoint must not wipe out that evidence: before each append the checkpoint is
 *   compared with the head, and a mismatch is first written into the chain as an
 *   `audit-break-found` entry (what was found, where), which then stays as chained evidence.
 * - Someone who can act as the Windows account (and so open both the vault and the database) can
 *   still rewrite both consistently; only a head noted elsewhere (the CLI export prints it)
 *   shows that. The trail is evidence of tampering, not a prevention of it.
 *
 * Appends are cheap (one indexed lookup, one insert, one small vault write) but take the
 * database's write lock, so during a sync they may wait for the page being written.
 */
import { createHash } from 'node:crypto';
import { AUDIT_FIELD_LIMIT, SYSTEM_ACTOR, type AuditAction, type AuditEntryView, type AuditVerification } from '../../shared/domain/audit';
import type { Connection } from '../cache/open';

export interface AuditRecord {
  /** A profile id, `cli:<name>` or `system`. */
  readonly actor: string;
  readonly actorName: string;
  readonly action: AuditAction;
  readonly target?: string | null;
  readonly detail?: string | null;
}

export interface AuditHead {
  readonly sequence: number;
  readonly hash: string;
}

/** Where the latest head is kept outside the database. */
export interface AuditCheckpointStore {
  read(): AuditHead | undefined;
  write(head: AuditHead): void;
}

export interface AuditTrailOptions {
  /** The store's connection (it throws once the store is closed). */
  readonly db: () => Connection;
  readonly now?: () => number;
  /** Without one, verify() checks the chain only and says so. */
  readonly checkpoint?: AuditCheckpointStore;
}

export interface AuditQuery {
  /** From this instant (inclusive), epoch ms. */
  readonly from?: number;
  /** Up to this instant (exclusive), epoch ms. */
  readonly to?: number;
  readonly actor?: string;
  readonly action?: AuditAction;
}

interface AuditRow {
  readonly sequence: number;
  readonly at: number;
  readonly actor: string;
  readonly actor_name: string;
  readonly action: AuditAction;
  readonly target: string | null;
  readonly detail: string | null;
  readonly hash: string;
}

const GENESIS = '0'.repeat(64);
const COLUMNS = 'sequence, at, actor, actor_name, action, target, detail, hash';
const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** The hash of an entry given the previous entry's hash (64 zeros before the first). */
export function auditEntryHash(previousHash: string, entry: Omit<AuditEntryView, 'hash'>): string {
  // A JSON array of fixed order: one encoding per entry, and no field can bleed into the next.
  const canonical = JSON.stringify([1, entry.sequence, entry.at, entry.actor, entry.actorName, entry.action, entry.target, entry.detail]);
  return createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(canonical, 'utf8').digest('hex');
}

function checkField(name: string, value: string | null): void {
  if (value === null) return;
  if (value.length === 0 || value.length > AUDIT_FIELD_LIMIT || CONTROL.test(value)) throw new TypeError(`Audit ${name} must be 1–${AUDIT_FIELD_LIMIT} printable characters.`);
}

function entryOf(row: AuditRow): AuditEntryView {
  return { sequence: row.sequence, at: row.at, actor: row.actor, actorName: row.actor_name, action: row.action, target: row.target, detail: row.detail, hash: row.hash };
}

export class AuditTrail {
  private readonly db: () => Connection;
  private readonly now: () => number;
  private readonly checkpoint: AuditCheckpointStore | undefined;

  constructor(options: AuditTrailOptions) {
    this.db = options.db;
    this.now = options.now ?? Date.now;
    this.checkpoint = options.checkpoint;
  }

  /**
   * Adds an entry as the next in the chain and records the new head as the checkpoint, in one
   * write transaction: if the checkpoint cannot be written, the entry is not kept either, and
   * the caller (showing patient data) fails closed.
   */
  append(record: AuditRecord): AuditEntryView {
    const target = record.target ?? null;
    const detail = record.detail ?? null;
    checkField('actor', record.actor);
    checkField('actor name', record.actorName);
    checkField('target', target);
    checkField('detail', detail);
    const db = this.db();
    return db.transaction(() => {
      let last = this.head();
      const found = this.checkpoint === undefined ? null : checkpointMismatch(db, this.checkpoint.read(), last);
      if (found !== null) last = this.insert(db, last, { actor: SYSTEM_ACTOR, actorName: 'Audit trail', action: 'audit-break-found', target: null, detail: found });
      const entry = this.insert(db, last, { actor: record.actor, actorName: record.actorName, action: record.action, target, detail });
      this.checkpoint?.write({ sequence: entry.sequence, hash: entry.hash });
      return entry;
    }).immediate();
  }

  private insert(db: Connection, last: AuditHead | null, record: Omit<AuditEntryView, 'sequence' | 'at' | 'hash'>): AuditEntryView {
    const unhashed = { sequence: (last?.sequence ?? 0) + 1, at: this.now(), ...record };
    const entry: AuditEntryView = { ...unhashed, hash: auditEntryHash(last?.hash ?? GENESIS, unhashed) };
    db.prepare(`INSERT INTO audit_trail (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(entry.sequence, entry.at, entry.actor, entry.actorName, entry.action, entry.target, entry.detail, entry.hash);
    return entry;
  }

  head(): AuditHead | null {
    return (this.db().prepare('SELECT sequence, hash FROM audit_trail ORDER BY sequence DESC LIMIT 1').get() as AuditHead | undefined) ?? null;
  }

  /** The hash an entry was chained to: the one before it (null if gone), 64 zeros for the first. */
  previousHash(sequence: number): string | null {
    if (sequence <= 1) return GENESIS;
    return (this.db().prepare('SELECT hash FROM audit_trail WHERE sequence = ?').pluck().get(sequence - 1) as string | undefined) ?? null;
  }

  /** Entries in order, oldest first (the CLI export streams these). */
  *entries(query: AuditQuery = {}): Generator<AuditEntryView> {
    const { sql, params } = where(query);
    for (const row of this.db().prepare(`SELECT ${COLUMNS} FROM audit_trail ${sql} ORDER BY sequence`).iterate(...params)) {
      yield entryOf(row as AuditRow);
    }
  }

  /** A page for the audit screen: newest first, before `beforeSequence` when given. */
  page(query: AuditQuery & { readonly beforeSequence?: number; readonly limit: number }): AuditEntryView[] {
    const { sql, params } = where(query, query.beforeSequence);
    const rows = this.db().prepare(`SELECT ${COLUMNS} FROM audit_trail ${sql} ORDER BY sequence DESC LIMIT ?`).all(...params, query.limit) as AuditRow[];
    return rows.map(entryOf);
  }

  /**
   * Walks the whole chain and compares its head with the checkpoint. Holds the write lock
   * meanwhile, so no append (whose checkpoint is written just before its commit) is half done.
   */
  verify(): AuditVerification {
    const db = this.db();
    return db.transaction((): AuditVerification => {
      const checkpoint = this.checkpoint?.read();
      let previous = GENESIS;
      let count = 0;
      let atCheckpoint: string | undefined;
      const breaksFound: { sequence: number; detail: string }[] = [];
      for (const raw of db.prepare(`SELECT ${COLUMNS} FROM audit_trail ORDER BY sequence`).iterate()) {
        const row = raw as AuditRow;
        const expected = count + 1;
        if (row.sequence !== expected) {
          return broken('missing', expected, count, `Entry #${expected} is missing: entries were removed from the audit trail.`);
        }
        const hash = auditEntryHash(previous, entryOf(row));
        if (hash !== row.hash) {
          return broken('altered', row.sequence, count, `Entry #${row.sequence} does not match its hash: it was changed after it was written, or entries were moved.`);
        }
        if (row.sequence === checkpoint?.sequence) atCheckpoint = hash;
        if (row.action === 'audit-break-found') breaksFound.push({ sequence: row.sequence, detail: row.detail ?? '' });
        previous = hash;
        count = expected;
      }
      const head = count === 0 ? null : { sequence: count, hash: previous };
      if (this.checkpoint === undefined) return { ok: true, entries: count, head, checkpoint: 'not-kept', breaksFound };
      if (checkpoint === undefined) {
        return count === 0
          ? { ok: true, entries: 0, head, checkpoint: 'matches', breaksFound }
          : broken('checkpoint-missing', 1, count, 'The audit trail\u2019s checkpoint kept outside the database is missing, so removed or rewritten entries could go unnoticed.');
      }
      if (checkpoint.sequence > count) {
        return broken('tail-missing', count + 1, count, `The audit trail ends at #${count}, but entry #${checkpoint.sequence} was written: entries at the end were removed.`);
      }
      if (atCheckpoint !== checkpoint.hash) {
        return broken('rewritten', 1, count, `The audit trail does not match the checkpoint kept for entry #${checkpoint.sequence}: entries up to it were rewritten.`);
      }
      if (count > checkpoint.sequence) {
        return broken('not-checkpointed', checkpoint.sequence + 1, count, `Entries from #${checkpoint.sequence + 1} on were added outside the app (or the app stopped while writing them).`);
      }
      return { ok: true, entries: count, head, checkpoint: 'matches', breaksFound };
    }).immediate();
  }
}

/**
 * What an append finds when the checkpoint does not name the head it is about to extend, in
 * words for the `audit-break-found` entry; null when they agree.
 */
function checkpointMismatch(db: Connection, checkpoint: AuditHead | undefined, head: AuditHead | null): string | null {
  if (checkpoint === undefined) return head === null ? null : `checkpoint missing with the trail at #${head.sequence}`;
  if (head === null || checkpoint.sequence > head.sequence) return `entries removed from the end: the checkpoint named #${checkpoint.sequence}, the trail ended at #${head?.sequence ?? 0}`;
  if (checkpoint.sequence === head.sequence) return checkpoint.hash === head.hash ? null : `entries up to #${head.sequence} rewritten: the head no longer matched the checkpoint`;
  const hashThen = db.prepare('SELECT hash FROM audit_trail WHERE sequence = ?').pluck().get(checkpoint.sequence) as string | undefined;
  return hashThen === checkpoint.hash
    ? `entries #${checkpoint.sequence + 1} to #${head.sequence} added outside the app (or while it stopped mid-write)`
    : `entries up to #${checkpoint.sequence} rewritten: they no longer matched the checkpoint`;
}

function broken(problem: Extract<AuditVerification, { ok: false }>['problem'], sequence: number, entries: number, explanation: string): AuditVerification {
  return { ok: false, problem, sequence, entries, explanation };
}

function where(query: AuditQuery, beforeSequence?: number): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('at >= ?', query.from);
  add('at < ?', query.to);
  add('actor = ?', query.actor);
  add('action = ?', query.action);
  add('sequence < ?', beforeSequence);
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}
