import type { Migration } from '../../cache/migrations';
import { staffAndAudit } from './001-staff-and-audit';

/** The security database's schema steps, in order (its own user_version, apart from the cache's). */
export const SECURITY_MIGRATIONS: readonly Migration[] = [staffAndAudit];
