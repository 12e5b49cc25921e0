import type { SyncedResource } from '../../shared/domain/records';

/**
 * Where the sync engine stands for one office and resource. Saved by the writer in the same
 * transaction as the page it describes, so after a crash the cursor always matches the rows.
 */
export interface SyncCursor {
  readonly officeId: string;
  readonly resource: SyncedResource;
  /** `full`: a full pull is under way (resume at nextPage); `changes`: following change logs. */
  readonly mode: 'full' | 'changes';
  /** Numbers full pulls; rows not seen by the latest completed one are removed when it ends. */
  readonly generation: number;
  /** Sikka page index (`offset`) to fetch next in a full pull. */
  readonly nextPage: number;
  /** The `limit` the pull pages with; a page index means nothing under another size. */
  readonly pageSize: number;
  /** Sikka's total_count for the pull, when known (progress display). */
  readonly expectedTotal: number | null;
  /** Rows applied so far in the current full pull. */
  readonly rowsApplied: number;
  /** Rows the cache holds for this office and resource, kept with every page. */
  readonly rowCount: number;
  /** High-water mark for the next change-log request (e.g. its `loaded_startdate`). */
  readonly changesSince: string | null;
  /** The full pull began with no rows of this office and resource: nothing to compare with or remove. */
  readonly firstPull: boolean;
  /** The change-log mark this full pull started at: `changesSince` once it finishes. */
  readonly pullChangesSince: string | null;
  readonly fullStartedAt: number | null;
  readonly fullCompletedAt: number | null;
  readonly changesAppliedAt: number | null;
  readonly updatedAt: number;
}
