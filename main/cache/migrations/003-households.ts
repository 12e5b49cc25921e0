import { HouseholdIndex } from '../householdIndex';
import type { Migration } from './types';

/**
 * Caller lookup and households:
 * - every cell, home and work phone of patients and guarantors, read once into its number key
 *   (ten-digit national form, or the digits), last seven digits and extension, with whose it is;
 *   indexed on the key and on the last seven, each index covering what a lookup needs, so a
 *   ringing number finds everyone who has it in one index range without reading a wide row
 *   (on the encrypted file every page read is a page decrypted);
 * - patients by guarantor, covering a household's member list;
 * - appointments by patient and date, so a next appointment is found without reading past ones;
 * - guarantors' names in their own FTS table, so an owner who is not a patient can be found.
 * Rows cached before this version are indexed here once.
 */
export const households: Migration = {
  version: 3,
  name: 'households',
  up(db) {
    db.exec(`
      CREATE TABLE patient_phone_numbers (
        patient_row INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('cell', 'home', 'work')),
        number_key TEXT NOT NULL,
        last_seven TEXT NOT NULL,
        extension TEXT,
        office_id TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        guarantor_id TEXT,
        kind TEXT NOT NULL,
        PRIMARY KEY (patient_row, field)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_phone_numbers_by_key
        ON patient_phone_numbers (number_key, extension, office_id, patient_id, guarantor_id, kind);
      CREATE INDEX patient_phone_numbers_by_last_seven
        ON patient_phone_numbers (last_seven, number_key, extension, office_id, patient_id, guarantor_id, kind);

      CREATE TABLE guarantor_phone_numbers (
        guarantor_row INTEGER NOT NULL REFERENCES guarantors(id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('cell', 'home', 'work')),
        number_key TEXT NOT NULL,
        last_seven TEXT NOT NULL,
        extension TEXT,
        office_id TEXT NOT NULL,
        guarantor_id TEXT NOT NULL,
        patient_id TEXT,
        PRIMARY KEY (guarantor_row, field)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX guarantor_phone_numbers_by_key
        ON guarantor_phone_numbers (number_key, extension, office_id, guarantor_id, patient_id);
      CREATE INDEX guarantor_phone_numbers_by_last_seven
        ON guarantor_phone_numbers (last_seven, number_key, extension, office_id, guarantor_id, patient_id);

      CREATE INDEX patients_by_guarantor
        ON patients (office_id, guarantor_id, patient_id, kind, display_name, species, birth_date, status, last_visit)
        WHERE guarantor_id IS NOT NULL;

      -- Same name, so the screens' INDEXED BY still holds; the date narrows a patient's appointments to those to come.
      DROP INDEX appointments_by_patient;
      CREATE INDEX appointments_by_patient ON appointments (office_id, patient_id, appt_date, start_minute);

      -- Contentless like patient_search; the writer keeps rowid = guarantors.id.
      CREATE VIRTUAL TABLE guarantor_search USING fts5(
        names,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
    new HouseholdIndex(db).indexCachedRows(db);
  },
};
