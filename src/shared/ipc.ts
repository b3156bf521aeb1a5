// The one IPC contract between the Electron main process, the preload bridge and the renderer.
// Main implements `MainIpcHandlers`, the preload builds `SitrepApi` from `SITREP_API_CHANNELS`,
// and the renderer sees `window.sitrep: SitrepApi`; all three are derived from `IpcContract`.
// Keep this file dependency-free: it is bundled into the sandboxed preload.

export interface AppInfo {
  /** The application version from package.json. */
  version: string;
  /** `process.platform` of the host (for example 'linux', 'darwin', 'win32'). */
  platform: string;
}

export interface SaveFileFilter {
  /** Shown in the native dialog, for example "Markdown". */
  name: string;
  /** Extensions without the dot, for example ["md"]; "*" matches every file. */
  extensions: string[];
}

export interface SaveFileRequest {
  /** A bare file name (no folders), for example "incident-timeline.md". */
  suggestedName: string;
  filters: SaveFileFilter[];
  /** Text is written as UTF-8; bytes are written as they are. */
  content: string | Uint8Array;
}

/** `path` is spelled out on both branches so callers can read it without narrowing first. */
export type SaveFileResult = { saved: true; path: string } | { saved: false; path?: undefined };

/** The HTML incident report to print to PDF (Electron only); main asks where to save it. */
export interface SavePdfRequest {
  /** The self-contained HTML export. */
  html: string;
  /** A bare file name ending in .pdf. */
  suggestedName: string;
}

export interface DesktopNotification {
  title: string;
  body: string;
}

/** Asks the desktop app to host an incident's room on the local network. Never carries the secret. */
export interface HostRoomRequest {
  /** The room id from the join code: 32 lowercase hex characters. */
  roomId: string;
  /** The incident title (at most 200 characters); announced nearby only if the commander turns that on for the room. */
  title: string;
  /** Who hosts it (at most 100 characters); announced with the title, never without the commander's choice. */
  hostName: string;
  /**
   * This member's role in the incident now (see HostingRole). Main hosts when this laptop's switch
   * for the room says so (hostsRoomByChoice); a member whose switch follows the role is withdrawn.
   * Omitted: the role last given for the room, else 'commander' (the laptop that declared it).
   */
  role?: HostingRole;
}

/**
 * A member's part in the incident as far as hosting goes: the incident commander and the deputy
 * host the room's signaling unless they switch it off; everyone else only if they switch it on.
 */
export type HostingRole = 'commander' | 'deputy' | 'member';
export const HOSTING_ROLES: readonly HostingRole[] = ['commander', 'deputy', 'member'];

/** This laptop's switch for one room: follow the role (the default), always host, or never. */
export type HostingChoice = 'role' | 'on' | 'off';
export const HOSTING_CHOICES: readonly HostingChoice[] = ['role', 'on', 'off'];

/** Whether a laptop hosts an active room, from its switch and its member's role. Main and renderer both use it. */
export function hostsRoomByChoice(choice: HostingChoice, role: HostingRole): boolean {
  return choice === 'on' || (choice === 'role' && role !== 'member');
}

export interface HostRoomResult {
  /** ws:// addresses of this machine's signaling server, for the join code; 127.0.0.1 last. */
  signalingUrls: string[];
  /** True when the room is being announced to the local network (discovery is on and mDNS works). */
  discoverable: boolean;
}

/** How this computer hosts one room's signaling, as the connection dialog shows it. */
export interface RoomHostingStatus {
  roomId: string;
  /** The signaling server runs and serves this room now. */
  hosting: boolean;
  /** The room would be hosted while active: hostsRoomByChoice(hostingChoice, role ?? 'commander'). */
  hostingEnabled: boolean;
  /** This laptop's switch for the room ('role' unless the user changed it). */
  hostingChoice: HostingChoice;
  /** The role the window last gave for this room, or null before it gave one. */
  role: HostingRole | null;
  /** ws:// addresses responders reach the server at; empty while not hosting. */
  addresses: string[];
  /** Announced to the local network now (discovery on, mDNS working, room hosted). */
  discoverable: boolean;
  /** The announcement carries the incident's title and the host's name (off unless turned on). */
  announceTitle: boolean;
  /** Local discovery is on in the network settings. */
  discoveryEnabled: boolean;
}

