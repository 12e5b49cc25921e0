import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One schema step; the runner applies it in a transaction and sets `PRAGMA user_version` to `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
