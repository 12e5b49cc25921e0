import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../main/cache';
import type { PatientSearchQuery } from '../../shared/domain/patients';
import { fullPull, guarantorRecord, officeRecord, patientRecord, petRecord, tempCache, type TempCache } from './fixtures';

let temp: TempCache;
let cache: Cache;

const people = [
  patientRecord('101', { firstname: 'José', lastname: 'Núñez', birthdate: '1985-03-14T00:00:00', cell: '(860) 555-0123' }),
  patientRecord('102', { firstname: 'Jose', lastname: 'Garcia', birthdate: '1990-07-01T00:00:00', homephone: '203-555-0199' }),
  patientRecord('103', { firstname: 'Siobhán', lastname: "O'Brien", email: 'siobhan.obrien@example.com' }),
  patientRecord('104', { firstname: 'Mary', middlename: 'Ann', lastname: 'Smith-Jones', preferred_name: 'Molly' }),
  patientRecord('105', { firstname: 'Иван', lastname: 'Иванов' }),
  patientRecord('106', { firstname: '小明', lastname: '王' }),
  patientRecord('107', { firstname: 'Joseph', lastname: 'Smith', guarantor_id: 'G9', birthdate: '1985-03-14T00:00:00' }),
  patientRecord('108', { firstname: 'Jordan', lastname: 'Smithers', workphone: '1-408-555-7788' }),
  patientRecord('109', { firstname: 'Carlene', lastname: 'Victoria', preferred_name: 'Caeene' }),
  patientRecord('110', { firstname: 'Victor', lastname: 'Adams' }),
];

beforeAll(() => {
  temp = tempCache();
  cache = temp.open();
  cache.writer.upsertOffice(officeRecord('D1'));
  cache.writer.upsertOffice(officeRecord('V1', { domain: 'Veterinary', practice_name: 'Harbor Vet' }));
  fullPull(cache.writer, 'D1', 'guarantors', [guarantorRecord('G9', { firstname: 'Morgan', lastname: 'Reyes' })]);
  fullPull(cache.writer, 'D1', 'patients', people);
  fullPull(cache.writer, 'V1', 'patients', [
    petRecord('201', { petname: 'Biscuit', firstname: 'Biscuit', lastname: 'Reyes', species: 'Feline', guarantor_id: 'O1',
      guarantor_first_name: 'Morgan', guarantor_last_name: 'Reyes' }),
  ]);
});
afterAll(() => {
  cache.close();
  temp.remove();
});

const ids = (query: string | PatientSearchQuery): string[] =>
  cache.reader.searchPatients(typeof query === 'string' ? { text: query } : query).results.map((r) => r.patientId);

