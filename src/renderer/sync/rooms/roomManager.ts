// Owns the peer-to-peer rooms outside React: at most one room per room id on this computer,
// opened and closed by the incident's session (which holds the only count of its lifetime), and
// a status a person can read. The network itself is peerRoom.ts.
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { AppChannel } from './appChannel';
import { PeerGuard, type DroppedPeer } from './peerGuard';
import { PeerRoom, simplePeerOpener, type ConnectionFailure, type PeerRoomState } from './peerRoom';

export interface IceServer {
  readonly urls: string;
  readonly username?: string;
  readonly credential?: string;
}

export interface RoomConfig {
  /** 32 hex characters. Not the signaling topic: that derives from the secret (signalingCrypto.ts). */
  readonly roomId: string;
  /** The signaling topic and the sealing key derive from it (signalingCrypto.ts). */
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
  /** Why the server refused to subscribe this room (its caps), or null. */
  readonly refused: string | null;
  /** While it is down: when the next attempt is due (epoch ms), or null. */
  readonly nextAttemptAt: number | null;
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
  /** Connections being set up now; none stays so longer than the connect timeout. */
  readonly pendingConnections: number;
  /** Peers whose connection keeps failing and that are being tried again. */
  readonly failingPeers: number;
  /** Peers given up on after every retry failed (tried again when they announce themselves). */
  readonly gaveUpPeers: number;
  /** When the next retry is due (UTC epoch ms), or null. */
  readonly nextRetryAt: number | null;
  readonly lastFailure: ConnectionFailure | null;
  /** Signaling messages refused as too old or too new: a replay, or a clock more than the window off. */
  readonly staleSignals: number;
  /** Signaling messages refused because they were received before: a replay. */
  readonly replayedSignals: number;
}

/** What a room handle needs of the network side of a room; PeerRoom is the real one. */
export interface RoomProvider {
  state(): PeerRoomState;
  /** Called after every change to `state()`; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  connect(): void;
  disconnect(): void;
  destroy(): void;
  /** The room's app channel of that name (appChannel.ts); the same one for every call. */
  appChannel(name: string): AppChannel;
  /** Moves to these signaling addresses, keeping peer connections (PeerRoom.setSignaling); absent: the room keeps its first ones. */
  setSignaling?(urls: readonly string[]): void;
  /** Tries every signaling connection that is down now (after a wake or a network change). */
  retrySignalingNow?(): void;
}

export interface ProviderContext {
  /** The room's guard for the whole session: a peer it dropped stays dropped when the room reopens. */
  readonly guard: PeerGuard;
  /** Extra simple-peer options (in Node tests and benches: `{ wrtc }`). */
  readonly peerOpts: Readonly<Record<string, unknown>>;
}

export type ProviderFactory = (doc: Y.Doc, config: RoomConfig, awareness: Awareness, context: ProviderContext) => RoomProvider;

export const createPeerRoom: ProviderFactory = (doc, config, awareness, { guard, peerOpts }) =>
  new PeerRoom(doc, awareness, {
    roomId: config.roomId,
    secret: config.secret,
    signaling: config.signaling,
    iceServers: config.iceServers,
    guard,
    openPeer: simplePeerOpener(peerOpts),
  });

export interface RoomManagerOptions {
  createProvider?: ProviderFactory;
  /** Extra simple-peer options (in Node tests and benches: `{ wrtc }`). */
  peerOpts?: Record<string, unknown>;
}

export class RoomInUseError extends Error {
  constructor(roomId: string) {
    super(`The room ${roomId.slice(0, 8)}… is already open for another incident on this computer.`);
    this.name = 'RoomInUseError';
  }
}

