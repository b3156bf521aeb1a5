// Owns the peer-to-peer rooms outside React: one y-webrtc provider per open incident,
// reference-counted, because y-webrtc throws when the same room is opened twice (React strict
// mode mounts twice) and a provider must outlive any one component.
import { WebrtcProvider } from 'y-webrtc';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { PeerGuard, type DroppedPeer } from './peerGuard';

export interface IceServer {
  readonly urls: string;
  readonly username?: string;
  readonly credential?: string;
}

export interface RoomConfig {
  /** 32 hex characters; also the y-webrtc room name. */
  readonly roomId: string;
  /** The y-webrtc `password`: signaling messages are encrypted with a key derived from it. */
  readonly secret: string;
  readonly signaling: readonly string[];
  /** Empty by default: no STUN or TURN server is contacted unless the user configured one. */
  readonly iceServers: readonly IceServer[];
}

export type SignalingState = 'none' | 'connecting' | 'connected' | 'unreachable';

export interface SignalingServerStatus {
  readonly url: string;
  readonly connected: boolean;
  /** Failed attempts in a row; 0 while connected. */
  readonly failures: number;
}

export interface RoomStatus {
  readonly roomId: string;
  readonly signaling: SignalingState;
  readonly servers: readonly SignalingServerStatus[];
  /** Peers with an open WebRTC connection to this computer. */
  readonly peers: number;
  /** True once every connected peer has exchanged the document with us. */
  readonly synced: boolean;
  /** Offline: no signaling server reachable and no peer connected. */
  readonly offline: boolean;
  /** Offline because this person chose to leave the network ("Go offline"). */
  readonly paused: boolean;
  /** Signaling messages in our rooms that our secret could not decrypt: someone with another secret. */
  readonly foreignSignals: number;
  /** Peers cut off this session for sending malformed or oversized messages (peerGuard.ts). */
  readonly droppedPeers: readonly DroppedPeer[];
}

// y-webrtc decrypts each signaling message without catching the failure, so a message sealed
// with another secret surfaces as an unhandled WebCrypto OperationError. Count those instead of
// letting them reach the console as crashes; the room dialog shows the count.
let foreignSignals = 0;
let watchingForeignSignals = false;

function watchForeignSignals(): void {
  if (watchingForeignSignals || typeof window === 'undefined') return;
  watchingForeignSignals = true;
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    if (reason instanceof DOMException && reason.name === 'OperationError') {
      event.preventDefault();
      foreignSignals += 1;
      if (foreignSignals === 1 || foreignSignals % 100 === 0) {
        console.warn(`Sitrep: ignored ${foreignSignals} signaling message(s) sealed with another room secret`);
      }
    }
  });
}

