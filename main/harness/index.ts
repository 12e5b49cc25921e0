/**
 * The browser harness: the built renderer and the app's own IPC router over the loopback bridge,
 * so the UI is developed and tested in a browser where Electron cannot run. The services are the
 * desktop app's (main/app) with plain-Node edges: the Node key protector, conf settings, the sync
 * worker under tsx. Without a data directory it starts on the demo practice in a fresh temporary
 * one, removed on close. Starting the demo is a manager's step, so on a first run it waits until
 * the first profile is set up (in the page), and on later runs until a manager unlocks. A phone
 * client can open the caller card at `callerUrl(NUMBER)`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalPhoneText, parsePhoneNumber } from '../../shared/phone/phoneNumber';
import { createNodeKeyProtector } from '../auth/keyProtectorNode';
import { startCompanion, type Companion, type CompanionOptions } from '../app/companion';
import { openDataDirWith } from '../app/dataDir';
import { startHttpBridge } from '../ipc/httpBridge';
import { silentLogger, type Logger } from '../log/logger';
import { openNodeSettings } from '../settings/settings';
import { workerScriptUrl } from '../sync/workerHost';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface HarnessOptions {
  /** Where the copy and settings live; a fresh temporary directory when absent. */
  readonly dataDir?: string;
  readonly port?: number;
  /** Start the demo practice when the data directory has no connection (default: when no data directory is given). */
  readonly demo?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly rendererDir?: string;
  readonly version?: string;
  readonly logger?: Logger;
  readonly demoOffices?: CompanionOptions['demoOffices'];
  /** scrypt's cost for new PINs (tests pass cheap parameters). */
  readonly pinScrypt?: CompanionOptions['pinScrypt'];
}

export interface Harness {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly companion: Companion;
  /** The page with the caller card for `number` (`…#token=…&caller=…`); undefined when it is no phone number. */
  callerUrl(number: string): string | undefined;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const temporary = options.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'practice-companion-harness-')) : undefined;
  const dir = options.dataDir ?? temporary ?? '';
  const logger = options.logger ?? silentLogger;
  const dataDir = openDataDirWith(dir, { protector: createNodeKeyProtector({ env: options.env ?? process.env }), settings: openNodeSettings });
  const companion = startCompanion({
    dataDir,
    worker: { script: workerScriptUrl() },
    version: options.version ?? '0.0.0-harness',
    harness: true,
    logger,
    ...(options.demoOffices === undefined ? {} : { demoOffices: options.demoOffices }),
    ...(options.pinScrypt === undefined ? {} : { pinScrypt: options.pinScrypt }),
    demoWhenUnconfigured: options.demo ?? temporary !== undefined,
  });
  const bridge = await startHttpBridge({ router: companion.router, logger: logger.child({ part: 'bridge' }), rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR, ...(options.port === undefined ? {} : { port: options.port }) });
  const unsubscribe = companion.onEvent((event, payload) => { bridge.broadcast(event, payload); });
  return {
    url: bridge.url,
    port: bridge.port,
    dataDir: dir,
    companion,
    callerUrl(number) {
      const phone = parsePhoneNumber(number);
      return phone === null ? undefined : `${bridge.url}&caller=${encodeURIComponent(canonicalPhoneText(phone))}`;
    },
    async close() {
      unsubscribe();
      await bridge.close();
      await companion.close();
      if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
    },
  };
}
