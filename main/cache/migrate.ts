import type { Database } from 'better-sqlite3-multiple-ciphers';
import { CacheError } from './errors';
import type { Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0);
}

/** Throws CACHE_TOO_NEW, before anything is written, for a file from a newer app version. */
export function refuseNewerSchema(db: Database, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new CacheError('CACHE_TOO_NEW', `The local database has schema version ${current}; this version of the app knows up to ${latest}. Update the app.`);
  }
}

/** Applies the missing migrations one by one, each with its version bump in one transaction. */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  refuseNewerSchema(db, migrations);
  const from = schemaVersion(db);
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > from);
  let expected = from + 1;
  for (const migration of pending) {
    if (migration.version !== expected) throw new Error(`Cache migrations skip from version ${expected - 1} to ${migration.version}.`);
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    expected += 1;
  }
  return { from, to: schemaVersion(db) };
}
