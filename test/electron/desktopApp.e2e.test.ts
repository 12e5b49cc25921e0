/**
 * The desktop app itself, driven by Playwright's Electron support: launch, the first-run manager
 * profile, the demo practice a development run opens on, a patient search, the tray's status,
 * and the lock. It needs Electron's binary,
 * which cannot be downloaded on every machine (ELECTRON_SKIP_BINARY_DOWNLOAD): there the suite
 * is skipped and its name says why. Everything below the Electron layer is tested under Node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'electron-vite';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, electronSqliteBinding, NO_ELECTRON_MESSAGE, ROOT } from '../../build/electronDev';
import type { TrayView } from '../../main/shell/trayModel';
import { setUpFirstManager } from '../e2e/staffSetup';

const BINARY = electronBinary();
const SKIP_REASON = `skipped: ${NO_ELECTRON_MESSAGE.split('\n')[0] ?? ''}`;

describe.skipIf(BINARY === undefined)(BINARY === undefined ? `the desktop app in Electron (${SKIP_REASON})` : 'the desktop app in Electron', () => {
  let userData: string;
  let launched: ElectronApplication | undefined;
  let window: Page;
  const app = (): ElectronApplication => {
    if (launched === undefined) throw new Error('the app did not launch');
    return launched;
  };

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'pc-electron-'));
    await build({ root: ROOT, configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn' });
    const binding = await electronSqliteBinding();
    launched = await electron.launch({
      executablePath: BINARY ?? '',
      args: [join(ROOT, 'out', 'main', 'index.js'), `--user-data-dir=${userData}`],
      env: { ...process.env, PRACTICE_COMPANION_SQLITE_BINDING: binding, PRACTICE_COMPANION_E2E: '1' },
    });
    window = await app().firstWindow();
  }, 600_000);

  afterAll(async () => {
    await launched?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  it('asks for the first profile, a manager, in a hardened window', async () => {
    expect(window.url()).toBe('app://companion/index.html');
    expect(await window.evaluate('typeof require')).toBe('undefined');
    expect(await window.evaluate('typeof window.companion.searchPatients')).toBe('function');
    await setUpFirstManager(window);
  });

  it('opens on the demo practice (a development run with nothing connected) and finds a patient', async () => {
    const search = window.getByRole('combobox', { name: /^Find/ });
    await search.waitFor({ timeout: 120_000 });
    await expect.poll(async () => {
      await search.fill('a');
      return window.locator('#patient-results [role="option"]').count();
    }, { timeout: 120_000, interval: 1_000 }).toBeGreaterThan(0);
  });

  it('shows the sync status in the tray', async () => {
    await expect.poll(async () => ((await app().evaluate(() => (globalThis as { practiceCompanionTray?: TrayView }).practiceCompanionTray)) ?? null)?.state, { timeout: 120_000, interval: 1_000 }).toBe('synced');
    const tray = await app().evaluate(() => (globalThis as { practiceCompanionTray?: TrayView }).practiceCompanionTray);
    expect(tray?.tooltip).toMatch(/^Up to date \u00b7 synced .* ago/);
    expect(tray?.canLock).toBe(true);
  });

  it('locks: the window shows only the lock screen and the tray no longer offers to lock', async () => {
    await window.getByRole('button', { name: 'Lock', exact: true }).click();
    await window.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await window.locator('#patient-results').count()).toBe(0);
    await expect.poll(async () => (await app().evaluate(() => (globalThis as { practiceCompanionTray?: TrayView }).practiceCompanionTray))?.canLock, { timeout: 10_000 }).toBe(false);
  });
});
