import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOfficeSpec } from '../../main/sandbox';
import type { CallerCard } from '../../shared/domain/households';
import { parsePhoneNumber } from '../../shared/phone/phoneNumber';
import { text } from '../sync/support';
import { cli, tempDataDir } from './support';

const DENTAL: SandboxOfficeSpec = { officeId: 'D16001', secretKey: 'secret-dental', domain: 'Dental', practiceName: 'Maple Grove Family Dental', patients: 120, timeZone: 'Central Standard Time' };
const VET: SandboxOfficeSpec = { officeId: 'V20417', secretKey: 'secret-vet', domain: 'Veterinary', practiceName: 'Riverbend Animal Hospital', patients: 60, timeZone: 'Eastern Standard Time' };

let sandbox: Sandbox;
let data: { dir: string; remove(): void };
/** A ten-digit home phone of a dental patient, and who has it. */
let home: { digits: string; patientId: string };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 23, offices: [DENTAL, VET] });
  data = tempDataDir();
  const synced = await cli(['sync', '--data-dir', data.dir, '--base-url', sandbox.baseUrl, '--app-id', sandbox.appId, '--app-key', sandbox.appKey]);
  expect(synced.code).toBe(0);
  for (const record of sandbox.records(DENTAL.officeId, 'patients')) {
    const phone = parsePhoneNumber(text(record['homephone']));
    if (phone?.national != null) {
      home = { digits: phone.national, patientId: text(record['patient_id']) };
      return;
    }
  }
  throw new Error('no dental patient with a home phone');
}, 60_000);
afterAll(async () => {
  data.remove();
  await sandbox.close();
});

const members = (card: CallerCard): string[] => card.households.flatMap((household) => household.members.map((member) => `${household.officeId}/${member.patientId}`)).sort();

describe('caller', () => {
  it('prints everyone with the number as JSON, the same however it is written', async () => {
    const { digits } = home;
    const answers = await Promise.all([`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, `+1${digits}`, `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)} x4`]
      .map((number) => cli(['caller', number, '--data-dir', data.dir, '--json'])));
    for (const answer of answers) expect(answer.code).toBe(0);
    const cards = answers.map((answer) => JSON.parse(answer.out) as CallerCard);
    expect(members(cards[0] ?? { number: null, households: [], matchedPeople: 0, truncated: false })).toContain(`${DENTAL.officeId}/${home.patientId}`);
    for (const card of cards) expect(members(card)).toEqual(members(cards[0] ?? card));
    expect(cards[2]?.number).toMatchObject({ national: digits, extension: '4' });
  });

  it('prints the card in words, household by household', async () => {
    const result = await cli(['caller', home.digits, '--data-dir', data.dir]);
    expect(result.code).toBe(0);
    const display = `(${home.digits.slice(0, 3)}) ${home.digits.slice(3, 6)}-${home.digits.slice(6)}`;
    expect(result.out).toMatch(new RegExp(`^${display.replace(/[()]/g, '\\$&')}: \\d+ (person|people) in \\d+ households?\\.`));
    expect(result.out).toContain(`[${home.patientId}]`);
    expect(result.out).toMatch(/this number: home/);
  });

  it('says so when no one has the number, and exits 0', async () => {
    const result = await cli(['caller', '(999) 555-0000', '--data-dir', data.dir]);
    expect(result).toMatchObject({ code: 0, out: 'No one in the local copy has (999) 555-0000.\n' });
    const json = JSON.parse((await cli(['caller', '9995550000', '--data-dir', data.dir, '--json'])).out) as CallerCard;
    expect(json).toMatchObject({ households: [], matchedPeople: 0 });
  });

  it('refuses what is not a phone number with exit 2, without repeating it', async () => {
    for (const number of ['reyes', "5550100' OR 1=1", '<script>', '555-01', 'x12']) {
      const result = await cli(['caller', number, '--data-dir', data.dir]);
      expect(result.code, number).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain('NUMBER must be a phone number');
      expect(result.err).not.toContain(number);
    }
  });

  it('exits 2 without a data directory, and 1 with the plain-words reason where nothing was synced', async () => {
    expect((await cli(['caller', home.digits])).code).toBe(2);
    const empty = tempDataDir();
    try {
      const result = await cli(['caller', home.digits, '--data-dir', empty.dir]);
      expect(result.code).toBe(1);
      expect(result.err).toContain('caller failed (CACHE_NOT_FOUND)');
    } finally {
      empty.remove();
    }
  });
});
