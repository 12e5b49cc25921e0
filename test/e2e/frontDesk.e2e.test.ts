/**
 * The front desk end to end: the built renderer in Debian's Chromium, through the browser
 * harness, on the demo practice synced from its built-in Sikka simulator — after the first run's
 * setup of a manager profile, which starts the demo. Each screen is saved as a screenshot under
 * test-results/screenshots/. Without Chromium the suite is skipped and says why.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Harness } from '../../main/harness';
import type { PatientDetail, PatientSearchResponse } from '../../shared/domain/patients';
import type { DaySchedule } from '../../shared/domain/schedule';
import type { SyncStatus } from '../../shared/domain/sync';
import { describeInChromium, startE2e, SYNC_TIMEOUT_MS, type E2eSession } from './browserSession';
import { setUpFirstManager } from './staffSetup';

const DENTAL = 'D16001';
const VET = 'V20417';
/** The renderer asks for this many results (renderer/store/appStore.ts SEARCH_LIMIT). */
const SEARCH_LIMIT = 200;

interface Person {
  readonly detail: PatientDetail;
  readonly firstName: string;
  readonly lastName: string;
  readonly phone: string;
}

let e2e: E2eSession;
let harness: Harness;
let page: Page;

function officeToday(status: SyncStatus, officeId: string): string {
  const zone = status.offices.find((office) => office.officeId === officeId)?.spc.ianaTimeZone ?? undefined;
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Someone on today's dental schedule with a plain two-word name and a phone: found through the app's own router. */
async function personOnSchedule(schedule: DaySchedule): Promise<Person> {
  for (const appointment of schedule.columns.flatMap((column) => column.appointments)) {
    if (appointment.patientId === null) continue;
    const detail = await e2e.invoke<PatientDetail | null>('patientDetail', { officeId: DENTAL, patientId: appointment.patientId });
    const phone = detail?.cellPhone ?? detail?.homePhone ?? null;
    const [firstName, lastName, ...rest] = detail?.displayName.split(' ') ?? [];
    if (detail === null || phone === null || firstName === undefined || lastName === undefined || rest.length > 0) continue;
    if (!/^[A-Za-z]{3,}$/.test(firstName) || !/^[A-Za-z]{4,}$/.test(lastName) || phone.replace(/\D/g, '').length !== 10) continue;
    return { detail, firstName, lastName, phone: phone.replace(/\D/g, '') };
  }
  throw new Error('no suitable patient on today\u2019s schedule');
}

/** Evaluated in the page as text: this project's TypeScript has no DOM types. */
async function noHorizontalScroll(): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')) === true;
}

const focused = () => page.locator(':focus');

const searchBox = () => page.getByRole('combobox', { name: /^Find/ });
const resultCount = () => page.getByTestId('result-count');
/** The result row of this very patient: names repeat (a parent and child may share one), ids do not. */
const optionFor = (patient: PatientDetail) =>
  page
    .locator('#patient-results [role="option"]')
    .filter({ has: page.locator('.result-name', { hasText: new RegExp(`^${patient.displayName}`) }) })
    .filter({ has: page.locator('.result-details', { hasText: new RegExp(`#${patient.patientId}$`) }) });

async function search(text: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  // Typing marks the search busy at once (React handles input events synchronously); it clears with the answer.
  await expect.poll(() => page.locator('.patient-search > [aria-busy]').getAttribute('aria-busy')).toBe('false');
  expect(await searchBox().inputValue()).toBe(text);
  expect(await resultCount().textContent()).toMatch(/found\.$|narrow the search\.$/);
}

