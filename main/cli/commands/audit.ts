/**
 * `audit --data-dir DIR [--from DATE] [--to DATE] [--json] [--profile NAME]`: the audit trail for
 * a period, after verifying the whole chain and its checkpoint. A broken trail exits 1 with where
 * it breaks and prints no entries — a partial listing could pass for the whole story.
 *
 * DATE is a day, `2026-03-11` (this PC's local time; `--to` includes that whole day), or an
 * instant with its zone, `2026-03-11T09:00:00Z` / `…-05:00` (`--to` excluded). `--json` prints
 * JSON Lines: each entry with `at` in epoch ms as hashed, `time` in ISO, its hash and the hash
 * it is chained to, so the lines can be checked on their own. Without it, one line per entry.
 * Summary and warnings go to stderr; the export itself is recorded in the trail.
 */
import { auditTarget, type AuditEntryView } from '../../../shared/domain/audit';
import { cliActor, openCliSecurityStore, PROFILE_OPTION, withAccount } from '../audited';
import { EXIT_FAILURE, EXIT_OK, optionalString, requireString, UsageError, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const LINES_PER_WRITE = 500;

/** A day's start in local time (or the next day's, for an inclusive `--to`), or an instant. */
export function parseAuditDate(text: string, option: 'from' | 'to'): number {
  const day = DAY.exec(text);
  if (day !== null) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const start = new Date(year, month - 1, date);
    if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) throw new UsageError(`--${option} ${text} is not a date.`);
    return option === 'to' ? new Date(year, month - 1, date + 1).getTime() : start.getTime();
  }
  const at = INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) throw new UsageError(`--${option} must be a day (2026-03-11) or an instant with its zone (2026-03-11T09:00:00Z).`);
  return at;
}

function jsonLine(entry: AuditEntryView, previousHash: string | null): string {
  const { sequence, at, actor, actorName, action, target, detail, hash } = entry;
  return JSON.stringify({ sequence, at, time: new Date(at).toISOString(), actor, actorName, action, target, detail, hash, previousHash });
}

function textLine(entry: AuditEntryView): string {
  const parts = [`#${entry.sequence}`, new Date(entry.at).toISOString(), `${entry.actorName} [${entry.actor}]`, entry.action, entry.target ?? '-'];
  return `${parts.join('  ')}${entry.detail === null ? '' : `  (${entry.detail})`}`;
}

function firstOf<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'audit --data-dir DIR [--from DATE] [--to DATE] [--json] [--profile NAME]   (DATE: 2026-03-11 or 2026-03-11T09:00:00Z)',
  summary: 'Verify the audit trail (who searched, viewed, exported, signed in) and print it for a period.',
  options: {
    'data-dir': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    ...PROFILE_OPTION,
  },
  positionals: { min: 0, max: 0 },
  run(args, io) {
    const fromText = optionalString(args, 'from');
    const toText = optionalString(args, 'to');
    const from = fromText === undefined ? null : parseAuditDate(fromText, 'from');
    const to = toText === undefined ? null : parseAuditDate(toText, 'to');
    if (from !== null && to !== null && from >= to) throw new UsageError('--from must come before --to.');
    const actor = cliActor(args, io.env);
    const store = openCliSecurityStore(openDataDir(requireString(args, 'data-dir'), io.env), io.now);
    try {
      const verification = store.audit.verify();
      if (!verification.ok) {
        io.err(`The audit trail is broken at entry #${verification.sequence} (${verification.problem}): ${verification.explanation}\nNo entries were printed.\n`);
        return Promise.resolve(EXIT_FAILURE);
      }
      const { head } = verification;
      io.err(`Audit trail verified: ${verification.entries} entries${head === null ? '' : `, head #${head.sequence} ${head.hash}`}${verification.checkpoint === 'matches' ? ', matching its checkpoint' : ''}.\n`);
      for (const found of verification.breaksFound) {
        io.err(`Warning: entry #${found.sequence} records that the trail was found tampered with or damaged: ${found.detail}.\n`);
      }
      const recorded = store.audit.append({ ...actor, action: 'audit-exported', target: auditTarget.auditRange(from, to), detail: withAccount(actor, null) });
      const query = { ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) };
      const json = args.values['json'] === true;
      // Looked up before the listing: the connection reads one statement at a time.
      const first = firstOf(store.audit.entries(query));
      let previousHash = first === undefined ? null : store.audit.previousHash(first.sequence);
      let batch: string[] = [];
      let count = 0;
      for (const entry of store.audit.entries(query)) {
        batch.push(json ? jsonLine(entry, previousHash) : textLine(entry));
        previousHash = entry.hash;
        count += 1;
        if (batch.length >= LINES_PER_WRITE) {
          io.out(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) io.out(`${batch.join('\n')}\n`);
      io.err(`${count} ${count === 1 ? 'entry' : 'entries'} printed; this export is recorded as #${recorded.sequence}.\n`);
    } finally {
      store.close();
    }
    return Promise.resolve(EXIT_OK);
  },
};
