// Holds the app's quit until the LAN host has said goodbye on mDNS and closed the signaling server,
// so responders see the room disappear at once instead of when their caches expire.
import type { LanHost } from './lan-host';
import type { LanLog } from './settings';

/** The part of Electron's `app` this needs, so a test can pass an EventEmitter. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/** Quitting is never held up longer than this, even if a socket refuses to close. */
export const CLOSE_ON_QUIT_LIMIT_MS = 3_000;

export function closeLanHostOnQuit(app: QuittingApp, lanHost: Pick<LanHost, 'close'>, log: LanLog): void {
  let closed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('warn', `LAN host: still closing after ${CLOSE_ON_QUIT_LIMIT_MS} ms; quitting anyway.`);
        resolve();
      }, CLOSE_ON_QUIT_LIMIT_MS);
    });
    const closeHost = lanHost.close().catch((error: unknown) => {
      log('error', `LAN host did not close cleanly: ${error instanceof Error ? error.message : String(error)}`);
    });
    void Promise.race([closeHost, limit]).then(() => {
      clearTimeout(timer);
      closed = true;
      app.quit();
    });
  });
}
