import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../main/cache';
import {
  appointmentRecord,
  fullPull,
  guarantorRecord,
  officeRecord,
  patientRecord,
  petRecord,
  practiceRecord,
  providerRecord,
  tempCache,
  type TempCache,
} from './fixtures';

// 2024-05-02 14:00 UTC is 10:00 in the office's "Eastern Standard Time" (EDT).
const NOW = Date.UTC(2024, 4, 2, 14, 0);

let temp: TempCache;
let cache: Cache;
beforeEach(() => {
  temp = tempCache();
  cache = temp.open({ now: () => NOW });
  cache.writer.upsertOffice(officeRecord('D1'));
  cache.writer.upsertOffice(officeRecord('V1', { domain: 'Veterinary', practice_name: 'Harbor Vet', practice_id: '1-1' }));
  fullPull(cache.writer, 'D1', 'providers', [
    providerRecord('DMD2', { firstname: 'Dana', lastname: 'Whitfield' }),
    providerRecord('HYG1', { firstname: 'Alex', lastname: 'Brandt', provider_type: 'Hygienist' }),
  ]);
  fullPull(cache.writer, 'D1', 'guarantors', [guarantorRecord('G1', { firstname: 'Morgan', lastname: 'Reyes', cell: '408-555-0199' })]);
  fullPull(cache.writer, 'D1', 'patients', [
    patientRecord('1', { firstname: 'Lena', lastname: 'Reyes', guarantor_id: 'G1', provider_id: 'DMD2', cell: '408-555-0100' }),
    patientRecord('2', { firstname: 'Omar', lastname: 'Haddad', provider_id: '' }),
  ]);
  fullPull(cache.writer, 'D1', 'appointments', [
    appointmentRecord('A-past-old', { patient_id: '1', date: '2024-04-01T00:00:00', time: '09:00' }),
    appointmentRecord('A-past-today', { patient_id: '1', date: '2024-05-02T00:00:00', time: '09:30', provider_id: 'HYG1', operatory: 'OP10' }),
    appointmentRecord('A-next-today', { patient_id: '1', date: '2024-05-02', time: '10:30:00', operatory: 'OP2' }),
    appointmentRecord('A-later', { patient_id: '1', date: '2024-06-01T00:00:00', time: '08:00' }),
    appointmentRecord('A-omar', { patient_id: '2', date: '2024-05-02T00:00:00', time: '08:40:00', provider_id: 'HYG1', operatory: 'OP2', length: '30' }),
    appointmentRecord('A-walkin', { patient_id: '', patient_name: 'Walk In', date: '2024-05-02T00:00:00', time: '', provider_id: '', operatory: '' }),
  ]);
  fullPull(cache.writer, 'V1', 'patients', [
    petRecord('P1', { petname: 'Biscuit', species: 'Feline', breed: 'Maine Coon', weight: '14.2', weight_type: 'pounds', color: 'Tabby', guarantor_id: 'O1' }),
  ]);
  fullPull(cache.writer, 'V1', 'guarantors', [guarantorRecord('O1', { firstname: 'Priya', lastname: 'Shah' })]);
  fullPull(cache.writer, 'D1', 'practices', [practiceRecord('1')]);
});
afterEach(() => {
  cache.close();
  temp.remove();
});

describe('patient detail', () => {
  it('returns the patient with guarantor and provider', () => {
    const detail = cache.reader.patientDetail('D1', '1');
    expect(detail).toMatchObject({
      officeId: 'D1', patientId: '1', kind: 'person', displayName: 'Lena Reyes', birthdate: '1984-12-10', cellPhone: '408-555-0100',
      address: { line1: '25507 Painted Ave', city: 'San Jose', state: 'CA', zipcode: '95116' },
      guarantor: { role: 'guarantor', guarantorId: 'G1', displayName: 'Morgan Reyes', phone: '408-555-0199' },
      provider: { providerId: 'DMD2', displayName: 'Dana Whitfield' },
      firstVisit: '2019-02-01', lastVisit: '2024-03-01', pet: null,
    });
  });

  it('splits appointments at now in the office time zone', () => {
    const detail = cache.reader.patientDetail('D1', '1');
    expect(detail?.pastAppointments.map((a) => a.appointmentId)).toEqual(['A-past-today', 'A-past-old']);
    expect(detail?.upcomingAppointments.map((a) => a.appointmentId)).toEqual(['A-next-today', 'A-later']);
  });

  it('takes now per call as well', () => {
    const detail = cache.reader.patientDetail('D1', '1', { now: Date.UTC(2024, 5, 2) });
    expect(detail?.upcomingAppointments).toEqual([]);
  });

  it('describes a pet with its owner', () => {
    const detail = cache.reader.patientDetail('V1', 'P1');
    expect(detail).toMatchObject({
      kind: 'pet', displayName: 'Biscuit',
      pet: { petName: 'Biscuit', species: 'Feline', breed: 'Maine Coon', weight: '14.2', weightUnit: 'pounds', color: 'Tabby', gender: 'Neutered Male' },
      guarantor: { role: 'owner', guarantorId: 'O1', displayName: 'Priya Shah' },
    });
  });

  it('returns null for an unknown patient', () => {
    expect(cache.reader.patientDetail('D1', 'nope')).toBeNull();
    expect(cache.reader.patientDetail('V1', '1')).toBeNull();
  });
});