describeInChromium('the front desk in Chromium', () => {
  let status: SyncStatus;
  let today: string;
  let schedule: DaySchedule;
  let person: Person;

  beforeAll(async () => {
    e2e = await startE2e({ name: 'front-desk', passphrase: 'front desk e2e', viewport: { width: 1280, height: 720 } });
    ({ harness, page } = e2e);
    await page.goto(harness.url);
  }, 120_000);

  afterAll(async () => {
    await (e2e as E2eSession | undefined)?.close();
  });

  it('asks for the first profile, a manager, before anything else', async () => {
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    await e2e.screenshot('setup');
    await setUpFirstManager(page);
    status = await e2e.waitForDemoSync();
    today = officeToday(status, DENTAL);
    schedule = await e2e.invoke<DaySchedule>('daySchedule', { officeId: DENTAL, date: today, groupBy: 'provider' });
    person = await personOnSchedule(schedule);
    // A fresh load (not a change of fragment), as staff would open it once the copy is there.
    await page.goto('about:blank');
    await page.goto(harness.url);
  }, SYNC_TIMEOUT_MS + 30_000);

  it('opens on the search box, online, with the copy dated, and the token gone from the address', async () => {
    await expect.poll(() => focused().getAttribute('id')).toBe('patient-search');
    expect(await page.getByTestId('connectivity').textContent()).toBe('Online');
    expect(await page.getByTestId('data-as-of').textContent()).toMatch(/^Up to date \u00b7 data as of \d{1,2}:\d\d [AP]M [A-Z]+ \(\d+ min ago\)$/);
    expect(page.url()).not.toContain('token');
    await e2e.screenshot('patients-empty');
  });

  it('finds a patient by part of the name and shows their appointments', async () => {
    await search(`${person.lastName.slice(0, 4)} ${person.firstName.slice(0, 2)}`);
    await optionFor(person.detail).first().click();
    await page.getByRole('heading', { level: 2, name: person.detail.displayName }).waitFor();
    const record = page.getByRole('article');
    expect(await record.locator('#upcoming-title').textContent()).toBe(`Upcoming appointments (${person.detail.upcomingAppointments.length})`);
    expect(await record.locator('#past-title').textContent()).toBe(`Past appointments (${person.detail.pastAppointments.length})`);
    expect(await record.textContent()).toContain(`#${person.detail.patientId}`);
    expect(await record.getByRole('region', { name: 'Guarantor' }).count()).toBe(1);
    expect(await record.locator('table.appointments tbody tr').count()).toBeGreaterThan(0);
    await e2e.screenshot('patient-detail');
  });

  it('finds the same patient by phone number', async () => {
    await search(person.phone.slice(-7));
    expect(await optionFor(person.detail).count()).toBeGreaterThan(0);
    await e2e.screenshot('patients-by-phone');
  });

  it('goes from search to a record with the keyboard alone', async () => {
    await search(person.lastName);
    // Where the patient is in the list the app shows: the same query through the app's router.
    const found = await e2e.invoke<PatientSearchResponse>('searchPatients', { text: person.lastName, limit: SEARCH_LIMIT });
    const index = found.results.findIndex((result) => result.patientId === person.detail.patientId && result.officeId === DENTAL);
    expect(index).toBeGreaterThanOrEqual(0);
    for (let step = 0; step < index; step++) await page.keyboard.press('ArrowDown');
    const active = await searchBox().getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${active ?? ''}"] .result-name`).textContent()).toContain(person.detail.displayName);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h2:focus').textContent()).toContain(person.detail.displayName);
    await page.keyboard.press('Tab');
    expect(await page.locator('a:focus').count()).toBe(1);
  });

  it('calls a pet a pet, with species and owner', async () => {
    const vetToday = await e2e.invoke<DaySchedule>('daySchedule', { officeId: VET, date: officeToday(status, VET), groupBy: 'provider' });
    const pet = vetToday.columns.flatMap((column) => column.appointments).find((appointment) => appointment.patientId !== null);
    if (pet?.patientId == null) throw new Error('no pet on today\u2019s veterinary schedule');
    await page.goto(`${new URL(harness.url).origin}/#/patients/${VET}/${encodeURIComponent(pet.patientId)}`);
    const record = page.getByRole('article');
    await record.waitFor();
    expect(await record.getByRole('region', { name: 'Owner' }).count()).toBe(1);
    expect(await record.getByRole('region', { name: 'Pet' }).textContent()).toContain('Species');
    await e2e.screenshot('pet-detail');
  });

  it('walks the day’s schedule and clicks through to a patient', async () => {
    await page.getByRole('link', { name: 'Schedule' }).click();
    const title = page.getByTestId('schedule-title');
    await expect.poll(() => title.textContent()).toContain('(today)');
    const count = schedule.appointmentCount;
    await expect.poll(() => page.getByTestId('schedule-count').textContent()).toBe(`${count} ${count === 1 ? 'appointment' : 'appointments'}, ${schedule.columns.length} ${schedule.columns.length === 1 ? 'provider' : 'providers'}.`);
    await e2e.screenshot('schedule');

    await page.getByRole('button', { name: /Next day/ }).click();
    await expect.poll(() => title.textContent()).not.toContain('(today)');
    await page.getByRole('button', { name: /Previous day/ }).click();
    await page.getByRole('button', { name: /Previous day/ }).click();
    await expect.poll(() => page.url()).toMatch(/date=\d{4}-\d{2}-\d{2}/);
    await page.getByRole('button', { name: 'Today' }).click();
    await expect.poll(() => title.textContent()).toContain('(today)');

    await page.getByText('By operatory').click();
    const byOperatory = await e2e.invoke<DaySchedule>('daySchedule', { officeId: DENTAL, date: today, groupBy: 'operatory' });
    await expect.poll(() => page.locator('.schedule-column h3').count()).toBe(byOperatory.columns.length);
    await e2e.screenshot('schedule-by-operatory');

    await page.locator(`a.slot-body[href$="/${encodeURIComponent(person.detail.patientId)}"]`).first().click();
    await page.getByRole('heading', { level: 2, name: person.detail.displayName }).waitFor();
  });

  it('reads each office’s status: PMS, refresh times in the office’s zone, counts', async () => {
    await page.getByRole('link', { name: 'Status' }).click();
    for (const office of status.offices) {
      const card = page.getByTestId(`office-status-${office.officeId}`);
      await card.waitFor();
      const text = (await card.textContent()) ?? '';
      if (office.spc.practiceManagementSystem !== null) expect(text).toContain(office.spc.practiceManagementSystem);
      const zoneName = new Intl.DateTimeFormat('en-US', { timeZone: office.spc.ianaTimeZone ?? undefined, timeZoneName: 'shortGeneric' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value ?? '';
      expect(text).toContain(zoneName);
      expect(text).toContain(office.counts.patients.toLocaleString('en-US'));
      expect(text).toContain('Up to date');
    }
    await e2e.screenshot('status');
  });

  it('shows the offline indicator and still searches when the network goes', async () => {
    harness.companion.setOnline(false);
    try {
      await expect.poll(() => page.getByTestId('connectivity').textContent()).toBe('Offline');
      await search(`${person.firstName.slice(0, 3)} ${person.lastName.slice(0, 3)}`);
      expect(await page.locator('.offline-banner').textContent()).toContain('Search and schedules still work');
      expect(await optionFor(person.detail).count()).toBeGreaterThan(0);
      await e2e.screenshot('offline-search');
    } finally {
      harness.companion.setOnline(true);
    }
    await expect.poll(() => page.getByTestId('connectivity').textContent()).toBe('Online');
  });

  it('fits every screen in 1024 × 600 without scrolling sideways', async () => {
    await page.setViewportSize({ width: 1024, height: 600 });
    const origin = new URL(harness.url).origin;
    for (const [name, hash] of [
      ['patients-1024', `#/patients/${DENTAL}/${encodeURIComponent(person.detail.patientId)}`],
      ['schedule-1024', `#/schedule?office=${DENTAL}`],
      ['status-1024', '#/status'],
      ['settings-1024', '#/settings'],
      ['staff-1024', '#/staff'],
      ['audit-1024', '#/audit'],
    ] as const) {
      await page.goto(`${origin}/${hash}`);
      await page.locator('main').getByRole('heading').first().waitFor();
      expect(await noHorizontalScroll(), name).toBe(true);
      await e2e.screenshot(name);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('signs out to Connect and syncs the demo practice again, with live progress', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Leave the demo practice\u2026' }).click();
    await page.getByRole('button', { name: 'Leave the demo practice', exact: true }).click();
    await page.getByRole('heading', { name: 'Connect to your practice' }).waitFor();
    await e2e.screenshot('connect');
    await page.getByText('Explore with a demo practice').click();
    await page.getByRole('button', { name: 'Explore the demo practice' }).click();
    await page.getByRole('heading', { name: 'Sync status' }).waitFor();
    await expect.poll(() => page.getByTestId('sync-announcement').textContent(), { timeout: 20_000 }).toMatch(/^(Sync started|Copying )/);
    await e2e.screenshot('status-syncing');
    await expect.poll(() => page.locator('[data-testid^="office-status-"] .badge-good').count(), { timeout: SYNC_TIMEOUT_MS }).toBe(2);
  }, SYNC_TIMEOUT_MS + 30_000);

  it('ran under the strict CSP without a console error or page error', () => {
    expect(e2e.problems).toEqual([]);
  });
});
