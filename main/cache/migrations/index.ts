import { initialSchema } from './001-initial';
import { syncStatus } from './002-sync-status';
import { households } from './003-households';
import { officeFreshness } from './004-office-freshness';
import type { Migration } from './types';

export type { Migration } from './types';

/** In order; each file adds one version. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, syncStatus, households, officeFreshness];
