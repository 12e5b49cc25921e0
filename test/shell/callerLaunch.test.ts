import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallerInbox } from '../../main/shell/callerInbox';
import { callerFromArgv, callerFromUrl, type CallerLaunch, type CallerRefusal } from '../../main/shell/callerLaunch';
import type { PhoneNumber } from '../../shared/phone/phoneNumber';

const national = (launch: CallerLaunch): string | null => (launch.kind === 'caller' ? launch.number.national : null);
const reason = (launch: CallerLaunch): CallerRefusal | null => (launch.kind === 'refused' ? launch.reason : null);

describe('caller links', () => {
  it.each([
    ['practice-companion://call?from=2175550100'],
    ['practice-companion://call/?from=2175550100'],
    ['practice-companion://call?from=%2B12175550100'],
    ['practice-companion://call?from=+12175550100'],
    ['practice-companion://call?from=(217)%20555-0100'],
    ['practice-companion://call?from=217+555+0100'],
    ['practice-companion://call?from=217.555.0100'],
    ['practice-companion://call?from=1-217-555-0100'],
    ['PRACTICE-COMPANION://CALL?from=2175550100'],
  ])('reads %s as 217 555 0100', (link) => {
    expect(national(callerFromUrl(link))).toBe('2175550100');
  });

  it('keeps an extension apart and reads an international or seven-digit caller', () => {
    expect(callerFromUrl('practice-companion://call?from=2175550100%3Bext%3D12')).toMatchObject({ kind: 'caller', number: { national: '2175550100', extension: '12' } });
    expect(callerFromUrl('practice-companion://call?from=2175550100%2312')).toMatchObject({ kind: 'caller', number: { extension: '12' } });
    expect(callerFromUrl('practice-companion://call?from=%2B442079460958')).toMatchObject({ kind: 'caller', number: { e164: '+442079460958' } });
    expect(callerFromUrl('practice-companion://call?from=555-0100')).toMatchObject({ kind: 'caller', number: { kind: 'local', key: '5550100' } });
  });

  it.each([
    ['another scheme', 'https://call?from=2175550100'],
    ['a script link', 'javascript:alert(2175550100)'],
    ['another host', 'practice-companion://open?from=2175550100'],
    ['a path', 'practice-companion://call/patients/123?from=2175550100'],
    ['a port', 'practice-companion://call:8080?from=2175550100'],
    ['a user', 'practice-companion://admin@call?from=2175550100'],
    ['a fragment', 'practice-companion://call?from=2175550100#token=x'],
    ['an empty fragment', 'practice-companion://call?from=2175550100#'],
    ['no number', 'practice-companion://call'],
    ['another parameter', 'practice-companion://call?number=2175550100'],
    ['an extra parameter', 'practice-companion://call?from=2175550100&to=2175550199'],
    ['an extra parameter with script', 'practice-companion://call?from=2175550100&next=javascript:alert(1)'],
    ['two numbers', 'practice-companion://call?from=2175550100&from=2175550199'],
    ['a newline the URL parser would drop', 'practice-companion://call?from=217555\n0100'],
    ['a tab', 'practice-companion://call?from=217555\t0100'],
    ['broken percent-encoding', 'practice-companion://call?from=%E0%A4%A'],
    ['not a link', '2175550100'],
  ])('refuses %s as no caller link', (_what, link) => {
    expect(reason(callerFromUrl(link))).toBe('not-a-caller-link');
  });

  it.each([
    ['quotes', `practice-companion://call?from=2175550100"'`],
    ['SQL', "practice-companion://call?from=2175550100'%3B%20DROP%20TABLE%20patients%3B--"],
    ['FTS operators', 'practice-companion://call?from=2175550100%20OR%20reyes*'],
    ['markup', 'practice-companion://call?from=%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['a script URL', 'practice-companion://call?from=javascript:alert(1)'],
    ['letters', 'practice-companion://call?from=1-800-FLOWERS'],
    ['Arabic-Indic digits', 'practice-companion://call?from=%D9%A2%D9%A1%D9%A7%D9%A5%D9%A5%D9%A5%D9%A0%D9%A1%D9%A0%D9%A0'],
    ['full-width digits', 'practice-companion://call?from=%EF%BC%92%EF%BC%91%EF%BC%97%EF%BC%95%EF%BC%95%EF%BC%95%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%90'],
    ['an encoded newline', 'practice-companion://call?from=217555%0A0100'],
    ['a NUL', 'practice-companion://call?from=217555%000100'],
    ['too few digits', 'practice-companion://call?from=555-010'],
    ['only an extension', 'practice-companion://call?from=x12'],
    ['nothing', 'practice-companion://call?from='],
  ])('refuses %s in place of a number', (_what, link) => {
    expect(reason(callerFromUrl(link))).toBe('not-a-phone-number');
  });

  it('refuses overlong links and values', () => {
    expect(reason(callerFromUrl(`practice-companion://call?from=${'2'.repeat(600)}`))).toBe('too-long');
    expect(reason(callerFromUrl(`practice-companion://call?from=2175550100${'%20'.repeat(60)}`))).toBe('too-long');
  });

  it('never throws on any link and passes on only phone numbers', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 80 }).map((text) => `practice-companion://call?from=${text}`)), (link: string) => {
      const launch = callerFromUrl(link);
      return launch.kind !== 'caller' || /^[0-9]{7,15}$/.test(launch.number.key);
    }), { numRuns: 500 });
  });
});