/** The parts of a signaling connection the status reads (lib0's WebsocketClient). */
interface SignalingConnView {
  readonly url: string;
  readonly connected: boolean;
  readonly unsuccessfulReconnects: number;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

/** The parts of a y-webrtc provider the manager uses, so tests can give it a fake. */
export interface RoomProvider {
  readonly awareness: Awareness;
  readonly signalingConns: readonly SignalingConnView[];
  readonly room: { readonly webrtcConns: ReadonlyMap<string, { readonly connected: boolean }> } | null;
  connect(): void;
  disconnect(): void;
  destroy(): void;
  on(event: 'peers' | 'synced' | 'status', listener: () => void): void;
  off(event: 'peers' | 'synced' | 'status', listener: () => void): void;
}

export type ProviderFactory = (doc: Y.Doc, config: RoomConfig, awareness: Awareness, peerOpts: Record<string, unknown>) => RoomProvider;

export const createWebrtcProvider: ProviderFactory = (doc, config, awareness, peerOpts) =>
  new WebrtcProvider(config.roomId, doc, {
    signaling: [...config.signaling],
    password: config.secret,
    awareness,
    // A war room is small; a fixed cap keeps every peer connected to every other.
    maxConns: 30,
    filterBcConns: true,
    peerOpts: { ...peerOpts, config: { iceServers: config.iceServers.map((server) => ({ ...server })) } },
  }) as unknown as RoomProvider;

export interface RoomManagerOptions {
  createProvider?: ProviderFactory;
  /** Extra simple-peer options (in Node tests and benches: `{ wrtc }`). */
  peerOpts?: Record<string, unknown>;
  /** How often the status is re-read, for changes no event reports (a signaling reconnect attempt). */
  statusIntervalMs?: number;
}

export class RoomInUseError extends Error {
  constructor(roomId: string) {
    super(`The room ${roomId.slice(0, 8)}… is already open for another incident on this computer.`);
    this.name = 'RoomInUseError';
  }
}

/**
 * One awareness per document for its whole life. Awareness takes the document's client id, and
 * peers ignore a state whose clock is not newer than the last they saw from that id: a fresh
 * Awareness for a reopened room would restart at clock 0 and be ignored until it caught up.
 */
const awarenessByDoc = new WeakMap<Y.Doc, Awareness>();

function awarenessOf(doc: Y.Doc): Awareness {
  let awareness = awarenessByDoc.get(doc);
  if (!awareness) {
    const created = new Awareness(doc);
    awarenessByDoc.set(doc, created);
    doc.on('destroy', () => created.destroy());
    awareness = created;
  }
  return awareness;
}

/** One open room. Components read its status and awareness; only the manager ends it. */
export class RoomHandle {
  readonly awareness: Awareness;
  private provider: RoomProvider;
  private current: RoomStatus;
  private readonly listeners = new Set<() => void>();
  private readonly timer: ReturnType<typeof setInterval>;
  private watched: SignalingConnView[] = [];
  private paused = false;
  private readonly refresh = () => this.update();
  private readonly unsubscribeGuard: () => void;

  constructor(
    readonly doc: Y.Doc,
    readonly config: RoomConfig,
    private readonly createProvider: ProviderFactory,
    private readonly peerOpts: Record<string, unknown>,
    statusIntervalMs: number,
    private readonly guard: PeerGuard = new PeerGuard(),
  ) {
    this.awareness = awarenessOf(doc);
    this.unsubscribeGuard = guard.subscribe(this.refresh);
    this.provider = this.createProvider(doc, config, this.awareness, peerOpts);
    this.attach();
    this.current = this.read();
    this.timer = setInterval(this.refresh, statusIntervalMs);
  }

