/**
 * `sync --data-dir DIR [--base-url URL] [--app-id ID --app-key KEY] [--demo]`: brings the copy in
 * DIR up to date with every authorized office (those chosen in settings, when a choice was made),
 * once, in this process. Without an app ID and key it uses the ones stored by `login` or the app;
 * `--demo` syncs the built-in demo practice from a sandbox started here on 127.0.0.1. Progress
 * goes to stderr, with the reason an office's data is behind even so (Sikka's read of the practice
 * system is old: shared/domain/freshness.ts); exit 0 when every office has everything Sikka has.
 */
import { behindWords, officeFreshness, type FreshnessPolicy } from '../../../shared/domain/freshness';
import type { OfficeRunResult, SyncEvent, SyncRunSummary } from '../../../shared/domain/sync';
import { AuthError } from '../../auth/errors';
import type { CacheWriter } from '../../cache';
import { demoOffices, startSandbox, type Sandbox } from '../../sandbox';
import { SETTINGS_SCHEMA } from '../../settings/settings';
import { createSikkaClient, type AppCredentials, type SikkaClientOptions } from '../../sikka/client';
import { createSyncEngine, type SyncEngineOptions } from '../../sync/engine';
import { keySources } from '../../sync/keys';
import { EXIT_FAILURE, EXIT_OK, optionalString, requireString, UsageError, type CliCommand, type CliIo } from '../command';
import { openDataDir } from '../dataDir';

export interface SyncCommandOptions {
  readonly dataDir: string;
  readonly baseUrl?: string | undefined;
  readonly app?: AppCredentials | undefined;
  readonly demo?: boolean | undefined;
  /** Engine settings beyond the command line's (the benchmark's timing hooks, tests' page sizes). */
  readonly engine?: Partial<Pick<SyncEngineOptions, 'pageSize' | 'concurrency' | 'onEvent'>> & { readonly wrapWriter?: (writer: CacheWriter) => CacheWriter };
}

const OK_OUTCOMES: ReadonlySet<OfficeRunResult['outcome']> = new Set(['synced', 'unchanged', 'waiting-for-data']);

/** One sync run over a data directory, as the `sync` command does it. */
export async function runSync(options: SyncCommandOptions, io: CliIo): Promise<SyncRunSummary> {
  const dataDir = openDataDir(options.dataDir, io.env);
  const settings = dataDir.settings.current();
  let sandbox: Sandbox | undefined;
  let app = options.app;
  let baseUrl: string | null = options.baseUrl ?? settings.sikkaBaseUrl;
  const clientOptions: Partial<SikkaClientOptions> = { apiVersion: settings.sikkaApiVersion, format: settings.sikkaFormat };
  if (options.demo === true) {
    sandbox = await startSandbox({ offices: demoOffices() });
    app = { appId: sandbox.appId, appKey: sandbox.appKey };
    baseUrl = sandbox.baseUrl;
    Object.assign(clientOptions, { apiVersion: 'v2', format: 'json' });
  } else if (app === undefined && dataDir.credentials.app() === undefined) {
    throw new AuthError('NOT_SIGNED_IN');
  }
  const cache = dataDir.openCache({ now: io.now });
  try {
    const client = createSikkaClient({ ...clientOptions, ...(baseUrl === null ? {} : { baseUrl }), now: io.now });
    const engineApp = app ?? dataDir.credentials.app();
    if (engineApp === undefined) throw new AuthError('NOT_SIGNED_IN');
    const writer = options.engine?.wrapWriter?.(cache.writer) ?? cache.writer;
    const engine = createSyncEngine({
      client,
      cache: { writer, reader: cache.reader },
      app: engineApp,
      keySource: keySources({ client, credentials: dataDir.credentials, app }),
      selectedOffices: () => (options.demo === true ? null : settings.selectedOffices),
      now: io.now,
      ...(options.engine?.pageSize === undefined ? {} : { pageSize: options.engine.pageSize }),
      ...(options.engine?.concurrency === undefined ? {} : { concurrency: options.engine.concurrency }),
      onEvent: (event) => {
        reportProgress(event, io, { amberAfterHours: settings.freshnessAmberHours });
        options.engine?.onEvent?.(event);
      },
    });
    return await engine.run({ signal: io.signal });
  } finally {
    cache.close();
    await sandbox?.close();
  }
}

