// `window.sitrep` exists only inside the Electron shell, where the preload exposes it.
import type { SitrepApi } from '../../shared/ipc';

declare global {
  interface Window {
    sitrep?: SitrepApi;
  }
}
