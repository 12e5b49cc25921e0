/**
 * What finds people by their phone numbers and owners by their names, kept beside the rows:
 * each cell, home and work phone of patients and guarantors read once (shared/phone) into its
 * number key, last seven digits and extension, with who it belongs to (office, ids, kind) so a
 * lookup reads only its index entries, not the wide rows; and each guarantor's names in an FTS
 * table. The writer calls it for every row it writes or rewrites; migration 3 runs it over the
 * rows cached before it existed.
 */
import type { PhoneField } from '../../shared/domain/households';
import type { SikkaRecord } from '../../shared/domain/records';
import { parsePhoneNumber, type PhoneNumber } from '../../shared/phone/phoneNumber';
import { fieldText, foldText, joinName, orNull } from './normalize';
import type { Connection } from './open';
import { ShapeCatalog } from './recordShapes';

/** Where each phone is in a record; guarantors call the home phone `phone` (older records `homephone`). */
const PATIENT_PHONES: Readonly<Record<PhoneField, readonly string[]>> = { cell: ['cell'], home: ['homephone'], work: ['workphone'] };
const GUARANTOR_PHONES: Readonly<Record<PhoneField, readonly string[]>> = { cell: ['cell'], home: ['phone', 'homephone'], work: ['workphone'] };

export interface RecordPhone {
  readonly field: PhoneField;
  readonly number: PhoneNumber;
}

function phonesOf(record: SikkaRecord, fields: Readonly<Record<PhoneField, readonly string[]>>): RecordPhone[] {
  const phones: RecordPhone[] = [];
  for (const field of ['cell', 'home', 'work'] as const) {
    for (const name of fields[field]) {
      const number = parsePhoneNumber(fieldText(record, name));
      if (number !== null) {
        phones.push({ field, number });
        break;
      }
    }
  }
  return phones;
}

export const patientPhones = (record: SikkaRecord): RecordPhone[] => phonesOf(record, PATIENT_PHONES);
export const guarantorPhones = (record: SikkaRecord): RecordPhone[] => phonesOf(record, GUARANTOR_PHONES);

/** The guarantor's phone fields as Sikka sent them, by field. */
export function guarantorPhoneText(record: SikkaRecord): Record<PhoneField, string | null> {
  const first = (names: readonly string[]): string | null => names.map((name) => fieldText(record, name)).find((text) => text !== '') ?? null;
  return { cell: first(GUARANTOR_PHONES.cell), home: first(GUARANTOR_PHONES.home), work: first(GUARANTOR_PHONES.work) };
}

/** A guarantor's names as the search folds them. */
export function guarantorSearchNames(record: SikkaRecord): string {
  return foldText(joinName(...['firstname', 'middlename', 'lastname', 'preferred_name'].map((field) => fieldText(record, field))));
}

/** Who a patient's phones belong to, as the patients table has it. */
export interface PatientOwner {
  readonly officeId: string;
  readonly patientId: string;
  readonly guarantorId: string | null;
  readonly kind: string;
}

export class HouseholdIndex {
  private readonly patientPhoneInsert;
  private readonly patientPhoneDelete;
  private readonly guarantorPhoneInsert;
  private readonly guarantorPhoneDelete;
  private readonly guarantorWordsInsert;
  private readonly guarantorWordsDelete;

  constructor(db: Connection) {
    // Plain inserts: the writer removes a row's numbers before writing them again, and a deleted
    // row's go by foreign key, so there is never one to replace. OR REPLACE would make every insert
    // a possible multi-row change, which with foreign keys on costs a statement journal per row.
    this.patientPhoneInsert = db.prepare(`INSERT INTO patient_phone_numbers
      (patient_row, field, number_key, last_seven, extension, office_id, patient_id, guarantor_id, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.patientPhoneDelete = db.prepare('DELETE FROM patient_phone_numbers WHERE patient_row = ?');
    this.guarantorPhoneInsert = db.prepare(`INSERT INTO guarantor_phone_numbers
      (guarantor_row, field, number_key, last_seven, extension, office_id, guarantor_id, patient_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.guarantorPhoneDelete = db.prepare('DELETE FROM guarantor_phone_numbers WHERE guarantor_row = ?');
    this.guarantorWordsInsert = db.prepare('INSERT INTO guarantor_search (rowid, names) VALUES (?, ?)');
    this.guarantorWordsDelete = db.prepare('DELETE FROM guarantor_search WHERE rowid = ?');
  }

  addPatient(rowid: number, record: SikkaRecord, owner: PatientOwner): void {
    for (const { field, number } of patientPhones(record)) {
      this.patientPhoneInsert.run(rowid, field, number.key, number.lastSeven, number.extension, owner.officeId, owner.patientId, owner.guarantorId, owner.kind);
    }
  }

  /** Before a patient row is rewritten (a deleted row's phones go with it by foreign key). */
  removePatient(rowid: number): void {
    this.patientPhoneDelete.run(rowid);
  }

  addGuarantor(rowid: number, record: SikkaRecord, officeId: string): void {
    const guarantorId = fieldText(record, 'guarantor_id');
    const patientId = orNull(fieldText(record, 'patient_id'));
    for (const { field, number } of guarantorPhones(record)) {
      this.guarantorPhoneInsert.run(rowid, field, number.key, number.lastSeven, number.extension, officeId, guarantorId, patientId);
    }
    const names = guarantorSearchNames(record);
    if (names !== '') this.guarantorWordsInsert.run(rowid, names);
  }

  /** Before a guarantor row is rewritten or after it is deleted: the contentless FTS table cannot find its own rows. */
  removeGuarantor(rowid: number): void {
    this.guarantorPhoneDelete.run(rowid);
    this.guarantorWordsDelete.run(rowid);
  }

  /** Indexes every row already cached (migration 3). */
  indexCachedRows(db: Connection): void {
    const shapes = new ShapeCatalog(db);
    interface Cached { id: number; shape: number; record_values: string; office_id: string; patient_id: string; guarantor_id: string | null; kind: string }
    // In batches: a connection cannot write while a statement is still reading, and a whole table would not fit in memory.
    const each = (columns: string, table: string, add: (row: Cached, record: SikkaRecord) => void): void => {
      const batch = db.prepare<[number], Cached>(`SELECT ${columns} FROM ${table} WHERE id > ? ORDER BY id LIMIT 2000`);
      for (let after = 0, rows = batch.all(after); rows.length > 0; rows = batch.all(after)) {
        for (const row of rows) add(row, shapes.decode(row.shape, row.record_values));
        after = rows[rows.length - 1]?.id ?? Number.MAX_SAFE_INTEGER;
      }
    };
    each('id, shape, record_values, office_id, patient_id, guarantor_id, kind', 'patients', (row, record) => {
      this.addPatient(row.id, record, { officeId: row.office_id, patientId: row.patient_id, guarantorId: row.guarantor_id, kind: row.kind });
    });
    each('id, shape, record_values, office_id', 'guarantors', (row, record) => { this.addGuarantor(row.id, record, row.office_id); });
  }
}
