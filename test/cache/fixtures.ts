/**
 * Realistic Sikka records for cache tests: every scalar a string, v2 links nested as
 * `{ href }` objects, field names as in the v4 Postman collection.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCache, type Cache, type CacheOptions } from '../../main/cache';
import type { CacheWriter } from '../../main/cache/writer';
import type { SikkaRecord, SyncedResource } from '../../shared/domain/records';

const API = 'https://api.sikkasoft.com/v2';
type Fields = Record<string, SikkaRecord[string]>;

export function officeRecord(officeId: string, fields: Fields = {}): SikkaRecord {
  return {
    href: `https://api.sikkasoft.com/auth/v2/authorized_practices/${officeId}`,
    office_id: officeId,
    practice_id: '1',
    secret_key: `secret-${officeId}-9f8e7d`,
    practice_name: 'Cedar Mountain Dental',
    domain: 'Dental',
    address: '112 Market Square',
    city: 'Newington',
    state: 'CT',
    zip: '06111',
    practice_management_system: 'Dentrix',
    practice_management_system_version: '6.2',
    practice_management_system_refresh_date: '2024-05-02T07:15:00',
    practice_management_system_refresh_date_time_zone: 'Eastern Standard Time',
    data_synchronization_date: '2024-05-02T07:20:00',
    data_insert_date: '2024-05-02T07:30:00',
    ...fields,
  };
}

export function patientRecord(patientId: string, fields: Fields = {}): SikkaRecord {
  return {
    href: `${API}/practices/1/patients/${patientId}`,
    patient_id: patientId,
    guarantor_id: '',
    firstname: 'Carlene',
    middlename: '',
    lastname: 'Victoria',
    preferred_name: '',
    salutation: '',
    birthdate: '1984-12-10T00:00:00',
    status: 'Active',
    address_line1: '25507 Painted Ave',
    address_line2: '',
    city: 'San Jose',
    state: 'CA',
    zipcode: '95116',
    cell: '',
    homephone: '',
    workphone: '',
    email: '',
    first_visit: '2019-02-01T00:00:00',
    last_visit: '2024-03-01T00:00:00',
    provider_id: 'DMD2',
    practice_id: '1',
    practice: { href: `${API}/practices/1` },
    provider: { href: `${API}/practices/1/providers/DMD2` },
    guarantor: { href: `${API}/practices/1/guarantors/` },
    guarantor_first_name: '',
    guarantor_last_name: '',
    created_date: '2019-02-01T00:00:00',
    fee_no: '0',
    ...fields,
  };
}

export function petRecord(patientId: string, fields: Fields = {}): SikkaRecord {
  return patientRecord(patientId, {
    href: `${API}/practices/1-1/patients/${patientId}`,
    firstname: 'Hunter',
    lastname: 'Test',
    birthdate: '2013-10-09T00:00:00',
    gender: 'Neutered Male',
    practice_id: '1-1',
    petname: 'Hunter',
    breed: 'Yorkshire Terrier',
    species: 'Canine',
    color: 'Black',
    weight: '11.9',
    weight_type: 'pounds',
    age: '8Yrs. 10Mos.',
    microchip: '985112003456789',
    rabies: '',
    deceased_date: '',
    pet_class: 'Family Pet',
    client_class: '',
    rowhash: 'D6-72-38-AD-E4-D2-02',
    ...fields,
  });
}

export function guarantorRecord(guarantorId: string, fields: Fields = {}): SikkaRecord {
  return {
    href: `${API}/practices/1/guarantors/${guarantorId}`,
    patient_id: guarantorId,
    guarantor_id: guarantorId,
    firstname: 'Morgan',
    middlename: '',
    lastname: 'Reyes',
    birthdate: '',
    status: 'Non-Patient',
    address_line1: '25507 Painted Ave',
    city: 'San Jose',
    state: 'CA',
    zipcode: '94567',
    cell: '408-555-0199',
    email: 'morgan.reyes@example.com',
    employer_id: '0',
    practice_id: '1',
    practice: { href: `${API}/practices/1` },
    ...fields,
  };
}

export function providerRecord(providerId: string, fields: Fields = {}): SikkaRecord {
  return {
    href: `${API}/practices/1/providers/${providerId}`,
    provider_id: providerId,
    firstname: 'Dana',
    lastname: 'Whitfield',
    provider_type: 'Provider',
    specialty: 'General Dentist',
    status: 'Active',
    practice_id: '1',
    practice: { href: `${API}/practices/1` },
    is_hidden: 'False',
    ...fields,
  };
}

export function appointmentRecord(srNo: string, fields: Fields = {}): SikkaRecord {
  return {
    href: `${API}/practices/1/appointments/${srNo}`,
    appointment_sr_no: srNo,
    patient_id: '',
    patient: { href: `${API}/practices/1/patients/` },
    guarantor_id: '',
    provider_id: 'DMD2',
    provider: { href: `${API}/practices/1/providers/DMD2` },
    practice_id: '1',
    operatory: 'OP1',
    date: '2024-05-02T00:00:00',
    time: '10:30',
    length: '60',
    description: 'Prophy',
    amount: '0.0000',
    status: 'Scheduled',
    type: 'General',
    note: '',
    appointment_made_date: '2024-04-01T00:00:00',
    last_changed_date: '2024-04-01',
    patient_name: '',
    guarantor_name: '',
    ...fields,
  };
}

export function practiceRecord(practiceId: string, fields: Fields = {}): SikkaRecord {
  return {
    href: `${API}/practices/${practiceId}`,
    practice_id: practiceId,
    name: 'Cedar Mountain Dental',
    address_line1: '112 Market Square',
    city: 'Newington',
    state: 'CT',
    zipcode: '06111',
    phone: '8606672600',
    email: '',
    ...fields,
  };
}

export interface TempCache {
  readonly dir: string;
  readonly file: string;
  readonly key: Buffer;
  readonly options: CacheOptions;
  open(extra?: Partial<CacheOptions>): Cache;
  remove(): void;
}

export function tempCache(): TempCache {
  const dir = mkdtempSync(join(tmpdir(), 'pc-cache-'));
  const file = join(dir, 'cache.db');
  const key = randomBytes(32);
  const options: CacheOptions = { file, key, now: () => Date.UTC(2024, 4, 2, 14, 0) };
  return {
    dir,
    file,
    key,
    options,
    open: (extra = {}) => openCache({ ...options, ...extra }),
    remove: () => { rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A complete full pull of `records` in pages of `pageSize`, as the sync engine would run it. */
export function fullPull(writer: CacheWriter, officeId: string, resource: SyncedResource, records: readonly SikkaRecord[], pageSize = 100): void {
  const { generation } = writer.beginFullPull({ officeId, resource, pageSize, expectedTotal: records.length });
  for (let page = 0; page * pageSize < records.length || page === 0; page++) {
    writer.applyFullPage({ officeId, resource, generation, records: records.slice(page * pageSize, (page + 1) * pageSize), nextPage: page + 1 });
  }
  writer.finishFullPull({ officeId, resource, generation, changesSince: '2024-05-02T07:30:00' });
}
