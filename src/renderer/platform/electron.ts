// Platform adapter over the preload bridge (`window.sitrep`).
import type { SitrepApi } from '../../shared/ipc';
import type { PlatformAdapter } from './platform';

export function createElectronPlatform(bridge: SitrepApi): PlatformAdapter {
  let unclaimedLink: string | null = null;
  const joinListeners = new Set<(code: string) => void>();
  const deliverTakenLink = (code: string): void => {
    const latest = [...joinListeners].at(-1);
    if (latest) latest(code);
    else unclaimedLink = code;
  };
  return {
    kind: 'electron',
    saveFile: (request) => bridge.saveFile(request),
    notify: (title, body) => bridge.notify({ title, body }),
    openExternal: (url) => bridge.openExternal(url),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    onJoinLink: (listener) => {
      const unsubscribe = bridge.onJoinLink(listener);
      joinListeners.add(listener);
      if (unclaimedLink !== null) {
        const code = unclaimedLink;
        unclaimedLink = null;
        queueMicrotask(() => deliverTakenLink(code));
      }
      // Subscribed first, then the link that launched the app (or came before the window) is taken.
      // Main hands it out once: one taken for a listener already gone (React's strict-mode double
      // mount) goes to the listener there is now, or waits for the next.
      bridge.takeJoinLink().then(
        (code) => {
          if (code !== null) deliverTakenLink(code);
        },
        (error: unknown) => console.error('Sitrep: reading the join link the app was opened with failed', error),
      );
      return () => {
        joinListeners.delete(listener);
        unsubscribe();
      };
    },
    secrets: {
      status: () => withPlainMessage(bridge.secretStorageStatus()),
      seal: (secret) => withPlainMessage(bridge.encryptSecret(secret)),
      open: (sealed) => withPlainMessage(bridge.decryptSecret(sealed)),
    },
    appInfo: () => bridge.appInfo(),
    // A bridge without it (an older preload, a test's fake) leaves the menu in the system's language.
    ...(typeof bridge.setMenuLanguage === 'function' ? { setMenuLanguage: (language) => bridge.setMenuLanguage(language) } : {}),
    savePdf: (request) => bridge.savePdf(request),
    lanAvailable: true,
    hostRoom: (request) => withPlainMessage(bridge.hostRoom(request)),
    stopHosting: (roomId) => withPlainMessage(bridge.stopHosting({ roomId })),
    hostingStatus: (roomId) => withPlainMessage(bridge.hostingStatus({ roomId })),
    setRoomHosting: (change) => withPlainMessage(bridge.setRoomHosting(change)),
    // A bridge without it (an older preload, a test's fake) simply reports no changes.
    ...(typeof bridge.onHostingChanged === 'function' ? { onHostingChanged: (listener) => bridge.onHostingChanged(listener) } : {}),
    discoverRooms: (timeoutMs) => withPlainMessage(timeoutMs === undefined ? bridge.discoverRooms() : bridge.discoverRooms(timeoutMs)),
    lanSettings: () => withPlainMessage(bridge.lanSettings()),
    updateLanSettings: (changes) => withPlainMessage(bridge.updateLanSettings(changes)),
  };
}

/** Electron prefixes errors thrown in main with "Error invoking remote method 'lan:…': LanHostError: ". */
const REMOTE_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

/** Keeps only main's own sentence, so the UI can show it as it is. */
export async function withPlainMessage<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof Error && REMOTE_ERROR_PREFIX.test(error.message)) {
      throw new Error(error.message.replace(REMOTE_ERROR_PREFIX, ''), { cause: error });
    }
    throw error;
  }
}
