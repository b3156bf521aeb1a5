// Picks the platform adapter once: Electron when the preload bridge is present, the browser otherwise.
import { version } from '../../../package.json';
import { createBrowserPlatform } from './browser';
import { createElectronPlatform } from './electron';
import type { PlatformAdapter } from './platform';

export type { PlatformAdapter, SaveFileOutcome } from './platform';

let platform: PlatformAdapter | undefined;

export function getPlatform(): PlatformAdapter {
  if (platform === undefined) {
    const bridge = typeof window === 'undefined' ? undefined : window.sitrep;
    platform = bridge === undefined ? createBrowserPlatform(version) : createElectronPlatform(bridge);
  }
  return platform;
}
