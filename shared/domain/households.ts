/**
 * Households and callers: a guarantor (a pet's owner in a veterinary office) with everyone they
 * are responsible for, and the card that answers "who is calling?" from a phone number. Dates
 * are ISO `yyyy-mm-dd`; phones are as Sikka sent them.
 */
import type { PhoneNumber } from '../phone/phoneNumber';
import type { PatientKind } from './patients';
import type { AppointmentSummary } from './schedule';

/** The three phones patients and guarantors carry (Sikka's cell, homephone or phone, workphone). */
export type PhoneField = 'cell' | 'home' | 'work';

export interface MatchedPhone {
  readonly field: PhoneField;
  /**
   * Only the last seven digits agree: the copy has this phone without its area code, or the
   * caller's number came without one. Possibly someone else in another area code.
   */
  readonly lastSevenOnly: boolean;
  /** The extension the copy records on this phone. */
  readonly extension: string | null;
}

export interface HouseholdMember {
  readonly patientId: string;
  readonly kind: PatientKind;
  /** "First Last" for people; the pet's name for pets. */
  readonly displayName: string;
  readonly species: string | null;
  readonly birthdate: string | null;
  readonly status: string | null;
  readonly lastVisit: string | null;
  /** The first appointment at or after now in the office's time. */
  readonly nextAppointment: AppointmentSummary | null;
  /** The guarantor's own patient record (a dental guarantor is usually a patient too). */
  readonly isGuarantor: boolean;
  /** Which of this member's phones the caller's number is; empty outside the caller card. */
  readonly matchedPhones: readonly MatchedPhone[];
}

export interface HouseholdGuarantor {
  readonly guarantorId: string;
  readonly displayName: string | null;
  readonly status: string | null;
  /** Their own patient record, when they are a patient of the office (never a pet: Sikka links an owner to a pet). */
  readonly patientId: string | null;
  readonly cellPhone: string | null;
  readonly homePhone: string | null;
  readonly workPhone: string | null;
  readonly email: string | null;
  readonly matchedPhones: readonly MatchedPhone[];
}

export interface Household {
  readonly officeId: string;
  /** `owner` in a veterinary office. */
  readonly role: 'guarantor' | 'owner';
  /** Null for a patient the copy records without a guarantor. */
  readonly guarantorId: string | null;
  /** Null when there is no guarantor, or the copy lacks the guarantor's record. */
  readonly guarantor: HouseholdGuarantor | null;
  /** The guarantor's own record first, then by name. */
  readonly members: readonly HouseholdMember[];
  /** More members than are listed. */
  readonly membersTruncated: boolean;
}

/** A guarantor or owner found by name in a patient search. */
export interface HouseholdMatch {
  readonly officeId: string;
  readonly guarantorId: string;
  readonly role: 'guarantor' | 'owner';
  readonly displayName: string;
  readonly memberCount: number;
}

export interface CallerNumber extends PhoneNumber {
  /** "(217) 555-0100 ext. 12", written from the number read, never from the text that arrived. */
  readonly display: string;
}

export interface CallerCard {
  /** Null when what arrived is not a phone number: nothing was looked up. */
  readonly number: CallerNumber | null;
  /** Households of everyone with this number, exact matches first. */
  readonly households: readonly Household[];
  /** How many have this number (patients, pets, guarantors, owners), each person counted once. */
  readonly matchedPeople: number;
  /** More people have this number than the households listed. */
  readonly truncated: boolean;
}

/** Who has the number, as people and pets (the pets of the households listed). */
export function callerMatchCounts(card: CallerCard): { readonly people: number; readonly pets: number } {
  const pets = card.households.flatMap((household) => household.members).filter((member) => member.kind === 'pet' && member.matchedPhones.length > 0).length;
  return { people: Math.max(0, card.matchedPeople - pets), pets };
}
