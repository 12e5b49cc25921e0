/**
 * Caller lookup and households through the app's IPC router, on the demo practice synced by the
 * worker thread: what the desktop app's window and the harness page ask.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from '../../main/app/companion';
import { openDataDirWith } from '../../main/app/dataDir';
import { createPassphraseKeyProtector } from '../../main/auth/keyProtectorNode';
import { openNodeSettings } from '../../main/settings/settings';
import { callerFromArgv, callerFromUrl } from '../../main/shell/callerLaunch';
import { workerScriptUrl } from '../../main/sync/workerHost';
import type { CallerCard, Household } from '../../shared/domain/households';
import type { PatientDetail, PatientSearchResponse } from '../../shared/domain/patients';
import type { Result } from '../../shared/result';
import { CHEAP_SCRYPT, MANAGER_PIN } from '../security/support';
import { DENTAL, VET } from '../sync/support';

const context = { via: 'test' } as const;
let dir: string;
let companion: Companion;
const events: { event: string; payload: unknown }[] = [];

async function call<T>(channel: string, args: unknown = {}): Promise<T> {
  const result = (await companion.router.invoke(channel, args, context)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
  return result.value;
}

/** Someone in the dental office with a ten-digit cell or home phone, found through the router. */
async function someoneWithAPhone(): Promise<{ detail: PatientDetail; digits: string }> {
  const found = await call<PatientSearchResponse>('searchPatients', { text: 'a', officeId: DENTAL.officeId, limit: 100 });
  for (const result of found.results) {
    const detail = await call<PatientDetail | null>('patientDetail', { officeId: result.officeId, patientId: result.patientId });
    const digits = (detail?.homePhone ?? detail?.cellPhone ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
    if (detail !== null && digits.length === 10 && detail.guarantor !== null) return { detail, digits };
  }
  throw new Error('no one with a phone in the demo practice');
}

const memberIds = (card: CallerCard): string[] => card.households.flatMap((household) => household.members.map((member) => `${household.officeId}/${member.patientId}`));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pc-caller-'));
  const dataDir = openDataDirWith(dir, { protector: createPassphraseKeyProtector('caller tests'), settings: openNodeSettings });
  companion = startCompanion({
    dataDir,
    worker: { script: workerScriptUrl() },
    version: '1.2.3',
    harness: true,
    demoOffices: () => [{ ...DENTAL, patients: 80 }, { ...VET, patients: 40 }],
    pinScrypt: CHEAP_SCRYPT,
  });
  companion.onEvent((event, payload) => { events.push({ event, payload }); });
  await call('setUp', { name: 'maria', displayName: 'Maria Lopez', pin: MANAGER_PIN });
  await call('startDemo');
  for (let i = 0; i < 300; i += 1) {
    const status = companion.syncStatus();
    if (!status.running && status.offices.length === 2 && status.offices.every((office) => office.state === 'up-to-date')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the demo practice did not sync');
}, 60_000);

afterAll(async () => {
  await companion.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('caller lookup through the router', () => {
  it('finds the same household however the number is written', async () => {
    const { detail, digits } = await someoneWithAPhone();
    const area = digits.slice(0, 3);
    const exchange = digits.slice(3, 6);
    const line = digits.slice(6);
    const cards = await Promise.all([`(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `+1 ${area} ${exchange} ${line}`, `1${digits}`, `${digits} x21`]
      .map((number) => call<CallerCard>('callerLookup', { number })));
    const first = cards[0];
    expect(memberIds(first ?? { number: null, households: [], matchedPeople: 0, truncated: false })).toContain(`${DENTAL.officeId}/${detail.patientId}`);
    for (const card of cards) expect(memberIds(card)).toEqual(memberIds(first ?? card));
    expect(first?.number).toMatchObject({ national: digits, e164: `+1${digits}` });
    const household = first?.households.find((each) => each.members.some((member) => member.patientId === detail.patientId));
    expect(household?.guarantorId).toBe(detail.guarantor?.guarantorId);
  });

  it('answers a number nobody has, and text that is no number, with an empty card', async () => {
    expect(await call<CallerCard>('callerLookup', { number: '(999) 555-0000' })).toMatchObject({ households: [], matchedPeople: 0 });
    expect(await call<CallerCard>('callerLookup', { number: "' OR 1=1 --" })).toEqual({ number: null, households: [], matchedPeople: 0, truncated: false });
  });

  it('refuses arguments that are not a short text', async () => {
    for (const args of [{ number: '2'.repeat(65) }, { number: 2175550100 }, { number: '2175550100', officeId: 'x' }, {}]) {
      expect(await companion.router.invoke('callerLookup', args, context)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } });
    }
  });

  it('tells the screens a caller arrived, with no number in the event, and hands the card over once', async () => {
    const { detail, digits } = await someoneWithAPhone();
    const launch = callerFromUrl(`practice-companion://call?from=%2B1${digits}`);
    if (launch.kind !== 'caller') throw new Error('the link was refused');
    events.length = 0;
    companion.callerArrived(launch.number);
    expect(events).toEqual([{ event: 'caller', payload: { callId: expect.any(Number) as number } }]);
    expect(JSON.stringify(events)).not.toContain(digits.slice(-7));
    const card = await call<CallerCard | null>('takeCaller');
    expect(card === null ? [] : memberIds(card)).toContain(`${DENTAL.officeId}/${detail.patientId}`);
    expect(await call('takeCaller')).toBeNull();
  });

  it('keeps only the latest caller', async () => {
    for (const argv of [['app', '--caller', '(999) 555-0001'], ['app', '--caller', '(999) 555-0002']]) {
      const launch = callerFromArgv(argv);
      if (launch.kind === 'caller') companion.callerArrived(launch.number);
    }
    expect((await call<CallerCard | null>('takeCaller'))?.number?.national).toBe('9995550002');
    expect(await call('takeCaller')).toBeNull();
  });
});

describe('households through the router', () => {
  it('lists a patient’s guarantor with everyone they are responsible for', async () => {
    const { detail } = await someoneWithAPhone();
    const household = await call<Household | null>('household', { officeId: DENTAL.officeId, guarantorId: detail.guarantor?.guarantorId });
    expect(household?.members.map((member) => member.patientId)).toContain(detail.patientId);
    expect(household?.role).toBe('guarantor');
    expect(await call('household', { officeId: DENTAL.officeId, guarantorId: 'no-such-guarantor' })).toBeNull();
  });

  it('finds a pet owner by name, with their pets, and the pets by the owner’s name', async () => {
    const found = await call<PatientSearchResponse>('searchPatients', { text: 'a', officeId: VET.officeId, limit: 1 });
    const [pet] = found.results;
    const detail = await call<PatientDetail | null>('patientDetail', { officeId: VET.officeId, patientId: pet?.patientId });
    const owner = detail?.guarantor;
    expect(owner?.role).toBe('owner');
    const byOwner = await call<PatientSearchResponse>('searchPatients', { text: owner?.displayName ?? '', officeId: VET.officeId, limit: 200 });
    expect(byOwner.households.find((each) => each.guarantorId === owner?.guarantorId)).toMatchObject({ role: 'owner', officeId: VET.officeId });
    expect(byOwner.results.map((result) => result.patientId)).toContain(pet?.patientId);
    const pets = await call<Household | null>('household', { officeId: VET.officeId, guarantorId: owner?.guarantorId });
    expect(pets?.members.map((member) => member.patientId)).toContain(pet?.patientId);
    expect(pets?.members.every((member) => member.kind === 'pet')).toBe(true);
  });
});
