/**
 * What the patient screens receive from the local cache. Pets of veterinary offices are
 * patients too (`kind: 'pet'`), and their guarantor is the owner. Dates are ISO `yyyy-mm-dd`.
 */
import type { HouseholdMatch } from './households';
import type { AppointmentSummary } from './schedule';

export type PatientKind = 'person' | 'pet';

export interface PatientSearchQuery {
  /** What the staff member typed: names or name prefixes, phone digits, an id or a birth date. */
  readonly text: string;
  /** Only this office; every office when absent. */
  readonly officeId?: string;
  /** At most this many results (default 50, at most 200). */
  readonly limit?: number;
}

export interface PatientSearchResult {
  readonly officeId: string;
  readonly patientId: string;
  readonly kind: PatientKind;
  /** "First Last" for people; the pet's name for pets. */
  readonly displayName: string;
  readonly preferredName: string | null;
  readonly petName: string | null;
  readonly species: string | null;
  readonly birthdate: string | null;
  /** The guarantor's name, or the owner's for a pet. */
  readonly guarantorName: string | null;
  /** The first of cell, home and work phone that is present, as Sikka sent it. */
  readonly phone: string | null;
  readonly status: string | null;
}

export interface PatientSearchResponse {
  readonly results: readonly PatientSearchResult[];
  /** More patients matched than `limit`; the staff member should type more. */
  readonly truncated: boolean;
  /** Guarantors (pet owners) whose own names match the words, a few at most, by name. */
  readonly households: readonly HouseholdMatch[];
}

export interface PetDetails {
  readonly petName: string | null;
  readonly species: string | null;
  readonly breed: string | null;
  readonly color: string | null;
  readonly gender: string | null;
  readonly weight: string | null;
  readonly weightUnit: string | null;
  readonly age: string | null;
  readonly microchip: string | null;
  readonly deceasedDate: string | null;
}

export interface GuarantorSummary {
  /** `owner` for a pet's guarantor. */
  readonly role: 'guarantor' | 'owner';
  readonly guarantorId: string;
  readonly displayName: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface PatientProvider {
  readonly providerId: string;
  readonly displayName: string | null;
}

export interface PatientDetail {
  readonly officeId: string;
  readonly patientId: string;
  readonly kind: PatientKind;
  readonly displayName: string;
  readonly firstName: string | null;
  readonly middleName: string | null;
  readonly lastName: string | null;
  readonly preferredName: string | null;
  readonly birthdate: string | null;
  readonly status: string | null;
  readonly cellPhone: string | null;
  readonly homePhone: string | null;
  readonly workPhone: string | null;
  readonly email: string | null;
  readonly address: {
    readonly line1: string | null;
    readonly line2: string | null;
    readonly city: string | null;
    readonly state: string | null;
    readonly zipcode: string | null;
  };
  /** Present for pets only. */
  readonly pet: PetDetails | null;
  readonly guarantor: GuarantorSummary | null;
  readonly provider: PatientProvider | null;
  readonly firstVisit: string | null;
  readonly lastVisit: string | null;
  /** Before `now` in the office's time zone, most recent first. */
  readonly pastAppointments: readonly AppointmentSummary[];
  /** At or after `now`, soonest first. */
  readonly upcomingAppointments: readonly AppointmentSummary[];
}