function reportProgress(event: SyncEvent, io: CliIo, freshness: FreshnessPolicy): void {
  switch (event.type) {
    case 'office-started':
      io.err(`${event.officeId}: syncing\n`);
      break;
    case 'progress': {
      const { officeId, resource, phase, rowsDone, rowsTotal } = event.progress;
      io.err(`${officeId}: ${resource} ${phase === 'full' ? 'download' : 'changes'} ${rowsDone}${rowsTotal === null ? '' : `/${rowsTotal}`}\n`);
      break;
    }
    case 'office-finished': {
      const { officeId, outcome, rows, error } = event.result;
      const until = event.status?.quota.resumesAt ?? null;
      io.err(`${officeId}: ${outcome}${rows > 0 ? ` (${rows} rows)` : ''}${error === null ? '' : ` \u2014 ${error.code}: ${error.explanation}`}${until === null ? '' : ` Resumes at ${new Date(until).toISOString()}.`}\n`);
      // A complete copy of what Sikka has is not up to date when Sikka's own read of the practice is old.
      const behind = event.status === null ? null : behindWords(officeFreshness(event.status, freshness, io.now()));
      if (behind !== null && event.status?.lastSuccessAt != null) io.err(`${officeId}: behind \u2014 ${behind}\n`);
      break;
    }
    case 'run-started':
    case 'run-finished':
      break;
  }
}

export const syncCommand: CliCommand = {
  name: 'sync',
  usage: 'sync --data-dir DIR [--base-url URL] [--app-id ID --app-key KEY] [--demo]',
  summary: 'Bring the encrypted copy in DIR up to date with Sikka (every authorized office, once).',
  options: {
    'data-dir': { type: 'string' },
    'base-url': { type: 'string' },
    'app-id': { type: 'string' },
    'app-key': { type: 'string' },
    demo: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  async run(args, io) {
    const dataDir = requireString(args, 'data-dir');
    const baseUrl = optionalString(args, 'base-url');
    const appId = optionalString(args, 'app-id');
    const appKey = optionalString(args, 'app-key');
    const demo = args.values['demo'] === true;
    if ((appId === undefined) !== (appKey === undefined)) throw new UsageError('--app-id and --app-key go together.');
    if (demo && (baseUrl !== undefined || appId !== undefined)) throw new UsageError('--demo uses its own sandbox: leave out --base-url, --app-id and --app-key.');
    if (baseUrl !== undefined && !SETTINGS_SCHEMA.shape.sikkaBaseUrl.safeParse(baseUrl).success) throw new UsageError('--base-url must be an http(s) address.');
    const app = appId === undefined || appKey === undefined ? undefined : { appId, appKey };

    const summary = await runSync({ dataDir, baseUrl, app, demo }, io);
    if (summary.error !== null) {
      io.err(`sync failed (${summary.error.code}): ${summary.error.explanation}\n`);
      return EXIT_FAILURE;
    }
    const failed = summary.offices.filter((office) => !OK_OUTCOMES.has(office.outcome));
    if (summary.offices.length === 0) io.err('No office to sync: this app ID is not authorized for any office (or none is selected).\n');
    else if (failed.length === 0) io.err(`Copied everything Sikka has: ${summary.offices.length} office${summary.offices.length === 1 ? '' : 's'}.\n`);
    else io.err(`${failed.length} of ${summary.offices.length} offices are not up to date; the next sync continues where this one stopped.\n`);
    return failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
