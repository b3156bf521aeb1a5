// The one interface through which the React app reaches the host (Electron shell or plain browser).
import type { SavePdfRequest } from '../../shared/ipc';
import type { AppInfo, MenuCommand, SaveFileRequest } from '../../shared/ipc';

export type { AppInfo, MenuCommand, SaveFileFilter, SaveFileRequest } from '../../shared/ipc';

/** `path` is known in Electron; a browser download only says it started. */
export interface SaveFileOutcome {
  saved: boolean;
  path?: string;
}

export interface PlatformAdapter {
  kind: 'electron' | 'browser';
  /** Native save dialog in Electron; a download in the browser. Rejects with a clear error on bad input. */
  saveFile(request: SaveFileRequest): Promise<SaveFileOutcome>;
  /** Desktop notification. Rejects when notifications are unsupported or denied. */
  notify(title: string, body: string): Promise<void>;
  /** Opens http, https and mailto links outside the app; rejects every other link. */
  openExternal(url: string): Promise<void>;
  /** Application menu commands (Electron only; the browser has no menu). Returns the unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  appInfo(): Promise<AppInfo>;
  /**
   * Prints the HTML incident report to a PDF the user saves (native dialog). Present only where
   * the platform can (Electron); in a browser, print the HTML export instead.
   */
  savePdf?(request: SavePdfRequest): Promise<SaveFileOutcome>;
}
