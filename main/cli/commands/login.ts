/**
 * `login --data-dir DIR [--base-url URL] [--api-version v2|v4] --app-id ID --app-key KEY
 * [--no-browser] [--profile NAME]`: signs in with Sikka in the system browser (or any browser,
 * with the printed link) and stores the credentials encrypted in DIR, so later commands need none
 * on their command line. The API version is the one the app is registered for; `sync` and the app then use it.
 * The sign-in is written to the audit trail as `cli:<profile>` (see ../audited.ts).
 */
import { auditTarget } from '../../../shared/domain/audit';
import { createConnectionService, type ConnectionServiceOptions } from '../../auth/connection';
import type { OpenExternal } from '../../auth/signIn';
import { openSystemBrowser } from '../../auth/systemBrowser';
import { SIKKA_API_VERSIONS, type SikkaApiVersion } from '../../sikka/endpoints';
import { cliActor, PROFILE_OPTION, recordCliEntry, withAccount } from '../audited';
import { EXIT_OK, optionalString, requireString, UsageError, type CliCommand, type ParsedCommandLine } from '../command';
import { openDataDir } from '../dataDir';

export interface LoginDependencies {
  readonly openBrowser: OpenExternal;
  readonly clientFor?: ConnectionServiceOptions['clientFor'];
  readonly timeoutMs?: number | undefined;
}

export function createLoginCommand(dependencies: LoginDependencies): CliCommand {
  return {
    name: 'login',
    usage: 'login --data-dir DIR [--base-url URL] [--api-version v2|v4] --app-id ID --app-key KEY [--no-browser] [--profile NAME]',
    summary: 'Sign in with Sikka in the browser and keep the credentials encrypted in DIR (--api-version: the one the app is registered for; v2 unless DIR already names one).',
    options: {
      'data-dir': { type: 'string' },
      'base-url': { type: 'string' },
      'api-version': { type: 'string' },
      'app-id': { type: 'string' },
      'app-key': { type: 'string' },
      'no-browser': { type: 'boolean' },
      ...PROFILE_OPTION,
    },
    positionals: { min: 0, max: 0 },
    async run(args, io) {
      const dir = requireString(args, 'data-dir');
      const appId = requireString(args, 'app-id');
      const appKey = requireString(args, 'app-key');
      const baseUrl = optionalString(args, 'base-url');
      const apiVersion = optionalApiVersion(args);
      const actor = cliActor(args, io.env);
      // Opened once the command line is known to be right, so a usage error creates no folder.
      const dataDir = openDataDir(dir, io.env);
      const service = createConnectionService({
        credentials: dataDir.credentials,
        settings: dataDir.settings,
        clientFor: dependencies.clientFor,
        openExternal: args.values['no-browser'] === true ? undefined : dependencies.openBrowser,
        signInTimeoutMs: dependencies.timeoutMs,
      });
      const office = await service.signInWithSikka(
        { appId, appKey, ...(baseUrl === undefined ? {} : { baseUrl }), ...(apiVersion === undefined ? {} : { apiVersion }) },
        { signal: io.signal, onAuthorizationUrl: (url) => { io.out(`Open this URL to sign in: ${url}\n`); } },
      );
      recordCliEntry(dataDir, io.now, { ...actor, action: 'sign-in', target: auditTarget.offices(office.officeId), detail: withAccount(actor, 'Sign in with Sikka') });
      io.out(`Signed in to office ${office.officeId}; the credentials are stored encrypted.\n`);
      return EXIT_OK;
    },
  };
}

function optionalApiVersion(args: ParsedCommandLine): SikkaApiVersion | undefined {
  const value = optionalString(args, 'api-version');
  if (value === undefined) return undefined;
  const version = SIKKA_API_VERSIONS.find((known) => known === value.trim().toLowerCase());
  if (version === undefined) throw new UsageError('--api-version is v2 or v4.');
  return version;
}

export const loginCommand = createLoginCommand({ openBrowser: openSystemBrowser });
