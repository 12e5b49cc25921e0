/**
 * The queries the screens need, on a read-only connection (WAL: never blocked by the writer).
 * Everything returned is a plain view type from shared/domain.
 */
import type { CallerCard, Household } from '../../shared/domain/households';
import type { OfficeSummary } from '../../shared/domain/offices';
import type {
  GuarantorSummary,
  PatientDetail,
  PatientSearchQuery,
  PatientSearchResponse,
  PatientSearchResult,
  PetDetails,
} from '../../shared/domain/patients';
import type { ProviderSummary } from '../../shared/domain/providers';
import { SYNCED_RESOURCES, type SikkaRecord, type SyncedResource } from '../../shared/domain/records';
import type { AppointmentSummary, DaySchedule, ScheduleColumn, ScheduleGrouping } from '../../shared/domain/schedule';
import type { OfficeSyncStatus } from '../../shared/domain/sync';
import { HouseholdReader, type ReaderAccess } from './householdReader';
import { fieldText, isoDate, orNull, searchTokens } from './normalize';
import { officeLocalMoment } from './officeClock';
import type { Connection } from './open';
import { ShapeCatalog } from './recordShapes';
import { patientSearchText } from './rows';
import { officeSyncStatusView, type CursorSummary, type OfficeRow, type OfficeStatusSource } from './syncStatus';
import { ftsIdQuery, ftsPrefixQuery, planSearch, prefixUpperBound, type SearchPlan } from './searchQuery';

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 200;

export type ExportableResource = SyncedResource | 'offices';

export interface ExportedRecord {
  readonly officeId: string;
  readonly record: SikkaRecord;
}

const EXPORT_TABLES: Record<SyncedResource, string> = {
  practices: 'practices',
  providers: 'providers',
  guarantors: 'guarantors',
  patients: 'patients',
  appointments: 'appointments',
};

interface SearchRow {
  id: number;
  office_id: string;
  patient_id: string;
  kind: 'person' | 'pet';
  display_name: string;
  preferred_name: string | null;
  pet_name: string | null;
  species: string | null;
  birth_date: string | null;
  guarantor_name: string | null;
  phone: string | null;
  status: string | null;
}

interface AppointmentRow {
  office_id: string;
  appointment_sr_no: string;
  patient_id: string | null;
  provider_id: string | null;
  operatory: string | null;
  appt_date: string | null;
  start_minute: number | null;
  length_minutes: number | null;
  status: string | null;
  description: string | null;
  type: string | null;
  patient_display: string | null;
  provider_name: string | null;
}

interface PatientDetailRow {
  id: number;
  office_id: string;
  patient_id: string;
  kind: 'person' | 'pet';
  guarantor_id: string | null;
  provider_id: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  preferred_name: string | null;
  display_name: string;
  birth_date: string | null;
  status: string | null;
  guarantor_name: string | null;
  first_visit: string | null;
  last_visit: string | null;
  shape: number;
  record_values: string;
  time_zone: string | null;
  guarantor_display: string | null;
  guarantor_phone: string | null;
  guarantor_email: string | null;
  provider_name: string | null;
}

const APPOINTMENT_COLUMNS = `a.office_id, a.appointment_sr_no, a.patient_id, a.provider_id, a.operatory, a.appt_date,
  a.start_minute, a.length_minutes, a.status, a.description, a.type,
  COALESCE(p.display_name, a.patient_name) AS patient_display, pr.display_name AS provider_name`;
const APPOINTMENT_JOINS = `LEFT JOIN patients p INDEXED BY patients_display ON p.office_id = a.office_id AND p.patient_id = a.patient_id
  LEFT JOIN providers pr ON pr.office_id = a.office_id AND pr.provider_id = a.provider_id`;

