/**
 * `export RESOURCE --data-dir DIR [--office ID] [--profile NAME]`: the cached records as JSON
 * Lines on stdout, one record a line with Sikka's own field names and values exactly as received,
 * plus `office_id`. Records deleted upstream are not in the copy, so they are not exported.
 * Audited (who exported which resource of which offices) before the first record is written.
 */
import { auditTarget } from '../../../shared/domain/audit';
import { SYNCED_RESOURCES, type SyncedResource } from '../../../shared/domain/records';
import { cliActor, openAuditedCopy, PROFILE_OPTION, withAccount } from '../audited';
import { EXIT_OK, optionalString, requireString, UsageError, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

/** Lines are written in batches: one write per record would dominate a large export. */
const LINES_PER_WRITE = 500;

function isSyncedResource(name: string): name is SyncedResource {
  return (SYNCED_RESOURCES as readonly string[]).includes(name);
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: `export RESOURCE --data-dir DIR [--office ID] [--profile NAME]   (RESOURCE: ${SYNCED_RESOURCES.join(', ')})`,
  summary: 'Print cached records as JSON Lines, exactly as Sikka sent them, each with its office_id.',
  options: {
    'data-dir': { type: 'string' },
    office: { type: 'string' },
    ...PROFILE_OPTION,
  },
  positionals: { min: 1, max: 1 },
  run(args, io) {
    const resource = args.positionals[0] ?? '';
    if (!isSyncedResource(resource)) throw new UsageError(`Unknown resource "${resource}"; choose one of ${SYNCED_RESOURCES.join(', ')}.`);
    const dataDir = requireString(args, 'data-dir');
    const officeId = optionalString(args, 'office');
    const actor = cliActor(args, io.env);
    const copy = openAuditedCopy(openDataDir(dataDir, io.env), io.now);
    try {
      copy.audit.append({ ...actor, action: 'export', target: auditTarget.export(resource, officeId ?? null), detail: withAccount(actor, null) });
      let batch: string[] = [];
      for (const { officeId: office, record } of copy.reader.exportRecords(resource, officeId === undefined ? {} : { officeId })) {
        batch.push(JSON.stringify({ ...record, office_id: office }));
        if (batch.length >= LINES_PER_WRITE) {
          io.out(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) io.out(`${batch.join('\n')}\n`);
    } finally {
      copy.close();
    }
    return Promise.resolve(EXIT_OK);
  },
};
