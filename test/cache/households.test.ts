import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../main/cache';
import { MIGRATIONS } from '../../main/cache/migrations';
import { closeWriterConnection, openWriterConnection } from '../../main/cache/open';
import { ShapeRegistry } from '../../main/cache/recordShapes';
import type { CallerCard, Household } from '../../shared/domain/households';
import type { SikkaRecord } from '../../shared/domain/records';
import { appointmentRecord, fullPull, guarantorRecord, officeRecord, patientRecord, petRecord, tempCache, type TempCache } from './fixtures';

let temp: TempCache;
let cache: Cache;

const noPhones = { cell: '', homephone: '', workphone: '' };
const guarantors = [
  guarantorRecord('G1', { firstname: 'Morgan', lastname: 'Reyes', patient_id: '301', phone: '(217) 555-0100', cell: '217.555.0142' }),
  guarantorRecord('G2', { firstname: 'Olive', lastname: 'Other', patient_id: '', cell: '' }),
];
const patients = [
  patientRecord('301', { ...noPhones, firstname: 'Morgan', lastname: 'Reyes', guarantor_id: 'G1', homephone: '217-555-0100', cell: '+1 217 555 0142', last_visit: '2024-03-01T00:00:00' }),
  patientRecord('302', { ...noPhones, firstname: 'Lily', lastname: 'Reyes', guarantor_id: 'G1', homephone: '2175550100', status: 'Active' }),
  patientRecord('303', { ...noPhones, firstname: 'Sam', lastname: 'Reyes', guarantor_id: 'G1' }),
  patientRecord('304', { ...noPhones, firstname: 'Ann', lastname: 'Other', guarantor_id: 'G2', workphone: '(217) 555-0100 x12' }),
  patientRecord('305', { ...noPhones, firstname: 'Zed', lastname: 'Local', homephone: '555-0100' }),
  patientRecord('306', { ...noPhones, firstname: 'Pat', lastname: 'Elsewhere', cell: '(312) 555-0100' }),
  patientRecord('307', { ...noPhones, firstname: 'Ines', lastname: 'Abroad', cell: '+44 20 7946 0958' }),
];
// Sikka links an owner to one of their pets.
const owners = [guarantorRecord('O1', { firstname: 'Dana', lastname: 'Fox', patient_id: '401', phone: '217 555 0100', cell: '' })];
const pets = [
  petRecord('401', { ...noPhones, petname: 'Biscuit', firstname: 'Biscuit', lastname: 'Fox', guarantor_id: 'O1', homephone: '217 555 0100', guarantor_first_name: 'Dana', guarantor_last_name: 'Fox' }),
  petRecord('402', { ...noPhones, petname: 'Pepper', firstname: 'Pepper', lastname: 'Fox', guarantor_id: 'O1', homephone: '217 555 0100', guarantor_first_name: 'Dana', guarantor_last_name: 'Fox' }),
];
// The cache's clock: 2024-05-02 14:00 UTC, 10:00 in the offices (Eastern).
const appointments = [
  appointmentRecord('A1', { patient_id: '301', date: '2024-05-02T00:00:00', time: '09:00' }),
  appointmentRecord('A2', { patient_id: '301', date: '2024-05-10T00:00:00', time: '08:00' }),
  appointmentRecord('A3', { patient_id: '302', date: '2024-04-01T00:00:00', time: '11:00', status: 'Completed' }),
  appointmentRecord('A4', { patient_id: '302', date: '2024-05-10T00:00:00', time: '09:00' }),
  appointmentRecord('A5', { patient_id: '302', date: '2024-05-02T00:00:00', time: '10:30' }),
];

beforeAll(() => {
  temp = tempCache();
  cache = temp.open();
  cache.writer.upsertOffice(officeRecord('D1'));
  cache.writer.upsertOffice(officeRecord('V1', { domain: 'Veterinary', practice_name: 'Harbor Vet' }));
  fullPull(cache.writer, 'D1', 'guarantors', guarantors);
  fullPull(cache.writer, 'D1', 'patients', patients);
  fullPull(cache.writer, 'D1', 'appointments', appointments);
  fullPull(cache.writer, 'V1', 'guarantors', owners);
  fullPull(cache.writer, 'V1', 'patients', pets);
});
afterAll(() => {
  cache.close();
  temp.remove();
});

