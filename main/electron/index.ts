/**
 * The desktop app's composition root — the one module that imports Electron's values. It wires
 * Electron's objects to the logic that lives (and is tested) elsewhere: the hardened window and
 * session, the app:// protocol, the IPC adapter in front of the router, the tray, the online
 * monitor, wake-from-sleep, single instance, start at login, callers announced by a phone client
 * (a practice-companion:// link or --caller on any launch), and an orderly quit.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, net, powerMonitor, protocol, safeStorage, session, shell, Tray } from 'electron';
import ElectronStore from 'electron-store';
import type { AppSettings } from '../../shared/domain/settings';
import { usableLocale } from '../../shared/time/relative';
import { startCompanion } from '../app/companion';
import { openDataDirWith } from '../app/dataDir';
import { KeyProtectorError } from '../auth/keyProtector';
import { createSafeStorageKeyProtector } from '../auth/safeStorageProtector';
import { APP_SCHEME, registerIpc } from '../ipc/electronAdapter';
import { createLogger, jsonLineSink } from '../log/logger';
import { createCallerInbox } from '../shell/callerInbox';
import { CALLER_SCHEME, callerFromArgv, callerFromUrl, type CallerRefusal } from '../shell/callerLaunch';
import { Settings, settingsStoreOptions } from '../settings/settings';
import { startOnlineMonitor } from '../shell/onlineMonitor';
import { createQuitSequence } from '../shell/quitSequence';
import { trayView, type TrayState } from '../shell/trayModel';
import { createAppProtocolHandler } from './appProtocol';
import { hardenSession, hardenWebContents } from './hardening';
import { createMainWindow } from './mainWindow';
import { createTrayController } from './tray';

const here = dirname(fileURLToPath(import.meta.url));

// Before the app is ready: app:// must be a standard, secure scheme for fetch and the CSP to apply.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// A caller can arrive before the app is ready: macOS starts the app for a link with open-url.
let reportRefusedCaller: (reason: CallerRefusal) => void = () => undefined;
const callers = createCallerInbox({ onRefused: (reason) => { reportRefusedCaller(reason); } });
app.on('open-url', (event, url) => {
  event.preventDefault();
  callers.receive(callerFromUrl(url));
});

if (!app.requestSingleInstanceLock()) {
  // A second launch (a phone client's link or --caller included) hands over to the first and ends.
  app.quit();
} else {
  callers.receive(callerFromArgv(process.argv));
  void app.whenReady().then(start);
}

function trayIconPath(state: TrayState): string {
  const folder = app.isPackaged ? join(process.resourcesPath, 'tray') : join(here, '../../build/tray');
  return join(folder, `${state}.png`);
}

/** On Linux without a keyring, secrets would only be obfuscated: ask before accepting that. */
async function keyProtector(settings: Settings) {
  const make = () => createSafeStorageKeyProtector(safeStorage, { platform: process.platform, allowPlaintext: settings.current().allowPlaintextSecretStorage });
  try {
    return make();
  } catch (error) {
    if (!(error instanceof KeyProtectorError) || error.code !== 'KEY_PROTECTOR_PLAINTEXT_REFUSED') throw error;
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'Practice Companion',
      message: 'This computer has no secure password store.',
      detail: `${error.explanation}\n\nWithout one, Practice Companion can only obscure the practice's Sikka keys on this disk, not encrypt them. Install and unlock a keyring (e.g. GNOME Keyring or KWallet) and start again, or continue at your own risk.`,
      buttons: ['Quit', 'Continue without a keyring'],
      defaultId: 0,
      cancelId: 0,
    });
    if (response !== 1) throw error;
    settings.update({ allowPlaintextSecretStorage: true });
    return make();
  }
}

