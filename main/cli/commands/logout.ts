/**
 * `logout --data-dir DIR`: ends each signed-in office's access at Sikka and removes every Sikka
 * secret from DIR. Offline, the secrets are removed anyway and the offices Sikka could not be
 * told about are listed, so IT can end their access in the Sikka portal.
 */
import { createConnectionService, type ConnectionServiceOptions } from '../../auth/connection';
import { openNodeCredentials } from '../../auth/nodeCredentials';
import { openNodeSettings } from '../../settings/settings';
import { cliActor, PROFILE_OPTION, withAccount } from '../audited';
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
      const dataDir = requireString(args, 'data-dir');
      const actor = cliActor(args, io.env);
      const service = createConnectionService({
        credentials: openNodeCredentials(dataDir, io.env),
        settings: openNodeSettings(dataDir),
        clientFor: dependencies.clientFor,
      });
      const report = await service.signOut({ signal: io.signal });
      for (const officeId of report.revokedOffices) io.out(`Sikka access of office ${officeId} ended.\n`);
      for (const failure of report.notRevoked) {
        io.err(`Sikka could not be told to end the access of office ${failure.officeId} (${failure.code}): ${failure.message} End it in the Sikka portal.\n`);
      }
      const security = openDataDir(dataDir, io.env).openSecurityStore({ now: io.now });
      try {
        security.audit.append({ ...actor, action: 'sign-out', detail: withAccount(actor, 'Sikka credentials removed') });
      } finally {
        security.close();
      }
      io.out('Signed out: the Sikka credentials were removed from this computer.\n');
      return EXIT_OK;
    },
  };
}

export const logoutCommand = createLogoutCommand();