describe('day schedule', () => {
  it('groups by provider, sorted by name, appointments by time', () => {
    const day = cache.reader.daySchedule('D1', '2024-05-02', 'provider');
    expect(day.appointmentCount).toBe(4);
    expect(day.columns.map((c) => [c.label, c.appointments.map((a) => a.appointmentId)])).toEqual([
      ['Alex Brandt', ['A-omar', 'A-past-today']],
      ['Dana Whitfield', ['A-next-today']],
      [null, ['A-walkin']],
    ]);
  });

  it('normalises times, lengths and names for display', () => {
    const day = cache.reader.daySchedule('D1', '2024-05-02', 'provider');
    const omar = day.columns[0]?.appointments[0];
    expect(omar).toMatchObject({ date: '2024-05-02', time: '08:40', startMinute: 520, lengthMinutes: 30, patientName: 'Omar Haddad', providerName: 'Alex Brandt' });
    expect(day.columns[2]?.appointments[0]).toMatchObject({ time: null, patientName: 'Walk In' });
  });

  it('groups by operatory in natural order', () => {
    const day = cache.reader.daySchedule('D1', '2024-05-02', 'operatory');
    expect(day.columns.map((c) => c.key)).toEqual(['OP2', 'OP10', '']);
    expect(day.columns[0]?.appointments.map((a) => a.appointmentId)).toEqual(['A-omar', 'A-next-today']);
  });

  it('returns an empty day for a day without appointments or an unreadable date', () => {
    expect(cache.reader.daySchedule('D1', '2024-05-03', 'provider').columns).toEqual([]);
    expect(cache.reader.daySchedule('D1', 'tomorrow', 'provider').columns).toEqual([]);
  });
});

describe('providers and offices', () => {
  it('lists providers by name', () => {
    expect(cache.reader.providers('D1').map((p) => [p.providerId, p.displayName, p.providerType])).toEqual([
      ['HYG1', 'Alex Brandt', 'Hygienist'],
      ['DMD2', 'Dana Whitfield', 'Provider'],
    ]);
    expect(cache.reader.providers('V1')).toEqual([]);
  });

  it('lists offices with their details, counts and last full pulls', () => {
    const [dental, vet] = cache.reader.offices();
    expect(dental).toMatchObject({
      officeId: 'D1', practiceName: 'Cedar Mountain Dental', domain: 'Dental', practiceManagementSystem: 'Dentrix',
      practiceManagementSystemVersion: '6.2', timeZone: 'Eastern Standard Time', dataInsertDate: '2024-05-02T07:30:00',
      counts: { practices: 1, providers: 2, guarantors: 1, patients: 2, appointments: 6 },
      lastFullSyncAt: { practices: NOW, providers: NOW, guarantors: NOW, patients: NOW, appointments: NOW },
    });
    expect(vet).toMatchObject({ officeId: 'V1', domain: 'Veterinary', counts: { patients: 1, guarantors: 1, appointments: 0 }, lastFullSyncAt: { appointments: null } });
  });
});

describe('export', () => {
  it('streams raw records of a resource, optionally of one office', () => {
    const all = [...cache.reader.exportRecords('guarantors')];
    expect(all.map((r) => [r.officeId, r.record.guarantor_id])).toEqual([['D1', 'G1'], ['V1', 'O1']]);
    expect([...cache.reader.exportRecords('patients', { officeId: 'V1' })].map((r) => r.record.petname)).toEqual(['Biscuit']);
  });

  it('lets other reads run while an export is being consumed', () => {
    const exporting = cache.reader.exportRecords('appointments');
    const first = exporting.next();
    expect(first.done).toBe(false);
    expect(cache.reader.searchPatients({ text: 'reyes', officeId: 'D1' }).results).toHaveLength(1);
    expect([...exporting]).toHaveLength(5);
  });
});
