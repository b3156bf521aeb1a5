// The one object of IPC handlers: what each contract call does once its sender and arguments are trusted.
import { app, dialog, Notification, shell, type BrowserWindow } from 'electron';
import * as fsPromises from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MainIpcHandlers, MenuLanguage, SaveFileRequest, SaveFileResult } from '../shared/ipc';
import { BrowserWindow as ElectronBrowserWindow, session } from 'electron';
import { electronPdfExportDeps, savePdf, writeTemporaryPageWith, type ElectronPdfParts } from './pdf-export';
import { createLanIpcHandlers } from './lan/ipc-handlers';
import type { LanHost } from './lan/lan-host';
import type { DeepLinkRouter } from './deep-links';
import { SecretStorageError, type SecretStorage } from './secret-storage';

export interface MainIpcHandlerDeps {
  /** The window dialogs attach to and notification clicks bring forward. */
  getMainWindow: () => BrowserWindow | null;
  writeFile?: (path: string, content: string | Uint8Array) => Promise<void>;
  /** The signaling server and local discovery; absent only in tests of the other handlers. */
  lanHost?: LanHost;
  /** safeStorage for room secrets; absent only in tests of the other handlers. */
  secretStorage?: SecretStorage;
  /** Rebuilds the application menu in the window's language; absent only in tests of the other handlers. */
  setMenuLanguage?: (language: MenuLanguage) => void;
  /** Join codes from sitrep://join/ links; absent only in tests of the other handlers. */
  deepLinks?: Pick<DeepLinkRouter, 'take'>;
}

/** Electron's pieces for the PDF export, looked up only when a PDF is saved. */
function electronPdfParts(
  getMainWindow: () => BrowserWindow | null,
  write: (path: string, content: Uint8Array) => Promise<void>,
): ElectronPdfParts {
  return {
    BrowserWindow: ElectronBrowserWindow,
    blockNetwork: (partition, pageUrl) =>
      session.fromPartition(partition).webRequest.onBeforeRequest((details, callback) => {
        callback({ cancel: !(details.url.startsWith('data:') || details.url === pageUrl) });
      }),
    writeTemporaryPage: (html) => writeTemporaryPageWith(fsPromises, tmpdir(), join, (path) => pathToFileURL(path).href, html),
    showSaveDialog: (defaultPath) => {
      const options = {
        title: 'Save as PDF',
        defaultPath,
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
      };
      const window = getMainWindow();
      return window === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(window, options);
    },
    defaultFolder: () => app.getPath('documents'),
    joinPath: join,
    writeFile: write,
  };
}

export function createMainIpcHandlers(deps: MainIpcHandlerDeps): MainIpcHandlers {
  const write = deps.writeFile ?? ((path, content) => writeFile(path, content));

  const secrets = (): SecretStorage => {
    if (deps.secretStorage === undefined) throw new SecretStorageError('Secret storage is not available in this window.');
    return deps.secretStorage;
  };

  async function saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
    const window = deps.getMainWindow();
    const options = {
      title: 'Save',
      defaultPath: join(app.getPath('documents'), request.suggestedName),
      filters: request.filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[],
    };
    const choice = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return { saved: false };
    await write(choice.filePath, request.content);
    return { saved: true, path: choice.filePath };
  }

  return {
    'app:info': () => ({ version: app.getVersion(), platform: process.platform }),
    'file:save': saveFile,
    'file:save-pdf': (request) => savePdf(request, electronPdfExportDeps(electronPdfParts(deps.getMainWindow, write))),
    'notify:show': ({ title, body }) => {
      if (!Notification.isSupported()) {
        throw new Error('notify:show: desktop notifications are not supported on this system');
      }
      const notification = new Notification({ title, body });
      notification.on('click', () => {
        const window = deps.getMainWindow();
        if (window === null || window.isDestroyed()) return;
        if (window.isMinimized()) window.restore();
        window.focus();
      });
      notification.show();
    },
    // The URL was already validated as http(s)/mailto by the argument validator.
    'external:open': (url) => shell.openExternal(url),
    ...createLanIpcHandlers(deps.lanHost),
    'secrets:status': () => secrets().status(),
    'secrets:encrypt': (secret) => secrets().encrypt(secret),
    'secrets:decrypt': (sealed) => secrets().decrypt(sealed),
    'deep-link:take': () => deps.deepLinks?.take() ?? null,
    'app:set-menu-language': (language) => deps.setMenuLanguage?.(language),
  };
}
