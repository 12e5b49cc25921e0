/**
 * How fresh the local copy and the practice's own data are, decided the same way for the tray and
 * the screens: "data as of" is the oldest office's last complete sync, and the practice's Sikka
 * agent (SPC) counts as behind once it has not loaded data for a day.
 */
import type { OfficeSyncStatus } from './sync';

/** SPC refreshes at least daily; older than this, the practice's data in Sikka is itself stale. */
export const SPC_STALE_MS = 24 * 60 * 60_000;

export function isSpcStale(at: number | null | undefined, now: number): boolean {
  return at != null && now - at > SPC_STALE_MS;
}

/** The copy is no fresher than its stalest office; null while any office has never finished a sync. */
export function oldestSuccessAt(offices: readonly Pick<OfficeSyncStatus, 'lastSuccessAt'>[]): number | null {
  let oldest: number | null = null;
  for (const office of offices) {
    if (office.lastSuccessAt === null) return null;
    oldest = oldest === null ? office.lastSuccessAt : Math.min(oldest, office.lastSuccessAt);
  }
  return oldest;
}
