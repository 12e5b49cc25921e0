/**
 * Freshness that cannot mislead, end to end in Chromium: the demo practice's dental office has an
 * SPC that last read Dentrix five hours ago, while this PC copies everything Sikka has within
 * minutes. The header, the Status screen and the tray say the office is behind and why — never
 * "Up to date" — and the en-US browser writes an appointment at 14:00 as "2:00 PM".
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoOffices } from '../../main/sandbox';
import { trayView } from '../../main/shell/trayModel';
import type { DaySchedule } from '../../shared/domain/schedule';
import type { SyncStatus } from '../../shared/domain/sync';
import { describeInChromium, startE2e, SYNC_TIMEOUT_MS, type E2eSession } from './browserSession';
import { setUpFirstManager } from './staffSetup';

const DENTAL = 'D16001';
const VET = 'V20417';
const SPC_LAST_READ_HOURS = 5;

let e2e: E2eSession;
let page: Page;
let status: SyncStatus;

/** A dental patient with an appointment at 14:00 on the office's clock, looking forward from the office's today. */
async function patientAtTwo(): Promise<string> {
  const zone = status.offices.find((office) => office.officeId === DENTAL)?.spc.ianaTimeZone ?? undefined;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  for (let offset = 0; offset < 14; offset++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const schedule = await e2e.invoke<DaySchedule>('daySchedule', { officeId: DENTAL, date, groupBy: 'provider' });
    const found = schedule.columns.flatMap((column) => column.appointments).find((appointment) => appointment.time === '14:00' && appointment.patientId !== null);
    if (found?.patientId != null) return found.patientId;
  }
  throw new Error('no dental appointment at 14:00 in the next two weeks');
}

describeInChromium('freshness and the PC\u2019s clock in Chromium', () => {
  beforeAll(async () => {
    e2e = await startE2e({
      name: 'freshness',
      passphrase: 'freshness e2e',
      viewport: { width: 1280, height: 720 },
      locale: 'en-US',
      demoOffices: () => demoOffices().map((office) => ({
        ...office,
        patients: 300,
        ...(office.officeId === DENTAL ? { spcLastReadMinutesAgo: SPC_LAST_READ_HOURS * 60 } : {}),
      })),
    });
    ({ page } = e2e);
    await page.goto(e2e.harness.url);
    await setUpFirstManager(page);
    status = await e2e.waitForDemoSync();
  }, SYNC_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await (e2e as E2eSession | undefined)?.close();
  });

  it('copies everything Sikka has within minutes, yet the header says the dental office is behind and why', async () => {
    const dental = status.offices.find((office) => office.officeId === DENTAL);
    expect(Date.now() - (dental?.lastSuccessAt ?? 0)).toBeLessThan(5 * 60_000);
    const asOf = page.getByTestId('data-as-of');
    await expect.poll(() => asOf.textContent()).toBe(`Behind: Dentrix last read by Sikka ${SPC_LAST_READ_HOURS} h ago (Maple Grove Family Dental)`);
    expect(await asOf.getAttribute('class')).toContain('as-of-warning');
    await e2e.screenshot('freshness-header');
  });

  it('shows the dental office amber on the Status screen, with the reason and what to do, and the other office up to date', async () => {
    await page.getByRole('link', { name: 'Status' }).click();
    const dental = page.getByTestId(`office-status-${DENTAL}`);
    await dental.waitFor();
    const badge = dental.locator('.badge');
    expect(await badge.textContent()).toBe('Behind');
    expect(await badge.getAttribute('class')).toContain('badge-warning');
    expect(await dental.getByTestId('office-behind').textContent()).toBe(
      `Dentrix last read by Sikka ${SPC_LAST_READ_HOURS} h ago. Recent changes in the practice may be missing here. Check that the Sikka agent (SPC) is running on the practice\u2019s server.`,
    );
    expect(await dental.textContent()).not.toContain('Up to date');
    // This PC's copy is minutes old: only Sikka's link is behind.
    expect(await dental.locator('.fact', { hasText: 'Last complete sync here' }).locator('dd').textContent()).toMatch(/\((just now|\d+ min ago)\)$/);
    const vet = page.getByTestId(`office-status-${VET}`);
    expect(await vet.locator('.badge').textContent()).toBe('Up to date');
    await e2e.screenshot('freshness-status');
  });

  it('makes the tray say the same, with the amber icon', () => {
    const view = trayView({ status: e2e.harness.companion.syncStatus(), online: true, now: Date.now(), progress: null, unlocked: true, display: { locale: 'en-US' } });
    expect(view.icon).toBe('stale');
    expect(view.tooltip).toMatch(new RegExp(`^Behind: Dentrix last read by Sikka ${SPC_LAST_READ_HOURS} h ago \\u00b7 synced (just now|\\d+ min ago)$`));
  });

  it('writes an appointment at 14:00 as "2:00 PM" in an en-US browser', async () => {
    const patientId = await patientAtTwo();
    await page.goto(`${new URL(e2e.harness.url).origin}/#/patients/${DENTAL}/${encodeURIComponent(patientId)}`);
    const record = page.getByRole('article');
    await record.waitFor();
    await expect.poll(() => record.locator('td', { hasText: /^2:00 PM$/ }).count()).toBeGreaterThan(0);
    expect(await record.locator('td', { hasText: /^14:00$/ }).count()).toBe(0);
    await e2e.screenshot('freshness-two-pm');
  });

  it('ran under the strict CSP without a console error or page error', () => {
    expect(e2e.problems).toEqual([]);
  });
});
