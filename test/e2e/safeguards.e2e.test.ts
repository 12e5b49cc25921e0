/**
 * The shared-PC safeguards end to end, at the front desk's 1024 × 600: the built renderer in
 * Chromium through the browser harness on a small demo practice. First run asks for a manager
 * profile before anything else; Lock leaves no patient data in the page; a caller announced while
 * locked shows only "Caller matched — unlock to view", and the card after unlocking; five wrong
 * PINs lock a profile out. Screenshots go to test-results/screenshots/. Without Chromium the
 * suite is skipped and says why.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Harness } from '../../main/harness';
import { DEMO_DENTAL_OFFICE_ID, demoOffices } from '../../main/sandbox';
import type { CallerCard } from '../../shared/domain/households';
import type { PatientDetail, PatientSearchResponse } from '../../shared/domain/patients';
import { LOCKED_CALLER_MESSAGE } from '../../shared/domain/staff';
import { parsePhoneNumber } from '../../shared/phone/phoneNumber';
import { describeInChromium, startE2e, SYNC_TIMEOUT_MS, type E2eSession } from './browserSession';
import { MANAGER, setUpFirstManager, unlock } from './staffSetup';

const FRONT_DESK = { name: 'sam', displayName: 'Sam Okafor', role: 'staff', pin: '731950' } as const;

let e2e: E2eSession;
let harness: Harness;
let page: Page;

interface Person {
  readonly detail: PatientDetail;
  readonly lastName: string;
  readonly digits: string;
  readonly card: CallerCard;
}

/** A dental patient with a plain name and a ten-digit phone the caller lookup finds, through the app's own router. */
async function personWithPhone(): Promise<Person> {
  const found = await e2e.invoke<PatientSearchResponse>('searchPatients', { text: 'a', officeId: DEMO_DENTAL_OFFICE_ID, limit: 200 });
  for (const result of found.results) {
    const detail = await e2e.invoke<PatientDetail | null>('patientDetail', { officeId: DEMO_DENTAL_OFFICE_ID, patientId: result.patientId });
    const digits = (detail?.cellPhone ?? detail?.homePhone ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
    const lastName = detail?.lastName ?? '';
    if (detail === null || digits.length !== 10 || !/^[A-Za-z]{4,}$/.test(lastName)) continue;
    const card = await e2e.invoke<CallerCard>('callerLookup', { number: digits });
    if (card.households.length > 0) return { detail, lastName, digits, card };
  }
  throw new Error('no patient with a phone number in the dental office');
}

const display = (digits: string): string => `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
const lockHeading = () => page.getByRole('heading', { level: 2, name: 'Practice Companion is locked' });

/** The page's visible text and its whole markup, hidden parts too. */
async function pageText(): Promise<string> {
  return `${String(await page.evaluate('document.body.innerText'))}\n${await page.content()}`;
}

/** Evaluated in the page as text: this project's TypeScript has no DOM types. */
async function fitsWithoutScrolling(selector: string): Promise<boolean> {
  return (await page.evaluate(`(() => {
    const root = document.documentElement;
    const last = document.querySelector(${JSON.stringify(selector)});
    return root.scrollWidth <= root.clientWidth && last !== null && last.getBoundingClientRect().bottom <= window.innerHeight;
  })()`)) === true;
}

describeInChromium('the shared-PC safeguards, in Chromium', () => {
  let person: Person;

  beforeAll(async () => {
    e2e = await startE2e({
      name: 'safeguards',
      passphrase: 'safeguards e2e',
      demoOffices: () => demoOffices().map((office) => ({ ...office, patients: office.domain === 'Dental' ? 200 : 100 })),
      viewport: { width: 1024, height: 600 },
    });
    ({ harness, page } = e2e);
    await page.goto(harness.url);
  }, 120_000);

  afterAll(async () => {
    await (e2e as E2eSession | undefined)?.close();
  });

  it('on first run asks only for the first profile, a manager, and fits 1024 × 600', async () => {
    await page.getByRole('heading', { level: 2, name: 'Set up Practice Companion on this PC' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('practice manager');
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe(await page.getByLabel('Your name', { exact: true }).getAttribute('id'));
    await page.getByLabel('PIN', { exact: true }).fill('123456');
    await expect.poll(() => page.locator('main').textContent()).toContain('A PIN counting up or down (like 123456) is the first thing anyone would try.');
    expect(await fitsWithoutScrolling('button[type="submit"]')).toBe(true);
    await e2e.screenshot('setup-1024');
    expect(harness.companion.settings().connectionKind).toBe('none');
    await setUpFirstManager(page);
    expect(await page.getByTestId('signed-in-as').textContent()).toBe(`Unlocked by ${MANAGER.displayName} (manager)`);
    await e2e.waitForDemoSync();
    person = await personWithPhone();
    await e2e.invoke('createProfile', { name: FRONT_DESK.name, displayName: FRONT_DESK.displayName, role: FRONT_DESK.role, pin: FRONT_DESK.pin });
  }, SYNC_TIMEOUT_MS + 30_000);

  it('leaves no patient data in the page once Lock is pressed', async () => {
    await page.goto(`${new URL(harness.url).origin}/#/patients/${DEMO_DENTAL_OFFICE_ID}/${encodeURIComponent(person.detail.patientId)}`);
    await page.getByRole('heading', { level: 2, name: person.detail.displayName }).waitFor();
    expect(await pageText()).toContain(person.lastName);
    await page.getByRole('button', { name: 'Lock' }).click();
    await lockHeading().waitFor();
    const text = await pageText();
    expect(text).not.toContain(person.lastName);
    expect(text).not.toContain(person.digits.slice(-4));
    expect(await page.getByTestId('lock-reason').textContent()).toBe('Locked with the Lock button.');
    await expect.poll(() => page.locator(':focus').getAttribute('type')).toBe('password');
    expect(await fitsWithoutScrolling('.lock-form .help')).toBe(true);
    await e2e.screenshot('locked-1024');
  });

  it('says only that a caller matched while locked, and shows the card once unlocked', async () => {
    const number = parsePhoneNumber(person.digits);
    if (number === null) throw new Error('not a phone number');
    harness.companion.callerArrived(number);
    await expect.poll(() => page.getByTestId('locked-caller').textContent()).toBe(LOCKED_CALLER_MESSAGE);
    expect(LOCKED_CALLER_MESSAGE).toBe('Caller matched \u2014 unlock to view');
    const text = await pageText();
    expect(text).not.toContain(person.lastName);
    expect(text).not.toContain(person.digits.slice(-4));
    await e2e.screenshot('locked-caller-1024');
    await unlock(page, MANAGER.displayName, MANAGER.pin);
    await expect.poll(() => page.locator('#caller-title').textContent()).toBe(`Incoming call: ${display(person.digits)}`);
    expect(await page.getByTestId('caller-card').textContent()).toContain(person.lastName);
  });

  it('locks a profile out after five wrong PINs and says until when, while others still unlock', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    await lockHeading().waitFor();
    await page.getByLabel('Who is unlocking').selectOption({ label: FRONT_DESK.displayName });
    const alert = page.getByTestId('unlock-error');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await page.getByLabel('PIN', { exact: true }).fill('284617');
      await page.getByRole('button', { name: 'Unlock' }).click();
      const left = 5 - attempt;
      await expect.poll(() => alert.textContent()).toBe(`That PIN is not right. ${left === 1 ? '1 more try' : `${left} more tries`} before this profile is locked for 5 minutes.`);
    }
    await page.getByLabel('PIN', { exact: true }).fill('284617');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^Too many wrong PINs for this profile\. It can be used again in 5 minutes\.Sam Okafor can try again at \d{1,2}:\d\d [AP]M/);
    await e2e.screenshot('locked-out-1024');
    await unlock(page, FRONT_DESK.displayName, FRONT_DESK.pin);
    await expect.poll(() => alert.textContent()).toMatch(/^Too many wrong PINs for this profile/);
    expect(await lockHeading().count()).toBe(1);
    await unlock(page, MANAGER.displayName, MANAGER.pin);
    await page.getByTestId('signed-in-as').waitFor();
  });

  it('ran under the strict CSP without a console error or page error', () => {
    expect(e2e.problems).toEqual([]);
  });
});
