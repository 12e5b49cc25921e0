/**
 * `export RESOURCE --data-dir DIR [--office ID]`: the cached records as JSON Lines on stdout, one
 * record a line with Sikka's own field names and values exactly as received, plus `office_id`.
 * Records deleted upstream are not in the copy, so they are not exported.
 */
import { SYNCED_RESOURCES, type SyncedResource } from '../../../shared/domain/records';
import { EXIT_OK, optionalString, requireString, UsageError, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

/** Lines are written in batches: one write per record would dominate a large export. */
const LINES_PER_WRITE = 500;

function isSyncedResource(name: string): name is SyncedResource {
  return (SYNCED_RESOURCES as readonly string[]).includes(name);
}

export const exportCommand: CliCommand = {
  name: 'export',
  usage: `export RESOURCE --data-dir DIR [--office ID]   (RESOURCE: ${SYNCED_RESOURCES.join(', ')})`,
  summary: 'Print cached records as JSON Lines, exactly as Sikka sent them, each with its office_id.',
  options: {
    'data-dir': { type: 'string' },
    office: { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
  run(args, io) {
    const resource = args.positionals[0] ?? '';
    if (!isSyncedResource(resource)) throw new UsageError(`Unknown resource "${resource}"; choose one of ${SYNCED_RESOURCES.join(', ')}.`);
    const dataDir = requireString(args, 'data-dir');
    const officeId = optionalString(args, 'office');
    const reader = openDataDir(dataDir, io.env).openReader();
    try {
      let batch: string[] = [];
      for (const { officeId: office, record } of reader.exportRecords(resource, officeId === undefined ? {} : { officeId })) {
        batch.push(JSON.stringify({ ...record, office_id: office }));
        if (batch.length >= LINES_PER_WRITE) {
          io.out(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) io.out(`${batch.join('\n')}\n`);
    } finally {
      reader.close();
    }
    return Promise.resolve(EXIT_OK);
  },
};
