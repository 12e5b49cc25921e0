/**
 * The only code that changes the cache, used by the sync engine. Every method is one
 * transaction: a page of rows and the cursor describing it commit together or not at all, so
 * an error or a killed process leaves the previous rows and cursor in place.
 */
import { isVeterinary, SYNCED_RESOURCES, type SikkaRecord, type SyncedResource } from '../../shared/domain/records';
import type { BusinessHours } from '../../shared/domain/sync';
import type { SyncCursor } from './cursor';
import { CacheError } from './errors';
import { HouseholdIndex } from './householdIndex';
import { fieldText, orNull } from './normalize';
import type { Connection } from './open';
import { ShapeRegistry, type EncodedRecord } from './recordShapes';
import { fromSyncRecord, toSyncRecord, type OfficeSyncRecord, type OfficeSyncStatusRow } from './syncStatus';
import {
  appointmentRow,
  guarantorRow,
  patientPhoneKeys,
  patientRow,
  patientSearchText,
  practiceRow,
  providerRow,
  recordId,
  type ColumnValue,
  type Row,
} from './rows';

export interface FullPullStart {
  readonly officeId: string;
  readonly resource: SyncedResource;
  readonly pageSize: number;
  readonly expectedTotal?: number | null;
  /** Where change logs start once this pull finishes (the office's data_insert_date when it began); kept across a resume. */
  readonly changesSince?: string | null;
}

export interface FullPullPage {
  readonly officeId: string;
  readonly resource: SyncedResource;
  /** The generation `beginFullPull` returned; a page of an older pull is refused. */
  readonly generation: number;
  readonly records: readonly SikkaRecord[];
  /** The page index to fetch after this one. */
  readonly nextPage: number;
  /** The page size `nextPage` counts in, when the server changed it (a capped page size). */
  readonly pageSize?: number;
  readonly expectedTotal?: number | null;
}

export interface FullPullFinish {
  readonly officeId: string;
  readonly resource: SyncedResource;
  readonly generation: number;
  /** Where change-log requests start from now on; by default the mark given to `beginFullPull`. */
  readonly changesSince?: string | null;
}

export interface ChangeLogPage {
  readonly officeId: string;
  readonly resource: SyncedResource;
  /** Change-log records in Sikka's order, each with `flag` added, updated or deleted. */
  readonly entries: readonly SikkaRecord[];
  /** The high-water mark once this page is applied. */
  readonly changesSince: string;
}

export interface PageOutcome {
  readonly inserted: number;
  readonly updated: number;
  /** Rows identical to what the cache held (only their generation moved), or, in a first pull, sent twice. */
  readonly unchanged: number;
}

export interface ChangeOutcome {
  readonly upserted: number;
  readonly deleted: number;
}

interface CursorRow {
  office_id: string;
  resource: string;
  mode: 'full' | 'changes';
  generation: number;
  next_page: number;
  page_size: number;
  expected_total: number | null;
  rows_applied: number;
  row_count: number;
  changes_since: string | null;
  first_pull: number;
  pull_changes_since: string | null;
  full_started_at: number | null;
  full_completed_at: number | null;
  changes_applied_at: number | null;
  updated_at: number;
}

function toCursor(row: CursorRow): SyncCursor {
  return {
    officeId: row.office_id,
    resource: row.resource as SyncedResource,
    mode: row.mode,
    generation: row.generation,
    nextPage: row.next_page,
    pageSize: row.page_size,
    expectedTotal: row.expected_total,
    rowsApplied: row.rows_applied,
    rowCount: row.row_count,
    changesSince: row.changes_since,
    firstPull: row.first_pull === 1,
    pullChangesSince: row.pull_changes_since,
    fullStartedAt: row.full_started_at,
    fullCompletedAt: row.full_completed_at,
    changesAppliedAt: row.changes_applied_at,
    updatedAt: row.updated_at,
  };
}

