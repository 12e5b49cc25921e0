/**
 * Record → indexed columns, per resource. Pure: the writer stores these beside the raw record.
 * Column names match the table columns so rows bind as named parameters.
 */
import { RECORD_ID_FIELD, type SikkaRecord, type SyncedResource } from '../../shared/domain/records';
import { CacheError } from './errors';
import { fieldText, foldText, isoDate, joinName, nameKey, orNull, phoneDigits, timeOfDay, wholeMinutes } from './normalize';

export type ColumnValue = string | number | null;
export type Row = Record<string, ColumnValue>;

/** The record's own id, or CACHE_RECORD_WITHOUT_ID (the whole page is then refused). */
export function recordId(resource: SyncedResource, record: SikkaRecord): string {
  const id = fieldText(record, RECORD_ID_FIELD[resource]);
  if (id === '') throw new CacheError('CACHE_RECORD_WITHOUT_ID', `A ${resource} record has no ${RECORD_ID_FIELD[resource]}.`);
  return id;
}

const text = (record: SikkaRecord, field: string): string | null => orNull(fieldText(record, field));

function firstPresent(record: SikkaRecord, fields: readonly string[]): string | null {
  for (const field of fields) {
    const value = fieldText(record, field);
    if (value !== '') return value;
  }
  return null;
}

const PHONE_FIELDS = ['cell', 'homephone', 'workphone'] as const;

export function practiceRow(record: SikkaRecord): Row {
  return { practice_id: recordId('practices', record), name: text(record, 'name') };
}

export function providerRow(record: SikkaRecord): Row {
  const id = recordId('providers', record);
  const first = fieldText(record, 'firstname');
  const last = fieldText(record, 'lastname');
  return {
    provider_id: id,
    first_name: orNull(first),
    last_name: orNull(last),
    display_name: joinName(first, last) || id,
    provider_type: text(record, 'provider_type'),
    specialty: text(record, 'specialty'),
    status: text(record, 'status'),
  };
}

export function guarantorRow(record: SikkaRecord): Row {
  const first = fieldText(record, 'firstname');
  const last = fieldText(record, 'lastname');
  return {
    guarantor_id: recordId('guarantors', record),
    patient_id: text(record, 'patient_id'),
    first_name: orNull(first),
    last_name: orNull(last),
    display_name: orNull(joinName(first, last)),
    phone: firstPresent(record, PHONE_FIELDS),
    email: text(record, 'email'),
    status: text(record, 'status'),
  };
}

/**
 * A pet when the office is veterinary or the record itself carries a pet's name or species
 * (veterinary_patients records do; people's records lack those fields or leave them empty).
 */
export function patientRow(record: SikkaRecord, veterinaryOffice: boolean): Row {
  const id = recordId('patients', record);
  const first = fieldText(record, 'firstname');
  const middle = fieldText(record, 'middlename');
  const last = fieldText(record, 'lastname');
  const preferred = fieldText(record, 'preferred_name');
  const petName = fieldText(record, 'petname');
  const species = fieldText(record, 'species');
  const isPet = veterinaryOffice || petName !== '' || species !== '';
  const displayName = isPet ? petName || first || last : joinName(first, last) || preferred;
  return {
    patient_id: id,
    kind: isPet ? 'pet' : 'person',
    guarantor_id: text(record, 'guarantor_id'),
    provider_id: text(record, 'provider_id'),
    first_name: orNull(first),
    middle_name: orNull(middle),
    last_name: orNull(last),
    preferred_name: orNull(preferred),
    pet_name: orNull(petName),
    species: orNull(species),
    display_name: displayName || id,
    birth_date: isoDate(fieldText(record, 'birthdate')),
    status: text(record, 'status'),
    phone: firstPresent(record, PHONE_FIELDS),
    guarantor_name: orNull(joinName(fieldText(record, 'guarantor_first_name'), fieldText(record, 'guarantor_last_name'))),
    first_visit: isoDate(fieldText(record, 'first_visit')),
    last_visit: isoDate(fieldText(record, 'last_visit')),
    last_key: nameKey(last),
    first_key: nameKey(first),
    preferred_key: nameKey(preferred),
    pet_key: nameKey(petName),
  };
}

export interface PatientSearchText {
  readonly names: string;
  readonly guarantor: string;
  readonly email: string;
  readonly ids: string;
}

/** The four columns of the patient_search FTS table, folded as queries are. */
export function patientSearchText(record: SikkaRecord, guarantorName: string | null): PatientSearchText {
  const names = ['firstname', 'middlename', 'lastname', 'preferred_name', 'petname'].map((f) => fieldText(record, f));
  return {
    names: foldText(joinName(...names)),
    guarantor: foldText(guarantorName ?? ''),
    email: foldText(fieldText(record, 'email')),
    ids: foldText(joinName(fieldText(record, 'patient_id'), fieldText(record, 'guarantor_id'))),
  };
}

/** Distinct phone digit strings to index: each number whole and, if long enough, its last seven. */
export function patientPhoneKeys(record: SikkaRecord): string[] {
  const keys = new Set<string>();
  for (const field of [...PHONE_FIELDS, 'other_phone']) {
    const digits = phoneDigits(fieldText(record, field));
    if (digits.length < 3) continue;
    keys.add(digits);
    if (digits.length >= 10) keys.add(digits.slice(-7));
  }
  return [...keys];
}

/**
 * Dates arrive as "2020-09-29T00:00:00" or "2015-11-02", times as "10:30" or "08:40:00"; when
 * `time` is empty a non-midnight time inside `date` is used.
 */
export function appointmentRow(record: SikkaRecord): Row {
  const dateText = fieldText(record, 'date');
  const clock = timeOfDay(fieldText(record, 'time')) ?? nonMidnight(timeOfDay(dateText));
  return {
    appointment_sr_no: recordId('appointments', record),
    patient_id: text(record, 'patient_id'),
    guarantor_id: text(record, 'guarantor_id'),
    provider_id: text(record, 'provider_id'),
    operatory: text(record, 'operatory'),
    appt_date: isoDate(dateText),
    start_minute: clock?.minute ?? null,
    length_minutes: wholeMinutes(fieldText(record, 'length')),
    status: text(record, 'status'),
    description: text(record, 'description'),
    type: text(record, 'type'),
    patient_name: text(record, 'patient_name'),
  };
}

function nonMidnight<T extends { minute: number }>(clock: T | null): T | null {
  return clock && clock.minute !== 0 ? clock : null;
}
