// Guards every WebRTC connection of a room against a hostile or broken peer: each message is read
// in full before y-webrtc sees it, a peer that keeps sending bad ones (or one oversized one) is
// cut off, and it is not let back in for the rest of the session.
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import { DEFAULT_MESSAGE_LIMITS, inspectPeerMessage, type Inspection, type LocalAwareness, type PeerMessageLimits } from './peerMessage';
import { ChunkAssembler, isChunk, splitMessage } from './peerChunks';

export type DropReason = 'malformed' | 'oversized';

/** A peer this computer cut off, shown in the room's connection dialog. */
export interface DroppedPeer {
  /** y-webrtc's id for the remote peer (a random id it picks per room, not a person). */
  readonly peerId: string;
  readonly reason: DropReason;
  /** Bad messages it had sent when it was dropped. */
  readonly count: number;
  /** When it was dropped (UTC epoch ms). */
  readonly at: number;
}

export interface PeerGuardLimits extends PeerMessageLimits {
  /**
   * Largest message joined from chunks: the whole incident a joining peer lacks travels as one.
   * A 50,000-entry incident encodes to a few MiB; 64 MiB bounds what a peer can make us hold.
   */
  readonly maxAssembledBytes: number;
  /** Bad messages from one peer before it is dropped; an honest Sitrep peer sends none. */
  readonly badMessagesBeforeDrop: number;
  /**
   * Sync requests (and awareness queries) one connection may make. y-webrtc asks once, when the
   * connection opens; each request makes us encode and send the whole document, so a flood of
   * them is a cheap way to keep this computer busy.
   */
  readonly requestsPerConnection: number;
  /**
   * Dropped peers kept out with a placeholder in y-webrtc's connection list. Each placeholder takes
   * one of the room's 30 connection slots, so only the first few get one; later ones are still
   * cut off whenever they connect.
   */
  readonly placeholders: number;
}

export const DEFAULT_GUARD_LIMITS: PeerGuardLimits = Object.freeze({
  ...DEFAULT_MESSAGE_LIMITS,
  badMessagesBeforeDrop: 20,
  requestsPerConnection: 8,
  placeholders: 10,
  maxAssembledBytes: 64 * 1024 * 1024,
});

type DataListener = (data: unknown) => void;

/** The parts of a simple-peer instance the guard touches (it is a Node-style EventEmitter). */
interface PeerEmitter {
  listeners(event: 'data'): unknown[];
  removeListener(event: 'data', listener: DataListener): unknown;
  on(event: 'data', listener: DataListener): unknown;
}

/** The parts of a y-webrtc WebrtcConn the guard touches. */
interface GuardableConn {
  readonly remotePeerId: string;
  readonly peer: PeerEmitter;
  destroy(): void;
}

/** The y-webrtc room's connection list, which the guard reads and (for placeholders) writes. */
type ConnList = Map<string, unknown>;

export interface PeerGuardOptions {
  readonly limits?: Partial<PeerGuardLimits>;
  readonly now?: () => number;
  /** Where the reasons for dropping a message are written; the console by default. */
  readonly log?: (message: string) => void;
}

function isFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}

function guardableConn(value: unknown): GuardableConn | null {
  if (typeof value !== 'object' || value === null) return null;
  const conn = value as Record<string, unknown>;
  const peer = conn.peer as Record<string, unknown> | null | undefined;
  if (typeof conn.remotePeerId !== 'string' || !isFunction(conn.destroy) || typeof peer !== 'object' || peer === null) return null;
  if (!isFunction(peer.listeners) || !isFunction(peer.removeListener) || !isFunction(peer.on)) return null;
  return value as GuardableConn;
}

function connList(room: unknown): ConnList | null {
  if (typeof room !== 'object' || room === null) return null;
  const conns = (room as { webrtcConns?: unknown }).webrtcConns;
  return conns instanceof Map ? (conns as ConnList) : null;
}

const noop = () => {};

/**
 * Stands in y-webrtc's connection list for a dropped peer. y-webrtc opens a connection only for a
 * peer id it has no entry for, and answers signals through the entry it has; this one never
 * connects, so announcements and offers from the dropped peer go nowhere (rather than each
 * opening a WebRTC connection we would close again at once, over and over).
 */