function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function toAppointment(row: AppointmentRow): AppointmentSummary {
  return {
    officeId: row.office_id,
    appointmentId: row.appointment_sr_no,
    date: row.appt_date,
    time: row.start_minute === null ? null : clockTime(row.start_minute),
    startMinute: row.start_minute,
    lengthMinutes: row.length_minutes,
    patientId: row.patient_id,
    patientName: row.patient_display,
    providerId: row.provider_id,
    providerName: row.provider_name,
    operatory: row.operatory,
    description: row.description,
    status: row.status,
    type: row.type,
  };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export interface CacheReaderOptions {
  readonly now?: () => number;
  /** Opens a further read-only connection, for exports that stream while other reads go on. */
  readonly openConnection: () => Connection;
}

export class CacheReader {
  private readonly now: () => number;
  private readonly shapes: ShapeCatalog;
  private readonly statements = new Map<string, ReturnType<Connection['prepare']>>();
  private readonly access: ReaderAccess;

  constructor(private readonly db: Connection, private readonly options: CacheReaderOptions) {
    this.now = options.now ?? Date.now;
    this.shapes = new ShapeCatalog(db);
    this.access = {
      all: (sql, ...params) => this.all(sql, ...params),
      decode: (shape, values) => this.shapes.decode(shape, values),
      appointmentSql: { columns: APPOINTMENT_COLUMNS, joins: APPOINTMENT_JOINS },
      toAppointment: (row) => toAppointment(row as AppointmentRow),
    };
  }

  close(): void {
    this.db.close();
  }

  /**
   * Patients matching what staff typed, best first: last-name prefixes, then first, preferred
   * and pet names (sorted B-tree ranges, so a two-letter prefix costs the same as a full name),
   * then any other word (middle name, owner, email, ids) through FTS. Digits look up ids and
   * phone numbers; a date (03/14/1985, 3/14/85, 1985-03-14) looks up birth dates.
   */
  searchPatients(query: PatientSearchQuery): PatientSearchResponse {
    const requested = query.limit !== undefined && Number.isFinite(query.limit) ? Math.floor(query.limit) : DEFAULT_SEARCH_LIMIT;
    const limit = Math.max(1, Math.min(MAX_SEARCH_LIMIT, requested));
    const plan = planSearch(query.text);
    const ids = this.findPatients(plan, query.officeId, limit + 1);
    const truncated = ids.length > limit;
    // Guarantors and owners by their own names: an owner is no patient, yet staff search for them.
    const households = plan.kind === 'names' && plan.tokens.length > 0 && plan.birthdates.length === 0
      ? new HouseholdReader(this.access, this.now()).householdMatches(ftsPrefixQuery(plan.tokens), query.officeId)
      : [];
    return { results: this.searchResults(ids.slice(0, limit)), truncated, households };
  }

  /**
   * Who is calling: everyone whose cell, home or work phone is `number` (any common writing,
   * an extension kept apart, seven digits as the end of a number), by household, with each
   * member's next appointment, last visit and status. Not a phone number: nothing is looked up.
   */
  callerCard(number: string, options: { now?: number } = {}): CallerCard {
    return new HouseholdReader(this.access, options.now ?? this.now()).callerCard(number);
  }

  /** A guarantor (or pet owner) with everyone they are responsible for and each one's next appointment. */
  household(officeId: string, guarantorId: string, options: { now?: number } = {}): Household | null {
    return new HouseholdReader(this.access, options.now ?? this.now()).household(officeId, guarantorId);
  }

  /** A patient or pet with guarantor/owner, provider and appointments split at `now` (office time). */
  patientDetail(officeId: string, patientId: string, options: { now?: number } = {}): PatientDetail | null {
    const [row] = this.all<PatientDetailRow>(`
      SELECT p.id, p.office_id, p.patient_id, p.kind, p.guarantor_id, p.provider_id, p.first_name, p.middle_name,
        p.last_name, p.preferred_name, p.display_name, p.birth_date, p.status, p.guarantor_name, p.first_visit,
        p.last_visit, p.shape, p.record_values, o.time_zone, g.display_name AS guarantor_display, g.phone AS guarantor_phone,
        g.email AS guarantor_email, pr.display_name AS provider_name
      FROM patients p
      JOIN offices o ON o.office_id = p.office_id
      LEFT JOIN guarantors g ON g.office_id = p.office_id AND g.guarantor_id = p.guarantor_id
      LEFT JOIN providers pr ON pr.office_id = p.office_id AND pr.provider_id = p.provider_id
      WHERE p.office_id = ? AND p.patient_id = ?`, officeId, patientId);
    if (!row) return null;
    const record = this.shapes.decode(row.shape, row.record_values);
    const text = (field: string): string | null => orNull(fieldText(record, field));

    const appointments = this.all<AppointmentRow>(`
      SELECT ${APPOINTMENT_COLUMNS} FROM appointments a INDEXED BY appointments_by_patient ${APPOINTMENT_JOINS}
      WHERE a.office_id = ? AND a.patient_id = ?
      ORDER BY a.appt_date, a.start_minute, a.appointment_sr_no`, officeId, patientId).map(toAppointment);
    const local = officeLocalMoment(options.now ?? this.now(), row.time_zone);
    const isUpcoming = (a: AppointmentSummary): boolean =>
      a.date !== null && (a.date > local.date || (a.date === local.date && (a.startMinute ?? 24 * 60 - 1) >= local.minute));

    const pet: PetDetails | null = row.kind === 'pet'
      ? {
          petName: text('petname'),
          species: text('species'),
          breed: text('breed'),
          color: text('color'),
          gender: text('gender'),
          weight: text('weight'),
          weightUnit: text('weight_type'),
          age: text('age'),
          microchip: text('microchip'),
          deceasedDate: isoDate(fieldText(record, 'deceased_date')),
        }
      : null;
    const guarantor: GuarantorSummary | null = row.guarantor_id === null
      ? null
      : {
          role: row.kind === 'pet' ? 'owner' : 'guarantor',
          guarantorId: row.guarantor_id,
          displayName: row.guarantor_name ?? row.guarantor_display,
          phone: row.guarantor_phone,
          email: row.guarantor_email,
        };

    return {
      officeId: row.office_id,
      patientId: row.patient_id,
      kind: row.kind,
      displayName: row.display_name,
      firstName: row.first_name,
      middleName: row.middle_name,
      lastName: row.last_name,
      preferredName: row.preferred_name,
      birthdate: row.birth_date,
      status: row.status,
      cellPhone: text('cell'),
      homePhone: text('homephone'),
      workPhone: text('workphone'),
      email: text('email'),
      address: {
        line1: text('address_line1'),
        line2: text('address_line2'),
        city: text('city'),
        state: text('state'),
        zipcode: text('zipcode'),
      },
      pet,
      guarantor,
      provider: row.provider_id === null ? null : { providerId: row.provider_id, displayName: row.provider_name },
      firstVisit: row.first_visit,
      lastVisit: row.last_visit,
      pastAppointments: appointments.filter((a) => !isUpcoming(a)).reverse(),
      upcomingAppointments: appointments.filter(isUpcoming),
    };
  }

  /** One office's appointments on `date` (yyyy-mm-dd), in a column per provider or operatory, by time. */
  daySchedule(officeId: string, date: string, groupBy: ScheduleGrouping): DaySchedule {
    const day = isoDate(date);
    const appointments = day === null ? [] : this.all<AppointmentRow>(`
      SELECT ${APPOINTMENT_COLUMNS} FROM appointments a INDEXED BY appointments_by_day ${APPOINTMENT_JOINS}
      WHERE a.office_id = ? AND a.appt_date = ?
      ORDER BY a.start_minute, a.appointment_sr_no`, officeId, day).map(toAppointment);

    const columns = new Map<string, { key: string; label: string | null; appointments: AppointmentSummary[] }>();
    for (const appointment of appointments) {
      const key = (groupBy === 'provider' ? appointment.providerId : appointment.operatory) ?? '';
      let column = columns.get(key);
      if (!column) {
        const label = key === '' ? null : groupBy === 'provider' ? appointment.providerName ?? key : key;
        column = { key, label, appointments: [] };
        columns.set(key, column);
      }
      column.appointments.push(appointment);
    }
    const sorted: ScheduleColumn[] = [...columns.values()].sort((a, b) => {
      if (a.key === '' || b.key === '') return a.key === '' ? (b.key === '' ? 0 : 1) : -1;
      return collator.compare(a.label ?? a.key, b.label ?? b.key) || collator.compare(a.key, b.key);
    });
    // Appointments without a time sort after the timed ones of their column.
    for (const column of sorted) {
      (column.appointments as AppointmentSummary[]).sort((a, b) => (a.startMinute ?? Infinity) - (b.startMinute ?? Infinity));
    }
    return { officeId, date: day ?? date, groupBy, columns: sorted, appointmentCount: appointments.length };
  }

  /** Providers of one office (or all), by name. */
  providers(officeId?: string): ProviderSummary[] {
    const where = officeId === undefined ? '' : 'WHERE office_id = ?';
    const rows = this.all<{
      office_id: string; provider_id: string; display_name: string; first_name: string | null; last_name: string | null;
      provider_type: string | null; specialty: string | null; status: string | null;
    }>(`SELECT office_id, provider_id, display_name, first_name, last_name, provider_type, specialty, status
        FROM providers ${where} ORDER BY office_id, last_name, first_name, provider_id`, ...(officeId === undefined ? [] : [officeId]));
    return rows.map((row) => ({
      officeId: row.office_id,
      providerId: row.provider_id,
      displayName: row.display_name,
      firstName: row.first_name,
      lastName: row.last_name,
      providerType: row.provider_type,
      specialty: row.specialty,
      status: row.status,
    }));
  }

  /** Every office with how many rows the cache holds per resource and when each was last fully pulled. */
  offices(): OfficeSummary[] {
    const offices = this.all<OfficeRow>(`
      SELECT office_id, practice_id, practice_name, domain, pms_name, pms_version, pms_refresh_date, time_zone,
        data_synchronization_date, data_insert_date
      FROM offices ORDER BY practice_name, office_id`);
    const counts = new Map<string, Record<SyncedResource, number>>();
    const synced = new Map<string, Record<SyncedResource, number | null>>();
    for (const office of offices) {
      counts.set(office.office_id, { practices: 0, providers: 0, guarantors: 0, patients: 0, appointments: 0 });
      synced.set(office.office_id, { practices: null, providers: null, guarantors: null, patients: null, appointments: null });
    }
    // Counts are kept with the cursors, so this never scans the tables.
    for (const row of this.all<{ office_id: string; resource: string; row_count: number; full_completed_at: number | null }>(
      'SELECT office_id, resource, row_count, full_completed_at FROM sync_cursors',
    )) {
      if (!(SYNCED_RESOURCES as readonly string[]).includes(row.resource)) continue;
      const resource = row.resource as SyncedResource;
      const count = counts.get(row.office_id);
      const sync = synced.get(row.office_id);
      if (count) count[resource] = row.row_count;
      if (sync) sync[resource] = row.full_completed_at;
    }
    return offices.map((office) => ({
      officeId: office.office_id,
      practiceId: office.practice_id,
      practiceName: office.practice_name,
      domain: office.domain,
      practiceManagementSystem: office.pms_name,
      practiceManagementSystemVersion: office.pms_version,
      practiceManagementSystemRefreshDate: office.pms_refresh_date,
      timeZone: office.time_zone,
      dataSynchronizationDate: office.data_synchronization_date,
      dataInsertDate: office.data_insert_date,
      counts: counts.get(office.office_id) ?? { practices: 0, providers: 0, guarantors: 0, patients: 0, appointments: 0 },
      lastFullSyncAt: synced.get(office.office_id) ?? { practices: null, providers: null, guarantors: null, patients: null, appointments: null },
    }));
  }

  /** Every office's sync status as the last runs left it (the engine overlays what it is doing now). */
  syncStatus(options: { now?: number } = {}): OfficeSyncStatus[] {
    const now = options.now ?? this.now();
    const sources = this.all<OfficeStatusSource>(`
      SELECT o.office_id, o.practice_name, o.domain, o.pms_name, o.pms_version, o.pms_refresh_date, o.time_zone,
        o.data_synchronization_date, o.data_insert_date, s.last_attempt_at, s.last_success_at, s.synced_insert_date,
        s.last_error_code, s.last_error_explanation, s.last_error_at, s.paused_until, s.next_run_at,
        o.data_sync_status, o.data_sync_checked_at, o.business_hours
      FROM offices o LEFT JOIN office_sync_status s ON s.office_id = o.office_id
      ORDER BY o.practice_name, o.office_id`);
    const cursors = new Map<string, CursorSummary[]>();
    for (const row of this.all<{ office_id: string; resource: string; row_count: number; full_completed_at: number | null }>(
      'SELECT office_id, resource, row_count, full_completed_at FROM sync_cursors',
    )) {
      const list = cursors.get(row.office_id) ?? [];
      list.push({ resource: row.resource, rowCount: row.row_count, fullCompletedAt: row.full_completed_at });
      cursors.set(row.office_id, list);
    }
    return sources.map((source) => officeSyncStatusView(source, cursors.get(source.office_id) ?? [], now));
  }

  /**
   * Streams the raw records of a resource (optionally of one office) as Sikka sent them, on a
   * connection of its own so other reads can run while the export is consumed.
   */
  *exportRecords(resource: ExportableResource, options: { officeId?: string } = {}): Generator<ExportedRecord> {
    const db = this.options.openConnection();
    try {
      const filter = options.officeId === undefined ? '' : 'WHERE office_id = ?';
      const params = options.officeId === undefined ? [] : [options.officeId];
      if (resource === 'offices') {
        const rows = db.prepare<unknown[], { office_id: string; raw: string }>(`SELECT office_id, raw FROM offices ${filter} ORDER BY office_id`);
        for (const row of rows.iterate(...params)) yield { officeId: row.office_id, record: JSON.parse(row.raw) as SikkaRecord };
        return;
      }
      const shapes = new ShapeCatalog(db);
      const rows = db.prepare<unknown[], { office_id: string; shape: number; record_values: string }>(
        `SELECT office_id, shape, record_values FROM ${EXPORT_TABLES[resource]} ${filter} ORDER BY office_id, id`,
      );
      for (const row of rows.iterate(...params)) {
        yield { officeId: row.office_id, record: shapes.decode(row.shape, row.record_values) };
      }
    } finally {
      db.close();
    }
  }

  private findPatients(plan: SearchPlan, officeId: string | undefined, want: number): number[] {
    const found = new Set<number>();
    const take = (ids: readonly number[]): boolean => {
      for (const id of ids) {
        found.add(id);
        if (found.size >= want) return true;
      }
      return false;
    };
    // Each step asks for enough rows to fill the list even if some were found by an earlier step.
    const room = (): number => want + found.size;
    const office = officeId === undefined ? '' : 'AND office_id = ?';
    const officeParams = officeId === undefined ? [] : [officeId];

    const byPrefix = (index: string, column: string, order: string, token: string): number[] =>
      this.ids(`SELECT id FROM patients INDEXED BY ${index}
        WHERE ${column} >= ? AND ${column} < ? AND ${column} <> '' ${office} ORDER BY ${order} LIMIT ?`,
      token, prefixUpperBound(token), ...officeParams, room());

    const byFirstAndLast = (first: string, last: string): number[] => {
      // Range-scan the longer (more selective) prefix; the other filters within it.
      const index = last.length >= first.length ? 'patients_by_last_name' : 'patients_by_first_name';
      return this.ids(`SELECT id FROM patients INDEXED BY ${index}
        WHERE last_key >= ? AND last_key < ? AND first_key >= ? AND first_key < ? ${office}
        ORDER BY last_key, first_key LIMIT ?`,
      last, prefixUpperBound(last), first, prefixUpperBound(first), ...officeParams, room());
    };

    // Sorting every FTS match would read each matching row; the first `room()` are enough here,
    // since these come after the sorted name ranges anyway.
    const byFts = (match: string): number[] => officeId === undefined
      ? this.ids(`SELECT id FROM patients
          WHERE id IN (SELECT rowid FROM patient_search WHERE patient_search MATCH ? LIMIT ?)
          ORDER BY last_key, first_key`, match, room())
      : this.ids(`SELECT id FROM patients
          WHERE id IN (SELECT s.rowid FROM patient_search s JOIN patients o ON o.id = s.rowid
                       WHERE patient_search MATCH ? AND o.office_id = ? LIMIT ?)
          ORDER BY last_key, first_key`, match, officeId, room());

    switch (plan.kind) {
      case 'empty':
        return [];
      case 'digits': {
        if (take(byFts(ftsIdQuery(plan.digits)))) break;
        if (plan.phone.length >= 3) {
          take(this.ids(`SELECT ph.patient_row FROM patient_phones ph INDEXED BY patient_phones_by_digits
            ${officeId === undefined ? '' : 'JOIN patients p ON p.id = ph.patient_row'}
            WHERE ph.digits >= ? AND ph.digits < ? ${officeId === undefined ? '' : 'AND p.office_id = ?'}
            ORDER BY ph.digits LIMIT ?`, plan.phone, prefixUpperBound(plan.phone), ...officeParams, 2 * room()));
        }
        break;
      }
      case 'names': {
        const { tokens } = plan;
        if (plan.birthdates.length > 0) {
          take(this.birthdateMatches(plan.birthdates, tokens, officeId));
          break;
        }
        // A name's own prefix ranges: last, first, preferred, pet — each sorted, each cut at `room()`.
        const byNamePrefix = (token: string): boolean =>
          take(byPrefix('patients_by_last_name', 'last_key', 'last_key, first_key', token))
          || take(byPrefix('patients_by_first_name', 'first_key', 'first_key, last_key', token))
          || take(byPrefix('patients_by_preferred_name', 'preferred_key', 'preferred_key', token))
          || take(byPrefix('patients_by_pet_name', 'pet_key', 'pet_key', token));
        const [first] = tokens;
        const last = tokens[tokens.length - 1];
        if (plan.joined !== null && byNamePrefix(plan.joined)) break;
        if (tokens.length === 1 && first !== undefined) {
          if (byNamePrefix(first)) break;
        } else if (tokens.length === 2 && first !== undefined && last !== undefined) {
          const orders: [string, string][] = plan.lastNameFirst ? [[last, first], [first, last]] : [[first, last], [last, first]];
          if (orders.some(([f, l]) => take(byFirstAndLast(f, l)))) break;
        }
        take(byFts(ftsPrefixQuery(tokens)));
        break;
      }
    }
    return [...found];
  }

  /** Patients born on one of `dates` whose words start with every token, by name. */
  private birthdateMatches(dates: readonly string[], tokens: readonly string[], officeId: string | undefined): number[] {
    const office = officeId === undefined ? '' : 'AND office_id = ?';
    const rows = this.all<{ id: number; shape: number; record_values: string; guarantor_name: string | null }>(`
      SELECT id, shape, record_values, guarantor_name FROM patients WHERE birth_date IN (SELECT value FROM json_each(?)) ${office}
      ORDER BY last_key, first_key`, JSON.stringify(dates), ...(officeId === undefined ? [] : [officeId]));
    // Few patients share a birth date, so their words are checked here with the FTS semantics.
    return rows.filter((row) => {
      if (tokens.length === 0) return true;
      const record = this.shapes.decode(row.shape, row.record_values);
      const words = searchTokens(Object.values(patientSearchText(record, row.guarantor_name)).join(' '));
      return tokens.every((token) => words.some((word) => word.startsWith(token)));
    }).map((row) => row.id);
  }

  private searchResults(ids: readonly number[]): PatientSearchResult[] {
    if (ids.length === 0) return [];
    const rows = this.all<SearchRow>(`
      SELECT p.id, p.office_id, p.patient_id, p.kind, p.display_name, p.preferred_name, p.pet_name, p.species,
        p.birth_date, COALESCE(p.guarantor_name, g.display_name) AS guarantor_name, p.phone, p.status
      FROM patients p
      LEFT JOIN guarantors g ON g.office_id = p.office_id AND g.guarantor_id = p.guarantor_id
      WHERE p.id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [{
        officeId: row.office_id,
        patientId: row.patient_id,
        kind: row.kind,
        displayName: row.display_name,
        preferredName: row.preferred_name,
        petName: row.pet_name,
        species: row.species,
        birthdate: row.birth_date,
        guarantorName: row.guarantor_name,
        phone: row.phone,
        status: row.status,
      }] : [];
    });
  }

  private statement(sql: string): ReturnType<Connection['prepare']> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private ids(sql: string, ...params: unknown[]): number[] {
    return this.statement(sql).pluck(true).all(...params) as number[];
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).pluck(false).all(...params) as T[];
  }
}
