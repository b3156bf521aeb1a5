// One Sitrep per user: a second launch focuses the window that is already open.
import type { App, BrowserWindow } from 'electron';

/** Returns false when another instance holds the lock; the caller must then quit. */
export function claimSingleInstance(app: App, getMainWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = getMainWindow();
    if (window === null || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
