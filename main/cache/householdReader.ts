/**
 * The household and caller queries: who has a phone number, a guarantor (or owner) with
 * everyone they are responsible for and each one's next appointment, and guarantors found by
 * name. Every lookup is a few index probes (number key, last seven digits, patients by
 * guarantor, appointments by patient), so a ringing phone is answered in milliseconds at
 * 100,000 patients.
 */
import type {
  CallerCard,
  Household,
  HouseholdGuarantor,
  HouseholdMatch,
  HouseholdMember,
  MatchedPhone,
  PhoneField,
} from '../../shared/domain/households';
import type { PatientKind } from '../../shared/domain/patients';
import { isVeterinary, type SikkaRecord } from '../../shared/domain/records';
import type { AppointmentSummary } from '../../shared/domain/schedule';
import { formatPhoneNumber, parsePhoneNumber } from '../../shared/phone/phoneNumber';
import { guarantorPhoneText } from './householdIndex';
import { fieldText, orNull } from './normalize';
import { officeLocalMoment, type LocalMoment } from './officeClock';

/** What the reader lends these queries: its cached statements and its record shapes. */
export interface ReaderAccess {
  all<T>(sql: string, ...params: unknown[]): T[];
  decode(shape: number, values: string): SikkaRecord;
  /** The appointment columns and joins every appointment list shares. */
  readonly appointmentSql: { readonly columns: string; readonly joins: string };
  toAppointment(row: unknown): AppointmentSummary;
}

/** More than this many phones with one number is a shared line (a care home, the practice itself): enough to show. */
const MAX_NUMBER_MATCHES = 100;
export const MAX_CALLER_HOUSEHOLDS = 10;
export const MAX_HOUSEHOLD_MEMBERS = 50;
export const MAX_HOUSEHOLD_MATCHES = 5;

/** One phone with the number, and whose it is, straight from the covering index. */
interface PhoneHit {
  owner: 'patient' | 'guarantor';
  row: number;
  field: PhoneField;
  extension: string | null;
  last_seven_only: number;
  office_id: string;
  /** A guarantor's linked patient (for an owner, one of their pets). */
  patient_id: string | null;
  guarantor_id: string | null;
  /** Patients only. */
  kind: PatientKind | null;
}

interface OfficeRow {
  domain: string | null;
  time_zone: string | null;
}

interface GuarantorRow {
  id: number;
  guarantor_id: string;
  patient_id: string | null;
  display_name: string | null;
  status: string | null;
  email: string | null;
  shape: number;
  record_values: string;
}

interface MemberRow {
  id: number;
  patient_id: string;
  kind: PatientKind;
  display_name: string;
  species: string | null;
  birth_date: string | null;
  status: string | null;
  last_visit: string | null;
}

const MEMBER_COLUMNS = 'id, patient_id, kind, display_name, species, birth_date, status, last_visit';
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The phones one lookup matched, by patient row and by guarantor row. */
interface Matches {
  readonly patients: ReadonlyMap<number, readonly MatchedPhone[]>;
  readonly guarantors: ReadonlyMap<number, readonly MatchedPhone[]>;
}

const NO_MATCHES: Matches = { patients: new Map(), guarantors: new Map() };

export class HouseholdReader {
  private readonly offices = new Map<string, OfficeRow | null>();

  constructor(private readonly access: ReaderAccess, private readonly now: number) {}

