// Platform adapter for the renderer running as a plain web page (dev:web and the Playwright tests).
import { parseExternalUrl } from '../../shared/external-url';
import type { SaveFileRequest } from '../../shared/ipc';
import type { PlatformAdapter } from './platform';
import { uiI18n } from '../i18n';

export const BROWSER_PLATFORM_NAME = 'web';

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  md: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  htm: 'text/html;charset=utf-8',
  csv: 'text/csv;charset=utf-8',
  json: 'application/json;charset=utf-8',
  txt: 'text/plain;charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
};

export function mimeTypeFor(fileName: string): string {
  const extension = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : '';
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

function assertSaveRequest(request: SaveFileRequest): void {
  if (typeof request.suggestedName !== 'string' || request.suggestedName.trim() === '') {
    throw new Error('saveFile: suggestedName must be a non-empty file name');
  }
  if (/[/\\]/.test(request.suggestedName)) {
    throw new Error(`saveFile: suggestedName must not contain folders, got ${JSON.stringify(request.suggestedName)}`);
  }
  if (typeof request.content !== 'string' && !(request.content instanceof Uint8Array)) {
    throw new Error('saveFile: content must be a string or a Uint8Array');
  }
}

export interface BrowserPlatformOptions {
  /** Signaling addresses configured for the web build; hostRoom hands them out for join codes. */
  signalingUrls?: readonly string[];
}

export function createBrowserPlatform(version: string, options: BrowserPlatformOptions = {}): PlatformAdapter {
  const configuredSignalingUrls = [...(options.signalingUrls ?? [])];
  return {
    kind: 'browser',

    async saveFile(request) {
      assertSaveRequest(request);
      const part: BlobPart = typeof request.content === 'string' ? request.content : new Uint8Array(request.content); // copy: BlobPart wants an ArrayBuffer-backed view
      const blob = new Blob([part], { type: mimeTypeFor(request.suggestedName) });
      const href = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = href;
      link.download = request.suggestedName;
      link.rel = 'noopener';
      link.style.display = 'none';
      document.body.append(link);
      try {
        link.click();
      } finally {
        link.remove();
        // The download has already taken its copy of the blob by the next task.
        setTimeout(() => URL.revokeObjectURL(href), 0);
      }
      // The browser picks the folder (or asks), so there is no path to report.
      return { saved: true };
    },

    async notify(title, body) {
      if (typeof Notification === 'undefined') {
        throw new Error(uiI18n().t('app:notifications.unsupported'));
      }
      const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
      if (permission !== 'granted') {
        throw new Error(uiI18n().t('app:notifications.notAllowed', { permission }));
      }
      new Notification(title, { body });
    },

    async openExternal(url) {
      const allowed = parseExternalUrl(url);
      // With noopener, window.open returns null even on success, so there is nothing to check.
      window.open(allowed.href, '_blank', 'noopener,noreferrer');
    },

    onMenuCommand() {
      // A web page has no application menu; keyboard shortcuts belong to the React app.
      return () => {};
    },

    onJoinLink() {
      // sitrep:// links open the desktop app; a web page never receives them.
      return () => {};
    },

    async appInfo() {
      return { version, platform: BROWSER_PLATFORM_NAME };
    },

    // A web page cannot listen for connections or multicast: no signaling server, no discovery.
    lanAvailable: false,

    async hostRoom() {
      return { signalingUrls: [...configuredSignalingUrls], discoverable: false };
    },

    async stopHosting() {},

    async hostingStatus(roomId) {
      return {
        roomId,
        hosting: false,
        hostingEnabled: false,
        hostingChoice: 'off',
        role: null,
        addresses: [],
        discoverable: false,
        announceTitle: false,
        discoveryEnabled: false,
      };
    },

    async setRoomHosting() {
      throw new Error(LAN_NEEDS_DESKTOP);
    },

    async discoverRooms() {
      return [];
    },

    async lanSettings() {
      throw new Error(LAN_NEEDS_DESKTOP);
    },

    async updateLanSettings() {
      throw new Error(LAN_NEEDS_DESKTOP);
    },
  };
}

const LAN_NEEDS_DESKTOP = 'Hosting on the local network and local discovery need the Sitrep desktop app.';
