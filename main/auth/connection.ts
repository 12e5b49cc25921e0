/**
 * The app's link to Sikka as one service, for the IPC layer and the CLI: sign in with Sikka, or
 * use an app key (check → offices → choose), change the chosen offices, sign out. Secrets go to
 * the vault (Credentials), everything else to settings; only view data is returned.
 */
import type {
  AuthorizedOfficeView,
  ConnectionStatus,
  OfficeChoice,
  SignedInOffice,
  SignOutReport,
} from '../../shared/domain/connection';
import { silentLogger, type Logger } from '../log/logger';
import { SETTINGS_SCHEMA, SettingsError, type AppSettings, type Settings } from '../settings/settings';
import { createSikkaClient, type CallOptions, type SikkaClient } from '../sikka/client';
import type { SikkaApiVersion } from '../sikka/endpoints';
import type { AppCredentialsPair, Credentials } from './credentials';
import { AuthError } from './errors';
import { checkAppKey, confirmAppKey, validateOfficeChoice } from './onboarding';
import { authorizedOfficeView } from './officeView';
import { signInWithSikka, type OpenExternal } from './signIn';
import { signOut } from './signOut';

export interface ConnectionServiceOptions {
  readonly credentials: Credentials;
  readonly settings: Settings;
  /** A Sikka client for a host (null: production) speaking an API version; by default one in the settings' format. Injected so tests use the sandbox's clock. */
  readonly clientFor?: ((baseUrl: string | null, apiVersion: SikkaApiVersion) => SikkaClient) | undefined;
  /** Electron's shell.openExternal in the app; the CLI's opener, or none with --no-browser. */
  readonly openExternal?: OpenExternal | undefined;
  readonly signInTimeoutMs?: number | undefined;
  readonly revokeTimeoutMs?: number | undefined;
  readonly random?: ((size: number) => Buffer) | undefined;
  readonly logger?: Logger | undefined;
}

/** Which Sikka host and API version; undefined keeps the one in settings. */
export interface HostChoice {
  /** null is production. */
  readonly baseUrl?: string | null | undefined;
  /** The version the app is registered for with Sikka: its keys and calls work on that one. */
  readonly apiVersion?: SikkaApiVersion | undefined;
}

export interface SignInRequest extends AppCredentialsPair, HostChoice {
  /** Ask Sikka's page for this office. */
  readonly officeId?: string | undefined;
}

export interface SignInCallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Hears the sign-in link (to show it, or print it in the CLI). */
  readonly onAuthorizationUrl?: ((url: string) => void) | undefined;
}

export interface ConnectionService {
  status(): ConnectionStatus;
  /** Runs the browser sign-in; a second call cancels one still waiting. */
  signInWithSikka(request: SignInRequest, options?: SignInCallOptions): Promise<SignedInOffice>;
  /** Stops a sign-in that is waiting for the browser (it fails with SIGN_IN_CANCELLED). */
  cancelSignIn(): void;
  /** Checks an app ID and key and lists their offices; stores nothing. */
  checkAppKey(request: AppCredentialsPair & HostChoice, options?: CallOptions): Promise<AuthorizedOfficeView[]>;
  /** Stores the app ID and key and the chosen offices, after checking both with Sikka. */
  connectWithAppKey(request: AppCredentialsPair & HostChoice & { readonly offices: OfficeChoice }, options?: CallOptions): Promise<ConnectionStatus>;
  /** The offices the stored app ID may read now, to change the choice. */
  authorizedOffices(options?: CallOptions): Promise<AuthorizedOfficeView[]>;
  chooseOffices(offices: OfficeChoice, options?: CallOptions): Promise<ConnectionStatus>;
  /** Ends each office's access at Sikka where possible and removes every Sikka secret here. */
  signOut(options?: { readonly signal?: AbortSignal | undefined }): Promise<SignOutReport>;
}

