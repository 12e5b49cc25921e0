import { describe, expect, it } from 'vitest';
import { foldText, isoDate, nameKey, phoneDigits, searchTokens, timeOfDay, wholeMinutes } from '../../main/cache/normalize';
import { birthdateCandidates, ftsPrefixQuery, planSearch } from '../../main/cache/searchQuery';

describe('normalising fields', () => {
  it('reads Sikka dates in their several shapes', () => {
    expect(isoDate('2020-09-29T00:00:00')).toBe('2020-09-29');
    expect(isoDate('2015-11-02')).toBe('2015-11-02');
    expect(isoDate('09/29/2020')).toBe('2020-09-29');
    expect(isoDate('')).toBeNull();
    expect(isoDate('2021-02-30')).toBeNull();
  });

  it('reads appointment times in their several shapes', () => {
    expect(timeOfDay('10:30')).toEqual({ time: '10:30', minute: 630 });
    expect(timeOfDay('08:40:00')).toEqual({ time: '08:40', minute: 520 });
    expect(timeOfDay('8:40 PM')).toEqual({ time: '20:40', minute: 1240 });
    expect(timeOfDay('12:05 am')).toEqual({ time: '00:05', minute: 5 });
    expect(timeOfDay('2020-09-29T13:15:00')).toEqual({ time: '13:15', minute: 795 });
    expect(timeOfDay('25:00')).toBeNull();
    expect(timeOfDay('')).toBeNull();
  });

  it('reads lengths as whole minutes', () => {
    expect(wholeMinutes('60')).toBe(60);
    expect(wholeMinutes('45.0')).toBe(45);
    expect(wholeMinutes('')).toBeNull();
  });

  it('folds case, accents and compatibility forms', () => {
    expect(foldText('José MÜLLER Ñuñez')).toBe('jose muller nunez');
    expect(foldText('ﬁona')).toBe('fiona');
  });

  it('keys names by letters and digits only', () => {
    expect(nameKey("O'Brien")).toBe('obrien');
    expect(nameKey('De la Cruz')).toBe('delacruz');
    expect(nameKey('Иванов')).toBe('иванов');
  });

  it('splits words on punctuation, keeping every script', () => {
    expect(searchTokens("O’Brien-Smith, 王小明 Zoë")).toEqual(['o', 'brien', 'smith', '王小明', 'zoe']);
  });

  it('reduces phone numbers to digits without the US country code', () => {
    expect(phoneDigits('(860) 667-2600')).toBe('8606672600');
    expect(phoneDigits('+1 860 667 2600')).toBe('8606672600');
    expect(phoneDigits('xxx-xxx-xxxx')).toBe('');
  });
});

describe('reading a search query', () => {
  it('recognises birth dates in the usual forms', () => {
    expect(birthdateCandidates('03/14/1985')).toEqual(['1985-03-14']);
    expect(birthdateCandidates('3/14/85')).toEqual(['1985-03-14', '2085-03-14']);
    expect(birthdateCandidates('1985-03-14')).toEqual(['1985-03-14']);
    expect(birthdateCandidates('3-14-1985')).toEqual(['1985-03-14']);
    expect(birthdateCandidates('14.03.1985')).toEqual(['1985-03-14']);
    expect(birthdateCandidates('13/13/1985')).toEqual([]);
  });

  it('treats digits and phone punctuation as an id or phone lookup', () => {
    expect(planSearch('(860) 667-26')).toEqual({ kind: 'digits', digits: '86066726', phone: '86066726' });
  });

  it('treats a whole date as a birth date lookup', () => {
    expect(planSearch(' 3/14/1985 ')).toMatchObject({ kind: 'names', tokens: [], birthdates: ['1985-03-14'] });
  });

  it('splits names into folded prefix tokens and notes a last-name-first comma', () => {
    expect(planSearch('Núñez, José')).toMatchObject({ kind: 'names', tokens: ['nunez', 'jose'], lastNameFirst: true, joined: null });
    expect(planSearch("O'Br")).toMatchObject({ tokens: ['o', 'br'], joined: 'obr' });
  });

  it('reads operators and quotes as nothing but separators', () => {
    expect(planSearch('"smith" OR NEAR(a b) *')).toMatchObject({ tokens: ['smith', 'or', 'near', 'a', 'b'] });
    expect(planSearch('"*^:()')).toEqual({ kind: 'empty' });
    expect(planSearch('   ')).toEqual({ kind: 'empty' });
  });

  it('quotes every token of an FTS expression', () => {
    expect(ftsPrefixQuery(['near', 'or'])).toBe('"near"* AND "or"*');
  });
});
