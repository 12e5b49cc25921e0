import { describe, expect, it } from 'vitest';
import { errorFromBody, findErrorBody, parseCount, readCollection } from '../../main/sikka/envelope';
import { SikkaApiError } from '../../main/sikka/errors';

const patient = { href: 'https://api.sikkasoft.com/v2/practices/1/patients/7', patient_id: '7', practice: { href: 'https://api.sikkasoft.com/v2/practices/1' } };

describe('collection shapes', () => {
  it('reads v2\u2019s one-element array envelope', () => {
    expect(readCollection([{ total_count: '15', limit: '500', offset: '0', items: [patient] }])).toEqual({ records: [patient], totalCount: 15, limit: 500, offset: 0 });
  });

  it('reads v4\u2019s object envelope', () => {
    const body = { offset: '1', limit: '1', total_count: '9161', execution_time: '47', pagination: { first: '', previous: '', current: '', next: '', last: '' }, items: [patient] };
    expect(readCollection(body)).toEqual({ records: [patient], totalCount: 9161, limit: 1, offset: 1 });
  });

  it('reads a bare array of records', () => {
    expect(readCollection([patient, patient])).toEqual({ records: [patient, patient], totalCount: undefined, limit: undefined, offset: undefined });
  });

  it('reads a single record object as one row', () => {
    expect(readCollection(patient)).toMatchObject({ records: [patient] });
  });

  it('keeps records exactly as received (same objects)', () => {
    const body = [{ total_count: '1', items: [patient] }];
    const read = readCollection(body);
    expect(read instanceof SikkaApiError ? undefined : read.records[0]).toBe(patient);
  });

  it('reads an empty XML list as no records', () => {
    expect(readCollection({ total_count: '0', items: '' })).toMatchObject({ records: [] });
  });

  it('treats documentation placeholders ("xx") as unknown counts', () => {
    expect(readCollection({ offset: 'xx', limit: 'xx', total_count: 'xx', items: [] })).toEqual({ records: [], totalCount: undefined, limit: undefined, offset: undefined });
  });

  it.each([
    ['a string', 'hello'],
    ['a number', 42],
    ['null', null],
    ['items that is not a list', { items: { a: 1 } }],
    ['a list entry that is not a record', [patient, 'x']],
    ['an envelope item that is a list', { items: [[patient]] }],
  ])('refuses %s as malformed', (_name, value) => {
    const read = readCollection(value);
    expect(read).toBeInstanceOf(SikkaApiError);
    expect((read as SikkaApiError).code).toBe('MALFORMED_RESPONSE');
  });

  it('parses counts given as strings or numbers', () => {
    expect(parseCount('9161')).toBe(9161);
    expect(parseCount(12)).toBe(12);
    expect(parseCount('-1')).toBeUndefined();
    expect(parseCount('1e3')).toBeUndefined();
    expect(parseCount(1.5)).toBeUndefined();
  });
});

describe('error bodies', () => {
  const body = { http_code: '400', http_code_desc: 'BadRequest', error_code: 'API1025', short_message: 'Request key expired', long_message: '', more_information: '' };

  it('finds an error body as an object', () => {
    expect(findErrorBody(body)).toEqual({ errorCode: 'API1025', httpCode: 400 });
  });

  it('finds an error body wrapped in a one-element array', () => {
    expect(findErrorBody([body])).toEqual({ errorCode: 'API1025', httpCode: 400 });
  });

  it('does not take an envelope for an error', () => {
    expect(findErrorBody({ error_code: 'API1025', items: [] })).toBeUndefined();
  });

  it('maps a listed code to its typed error', () => {
    const error = errorFromBody({ errorCode: 'API2007', httpCode: 401 }, 401);
    expect(error).toMatchObject({ code: 'API2007', httpStatus: 401, retryable: false });
  });

  it('keeps an unlisted Sikka code for support under UNEXPECTED_RESPONSE', () => {
    expect(errorFromBody({ errorCode: 'API1029', httpCode: 202 }, 202)).toMatchObject({ code: 'UNEXPECTED_RESPONSE', sikkaCode: 'API1029', retryable: false });
  });

  it('does not keep an unlisted code that does not look like one', () => {
    expect(errorFromBody({ errorCode: 'patient John Smith', httpCode: 500 }, 500)).toMatchObject({ code: 'UNEXPECTED_RESPONSE', sikkaCode: undefined, retryable: true });
  });
});
