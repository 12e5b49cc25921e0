/**
 * Phone numbers as practice records and phone systems write them: "(217) 555-0100",
 * "217.555.0100", "+1 217 555 0100", "1-217-555-0100 x12", "555-0100", "+44 20 7946 0958".
 * One pure, total reader for what is cached and for what a phone system hands over, so both
 * sides meet on the same key.
 *
 * Only what a number's own text says is claimed: North American numbers (ten digits, the area
 * code starting 2–9, optionally after 1 or +1) get their national form and E.164; a number
 * written with + keeps its digits as E.164; anything else keeps its digits and no more. Letters
 * (vanity numbers, words), control characters, non-ASCII digits, fewer than seven or more than
 * fifteen digits, and an extension on its own are not phone numbers: null, never an exception.
 */

export type PhoneNumberKind =
  /** Ten digits of the North American Numbering Plan (the US, Canada and the Caribbean). */
  | 'nanp'
  /** Written with + and a country code other than 1. */
  | 'international'
  /** Seven digits without an area code: the last seven of a number. */
  | 'local'
  /** Digits that are none of the above (8 to 15, or a ten-digit number no NANP area code starts). */
  | 'other';

export interface PhoneNumber {
  readonly kind: PhoneNumberKind;
  /**
   * What numbers are matched on: the ten-digit national form of a NANP number, the digits after
   * + (country code included) of an international one, else the digits as written.
   */
  readonly key: string;
  /** "2175550100" for NANP numbers, else null. */
  readonly national: string | null;
  /** "+12175550100" for NANP numbers, "+442079460958" for international ones, else null. */
  readonly e164: string | null;
  /** The key's last seven digits: how a number written without its area code is found. */
  readonly lastSeven: string;
  /** Digits after x, ext, ext., extension, ;ext= or #; never part of the number. */
  readonly extension: string | null;
}

/** Longer text is not a phone number (and is not worth reading). */
export const MAX_PHONE_TEXT = 64;
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
const MAX_EXTENSION_DIGITS = 8;

// Separators people and PMSs use: space, no-break space, parentheses, dot, slash, hyphens and dashes.
const NUMBER_PART = /^\+?[0-9 \u00a0()./\u2010-\u2015-]+$/;
const EXTENSION = /^(.*?)[ \u00a0]*(?:;[ \u00a0]*ext[ \u00a0]*=|,?[ \u00a0]*(?:extension|ext\.?|x|#))[ \u00a0]*([0-9]+)[ \u00a0]*$/i;

/** Reads a phone number; null for anything that is not one. */
export function parsePhoneNumber(text: string): PhoneNumber | null {
  if (typeof text !== 'string' || text.length > MAX_PHONE_TEXT) return null;
  let body = text.trim();
  let extension: string | null = null;
  const withExtension = EXTENSION.exec(body);
  if (withExtension) {
    body = (withExtension[1] ?? '').trim();
    extension = withExtension[2] ?? '';
    if (extension.length > MAX_EXTENSION_DIGITS) return null;
  }
  if (!NUMBER_PART.test(body)) return null;
  const plus = body.startsWith('+');
  const digits = body.replace(/[^0-9]/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;

  const nanp = nanpNational(digits, plus);
  if (nanp === 'invalid') return null;
  if (nanp !== 'not-nanp') return number('nanp', nanp.national, nanp.national, `+1${nanp.national}`, extension);
  if (plus) return number('international', digits, null, `+${digits}`, extension);
  if (digits.length === MIN_DIGITS) return number('local', digits, null, null, extension);
  return number('other', digits, null, null, extension);
}

type NanpReading = { readonly national: string } | 'not-nanp' | 'invalid';

/** The ten-digit national form; 'invalid' for a +1 number that cannot be one. */
function nanpNational(digits: string, plus: boolean): NanpReading {
  const areaCodeStart = (national: string): boolean => /^[2-9]/.test(national);
  if (plus) {
    if (!digits.startsWith('1')) return 'not-nanp';
    const national = digits.slice(1);
    return national.length === 10 && areaCodeStart(national) ? { national } : 'invalid';
  }
  if (digits.length === 10 && areaCodeStart(digits)) return { national: digits };
  if (digits.length === 11 && digits.startsWith('1') && areaCodeStart(digits.slice(1))) return { national: digits.slice(1) };
  return 'not-nanp';
}

function number(kind: PhoneNumberKind, key: string, national: string | null, e164: string | null, extension: string | null): PhoneNumber {
  return { kind, key, national, e164, lastSeven: key.slice(-MIN_DIGITS), extension };
}

/**
 * The number in one canonical text that reads back to the same number: E.164 when known, else
 * the digits, with ";ext=" and the extension. What travels between processes instead of what
 * a phone system or a link sent.
 */
export function canonicalPhoneText(phone: PhoneNumber): string {
  return `${phone.e164 ?? phone.key}${phone.extension === null ? '' : `;ext=${phone.extension}`}`;
}

/** "(217) 555-0100 ext. 12", "+442079460958", "555-0100" — for people to read. */
export function formatPhoneNumber(phone: PhoneNumber): string {
  const { key } = phone;
  const main = phone.kind === 'nanp'
    ? `(${key.slice(0, 3)}) ${key.slice(3, 6)}-${key.slice(6)}`
    : phone.kind === 'local'
      ? `${key.slice(0, 3)}-${key.slice(3)}`
      : (phone.e164 ?? key);
  return phone.extension === null ? main : `${main} ext. ${phone.extension}`;
}
