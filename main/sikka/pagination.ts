/**
 * Sikka's paging, as the v2 guide defines it (and the v4 collection repeats): `offset` is a PAGE index and `limit` the page size,
 * so page p of size L holds rows p·L+1 … p·L+L (1-based): offset=1&limit=940 → rows 941–1880,
 * offset=1&limit=941 → rows 942–1882.
 *
 * The client tracks the next row it needs rather than a page number, because a server may use a
 * smaller page than asked (its envelope's `limit` says so). Every answer is placed at the rows it
 * really holds; rows before the one needed are dropped and, when the answer does not reach it,
 * the request is repeated with the server's page size. No row is skipped or delivered twice.
 */

/** The most rows the v2 API serves in one call ("0 to 4999 results", v2 guide). */
export const MAX_PAGE_SIZE = 4999;

/** The most rows the v4 API serves in one call ("between 0 and 5000 results", v4 Pagination). */
export const MAX_PAGE_SIZE_V4 = 5000;

/** The largest page of a version, which is also the client's default: fewest calls of the practice's daily quota. */
export function maxPageSize(apiVersion: 'v2' | 'v4'): number {
  return apiVersion === 'v4' ? MAX_PAGE_SIZE_V4 : MAX_PAGE_SIZE;
}

/** Where a collection read stands: the next page to ask for, with its size. */
export interface PageCursor {
  readonly page: number;
  readonly limit: number;
}

/** 1-based first and last row of a page, in the guide's words. */
export function rowsOfPage(page: number, limit: number): { readonly first: number; readonly last: number } {
  return { first: page * limit + 1, last: page * limit + limit };
}

/** The page of size `limit` that holds the 0-based `row`, and how many of its rows come before it. */
export function pageHolding(row: number, limit: number): { readonly page: number; readonly skip: number } {
  const page = Math.floor(row / limit);
  return { page, skip: row - page * limit };
}

export interface Answer {
  /** The 0-based row the reader needs next. */
  readonly row: number;
  /** What was asked. */
  readonly request: PageCursor;
  /** How many items came back (0 for HTTP 204). */
  readonly received: number;
  readonly echoedLimit: number | undefined;
  readonly echoedOffset: number | undefined;
  readonly totalCount: number | undefined;
}

export type Placement =
  /** Deliver items[skip…] as rows row…; `next` is null when the collection is exhausted. */
  | { readonly kind: 'deliver'; readonly page: number; readonly limit: number; readonly skip: number; readonly next: PageCursor | null }
  /** The answer does not hold the row needed: ask again for the page of this size that does. */
  | { readonly kind: 'realign'; readonly limit: number }
  /** The answer cannot be placed at any rows (more items than its own page size). */
  | { readonly kind: 'unplaceable' };

export function placeAnswer(answer: Answer): Placement {
  const { row, request, received, totalCount } = answer;
  const size = serverPageSize(answer);
  if (size === undefined) return { kind: 'unplaceable' };
  const page = answer.echoedOffset ?? request.page;
  const base = page * size;
  if (received === 0) {
    return row >= base ? { kind: 'deliver', page, limit: size, skip: 0, next: null } : { kind: 'realign', limit: size };
  }
  if (row < base || row >= base + received) return { kind: 'realign', limit: size };
  const end = base + received;
  const exhausted = received < size || (totalCount !== undefined && end >= totalCount);
  return { kind: 'deliver', page, limit: size, skip: row - base, next: exhausted ? null : { page: page + 1, limit: size } };
}

/**
 * The page size the server used: its echo when given; otherwise what was asked, unless a short
 * page contradicts `total_count` (a silent cap, its size is what came back).
 */
function serverPageSize(answer: Answer): number | undefined {
  const { request, received, echoedLimit, totalCount } = answer;
  if (echoedLimit !== undefined && echoedLimit > 0) return received > echoedLimit ? undefined : echoedLimit;
  if (received > request.limit) {
    // A server that ignores `limit` and sends everything at once is fine; anything else cannot be placed.
    return request.page === 0 && answer.row === 0 && totalCount !== undefined && received >= totalCount ? received : undefined;
  }
  const page = answer.echoedOffset ?? request.page;
  if (received > 0 && received < request.limit && totalCount !== undefined && page * request.limit + received < totalCount) return received;
  return request.limit;
}
