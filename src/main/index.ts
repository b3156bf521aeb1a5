// Electron main entry: wiring only. Each concern lives in its own module next to this file.
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { createDeepLinkRouter, deepLinkInArgv, listenForDeepLinks } from './deep-links';
import { createMainIpcHandlers } from './ipc-handlers';
import { registerIpcHandlers, sendToRenderer } from './ipc';
import { createBonjourResponder } from './lan/bonjour';
import { closeLanHostOnQuit } from './lan/close-on-quit';
import { withdrawRoomsWithPage } from './lan/hosting-follows-page';
import { createLanHost } from './lan/lan-host';
import { LAN_SETTINGS_FILE_NAME, type LanLog } from './lan/settings';
import { checkAddressesOnWake } from './lan/wake-checks';
import { matchLanguage, type UiLanguage } from '../core/i18n';
import { buildMenuTemplate } from './menu';
import { guardNavigation } from './navigation';
import { restrictPermissions } from './permissions';
import { resolveRendererLocation } from './renderer-location';
import { createSecretStorage } from './secret-storage';
import { claimSingleInstance } from './single-instance';
import { resolveUserDataOverride } from './user-data';
import { createMainWindow, finishQuitHeldByRenderer, preloadPathFor } from './window';
import { repairTornLevelDbTails } from './leveldb-repair';

/** A crash can leave the store's log ending half-written; Chromium would delete the store two starts later. */
function repairStoreAfterCrash(indexedDbDir: string): void {
  try {
    const cuts = repairTornLevelDbTails(indexedDbDir);
    if (cuts.length > 0) console.warn(`[sitrep] cut records a crash left half-written off the store's logs: ${cuts.join('; ')}`);
  } catch (error) {
    // The store then opens as it is; Chromium reports what it finds.
    console.error('[sitrep] could not check the store for records a crash left half-written:', error);
  }
}

const mainDir = import.meta.dirname;
const isDev = !app.isPackaged;

// Must happen before 'ready' and before the single-instance lock, which lives in userData.
const userDataOverride = resolveUserDataOverride(process.argv, process.env);
if (userDataOverride !== undefined) app.setPath('userData', userDataOverride);

let mainWindow: BrowserWindow | null = null;
const getMainWindow = (): BrowserWindow | null => (mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null);

// sitrep://join/ links wait here until the renderer listens; it only prefills the Join dialog.
const deepLinks = createDeepLinkRouter({
  send: (code) => {
    const window = getMainWindow();
    if (window === null) return false;
    sendToRenderer(window.webContents, 'deep-link:join', code);
    return true;
  },
  focus: () => {
    const window = getMainWindow();
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  },
  log: (message) => console.warn(`[sitrep] ${message}`),
});

if (!claimSingleInstance(app, getMainWindow, (argv) => deepLinks.receive(deepLinkInArgv(argv), 'second-instance'))) {
  app.quit();
} else {
  // Before 'ready': macOS fires 'open-url' early for a click that launched the app.
  listenForDeepLinks(app, deepLinks, process.argv);

  const location = resolveRendererLocation({
    mainDir,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
  });

  // The signaling server and mDNS start only when the renderer first hosts or searches.
  const lanLog: LanLog = (level, message) => (level === 'info' ? console.log : console.warn)(`[sitrep] ${message}`);
  const lanHost = createLanHost({
    settingsPath: join(app.getPath('userData'), LAN_SETTINGS_FILE_NAME),
    createMdns: () => createBonjourResponder(lanLog),
    log: lanLog,
    // The window shares its hosted addresses with the room; it hears each change here.
    onHostingChanged: (change) => {
      const window = getMainWindow();
      if (window !== null) sendToRenderer(window.webContents, 'lan:hosting-changed', change);
    },
  });
  closeLanHostOnQuit(app, lanHost, lanLog);

  // Every web contents, present and future, is kept on our page.
  app.on('web-contents-created', (_event, contents) => {
    guardNavigation(contents, location, (url) => shell.openExternal(url));
  });

  const openMainWindow = (): void => {
    // Packaged builds take their icon from the installer; only dev runs need it spelled out.
    const devIcon = isDev ? join(mainDir, '..', '..', 'resources', 'icon.png') : undefined;
    mainWindow = createMainWindow(location, preloadPathFor(mainDir), devIcon);
    finishQuitHeldByRenderer(app, mainWindow);
    mainWindow.on('closed', () => {
      mainWindow = null;
      deepLinks.rendererGone();
    });
    // A reload drops the renderer's listener: links wait for it to ask again.
    mainWindow.webContents.on('did-start-loading', () => deepLinks.rendererGone());
    withdrawRoomsWithPage(mainWindow, lanHost, lanLog);
  };

  app.setAboutPanelOptions({ applicationName: 'Sitrep', applicationVersion: app.getVersion() });

  app
    .whenReady()
    .then(() => {
      restrictPermissions(session.defaultSession);
      // powerMonitor may only be used once the app is ready.
      checkAddressesOnWake(powerMonitor, lanHost);
      // The menu speaks the system's language until the window says which one it shows.
      const setMenuLanguage = (language: UiLanguage): void =>
        Menu.setApplicationMenu(
          Menu.buildFromTemplate(
            buildMenuTemplate({
              appName: 'Sitrep',
              isMac: process.platform === 'darwin',
              isDev,
              language,
              sendMenuCommand: (command) => {
                const target = BrowserWindow.getFocusedWindow() ?? getMainWindow();
                if (target !== null) sendToRenderer(target.webContents, 'menu:command', command);
              },
              showAbout: () => app.showAboutPanel(),
            }),
          ),
        );
      registerIpcHandlers(
        ipcMain,
        createMainIpcHandlers({
          getMainWindow,
          lanHost,
          secretStorage: createSecretStorage(safeStorage, process.platform),
          deepLinks,
          setMenuLanguage,
        }),
        location,
      );
      setMenuLanguage(matchLanguage(app.getPreferredSystemLanguages()));
      // Before any page opens the store, while this instance holds the lock (see leveldb-repair.ts).
      repairStoreAfterCrash(join(app.getPath('userData'), 'IndexedDB'));
      openMainWindow();
      app.on('activate', () => {
        if (getMainWindow() === null) openMainWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('[sitrep] failed to start:', error);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
