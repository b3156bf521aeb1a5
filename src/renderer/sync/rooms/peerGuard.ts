// Guards every WebRTC connection of a room against a hostile or broken peer. It is the layer
// between a connection's data channel and the room's reader: chunks are joined (within bounds)
// and each message is read in full before the room applies it; a peer that keeps sending bad
// ones (or one oversized one) is cut off, and the room lets it back in no more this session.
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import { ChunkAssembler, isChunk } from './peerChunks';
import {
  DEFAULT_MESSAGE_LIMITS,
  inspectPeerMessage,
  type Inspection,
  type LocalAwareness,
  type PeerMessage,
  type PeerMessageLimits,
} from './peerMessage';

/** 'hostile': a feature reported it on its app channel (it sent something provably wrong). */
export type DropReason = 'malformed' | 'oversized' | 'hostile';

/** A peer this computer cut off, shown in the room's connection dialog. */
export interface DroppedPeer {
  /** The remote peer's id in the room's signaling (a random id it picks per room, not a person). */
  readonly peerId: string;
  readonly reason: DropReason;
  /** Bad messages it had sent when it was dropped. */
  readonly count: number;
  /** When it was dropped (UTC epoch ms). */
  readonly at: number;
  /** For a hostile peer: what the feature that reported it said it did. */
  readonly detail?: string;
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
   * Sync requests (and awareness queries) one connection may make. A peer asks once, when the
   * connection opens; each request makes us encode and send the whole document, so a flood of
   * them is a cheap way to keep this computer busy.
   */
  readonly requestsPerConnection: number;
}

export const DEFAULT_GUARD_LIMITS: PeerGuardLimits = Object.freeze({
  ...DEFAULT_MESSAGE_LIMITS,
  badMessagesBeforeDrop: 20,
  requestsPerConnection: 8,
  maxAssembledBytes: 64 * 1024 * 1024,
});

export interface PeerGuardOptions {
  readonly limits?: Partial<PeerGuardLimits>;
  readonly now?: () => number;
  /** Where the reasons for dropping a message are written; the console by default. */
  readonly log?: (message: string) => void;
}

/** Presence ids remembered per connection: a war room has a few dozen; the cap bounds a flood. */
const MAX_TRACKED_PRESENCES = 4096;

/** Why one message (or a peer) is refused. */
export type BadMessage = Extract<Inspection, { ok: false }> | { readonly ok: false; readonly reason: 'hostile'; readonly detail: string };

/** What a connection's guard needs of the connection it guards. */
export interface GuardedPeer {
  readonly peerId: string;
  /** Ends the connection: called once when the peer is dropped. */
  cut(): void;
}

/** One room's guard, kept by the room manager for the whole session so drops outlive reconnects. */
export class PeerGuard {
  private readonly limits: PeerGuardLimits;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly badCounts = new Map<string, number>();
  private readonly droppedById = new Map<string, DroppedPeer>();
  private droppedList: readonly DroppedPeer[] = Object.freeze([]);
  private readonly listeners = new Set<() => void>();
  /** Presence client ids each live connection has spoken for, to forget a dropped peer's. */
  private readonly presenceBy = new Map<ConnectionGuard, Set<number>>();

  constructor(options: PeerGuardOptions = {}) {
    this.limits = { ...DEFAULT_GUARD_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** Peers dropped so far, oldest first; the same array until another is dropped. */
  dropped(): readonly DroppedPeer[] {
    return this.droppedList;
  }

  /** Whether the room should refuse this peer's announcements and offers. */
  isDropped(peerId: string): boolean {
    return this.droppedById.has(peerId);
  }

  /** Called when a peer is dropped; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The guard for one new connection. `awareness` is the room's presence: a peer may not speak in
   * our name there, and a dropped peer's presences are taken out of it.
   */
  connection(peer: GuardedPeer, awareness: Awareness): ConnectionGuard {
    const guard = new ConnectionGuard(this, peer, awareness, this.limits);
    this.presenceBy.set(guard, new Set());
    return guard;
  }

  /**
   * A feature found this peer sending something provably wrong: it is dropped at once, its
   * connection cut if it has one, and it stays out this session like any dropped peer.
   */
  reportHostile(peerId: string, detail: string): void {
    if (this.droppedById.has(peerId)) return;
    for (const connection of this.presenceBy.keys()) {
      if (connection.peer.peerId === peerId) {
        connection.hostile(detail);
        return;
      }
    }
    // Already gone: nothing to cut, but it must not come back.
    this.record(Object.freeze({ peerId, reason: 'hostile', count: this.badCounts.get(peerId) ?? 0, at: this.now(), detail }), detail);
  }

  /** @internal for ConnectionGuard */
  heard(connection: ConnectionGuard, clientIDs: readonly number[], self: number): void {
    const presences = this.presenceBy.get(connection);
    if (!presences) return;
    for (const id of clientIDs) if (id !== self && presences.size < MAX_TRACKED_PRESENCES) presences.add(id);
  }

  /** @internal for ConnectionGuard */
  closed(connection: ConnectionGuard): void {
    this.presenceBy.delete(connection);
  }

  /** @internal for ConnectionGuard: counts a bad message and drops the peer when it is one too many. */
  bad(connection: ConnectionGuard, inspection: BadMessage): void {
    const { peerId } = connection.peer;
    if (this.droppedById.has(peerId)) return;
    const count = (this.badCounts.get(peerId) ?? 0) + 1;
    this.badCounts.set(peerId, count);
    if (count === 1 && inspection.reason !== 'hostile') this.log(`Sitrep: ignored a message from peer ${peerId}: ${inspection.detail}`);
    const reason: DropReason | null =
      inspection.reason !== 'malformed' ? inspection.reason : count >= this.limits.badMessagesBeforeDrop ? 'malformed' : null;
    if (!reason) return;
    const dropped: DroppedPeer = Object.freeze({
      peerId,
      reason,
      count,
      at: this.now(),
      ...(reason === 'hostile' ? { detail: inspection.detail } : {}),
    });
    // Marked before the connection is cut, so nothing the cut sets off lets the peer back in.
    this.mark(dropped);
    this.forgetPresences(connection);
    // This runs inside the data channel's handler, where a throw would be an uncaught error.
    try {
      connection.peer.cut();
    } catch (error) {
      this.log(`Sitrep: could not close the connection to dropped peer ${peerId}: ${describe(error)}`);
    }
    this.announce(dropped, inspection.detail);
  }

  private record(dropped: DroppedPeer, detail: string): void {
    this.mark(dropped);
    this.announce(dropped, detail);
  }

  private mark(dropped: DroppedPeer): void {
    this.droppedById.set(dropped.peerId, dropped);
    this.droppedList = Object.freeze([...this.droppedList, dropped]);
  }

  private announce(dropped: DroppedPeer, detail: string): void {
    this.log(
      dropped.reason === 'hostile'
        ? `Sitrep: dropped peer ${dropped.peerId}, reported hostile: it ${detail}`
        : `Sitrep: dropped peer ${dropped.peerId} after ${dropped.count} bad message(s); the last: ${detail}`,
    );
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.log(`Sitrep: a listener failed on a dropped peer: ${describe(error)}`);
      }
    }
  }