/** The user's choice for one room; fields left out stay as they are. */
export interface RoomHostingChange {
  roomId: string;
  /**
   * Host here (true) or not (false): kept as 'role' when the member's role already says so, else
   * as 'on' or 'off'. Not together with hostingChoice.
   */
  hosting?: boolean;
  hostingChoice?: HostingChoice;
  announceTitle?: boolean;
}

/** One room this laptop hosts now, and where its signaling server can be reached now. */
export interface HostedRoomAddresses {
  roomId: string;
  /** Canonical ws:// addresses, LAN first, ws://127.0.0.1 last; at most 8 (a join code's limit). */
  addresses: string[];
}

/**
 * Sent by main whenever what this laptop hosts changes: a room hosted or withdrawn, the server
 * moved to another port, or the laptop's own addresses changed (new network, DHCP lease, VPN,
 * wake from sleep). Always the whole current set; empty when nothing is hosted.
 */
export interface HostingChanged {
  rooms: HostedRoomAddresses[];
}

/** More rooms than one laptop hosts; the preload drops an event that lists more. */
export const MAX_HOSTED_ROOMS_IN_EVENT = 64;
export const MAX_HOSTED_ADDRESSES = 8;

/** A room another Sitrep app announces on the local network. Joining still needs the secret. */
export interface NearbyRoom {
  roomId: string;
  title: string;
  hostName: string;
  signalingUrls: string[];
  /** When this app last heard the announcement (UTC epoch ms). */
  seenAt: number;
}

export interface LanSettings {
  /** The port the signaling server tries first (the next few are tried when it is taken). */
  signalingPort: number;
  /** Announce hosted rooms and look for nearby ones with mDNS. */
  discoveryEnabled: boolean;
}

/** How this computer keeps room secrets at rest (Electron safeStorage). */
export interface SecretStorageStatus {
  /** True when safeStorage encrypts with a key the system protects (Keychain, DPAPI, a Linux keyring). */
  protected: boolean;
  /**
   * 'keychain' (macOS), 'dpapi' (Windows), or Linux's safeStorage backend ('gnome_libsecret',
   * 'kwallet5', 'basic_text' when there is no keyring: a fixed key, so not protected);
   * 'unavailable' when safeStorage cannot encrypt at all.
   */
  backend: string;
}

/** Renderer -> main calls: channel name to (arguments tuple, result). */
export interface IpcContract {
  'app:info': { args: []; result: AppInfo };
  'file:save': { args: [request: SaveFileRequest]; result: SaveFileResult };
  'file:save-pdf': { args: [request: SavePdfRequest]; result: SaveFileResult };
  // biome-ignore lint/suspicious/noConfusingVoidType: the handler returns nothing, and `void` is what its return type infers as.
  'notify:show': { args: [notification: DesktopNotification]; result: void };
  // biome-ignore lint/suspicious/noConfusingVoidType: the handler returns nothing, and `void` is what its return type infers as.
  'external:open': { args: [url: string]; result: void };
  'lan:host-room': { args: [request: HostRoomRequest]; result: HostRoomResult };
  // biome-ignore lint/suspicious/noConfusingVoidType: the handler returns nothing, and `void` is what its return type infers as.
  'lan:stop-hosting': { args: [request: { roomId: string }]; result: void };
  'lan:hosting-status': { args: [request: { roomId: string }]; result: RoomHostingStatus };
  'lan:set-room-hosting': { args: [change: RoomHostingChange]; result: RoomHostingStatus };
  'lan:discover': { args: [timeoutMs?: number]; result: NearbyRoom[] };
  'lan:settings': { args: []; result: LanSettings };
  'lan:update-settings': { args: [changes: Partial<LanSettings>]; result: LanSettings };
  'secrets:status': { args: []; result: SecretStorageStatus };
  /** A room secret (32 lowercase hex characters) in, safeStorage's ciphertext as base64 out. */
  'secrets:encrypt': { args: [secret: string]; result: string };
  'secrets:decrypt': { args: [sealed: string]; result: string };
  /** The sitrep://join/ code main received before the renderer listened (once), or null. */
  'deep-link:take': { args: []; result: string | null };
  /** The window's UI language (a tag of MENU_LANGUAGES): the application menu is rebuilt in it. */
  // biome-ignore lint/suspicious/noConfusingVoidType: the handler returns nothing, and `void` is what its return type infers as.
  'app:set-menu-language': { args: [language: MenuLanguage]; result: void };
}

