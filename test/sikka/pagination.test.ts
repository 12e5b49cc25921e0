import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, pageHolding, placeAnswer, rowsOfPage, type Answer } from '../../main/sikka/pagination';

const answer = (fields: Partial<Answer> & Pick<Answer, 'row' | 'request' | 'received'>): Answer => ({
  echoedLimit: undefined,
  echoedOffset: undefined,
  totalCount: undefined,
  ...fields,
});

describe('page arithmetic (the guide\u2019s own examples)', () => {
  it('offset=0&limit=940 is the first 940 rows', () => {
    expect(rowsOfPage(0, 940)).toEqual({ first: 1, last: 940 });
  });

  it('offset=1&limit=940 is rows 941 to 1880', () => {
    expect(rowsOfPage(1, 940)).toEqual({ first: 941, last: 1880 });
  });

  it('offset=1&limit=941 is rows 942 to 1882', () => {
    expect(rowsOfPage(1, 941)).toEqual({ first: 942, last: 1882 });
  });

  it('offset=2&limit=940 is rows 1881 to 2820', () => {
    expect(rowsOfPage(2, 940)).toEqual({ first: 1881, last: 2820 });
  });

  it('finds the page holding a row and the rows before it', () => {
    expect(pageHolding(0, 4999)).toEqual({ page: 0, skip: 0 });
    expect(pageHolding(9998, 4999)).toEqual({ page: 2, skip: 0 });
    expect(pageHolding(9998, 500)).toEqual({ page: 19, skip: 498 });
  });

  it('caps a page at 4999 rows', () => {
    expect(MAX_PAGE_SIZE).toBe(4999);
  });
});

describe('placing an answer', () => {
  it('delivers a full page and points at the next one', () => {
    expect(placeAnswer(answer({ row: 0, request: { page: 0, limit: 100 }, received: 100, totalCount: 250 }))).toEqual({ kind: 'deliver', page: 0, limit: 100, skip: 0, next: { page: 1, limit: 100 } });
  });

  it('ends on a short page', () => {
    expect(placeAnswer(answer({ row: 200, request: { page: 2, limit: 100 }, received: 50 }))).toMatchObject({ kind: 'deliver', next: null });
  });

  it('ends on an empty page (HTTP 204)', () => {
    expect(placeAnswer(answer({ row: 300, request: { page: 3, limit: 100 }, received: 0 }))).toMatchObject({ kind: 'deliver', next: null });
  });

  it('ends when total_count is reached by a full page', () => {
    expect(placeAnswer(answer({ row: 100, request: { page: 1, limit: 100 }, received: 100, totalCount: 200 }))).toMatchObject({ kind: 'deliver', next: null });
  });

  it('follows a server that caps the page size from the first page', () => {
    expect(placeAnswer(answer({ row: 0, request: { page: 0, limit: 4999 }, received: 500, echoedLimit: 500, totalCount: 2000 }))).toEqual({ kind: 'deliver', page: 0, limit: 500, skip: 0, next: { page: 1, limit: 500 } });
  });

  it('asks again with the server\u2019s page size when a capped answer does not hold the row needed', () => {
    // Resuming at page 2 of 4999 (row 9998); a server capping at 500 answers its page 2 (rows 1000–1499).
    expect(placeAnswer(answer({ row: 9998, request: { page: 2, limit: 4999 }, received: 500, echoedLimit: 500, totalCount: 20_000 }))).toEqual({ kind: 'realign', limit: 500 });
  });

  it('drops the rows before the one needed after realigning', () => {
    expect(placeAnswer(answer({ row: 9998, request: { page: 19, limit: 500 }, received: 500, echoedLimit: 500, totalCount: 20_000 }))).toEqual({ kind: 'deliver', page: 19, limit: 500, skip: 498, next: { page: 20, limit: 500 } });
  });

  it('reads a silent cap from a short page that total_count contradicts', () => {
    expect(placeAnswer(answer({ row: 0, request: { page: 0, limit: 4999 }, received: 1000, totalCount: 3000 }))).toEqual({ kind: 'deliver', page: 0, limit: 1000, skip: 0, next: { page: 1, limit: 1000 } });
  });

  it('places rows at the page the server says it answered', () => {
    expect(placeAnswer(answer({ row: 200, request: { page: 2, limit: 100 }, received: 100, echoedLimit: 100, echoedOffset: 1 }))).toEqual({ kind: 'realign', limit: 100 });
  });

  it('refuses more rows than the server\u2019s own page size', () => {
    expect(placeAnswer(answer({ row: 0, request: { page: 0, limit: 100 }, received: 101, echoedLimit: 100 }))).toEqual({ kind: 'unplaceable' });
  });

  it('accepts a whole collection sent at once despite the limit', () => {
    expect(placeAnswer(answer({ row: 0, request: { page: 0, limit: 10 }, received: 25, totalCount: 25 }))).toMatchObject({ kind: 'deliver', skip: 0, next: null });
  });

  it('refuses an unannounced oversized page it cannot place', () => {
    expect(placeAnswer(answer({ row: 10, request: { page: 1, limit: 10 }, received: 25 }))).toEqual({ kind: 'unplaceable' });
  });
});
