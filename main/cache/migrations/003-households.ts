import { HouseholdIndex } from '../householdIndex';
import type { Migration } from './types';

/**
 * Caller lookup and households:
 * - every cell, home and work phone of patients and guarantors, read once into its number key
 *   (ten-digit national form, or the digits), last seven digits and extension, indexed on the
 *   key and on the last seven, so a ringing number finds everyone who has it in one probe;
 * - patients by guarantor, for a household's members;
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
        PRIMARY KEY (patient_row, field)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_phone_numbers_by_key ON patient_phone_numbers (number_key);
      CREATE INDEX patient_phone_numbers_by_last_seven ON patient_phone_numbers (last_seven);

      CREATE TABLE guarantor_phone_numbers (
        guarantor_row INTEGER NOT NULL REFERENCES guarantors(id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('cell', 'home', 'work')),
        number_key TEXT NOT NULL,
        last_seven TEXT NOT NULL,
        extension TEXT,
        PRIMARY KEY (guarantor_row, field)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX guarantor_phone_numbers_by_key ON guarantor_phone_numbers (number_key);
      CREATE INDEX guarantor_phone_numbers_by_last_seven ON guarantor_phone_numbers (last_seven);

      CREATE INDEX patients_by_guarantor ON patients (office_id, guarantor_id) WHERE guarantor_id IS NOT NULL;

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
