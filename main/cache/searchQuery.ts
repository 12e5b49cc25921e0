/**
 * Reading what a staff member typed into a patient search. Pure and total: any input, however
 * hostile (quotes, FTS operators, `*`, NEAR, control characters, any script), becomes one of a
 * few safe shapes; FTS expressions are built only from folded letter/digit tokens, each quoted.
 */
import { calendarDate, phoneDigits, searchTokens } from './normalize';

export type SearchPlan =
  | { readonly kind: 'empty' }
  /** Only digits and phone punctuation: an id, or the start of a phone number. */
  | { readonly kind: 'digits'; readonly digits: string; readonly phone: string }
  /** Name prefixes and/or birth dates (any of the ISO dates listed). */
  | {
      readonly kind: 'names';
      readonly tokens: readonly string[];
      readonly birthdates: readonly string[];
      /** "Smith, John": the comma says the last name came first. */
      readonly lastNameFirst: boolean;
      /** One word split by punctuation ("O'Br", "Smith-Jo"), joined as the name keys are ("obr"). */
      readonly joined: string | null;
    };

const MAX_QUERY_CHARS = 200;
const MAX_TOKENS = 8;
const MAX_TOKEN_CHARS = 64;
const PHONE_LIKE = /^[\d\s().+-]+$/;
const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const MDY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/;

/**
 * Birth dates a word may mean: 1985-03-14, 03/14/1985, 3/14/85, 3-14-1985, 14.03.1985 (day
 * first only when the first number cannot be a month). A two-digit year may be 19xx or 20xx.
 */
export function birthdateCandidates(word: string): string[] {
  const ymd = YMD.exec(word);
  if (ymd) {
    const date = calendarDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    return date === null ? [] : [date];
  }
  const mdy = MDY.exec(word);
  if (!mdy) return [];
  let month = Number(mdy[1]);
  let day = Number(mdy[2]);
  if (month > 12 && day <= 12) [month, day] = [day, month];
  const yearText = mdy[3] ?? '';
  const years = yearText.length === 4 ? [Number(yearText)] : [1900 + Number(yearText), 2000 + Number(yearText)];
  return years.map((year) => calendarDate(year, month, day)).filter((date): date is string => date !== null);
}

export function planSearch(input: string): SearchPlan {
  const text = input.slice(0, MAX_QUERY_CHARS).trim();
  if (text === '') return { kind: 'empty' };

  const wholeDate = birthdateCandidates(text);
  if (wholeDate.length > 0) return { kind: 'names', tokens: [], birthdates: wholeDate, lastNameFirst: false, joined: null };

  if (PHONE_LIKE.test(text) && /\d/.test(text)) {
    return { kind: 'digits', digits: text.replace(/\D+/g, ''), phone: phoneDigits(text) };
  }

  const tokens: string[] = [];
  const birthdates: string[] = [];
  const words = text.split(/[\s,]+/).filter((word) => word !== '');
  for (const word of words) {
    const dates = birthdateCandidates(word);
    if (dates.length > 0) birthdates.push(...dates);
    else tokens.push(...searchTokens(word).map((token) => token.slice(0, MAX_TOKEN_CHARS)));
  }
  if (tokens.length === 0 && birthdates.length === 0) return { kind: 'empty' };
  const joined = words.length === 1 && tokens.length > 1 ? tokens.join('').slice(0, MAX_TOKEN_CHARS) : null;
  return { kind: 'names', tokens: tokens.slice(0, MAX_TOKENS), birthdates, lastNameFirst: text.includes(','), joined };
}

/** `"tok"*` for each token, ANDed: a prefix match on every token, in any column. */
export function ftsPrefixQuery(tokens: readonly string[]): string {
  return tokens.map((token) => `"${token.replaceAll('"', '""')}"*`).join(' AND ');
}

/** An exact id token in the `ids` column. */
export function ftsIdQuery(digits: string): string {
  return `ids : "${digits.replaceAll('"', '""')}"`;
}

/** The exclusive upper bound of every string starting with `prefix` (binary collation). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}\u{10FFFF}`;
}
