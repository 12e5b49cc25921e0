/**
 * `logout --data-dir DIR`: ends each signed-in office's access at Sikka and removes every Sikka
 * secret from DIR. Offline, the secrets are removed anyway and the offices Sikka could not be
 * told about are listed, so IT can end their access in the Sikka portal.
 */
import { createConnectionService } from '../../auth/connection';
import { openNodeCredentials } from '../../auth/nodeCredentials';
import { openNodeSettings } from '../../settings/settings';
import type { SikkaClient } from '../../sikka/client';
import { EXIT_OK, requireString, type CliCommand } from '../command';

export function createLogoutCommand(dependencies: { readonly clientFor?: ((baseUrl: string | null) => SikkaClient) | undefined } = {}): CliCommand {
  return {
    name: 'logout',
    usage: 'logout --data-dir DIR',
    summary: 'End the Sikka sign-in and remove the stored credentials from DIR.',
    options: { 'data-dir': { type: 'string' } },
    positionals: { min: 0, max: 0 },
    async run(args, io) {
      const dataDir = requireString(args, 'data-dir');
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
      io.out('Signed out: the Sikka credentials were removed from this computer.\n');
      return EXIT_OK;
    },
  };
}

export const logoutCommand = createLogoutCommand();
