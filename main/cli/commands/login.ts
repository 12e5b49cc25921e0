/**
 * `login --data-dir DIR [--base-url URL] --app-id ID --app-key KEY [--no-browser]`: signs in with
 * Sikka in the system browser (or any browser, with the printed link) and stores the credentials
 * encrypted in DIR, so later commands need none on their command line.
 */
import { createConnectionService } from '../../auth/connection';
import { openNodeCredentials } from '../../auth/nodeCredentials';
import type { OpenExternal } from '../../auth/signIn';
import { openSystemBrowser } from '../../auth/systemBrowser';
import { openNodeSettings } from '../../settings/settings';
import type { SikkaClient } from '../../sikka/client';
import { EXIT_OK, optionalString, requireString, type CliCommand } from '../command';

export interface LoginDependencies {
  readonly openBrowser: OpenExternal;
  readonly clientFor?: ((baseUrl: string | null) => SikkaClient) | undefined;
  readonly timeoutMs?: number | undefined;
}

export function createLoginCommand(dependencies: LoginDependencies): CliCommand {
  return {
    name: 'login',
    usage: 'login --data-dir DIR [--base-url URL] --app-id ID --app-key KEY [--no-browser]',
    summary: 'Sign in with Sikka in the browser and keep the credentials encrypted in DIR.',
    options: {
      'data-dir': { type: 'string' },
      'base-url': { type: 'string' },
      'app-id': { type: 'string' },
      'app-key': { type: 'string' },
      'no-browser': { type: 'boolean' },
    },
    positionals: { min: 0, max: 0 },
    async run(args, io) {
      const dataDir = requireString(args, 'data-dir');
      const appId = requireString(args, 'app-id');
      const appKey = requireString(args, 'app-key');
      const baseUrl = optionalString(args, 'base-url');
      const service = createConnectionService({
        credentials: openNodeCredentials(dataDir, io.env),
        settings: openNodeSettings(dataDir),
        clientFor: dependencies.clientFor,
        openExternal: args.values['no-browser'] === true ? undefined : dependencies.openBrowser,
        signInTimeoutMs: dependencies.timeoutMs,
      });
      const office = await service.signInWithSikka(
        { appId, appKey, ...(baseUrl === undefined ? {} : { baseUrl }) },
        { signal: io.signal, onAuthorizationUrl: (url) => { io.out(`Open this URL to sign in: ${url}\n`); } },
      );
      io.out(`Signed in to office ${office.officeId}; the credentials are stored encrypted.\n`);
      return EXIT_OK;
    },
  };
}

export const loginCommand = createLoginCommand({ openBrowser: openSystemBrowser });
