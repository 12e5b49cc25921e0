/**
 * Who is calling, end to end: the built renderer in Chromium through the browser harness, on a
 * small demo practice synced from the built-in Sikka simulator. A phone client opens the
 * harness's caller address, or announces a ring to the running app (as the desktop app's link
 * and --caller do), and the card comes forward; households open from it and from a search by an
 * owner's name. The first run's setup of a manager profile comes first (it starts the demo).
 * Screenshots go to test-results/screenshots/. Without Chromium the suite is skipped and says why.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Harness } from '../../main/harness';
import { DEMO_DENTAL_OFFICE_ID, DEMO_VETERINARY_OFFICE_ID, demoOffices } from '../../main/sandbox';
import { callerFromArgv } from '../../main/shell/callerLaunch';
import type { CallerCard } from '../../shared/domain/households';
import type { PatientDetail, PatientSearchResponse } from '../../shared/domain/patients';
import { describeInChromium, startE2e, SYNC_TIMEOUT_MS, type E2eSession } from './browserSession';
import { setUpFirstManager } from './staffSetup';

let e2e: E2eSession;
let harness: Harness;
let page: Page;

/** A ten-digit number several people of one office share, and its card, found through the app's own router. */
async function sharedNumber(officeId: string): Promise<{ digits: string; card: CallerCard }> {
  const found = await e2e.invoke<PatientSearchResponse>('searchPatients', { text: 'a', officeId, limit: 200 });
  for (const result of found.results) {
    const detail = await e2e.invoke<PatientDetail | null>('patientDetail', { officeId, patientId: result.patientId });
    const digits = (detail?.homePhone ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
    if (digits.length !== 10) continue;
    const card = await e2e.invoke<CallerCard>('callerLookup', { number: digits });
    if (card.matchedPeople >= 2 && card.households.some((household) => household.guarantor !== null)) return { digits, card };
  }
  throw new Error(`no shared phone number in ${officeId}`);
}

const dotted = (digits: string): string => `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6)}`;
const display = (digits: string): string => `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
const memberNames = (card: CallerCard): string[] => card.households.flatMap((household) => household.members.map((member) => member.displayName));

/** A fresh page load: the harness address is read once, when the page starts. */
async function open(url: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(url);
}

const callerHeading = () => page.locator('#caller-title');
const focusedId = async (): Promise<string | null> => page.locator(':focus').getAttribute('id');

describeInChromium('who is calling, in Chromium', () => {
  let dental: { digits: string; card: CallerCard };
  let vet: { digits: string; card: CallerCard };

  beforeAll(async () => {
    e2e = await startE2e({
      name: 'caller',
      passphrase: 'caller e2e',
      demoOffices: () => demoOffices().map((office) => ({ ...office, patients: office.domain === 'Dental' ? 300 : 150 })),
      viewport: { width: 1280, height: 720 },
    });
    ({ harness, page } = e2e);
  }, 120_000);

  afterAll(async () => {
    await (e2e as E2eSession | undefined)?.close();
  });

  it('sets up the first profile, a manager, which starts the demo practice', async () => {
    await open(harness.url);
    await setUpFirstManager(page);
    await e2e.waitForDemoSync();
    dental = await sharedNumber(DEMO_DENTAL_OFFICE_ID);
    vet = await sharedNumber(DEMO_VETERINARY_OFFICE_ID);
  }, SYNC_TIMEOUT_MS + 30_000);

  it('opens the caller card from the harness address: focused, everyone with the number, the address cleared', async () => {
    await open(harness.callerUrl(`(${dental.digits.slice(0, 3)}) ${dental.digits.slice(3, 6)}-${dental.digits.slice(6)}`) ?? '');
    await expect.poll(() => callerHeading().textContent()).toBe(`Incoming call: ${display(dental.digits)}`);
    await expect.poll(focusedId).toBe('caller-title');
    expect(await page.getByTestId('caller-household').count()).toBe(dental.card.households.length);
    const text = (await page.getByTestId('caller-card').textContent()) ?? '';
    for (const name of memberNames(dental.card)) expect(text).toContain(name);
    expect(text).toContain('Next appointment');
    expect(await page.getByTestId('caller-announcement').textContent()).toMatch(/^Incoming call\. \d+ people in \d+ households? have /);
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(dental.digits.slice(-4));
    await e2e.screenshot('caller-card');
  });

  it('finds the same people however the phone system writes the number', async () => {
    const token = new URL(harness.url).hash;
    for (const written of [`%2B1${dental.digits}`, dotted(dental.digits), `1-${dental.digits.slice(0, 3)}-${dental.digits.slice(3, 6)}-${dental.digits.slice(6)}%20x12`]) {
      await open(`${new URL(harness.url).origin}/${token}&caller=${written}`);
      await expect.poll(() => callerHeading().textContent()).toContain(display(dental.digits));
      await expect.poll(() => page.getByTestId('caller-household').count()).toBe(dental.card.households.length);
    }
  });

  it('brings the card forward when a call rings while staff are on another screen', async () => {
    await open(harness.url);
    await page.getByRole('link', { name: 'Schedule' }).click();
    await expect.poll(() => page.url()).toContain('#/schedule');
    const launch = callerFromArgv(['Practice Companion', '--caller', `+1 ${vet.digits.slice(0, 3)} ${vet.digits.slice(3, 6)} ${vet.digits.slice(6)}`]);
    if (launch.kind !== 'caller') throw new Error('the command line was refused');
    harness.companion.callerArrived(launch.number);
    await expect.poll(() => callerHeading().textContent()).toBe(`Incoming call: ${display(vet.digits)}`);
    expect(page.url()).toContain('#/caller');
    await expect.poll(focusedId).toBe('caller-title');
    const household = page.getByTestId('caller-household').first();
    expect(await household.getByRole('columnheader', { name: 'Pet' }).count()).toBe(1);
    expect(await household.getByRole('heading', { level: 3 }).textContent()).toContain('Owner');
    await e2e.screenshot('caller-card-vet');
  });

  it('opens the household from the card, with each member’s next appointment', async () => {
    const household = dental.card.households.find((each) => each.guarantor !== null);
    const name = household?.guarantor?.displayName ?? '';
    await open(harness.callerUrl(dental.digits) ?? '');
    await page.getByRole('link', { name: `Open ${name}\u2019s household` }).first().click();
    await expect.poll(() => page.locator('#household-title').textContent()).toBe(name);
    expect(await page.locator('#household-members-title').textContent()).toContain(`Everyone ${name} is responsible for`);
    expect(await page.locator('.household-members tbody tr').count()).toBe(household?.members.length ?? -1);
    await e2e.screenshot('household');
  });

  it('finds an owner by name in the search, and opens their pets from there', async () => {
    const owner = vet.card.households.find((each) => each.role === 'owner' && each.guarantor?.displayName != null)?.guarantor;
    await open(harness.url);
    // The search box takes focus once the app has opened; typing before would be lost.
    await expect.poll(focusedId).toBe('patient-search');
    await page.keyboard.type(owner?.displayName ?? '');
    const matches = page.getByRole('navigation', { name: 'Matching households' });
    await matches.getByRole('link', { name: owner?.displayName ?? '' }).first().click();
    await expect.poll(() => page.locator('#household-members-title').textContent()).toContain(`${owner?.displayName ?? ''}\u2019s pets`);
  });

  it('says when no one has the number', async () => {
    await open(harness.callerUrl('(999) 555-0000') ?? '');
    await expect.poll(() => page.getByTestId('caller-card').textContent()).toContain('No one in the copy on this PC has (999) 555-0000.');
  });

  it('shows nothing but a refusal for an address whose caller is no phone number', async () => {
    const origin = new URL(harness.url).origin;
    const token = new URL(harness.url).hash;
    for (const hostile of ['%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', 'javascript%3Aalert(1)', `${dental.digits}'%20OR%201%3D1`, '%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      await open(`${origin}/${token}&caller=${hostile}`);
      await expect.poll(() => page.getByTestId('caller-card').textContent()).toContain('not a phone number, so nothing was looked up');
      expect(await page.locator('main img, main script').count()).toBe(0);
      expect(await page.getByTestId('caller-card').textContent()).not.toContain('alert');
    }
    expect(e2e.dialogs).toEqual([]);
  });

  it('fits the caller card and the household in 1024 × 600 without scrolling sideways', async () => {
    await page.setViewportSize({ width: 1024, height: 600 });
    try {
      await open(harness.callerUrl(dental.digits) ?? '');
      await expect.poll(() => page.getByTestId('caller-household').count()).toBe(dental.card.households.length);
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
      await e2e.screenshot('caller-card-1024');
      const household = dental.card.households.find((each) => each.guarantorId !== null);
      await page.goto(`${new URL(harness.url).origin}/#/household/${household?.officeId ?? ''}/${encodeURIComponent(household?.guarantorId ?? '')}`);
      await page.locator('#household-title').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('ran under the strict CSP without a console error or page error', () => {
    expect(e2e.problems).toEqual([]);
  });
});