export function createConnectionService(options: ConnectionServiceOptions): ConnectionService {
  const { credentials, settings } = options;
  const logger = options.logger ?? silentLogger;
  // The format as the sync's client has it; the version is always the connection's (a v4 sign-out ends v4 keys).
  const clientFor = options.clientFor ?? ((baseUrl: string | null, apiVersion: SikkaApiVersion) =>
    createSikkaClient({ apiVersion, format: settings.current().sikkaFormat, ...(baseUrl === null ? {} : { baseUrl }), logger }));
  /** The client of the stored connection. */
  const currentClient = (): SikkaClient => {
    const { sikkaBaseUrl, sikkaApiVersion } = settings.current();
    return clientFor(sikkaBaseUrl, sikkaApiVersion);
  };
  let pendingSignIn: AbortController | undefined;

  /** The host to use, checked as settings would check it before anything is sent there. */
  const hostOf = (choice: HostChoice): string | null => {
    if (choice.baseUrl === undefined) return settings.current().sikkaBaseUrl;
    const parsed = SETTINGS_SCHEMA.shape.sikkaBaseUrl.safeParse(choice.baseUrl);
    if (!parsed.success) throw new SettingsError('Invalid Sikka address.');
    return parsed.data;
  };

  const versionOf = (choice: HostChoice): SikkaApiVersion => choice.apiVersion ?? settings.current().sikkaApiVersion;

  const storedApp = (): AppCredentialsPair => {
    const app = credentials.app();
    if (app === undefined) throw new AuthError('NOT_SIGNED_IN');
    return app;
  };

  const status = (): ConnectionStatus => {
    const current = settings.current();
    const signedInOffices = credentials.officesWithRefreshTokens();
    const connected = current.connectionKind === 'sikka' && credentials.app() !== undefined;
    return {
      kind: current.connectionKind,
      method: !connected ? null : signedInOffices.length > 0 ? 'sikka-sign-in' : 'app-key',
      signedInOffices,
      selectedOffices: current.selectedOffices ?? 'all',
      sikkaBaseUrl: current.sikkaBaseUrl,
    };
  };

  return {
    status,

    async signInWithSikka(request, callOptions = {}) {
      const baseUrl = hostOf(request);
      const apiVersion = versionOf(request);
      pendingSignIn?.abort();
      const controller = new AbortController();
      pendingSignIn = controller;
      try {
        const office = await signInWithSikka({
          client: clientFor(baseUrl, apiVersion),
          credentials,
          app: { appId: request.appId, appKey: request.appKey },
          openExternal: options.openExternal,
          onAuthorizationUrl: callOptions.onAuthorizationUrl,
          officeId: request.officeId,
          timeoutMs: options.signInTimeoutMs,
          signal: callOptions.signal === undefined ? controller.signal : AbortSignal.any([controller.signal, callOptions.signal]),
          random: options.random,
          logger,
        });
        settings.update({ connectionKind: 'sikka', sikkaBaseUrl: baseUrl, sikkaApiVersion: apiVersion, selectedOffices: withOffice(settings.current(), office.officeId) });
        return office;
      } finally {
        if (pendingSignIn === controller) pendingSignIn = undefined;
      }
    },

    cancelSignIn() {
      pendingSignIn?.abort();
    },

    checkAppKey(request, callOptions = {}) {
      return checkAppKey(clientFor(hostOf(request), versionOf(request)), { appId: request.appId, appKey: request.appKey }, callOptions);
    },

    async connectWithAppKey(request, callOptions = {}) {
      const baseUrl = hostOf(request);
      const apiVersion = versionOf(request);
      const { selectedOffices } = await confirmAppKey(clientFor(baseUrl, apiVersion), credentials, request, callOptions);
      settings.update({ connectionKind: 'sikka', sikkaBaseUrl: baseUrl, sikkaApiVersion: apiVersion, selectedOffices });
      logger.info('auth.connected_with_app_key', { offices: selectedOffices?.length ?? 'all', apiVersion });
      return status();
    },

    async authorizedOffices(callOptions = {}) {
      const practices = await currentClient().authorizedPractices(storedApp(), callOptions);
      return practices.map(authorizedOfficeView);
    },

    async chooseOffices(offices, callOptions = {}) {
      const practices = await currentClient().authorizedPractices(storedApp(), callOptions);
      settings.update({ selectedOffices: validateOfficeChoice(offices, practices) });
      return status();
    },

    async signOut(callOptions = {}) {
      pendingSignIn?.abort();
      const report = await signOut({
        client: currentClient(),
        credentials,
        signal: callOptions.signal,
        revokeTimeoutMs: options.revokeTimeoutMs,
        logger,
      });
      settings.update({ connectionKind: 'none', selectedOffices: null });
      return report;
    },
  };
}

/**
 * The office choice after signing in to `officeId`: a first connection keeps just that office;
 * a list gains it; "every office" already includes it.
 */
function withOffice(current: AppSettings, officeId: string): string[] | null {
  if (current.connectionKind !== 'sikka') return [officeId];
  if (current.selectedOffices === null) return null;
  return current.selectedOffices.includes(officeId) ? current.selectedOffices : [...current.selectedOffices, officeId];
}