  /** Everyone whose cell, home or work phone is `text`, by household. */
  callerCard(text: string): CallerCard {
    const phone = parsePhoneNumber(text);
    if (phone === null) return { number: null, households: [], matchedPeople: 0, truncated: false };
    const number = { ...phone, display: formatPhoneNumber(phone) };

    // A full number also finds phones the copy holds as seven digits; seven digits find every number ending so.
    const where = phone.kind === 'local' ? 'last_seven = ?' : 'number_key IN (?, ?)';
    const params = phone.kind === 'local' ? [phone.key, phone.key] : [phone.key, phone.key, phone.kind === 'nanp' ? phone.lastSeven : phone.key];
    const hits = this.access.all<PhoneHit>(`
      SELECT 'patient' AS owner, patient_row AS row, field, extension, number_key <> ? AS last_seven_only, office_id, patient_id, guarantor_id, kind
      FROM patient_phone_numbers WHERE ${where}
      UNION ALL
      SELECT 'guarantor', guarantor_row, field, extension, number_key <> ?, office_id, patient_id, guarantor_id, NULL
      FROM guarantor_phone_numbers WHERE ${where}
      LIMIT ?`, ...params, ...params, MAX_NUMBER_MATCHES + 1);
    const truncatedHits = hits.length > MAX_NUMBER_MATCHES;

    const matches = { patients: new Map<number, MatchedPhone[]>(), guarantors: new Map<number, MatchedPhone[]>() };
    const people = new Map<string, PhoneHit>();
    for (const hit of hits.slice(0, MAX_NUMBER_MATCHES)) {
      const byRow = hit.owner === 'patient' ? matches.patients : matches.guarantors;
      const phones = byRow.get(hit.row) ?? [];
      phones.push({ field: hit.field, lastSevenOnly: hit.last_seven_only === 1, extension: hit.extension });
      byRow.set(hit.row, phones);
      people.set(`${hit.owner}\u0000${hit.row}`, hit);
    }

    // A guarantor who is also a matched patient is one person (an owner's patient_id names a pet: two).
    const matchedPersons = new Set([...people.values()].filter((hit) => hit.owner === 'patient' && hit.kind === 'person').map((hit) => `${hit.office_id}\u0000${hit.patient_id ?? ''}`));
    const matchedPeople = [...people.values()].filter((hit) => hit.owner === 'patient' || hit.patient_id === null || !matchedPersons.has(`${hit.office_id}\u0000${hit.patient_id}`)).length;

    const wanted = new Map<string, { officeId: string; guarantorId: string | null; patientId: string | null; exact: boolean }>();
    for (const hit of people.values()) {
      const guarantorId = hit.guarantor_id;
      const key = guarantorId === null ? `${hit.office_id}\u0000p\u0000${hit.patient_id ?? ''}` : `${hit.office_id}\u0000g\u0000${guarantorId}`;
      const exact = ((hit.owner === 'patient' ? matches.patients : matches.guarantors).get(hit.row) ?? []).some((each) => !each.lastSevenOnly);
      const known = wanted.get(key);
      if (known) known.exact ||= exact;
      else wanted.set(key, { officeId: hit.office_id, guarantorId, patientId: hit.patient_id, exact });
    }

    const chosen = [...wanted.values()].sort((a, b) => Number(b.exact) - Number(a.exact)).slice(0, MAX_CALLER_HOUSEHOLDS);
    const households = chosen
      .map((each) => ({ exact: each.exact, household: this.build(each.officeId, each.guarantorId, each.patientId, matches) }))
      .filter((each): each is { exact: boolean; household: Household } => each.household !== null)
      .sort((a, b) => Number(b.exact) - Number(a.exact) || collator.compare(householdName(a.household), householdName(b.household)))
      .map((each) => each.household);
    return { number, households, matchedPeople, truncated: truncatedHits || wanted.size > MAX_CALLER_HOUSEHOLDS };
  }

  /** A guarantor (or owner) with everyone they are responsible for; null when the copy knows neither. */
  household(officeId: string, guarantorId: string): Household | null {
    return this.build(officeId, guarantorId, null, NO_MATCHES);
  }

  /** Guarantors (owners) whose names start with every token, by name, with how many they are responsible for. */
  householdMatches(ftsQuery: string, officeId: string | undefined): HouseholdMatch[] {
    const office = officeId === undefined ? '' : 'AND g.office_id = ?';
    const rows = this.access.all<{ office_id: string; guarantor_id: string; display_name: string | null; domain: string | null; members: number }>(`
      SELECT g.office_id, g.guarantor_id, g.display_name, o.domain,
        (SELECT count(*) FROM patients p WHERE p.office_id = g.office_id AND p.guarantor_id = g.guarantor_id) AS members
      FROM guarantors g JOIN offices o ON o.office_id = g.office_id
      WHERE g.id IN (SELECT rowid FROM guarantor_search WHERE guarantor_search MATCH ? LIMIT 200) ${office}
      ORDER BY g.last_name, g.first_name, g.guarantor_id LIMIT ?`,
    ftsQuery, ...(officeId === undefined ? [] : [officeId]), MAX_HOUSEHOLD_MATCHES);
    return rows.map((row) => ({
      officeId: row.office_id,
      guarantorId: row.guarantor_id,
      role: row.domain !== null && isVeterinary(row.domain) ? 'owner' : 'guarantor',
      displayName: row.display_name ?? `#${row.guarantor_id}`,
      memberCount: row.members,
    }));
  }

