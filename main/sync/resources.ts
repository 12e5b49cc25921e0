/**
 * What the sync copies from each office, in the order it copies it: guarantors before patients
 * (a patient row falls back to its guarantor's cached name), patients before appointments.
 */
import { isVeterinary, SYNCED_RESOURCES, type PracticeDomain, type SyncedResource } from '../../shared/domain/records';

export interface ResourceSource {
  readonly resource: SyncedResource;
  /** The collection as the client names it. */
  readonly path: string;
}

/** A Veterinary office's patients are its pets, served as `veterinary_patients`. */
export function resourcesOf(domain: PracticeDomain): readonly ResourceSource[] {
  return SYNCED_RESOURCES.map((resource) => ({
    resource,
    path: resource === 'patients' && isVeterinary(domain) ? 'patients/veterinary_patients' : resource,
  }));
}
