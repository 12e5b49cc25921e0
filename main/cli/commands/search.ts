/**
 * `search TEXT --data-dir DIR [--json] [--office ID] [--limit N] [--profile NAME]`: patients (and
 * pets) in the copy matching what a receptionist would type — names, phone digits, birth dates,
 * ids. Audited (who searched which offices, never the text) before anything is printed.
 */
import { auditTarget } from '../../../shared/domain/audit';
import { MAX_SEARCH_LIMIT } from '../../cache';
import { cliActor, openAuditedCopy, PROFILE_OPTION, withAccount } from '../audited';
import { EXIT_OK, optionalString, requireString, UsageError, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

export const searchCommand: CliCommand = {
  name: 'search',
  usage: 'search TEXT --data-dir DIR [--json] [--office ID] [--limit N] [--profile NAME]',
  summary: 'Find patients in the local copy by name, phone, birth date or id.',
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    office: { type: 'string' },
    limit: { type: 'string' },
    ...PROFILE_OPTION,
  },
  positionals: { min: 1, max: 1 },
  run(args, io) {
    const text = args.positionals[0] ?? '';
    const limitText = optionalString(args, 'limit');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT)) throw new UsageError(`--limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
    const officeId = optionalString(args, 'office');
    const actor = cliActor(args, io.env);
    const copy = openAuditedCopy(openDataDir(requireString(args, 'data-dir'), io.env), io.now);
    try {
      const response = copy.reader.searchPatients({ text, ...(officeId === undefined ? {} : { officeId }), ...(limit === undefined ? {} : { limit }) });
      copy.audit.append({ ...actor, action: 'search', target: auditTarget.offices(officeId ?? null), detail: withAccount(actor, null) });
      if (args.values['json'] === true) {
        io.out(`${JSON.stringify(response, null, 2)}\n`);
      } else {
        for (const patient of response.results) {
          const details = [patient.kind === 'pet' && patient.species !== null ? patient.species : null, patient.birthdate, patient.phone, patient.guarantorName === null ? null : `${patient.kind === 'pet' ? 'owner' : 'guarantor'} ${patient.guarantorName}`]
            .filter((part) => part !== null);
          io.out(`${patient.displayName}${details.length === 0 ? '' : ` \u00b7 ${details.join(' \u00b7 ')}`} [${patient.officeId}/${patient.patientId}]\n`);
        }
        io.err(`${response.results.length} found${response.truncated ? ' (more match; narrow the search)' : ''}.\n`);
      }
    } finally {
      copy.close();
    }
    return Promise.resolve(EXIT_OK);
  },
};