  private build(officeId: string, guarantorId: string | null, patientId: string | null, matches: Matches): Household | null {
    const office = this.office(officeId);
    if (office === null) return null;
    const [guarantorRow] = guarantorId === null ? [] : this.access.all<GuarantorRow>(
      'SELECT id, guarantor_id, patient_id, display_name, status, email, shape, record_values FROM guarantors WHERE office_id = ? AND guarantor_id = ?',
      officeId, guarantorId,
    );
    const memberRows = guarantorId !== null
      ? this.access.all<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM patients WHERE office_id = ? AND guarantor_id = ? LIMIT ?`, officeId, guarantorId, MAX_HOUSEHOLD_MEMBERS + 1)
      : this.access.all<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM patients WHERE office_id = ? AND patient_id = ?`, officeId, patientId);
    if (guarantorRow === undefined && memberRows.length === 0) return null;

    const role = office.domain !== null && isVeterinary(office.domain) ? 'owner' : 'guarantor';
    // Sikka links an owner to one of their pets: that is no record of the owner's own.
    const linkedId = guarantorRow?.patient_id ?? null;
    const linkedKind = linkedId === null ? null : (memberRows.find((row) => row.patient_id === linkedId)?.kind ?? (role === 'owner' ? 'pet' : 'person'));
    const ownPatientId = linkedKind === 'person' ? linkedId : null;
    let guarantor: HouseholdGuarantor | null = null;
    if (guarantorRow !== undefined) {
      const record = this.access.decode(guarantorRow.shape, guarantorRow.record_values);
      const phones = guarantorPhoneText(record);
      guarantor = {
        guarantorId: guarantorRow.guarantor_id,
        displayName: guarantorRow.display_name,
        status: guarantorRow.status,
        patientId: ownPatientId,
        cellPhone: phones.cell,
        homePhone: phones.home,
        workPhone: phones.work,
        email: guarantorRow.email ?? orNull(fieldText(record, 'email')),
        matchedPhones: matches.guarantors.get(guarantorRow.id) ?? [],
      };
    }
    const listed = memberRows.slice(0, MAX_HOUSEHOLD_MEMBERS);
    const next = this.nextAppointments(officeId, listed.map((row) => row.patient_id), officeLocalMoment(this.now, office.time_zone));
    const members: HouseholdMember[] = listed.map((row) => ({
      patientId: row.patient_id,
      kind: row.kind,
      displayName: row.display_name,
      species: row.species,
      birthdate: row.birth_date,
      status: row.status,
      lastVisit: row.last_visit,
      nextAppointment: next.get(row.patient_id) ?? null,
      isGuarantor: ownPatientId !== null && row.patient_id === ownPatientId,
      matchedPhones: matches.patients.get(row.id) ?? [],
    }));
    members.sort((a, b) => Number(b.isGuarantor) - Number(a.isGuarantor) || collator.compare(a.displayName, b.displayName) || collator.compare(a.patientId, b.patientId));
    return {
      officeId,
      role,
      guarantorId,
      guarantor,
      members,
      membersTruncated: memberRows.length > MAX_HOUSEHOLD_MEMBERS,
    };
  }

  /**
   * Each patient's first appointment as the patient record splits them: on a later day, or today
   * at or after this minute (untimed ones count as late today). One query for a household.
   */
  private nextAppointments(officeId: string, patientIds: readonly string[], local: LocalMoment): Map<string, AppointmentSummary> {
    const { columns, joins } = this.access.appointmentSql;
    const rows = patientIds.length === 0 ? [] : this.access.all<unknown>(`
      SELECT ${columns} FROM appointments a INDEXED BY appointments_by_patient ${joins}
      WHERE a.office_id = ? AND a.patient_id IN (SELECT value FROM json_each(?))
        AND (a.appt_date > ? OR (a.appt_date = ? AND COALESCE(a.start_minute, 1439) >= ?))
      ORDER BY a.appt_date, a.start_minute, a.appointment_sr_no`,
    officeId, JSON.stringify(patientIds), local.date, local.date, local.minute);
    const next = new Map<string, AppointmentSummary>();
    for (const row of rows) {
      const appointment = this.access.toAppointment(row);
      if (appointment.patientId !== null && !next.has(appointment.patientId)) next.set(appointment.patientId, appointment);
    }
    return next;
  }

  private office(officeId: string): OfficeRow | null {
    if (!this.offices.has(officeId)) {
      const [row] = this.access.all<OfficeRow>('SELECT domain, time_zone FROM offices WHERE office_id = ?', officeId);
      this.offices.set(officeId, row ?? null);
    }
    return this.offices.get(officeId) ?? null;
  }
}

function householdName(household: Household): string {
  return household.guarantor?.displayName ?? household.members[0]?.displayName ?? '';
}