describe('patient search', () => {
  it('matches name prefixes as staff type', () => {
    expect(ids('carl')).toEqual(['109']);
    expect(ids('ADA')).toEqual(['110']);
  });

  it('lists last-name matches before first-name matches', () => {
    expect(ids('vic')).toEqual(['109', '110']);
  });

  it('sorts each kind of match by name, other words last', () => {
    expect(ids('smi')).toEqual(['107', '108', '104']); // smith < smithers < smithjones
    expect(ids('jo')).toEqual(['108', '102', '101', '107', '104']); // jordan, jose garcia, jose nunez, joseph; then Smith-Jones
  });

  it('finds accented names from plain letters and plain names from accented letters', () => {
    expect(ids('nunez')).toEqual(['101']);
    expect(ids('siobhan')).toEqual(['103']);
    expect(ids('José').sort()).toEqual(['101', '102', '107']); // Jose, José and Joseph
    expect(ids('NÚÑEZ JOSÉ')).toEqual(['101']);
  });

  it('handles apostrophes and hyphens in names', () => {
    expect(ids("o'brien")).toEqual(['103']);
    expect(ids('O’Brien')).toEqual(['103']);
    expect(ids('obrien')).toEqual(['103']);
    expect(ids("o'b")[0]).toBe('103');
    expect(ids('jones')).toEqual(['104']);
    expect(ids('smith-jones')).toEqual(['104']);
  });

  it('finds first and last name together in either order', () => {
    expect(ids('joseph smith')).toEqual(['107']);
    expect(ids('smith, joseph')).toEqual(['107']);
    expect(ids('jo smith')).toEqual(['107', '108', '104']); // Jo… Smith…, then Smith-Jones through its words
  });

  it('finds middle and preferred names', () => {
    expect(ids('ann')).toEqual(['104']);
    expect(ids('molly')).toEqual(['104']);
    expect(ids('caeene')).toEqual(['109']);
  });

  it('finds names in other scripts', () => {
    expect(ids('иван')).toEqual(['105']);
    expect(ids('ИВАНОВ')).toEqual(['105']);
    expect(ids('王')).toEqual(['106']);
  });

  it('finds a phone number from its first digits or its local seven', () => {
    expect(ids('860-555')).toEqual(['101']);
    expect(ids('(203) 555-01')).toEqual(['102']);
    expect(ids('555-0123')).toEqual(['101']);
    expect(ids('1 408 555 7788')).toEqual(['108']);
  });

  it('finds a patient by id and by guarantor id', () => {
    expect(ids('106')).toEqual(['106']);
    expect(ids('g9')).toEqual(['107']);
  });

  it('finds birth dates written in the usual forms', () => {
    for (const text of ['03/14/1985', '3/14/85', '1985-03-14', '3-14-1985']) {
      expect(ids(text).sort()).toEqual(['101', '107']);
    }
  });

  it('narrows a birth date by name', () => {
    expect(ids('smith 3/14/85')).toEqual(['107']);
  });

  it('finds pets by name or owner and returns their species and owner', () => {
    expect(ids('biscuit')).toEqual(['201']);
    const [pet] = cache.reader.searchPatients({ text: 'reyes', officeId: 'V1' }).results;
    expect(pet).toMatchObject({ kind: 'pet', displayName: 'Biscuit', petName: 'Biscuit', species: 'Feline', guarantorName: 'Morgan Reyes' });
  });

  it('finds a patient through the guarantor name', () => {
    expect(ids({ text: 'morgan', officeId: 'D1' })).toEqual(['107']);
  });

  it('filters by office', () => {
    expect(ids({ text: 'reyes', officeId: 'D1' })).toEqual(['107']);
    expect(ids({ text: 'reyes', officeId: 'V1' })).toEqual(['201']);
  });

  it('returns the fields the results list shows', () => {
    const [result] = cache.reader.searchPatients({ text: 'joseph smith' }).results;
    expect(result).toEqual({
      officeId: 'D1', patientId: '107', kind: 'person', displayName: 'Joseph Smith', preferredName: null, petName: null,
      species: null, birthdate: '1985-03-14', guarantorName: 'Morgan Reyes', phone: null, status: 'Active',
    });
  });

  it('stops at the limit and says more matched', () => {
    const response = cache.reader.searchPatients({ text: 'j', limit: 2 });
    expect(response.results).toHaveLength(2);
    expect(response.truncated).toBe(true);
    expect(cache.reader.searchPatients({ text: 'carl', limit: 2 }).truncated).toBe(false);
    expect(cache.reader.searchPatients({ text: 'j', limit: Number.NaN })).toEqual(cache.reader.searchPatients({ text: 'j' }));
  });

  it('returns nothing for empty or punctuation-only input', () => {
    for (const text of ['', '   ', '"', '*', '()', '-', '^']) expect(ids(text)).toEqual([]);
  });

  it('treats FTS operators and SQL as plain words', () => {
    for (const text of ['smith OR jones', 'NEAR(smith jones)', 'smith AND', '"smith', 'smith*', 'names:smith', '{ids}: 1',
      "'; DROP TABLE patients; --", 'NOT smith', '\u0000\u0007', '😀 smith']) {
      expect(() => cache.reader.searchPatients({ text })).not.toThrow();
    }
    expect(ids("'; DROP TABLE patients; --")).toEqual([]);
    expect(ids('smith')).toHaveLength(3);
  });

  it('never throws on any input', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: -5, max: 500 }), (text, limit) => {
      const response = cache.reader.searchPatients({ text, limit });
      return Array.isArray(response.results) && response.results.length <= 200;
    }), { numRuns: 300 });
  });
});