describe('caller command lines', () => {
  const app = ['C:\\Program Files\\Practice Companion\\Practice Companion.exe'];

  it('reads --caller NUMBER and --caller=NUMBER among Electron’s own switches', () => {
    expect(national(callerFromArgv([...app, '--caller', '(217) 555-0100']))).toBe('2175550100');
    expect(national(callerFromArgv([...app, '--allow-file-access-from-files', '--caller=+1 217 555 0100', '--original-process-start-time=1']))).toBe('2175550100');
  });

  it('reads a caller link handed over by the installer’s registration', () => {
    expect(national(callerFromArgv([...app, 'practice-companion://call/?from=2175550100']))).toBe('2175550100');
  });

  it('is nothing when no caller is named', () => {
    expect(callerFromArgv(app)).toEqual({ kind: 'none' });
    expect(callerFromArgv([...app, '--hidden', 'C:\\Users\\front\\notes.txt'])).toEqual({ kind: 'none' });
  });

  it('refuses a switch without a number or with anything but one', () => {
    expect(reason(callerFromArgv([...app, '--caller']))).toBe('not-a-phone-number');
    for (const value of ['--inspect', "2175550100' OR 1=1", '<b>2175550100</b>', 'javascript:alert(1)', '217\n5550100', '\u0662\u0661\u0667\u0665\u0665\u0665\u0660\u0661\u0660\u0660', 'reyes']) {
      expect(reason(callerFromArgv([...app, '--caller', value])), value).toBe('not-a-phone-number');
    }
    expect(reason(callerFromArgv([...app, '--caller', '2'.repeat(100)]))).toBe('too-long');
    expect(reason(callerFromArgv([...app, 'practice-companion://call?from=2175550100&x=1']))).toBe('not-a-caller-link');
  });

  it('refuses two different numbers, and takes the same number named twice', () => {
    expect(reason(callerFromArgv([...app, '--caller', '2175550100', 'practice-companion://call?from=2175550199']))).toBe('conflicting-numbers');
    expect(national(callerFromArgv([...app, '--caller', '2175550100', 'practice-companion://call?from=(217)%20555-0100']))).toBe('2175550100');
  });
});

describe('the caller inbox', () => {
  const number = (launch: CallerLaunch): PhoneNumber => {
    if (launch.kind !== 'caller') throw new Error('no caller');
    return launch.number;
  };
  const first = callerFromArgv(['app', '--caller', '2175550100']);
  const second = callerFromArgv(['app', '--caller', '2175550199']);

  it('keeps the latest caller until the app can show it, then delivers each as it comes', () => {
    const refusals: string[] = [];
    const inbox = createCallerInbox({ onRefused: (why) => refusals.push(why) });
    const delivered: string[] = [];
    expect(inbox.receive(first)).toBe(true);
    inbox.receive(second);
    inbox.open((phone) => delivered.push(phone.key));
    expect(delivered).toEqual([number(second).key]);
    inbox.receive(first);
    expect(delivered).toEqual([number(second).key, number(first).key]);
    expect(refusals).toEqual([]);
  });

  it('reports refusals by reason and delivers nothing for them', () => {
    const refusals: string[] = [];
    const inbox = createCallerInbox({ onRefused: (why) => refusals.push(why) });
    const delivered: string[] = [];
    inbox.open((phone) => delivered.push(phone.key));
    expect(inbox.receive(callerFromUrl('practice-companion://call?from=<script>'))).toBe(false);
    expect(inbox.receive({ kind: 'none' })).toBe(false);
    expect(refusals).toEqual(['not-a-phone-number']);
    expect(delivered).toEqual([]);
  });
});
