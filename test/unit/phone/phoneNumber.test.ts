import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPhoneText, formatPhoneNumber, parsePhoneNumber, type PhoneNumber } from '../../../shared/phone/phoneNumber';

const nanp = (national: string, extension: string | null = null): PhoneNumber => ({
  kind: 'nanp', key: national, national, e164: `+1${national}`, lastSeven: national.slice(-7), extension,
});

describe('reading phone numbers', () => {
  it.each([
    ['(217) 555-0100'],
    ['217.555.0100'],
    ['217-555-0100'],
    ['217 555 0100'],
    ['2175550100'],
    ['(217)555-0100'],
    ['+1 217 555 0100'],
    ['+12175550100'],
    ['1-217-555-0100'],
    ['1 (217) 555-0100'],
    ['12175550100'],
    ['  217\u00a0555\u20110100  '],
    ['217/555-0100'],
  ])('reads the North American number %j as 217 555 0100', (text) => {
    expect(parsePhoneNumber(text)).toEqual(nanp('2175550100'));
  });

  it.each([
    ['217-555-0100 x12', '12'],
    ['217-555-0100 X12', '12'],
    ['217-555-0100 ext. 12', '12'],
    ['217-555-0100 ext12', '12'],
    ['217-555-0100 Ext 12', '12'],
    ['217-555-0100 extension 12', '12'],
    ['+12175550100;ext=12', '12'],
    ['217-555-0100#12', '12'],
    ['(217) 555-0100, ext. 4021', '4021'],
  ])('keeps the extension of %j apart from the number', (text, extension) => {
    expect(parsePhoneNumber(text)).toEqual(nanp('2175550100', extension));
  });

  it('never lets an extension join the number', () => {
    expect(parsePhoneNumber('217-555-0100 x12')?.key).toBe('2175550100');
    expect(parsePhoneNumber('555-0100 x12')).toMatchObject({ kind: 'local', key: '5550100', extension: '12' });
  });

  it('reads seven digits as a local number, matched on the last seven', () => {
    expect(parsePhoneNumber('555-0100')).toEqual({ kind: 'local', key: '5550100', national: null, e164: null, lastSeven: '5550100', extension: null });
    expect(parsePhoneNumber('5550100')?.kind).toBe('local');
  });

  it('keeps an international number given with + as its digits and E.164, claiming no national form', () => {
    expect(parsePhoneNumber('+44 20 7946 0958')).toEqual({
      kind: 'international', key: '442079460958', national: null, e164: '+442079460958', lastSeven: '9460958', extension: null,
    });
    expect(parsePhoneNumber('+52 55 1234 5678 ext. 3')).toMatchObject({ kind: 'international', key: '525512345678', e164: '+525512345678', extension: '3' });
  });

  it('keeps other digits as they are, without guessing a country', () => {
    expect(parsePhoneNumber('442079460958')).toEqual({ kind: 'other', key: '442079460958', national: null, e164: null, lastSeven: '9460958', extension: null });
    expect(parsePhoneNumber('0123456789')).toMatchObject({ kind: 'other', key: '0123456789' });
    expect(parsePhoneNumber('1 012 345 6789')).toMatchObject({ kind: 'other', key: '10123456789' });
    expect(parsePhoneNumber('55501000')).toMatchObject({ kind: 'other', key: '55501000' });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['letters', 'call me'],
    ['a vanity number', '1-800-FLOWERS'],
    ['digits with a word', '217 555 0100 please'],
    ['too short', '555-010'],
    ['too long', '1234567890123456'],
    ['only an extension', 'x12'],
    ['only an extension in words', 'ext. 12'],
    ['an extension too long', '217-555-0100 x123456789'],
    ['a +1 number that is not North American', '+1 017 555 0100'],
    ['a +1 number of the wrong length', '+1 217 555 010'],
    ['two plus signs', '++12175550100'],
    ['a plus inside', '217+5550100'],
    ['a newline', '217 555\n0100'],
    ['a tab', '217\t5550100'],
    ['a control character', '217555\u00000100'],
    ['Arabic-Indic digits', '\u0662\u0661\u0667\u0665\u0665\u0665\u0660\u0661\u0660\u0660'],
    ['full-width digits', '\uff12\uff11\uff17\uff15\uff15\uff15\uff10\uff11\uff10\uff10'],
    ['SQL', "2175550100'; DROP TABLE patients; --"],
    ['an FTS expression', '2175550100 OR 1'],
    ['HTML', '<b>2175550100</b>'],
    ['a script URL', 'javascript:alert(2175550100)'],
    ['very long text', '2'.repeat(5000)],
  ])('reads %s as no number', (_what, text) => {
    expect(parsePhoneNumber(text)).toBeNull();
  });

  it('never throws, and what it reads is digits only', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
      const phone = parsePhoneNumber(text);
      if (phone === null) return true;
      return /^[0-9]{7,15}$/.test(phone.key) && /^[0-9]{7}$/.test(phone.lastSeven) && (phone.extension === null || /^[0-9]{1,8}$/.test(phone.extension));
    }), { numRuns: 500 });
  });

  it('reads its canonical text back to the same number', () => {
    for (const text of ['(217) 555-0100 x12', '+44 20 7946 0958', '555-0100', '442079460958', '0123456789 #7']) {
      const phone = parsePhoneNumber(text);
      expect(phone, text).not.toBeNull();
      if (phone !== null) expect(parsePhoneNumber(canonicalPhoneText(phone))).toEqual(phone);
    }
    expect(canonicalPhoneText(nanp('2175550100', '12'))).toBe('+12175550100;ext=12');
  });

  it('writes numbers for people to read', () => {
    expect(formatPhoneNumber(nanp('2175550100', '12'))).toBe('(217) 555-0100 ext. 12');
    expect(formatPhoneNumber(nanp('2175550100'))).toBe('(217) 555-0100');
    const local = parsePhoneNumber('5550100');
    const abroad = parsePhoneNumber('+44 20 7946 0958');
    if (local === null || abroad === null) throw new Error('unreadable');
    expect(formatPhoneNumber(local)).toBe('555-0100');
    expect(formatPhoneNumber(abroad)).toBe('+442079460958');
  });
});
