import { describe, expect, it } from 'vitest';
import { DENTAL, envelopeOf, errorCodeOf, useSandbox } from './support';

const s = useSandbox();

/** 1-based rows `first`..`last` of the live appointments, as records() orders them. */
function rows(first: number, last: number): unknown[] {
  return [...s.sandbox.records(DENTAL.officeId, 'appointments')].slice(first - 1, last);
}

describe('pagination: offset is a page index, limit the page size (the guide\u2019s examples)', () => {
  it.each([
    [0, 940, 1, 940],
    [1, 940, 941, 1880],
    [1, 941, 942, 1882],
    [2, 940, 1881, 2820],
  ])('offset=%i&limit=%i returns rows %i to %i', async (offset, limit, first, last) => {
    const page = await envelopeOf(await s.data(`/v2/appointments?offset=${offset}&limit=${limit}`));
    expect(page.items).toEqual(rows(first, last));
    expect(page).toMatchObject({ total_count: '3000', limit: String(limit), offset: String(offset) });
  });

  it('defaults to page 0 of 500 rows', async () => {
    const page = await envelopeOf(await s.data('/v2/patients'));
    expect(page.items).toHaveLength(500);
    expect(page).toMatchObject({ limit: '500', offset: '0', total_count: '1000' });
  });

  it('serves a last, partial page', async () => {
    const page = await envelopeOf(await s.data('/v2/patients?offset=2&limit=400'));
    expect(page.items).toEqual([...s.sandbox.records(DENTAL.officeId, 'patients')].slice(800));
  });

  it('answers 204 with no body for a page past the end', async () => {
    const response = await s.data('/v2/patients?offset=3&limit=500');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('allows 4999 rows a page', async () => {
    const page = await envelopeOf(await s.data('/v2/appointments?limit=4999'));
    expect(page.items).toHaveLength(3000);
  });

  it('refuses a limit over 4999 with 400 API1026', async () => {
    const response = await s.data('/v2/patients?limit=5000');
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('API1026');
  });

  it.each(['-1', 'abc', '1.5'])('refuses offset=%s with 400 API1026', async (offset) => {
    const response = await s.data(`/v2/patients?offset=${offset}`);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('API1026');
  });

  it('pages through every record exactly once', async () => {
    const seen: unknown[] = [];
    for (let offset = 0; ; offset++) {
      const response = await s.data(`/v2/guarantors?offset=${offset}&limit=170`);
      if (response.status === 204) break;
      seen.push(...(await envelopeOf(response)).items);
    }
    expect(seen).toEqual([...s.sandbox.records(DENTAL.officeId, 'guarantors')]);
    expect(seen).toHaveLength(s.sandbox.count(DENTAL.officeId, 'guarantors'));
  });
});
