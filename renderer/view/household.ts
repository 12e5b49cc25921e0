/** How households and callers are put in words: pure, so the tests read them directly. */
import { callerMatchCounts, type CallerCard, type Household, type HouseholdMatch, type MatchedPhone } from '../../shared/domain/households';
import { wordsFor, type PatientWords } from './labels';

const FIELD_WORDS: Readonly<Record<MatchedPhone['field'], string>> = { cell: 'cell', home: 'home phone', work: 'work phone' };

/** The practice's words for a household: patients and a guarantor, or pets and an owner. */
export function householdWords(role: Household['role']): PatientWords {
  return wordsFor(role === 'owner' ? 'pet' : 'person', null);
}

/** "cell, work phone ext. 12 (last seven digits only)". */
export function matchedPhonesText(phones: readonly MatchedPhone[]): string {
  return phones
    .map((phone) => `${FIELD_WORDS[phone.field]}${phone.extension === null ? '' : ` ext. ${phone.extension}`}${phone.lastSevenOnly ? ' (last seven digits only)' : ''}`)
    .join(', ');
}

/** Whose household it is: the guarantor's name (or id), else, without a guarantor, the one member's. */
export function householdName(household: Household): string {
  if (household.guarantor?.displayName != null) return household.guarantor.displayName;
  if (household.guarantorId !== null) return `#${household.guarantorId}`;
  return household.members[0]?.displayName ?? '';
}

const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What a screen reader hears when a call arrives, and the card's summary line. */
export function callerSummary(card: CallerCard): string {
  if (card.number === null) return 'The phone system sent something that is not a phone number, so nothing was looked up.';
  if (card.households.length === 0) return `No one in the copy on this PC has ${card.number.display}.`;
  const more = card.truncated ? ' More have this number than are shown.' : '';
  const { people, pets } = callerMatchCounts(card);
  const who = [people > 0 ? count(people, 'person', 'people') : null, pets > 0 ? count(pets, 'pet', 'pets') : null].filter((part) => part !== null).join(' and ');
  return `${who} in ${count(card.households.length, 'household', 'households')} ${people + pets === 1 ? 'has' : 'have'} ${card.number.display}.${more}`;
}

/** "owner · 2 pets", "guarantor · 3 patients". */
export function householdMatchText(match: HouseholdMatch): string {
  const words = householdWords(match.role);
  return `${words.guarantor.toLowerCase()} \u00b7 ${count(match.memberCount, words.patient.toLowerCase(), words.patients)}`;
}
