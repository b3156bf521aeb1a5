// Hosting follows the page that asked for it: when the window's page is replaced (a reload or a
// navigation), crashes or closes, every room it hosted is withdrawn, so no signaling server or
// announcement outlives it. A reloaded page hosts again the rooms it reopens.
import type { LanHost } from './lan-host';
import type { LanLog } from './settings';

/** The parts of Electron's BrowserWindow this needs, so a test can pass EventEmitters. */
export interface HostingWindow {
  on(event: 'closed', listener: () => void): unknown;
  readonly webContents: {
    on(event: 'did-navigate' | 'render-process-gone', listener: () => void): unknown;
  };
}

export function withdrawRoomsWithPage(window: HostingWindow, lanHost: Pick<LanHost, 'withdrawAll'>, log: LanLog): void {
  const withdraw = (): void => {
    lanHost.withdrawAll().catch((error: unknown) => {
      log('warn', `LAN host: could not stop hosting for a page that went away: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  // did-navigate fires once a new document has committed (not for in-page changes, nor for a
  // navigation that was refused), before the new page can ask to host anything.
  window.webContents.on('did-navigate', withdraw);
  window.webContents.on('render-process-gone', withdraw);
  window.on('closed', withdraw);
}