function fromCursor(cursor: SyncCursor): CursorRow {
  return {
    office_id: cursor.officeId,
    resource: cursor.resource,
    mode: cursor.mode,
    generation: cursor.generation,
    next_page: cursor.nextPage,
    page_size: cursor.pageSize,
    expected_total: cursor.expectedTotal,
    rows_applied: cursor.rowsApplied,
    row_count: cursor.rowCount,
    changes_since: cursor.changesSince,
    first_pull: cursor.firstPull ? 1 : 0,
    pull_changes_since: cursor.pullChangesSince,
    full_started_at: cursor.fullStartedAt,
    full_completed_at: cursor.fullCompletedAt,
    changes_applied_at: cursor.changesAppliedAt,
    updated_at: cursor.updatedAt,
  };
}

/** Change-log metadata, not part of the record itself. */
const CHANGE_FLAG = 'flag';
/** Credentials do not belong in the cache; the vault keeps them. */
const OFFICE_SECRET_FIELDS = ['secret_key'] as const;

function withoutFields(record: SikkaRecord, fields: readonly string[]): SikkaRecord {
  if (!fields.some((field) => Object.hasOwn(record, field))) return record;
  return Object.fromEntries(Object.entries(record).filter(([field]) => !fields.includes(field)));
}

type ChangeAction = 'upsert' | 'delete';

function changeAction(entry: SikkaRecord): ChangeAction {
  const flag = fieldText(entry, CHANGE_FLAG).toLowerCase();
  if (flag === 'added' || flag === 'updated') return 'upsert';
  if (flag === 'deleted') return 'delete';
  throw new CacheError('CACHE_UNKNOWN_CHANGE_FLAG', `A change-log entry has flag "${flag.slice(0, 20)}", not added, updated or deleted.`);
}

type Upserted = 'inserted' | 'updated' | 'unchanged';

/** Upsert, delete and reconcile for one resource table. */
interface ResourceStore {
  upsert(officeId: string, record: SikkaRecord, generation: number, veterinary: boolean): Upserted;
  /** Inserts a record unless one with its id is there (a first pull: no lookup, no comparison); true when inserted. */
  insertNew(officeId: string, record: SikkaRecord, generation: number, veterinary: boolean): boolean;
  remove(officeId: string, id: string): boolean;
  removeOlderThan(officeId: string, generation: number): number;
  removeOffice(officeId: string): void;
}

interface TableSpec {
  readonly table: string;
  readonly idColumn: string;
  readonly columns: readonly string[];
  row(record: SikkaRecord): Row;
}

const TABLES = {
  practices: { table: 'practices', idColumn: 'practice_id', columns: ['name'], row: practiceRow },
  providers: {
    table: 'providers',
    idColumn: 'provider_id',
    columns: ['first_name', 'last_name', 'display_name', 'provider_type', 'specialty', 'status'],
    row: providerRow,
  },
  guarantors: {
    table: 'guarantors',
    idColumn: 'guarantor_id',
    columns: ['patient_id', 'first_name', 'last_name', 'display_name', 'phone', 'email', 'status'],
    row: guarantorRow,
  },
  appointments: {
    table: 'appointments',
    idColumn: 'appointment_sr_no',
    columns: [
      'patient_id', 'guarantor_id', 'provider_id', 'operatory', 'appt_date', 'start_minute',
      'length_minutes', 'status', 'description', 'type', 'patient_name',
    ],
    row: appointmentRow,
  },
} as const satisfies Record<Exclude<SyncedResource, 'patients'>, TableSpec>;

const PATIENT_COLUMNS = [
  'kind', 'guarantor_id', 'provider_id', 'first_name', 'middle_name', 'last_name', 'preferred_name', 'pet_name',
  'species', 'display_name', 'birth_date', 'status', 'phone', 'guarantor_name', 'first_visit', 'last_visit',
  'last_key', 'first_key', 'preferred_key', 'pet_key',
] as const;

