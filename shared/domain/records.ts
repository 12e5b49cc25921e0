/**
 * A record exactly as Sikka sent it. Every scalar is a string in Sikka's API; v2 nests links as
 * `{ "href": ... }` objects and change logs carry arrays, so the shape is any JSON value.
 */
export type SikkaValue = string | number | boolean | null | SikkaRecord | readonly SikkaValue[];
export interface SikkaRecord {
  readonly [field: string]: SikkaValue;
}

/** The practice's kind of business, as `authorized_practices.domain` names it. */
export type PracticeDomain = 'Dental' | 'Veterinary' | 'Audiology' | 'Optometry' | 'Medical' | (string & {});

/** The collections the app copies from each office. */
export const SYNCED_RESOURCES = ['practices', 'providers', 'guarantors', 'patients', 'appointments'] as const;
export type SyncedResource = (typeof SYNCED_RESOURCES)[number];

/** Sikka names each collection's own id field differently. */
export const RECORD_ID_FIELD = {
  practices: 'practice_id',
  providers: 'provider_id',
  guarantors: 'guarantor_id',
  patients: 'patient_id',
  appointments: 'appointment_sr_no',
} as const satisfies Record<SyncedResource, string>;

export function isVeterinary(domain: PracticeDomain): boolean {
  return domain.trim().toLowerCase() === 'veterinary';
}
