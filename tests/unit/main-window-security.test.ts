// Proves the main window is created with the secure web preferences and stays observable.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

let loadShouldFail = false;

class FakeWebContents extends EventEmitter {
  getURL = () => 'file:///app/out/renderer/index.html';
}

class FakeWindow extends EventEmitter {
  webContents = new FakeWebContents();
  shown = false;
  loadFile = vi.fn(async (_path: string) => {
    if (loadShouldFail) throw new Error('ERR_FILE_NOT_FOUND');
  });
  loadURL = vi.fn(async (_url: string) => {});
  constructor(public options: Record<string, unknown>) {
    super();
  }
  show() {
    this.shown = true;
  }
  isDestroyed() {
    return false;
  }
  isVisible() {
    return this.shown;
  }
}

vi.mock('electron', () => ({ BrowserWindow: FakeWindow }));

const { createMainWindow, mainWindowOptions, preloadPathFor, watchRendererHealth, MIN_WINDOW_SIZE } = await import('../../src/main/window');

describe('main window options', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs');
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('loads the bundled CommonJS preload', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(preloadPathFor('/app/out/main')).toMatch(/out[/\\]preload[/\\]index\.cjs$/);
  });

  it('starts hidden on a dark background with a minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.minWidth).toBe(MIN_WINDOW_SIZE.width);
    expect(options.minHeight).toBe(MIN_WINDOW_SIZE.height);
  });
});

describe('createMainWindow', () => {
  it('loads the built page from disk and shows the window only when ready to show', () => {
    const window = createMainWindow(
      { kind: 'file', indexPath: '/app/out/renderer/index.html', url: 'file:///app/out/renderer/index.html' },
      '/app/out/preload/index.cjs',
    ) as unknown as FakeWindow;
    expect(window.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(window.loadURL).not.toHaveBeenCalled();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('loads the dev server URL in development', () => {
    const window = createMainWindow(
      { kind: 'dev-server', origin: 'http://localhost:5173', url: 'http://localhost:5173/' },
      '/p.cjs',
    ) as unknown as FakeWindow;
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });

  it('shows the window anyway when the page fails to load, and says why', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    loadShouldFail = true;
    try {
      const window = createMainWindow(
        { kind: 'file', indexPath: '/missing/index.html', url: 'file:///missing/index.html' },
        '/p.cjs',
      ) as unknown as FakeWindow;
      await vi.waitFor(() => expect(window.shown).toBe(true));
      expect(error).toHaveBeenCalledWith(expect.stringContaining('could not load the renderer'), expect.any(Error));
    } finally {
      loadShouldFail = false;
      error.mockRestore();
    }
  });
});

describe('renderer health', () => {
  it('logs a renderer crash with its reason and exit code', () => {
    const contents = new FakeWebContents();
    const log = vi.fn();
    watchRendererHealth(contents as never, log);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('renderer process gone: reason=crashed exitCode=139'));
  });

  it('logs a failed main-frame load but not a failed subframe', () => {
    const contents = new FakeWebContents();
    const log = vi.fn();
    watchRendererHealth(contents as never, log);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///x', false);
    expect(log).not.toHaveBeenCalled();
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'file:///x', true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
  });
});
