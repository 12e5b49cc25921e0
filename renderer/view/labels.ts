/**
 * The practice's own words: a dental office has patients and guarantors, a veterinary office has
 * pets and owners. A record says it is a pet (`kind: 'pet'`); the office's domain says so for the
 * office as a whole (headings, empty states).
 */
import { isVeterinary, type PracticeDomain } from '../../shared/domain/records';
import type { PatientKind } from '../../shared/domain/patients';

export interface PatientWords {
  readonly patient: 'Patient' | 'Pet';
  readonly patients: 'patients' | 'pets';
  readonly guarantor: 'Guarantor' | 'Owner';
}

const PERSON: PatientWords = { patient: 'Patient', patients: 'patients', guarantor: 'Guarantor' };
const PET: PatientWords = { patient: 'Pet', patients: 'pets', guarantor: 'Owner' };

export function wordsFor(kind: PatientKind | null, domain: PracticeDomain | null): PatientWords {
  if (kind === 'pet') return PET;
  if (kind === 'person') return PERSON;
  return domain !== null && isVeterinary(domain) ? PET : PERSON;
}

export interface Noun {
  readonly one: string;
  readonly many: string;
}

/** What the search finds across the offices searched: patients, pets, or both. */
export function searchNoun(domains: readonly (PracticeDomain | null)[]): Noun {
  const vets = domains.filter((domain) => domain !== null && isVeterinary(domain)).length;
  if (domains.length > 0 && vets === domains.length) return { one: 'pet', many: 'pets' };
  return vets === 0 ? { one: 'patient', many: 'patients' } : { one: 'patient or pet', many: 'patients and pets' };
}

/** Who a search can name besides the patient: "guarantor", "owner", or both. */
export function searchableGuarantor(domains: readonly (PracticeDomain | null)[]): string {
  const vets = domains.filter((domain) => domain !== null && isVeterinary(domain)).length;
  if (domains.length > 0 && vets === domains.length) return 'owner';
  return vets === 0 ? 'guarantor' : 'guarantor or owner';
}

export function countOf(count: number, noun: Noun): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun.one : noun.many}`;
}

/** What the live region says about a search's answer. */
export function resultCountText(count: number, truncated: boolean, noun: Noun, text: string): string {
  if (count === 0) return `No ${noun.many} match \u201c${text.trim()}\u201d.`;
  if (truncated) return `Showing the first ${countOf(count, noun)}; type more to narrow the search.`;
  return `${countOf(count, noun)} found.`;
}
