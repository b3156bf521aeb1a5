// Platform adapter over the preload bridge (`window.sitrep`).
import type { SitrepApi } from '../../shared/ipc';
import type { PlatformAdapter } from './platform';

export function createElectronPlatform(bridge: SitrepApi): PlatformAdapter {
  return {
    kind: 'electron',
    saveFile: (request) => bridge.saveFile(request),
    notify: (title, body) => bridge.notify({ title, body }),
    openExternal: (url) => bridge.openExternal(url),
    onMenuCommand: (listener) => bridge.onMenuCommand(listener),
    appInfo: () => bridge.appInfo(),
    savePdf: (request) => bridge.savePdf(request),
  };
}
