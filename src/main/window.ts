// The main window: secure web preferences and the lifecycle hooks that keep it observable.
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { join } from 'node:path';
import type { RendererLocation } from './renderer-location';

/** Matches the renderer's dark theme so the window never flashes white before first paint. */
export const WINDOW_BACKGROUND_COLOR = '#0f1115';
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

export function preloadPathFor(mainDir: string): string {
  return join(mainDir, '..', 'preload', 'index.cjs');
}

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    width: 1320,
    height: 860,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Sitrep',
    backgroundColor: WINDOW_BACKGROUND_COLOR,
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

export function watchRendererHealth(contents: WebContents, log: (message: string) => void = console.error): void {
  contents.on('render-process-gone', (_event, details) => {
    log(`[sitrep] renderer process gone: reason=${details.reason} exitCode=${details.exitCode} url=${contents.getURL()}`);
  });
  contents.on('unresponsive', () => log(`[sitrep] renderer unresponsive: url=${contents.getURL()}`));
  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedUrl, isMainFrame) => {
    if (isMainFrame) log(`[sitrep] page failed to load: ${errorDescription} (${errorCode}) url=${validatedUrl}`);
  });
}

export function createMainWindow(location: RendererLocation, preloadPath: string, iconPath?: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, iconPath));
  window.once('ready-to-show', () => window.show());
  watchRendererHealth(window.webContents);
  const load = location.kind === 'file' ? window.loadFile(location.indexPath) : window.loadURL(location.url);
  load.catch((error: unknown) => {
    console.error(`[sitrep] could not load the renderer from ${location.url}:`, error);
    // A window that never becomes visible looks like a hung app; show whatever Chromium has.
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  });
  return window;
}

/** The parts of Electron's app and window that the close handling below uses (fakes in tests). */
export interface QuitSource {
  on(event: 'before-quit', listener: () => void): unknown;
  removeListener(event: 'before-quit', listener: () => void): unknown;
  quit(): void;
}
export interface UnloadGuardedWindow {
  on(event: 'closed', listener: () => void): unknown;
  readonly webContents: { on(event: 'will-prevent-unload', listener: () => void): unknown };
}

/**
 * While an incident has unsaved changes, the renderer's `beforeunload` holds a close up (Electron
 * then cancels it silently, no dialog) and the renderer asks the user; once resolved, it closes
 * the window itself. A quit held up that way finishes then, on macOS too, where closing the last
 * window does not quit. The decision stays in the renderer; main only remembers the quit.
 */
export function finishQuitHeldByRenderer(app: QuitSource, window: UnloadGuardedWindow): void {
  let quitting = false;
  let held = false;
  const onBeforeQuit = (): void => {
    quitting = true;
  };
  app.on('before-quit', onBeforeQuit);
  window.webContents.on('will-prevent-unload', () => {
    held = quitting;
    quitting = false;
  });
  window.on('closed', () => {
    app.removeListener('before-quit', onBeforeQuit);
    if (held) app.quit();
  });
}
