import { gunzipSync } from 'node:zlib';
import http from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DENTAL, envelopeOf, useSandbox, VET } from './support';

const s = useSandbox();

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name, path) => name === 'item' && path === 'response.items.item' });

/** A raw GET that keeps the body as sent (fetch would undo gzip). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('fields', () => {
  it('returns only the asked fields plus the mandatory ones (href, id, practice_id, links)', async () => {
    const [patient] = (await envelopeOf(await s.data('/v2/patients?limit=1&fields=firstname, lastname,cell'))).items;
    expect(Object.keys(patient ?? {}).sort()).toEqual(['appointments', 'cell', 'firstname', 'guarantor', 'href', 'lastname', 'patient_id', 'practice', 'practice_id', 'provider'].sort());
  });

  it('treats fields=get_all as every field', async () => {
    const all = await envelopeOf(await s.data('/v2/patients?limit=3&fields=get_all'));
    expect(all.items).toEqual([...s.sandbox.records(DENTAL.officeId, 'patients')].slice(0, 3));
  });
});

describe('expand', () => {
  it('replaces the practice link with the practice record', async () => {
    const [appointment] = (await envelopeOf(await s.data('/v2/appointments?limit=1&expand=practice'))).items;
    expect(appointment?.['practice']).toMatchObject({ practice_id: '1', name: DENTAL.practiceName, href: `${s.sandbox.baseUrl}/v2/practices/1` });
  });

  it('expands several links at once, each to the related record', async () => {
    const [appointment] = (await envelopeOf(await s.data('/v2/appointments?limit=1&expand=patient,guarantor,provider'))).items;
    const patient = appointment?.['patient'] as Record<string, unknown>;
    const provider = appointment?.['provider'] as Record<string, unknown>;
    expect(patient['patient_id']).toBe(appointment?.['patient_id']);
    expect((appointment?.['guarantor'] as Record<string, unknown>)['guarantor_id']).toBe(appointment?.['guarantor_id']);
    expect(provider['provider_id']).toBe(appointment?.['provider_id']);
    expect(appointment?.['practice']).toEqual({ href: `${s.sandbox.baseUrl}/v2/practices/1` });
  });

  it('expands a pet\u2019s owner in a veterinary office', async () => {
    const [pet] = (await envelopeOf(await s.data('/v2/veterinary_patients?limit=1&expand=guarantor', { office: VET }))).items;
    expect((pet?.['guarantor'] as Record<string, unknown>)['lastname']).toBe(pet?.['guarantor_last_name']);
  });
});

describe('gzip', () => {
  it('compresses when the request accepts gzip, and the body is the same', async () => {
    const key = await s.key();
    const url = `${s.sandbox.baseUrl}/v2/patients?limit=200&request_key=${key}`;
    const zipped = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate' });
    const plain = await rawGet(url, {});
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers['content-length']).toBe(String(zipped.body.length));
  });

  it('does not compress when gzip is refused with q=0', async () => {
    const key = await s.key();
    const response = await rawGet(`${s.sandbox.baseUrl}/v2/providers?request_key=${key}`, { 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(response.headers['content-encoding']).toBeUndefined();
  });
});

describe('headers', () => {
  it('sends Content-Type and Request-Key-Expires (an HTTP date 24 h after the key was issued) on data calls', async () => {
    const response = await s.data('/v2/providers');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('request-key-expires')).toBe(new Date(s.clock.now + 24 * 3600_000).toUTCString());
  });
});

describe('XML', () => {
  it('carries the same envelope and records as JSON', async () => {
    const json = await envelopeOf(await s.data('/v2/patients?limit=25&offset=3'));
    const response = await s.data('/v2/patients/xml?limit=25&offset=3');
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const parsed = xml.parse(await response.text()) as { response: { total_count: string; limit: string; offset: string; items: { item: unknown[] } } };
    const { items, ...envelope } = parsed.response;
    expect(envelope).toEqual({ total_count: json.total_count, limit: json.limit, offset: json.offset });
    expect(items.item).toEqual(json.items);
  });

  it('carries pets and non-Latin names intact', async () => {
    const json = await envelopeOf(await s.data('/v2/veterinary_patients?limit=300', { office: VET }));
    const parsed = xml.parse(await (await s.data('/v2/veterinary_patients/xml?limit=300', { office: VET })).text()) as { response: { items: { item: unknown[] } } };
    expect(parsed.response.items.item).toEqual(json.items);
  });

  it('answers errors as XML on XML routes', async () => {
    const response = await s.get('/v2/patients/xml');
    expect(response.status).toBe(400);
    expect(xml.parse(await response.text())).toEqual({
      '?xml': '',
      response: { http_code: '400', http_code_desc: 'BadRequest', error_code: 'API1004', short_message: 'Missing Parameter', long_message: 'Requestkey is missing.', more_information: 'Please provide the requestkey.' },
    });
  });

  it('refuses a format other than json or xml with 415 API1006', async () => {
    const response = await s.data('/v2/patients/csv');
    expect(response.status).toBe(415);
  });
});
