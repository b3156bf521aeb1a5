// The one interface through which the React app reaches the host (Electron shell or plain browser).
import type { HostingChanged, RoomHostingChange, RoomHostingStatus, SavePdfRequest } from '../../shared/ipc';
import type {
  AppInfo,
  HostRoomRequest,
  HostRoomResult,
  LanSettings,
  MenuCommand,
  MenuLanguage,
  NearbyRoom,
  SaveFileRequest,
  SecretStorageStatus,
} from '../../shared/ipc';

export type {
  AppInfo,
  HostedRoomAddresses,
  HostingChanged,
  HostingChoice,
  HostingRole,
  HostRoomRequest,
  HostRoomResult,
  LanSettings,
  MenuCommand,
  NearbyRoom,
  SaveFileFilter,
  SaveFileRequest,
  SecretStorageStatus,
} from '../../shared/ipc';

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
  /**
   * Join codes from sitrep://join/ links (Electron only): one received before this call is
   * delivered first. Only shape-checked by main; the listener must still parse the code.
   * Returns the unsubscribe.
   */
  onJoinLink(listener: (code: string) => void): () => void;
  /**
   * Seals room secrets at rest with the system's keyring (Electron's safeStorage). Absent in the
   * browser, where secrets stay in IndexedDB as they are (see roomCredentials.ts).
   */
  secrets?: SecretSealer;
  appInfo(): Promise<AppInfo>;
  /** The application menu follows the window's language (Electron only; a browser has no menu). */
  setMenuLanguage?(language: MenuLanguage): Promise<void>;
  /**
   * Prints the HTML incident report to a PDF the user saves (native dialog). Present only where
   * the platform can (Electron); in a browser, print the HTML export instead.
   */
  savePdf?(request: SavePdfRequest): Promise<SaveFileOutcome>;

  /**
   * True in the desktop app, which runs a signaling server and local discovery. False in a plain
   * browser: there, say "Local discovery needs the desktop app".
   */
  lanAvailable: boolean;
  /**
   * Hosts the room on this machine's signaling server (started on first use) and announces it
   * nearby, when this laptop's switch for the room says so for `request.role` (the IC and the
   * deputy by default, anyone who switched it on; see hostsRoomByChoice). Any member's window may
   * call it for its room with its role now; a member that should not host gets no addresses (and
   * is withdrawn if it hosted). Rejects with a user-facing message (for example every port taken).
   * In the browser: the configured signaling addresses, not discoverable.
   */
  hostRoom(request: HostRoomRequest): Promise<HostRoomResult>;
  /**
   * This window no longer hosts the room (closed or resolved): its announcement stops, and the
   * signaling server stops once no room is hosted.
   */
  stopHosting(roomId: string): Promise<void>;
  /** Whether and where this computer hosts the room now. In the browser: never hosting. */
  hostingStatus(roomId: string): Promise<RoomHostingStatus>;
  /**
   * This laptop's switch for the room ('role', 'on', 'off'; kept across restarts), or the title in
   * its announcement. Switching off withdraws at once; switching on takes effect at the room's next
   * hostRoom (call it). Rejects in the browser.
   */
  setRoomHosting(change: RoomHostingChange): Promise<RoomHostingStatus>;
  /**
   * What this laptop hosts changed: a room hosted or withdrawn, or the laptop's own addresses
   * changed (network switch, new lease, VPN, wake from sleep). The listener gets the whole current
   * set of hosted rooms with their live addresses. Returns the unsubscribe. Absent in the browser,
   * which hosts nothing.
   */
  onHostingChanged?(listener: (change: HostingChanged) => void): () => void;
  /**
   * Rooms announced on the local network, found within `timeoutMs` (100 to 15000, default 2000).
   * Rejects when discovery is turned off or unavailable. Always [] in the browser.
   */
  discoverRooms(timeoutMs?: number): Promise<NearbyRoom[]>;
  /** Rejects in the browser (there are no LAN settings there). */
  lanSettings(): Promise<LanSettings>;
  /** A new port applies the next time the signaling server starts (next app start once hosting). */
  updateLanSettings(changes: Partial<LanSettings>): Promise<LanSettings>;
}

/** What roomCredentials.ts needs to keep room secrets sealed at rest. */
export interface SecretSealer {
  status(): Promise<SecretStorageStatus>;
  /** Rejects when the system offers no protected key (see SecretStorageStatus.protected). */
  seal(secret: string): Promise<string>;
  /** Rejects when the keyring is locked or the ciphertext is not this computer's. */
  open(sealed: string): Promise<string>;
}