/** The languages the menu can speak (src/core/i18n's catalog languages and the pseudo-locale; this file stays dependency-free). */
export const MENU_LANGUAGES = ['en', 'ja', 'zh-CN', 'ru', 'en-XA'] as const;
export type MenuLanguage = (typeof MENU_LANGUAGES)[number];

export type IpcChannel = keyof IpcContract;
export type IpcArgs<C extends IpcChannel> = IpcContract[C]['args'];
export type IpcResult<C extends IpcChannel> = IpcContract[C]['result'];

/** The shape of the single handler object in main (arguments already validated). */
export type MainIpcHandlers = {
  [C in IpcChannel]: (...args: IpcArgs<C>) => Promise<IpcResult<C>> | IpcResult<C>;
};

/** Commands the application menu sends to the renderer. */
export const MENU_COMMANDS = ['declare-incident', 'join-room', 'toggle-theme'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** Main -> renderer events: event name to payload. */
export interface MainEventContract {
  'menu:command': MenuCommand;
  /** A join code from a sitrep://join/ link, already checked for shape by main; the renderer still checks its tag. */
  'deep-link:join': string;
  'lan:hosting-changed': HostingChanged;
}
export type MainEventName = keyof MainEventContract;

/** The method names the preload exposes, each bound to one contract channel. */
export const SITREP_API_CHANNELS = {
  appInfo: 'app:info',
  saveFile: 'file:save',
  savePdf: 'file:save-pdf',
  notify: 'notify:show',
  openExternal: 'external:open',
  hostRoom: 'lan:host-room',
  stopHosting: 'lan:stop-hosting',
  hostingStatus: 'lan:hosting-status',
  setRoomHosting: 'lan:set-room-hosting',
  discoverRooms: 'lan:discover',
  lanSettings: 'lan:settings',
  updateLanSettings: 'lan:update-settings',
  secretStorageStatus: 'secrets:status',
  encryptSecret: 'secrets:encrypt',
  decryptSecret: 'secrets:decrypt',
  takeJoinLink: 'deep-link:take',
  setMenuLanguage: 'app:set-menu-language',
} as const satisfies Record<string, IpcChannel>;

type ApiChannels = typeof SITREP_API_CHANNELS;

export type SitrepInvokeApi = {
  [M in keyof ApiChannels]: (...args: IpcArgs<ApiChannels[M]>) => Promise<IpcResult<ApiChannels[M]>>;
};

/** What the preload exposes as `window.sitrep`. */
export interface SitrepApi extends SitrepInvokeApi {
  /** Subscribe to application menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribe to join codes from sitrep://join/ links opened while the app runs; returns the unsubscribe function. */
  onJoinLink(listener: (code: string) => void): () => void;
  /** Subscribe to changes of what this laptop hosts (see HostingChanged); returns the unsubscribe function. */
  onHostingChanged(listener: (change: HostingChanged) => void): () => void;
}

/** Every key of `window.sitrep`, for tests and for the renderer's feature check. */
export const SITREP_API_KEYS: readonly (keyof SitrepApi)[] = [
  ...(Object.keys(SITREP_API_CHANNELS) as (keyof ApiChannels)[]),
  'onMenuCommand',
  'onJoinLink',
  'onHostingChanged',
];

/** The longest join code a deep link may carry (a code's own bound is lower; this only stops floods early). */
export const MAX_JOIN_LINK_CODE_LENGTH = 4096;

// Compile-time guard: a channel added to the contract but not exposed by the preload fails here.
type UnexposedChannels = Exclude<IpcChannel, ApiChannels[keyof ApiChannels]>;
const everyChannelExposed: [UnexposedChannels] extends [never] ? true : UnexposedChannels = true;
void everyChannelExposed;
