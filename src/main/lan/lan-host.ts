// A member's LAN host: the signaling server on every interface and the mDNS announcements,
// running only while this laptop hosts a room (an open, active incident whose member's role or
// switch says to host: the IC and the deputy unless they switch it off, anyone who switches it
// on): the first hosted room starts them, the last one withdrawn (closed, resolved, switched off,
// role handed over) stops them. While they run, the laptop's own addresses are watched and each
// change is reported (onHostingChanged). Also the searches for rooms nearby. Plain Node (no
// electron import): everything it touches is injected, so it runs under vitest.
import { networkInterfaces as systemNetworkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import {
  hostsRoomByChoice,
  type HostedRoomAddresses,
  type HostingChanged,
  type HostingChoice,
  type HostingRole,
  type HostRoomRequest,
  type HostRoomResult,
  type LanSettings,
  type NearbyRoom,
  type RoomHostingChange,
  type RoomHostingStatus,
} from '../../shared/ipc';
import { watchAddresses, type AddressWatcher } from './address-watcher';
import { hostedAddresses, type NetworkInterfaceTable } from './hosted-addresses';
import { SignalingServerStartError, startSignalingServer, type SignalingServer, type SignalingServerOptions } from '../signaling/server';
import {
  announcementFor,
  mergeNearbyRooms,
  readAnnouncement,
  ROOM_ID_PATTERN,
  SITREP_SERVICE_TYPE,
  type MdnsPublication,
  type MdnsResponder,
} from './mdns';
import {
  DEFAULT_ROOM_HOSTING,
  loadRoomHosting,
  rememberChoice,
  ROOM_HOSTING_FILE_NAME,
  saveRoomHosting,
  type RoomHostingChoice,
} from './room-hosting';
import { loadLanSettings, saveLanSettings, signalingPortProblem, type LanLog } from './settings';

export type { NetworkInterfaceTable } from './hosted-addresses';

export const DEFAULT_BIND_HOST = '0.0.0.0';
/** The configured port and the next ones, so a second Sitrep (or a stale one) does not block hosting. */
export const DEFAULT_PORT_ATTEMPTS = 5;
export const DEFAULT_DISCOVERY_MS = 2_000;
/** More services than any real network holds; bounds the work a flood of announcements causes. */
const MAX_SERVICES_READ = 256;

export interface LanHostOptions {
  /** The JSON settings file, normally <userData>/lan-settings.json. */
  readonly settingsPath: string;
  /** The commander's per-room choices; defaults to lan-rooms.json beside the settings file. */
  readonly roomHostingPath?: string;
  /** 0.0.0.0 in the app; tests pass 127.0.0.1 so nothing is opened to the network. */
  readonly bindHost?: string;
  readonly portAttempts?: number;
  readonly networkInterfaces?: () => NetworkInterfaceTable;
  readonly startServer?: (options: SignalingServerOptions) => Promise<SignalingServer>;
  /** Creates the mDNS responder the first time discovery is used; bonjour-service in the app. */
  readonly createMdns?: () => MdnsResponder;
  readonly log?: LanLog;
  readonly now?: () => number;
  /** Told the whole set of hosted rooms and their addresses whenever it changes (main sends it to the window). */
  readonly onHostingChanged?: (change: HostingChanged) => void;
  /** How often the laptop's addresses are read while hosting; see ADDRESS_CHECK_INTERVAL_MS. */
  readonly addressCheckIntervalMs?: number;
}

export interface LanHost {
  /**
   * Starts the signaling server if needed and announces the room (when discovery is on; the title
   * only if the commander turned that on). A room whose hosting the commander turned off is not
   * hosted: no addresses, nothing started.
   */
  hostRoom(room: HostRoomRequest): Promise<HostRoomResult>;
  /** The room is no longer hosted here; once no room is, the server and mDNS stop. */
  withdraw(roomId: string): Promise<void>;
  /** Withdraws every room (the window that hosted them reloaded or went away). */
  withdrawAll(): Promise<void>;
  hostingStatus(roomId: string): Promise<RoomHostingStatus>;
  /** Turns hosting of a room off (withdrawing it) or back on, or its title in the announcement; kept across restarts. */
  setRoomHosting(change: RoomHostingChange): Promise<RoomHostingStatus>;
  /** Listens for announced rooms for `timeoutMs`, then reports each valid one once. */
  discover(timeoutMs?: number): Promise<NearbyRoom[]>;
  /** The addresses for a join code; empty until the signaling server runs. */
  signalingUrls(): string[];
  /** The port the signaling server listens on, or null when it is not running. */
  listeningPort(): number | null;
  settings(): Promise<LanSettings>;
  /** A new port applies the next time the signaling server starts; discovery changes apply at once. */
  updateSettings(changes: Partial<LanSettings>): Promise<LanSettings>;
  /**
   * Reads the laptop's addresses now instead of at the next interval (main calls it on resume
   * and unlock-screen); a change is reported through onHostingChanged. Nothing while not hosting.
   */
  checkAddresses(reason: string): void;
  /** Withdraws every announcement, closes mDNS and the signaling server. Safe to call twice. */
  close(): Promise<void>;
}

/** A failure the user can act on; the message says what to do. */
export class LanHostError extends Error {
  override name = 'LanHostError';
}

/**
 * The signaling addresses that fit into a join code (at most 8): the LAN addresses first, and
 * ws://127.0.0.1 always kept, last, so a code made on the host's laptop works there too.
 */
export function joinCodeSignalingUrls(host: string, port: number, interfaces: NetworkInterfaceTable): string[] {
  return hostedAddresses(host, port, interfaces);
}

/** The role a room is hosted for when its window never said (the laptop that declared the incident). */
const ROLE_BEFORE_TOLD: HostingRole = 'commander';

export function createLanHost(options: LanHostOptions): LanHost {
  const bindHost = options.bindHost ?? DEFAULT_BIND_HOST;
  const portAttempts = options.portAttempts ?? DEFAULT_PORT_ATTEMPTS;
  const interfaces = options.networkInterfaces ?? systemNetworkInterfaces;
  const startServer = options.startServer ?? startSignalingServer;
  const log: LanLog = options.log ?? defaultLog;
  const now = options.now ?? Date.now;
  const createMdns = options.createMdns;
  const roomHostingPath = options.roomHostingPath ?? join(dirname(options.settingsPath), ROOM_HOSTING_FILE_NAME);

  let settingsLoad: Promise<LanSettings> | null = null;
  let settingsQueue: Promise<unknown> = Promise.resolve();
  let serverStart: Promise<SignalingServer> | null = null;
  let server: SignalingServer | null = null;
  let mdns: MdnsResponder | null = null;
  let mdnsUnavailable: string | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;
  const hosted = new Map<string, HostRoomRequest>();
  /** The role each room's window last gave; a request without one keeps it (older callers do not send it). */
  const roles = new Map<string, HostingRole>();
  let watcher: AddressWatcher | null = null;
  /** What onHostingChanged was last told, so it hears each change once. */
  let lastReported = '[]';
  const publications = new Map<string, MdnsPublication>();
  let choicesLoad: Promise<Map<string, RoomHostingChoice>> | null = null;
  /** Hosting, withdrawing and the commander's choices happen one at a time, so a stop never races a start. */
  let lifecycle: Promise<unknown> = Promise.resolve();
  /** Searches running now: mDNS stays up for them even when no room is hosted. */
  let searches = 0;

  const currentSettings = (): Promise<LanSettings> => (settingsLoad ??= loadLanSettings(options.settingsPath, log));
  const currentChoices = (): Promise<Map<string, RoomHostingChoice>> => (choicesLoad ??= loadRoomHosting(roomHostingPath, log));
  const choiceFor = async (roomId: string): Promise<RoomHostingChoice> => (await currentChoices()).get(roomId) ?? DEFAULT_ROOM_HOSTING;

  function serially<T>(work: () => Promise<T>): Promise<T> {
    const result = lifecycle.then(work, work);
    lifecycle = result.catch(() => undefined);
    return result;
  }

  const assertOpen = (): void => {
    if (closed) throw new LanHostError('Sitrep is shutting down; the local network host is closed.');
  };

  async function startWithFallback(): Promise<SignalingServer> {
    const { signalingPort } = await currentSettings();
    const lastPort = Math.min(signalingPort + portAttempts - 1, 65_535);
    for (let port = signalingPort; port <= lastPort; port++) {
      try {
        return await startServer({ host: bindHost, port, log });
      } catch (error) {
        if (error instanceof SignalingServerStartError && error.code === 'EADDRINUSE') {
          log('info', `LAN host: port ${port} is taken; trying the next one.`);
          continue;
        }
        throw new LanHostError(error instanceof Error ? error.message : String(error), { cause: error });
      }
    }
    throw new LanHostError(
      lastPort === signalingPort
        ? `Port ${signalingPort} is already in use on this computer. Choose another signaling port in the network settings.`
        : `Ports ${signalingPort} to ${lastPort} are all in use on this computer. Choose another signaling port in the network settings.`,
    );
  }

  function ensureServer(): Promise<SignalingServer> {
    serverStart ??= startWithFallback().then(
      (started) => {
        server = started;
        watcher?.stop();
        watcher = watchAddresses({
          read: signalingUrls,
          onChange: (addresses, before, reason) => {
            log('info', `LAN host: this computer's addresses changed (${reason}): ${before.join(' ')} -> ${addresses.join(' ')}.`);
            reportHosting();
            serially(reannounce).catch((error: unknown) => log('warn', `LAN host: could not announce again: ${describe(error)}`));
          },
          intervalMs: options.addressCheckIntervalMs,
          log,
        });
        return started;
      },
      (error: unknown) => {
        // Let a later attempt try again (the user may have freed the port or chosen another).
        serverStart = null;
        throw error;
      },
    );
    return serverStart;
  }

  function responder(): MdnsResponder | null {
    if (mdns !== null) return mdns;
    if (createMdns === undefined) {
      mdnsUnavailable = 'this build has no mDNS responder';
      return null;
    }
    try {
      mdns = createMdns();
      mdnsUnavailable = null;
    } catch (error) {
      mdnsUnavailable = error instanceof Error ? error.message : String(error);
      log('warn', `Local discovery is unavailable: ${mdnsUnavailable}`);
    }
    return mdns;
  }

  async function stopAnnouncing(roomId: string): Promise<void> {
    const publication = publications.get(roomId);
    if (publication === undefined) return;
    publications.delete(roomId);
    try {
      await publication.stop();
    } catch (error) {
      log('warn', `Local discovery: could not withdraw room ${roomId}: ${describe(error)}`);
    }
  }

  /** Returns whether the room is now announced. */
  async function announce(room: HostRoomRequest, port: number): Promise<boolean> {
    await stopAnnouncing(room.roomId);
    const target = responder();
    if (target === null) return false;
    const { announceTitle } = await choiceFor(room.roomId);
    try {
      publications.set(room.roomId, target.publish(announcementFor(room, port, announceTitle)));
      return true;
    } catch (error) {
      log('warn', `Local discovery: could not announce room ${room.roomId}: ${describe(error)}`);
      return false;
    }
  }

  /**
   * After a change of network: the mDNS responder joined its multicast group on the interfaces of
   * the time, which may be gone, so it is made anew (unless a search is using it) and the rooms it
   * announced are announced again, with the laptop's new addresses.
   */
  async function reannounce(): Promise<void> {
    if (closed || server === null || publications.size === 0) return;
    const port = server.port;
    const rooms = [...hosted.values()].filter((room) => publications.has(room.roomId));
    if (searches === 0) await shutDownMdns();
    for (const room of rooms) await announce(room, port);
  }

  async function shutDownMdns(): Promise<void> {
    await Promise.all([...publications.keys()].map(stopAnnouncing));
    const current = mdns;
    mdns = null;
    if (current === null) return;
    try {
      await current.unpublishAll();
      await current.destroy();
    } catch (error) {
      log('warn', `Local discovery did not close cleanly: ${describe(error)}`);
    }
  }

  const signalingUrls = (): string[] => (server === null ? [] : joinCodeSignalingUrls(server.host, server.port, interfaces()));

  /** The hosted rooms and their addresses now, as the watcher last read them (no second read). */
  function hostingNow(): HostingChanged {
    const addresses = server === null ? [] : (watcher?.current() ?? signalingUrls());
    const rooms: HostedRoomAddresses[] =
      server === null || addresses.length === 0 ? [] : [...hosted.keys()].sort().map((roomId) => ({ roomId, addresses: [...addresses] }));
    return { rooms };
  }

  /** Tells onHostingChanged when the hosted rooms or their addresses differ from what it was last told. */
  function reportHosting(): void {
    if (options.onHostingChanged === undefined) return;
    const change = hostingNow();
    const key = JSON.stringify(change.rooms);
    if (key === lastReported) return;
    lastReported = key;
    try {
      options.onHostingChanged(change);
    } catch (error) {
      log('error', `LAN host: reporting a hosting change failed: ${describe(error)}`);
    }
  }

  const roleOf = (roomId: string): HostingRole => roles.get(roomId) ?? ROLE_BEFORE_TOLD;

  /** With no room hosted and no search running, nothing listens and nothing is announced. */
  async function stopWhenIdle(): Promise<void> {
    if (hosted.size > 0) return;
    if (searches === 0) await shutDownMdns();
    const starting = serverStart;
    serverStart = null;
    const running = starting === null ? null : await starting.catch(() => null);
    server = null;
    watcher?.stop();
    watcher = null;
    if (running === null) return;
    try {
      await running.close();
      log('info', 'LAN host: no room is hosted any more; the signaling server is stopped.');
    } catch (error) {
      log('warn', `LAN host: the signaling server did not close cleanly: ${describe(error)}`);
    }
  }

  async function withdrawRoom(roomId: string): Promise<void> {
    hosted.delete(roomId);
    await stopAnnouncing(roomId);
    await stopWhenIdle();
    reportHosting();
  }

  async function statusOf(roomId: string): Promise<RoomHostingStatus> {
    const choice = await choiceFor(roomId);
    const { discoveryEnabled } = await currentSettings();
    const hosting = hosted.has(roomId) && server !== null;
    return {
      roomId,
      hosting,
      hostingEnabled: hostsRoomByChoice(choice.hosting, roleOf(roomId)),
      hostingChoice: choice.hosting,
      role: roles.get(roomId) ?? null,
      addresses: hosting ? signalingUrls() : [],
      discoverable: hosting && publications.has(roomId),
      announceTitle: choice.announceTitle,
      discoveryEnabled,
    };
  }

  const checkRoomId = (roomId: string): void => {
    if (!ROOM_ID_PATTERN.test(roomId)) throw new LanHostError('A room id is 32 lowercase hex characters.');
  };

  return {
    hostRoom(room) {
      return serially(async () => {
        assertOpen();
        checkRoomId(room.roomId);
        if (room.role !== undefined) roles.set(room.roomId, room.role);
        if (!hostsRoomByChoice((await choiceFor(room.roomId)).hosting, roleOf(room.roomId))) {
          // Switched off here, or a member who has not switched it on (or handed over command):
          // not hosted, and withdrawn if it was.
          if (hosted.has(room.roomId)) await withdrawRoom(room.roomId);
          return { signalingUrls: [], discoverable: false };
        }
        const running = await ensureServer();
        assertOpen();
        const before = hosted.get(room.roomId);
        const { role: _role, ...request } = room;
        hosted.set(room.roomId, request);
        const { discoveryEnabled } = await currentSettings();
        // Asked again for the same room as it is announced (the window checks its hosting): no
        // goodbye and re-announcement on the network for nothing.
        const unchanged = before?.title === room.title && before.hostName === room.hostName && publications.has(room.roomId);
        const discoverable = discoveryEnabled && (unchanged || (await announce(request, running.port)));
        reportHosting();
        return { signalingUrls: signalingUrls(), discoverable };
      });
    },

    withdraw(roomId) {
      return serially(() => withdrawRoom(roomId));
    },

    withdrawAll() {
      return serially(async () => {
        for (const roomId of [...hosted.keys()]) await withdrawRoom(roomId);
      });
    },

    hostingStatus(roomId) {
      return serially(async () => {
        checkRoomId(roomId);
        return statusOf(roomId);
      });
    },

    setRoomHosting(change) {
      return serially(async () => {
        assertOpen();
        checkRoomId(change.roomId);
        const switched = hostingChoiceIn(change, roleOf(change.roomId));
        if (change.announceTitle !== undefined && typeof change.announceTitle !== 'boolean') {
          throw new LanHostError('announceTitle is either true or false.');
        }
        const choices = await currentChoices();
        const before = choices.get(change.roomId) ?? DEFAULT_ROOM_HOSTING;
        const next: RoomHostingChoice = {
          hosting: switched ?? before.hosting,
          announceTitle: change.announceTitle ?? before.announceTitle,
        };
        rememberChoice(choices, change.roomId, next);
        try {
          await saveRoomHosting(roomHostingPath, choices);
        } catch (error) {
          rememberChoice(choices, change.roomId, before);
          throw new LanHostError(`The hosting choice could not be saved: ${describe(error)}`, { cause: error });
        }
        const room = hosted.get(change.roomId);
        if (!hostsRoomByChoice(next.hosting, roleOf(change.roomId))) {
          await withdrawRoom(change.roomId);
        } else if (
          room !== undefined &&
          server !== null &&
          next.announceTitle !== before.announceTitle &&
          publications.has(change.roomId)
        ) {
          await announce(room, server.port);
        }
        return statusOf(change.roomId);
      });
    },

    async discover(timeoutMs = DEFAULT_DISCOVERY_MS) {
      assertOpen();
      const { discoveryEnabled } = await currentSettings();
      if (!discoveryEnabled) {
        throw new LanHostError('Local discovery is turned off in the network settings; paste the join code instead.');
      }
      const target = responder();
      if (target === null) {
        throw new LanHostError(`Local discovery is unavailable (${mdnsUnavailable ?? 'unknown reason'}); paste the join code instead.`);
      }
      const browser = target.find(SITREP_SERVICE_TYPE);
      searches++;
      try {
        // mDNS runs over UDP: ask once more halfway, in case the first question or an answer was lost.
        await delay(timeoutMs / 2);
        browser.update();
        await delay(timeoutMs / 2);
      } finally {
        browser.stop();
        searches--;
        // A laptop that only searched (a responder) closes its mDNS socket again.
        if (searches === 0 && hosted.size === 0 && !closed) void serially(stopWhenIdle);
      }
      const seenAt = now();
      const rooms: NearbyRoom[] = [];
      let droppedCount = 0;
      let firstProblem = '';
      for (const service of browser.services.slice(0, MAX_SERVICES_READ)) {
        const heard = readAnnouncement(service, seenAt);
        if (heard.ok) rooms.push(heard.room);
        else if (droppedCount++ === 0) firstProblem = heard.problem;
      }
      if (droppedCount > 0) {
        log('info', `Local discovery: ignored ${droppedCount} malformed announcement(s), the first because: ${firstProblem}.`);
      }
      return mergeNearbyRooms(rooms);
    },

    signalingUrls,

    listeningPort: () => server?.port ?? null,

    settings: () => currentSettings().then((settings) => ({ ...settings })),

    updateSettings(changes) {
      const update = async (): Promise<LanSettings> => {
        assertOpen();
        if (changes.signalingPort !== undefined) {
          const problem = signalingPortProblem(changes.signalingPort);
          if (problem !== null) throw new LanHostError(problem);
        }
        if (changes.discoveryEnabled !== undefined && typeof changes.discoveryEnabled !== 'boolean') {
          throw new LanHostError('Local discovery is either on (true) or off (false).');
        }
        const before = await currentSettings();
        const next: LanSettings = {
          signalingPort: changes.signalingPort ?? before.signalingPort,
          discoveryEnabled: changes.discoveryEnabled ?? before.discoveryEnabled,
        };
        await saveLanSettings(options.settingsPath, next);
        settingsLoad = Promise.resolve(next);
        if (before.discoveryEnabled && !next.discoveryEnabled) {
          await shutDownMdns();
        } else if (!before.discoveryEnabled && next.discoveryEnabled && server !== null) {
          const port = server.port;
          await Promise.all([...hosted.values()].map((room) => announce(room, port)));
        }
        return { ...next };
      };
      const result = settingsQueue.then(update, update);
      settingsQueue = result.catch(() => undefined);
      return result;
    },

    checkAddresses(reason) {
      if (closed) return;
      watcher?.check(reason);
    },

    close() {
      closing ??= (async () => {
        closed = true;
        watcher?.stop();
        watcher = null;
        hosted.clear();
        await shutDownMdns();
        const starting = serverStart;
        serverStart = null;
        const running = starting === null ? null : await starting.catch(() => null);
        server = null;
        if (running !== null) await running.close();
      })();
      return closing;
    },
  };
}

/**
 * The switch a change asks for: `hostingChoice`, or `hosting` (host here or not) stored as
 * following the role when the role already says so, so a later change of role still counts.
 */
function hostingChoiceIn(change: RoomHostingChange, role: HostingRole): HostingChoice | undefined {
  if (change.hosting !== undefined && change.hostingChoice !== undefined) {
    throw new LanHostError('Give either hosting or hostingChoice, not both.');
  }
  if (change.hostingChoice !== undefined) {
    if (change.hostingChoice !== 'role' && change.hostingChoice !== 'on' && change.hostingChoice !== 'off') {
      throw new LanHostError('hostingChoice is role, on or off.');
    }
    return change.hostingChoice;
  }
  if (change.hosting === undefined) return undefined;
  if (typeof change.hosting !== 'boolean') throw new LanHostError('hosting is either true or false.');
  if (change.hosting === hostsRoomByChoice('role', role)) return 'role';
  return change.hosting ? 'on' : 'off';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultLog(level: 'info' | 'warn' | 'error', message: string): void {
  if (level === 'error') console.error(message);
  else if (level === 'warn') console.warn(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