  /**
   * Takes out of the room the presences only the dropped peer spoke for (the room does not know
   * whose they were, and would show them until they time out). A presence another connection
   * also relays stays: it may be an honest peer's that the dropped one passed on.
   */
  private forgetPresences(connection: ConnectionGuard): void {
    const mine = this.presenceBy.get(connection);
    this.presenceBy.delete(connection);
    if (!mine) return;
    const relayedByOthers = new Set<number>();
    for (const ids of this.presenceBy.values()) for (const id of ids) relayedByOthers.add(id);
    const forget = [...mine].filter((id) => !relayedByOthers.has(id));
    try {
      removeAwarenessStates(connection.awareness, forget, 'dropped peer');
    } catch (error) {
      this.log(`Sitrep: could not forget a dropped peer's presence: ${describe(error)}`);
    }
  }
}

/**
 * One connection's side of the guard: what arrives on the data channel goes through `admit`, and
 * only what it returns reaches the room's reader.
 */
export class ConnectionGuard {
  private readonly assembler: ChunkAssembler;
  private readonly assembledLimits: PeerMessageLimits;
  private requests = 0;

  constructor(
    private readonly room: PeerGuard,
    readonly peer: GuardedPeer,
    readonly awareness: Awareness,
    private readonly limits: PeerGuardLimits,
  ) {
    this.assembler = new ChunkAssembler(limits.maxAssembledBytes);
    this.assembledLimits = { ...limits, maxMessageBytes: limits.maxAssembledBytes };
  }

  /**
   * The whole message, once its chunks have all arrived and it has been read in full and found
   * sound, in the parts that reading found (the room applies them without reading the framing
   * again); null for a chunk (more to come), a bad message (counted) and anything from a dropped
   * peer. Never throws.
   */
  admit(received: unknown): PeerMessage | null {
    if (this.room.isDropped(this.peer.peerId)) return null;
    let data: unknown = received;
    let limits: PeerMessageLimits = this.limits;
    if (received instanceof Uint8Array && isChunk(received)) {
      const joined = this.assembler.receive(received);
      if (joined.state === 'pending') return null;
      if (joined.state === 'invalid') {
        this.room.bad(this, { ok: false, reason: joined.reason, detail: joined.detail });
        return null;
      }
      data = joined.message;
      limits = this.assembledLimits;
    }
    const inspection = inspectPeerMessage(data, localAwareness(this.awareness), limits);
    if (!inspection.ok) {
      this.room.bad(this, inspection);
      return null;
    }
    if (inspection.kind === 'sync-request' || inspection.kind === 'awareness-query') {
      this.requests += 1;
      if (this.requests > this.limits.requestsPerConnection) {
        this.room.bad(this, { ok: false, reason: 'malformed', detail: `request ${this.requests} on one connection` });
        return null;
      }
    }
    this.room.heard(this, inspection.clientIDs ?? [], this.awareness.clientID);
    return inspection.message;
  }

  /** A message `admit` let through still failed in the reader or in an observer of the document. */
  failed(error: unknown): void {
    this.room.bad(this, { ok: false, reason: 'malformed', detail: `failed while applied: ${describe(error)}` });
  }

  /** A feature found the peer sending something provably wrong on its app channel: dropped at once. */
  hostile(detail: string): void {
    this.room.bad(this, { ok: false, reason: 'hostile', detail });
  }

  /** The connection closed: its presences are no longer its to speak for. */
  close(): void {
    this.room.closed(this);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function localAwareness(awareness: Awareness): LocalAwareness {
  return { clientID: awareness.clientID, clock: awareness.meta.get(awareness.clientID)?.clock ?? 0 };
}

/** What the room's connection dialog says about a dropped peer. */
export function describeDroppedPeer(dropped: DroppedPeer): string {
  if (dropped.reason === 'oversized') return 'Dropped a peer that sent an oversized message';
  if (dropped.reason === 'hostile') return `Dropped a peer that ${dropped.detail ?? 'sent something provably wrong'}`;
  return `Dropped a peer that sent ${dropped.count} malformed ${dropped.count === 1 ? 'message' : 'messages'}`;
}
