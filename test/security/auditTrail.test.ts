import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntryHash, AuditTrail, type AuditRecord } from '../../main/security/auditTrail';
import type { SecurityStore } from '../../main/security/store';
import { auditTarget, type AuditEntryView } from '../../shared/domain/audit';
import { tempSecurity, type TempSecurity } from './support';

let temp: TempSecurity;
let store: SecurityStore;
beforeEach(() => {
  temp = tempSecurity();
  store = temp.open();
});
afterEach(() => {
  temp.remove();
});

const MARIA = { actor: 'p-maria', actorName: 'Maria Lopez' } as const;

function viewed(patientId: string): AuditRecord {
  return { ...MARIA, action: 'view-patient', target: auditTarget.patient('D16001', patientId) };
}

/** Ten entries a minute apart. */
function appendTen(): AuditEntryView[] {
  const entries: AuditEntryView[] = [];
  for (let i = 1; i <= 10; i++) {
    entries.push(store.audit.append(viewed(String(i))));
    temp.clock.advance(60_000);
  }
  return entries;
}

/** Someone with the database key, editing the file with the triggers dropped. */
function tamper(sql: string, ...params: unknown[]): void {
  const raw = temp.raw();
  raw.exec('DROP TRIGGER IF EXISTS audit_trail_no_update; DROP TRIGGER IF EXISTS audit_trail_no_delete; DROP TRIGGER IF EXISTS audit_trail_next_only;');
  raw.prepare(sql).run(...params);
}

/** Rewrites every hash from the first entry on, as someone knowing the scheme would. */
function rechain(): void {
  const raw = temp.raw();
  raw.exec('DROP TRIGGER IF EXISTS audit_trail_no_update;');
  let previous = '0'.repeat(64);
  const rows = raw.prepare('SELECT sequence, at, actor, actor_name AS actorName, action, target, detail FROM audit_trail ORDER BY sequence').all() as Omit<AuditEntryView, 'hash'>[];
  for (const row of rows) {
    previous = auditEntryHash(previous, row);
    raw.prepare('UPDATE audit_trail SET hash = ? WHERE sequence = ?').run(previous, row.sequence);
  }
}

describe('appending', () => {
  it('numbers entries from 1 and chains each to the one before', () => {
    const [first, second] = appendTen() as [AuditEntryView, AuditEntryView];
    expect(first).toMatchObject({ sequence: 1, at: Date.UTC(2026, 2, 11, 15, 0), actor: 'p-maria', action: 'view-patient', target: 'office/D16001/patient/1', detail: null });
    expect(first.hash).toBe(auditEntryHash('0'.repeat(64), first));
    expect(second.hash).toBe(auditEntryHash(first.hash, second));
  });

  it('records the new head as the checkpoint with every entry', () => {
    const entries = appendTen();
    expect(temp.checkpoint.current).toEqual({ sequence: 10, hash: entries[9]?.hash });
  });

  it('keeps no entry when its checkpoint cannot be written', () => {
    appendTen();
    temp.checkpoint.failWrites = true;
    expect(() => store.audit.append(viewed('11'))).toThrow('vault unavailable');
    expect(store.audit.head()?.sequence).toBe(10);
  });

  it('refuses targets and details with control characters or over 200 characters', () => {
    expect(() => store.audit.append({ ...MARIA, action: 'search', detail: 'line\nbreak' })).toThrow(TypeError);
    expect(() => store.audit.append({ ...MARIA, action: 'search', target: 'x'.repeat(201) })).toThrow(TypeError);
  });
});

describe('the database refuses changes to the trail', () => {
  it('refuses UPDATE and DELETE, even from a raw connection', () => {
    appendTen();
    const raw = temp.raw();
    expect(() => raw.prepare(`UPDATE audit_trail SET actor = 'p-tom' WHERE sequence = 3`).run()).toThrow('entries cannot be changed');
    expect(() => raw.prepare('DELETE FROM audit_trail WHERE sequence = 10').run()).toThrow('entries cannot be removed');
    expect(() => raw.prepare('DELETE FROM audit_trail').run()).toThrow('entries cannot be removed');
  });

  it('refuses an entry that does not take the next number, also through INSERT OR REPLACE', () => {
    const entries = appendTen();
    const raw = temp.raw();
    const insert = (verb: string, sequence: number): unknown =>
      raw.prepare(`${verb} INTO audit_trail (sequence, at, actor, actor_name, action, hash) VALUES (?, 0, 'x', 'x', 'search', ?)`).run(sequence, entries[0]?.hash);
    expect(() => insert('INSERT', 12)).toThrow('must take the next number');
    expect(() => insert('INSERT OR REPLACE', 3)).toThrow('must take the next number');
    expect(() => insert('REPLACE', 10)).toThrow('must take the next number');
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 10 });
  });
});

