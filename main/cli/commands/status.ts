/**
 * `status --data-dir DIR [--json]`: where each office's copy stands, as the last sync left it —
 * state, last success, last error in plain words, the daily-limit pause, row counts and the
 * practice's own sync agent (SPC) dates, and whether the data is up to date (shared/domain/freshness.ts). `--json` prints the same SyncStatus the app shows.
 */
import { officeFreshness, type FreshnessLevel, type FreshnessPolicy } from '../../../shared/domain/freshness';
import type { OfficeSyncStatus } from '../../../shared/domain/sync';
import { liveSyncStatus } from '../../sync/status';
import { EXIT_OK, requireString, type CliCommand } from '../command';
import { openDataDir } from '../dataDir';

function when(at: number | null): string {
  return at === null ? 'never' : new Date(at).toISOString();
}

const FRESHNESS_WORDS: Readonly<Record<FreshnessLevel, string>> = { fresh: 'up to date', amber: 'behind', red: 'a day or more behind', none: 'not copied yet' };

function describeOffice(office: OfficeSyncStatus, policy: FreshnessPolicy, now: number): string {
  const freshness = officeFreshness(office, policy, now);
  const lines = [
    `${office.practiceName ?? '(unnamed practice)'} [${office.officeId}] \u2014 ${office.state}`,
    `  freshness: ${FRESHNESS_WORDS[freshness.level]} \u2014 ${[freshness.practiceSystem.words, freshness.thisPc.words].join('; ')}`,
    `  last success: ${when(office.lastSuccessAt)}; last full download: ${when(office.lastFullSyncAt)}`,
    `  rows: ${Object.entries(office.counts).map(([resource, count]) => `${resource} ${count}`).join(', ')}`,
    `  SPC: ${[office.spc.practiceManagementSystem, office.spc.practiceManagementSystemVersion].filter((part) => part !== null).join(' ') || 'unknown system'}; data inserted ${office.spc.insertedAt?.local ?? 'never'}${office.spc.timeZone === null ? '' : ` (${office.spc.timeZone})`}`,
  ];
  if (office.quota.limited) lines.push(`  daily Sikka limit reached (${office.quota.code ?? 'quota'}): resumes ${when(office.quota.resumesAt)}`);
  if (office.lastError !== null) lines.push(`  last error ${office.lastError.code} at ${when(office.lastError.at)}: ${office.lastError.explanation}`);
  return lines.join('\n');
}

export const statusCommand: CliCommand = {
  name: 'status',
  usage: 'status --data-dir DIR [--json]',
  summary: 'Show each office\u2019s sync status: last success, errors, limits, row counts, SPC dates.',
  options: {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 0, max: 0 },
  run(args, io) {
    const dataDir = openDataDir(requireString(args, 'data-dir'), io.env);
    const reader = dataDir.openReader();
    let offices: OfficeSyncStatus[];
    try {
      offices = reader.syncStatus({ now: io.now() });
    } finally {
      reader.close();
    }
    const settings = dataDir.settings.current();
    const status = liveSyncStatus({ offices, paused: settings.syncPaused, freshness: { amberAfterHours: settings.freshnessAmberHours } });
    if (args.values['json'] === true) io.out(`${JSON.stringify(status, null, 2)}\n`);
    else io.out(`${offices.length === 0 ? 'No office has been synced yet.' : offices.map((office) => describeOffice(office, status.freshness, io.now())).join('\n\n')}\n`);
    return Promise.resolve(EXIT_OK);
  },
};
