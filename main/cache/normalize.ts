/**
 * Pure helpers that turn Sikka's all-string fields into the indexed columns the screens query,
 * and fold text the same way for what is stored and what staff type.
 */
import type { SikkaRecord } from '../../shared/domain/records';

/** A field as trimmed text; numbers and booleans as their text, anything else as ''. */
export function fieldText(record: SikkaRecord, field: string): string {
  const value = record[field];
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function orNull(text: string): string | null {
  return text === '' ? null : text;
}

/**
 * Lower case without accents, compatibility forms unfolded ("José" → "jose", "ﬁ" → "fi"): the
 * JavaScript side of FTS5's `unicode61 remove_diacritics 2`, applied before storing and before
 * querying so both agree whatever the tokenizer's own tables say.
 */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
}

const TOKEN_SEPARATOR = /[^\p{L}\p{N}\p{Co}]+/u;

/** The words of `text`, folded; punctuation (apostrophes, hyphens, quotes, operators) separates. */
export function searchTokens(text: string): string[] {
  return foldText(text).split(TOKEN_SEPARATOR).filter((token) => token !== '');
}

/** A name folded to letters and digits only, for sorted B-tree prefix ranges ("O'Brien" → "obrien"). */
export function nameKey(text: string): string {
  return searchTokens(text).join('');
}

/** Digits of a phone number; a leading US country code 1 on an 11-digit number is dropped. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D+/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** "yyyy-mm-dd" for a real calendar date between 1800 and 2999, else null. */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|[T ])/;

/** "2020-09-29T00:00:00", "2015-11-02" or "09/29/2020" → "2020-09-29"; anything else → null. */
export function isoDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = US_DATE.exec(text);
  if (us) return calendarDate(Number(us[3]), Number(us[1]), Number(us[2]));
  return null;
}

export interface TimeOfDay {
  /** 24-hour "HH:MM". */
  readonly time: string;
  readonly minute: number;
}

const CLOCK = /(?:^|[T ])(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([AaPp][Mm])?\s*$/;

/** "10:30", "08:40:00", "8:40 PM" or the time inside "2020-09-29T10:30:00" → { "10:30", 630 }. */
export function timeOfDay(text: string): TimeOfDay | null {
  const match = CLOCK.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return { time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, minute: hour * 60 + minute };
}

/** Whole minutes from a count such as "60" or "60.0"; null when absent or not a number. */
export function wholeMinutes(text: string): number | null {
  if (!/^\d+(?:\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text));
}

/** Names joined with single spaces, skipping the empty ones. */
export function joinName(...parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join(' ');
}
