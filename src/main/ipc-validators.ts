// Hand-written validators for every IPC argument: `unknown` from the renderer in, typed values or
// an IpcArgumentError that names the channel and the problem out.
import type {
  DesktopNotification,
  HostRoomRequest,
  IpcArgs,
  IpcChannel,
  LanSettings,
  SaveFileFilter,
  SaveFileRequest,
} from '../shared/ipc';
import { describeType, parseExternalUrl } from '../shared/external-url';
import {
  HOSTING_CHOICES,
  HOSTING_ROLES,
  MENU_LANGUAGES,
  type MenuLanguage,
  type RoomHostingChange,
  type SavePdfRequest,
} from '../shared/ipc';
import { ROOM_ID_PATTERN } from './lan/mdns';
import { signalingPortProblem } from './lan/settings';

export class IpcArgumentError extends Error {
  override name = 'IpcArgumentError';
}

export type IpcArgumentValidators = { [C in IpcChannel]: (raw: readonly unknown[]) => IpcArgs<C> };

export const MAX_SAVE_FILE_BYTES = 256 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_FILTERS = 20;
export const MAX_NOTIFICATION_TITLE_LENGTH = 200;
export const MAX_NOTIFICATION_BODY_LENGTH = 2000;

const EXTENSION = /^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,15})$/;
// Control characters and the characters Windows forbids in file names.
const FORBIDDEN_IN_FILE_NAME = /[\u0000-\u001f<>:"/\\|?*]/;

function fail(channel: IpcChannel, problem: string): never {
  throw new IpcArgumentError(`${channel}: ${problem}`);
}

function expectArgCount(channel: IpcChannel, raw: readonly unknown[], count: number): void {
  if (raw.length !== count) {
    fail(channel, `expected ${count} argument${count === 1 ? '' : 's'}, got ${raw.length}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function expectObject(channel: IpcChannel, what: string, value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) fail(channel, `${what} must be an object, got ${describeType(value)}`);
  return value;
}

function expectString(channel: IpcChannel, what: string, value: unknown, maxLength: number): string {
  if (typeof value !== 'string') fail(channel, `${what} must be a string, got ${describeType(value)}`);
  if (value.length > maxLength) fail(channel, `${what} is ${value.length} characters long; the limit is ${maxLength}`);
  return value;
}

function expectNoExtraKeys(channel: IpcChannel, what: string, value: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(value).filter((key) => !allowed.includes(key));
  if (extra.length > 0) fail(channel, `${what} has unexpected field(s): ${extra.join(', ')}`);
}

export function validateFileName(channel: IpcChannel, value: unknown): string {
  const name = expectString(channel, 'suggestedName', value, MAX_FILE_NAME_LENGTH);
  if (name.trim() === '') fail(channel, 'suggestedName is empty');
  if (FORBIDDEN_IN_FILE_NAME.test(name)) {
    fail(channel, `suggestedName must be a bare file name without folders or reserved characters, got ${JSON.stringify(name)}`);
  }
  if (name === '.' || name === '..') fail(channel, `suggestedName ${JSON.stringify(name)} is not a file name`);
  return name;
}

function validateFilters(channel: IpcChannel, value: unknown): SaveFileFilter[] {
  if (!Array.isArray(value)) fail(channel, `filters must be an array, got ${describeType(value)}`);
  if (value.length > MAX_FILTERS) fail(channel, `filters has ${value.length} entries; the limit is ${MAX_FILTERS}`);
  return value.map((entry: unknown, index): SaveFileFilter => {
    const filter = expectObject(channel, `filters[${index}]`, entry);
    expectNoExtraKeys(channel, `filters[${index}]`, filter, ['name', 'extensions']);
    const name = expectString(channel, `filters[${index}].name`, filter.name, 100);
    const extensions = filter.extensions;
    if (!Array.isArray(extensions) || extensions.length === 0) {
      fail(channel, `filters[${index}].extensions must be a non-empty array of extensions`);
    }
    return {
      name,
      extensions: extensions.map((extension: unknown, extIndex) => {
        if (typeof extension !== 'string' || !EXTENSION.test(extension)) {
          fail(
            channel,
            `filters[${index}].extensions[${extIndex}] must be an extension without the dot (like "md") or "*", got ${JSON.stringify(extension)}`,
          );
        }
        return extension;
      }),
    };
  });
}

function validateContent(channel: IpcChannel, value: unknown): string | Uint8Array {
  if (typeof value === 'string') {
    // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
    if (value.length * 3 > MAX_SAVE_FILE_BYTES && Buffer.byteLength(value, 'utf8') > MAX_SAVE_FILE_BYTES) {
      fail(channel, `content is larger than ${MAX_SAVE_FILE_BYTES} bytes`);
    }
    return value;
  }
  if (value instanceof Uint8Array) {
    if (value.byteLength > MAX_SAVE_FILE_BYTES) fail(channel, `content is larger than ${MAX_SAVE_FILE_BYTES} bytes`);
    return value;
  }
  return fail(channel, `content must be a string or a Uint8Array, got ${describeType(value)}`);
}

export function validateSaveFileRequest(value: unknown): SaveFileRequest {
  const channel = 'file:save';
  const request = expectObject(channel, 'the save request', value);
  expectNoExtraKeys(channel, 'the save request', request, ['suggestedName', 'filters', 'content']);
  return {
    suggestedName: validateFileName(channel, request.suggestedName),
    filters: validateFilters(channel, request.filters),
    content: validateContent(channel, request.content),
  };
}

export function validateNotification(value: unknown): DesktopNotification {
  const channel = 'notify:show';
  const notification = expectObject(channel, 'the notification', value);
  expectNoExtraKeys(channel, 'the notification', notification, ['title', 'body']);
  const title = expectString(channel, 'title', notification.title, MAX_NOTIFICATION_TITLE_LENGTH);
  if (title.trim() === '') fail(channel, 'title is empty');
  const body = expectString(channel, 'body', notification.body, MAX_NOTIFICATION_BODY_LENGTH);
  return { title, body };
}

export const MAX_ROOM_TITLE_LENGTH = 200;
export const MAX_HOST_NAME_LENGTH = 100;
export const MIN_DISCOVERY_MS = 100;
export const MAX_DISCOVERY_MS = 15_000;

function validateRoomId(channel: IpcChannel, value: unknown): string {
  const roomId = expectString(channel, 'roomId', value, 32);
  if (!ROOM_ID_PATTERN.test(roomId)) fail(channel, `roomId must be 32 lowercase hex characters, got ${JSON.stringify(roomId)}`);
  return roomId;
}

export function validateHostRoomRequest(value: unknown): HostRoomRequest {
  const channel = 'lan:host-room';
  const request = expectObject(channel, 'the host request', value);
  expectNoExtraKeys(channel, 'the host request', request, ['roomId', 'title', 'hostName', 'role']);
  const result: HostRoomRequest = {
    roomId: validateRoomId(channel, request.roomId),
    title: expectString(channel, 'title', request.title, MAX_ROOM_TITLE_LENGTH),
    hostName: expectString(channel, 'hostName', request.hostName, MAX_HOST_NAME_LENGTH),
  };
  if (request.role !== undefined) result.role = expectOneOf(channel, 'role', request.role, HOSTING_ROLES);
  return result;
}

function expectOneOf<T extends string>(channel: IpcChannel, what: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(
      channel,
      `${what} must be one of ${allowed.join(', ')}, got ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describeType(value)}`,
    );
  }
  return value as T;
}

export function validateRoomHostingChange(value: unknown): RoomHostingChange {
  const channel = 'lan:set-room-hosting';
  const change = expectObject(channel, 'the hosting change', value);
  expectNoExtraKeys(channel, 'the hosting change', change, ['roomId', 'hosting', 'hostingChoice', 'announceTitle']);
  const result: RoomHostingChange = { roomId: validateRoomId(channel, change.roomId) };
  for (const key of ['hosting', 'announceTitle'] as const) {
    if (change[key] === undefined) continue;
    if (typeof change[key] !== 'boolean') fail(channel, `${key} must be true or false, got ${describeType(change[key])}`);
    result[key] = change[key];
  }
  if (change.hostingChoice !== undefined) {
    if (result.hosting !== undefined) fail(channel, 'give either hosting or hostingChoice, not both');
    result.hostingChoice = expectOneOf(channel, 'hostingChoice', change.hostingChoice, HOSTING_CHOICES);
  }
  return result;
}

export function validateLanSettingsChanges(value: unknown): Partial<LanSettings> {
  const channel = 'lan:update-settings';
  const changes = expectObject(channel, 'the settings changes', value);
  expectNoExtraKeys(channel, 'the settings changes', changes, ['signalingPort', 'discoveryEnabled']);
  const result: Partial<LanSettings> = {};
  if (changes.signalingPort !== undefined) {
    const problem = signalingPortProblem(changes.signalingPort);
    if (problem !== null) fail(channel, problem);
    result.signalingPort = changes.signalingPort as number;
  }
  if (changes.discoveryEnabled !== undefined) {
    if (typeof changes.discoveryEnabled !== 'boolean') {
      fail(channel, `discoveryEnabled must be true or false, got ${describeType(changes.discoveryEnabled)}`);
    }
    result.discoveryEnabled = changes.discoveryEnabled;
  }
  return result;
}

/** The HTML report is text; even a 10,000-entry incident is a few megabytes. */
export const MAX_PDF_HTML_LENGTH = 64 * 1024 * 1024;

export function validateSavePdfRequest(value: unknown): SavePdfRequest {
  const channel = 'file:save-pdf';
  const request = expectObject(channel, 'the PDF request', value);
  expectNoExtraKeys(channel, 'the PDF request', request, ['html', 'suggestedName']);
  const html = expectString(channel, 'html', request.html, MAX_PDF_HTML_LENGTH);
  if (html.trim() === '') fail(channel, 'html is empty');
  const suggestedName = validateFileName(channel, request.suggestedName);
  if (!/\.pdf$/i.test(suggestedName)) fail(channel, `suggestedName must end in .pdf, got ${JSON.stringify(suggestedName)}`);
  return { html, suggestedName };
}

/** A room secret as createRoomCredentials makes it: nothing else is sealed through safeStorage. */
const ROOM_SECRET = /^[0-9a-f]{32}$/;
/** safeStorage's ciphertext of a 32-character secret is well under 1 KiB, base64 included. */
export const MAX_SEALED_SECRET_LENGTH = 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function validateSecretToSeal(value: unknown): string {
  const channel = 'secrets:encrypt';
  const secret = expectString(channel, 'the secret', value, 32);
  if (!ROOM_SECRET.test(secret)) fail(channel, 'the secret must be a room secret: 32 lowercase hex characters');
  return secret;
}

export function validateSealedSecret(value: unknown): string {
  const channel = 'secrets:decrypt';
  const sealed = expectString(channel, 'the sealed secret', value, MAX_SEALED_SECRET_LENGTH);
  if (sealed.length === 0 || sealed.length % 4 !== 0 || !BASE64.test(sealed)) fail(channel, 'the sealed secret must be base64 text');
  return sealed;
}

export const ipcArgumentValidators: IpcArgumentValidators = {
  'app:info': (raw) => {
    expectArgCount('app:info', raw, 0);
    return [];
  },
  'file:save': (raw) => {
    expectArgCount('file:save', raw, 1);
    return [validateSaveFileRequest(raw[0])];
  },
  'file:save-pdf': (raw) => {
    expectArgCount('file:save-pdf', raw, 1);
    return [validateSavePdfRequest(raw[0])];
  },
  'notify:show': (raw) => {
    expectArgCount('notify:show', raw, 1);
    return [validateNotification(raw[0])];
  },
  'external:open': (raw) => {
    expectArgCount('external:open', raw, 1);
    try {
      return [parseExternalUrl(raw[0]).href];
    } catch (error) {
      return fail('external:open', error instanceof Error ? error.message : String(error));
    }
  },
  'lan:host-room': (raw) => {
    expectArgCount('lan:host-room', raw, 1);
    return [validateHostRoomRequest(raw[0])];
  },
  'lan:stop-hosting': (raw) => {
    const channel = 'lan:stop-hosting';
    expectArgCount(channel, raw, 1);
    const request = expectObject(channel, 'the request', raw[0]);
    expectNoExtraKeys(channel, 'the request', request, ['roomId']);
    return [{ roomId: validateRoomId(channel, request.roomId) }];
  },
  'lan:hosting-status': (raw) => {
    const channel = 'lan:hosting-status';
    expectArgCount(channel, raw, 1);
    const request = expectObject(channel, 'the request', raw[0]);
    expectNoExtraKeys(channel, 'the request', request, ['roomId']);
    return [{ roomId: validateRoomId(channel, request.roomId) }];
  },
  'lan:set-room-hosting': (raw) => {
    expectArgCount('lan:set-room-hosting', raw, 1);
    return [validateRoomHostingChange(raw[0])];
  },
  'lan:discover': (raw) => {
    const channel = 'lan:discover';
    if (raw.length > 1) fail(channel, `expected at most 1 argument, got ${raw.length}`);
    const timeoutMs = raw[0];
    if (timeoutMs === undefined) return [];
    if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < MIN_DISCOVERY_MS || timeoutMs > MAX_DISCOVERY_MS) {
      fail(
        channel,
        `timeoutMs must be a whole number of milliseconds from ${MIN_DISCOVERY_MS} to ${MAX_DISCOVERY_MS}, got ${JSON.stringify(timeoutMs) ?? describeType(timeoutMs)}`,
      );
    }
    return [timeoutMs];
  },
  'lan:settings': (raw) => {
    expectArgCount('lan:settings', raw, 0);
    return [];
  },
  'lan:update-settings': (raw) => {
    expectArgCount('lan:update-settings', raw, 1);
    return [validateLanSettingsChanges(raw[0])];
  },
  'secrets:status': (raw) => {
    expectArgCount('secrets:status', raw, 0);
    return [];
  },
  'secrets:encrypt': (raw) => {
    expectArgCount('secrets:encrypt', raw, 1);
    return [validateSecretToSeal(raw[0])];
  },
  'secrets:decrypt': (raw) => {
    expectArgCount('secrets:decrypt', raw, 1);
    return [validateSealedSecret(raw[0])];
  },
  'deep-link:take': (raw) => {
    expectArgCount('deep-link:take', raw, 0);
    return [];
  },
  'app:set-menu-language': (raw) => {
    expectArgCount('app:set-menu-language', raw, 1);
    const language = raw[0];
    if (!(MENU_LANGUAGES as readonly unknown[]).includes(language)) {
      fail('app:set-menu-language', `the language must be one of ${MENU_LANGUAGES.join(', ')}`);
    }
    return [language as MenuLanguage];
  },
};
