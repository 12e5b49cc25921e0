/**
 * What every e2e suite in Chromium sets up and takes down: the renderer built into a temporary
 * directory, the browser harness on the demo practice (its own data directory and passphrase,
 * cheap PIN hashing), Debian's Chromium headless on the harness, and a record of the page's
 * console errors, uncaught errors and dialogs (each dismissed) for the suites to assert on.
 * Screenshots go to test-results/screenshots/. Without Chromium the suites are skipped and say why.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from '../../main/harness';
import type { SyncStatus } from '../../shared/domain/sync';
import { buildRenderer } from './buildRenderer';
import { E2E_PIN_SCRYPT } from './staffSetup';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOTS = resolve('test-results/screenshots');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

/** How long the demo practice may take to sync; tests that wait for it allow this and more. */
export const SYNC_TIMEOUT_MS = 60_000;

/** A suite that runs only where Chromium is, and whose title says why it was skipped where it is not. */
export function describeInChromium(title: string, suite: () => void): void {
  describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? title : `${title} (skipped: no Chromium at ${CHROMIUM}; set CHROMIUM_PATH)`, suite);
}

export interface E2eOptions {
  /** Names the temporary directory (`pc-e2e-NAME-…`). */
  readonly name: string;
  /** The data directory's passphrase, as PRACTICE_COMPANION_PASSPHRASE. */
  readonly passphrase: string;
  /** A smaller (or larger) demo practice than the default. */
  readonly demoOffices?: HarnessOptions['demoOffices'];
  readonly viewport: { readonly width: number; readonly height: number };
  /** The browser's locale, which the harness's renderer writes dates and times in (default en-US). */
  readonly locale?: string;
}

export interface E2eSession {
  readonly harness: Harness;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors, in order. */
  readonly problems: readonly string[];
  /** The messages of the dialogs the page opened, in order. */
  readonly dialogs: readonly string[];
  /** Calls the app's own router, as the page would; a failure throws with its code. */
  invoke<T>(channel: string, args: unknown): Promise<T>;
  /** Waits until both demo offices are up to date. */
  waitForDemoSync(): Promise<SyncStatus>;
  /** Saves the page as test-results/screenshots/NAME.png. */
  screenshot(name: string): Promise<void>;
  /** Closes Chromium and the harness and removes the temporary directory. */
  close(): Promise<void>;
}

/** Starts a suite's harness and browser; whatever started is taken down again if a later step fails. */
export async function startE2e(options: E2eOptions): Promise<E2eSession> {
  const workDir = mkdtempSync(join(tmpdir(), `pc-e2e-${options.name}-`));
  let harness: Harness | undefined;
  let context: BrowserContext | undefined;
  const close = async (): Promise<void> => {
    await context?.close();
    await harness?.close();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const rendererDir = join(workDir, 'renderer');
    await buildRenderer(rendererDir);
    const started = await startHarness({
      dataDir: join(workDir, 'data'),
      port: 0,
      demo: true,
      rendererDir,
      env: { PRACTICE_COMPANION_PASSPHRASE: options.passphrase },
      ...(options.demoOffices === undefined ? {} : { demoOffices: options.demoOffices }),
      pinScrypt: E2E_PIN_SCRYPT,
    });
    harness = started;
    const browser = await chromium.launchPersistentContext(join(workDir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport,
      // The PC's regional format, as the renderer learns it in the harness (the browser's own): stated, not left to the machine.
      locale: options.locale ?? 'en-US',
    });
    context = browser;
    const page = browser.pages()[0] ?? (await browser.newPage());
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
    page.on('pageerror', (error) => { problems.push(error.message); });
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    return {
      harness: started,
      context: browser,
      page,
      problems,
      dialogs,
      async invoke<T>(channel: string, args: unknown): Promise<T> {
        const result = await started.companion.router.invoke(channel, args, { via: 'test' });
        if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
        return result.value as T;
      },
      async waitForDemoSync(): Promise<SyncStatus> {
        const deadline = Date.now() + SYNC_TIMEOUT_MS;
        for (;;) {
          const status = started.companion.syncStatus();
          if (status.offices.length === 2 && !status.running && status.offices.every((office) => office.state === 'up-to-date')) return status;
          if (Date.now() > deadline) throw new Error(`the demo practice did not sync: ${status.offices.map((office) => `${office.officeId} ${office.state}`).join(', ')}`);
          await new Promise((done) => setTimeout(done, 200));
        }
      },
      async screenshot(name: string): Promise<void> {
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