const card = (number: string): CallerCard => cache.reader.callerCard(number);
/** "office/guarantor" per household, and each matched person as "office/patient:field" or "office/Gid:field". */
const householdsOf = (found: CallerCard): string[] => found.households.map((household) => `${household.officeId}/${household.guarantorId ?? '-'}`);
const matchedOf = (found: CallerCard): string[] => found.households.flatMap((household) => [
  ...(household.guarantor?.matchedPhones ?? []).map((phone) => `${household.officeId}/${household.guarantor?.guarantorId ?? ''}:${phone.field}${phone.lastSevenOnly ? '~' : ''}`),
  ...household.members.flatMap((member) => member.matchedPhones.map((phone) => `${household.officeId}/${member.patientId}:${phone.field}${phone.lastSevenOnly ? '~' : ''}`)),
]).sort();

describe('caller lookup', () => {
  it('finds the same people however the number is written', () => {
    const expected = matchedOf(card('2175550100'));
    expect(expected.length).toBeGreaterThan(0);
    for (const written of ['(217) 555-0100', '217.555.0100', '+1 217 555 0100', '1-217-555-0100', '+12175550100', '217 555 0100']) {
      expect(matchedOf(card(written)), written).toEqual(expected);
    }
  });

  it('shows everyone with the number: patients, guarantors and a pet owner, in every office, grouped by household', () => {
    const found = card('(217) 555-0100');
    expect(matchedOf(found)).toEqual([
      'D1/301:home', 'D1/302:home', 'D1/304:work', 'D1/305:home~', 'D1/G1:home', 'V1/401:home', 'V1/402:home', 'V1/O1:home',
    ]);
    expect(householdsOf(found)).toEqual(['V1/O1', 'D1/G1', 'D1/G2', 'D1/-']); // by name; a last-seven match last
    // Morgan Reyes is guarantor G1 and patient 301: one person.
    expect(found.matchedPeople).toBe(7);
    expect(found.truncated).toBe(false);
  });

  it('lists exact matches before phones that only share the last seven digits', () => {
    const found = card('217-555-0100');
    expect(found.households.at(-1)?.members.map((member) => member.patientId)).toEqual(['305']);
    expect(found.households.at(-1)?.members[0]?.matchedPhones).toEqual([{ field: 'home', lastSevenOnly: true, extension: null }]);
  });

  it('keeps extensions apart on both sides', () => {
    expect(matchedOf(card('217-555-0100 ext. 55'))).toEqual(matchedOf(card('2175550100')));
    const ann = card('2175550100').households.find((household) => household.guarantorId === 'G2')?.members[0];
    expect(ann?.matchedPhones).toEqual([{ field: 'work', lastSevenOnly: false, extension: '12' }]);
  });

  it('finds a guarantor by the cell phone on their own record', () => {
    const found = card('217 555 0142');
    expect(matchedOf(found)).toEqual(['D1/301:cell', 'D1/G1:cell']);
    expect(found.matchedPeople).toBe(1);
  });

  it('matches seven digits against the end of every number', () => {
    const found = card('555-0100');
    expect(found.number).toMatchObject({ kind: 'local', display: '555-0100' });
    expect(matchedOf(found)).toEqual([
      'D1/301:home~', 'D1/302:home~', 'D1/304:work~', 'D1/305:home', 'D1/306:cell~', 'D1/G1:home~', 'V1/401:home~', 'V1/402:home~', 'V1/O1:home~',
    ]);
  });

  it('finds an international number given with + and without', () => {
    expect(matchedOf(card('+44 20 7946 0958'))).toEqual(['D1/307:cell']);
    expect(matchedOf(card('442079460958'))).toEqual(['D1/307:cell']);
    expect(card('+44 20 7946 0958').number).toMatchObject({ kind: 'international', e164: '+442079460958', display: '+442079460958' });
  });

  it('says which number it read, written from the number, not from what arrived', () => {
    expect(card(' +1 (217) 555-0100 x7 ').number).toMatchObject({ kind: 'nanp', national: '2175550100', e164: '+12175550100', extension: '7', display: '(217) 555-0100 ext. 7' });
  });

  it('gives each member the next appointment in the office’s time, the last visit and status', () => {
    const reyes = card('2175550142').households[0];
    expect(reyes?.guarantor).toMatchObject({ guarantorId: 'G1', displayName: 'Morgan Reyes', patientId: '301', homePhone: '(217) 555-0100', cellPhone: '217.555.0142' });
    expect(reyes?.members.map((member) => [member.patientId, member.isGuarantor, member.nextAppointment?.appointmentId ?? null])).toEqual([
      ['301', true, 'A2'], // today's 09:00 has passed at 10:00
      ['302', false, 'A5'], // today at 10:30 comes before the 10th
      ['303', false, null],
    ]);
    expect(reyes?.members[0]).toMatchObject({ lastVisit: '2024-03-01', status: 'Active', kind: 'person' });
    expect(cache.reader.callerCard('2175550142', { now: Date.UTC(2024, 4, 2, 14, 30) }).households[0]?.members[1]?.nextAppointment?.appointmentId).toBe('A5');
    expect(cache.reader.callerCard('2175550142', { now: Date.UTC(2024, 4, 2, 14, 31) }).households[0]?.members[1]?.nextAppointment?.appointmentId).toBe('A4');
  });

  it('calls a veterinary household the owner’s, with the pets as members', () => {
    const fox = card('2175550100').households.find((household) => household.officeId === 'V1');
    expect(fox).toMatchObject({ role: 'owner', guarantorId: 'O1', guarantor: { displayName: 'Dana Fox' } });
    expect(fox?.members.map((member) => [member.displayName, member.kind, member.species, member.isGuarantor])).toEqual([['Biscuit', 'pet', 'Canine', false], ['Pepper', 'pet', 'Canine', false]]);
    // The pet Sikka links the owner to is no record of the owner's own.
    expect(fox?.guarantor?.patientId).toBeNull();
  });

  it('answers no match for a number nobody has', () => {
    expect(card('(505) 555-0199')).toMatchObject({ households: [], matchedPeople: 0, truncated: false, number: { national: '5055550199' } });
  });

  it('looks nothing up for text that is not a phone number, whatever it holds', () => {
    for (const text of ['', 'x12', 'Reyes', '555-01', "2175550100' OR '1'='1", '2175550100" OR 1 --', 'names: reyes*', 'NEAR(reyes morgan)',
      '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '217\n5550100', '\u0662\u0661\u0667\u0665\u0665\u0665\u0660\u0661\u0660\u0660', '9'.repeat(10_000)]) {
      expect(card(text), text).toEqual({ number: null, households: [], matchedPeople: 0, truncated: false });
    }
  });
});

describe('following changes', () => {
  let local: TempCache;
  let copy: Cache;
  beforeAll(() => {
    local = tempCache();
    copy = local.open();
    copy.writer.upsertOffice(officeRecord('D1'));
    fullPull(copy.writer, 'D1', 'guarantors', guarantors);
    fullPull(copy.writer, 'D1', 'patients', patients);
  });
  afterAll(() => {
    copy.close();
    local.remove();
  });
  const people = (number: string): string[] => matchedOf(copy.reader.callerCard(number));
  const change = (resource: 'patients' | 'guarantors', flag: string, record: SikkaRecord): void => {
    copy.writer.applyChanges({ officeId: 'D1', resource, entries: [{ ...record, flag }], changesSince: '2024-05-02T08:00:00' });
  };

  it('follows a changed phone, and forgets a deleted patient and a deleted guarantor', () => {
    change('patients', 'updated', patientRecord('302', { ...noPhones, firstname: 'Lily', lastname: 'Reyes', guarantor_id: 'G1', cell: '(217) 555-0177' }));
    expect(people('2175550177')).toEqual(['D1/302:cell']);
    expect(people('2175550100')).not.toContain('D1/302:home');
    change('patients', 'deleted', patientRecord('301'));
    change('guarantors', 'deleted', guarantorRecord('G1'));
    expect(people('2175550142')).toEqual([]);
    expect(copy.reader.searchPatients({ text: 'morgan reyes' }).households).toEqual([]);
  });

  it('re-indexes a guarantor whose phone changed', () => {
    change('guarantors', 'updated', guarantorRecord('G2', { firstname: 'Olive', lastname: 'Other', patient_id: '', cell: '+1 (217) 555-0188' }));
    expect(people('217-555-0188')).toEqual(['D1/G2:cell']);
    expect(copy.reader.searchPatients({ text: 'olive' }).households.map((household) => household.guarantorId)).toEqual(['G2']);
  });
});

describe('households', () => {
  const household = (officeId: string, guarantorId: string): Household | null => cache.reader.household(officeId, guarantorId);

  it('lists a guarantor with everyone they are responsible for, the guarantor’s own record first', () => {
    const reyes = household('D1', 'G1');
    expect(reyes).toMatchObject({ officeId: 'D1', role: 'guarantor', guarantorId: 'G1', membersTruncated: false });
    expect(reyes?.members.map((member) => member.displayName)).toEqual(['Morgan Reyes', 'Lily Reyes', 'Sam Reyes']);
    expect(reyes?.members.every((member) => member.matchedPhones.length === 0)).toBe(true);
    expect(reyes?.members[1]?.nextAppointment).toMatchObject({ appointmentId: 'A5', date: '2024-05-02', time: '10:30' });
  });

  it('lists an owner with their pets', () => {
    expect(household('V1', 'O1')?.members.map((member) => member.displayName)).toEqual(['Biscuit', 'Pepper']);
    expect(household('V1', 'O1')?.role).toBe('owner');
  });

  it('is null for a guarantor the copy does not know', () => {
    expect(household('D1', 'G404')).toBeNull();
    expect(household('X9', 'G1')).toBeNull();
  });
});

describe('finding owners and guarantors by name', () => {
  it('finds an owner by name beside their pets, and a pet names its owner', () => {
    const byOwner = cache.reader.searchPatients({ text: 'dana fox' });
    expect(byOwner.households).toEqual([{ officeId: 'V1', guarantorId: 'O1', role: 'owner', displayName: 'Dana Fox', memberCount: 2 }]);
    expect(byOwner.results.map((result) => result.patientId).sort()).toEqual(['401', '402']);
    expect(cache.reader.searchPatients({ text: 'pepper' }).results[0]).toMatchObject({ patientId: '402', guarantorName: 'Dana Fox' });
  });

  it('finds a guarantor who is no patient, by a prefix of the name', () => {
    expect(cache.reader.searchPatients({ text: 'oliv' }).households).toEqual([{ officeId: 'D1', guarantorId: 'G2', role: 'guarantor', displayName: 'Olive Other', memberCount: 1 }]);
  });

  it('keeps to the office searched, and looks no households up for phone digits or dates', () => {
    expect(cache.reader.searchPatients({ text: 'fox', officeId: 'D1' }).households).toEqual([]);
    expect(cache.reader.searchPatients({ text: '217555' }).households).toEqual([]);
    expect(cache.reader.searchPatients({ text: '1984-12-10' }).households).toEqual([]);
  });
});

describe('migration 3', () => {
  it('indexes the phones and owner names of rows cached before it', () => {
    const earlier = tempCache();
    try {
      // A copy at schema 2, written as that version wrote rows.
      const db = openWriterConnection({ file: earlier.file, key: earlier.key, migrations: MIGRATIONS.slice(0, 2) });
      const shapes = new ShapeRegistry(db);
      db.prepare("INSERT INTO offices (office_id, domain, time_zone, raw, updated_at) VALUES ('V1', 'Veterinary', 'Eastern Standard Time', '{}', 0)").run();
      shapes.transaction(db, () => {
        const [owner] = owners;
        const [pet] = pets;
        if (owner === undefined || pet === undefined) throw new Error('fixtures');
        const stored = [shapes.encode(owner), shapes.encode(pet)];
        db.prepare("INSERT INTO guarantors (office_id, guarantor_id, first_name, last_name, display_name, shape, record_values, sync_generation) VALUES ('V1', 'O1', 'Dana', 'Fox', 'Dana Fox', ?, ?, 1)")
          .run(stored[0]?.shape, stored[0]?.values);
        db.prepare(`INSERT INTO patients (office_id, patient_id, kind, guarantor_id, display_name, last_key, first_key, preferred_key, pet_key, shape, record_values, sync_generation)
          VALUES ('V1', '401', 'pet', 'O1', 'Biscuit', 'fox', 'biscuit', '', 'biscuit', ?, ?, 1)`).run(stored[1]?.shape, stored[1]?.values);
      });
      closeWriterConnection(db);

      const upgraded = earlier.open();
      try {
        expect(matchedOf(upgraded.reader.callerCard('(217) 555-0100'))).toEqual(['V1/401:home', 'V1/O1:home']);
        expect(upgraded.reader.searchPatients({ text: 'dana' }).households.map((household) => household.guarantorId)).toEqual(['O1']);
      } finally {
        upgraded.close();
      }
    } finally {
      earlier.remove();
    }
  });
});