async function start(): Promise<void> {
  const dataPath = app.getPath('userData');
  mkdirSync(join(dataPath, 'logs'), { recursive: true, mode: 0o700 });
  const logFile = createWriteStream(join(dataPath, 'logs', 'main.log'), { flags: 'a', mode: 0o600 });
  const logger = createLogger({ sink: jsonLineSink((line) => logFile.write(line)), level: 'info' });
  reportRefusedCaller = (reason) => { logger.warn('caller.refused', { reason }); };

  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => { hardenWebContents(contents, (url) => void shell.openExternal(url)); });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')));

  const settings = new Settings(new ElectronStore<AppSettings>(settingsStoreOptions(dataPath)));
  let protector;
  try {
    protector = await keyProtector(settings);
  } catch (error) {
    logger.error('app.no_secret_storage', { errorCode: error instanceof KeyProtectorError ? error.code : 'UNKNOWN' });
    app.exit(1);
    return;
  }
  const dataDir = openDataDirWith(dataPath, {
    protector,
    settings: () => settings,
    // `npm start` runs the app on an addon rebuilt for Electron (build/start.ts); packaged apps use the package's own.
    nativeBinding: process.env['PRACTICE_COMPANION_SQLITE_BINDING'],
  });

  const companion = startCompanion({
    dataDir,
    worker: { script: join(here, 'sync-worker.js') },
    version: app.getVersion(),
    harness: false,
    // The regional format Windows shows dates and times in, which the window's own language may not be.
    locale: app.getSystemLocale(),
    openExternal: (url) => shell.openExternal(url),
    setStartAtLogin: (openAtLogin) => { app.setLoginItemSettings({ openAtLogin }); },
    online: net.isOnline(),
    logger,
    // Idle anywhere on the PC, not only in this window: staff work in other programs too.
    systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
    // `npm start` opens on the demo practice until something is connected; an installed app asks.
    demoWhenUnconfigured: !app.isPackaged,
  });
  app.setLoginItemSettings({ openAtLogin: settings.current().startAtLogin });

  const ipc = registerIpc(ipcMain, companion.router, logger.child({ part: 'ipc' }));
  let quitting = false;
  const window = createMainWindow((options) => new BrowserWindow(options), {
    preload: join(here, '../preload/index.cjs'),
    devTools: !app.isPackaged,
    icon: app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(here, '../../build/icon.png'),
    isQuitting: () => quitting,
  });
  ipc.trust(window.webContents);
  const showWindow = (): void => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', (_event, argv) => {
    callers.receive(callerFromArgv(argv));
    showWindow();
  });
  // The installer registers the scheme; a development run must not take it from the installed app.
  if (app.isPackaged) app.setAsDefaultProtocolClient(CALLER_SCHEME);
  callers.open((number) => {
    companion.callerArrived(number);
    showWindow();
  });

  const monitor = startOnlineMonitor({ isOnline: () => net.isOnline(), onChange: (online) => { companion.setOnline(online); } });
  const tray = createTrayController(new Tray(nativeImage.createFromPath(trayIconPath('synced'))), {
    imageFor: (icon) => nativeImage.createFromPath(trayIconPath(icon)),
    buildMenu: (items) => Menu.buildFromTemplate(items.map((item) => ('label' in item ? { label: item.label, enabled: item.enabled, click: item.click } : { type: 'separator' as const }))),
    actions: {
      open: showWindow,
      syncNow: () => void companion.syncNow(),
      togglePause: () => { companion.setSyncPaused(!companion.settings().syncPaused); },
      lock: () => { companion.session.lock('manual'); },
      quit: () => { app.quit(); },
    },
  });
  const refreshTray = (): void => {
    const display = { locale: usableLocale(app.getSystemLocale()), clock: companion.settings().clock, pcZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    const view = trayView({ status: companion.syncStatus(), online: monitor.online, now: Date.now(), progress: companion.latestProgress(), unlocked: companion.session.view().state === 'unlocked', display });
    tray.show(view);
    // Electron cannot read a tray's tooltip back, so the end-to-end test (only) gets the last view; it holds no PHI.
    if (process.env['PRACTICE_COMPANION_E2E'] === '1') Object.assign(globalThis, { practiceCompanionTray: view });
  };
  let trayPending: NodeJS.Timeout | undefined;
  companion.onEvent((event, payload) => {
    ipc.broadcast(event, payload);
    // Progress comes many times a second; the tray needs it at most once a second.
    trayPending ??= setTimeout(() => { trayPending = undefined; refreshTray(); }, 1_000);
  });
  refreshTray();
  // "Synced 3 min ago" must keep counting between events.
  setInterval(refreshTray, 30_000).unref();
  powerMonitor.on('resume', () => { companion.resumed(); });
  // "Log off on Windows lock": the OS locking its screen or sleeping locks the app at once.
  powerMonitor.on('lock-screen', () => { companion.session.screenLocked(); });
  powerMonitor.on('suspend', () => { companion.session.suspended(); });

  const quit = createQuitSequence({
    stopSync: () => companion.stopSyncing(),
    closeDatabase: () => companion.close(),
    exit: (code) => {
      monitor.stop();
      ipc.dispose();
      logFile.end();
      app.exit(code);
    },
    onStepFailed: (step) => { logger.error('app.quit_step_failed', { step }); },
  });
  app.on('before-quit', (event) => {
    event.preventDefault();
    quitting = true;
    void quit();
  });
  // Closing the window hides it; the app lives in the tray until Quit.
  app.on('window-all-closed', () => undefined);
}
