/**
 * `logout --data-dir DIR`: ends each signed-in office's access at Sikka and removes every Sikka
 * secret from DIR. Offline, the secrets are removed anyway and the offices Sikka could not be
 * told about are listed, so IT can end their access in the Sikka portal.
 */
import { createConnectionService, type ConnectionServiceOptions } from '../../auth/connection';
import { cliActor, PROFILE_OPTION, recordCliEntry, withAccount } from '../audited';
import { EXIT_OK, requireString, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

export function createLogoutCommand(dependencies: { readonly clientFor?: ConnectionServiceOptions['clientFor'] } = {}): CliCommand {
  return {
    name: 'logout',
    usage: 'logout --data-dir DIR [--profile NAME]',
    summary: 'End the Sikka sign-in and remove the stored credentials from DIR.',
    options: { 'data-dir': { type: 'string' }, ...PROFILE_OPTION },
    positionals: { min: 0, max: 0 },
    async run(args, io) {
      const actor = cliActor(args, io.env);
      const dataDir = openDataDir(requireString(args, 'data-dir'), io.env);
      const service = createConnectionService({
        credentials: dataDir.credentials,
        settings: dataDir.settings,
        clientFor: dependencies.clientFor,
      });
      const report = await service.signOut({ signal: io.signal });
      for (const officeId of report.revokedOffices) io.out(`Sikka access of office ${officeId} ended.\n`);
      for (const failure of report.notRevoked) {
        io.err(`Sikka could not be told to end the access of office ${failure.officeId} (${failure.code}): ${failure.message} End it in the Sikka portal.\n`);
      }
      recordCliEntry(dataDir, io.now, { ...actor, action: 'sign-out', detail: withAccount(actor, 'Sikka credentials removed') });
      io.out('Signed out: the Sikka credentials were removed from this computer.\n');
      return EXIT_OK;
    },
  };
}

export const logoutCommand = createLogoutCommand();
