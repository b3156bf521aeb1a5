// One Sitrep per user: a second launch focuses the window that is already open and hands it the
// sitrep://join/ link it was started with, if any.
import type { App, BrowserWindow } from 'electron';

/** Returns false when another instance holds the lock; the caller must then quit. */
export function claimSingleInstance(
  app: App,
  getMainWindow: () => BrowserWindow | null,
  /** The second launch's command line, which carries a sitrep://join/ link on Windows and Linux. */
  onSecondInstanceArgv: (argv: string[]) => void = () => {},
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => {
    onSecondInstanceArgv(argv);
    const window = getMainWindow();
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