/** A room opened twice for the same incident: its session opens it once, so this is a bug. */
export class RoomAlreadyOpenError extends Error {
  constructor(roomId: string) {
    super(`The room ${roomId.slice(0, 8)}… is already open for this incident; close it before opening it again.`);
    this.name = 'RoomAlreadyOpenError';
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
  private readonly provider: RoomProvider;
  private current: RoomStatus;
  private readonly listeners = new Set<() => void>();
  private paused = false;
  private readonly unsubscribe: Array<() => void>;
  private signalingNow: readonly string[];

  constructor(
    readonly doc: Y.Doc,
    readonly config: RoomConfig,
    createProvider: ProviderFactory,
    peerOpts: Readonly<Record<string, unknown>>,
    private readonly guard: PeerGuard,
  ) {
    this.awareness = awarenessOf(doc);
    this.provider = createProvider(doc, config, this.awareness, { guard, peerOpts });
    const refresh = () => this.update();
    this.signalingNow = config.signaling;
    this.unsubscribe = [guard.subscribe(refresh), this.provider.subscribe(refresh), watchNetworkReturn(() => this.retryNow())];
    this.current = this.read();
  }

  /** The signaling addresses the room uses now (config.signaling until setSignaling). */
  signaling(): readonly string[] {
    return this.signalingNow;
  }

  /** Joins these signaling addresses and leaves the others, keeping every peer connection open. */
  setSignaling(urls: readonly string[]): void {
    if (!this.provider.setSignaling) return;
    this.signalingNow = Object.freeze([...urls]);
    this.provider.setSignaling(urls);
    this.update();
  }

  /** Signaling that is down is tried at once (the network came back, or the laptop woke). */
  retryNow(): void {
    if (this.paused) return;
    this.provider.retrySignalingNow?.();
  }

  status(): RoomStatus {
    return this.current;
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The room's app channel of that name, for a feature's own messages to peers over the room's
   * encrypted connections (appChannel.ts). It lasts as long as this handle, across reconnects.
   */
  appChannel(name: string): AppChannel {
    return this.provider.appChannel(name);
  }

  /** Drops every connection and starts again: what a person does after plugging the cable back. */
  reconnect(): void {
    this.paused = false;
    this.provider.disconnect();
    this.provider.connect();
    this.update();
  }

  /** Leaves the network but keeps the room, for a "go offline" switch and for tests. */
  disconnect(): void {
    this.paused = true;
    this.provider.disconnect();
    this.update();
  }

  /** Called by the manager only. */
  destroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    // Peers drop us from their presence now; the awareness itself lives on with the document.
    this.awareness.setLocalState(null);
    this.provider.destroy();
    this.listeners.clear();
  }

  private read(): RoomStatus {
    const state = this.provider.state();
    const servers = this.paused ? [] : state.servers;
    const peers = this.paused ? 0 : state.peers;
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
      servers: Object.freeze(
        servers.map((s) =>
          Object.freeze({
            url: s.url,
            connected: s.connected,
            failures: s.failures,
            refused: s.refused ?? null,
            nextAttemptAt: s.connected ? null : (s.nextAttemptAt ?? null),
          }),
        ),
      ),
      peers,
      synced: peers > 0 && state.synced,
      offline: signaling !== 'connected' && peers === 0,
      paused: this.paused,
      foreignSignals: state.foreignSignals,
      droppedPeers: this.guard.dropped(),
      pendingConnections: this.paused ? 0 : state.pendingConnections,
      failingPeers: this.paused ? 0 : state.failingPeers,
      gaveUpPeers: this.paused ? 0 : state.gaveUpPeers,
      nextRetryAt: this.paused ? null : state.nextRetryAt,
      lastFailure: state.lastFailure,
      staleSignals: state.staleSignals,
      replayedSignals: state.replayedSignals,
    });
  }

  private update(): void {
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
    a.pendingConnections === b.pendingConnections &&
    a.failingPeers === b.failingPeers &&
    a.gaveUpPeers === b.gaveUpPeers &&
    a.nextRetryAt === b.nextRetryAt &&
    a.lastFailure === b.lastFailure &&
    a.staleSignals === b.staleSignals &&
    a.replayedSignals === b.replayedSignals &&
    a.servers.length === b.servers.length &&
    a.servers.every(
      (s, i) =>
        s.url === b.servers[i]?.url &&
        s.connected === b.servers[i]?.connected &&
        s.failures === b.servers[i]?.failures &&
        s.refused === b.servers[i]?.refused &&
        s.nextAttemptAt === b.servers[i]?.nextAttemptAt,
    )
  );
}

/**
 * Calls `retry` when the browser says the network is back (`online`) or the page is shown again
 * (`visibilitychange` to visible: a wake from sleep usually brings both), so signaling does not
 * sit out its backoff pause. Nothing outside a browser. Returns the unsubscribe.
 */
export function watchNetworkReturn(
  retry: () => void,
  target: EventTarget | null = typeof window === 'undefined' ? null : window,
): () => void {
  if (!target) return () => {};
  const doc = typeof document === 'undefined' ? null : document;
  const onVisible = () => {
    if (doc?.visibilityState === 'visible') retry();
  };
  target.addEventListener('online', retry);
  doc?.addEventListener('visibilitychange', onVisible);
  return () => {
    target.removeEventListener('online', retry);
    doc?.removeEventListener('visibilitychange', onVisible);
  };
}

export class RoomManager {
  private readonly rooms = new Map<string, RoomHandle>();
  private readonly createProvider: ProviderFactory;
  private readonly peerOpts: Readonly<Record<string, unknown>>;
  /** One guard per room for the whole session, so a dropped peer stays dropped when the room reopens. */
  private readonly guards = new Map<string, PeerGuard>();

  constructor(options: RoomManagerOptions = {}) {
    this.createProvider = options.createProvider ?? createPeerRoom;
    this.peerOpts = options.peerOpts ?? {};
  }

  /**
   * Opens the room for a document. Call it only after the stored document has loaded, so the
   * first sync sends our edits, and once per opening: a room already open is an error.
   */
  open(doc: Y.Doc, config: RoomConfig): RoomHandle {
    const existing = this.rooms.get(config.roomId);
    if (existing) throw existing.doc === doc ? new RoomAlreadyOpenError(config.roomId) : new RoomInUseError(config.roomId);
    const guard = this.guards.get(config.roomId) ?? new PeerGuard();
    this.guards.set(config.roomId, guard);
    const handle = new RoomHandle(doc, config, this.createProvider, this.peerOpts, guard);
    this.rooms.set(config.roomId, handle);
    return handle;
  }

  /** Ends the room; closing one already closed (after closeAll at shutdown) does nothing. */
  close(handle: RoomHandle): void {
    if (this.rooms.get(handle.config.roomId) !== handle) return;
    this.rooms.delete(handle.config.roomId);
    handle.destroy();
  }

  openRooms(): number {
    return this.rooms.size;
  }

  /** Ends every room, for app shutdown and test clean-up. */
  closeAll(): void {
    for (const handle of this.rooms.values()) handle.destroy();
    this.rooms.clear();
  }
}