function placeholder(peerId: string): Record<string, unknown> {
  return {
    remotePeerId: peerId,
    connected: false,
    // Counted as in sync, so y-webrtc's "synced with every peer" does not wait for it.
    synced: true,
    closed: true,
    glareToken: undefined,
    peer: { signal: noop, send: noop, destroy: noop },
    destroy: noop,
  };
}

const guardHandlers = new WeakSet<DataListener>();
/** Presence ids remembered per connection: a war room has a few dozen; the cap bounds a flood. */
const MAX_TRACKED_PRESENCES = 4096;

/** One room's guard, kept by the room manager for the whole session so drops outlive reconnects. */
export class PeerGuard {
  private readonly limits: PeerGuardLimits;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly guarded = new WeakSet<object>();
  private readonly placeholders = new WeakSet<object>();
  private readonly badCounts = new Map<string, number>();
  private readonly droppedById = new Map<string, DroppedPeer>();
  private droppedList: readonly DroppedPeer[] = Object.freeze([]);
  private readonly listeners = new Set<() => void>();
  /** Presence client ids each live connection has spoken for, to forget a dropped peer's. */
  private readonly presenceBy = new Map<GuardableConn, Set<number>>();

  constructor(options: PeerGuardOptions = {}) {
    this.limits = { ...DEFAULT_GUARD_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** Peers dropped so far, oldest first; the same array until another is dropped. */
  dropped(): readonly DroppedPeer[] {
    return this.droppedList;
  }

  /** Called when a peer is dropped; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Looks at a y-webrtc room's connections: guards the new ones, cuts off any from a dropped peer
   * and keeps dropped peers out. Call it on every 'peers' event of the provider (y-webrtc emits
   * one right after it makes a connection, before any data can arrive) and now and then besides.
   * Never throws: it runs inside y-webrtc's signaling handler. `awareness` is the room's presence:
   * a peer may not speak in our name there, and a dropped peer's presences are taken out of it.
   */
  scan(room: unknown, awareness: Awareness): void {
    const conns = connList(room);
    if (!conns) return;
    try {
      for (const conn of this.presenceBy.keys()) if (conns.get(conn.remotePeerId) !== conn) this.presenceBy.delete(conn);
      for (const [peerId, value] of [...conns]) {
        if (typeof value === 'object' && value !== null && this.placeholders.has(value)) continue;
        const conn = guardableConn(value);
        if (!conn) continue;
        if (this.droppedById.has(peerId)) {
          // Cut off on sight; its close removes it from the list and a later scan sets the placeholder.
          conn.destroy();
          continue;
        }
        if (!this.guarded.has(conn)) this.guard(conn, awareness);
      }
      this.keepOut(conns);
    } catch (error) {
      this.log(`Sitrep: could not guard the room's connections: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private keepOut(conns: ConnList): void {
    let placed = [...conns.values()].filter((value) => typeof value === 'object' && value !== null && this.placeholders.has(value)).length;
    for (const peerId of this.droppedById.keys()) {
      if (placed >= this.limits.placeholders) return;
      if (conns.has(peerId)) continue;
      const stand = placeholder(peerId);
      this.placeholders.add(stand);
      conns.set(peerId, stand);
      placed += 1;
    }
  }

  private guard(conn: GuardableConn, awareness: Awareness): void {
    this.guarded.add(conn);
    const { peer } = conn;
    const readers = peer.listeners('data').filter((listener): listener is DataListener => isFunction(listener) && !guardHandlers.has(listener as DataListener));
    for (const reader of readers) peer.removeListener('data', reader);
    // Outgoing messages too large for a data channel go as chunks that the other side joins.
    const sender = peer as unknown as { send?: unknown };
    if (isFunction(sender.send)) {
      const send = sender.send.bind(peer);
      sender.send = (data: unknown) => {
        if (data instanceof Uint8Array) for (const part of splitMessage(data)) send(part);
        else send(data);
      };
    }
    const assembler = new ChunkAssembler(this.limits.maxAssembledBytes);
    const assembledLimits = { ...this.limits, maxMessageBytes: this.limits.maxAssembledBytes };
    let requests = 0;
    const presences = new Set<number>();
    this.presenceBy.set(conn, presences);
    const handler: DataListener = (received) => {
      if (this.droppedById.has(conn.remotePeerId)) return;
      let data: unknown = received;
      let limits: PeerMessageLimits = this.limits;
      if (received instanceof Uint8Array && isChunk(received)) {
        const joined = assembler.receive(received);
        if (joined.state === 'pending') return;
        if (joined.state === 'invalid') {
          this.bad(conn, awareness, { ok: false, reason: joined.reason, detail: joined.detail });
          return;
        }
        data = joined.message;
        limits = assembledLimits;
      }
      const inspection = inspectPeerMessage(data, localAwareness(awareness), limits);
      if (!inspection.ok) {
        this.bad(conn, awareness, inspection);
        return;
      }
      for (const id of inspection.clientIDs ?? []) if (id !== awareness.clientID && presences.size < MAX_TRACKED_PRESENCES) presences.add(id);
      if (inspection.kind === 'sync-request' || inspection.kind === 'awareness-query') {
        requests += 1;
        if (requests > this.limits.requestsPerConnection) {
          this.bad(conn, awareness, { ok: false, reason: 'malformed', detail: `request ${requests} on one connection` });
          return;
        }
      }
      try {
        for (const reader of readers) reader.call(peer, data);
      } catch (error) {
        // A message that read cleanly still failed in y-webrtc or in an observer of the document.
        this.bad(conn, awareness, { ok: false, reason: 'malformed', detail: `failed while applied: ${error instanceof Error ? error.message : String(error)}` });
      }
    };
    guardHandlers.add(handler);
    peer.on('data', handler);
  }

  private bad(conn: GuardableConn, awareness: Awareness, inspection: Extract<Inspection, { ok: false }>): void {
    const peerId = conn.remotePeerId;
    const count = (this.badCounts.get(peerId) ?? 0) + 1;
    this.badCounts.set(peerId, count);
    if (count === 1) this.log(`Sitrep: ignored a message from peer ${peerId}: ${inspection.detail}`);
    const reason: DropReason | null =
      inspection.reason === 'oversized' ? 'oversized' : count >= this.limits.badMessagesBeforeDrop ? 'malformed' : null;
    if (!reason) return;
    const dropped: DroppedPeer = Object.freeze({ peerId, reason, count, at: this.now() });
    this.droppedById.set(peerId, dropped);
    this.droppedList = Object.freeze([...this.droppedList, dropped]);
    this.log(`Sitrep: dropped peer ${peerId} after ${count} bad message(s); the last: ${inspection.detail}`);
    // Its close takes it out of y-webrtc's list and emits 'peers': the next scan keeps it out.
    conn.destroy();
    this.forgetPresences(conn, awareness);
    // This runs inside the data channel's handler, where a throw would be an uncaught error.
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.log(`Sitrep: a listener failed on a dropped peer: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * Takes out of the room the presences only the dropped peer spoke for (y-webrtc does not know
   * whose they were, and would show them until they time out). A presence another connection
   * also relays stays: it may be an honest peer's that the dropped one passed on.
   */
  private forgetPresences(conn: GuardableConn, awareness: Awareness): void {
    const mine = this.presenceBy.get(conn);
    this.presenceBy.delete(conn);
    if (!mine) return;
    const relayedByOthers = new Set<number>();
    for (const ids of this.presenceBy.values()) for (const id of ids) relayedByOthers.add(id);
    const forget = [...mine].filter((id) => !relayedByOthers.has(id));
    try {
      removeAwarenessStates(awareness, forget, 'dropped peer');
    } catch (error) {
      this.log(`Sitrep: could not forget a dropped peer's presence: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function localAwareness(awareness: Awareness): LocalAwareness {
  return { clientID: awareness.clientID, clock: awareness.meta.get(awareness.clientID)?.clock ?? 0 };
}

/** What the room's connection dialog says about a dropped peer. */
export function describeDroppedPeer(dropped: DroppedPeer): string {
  if (dropped.reason === 'oversized') return 'Dropped a peer that sent an oversized message';
  return `Dropped a peer that sent ${dropped.count} malformed ${dropped.count === 1 ? 'message' : 'messages'}`;
}