// Positional parameters: binding ~25 named parameters from an object per row costs more than the insert.
function insertSql(table: string, columns: readonly string[]): string {
  const all = ['office_id', ...columns, 'shape', 'record_values', 'sync_generation'];
  return `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`;
}

/** The same insert, skipped without a lookup when the row is already there (a first pull). */
function insertNewSql(table: string, idColumn: string, columns: readonly string[]): string {
  return `${insertSql(table, columns)} ON CONFLICT (office_id, ${idColumn}) DO NOTHING`;
}

function updateSql(table: string, columns: readonly string[]): string {
  return `UPDATE ${table} SET ${['office_id', ...columns, 'shape', 'record_values', 'sync_generation'].map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;
}

function rowValues(officeId: string, columns: readonly string[], row: Row, stored: EncodedRecord, generation: number): ColumnValue[] {
  const values: ColumnValue[] = [officeId];
  for (const column of columns) values.push(row[column] ?? null);
  values.push(stored.shape, stored.values, generation);
  return values;
}

interface StoredRow {
  id: number;
  shape: number;
  record_values: string;
}

const isSame = (existing: StoredRow, stored: EncodedRecord): boolean =>
  existing.shape === stored.shape && existing.record_values === stored.values;

/** What is looked up besides a row: added for each row written, removed before it is rewritten and after it is deleted. */
interface RowIndex {
  add(rowid: number, record: SikkaRecord, officeId: string): void;
  remove(rowid: number): void;
}

function tableStore(db: Connection, shapes: ShapeRegistry, spec: TableSpec, resource: SyncedResource, rowIndex?: RowIndex): ResourceStore {
  const columns = [spec.idColumn, ...spec.columns];
  const find = db.prepare<[string, string], StoredRow>(
    `SELECT id, shape, record_values FROM ${spec.table} WHERE office_id = ? AND ${spec.idColumn} = ?`,
  );
  const insert = db.prepare(insertSql(spec.table, columns));
  const insertIfNew = db.prepare(insertNewSql(spec.table, spec.idColumn, columns));
  const update = db.prepare(updateSql(spec.table, columns));
  const touch = db.prepare('UPDATE ' + spec.table + ' SET sync_generation = ? WHERE id = ?');
  // With an index, each deleted row's entries go with it.
  const remover = (where: string): ((...params: unknown[]) => number) => {
    const plain = db.prepare(`DELETE FROM ${spec.table} WHERE ${where}`);
    const withIds = db.prepare(`DELETE FROM ${spec.table} WHERE ${where} RETURNING id`).pluck();
    return (...params) => {
      if (rowIndex === undefined) return plain.run(...params).changes;
      const ids = withIds.all(...params) as number[];
      for (const id of ids) rowIndex.remove(id);
      return ids.length;
    };
  };
  const remove = remover(`office_id = ? AND ${spec.idColumn} = ?`);
  const removeOld = remover('office_id = ? AND sync_generation < ?');
  const removeAll = remover('office_id = ?');
  return {
    upsert(officeId, record, generation) {
      const stored = shapes.encode(record);
      const existing = find.get(officeId, recordId(resource, record));
      if (existing && isSame(existing, stored)) {
        touch.run(generation, existing.id);
        return 'unchanged';
      }
      const values = rowValues(officeId, columns, spec.row(record), stored, generation);
      if (existing) {
        update.run(...values, existing.id);
        rowIndex?.remove(existing.id);
        rowIndex?.add(existing.id, record, officeId);
      } else {
        const rowid = Number(insert.run(...values).lastInsertRowid);
        rowIndex?.add(rowid, record, officeId);
      }
      return existing ? 'updated' : 'inserted';
    },
    insertNew(officeId, record, generation) {
      const result = insertIfNew.run(...rowValues(officeId, columns, spec.row(record), shapes.encode(record), generation));
      if (result.changes === 0) return false;
      rowIndex?.add(Number(result.lastInsertRowid), record, officeId);
      return true;
    },
    remove: (officeId, id) => remove(officeId, id) > 0,
    removeOlderThan: (officeId, generation) => removeOld(officeId, generation),
    removeOffice: (officeId) => { removeAll(officeId); },
  };
}

/**
 * Patients also maintain the contentless FTS table (rowid = patients.id), the phone index and
 * their numbers for callers; a contentless table cannot find its own rows, so every delete goes
 * through here.
 */
function patientStore(db: Connection, shapes: ShapeRegistry, households: HouseholdIndex): ResourceStore {
  const columns = ['patient_id', ...PATIENT_COLUMNS];
  const find = db.prepare<[string, string], StoredRow>(
    'SELECT id, shape, record_values FROM patients WHERE office_id = ? AND patient_id = ?',
  );
  const insert = db.prepare(insertSql('patients', columns));
  const insertIfNew = db.prepare(insertNewSql('patients', 'patient_id', columns));
  const update = db.prepare(updateSql('patients', columns));
  const touch = db.prepare('UPDATE patients SET sync_generation = ? WHERE id = ?');
  const guarantorName = db.prepare<[string, string], string | null>(
    'SELECT display_name FROM guarantors WHERE office_id = ? AND guarantor_id = ?',
  ).pluck();
  const searchInsert = db.prepare('INSERT INTO patient_search (rowid, names, guarantor, email, ids) VALUES (?, ?, ?, ?, ?)');
  const searchDelete = db.prepare('DELETE FROM patient_search WHERE rowid = ?');
  const phoneInsert = db.prepare('INSERT OR IGNORE INTO patient_phones (patient_row, digits) VALUES (?, ?)');
  const phoneDelete = db.prepare('DELETE FROM patient_phones WHERE patient_row = ?');
  const removeOne = db.prepare<[string, string], number>('DELETE FROM patients WHERE office_id = ? AND patient_id = ? RETURNING id').pluck();
  const removeOld = db.prepare<[string, number], number>('DELETE FROM patients WHERE office_id = ? AND sync_generation < ? RETURNING id').pluck();
  const removeAll = db.prepare<[string], number>('DELETE FROM patients WHERE office_id = ? RETURNING id').pluck();

  const forget = (ids: readonly number[]): void => {
    for (const id of ids) searchDelete.run(id);
  };

  const rowOf = (officeId: string, record: SikkaRecord, veterinary: boolean): Row => {
    const row = patientRow(record, veterinary);
    // Older records lack guarantor_first_name/last_name; fall back to the cached guarantor.
    if (row.guarantor_name === null && typeof row.guarantor_id === 'string') {
      row.guarantor_name = guarantorName.get(officeId, row.guarantor_id) ?? null;
    }
    return row;
  };

  const index = (officeId: string, rowid: number, record: SikkaRecord, row: Row): void => {
    const search = patientSearchText(record, typeof row.guarantor_name === 'string' ? row.guarantor_name : null);
    searchInsert.run(rowid, search.names, search.guarantor, search.email, search.ids);
    for (const digits of patientPhoneKeys(record)) phoneInsert.run(rowid, digits);
    households.addPatient(rowid, record, {
      officeId,
      patientId: String(row.patient_id),
      guarantorId: typeof row.guarantor_id === 'string' ? row.guarantor_id : null,
      kind: String(row.kind),
    });
  };

  return {
    upsert(officeId, record, generation, veterinary) {
      const stored = shapes.encode(record);
      const existing = find.get(officeId, recordId('patients', record));
      if (existing && isSame(existing, stored)) {
        touch.run(generation, existing.id);
        return 'unchanged';
      }
      const row = rowOf(officeId, record, veterinary);
      const values = rowValues(officeId, columns, row, stored, generation);
      let rowid: number;
      if (existing) {
        rowid = existing.id;
        update.run(...values, rowid);
        searchDelete.run(rowid);
        phoneDelete.run(rowid);
        households.removePatient(rowid);
      } else {
        rowid = Number(insert.run(...values).lastInsertRowid);
      }
      index(officeId, rowid, record, row);
      return existing ? 'updated' : 'inserted';
    },
    insertNew(officeId, record, generation, veterinary) {
      const row = rowOf(officeId, record, veterinary);
      const result = insertIfNew.run(...rowValues(officeId, columns, row, shapes.encode(record), generation));
      if (result.changes === 0) return false;
      index(officeId, Number(result.lastInsertRowid), record, row);
      return true;
    },
    remove(officeId, id) {
      const ids = removeOne.all(officeId, id);
      forget(ids);
      return ids.length > 0;
    },
    removeOlderThan(officeId, generation) {
      const ids = removeOld.all(officeId, generation);
      forget(ids);
      return ids.length;
    },
    removeOffice(officeId) {
      forget(removeAll.all(officeId));
    },
  };
}

function prepareWriterStatements(db: Connection) {
  return {
    upsertOffice: db.prepare(`
      INSERT INTO offices (office_id, practice_id, practice_name, domain, pms_name, pms_version, pms_refresh_date,
        time_zone, data_synchronization_date, data_insert_date, raw, updated_at)
      VALUES (@office_id, @practice_id, @practice_name, @domain, @pms_name, @pms_version, @pms_refresh_date,
        @time_zone, @data_synchronization_date, @data_insert_date, @raw, @updated_at)
      ON CONFLICT (office_id) DO UPDATE SET practice_id = excluded.practice_id, practice_name = excluded.practice_name,
        domain = excluded.domain, pms_name = excluded.pms_name, pms_version = excluded.pms_version,
        pms_refresh_date = excluded.pms_refresh_date, time_zone = excluded.time_zone,
        data_synchronization_date = excluded.data_synchronization_date, data_insert_date = excluded.data_insert_date,
        raw = excluded.raw, updated_at = excluded.updated_at`),
    officeDomain: db.prepare<[string], { domain: string | null }>('SELECT domain FROM offices WHERE office_id = ?'),
    readCursor: db.prepare<[string, string], CursorRow>('SELECT * FROM sync_cursors WHERE office_id = ? AND resource = ?'),
    listCursors: db.prepare<[], CursorRow>('SELECT * FROM sync_cursors ORDER BY office_id, resource'),
    listOfficeCursors: db.prepare<[string], CursorRow>('SELECT * FROM sync_cursors WHERE office_id = ? ORDER BY resource'),
    saveCursor: db.prepare(`
      INSERT OR REPLACE INTO sync_cursors (office_id, resource, mode, generation, next_page, page_size, expected_total,
        rows_applied, row_count, changes_since, first_pull, pull_changes_since, full_started_at, full_completed_at,
        changes_applied_at, updated_at)
      VALUES (@office_id, @resource, @mode, @generation, @next_page, @page_size, @expected_total, @rows_applied, @row_count,
        @changes_since, @first_pull, @pull_changes_since, @full_started_at, @full_completed_at, @changes_applied_at, @updated_at)`),
    deleteOffice: db.prepare('DELETE FROM offices WHERE office_id = ?'),
    saveDataSyncStatus: db.prepare('UPDATE offices SET data_sync_status = @status, data_sync_checked_at = @checked_at WHERE office_id = @office_id'),
    saveBusinessHours: db.prepare('UPDATE offices SET business_hours = CASE WHEN @keep = 1 THEN business_hours ELSE @hours END, business_hours_checked_at = @checked_at WHERE office_id = @office_id'),
    businessHoursCheckedAt: db.prepare<[string], { business_hours_checked_at: number | null }>('SELECT business_hours_checked_at FROM offices WHERE office_id = ?'),
    readStatus: db.prepare<[string], OfficeSyncStatusRow>('SELECT * FROM office_sync_status WHERE office_id = ?'),
    saveStatus: db.prepare(`
      INSERT OR REPLACE INTO office_sync_status (office_id, last_attempt_at, last_success_at, synced_insert_date,
        last_error_code, last_error_explanation, last_error_at, paused_until, next_run_at, updated_at)
      VALUES (@office_id, @last_attempt_at, @last_success_at, @synced_insert_date, @last_error_code,
        @last_error_explanation, @last_error_at, @paused_until, @next_run_at, @updated_at)`),
  };
}

export interface CacheWriterOptions {
  readonly now?: () => number;
}

export class CacheWriter {
  private readonly now: () => number;
  private readonly stores: Record<SyncedResource, ResourceStore>;
  private readonly shapes: ShapeRegistry;
  private readonly statements: ReturnType<typeof prepareWriterStatements>;

  constructor(private readonly db: Connection, options: CacheWriterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.shapes = new ShapeRegistry(db);
    const households = new HouseholdIndex(db);
    this.stores = {
      practices: tableStore(db, this.shapes, TABLES.practices, 'practices'),
      providers: tableStore(db, this.shapes, TABLES.providers, 'providers'),
      guarantors: tableStore(db, this.shapes, TABLES.guarantors, 'guarantors', {
        add: (rowid, record, officeId) => { households.addGuarantor(rowid, record, officeId); },
        remove: (rowid) => { households.removeGuarantor(rowid); },
      }),
      patients: patientStore(db, this.shapes, households),
      appointments: tableStore(db, this.shapes, TABLES.appointments, 'appointments'),
    };
    this.statements = prepareWriterStatements(db);
  }

  /**
   * Records an `authorized_practices` record (without its secret_key, which belongs in the
   * vault) and returns its office id. Rows of an office can only be written once it is known.
   */
  upsertOffice(record: SikkaRecord): string {
    const officeId = fieldText(record, 'office_id');
    if (officeId === '') throw new CacheError('CACHE_RECORD_WITHOUT_ID', 'An authorized_practices record has no office_id.');
    const text = (field: string): string | null => orNull(fieldText(record, field));
    this.statements.upsertOffice.run({
      office_id: officeId,
      practice_id: text('practice_id'),
      practice_name: text('practice_name'),
      domain: text('domain'),
      pms_name: text('practice_management_system'),
      pms_version: text('practice_management_system_version'),
      pms_refresh_date: text('practice_management_system_refresh_date'),
      time_zone: text('practice_management_system_refresh_date_time_zone'),
      data_synchronization_date: text('data_synchronization_date'),
      data_insert_date: text('data_insert_date'),
      raw: JSON.stringify(withoutFields(record, OFFICE_SECRET_FIELDS)),
      updated_at: this.now(),
    });
    return officeId;
  }

  /** v4's data_sync_status for the office as Sikka wrote it, or null where Sikka does not list the office. */
  saveDataSyncStatus(officeId: string, status: string | null): void {
    this.transaction(() => {
      this.requireOffice(officeId);
      this.statements.saveDataSyncStatus.run({ office_id: officeId, status, checked_at: this.now() });
    });
  }

  /**
   * The office's opening hours from practice_schedule, or null where Sikka gave none; undefined
   * when Sikka did not answer (the hours known stay). Either way, when it was asked.
   */
  saveBusinessHours(officeId: string, hours: BusinessHours | null | undefined): void {
    this.transaction(() => {
      this.requireOffice(officeId);
      this.statements.saveBusinessHours.run({ office_id: officeId, keep: hours === undefined ? 1 : 0, hours: hours == null ? null : JSON.stringify(hours), checked_at: this.now() });
    });
  }

  /** When the office's opening hours were last asked for (epoch ms); null before the first time. */
  businessHoursCheckedAt(officeId: string): number | null {
    return this.statements.businessHoursCheckedAt.get(officeId)?.business_hours_checked_at ?? null;
  }

  /** What the sync engine recorded about an office, or null before its first run. */
  readOfficeStatus(officeId: string): OfficeSyncRecord | null {
    const row = this.statements.readStatus.get(officeId);
    return row ? toSyncRecord(row) : null;
  }

  saveOfficeStatus(record: OfficeSyncRecord): void {
    this.transaction(() => {
      this.requireOffice(record.officeId);
      this.statements.saveStatus.run(fromSyncRecord(record, this.now()));
    });
  }

  readCursor(officeId: string, resource: SyncedResource): SyncCursor | null {
    const row = this.statements.readCursor.get(officeId, resource);
    return row ? toCursor(row) : null;
  }

  listCursors(officeId?: string): SyncCursor[] {
    const rows = officeId === undefined ? this.statements.listCursors.all() : this.statements.listOfficeCursors.all(officeId);
    return rows.map(toCursor);
  }

  /**
   * Starts a full pull under a new generation (previous + 1), from page 0. Rows already cached
   * stay visible until `finishFullPull` removes those the new pull did not see. To resume an
   * interrupted pull instead, read the cursor and continue with its generation and nextPage.
   *
   * A pull that begins with no rows of its office (a first download) takes a faster path: its
   * rows are plain inserts, with nothing to compare with, and nothing is left to remove at the end.
   */
  beginFullPull(start: FullPullStart): SyncCursor {
    return this.transaction(() => {
      this.requireOffice(start.officeId);
      const previous = this.readCursor(start.officeId, start.resource);
      const now = this.now();
      const cursor: SyncCursor = {
        officeId: start.officeId,
        resource: start.resource,
        mode: 'full',
        generation: (previous?.generation ?? 0) + 1,
        nextPage: 0,
        pageSize: start.pageSize,
        expectedTotal: start.expectedTotal ?? null,
        rowsApplied: 0,
        rowCount: previous?.rowCount ?? 0,
        changesSince: previous?.changesSince ?? null,
        firstPull: (previous?.rowCount ?? 0) === 0,
        pullChangesSince: start.changesSince ?? null,
        fullStartedAt: now,
        fullCompletedAt: previous?.fullCompletedAt ?? null,
        changesAppliedAt: previous?.changesAppliedAt ?? null,
        updatedAt: now,
      };
      this.saveCursor(cursor);
      return cursor;
    });
  }

  /** Upserts one page of a full pull, stamped with its generation, and advances the cursor. */
  applyFullPage(page: FullPullPage): PageOutcome {
    return this.transaction((): PageOutcome => {
      const cursor = this.requireCursor(page.officeId, page.resource, 'full', page.generation);
      const veterinary = this.isVeterinaryOffice(page.officeId);
      const store = this.stores[page.resource];
      const outcome = { inserted: 0, updated: 0, unchanged: 0 };
      if (cursor.firstPull) {
        for (const record of page.records) outcome[store.insertNew(page.officeId, record, page.generation, veterinary) ? 'inserted' : 'unchanged'] += 1;
      } else {
        for (const record of page.records) outcome[store.upsert(page.officeId, record, page.generation, veterinary)] += 1;
      }
      this.saveCursor({
        ...cursor,
        nextPage: page.nextPage,
        pageSize: page.pageSize ?? cursor.pageSize,
        expectedTotal: page.expectedTotal === undefined ? cursor.expectedTotal : page.expectedTotal,
        rowsApplied: cursor.rowsApplied + page.records.length,
        rowCount: cursor.rowCount + outcome.inserted,
        updatedAt: this.now(),
      });
      return outcome;
    });
  }

  /**
   * Ends a full pull: rows of this office and resource that the pull did not see are gone
   * upstream and are removed; the cursor switches to following change logs.
   */
  finishFullPull(finish: FullPullFinish): { removed: number } {
    return this.transaction(() => {
      const cursor = this.requireCursor(finish.officeId, finish.resource, 'full', finish.generation);
      // A first pull began with none of this office's rows: there is nothing older to look for.
      const removed = cursor.firstPull ? 0 : this.stores[finish.resource].removeOlderThan(finish.officeId, finish.generation);
      const now = this.now();
      this.saveCursor({
        ...cursor,
        mode: 'changes',
        nextPage: 0,
        firstPull: false,
        rowCount: cursor.rowCount - removed,
        changesSince: finish.changesSince === undefined ? cursor.pullChangesSince : finish.changesSince,
        pullChangesSince: null,
        fullCompletedAt: now,
        updatedAt: now,
      });
      return { removed };
    });
  }

  /**
   * Applies change-log entries in order: added/updated → upsert, deleted → delete (an edit
   * arrives as deleted then added). Needs a completed full pull of the resource first.
   */
  applyChanges(page: ChangeLogPage): ChangeOutcome {
    return this.transaction((): ChangeOutcome => {
      const cursor = this.requireCursor(page.officeId, page.resource, 'changes');
      const veterinary = this.isVeterinaryOffice(page.officeId);
      const store = this.stores[page.resource];
      let upserted = 0;
      let inserted = 0;
      let deleted = 0;
      for (const entry of page.entries) {
        const action = changeAction(entry);
        const record = withoutFields(entry, [CHANGE_FLAG]);
        if (action === 'delete') {
          if (store.remove(page.officeId, recordId(page.resource, record))) deleted += 1;
        } else {
          if (store.upsert(page.officeId, record, cursor.generation, veterinary) === 'inserted') inserted += 1;
          upserted += 1;
        }
      }
      const now = this.now();
      this.saveCursor({
        ...cursor, rowCount: cursor.rowCount + inserted - deleted, changesSince: page.changesSince, changesAppliedAt: now, updatedAt: now,
      });
      return { upserted, deleted };
    });
  }

  /** Forgets an office: its record, every cached row and its cursors. */
  clearOffice(officeId: string): void {
    this.transaction(() => {
      for (const resource of SYNCED_RESOURCES) this.stores[resource].removeOffice(officeId);
      this.statements.deleteOffice.run(officeId);
    });
  }

  /** Empties the cache (offices, rows, cursors) and gives the space back to the file system. */
  clearAll(): void {
    this.transaction(() => {
      this.db.prepare("INSERT INTO patient_search (patient_search) VALUES ('delete-all')").run();
      this.db.prepare("INSERT INTO guarantor_search (guarantor_search) VALUES ('delete-all')").run();
      for (const table of [
        'appointments', 'patient_phones', 'patient_phone_numbers', 'patients', 'guarantor_phone_numbers', 'guarantors', 'providers',
        'practices', 'office_sync_status', 'sync_cursors', 'offices',
      ]) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
    });
    this.db.exec('VACUUM');
  }

  private transaction<T>(work: () => T): T {
    return this.shapes.transaction(this.db, work);
  }

  private saveCursor(cursor: SyncCursor): void {
    this.statements.saveCursor.run(fromCursor(cursor));
  }

  private requireOffice(officeId: string): void {
    if (!this.statements.officeDomain.get(officeId)) {
      throw new CacheError('CACHE_UNKNOWN_OFFICE', 'Rows were offered for an office the cache does not know; record the office first.');
    }
  }

  private isVeterinaryOffice(officeId: string): boolean {
    const office = this.statements.officeDomain.get(officeId);
    if (!office) throw new CacheError('CACHE_UNKNOWN_OFFICE', 'Rows were offered for an office the cache does not know; record the office first.');
    return office.domain !== null && isVeterinary(office.domain);
  }

  private requireCursor(officeId: string, resource: SyncedResource, mode: SyncCursor['mode'], generation?: number): SyncCursor {
    this.requireOffice(officeId);
    const cursor = this.readCursor(officeId, resource);
    if (!cursor || cursor.mode !== mode || (generation !== undefined && cursor.generation !== generation)) {
      const expected = mode === 'full' ? `a full pull of generation ${generation ?? '?'}` : 'a completed full pull';
      throw new CacheError('CACHE_CURSOR_MISMATCH', `The ${resource} cursor of this office does not describe ${expected}.`);
    }
    return cursor;
  }
}
