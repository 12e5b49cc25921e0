/**
 * The command line in the audit trail. Commands that show patient data (search, export, caller),
 * logout and the trail's own export write an entry as `cli:<name>`, where the name comes from `--profile NAME`,
 * else PRACTICE_COMPANION_PROFILE, else the operating-system account; the account is recorded
 * beside it either way.
 *
 * The name is a claim, not a sign-in: the CLI asks for no PIN, because it runs in scripts and
 * scheduled tasks where a PIN would sit in plain text (and a script's wrong PINs would lock the
 * person out). So the entry says `cli:…` rather than a profile's id, and never passes for a
 * profile that proved itself with its PIN. Without any name the existing calls keep working.
 */
import { existsSync } from 'node:fs';
import { CLI_ACTOR_PREFIX } from '../../shared/domain/audit';
import { staffNameSchema } from '../../shared/domain/staff';
import { CacheError, type CacheReader } from '../cache';
import type { AuditRecord, AuditTrail } from '../security/auditTrail';
import type { SecurityStore } from '../security/store';
import { optionalString, UsageError, type CliIo, type CliOptions, type ParsedCommandLine } from './command';
import type { DataDir } from './dataDir';

export const PROFILE_ENV = 'PRACTICE_COMPANION_PROFILE';

export const PROFILE_OPTION: CliOptions = { profile: { type: 'string' } };

export type CliActor = Pick<AuditRecord, 'actor' | 'actorName'> & { readonly osAccount: string | null };

/** Who runs the command, as the trail records it. */
export function cliActor(args: ParsedCommandLine, env: CliIo['env']): CliActor {
  const osAccount = printable(env['USERNAME'] ?? env['USER']);
  const claimed = optionalString(args, 'profile') ?? env[PROFILE_ENV];
  if (claimed !== undefined) {
    const name = staffNameSchema.safeParse(claimed);
    if (!name.success) throw new UsageError(`--profile (or ${PROFILE_ENV}) must be a profile name: letters, digits, dot, dash or underscore, up to 40.`);
    return { actor: `${CLI_ACTOR_PREFIX}${name.data}`, actorName: name.data, osAccount };
  }
  const name = osAccount ?? 'unnamed';
  return { actor: `${CLI_ACTOR_PREFIX}${name}`, actorName: name, osAccount };
}

/** Details for an entry, with the operating-system account that ran the command. */
export function withAccount(actor: CliActor, detail: string | null): string | null {
  const parts = [detail, actor.osAccount === null ? null : `OS account ${actor.osAccount}`].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join('; ');
}

/**
 * The audit trail of a data directory that holds something to account for: a local copy or a
 * trail already. An empty folder is CACHE_NOT_FOUND, checked before a key could be created for it.
 */
export function openCliSecurityStore(dataDir: DataDir, now: () => number): SecurityStore {
  if (!existsSync(dataDir.cacheFile) && !existsSync(dataDir.securityFile)) throw new CacheError('CACHE_NOT_FOUND', 'No local database in this data directory.');
  return dataDir.openSecurityStore({ now });
}

/** Writes one entry to the data directory's audit trail (created on first use), e.g. a sign-in. */
export function recordCliEntry(dataDir: DataDir, now: () => number, record: AuditRecord): void {
  const security = dataDir.openSecurityStore({ now });
  try {
    security.audit.append(record);
  } finally {
    security.close();
  }
}

/** The local copy for reading, with its audit trail; close() closes both. */
export function openAuditedCopy(dataDir: DataDir, now: () => number): { readonly reader: CacheReader; readonly audit: AuditTrail; close(): void } {
  if (!existsSync(dataDir.cacheFile)) throw new CacheError('CACHE_NOT_FOUND', 'No local database in this data directory.');
  const security = dataDir.openSecurityStore({ now });
  try {
    const reader = dataDir.openReader();
    return {
      reader,
      audit: security.audit,
      close() {
        reader.close();
        security.close();
      },
    };
  } catch (error) {
    security.close();
    throw error;
  }
}

function printable(value: string | undefined): string | null {
  const clean = value?.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 40);
  return clean === undefined || clean === '' ? null : clean;
}
