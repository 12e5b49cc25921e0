import type { Migration } from './types';

/**
 * Every cached record is keyed by office plus its own id (practice_id repeats across offices)
 * and kept whole — its field list as a shared `record_shapes` row, its values as a JSON array
 * in `record_values` (see recordShapes.ts) — beside the few columns the screens filter and sort
 * on, so nothing Sikka sends is lost and new fields need no migration. `sync_generation` marks
 * the full pull that last saw a row, so finishing a pull can drop what disappeared upstream.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      -- The distinct field lists of cached records (JSON arrays of names); never deleted.
      CREATE TABLE record_shapes (
        id INTEGER PRIMARY KEY,
        fields TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE offices (
        office_id TEXT PRIMARY KEY,
        practice_id TEXT,
        practice_name TEXT,
        domain TEXT,
        pms_name TEXT,
        pms_version TEXT,
        pms_refresh_date TEXT,
        time_zone TEXT,
        data_synchronization_date TEXT,
        data_insert_date TEXT,
        raw TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sync_cursors (
        office_id TEXT NOT NULL REFERENCES offices(office_id) ON DELETE CASCADE,
        resource TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('full', 'changes')),
        generation INTEGER NOT NULL,
        next_page INTEGER NOT NULL,
        page_size INTEGER NOT NULL,
        expected_total INTEGER,
        rows_applied INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        changes_since TEXT,
        full_started_at INTEGER,
        full_completed_at INTEGER,
        changes_applied_at INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (office_id, resource)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE practices (
        id INTEGER PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(office_id) ON DELETE CASCADE,
        practice_id TEXT NOT NULL,
        name TEXT,
        shape INTEGER NOT NULL REFERENCES record_shapes(id),
        record_values TEXT NOT NULL,
        sync_generation INTEGER NOT NULL,
        UNIQUE (office_id, practice_id)
      ) STRICT;

      CREATE TABLE providers (
        id INTEGER PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(office_id) ON DELETE CASCADE,
        provider_id TEXT NOT NULL,
        first_name TEXT,
        last_name TEXT,
        display_name TEXT NOT NULL,
        provider_type TEXT,
        specialty TEXT,
        status TEXT,
        shape INTEGER NOT NULL REFERENCES record_shapes(id),
        record_values TEXT NOT NULL,
        sync_generation INTEGER NOT NULL,
        UNIQUE (office_id, provider_id)
      ) STRICT;

      CREATE TABLE guarantors (
        id INTEGER PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(office_id) ON DELETE CASCADE,
        guarantor_id TEXT NOT NULL,
        patient_id TEXT,
        first_name TEXT,
        last_name TEXT,
        display_name TEXT,
        phone TEXT,
        email TEXT,
        status TEXT,
        shape INTEGER NOT NULL REFERENCES record_shapes(id),
        record_values TEXT NOT NULL,
        sync_generation INTEGER NOT NULL,
        UNIQUE (office_id, guarantor_id)
      ) STRICT;

      -- People and pets alike; for pets the guarantor is the owner.
      -- *_key columns: the name folded to lower-case letters and digits, for prefix ranges.
      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(office_id) ON DELETE CASCADE,
        patient_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'pet')),
        guarantor_id TEXT,
        provider_id TEXT,
        first_name TEXT,
        middle_name TEXT,
        last_name TEXT,
        preferred_name TEXT,
        pet_name TEXT,
        species TEXT,
        display_name TEXT NOT NULL,
        birth_date TEXT,
        status TEXT,
        phone TEXT,
        guarantor_name TEXT,
        first_visit TEXT,
        last_visit TEXT,
        last_key TEXT NOT NULL,
        first_key TEXT NOT NULL,
        preferred_key TEXT NOT NULL,
        pet_key TEXT NOT NULL,
        shape INTEGER NOT NULL REFERENCES record_shapes(id),
        record_values TEXT NOT NULL,
        sync_generation INTEGER NOT NULL,
        UNIQUE (office_id, patient_id)
      ) STRICT;
      CREATE INDEX patients_by_last_name ON patients (last_key, first_key, office_id);
      CREATE INDEX patients_by_first_name ON patients (first_key, last_key, office_id);
      CREATE INDEX patients_by_preferred_name ON patients (preferred_key, office_id) WHERE preferred_key <> '';
      CREATE INDEX patients_by_pet_name ON patients (pet_key, office_id) WHERE pet_key <> '';
      CREATE INDEX patients_by_birth_date ON patients (birth_date) WHERE birth_date IS NOT NULL;
      -- Covers the patient names shown beside appointments without touching the wide rows.
      CREATE INDEX patients_display ON patients (office_id, patient_id, display_name);

      -- Phone digits (whole number and its last seven) for prefix lookups as staff type them.
      CREATE TABLE patient_phones (
        patient_row INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        digits TEXT NOT NULL,
        PRIMARY KEY (patient_row, digits)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_phones_by_digits ON patient_phones (digits);

      -- Contentless (the text is in the patient rows already); the writer keeps rowid = patients.id.
      CREATE VIRTUAL TABLE patient_search USING fts5(
        names, guarantor, email, ids,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE appointments (
        id INTEGER PRIMARY KEY,
        office_id TEXT NOT NULL REFERENCES offices(office_id) ON DELETE CASCADE,
        appointment_sr_no TEXT NOT NULL,
        patient_id TEXT,
        guarantor_id TEXT,
        provider_id TEXT,
        operatory TEXT,
        appt_date TEXT,
        start_minute INTEGER,
        length_minutes INTEGER,
        status TEXT,
        description TEXT,
        type TEXT,
        patient_name TEXT,
        shape INTEGER NOT NULL REFERENCES record_shapes(id),
        record_values TEXT NOT NULL,
        sync_generation INTEGER NOT NULL,
        UNIQUE (office_id, appointment_sr_no)
      ) STRICT;
      -- Covers a day's schedule: one contiguous index range, no reads of the wide rows.
      CREATE INDEX appointments_by_day ON appointments (
        office_id, appt_date, start_minute, appointment_sr_no, patient_id, provider_id, operatory,
        length_minutes, status, description, type, patient_name
      );
      CREATE INDEX appointments_by_patient ON appointments (office_id, patient_id);
    `);
  },
};
