/**
 * The first steps every e2e suite takes in the page: on first run the app asks for the first
 * profile (a manager) before anything else, and the harness starts the demo practice once it
 * exists. PINs are hashed with cheap scrypt parameters here; the app's default is slow on purpose.
 */
import type { Page } from 'playwright-core';

export const E2E_PIN_SCRYPT = { logN: 10, r: 8, p: 1 } as const;

export const MANAGER = { displayName: 'Dana Whitfield', pin: '602948' } as const;

/** Fills in the first-run screen as the practice manager would, and waits until the app is unlocked. */
export async function setUpFirstManager(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 2, name: 'Set up Practice Companion on this PC' }).waitFor();
  await page.getByLabel('Your name', { exact: true }).fill(MANAGER.displayName);
  await page.getByLabel('PIN', { exact: true }).fill(MANAGER.pin);
  await page.getByLabel('Type the PIN again', { exact: true }).fill(MANAGER.pin);
  await page.getByRole('button', { name: 'Create my manager profile' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Unlocks from the lock screen as `displayName`. */
export async function unlock(page: Page, displayName: string, pin: string): Promise<void> {
  await page.getByLabel('Who is unlocking').selectOption({ label: displayName });
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
}