describe('verifying', () => {
  it('finds an intact trail whole, with its head and a matching checkpoint', () => {
    const entries = appendTen();
    expect(store.audit.verify()).toEqual({ ok: true, entries: 10, head: { sequence: 10, hash: entries[9]?.hash }, checkpoint: 'matches', breaksFound: [] });
  });

  it('finds an empty trail whole', () => {
    expect(store.audit.verify()).toEqual({ ok: true, entries: 0, head: null, checkpoint: 'matches', breaksFound: [] });
  });

  it('detects an edited entry at its number', () => {
    appendTen();
    tamper(`UPDATE audit_trail SET actor = 'p-tom', actor_name = 'Tom Reyes' WHERE sequence = 4`);
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'altered', sequence: 4 });
  });

  it('detects an edited time', () => {
    appendTen();
    tamper('UPDATE audit_trail SET at = at + 1 WHERE sequence = 7');
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'altered', sequence: 7 });
  });

  it('detects a deleted entry in the middle', () => {
    appendTen();
    tamper('DELETE FROM audit_trail WHERE sequence = 6');
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'missing', sequence: 6, explanation: 'Entry #6 is missing: entries were removed from the audit trail.' });
  });

  it('detects entries deleted from the end through the checkpoint', () => {
    appendTen();
    tamper('DELETE FROM audit_trail WHERE sequence > 7');
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'tail-missing', sequence: 8 });
  });

  it('detects two entries swapped', () => {
    appendTen();
    const raw = temp.raw();
    const rows = raw.prepare('SELECT * FROM audit_trail WHERE sequence IN (5, 6) ORDER BY sequence').all() as Record<string, unknown>[];
    tamper('DELETE FROM audit_trail WHERE sequence IN (5, 6)');
    for (const [row, sequence] of [[rows[1], 5], [rows[0], 6]] as const) {
      raw.prepare('INSERT INTO audit_trail (sequence, at, actor, actor_name, action, target, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(sequence, row?.['at'], row?.['actor'], row?.['actor_name'], row?.['action'], row?.['target'], row?.['detail'], row?.['hash']);
    }
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'altered', sequence: 5 });
  });

  it('detects entries renumbered to close the gap a deletion left', () => {
    appendTen();
    tamper('DELETE FROM audit_trail WHERE sequence = 3');
    tamper('UPDATE audit_trail SET sequence = sequence - 1 WHERE sequence > 3');
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'altered', sequence: 3 });
  });

  it('detects a trail rewritten with every hash recomputed, through the checkpoint', () => {
    appendTen();
    tamper(`UPDATE audit_trail SET target = 'office/D16001/patient/999' WHERE sequence = 2`);
    rechain();
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'rewritten', explanation: expect.stringContaining('checkpoint kept for entry #10') as unknown });
  });

  it('detects a forged tail: entries added outside the app with correct hashes', () => {
    const head = appendTen()[9]?.hash ?? '';
    const forged = { sequence: 11, at: temp.clock.now(), actor: 'p-tom', actorName: 'Tom Reyes', action: 'view-patient' as const, target: auditTarget.patient('D16001', '42'), detail: null };
    temp.raw().prepare('INSERT INTO audit_trail (sequence, at, actor, actor_name, action, target, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(forged.sequence, forged.at, forged.actor, forged.actorName, forged.action, forged.target, forged.detail, auditEntryHash(head, forged));
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'not-checkpointed', sequence: 11 });
  });

  it('detects a checkpoint that went missing', () => {
    appendTen();
    temp.checkpoint.current = undefined;
    expect(store.audit.verify()).toMatchObject({ ok: false, problem: 'checkpoint-missing' });
  });

  it('checks the chain alone when no checkpoint is kept, and says so', () => {
    appendTen();
    const chainOnly = new AuditTrail({ db: () => temp.raw() });
    expect(chainOnly.verify()).toMatchObject({ ok: true, entries: 10, checkpoint: 'not-kept' });
  });
});

describe('the next entry after tampering', () => {
  it('writes what it found into the chain before itself, so the evidence outlives the new checkpoint', () => {
    appendTen();
    tamper('DELETE FROM audit_trail WHERE sequence > 7');
    const next = store.audit.append(viewed('11'));
    expect(next.sequence).toBe(9);
    const found = [...store.audit.entries({ action: 'audit-break-found' })];
    expect(found).toEqual([
      expect.objectContaining({ sequence: 8, actor: 'system', detail: 'entries removed from the end: the checkpoint named #10, the trail ended at #7' }),
    ]);
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 9, breaksFound: [{ sequence: 8, detail: expect.stringContaining('removed from the end') as unknown }] });
  });

  it('records a rewrite and a forged tail the same way', () => {
    appendTen();
    tamper(`UPDATE audit_trail SET target = 'office/D16001/patient/999' WHERE sequence = 2`);
    rechain();
    store.audit.append(viewed('11'));
    expect([...store.audit.entries({ action: 'audit-break-found' })][0]?.detail).toBe('entries up to #10 rewritten: the head no longer matched the checkpoint');
  });

  it('writes nothing extra when the trail matches its checkpoint', () => {
    appendTen();
    store.audit.append(viewed('11'));
    expect([...store.audit.entries({ action: 'audit-break-found' })]).toEqual([]);
  });
});

describe('reading', () => {
  it('lists a period oldest first, from inclusive and to exclusive', () => {
    appendTen();
    const start = Date.UTC(2026, 2, 11, 15, 0);
    expect([...store.audit.entries({ from: start + 2 * 60_000, to: start + 5 * 60_000 })].map((entry) => entry.sequence)).toEqual([3, 4, 5]);
  });

  it('pages newest first for the audit screen', () => {
    appendTen();
    const first = store.audit.page({ limit: 4 });
    expect(first.map((entry) => entry.sequence)).toEqual([10, 9, 8, 7]);
    expect(store.audit.page({ limit: 4, beforeSequence: 7 }).map((entry) => entry.sequence)).toEqual([6, 5, 4, 3]);
  });

  it('filters by actor and action', () => {
    appendTen();
    store.audit.append({ actor: 'p-tom', actorName: 'Tom Reyes', action: 'search', target: auditTarget.offices(null) });
    expect([...store.audit.entries({ actor: 'p-tom' })].map((entry) => entry.action)).toEqual(['search']);
    expect([...store.audit.entries({ action: 'view-patient' })]).toHaveLength(10);
  });

  it('gives the hash each entry is chained to', () => {
    const entries = appendTen();
    expect(store.audit.previousHash(1)).toBe('0'.repeat(64));
    expect(store.audit.previousHash(5)).toBe(entries[3]?.hash);
  });
});