  status(): RoomStatus {
    return this.current;
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops every connection and starts again: what a person does after plugging the cable back. */
  reconnect(): void {
    this.paused = false;
    this.detach();
    this.provider.disconnect();
    this.provider.connect();
    this.attach();
    this.update();
  }

  /** Leaves the network but keeps the room, for a "go offline" switch and for tests. */
  disconnect(): void {
    this.paused = true;
    this.detach();
    this.provider.disconnect();
    this.update();
  }

  /** Called by the manager only. */
  destroy(): void {
    clearInterval(this.timer);
    this.unsubscribeGuard();
    this.detach();
    // Peers drop us from their presence now; the awareness itself lives on with the document.
    this.awareness.setLocalState(null);
    this.provider.destroy();
    this.listeners.clear();
  }

  private attach(): void {
    this.provider.on('peers', this.refresh);
    this.provider.on('synced', this.refresh);
    this.provider.on('status', this.refresh);
    this.watched = [...new Set(this.provider.signalingConns)];
    for (const conn of this.watched) {
      conn.on('connect', this.refresh);
      conn.on('disconnect', this.refresh);
    }
  }

  private detach(): void {
    this.provider.off('peers', this.refresh);
    this.provider.off('synced', this.refresh);
    this.provider.off('status', this.refresh);
    for (const conn of this.watched) {
      conn.off('connect', this.refresh);
      conn.off('disconnect', this.refresh);
    }
    this.watched = [];
  }

  private read(): RoomStatus {
    // y-webrtc keeps the connections of earlier connects in its list: the last one per address is live.
    const live = this.paused ? [] : [...new Map(this.provider.signalingConns.map((conn) => [conn.url, conn])).values()];
    const servers = live.map((conn) => ({
      url: conn.url,
      connected: conn.connected,
      failures: conn.connected ? 0 : conn.unsuccessfulReconnects,
    }));
    const conns = this.paused ? [] : [...(this.provider.room?.webrtcConns.values() ?? [])];
    const peers = conns.filter((conn) => conn.connected).length;
    const signaling: SignalingState =
      servers.length === 0
        ? 'none'
        : servers.some((s) => s.connected)
          ? 'connected'
          : servers.some((s) => s.failures > 0)
            ? 'unreachable'
            : 'connecting';
    return Object.freeze({
      roomId: this.config.roomId,
      signaling,
      servers: Object.freeze(servers.map((s) => Object.freeze(s))),
      peers,
      synced: peers > 0 && conns.every((conn) => !conn.connected || (conn as { synced?: boolean }).synced !== false),
      offline: signaling !== 'connected' && peers === 0,
      paused: this.paused,
      foreignSignals,
      droppedPeers: this.guard.dropped(),
    });
  }

  private update(): void {
    // Every status event (a new connection is a 'peers' event) and every tick: guard new connections.
    this.guard.scan(this.provider.room, this.awareness);
    const next = this.read();
    if (sameStatus(next, this.current)) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }
}

function sameStatus(a: RoomStatus, b: RoomStatus): boolean {
  return (
    a.signaling === b.signaling &&
    a.peers === b.peers &&
    a.synced === b.synced &&
    a.offline === b.offline &&
    a.paused === b.paused &&
    a.foreignSignals === b.foreignSignals &&
    a.droppedPeers.length === b.droppedPeers.length &&
    a.servers.length === b.servers.length &&
    a.servers.every((s, i) => s.url === b.servers[i]?.url && s.connected === b.servers[i]?.connected && s.failures === b.servers[i]?.failures)
  );
}

export class RoomManager {
  private readonly rooms = new Map<string, { handle: RoomHandle; refs: number }>();
  private readonly createProvider: ProviderFactory;
  private readonly peerOpts: Record<string, unknown>;
  private readonly statusIntervalMs: number;
  /** One guard per room for the whole session, so a dropped peer stays dropped when the room reopens. */
  private readonly guards = new Map<string, PeerGuard>();

  constructor(options: RoomManagerOptions = {}) {
    this.createProvider = options.createProvider ?? createWebrtcProvider;
    this.peerOpts = options.peerOpts ?? {};
    this.statusIntervalMs = options.statusIntervalMs ?? 1000;
    watchForeignSignals();
  }

  /**
   * Opens the room for a document, or shares the one already open for it; every open needs one
   * close. Call it only after the stored document has loaded, so the first sync sends our edits.
   */
  open(doc: Y.Doc, config: RoomConfig): RoomHandle {
    const existing = this.rooms.get(config.roomId);
    if (existing) {
      if (existing.handle.doc !== doc) throw new RoomInUseError(config.roomId);
      existing.refs += 1;
      return existing.handle;
    }
    const guard = this.guards.get(config.roomId) ?? new PeerGuard();
    this.guards.set(config.roomId, guard);
    const handle = new RoomHandle(doc, config, this.createProvider, this.peerOpts, this.statusIntervalMs, guard);
    this.rooms.set(config.roomId, { handle, refs: 1 });
    return handle;
  }

  close(handle: RoomHandle): void {
    const entry = this.rooms.get(handle.config.roomId);
    if (!entry || entry.handle !== handle) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    this.rooms.delete(handle.config.roomId);
    handle.destroy();
  }

  openRooms(): number {
    return this.rooms.size;
  }

  /** Ends every room, for app shutdown and test clean-up. */
  closeAll(): void {
    for (const { handle } of this.rooms.values()) handle.destroy();
    this.rooms.clear();
  }
}
