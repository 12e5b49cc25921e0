/** An office the app may read (one `authorized_practices` record) and what the cache holds of it. */
import type { PracticeDomain, SyncedResource } from './records';

export interface OfficeSummary {
  readonly officeId: string;
  readonly practiceId: string | null;
  readonly practiceName: string | null;
  readonly domain: PracticeDomain | null;
  readonly practiceManagementSystem: string | null;
  readonly practiceManagementSystemVersion: string | null;
  /** When the practice's own agent (SPC) last read its practice management system, as Sikka sent it. */
  readonly practiceManagementSystemRefreshDate: string | null;
  /** A Windows zone name such as "Eastern Standard Time". */
  readonly timeZone: string | null;
  readonly dataSynchronizationDate: string | null;
  readonly dataInsertDate: string | null;
  /** Rows held in the cache per resource. */
  readonly counts: Readonly<Record<SyncedResource, number>>;
  /** Epoch ms of the last completed full pull of each resource, null if none yet. */
  readonly lastFullSyncAt: Readonly<Record<SyncedResource, number | null>>;
}
