// One incident's room on the network: the room's signaling (through our servers, on a topic and
// sealed with keys derived from the room secret, each message fresh and accepted once:
// signalingCrypto.ts), one simple-peer WebRTC connection per remote peer, and y-protocols sync
// and awareness over them. On each connection the layers are explicit: what arrives passes the
// room's guard (which joins chunks and reads each message in full) before the reader applies it;
// what leaves is split into chunks that fit a data channel.
//
// What stays y-webrtc 10's: the signaling server protocol (subscribe, unsubscribe, publish, ping),
// the shape of the announce and signal messages inside the seal, and the data-channel framing of
// sync and awareness. What changed, so that the room id alone (which discovery announces) and a
// recording of the room's signaling give an attacker nothing: the topic and the sealing key
// derive from the secret, and every sealed message carries a freshness proof. A plain y-webrtc
// peer cannot join a Sitrep room any more, by design.
//
// Connections cannot pile up: one that does not open within a bound is closed and retried with
// backoff, a bounded number of times; a peer that leaves (its connection closes, or its signaling
// says so) frees its slot at once; a peer that rejoins (a new `session` in its signaling) replaces
// its old connection instead of leaving it half open; and only the peer with the greater id offers.
import * as buffer from 'lib0/buffer';
import * as encoding from 'lib0/encoding';
import { uuidv4 } from 'lib0/random';
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AppChannelNameError, isAppChannelName, MAX_APP_PAYLOAD_BYTES, type AppChannel } from './appChannel';
import { splitMessage } from './peerChunks';
import type { ConnectionGuard, PeerGuard } from './peerGuard';
import type { PeerMessage } from './peerMessage';
import { MESSAGE_APP, MESSAGE_AWARENESS, MESSAGE_SYNC } from './peerWire';
import { deriveRoomKeys, Freshness, openSignal, sealSignal, type RefusedSignal, type RoomKeys, type SignalFields } from './signalingCrypto';
import { openBrowserSocket, SignalingSocket, type OpenSocket } from './signalingSocket';

/** The parts of a simple-peer connection the room uses; tests give it an in-memory pair. */
export interface PeerTransport {
  signal(data: unknown): void;
  send(data: Uint8Array): void;
  destroy(): void;
  on(event: 'signal', listener: (data: unknown) => void): unknown;
  on(event: 'connect' | 'close', listener: () => void): unknown;
  on(event: 'data', listener: (data: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type OpenPeer = (options: { readonly initiator: boolean; readonly iceServers: readonly RTCIceServer[] }) => PeerTransport;

/** simple-peer with the caller's extra options (`{ wrtc }` in Node) and only the configured ICE servers. */
export function simplePeerOpener(peerOpts: Readonly<Record<string, unknown>> = {}): OpenPeer {
  return ({ initiator, iceServers }) =>
    new SimplePeer({ ...peerOpts, initiator, config: { iceServers: iceServers.map((server) => ({ ...server })) } });
}

/** How long a connection may take to open, and how often it is tried again. */
export interface ConnectionTiming {
  /**
   * A connection that has not opened by then is closed and tried again. On a LAN with no STUN or
   * TURN server WebRTC opens in well under a second; this leaves room for a busy laptop.
   */
  readonly connectTimeoutMs: number;
  /** Pauses before each retry to a peer whose connection failed; after the last, the room gives up on it until it announces itself again. */
  readonly retryDelaysMs: readonly number[];
}

export const DEFAULT_CONNECTION_TIMING: ConnectionTiming = Object.freeze({
  connectTimeoutMs: 10_000,
  retryDelaysMs: Object.freeze([1000, 2000, 4000, 8000, 16_000]),
});

export interface PeerRoomOptions {
  readonly roomId: string;
  readonly secret: string;
  readonly signaling: readonly string[];
  readonly iceServers: readonly RTCIceServer[];
  readonly guard: PeerGuard;
  readonly openPeer?: OpenPeer;
  readonly openSocket?: OpenSocket;
  readonly log?: (message: string) => void;
  readonly timing?: Partial<ConnectionTiming>;
  /** The clock for freshness proofs and failure times (tests move it). */
  readonly now?: () => number;
}

export interface SignalingServerState {
  readonly url: string;
  readonly connected: boolean;
  /** Failed attempts in a row; 0 while connected. */
  readonly failures: number;
  /** Why the server refused to subscribe this room (its caps), while connected; null or absent when it did not. */
  readonly refused?: string | null;
  /** While it is down: when the next attempt is due (epoch ms), or null; absent from providers that do not say. */
  readonly nextAttemptAt?: number | null;
}

/** The last connection that failed, for the connection dialog. */
export interface ConnectionFailure {
  readonly peerId: string;
  /** UTC epoch ms. */
  readonly at: number;
  readonly detail: string;
}

/** What the room's status is made of; read after every change the room reports. */
export interface PeerRoomState {
  readonly servers: readonly SignalingServerState[];
  /** Peers with an open WebRTC connection. */
  readonly peers: number;
  /** Every connected peer has sent us its document (sync step 2). */
  readonly synced: boolean;
  /** Signaling messages in this room that our secret could not open: someone with another secret. */
  readonly foreignSignals: number;
  /** App messages for a channel nobody listens to on this computer (a newer peer's feature, say). */
  readonly unknownChannelMessages: number;
  /** Connections being set up now (not open yet): each holds a slot until it opens or times out. */
  readonly pendingConnections: number;
  /** Peers whose connection failed and that are being tried again. */
  readonly failingPeers: number;
  /** Peers given up on after every retry failed, until they announce themselves again. */
  readonly gaveUpPeers: number;
  /** When the next retry is due (UTC epoch ms), or null. */
  readonly nextRetryAt: number | null;
  readonly lastFailure: ConnectionFailure | null;
  /** Sealed messages refused for their freshness proof: too old or new for the window (a replay, or a clock far off). */
  readonly staleSignals: number;
  /** Sealed messages refused because they had been received before: a replay. */
  readonly replayedSignals: number;
}

/** A war room is small; a fixed cap keeps every peer connected to every other. */
export const MAX_PEER_CONNECTIONS = 30;
/** Longer than any peer id Sitrep makes (a UUID); bounds what a peer can make us keep. */
const MAX_PEER_ID_LENGTH = 64;
/** Remote peers whose retries and sessions are remembered; a war room meets a few dozen in a session. */
const MAX_REMEMBERED_PEERS = 256;
/** A leave message is sealed ahead (a page being closed cannot wait for WebCrypto) and resealed this often, well within the freshness window. */
const FAREWELL_RESEAL_MS = 60_000;

interface SignalSender {
  readonly from: string;
  /** The sender's awareness clientID, so that app channels can map a peer to a person. */
  readonly client: number | undefined;
  /** Which time the sender joined the network: greater for each connect, so a rejoin is told from a late message. */
  readonly session: number;
}

type SignalPayload =
  | (SignalSender & { readonly type: 'announce'; readonly to: string | undefined })
  | (SignalSender & { readonly type: 'leave'; readonly to: string | undefined })
  | (SignalSender & { readonly type: 'signal'; readonly to: string; readonly signal: Record<string, unknown> });

/** Reads an opened signaling message; null for anything that is not one of ours. */
function readSignalPayload(message: Readonly<Record<string, unknown>>): SignalPayload | null {
  const { from, to, session } = message;
  if (typeof from !== 'string' || from.length === 0 || from.length > MAX_PEER_ID_LENGTH) return null;
  if (to !== undefined && typeof to !== 'string') return null;
  if (typeof session !== 'number' || !Number.isFinite(session)) return null;
  // Yjs client ids are unsigned 32-bit integers.
  const client = Number.isInteger(message.client) && (message.client as number) >= 0 && (message.client as number) <= 0xffffffff;
  const sender = { from, session, client: client ? (message.client as number) : undefined };
  if (message.type === 'announce') return { type: 'announce', ...sender, to };
  if (message.type === 'leave') return { type: 'leave', ...sender, to };
  if (message.type !== 'signal') return null;
  const { signal } = message;
  if (typeof to !== 'string' || typeof signal !== 'object' || signal === null || Array.isArray(signal)) return null;
  return { type: 'signal', ...sender, to, signal: signal as Record<string, unknown> };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a connection ended, which decides what happens next. */
type LinkEnd =
  /** It never opened (timed out, or closed first): tried again. */
  | 'failed'
  /** It was open and closed: the slot is free and we announce ourselves again. */
  | 'closed'
  /** The peer rejoined, left, or offered anew: nothing more to do with this one. */
  | 'replaced'
  /** We closed it (disconnect, or the guard dropped the peer). */
  | 'local';

/** One remote peer: its WebRTC connection and the guard in front of this room's reader. */
class PeerLink {
  connected = false;
  /** It has sent us its document (sync step 2). */
  synced = false;
  private closed = false;
  private endCause: LinkEnd | null = null;
  private readonly guard: ConnectionGuard;
  private readonly timeout: ReturnType<typeof setTimeout>;

  constructor(
    private readonly room: PeerRoom,
    readonly remotePeerId: string,
    /** The remote peer's awareness clientID, as its signaling said; null if it did not. */
    readonly remoteClientId: number | null,
    /** The remote peer's session this connection belongs to. */
    readonly remoteSession: number,
    readonly initiator: boolean,
    private readonly transport: PeerTransport,
    readonly socket: SignalingSocket,
    connectTimeoutMs: number,
  ) {
    this.guard = room.guard.connection({ peerId: remotePeerId, cut: () => this.close('local') }, room.awareness);
    this.timeout = setTimeout(() => {
      if (this.connected || this.closed) return;
      room.log(`Sitrep: the connection to peer ${remotePeerId} did not open within ${connectTimeoutMs / 1000} s; closing it`);
      this.close('failed');
    }, connectTimeoutMs);
    transport.on('signal', (signal) => {
      if (this.closed) return;
      room.publish(socket, { type: 'signal', to: remotePeerId, signal: signal as encoding.AnyEncodable });
    });
    transport.on('connect', () => {
      if (this.closed || this.connected) return;
      this.connected = true;
      clearTimeout(this.timeout);
      room.linkOpened(this);
    });
    transport.on('data', (data) => this.receive(data));
    transport.on('error', (error) => {
      // simple-peer closes the connection after an error; the close below tidies up. Chromium
      // reports a peer closing its end as an error ("User-Initiated Abort"): that is a goodbye.
      if (/User-Initiated Abort/.test(error.message)) return;
      room.log(`Sitrep: connection to peer ${remotePeerId} failed: ${error.message}`);
    });
    transport.on('close', () => this.ended());
  }

  signal(signal: Record<string, unknown>): void {
    try {
      this.transport.signal(signal);
    } catch (error) {
      this.room.log(`Sitrep: ignored a connection signal from peer ${this.remotePeerId}: ${describe(error)}`);
    }
  }

  /**
   * Sends one message, in chunks when it is too large for a data channel. Not gated on
   * `connected`: simple-peer reports the connection a moment after its channel opens, and a peer's
   * first message (its sync request) can arrive in between; its answer must go out.
   */
  send(message: Uint8Array): boolean {
    if (this.closed) return false;
    try {
      for (const part of splitMessage(message)) this.transport.send(part);
      return true;
    } catch (error) {
      // The channel closed under us; the connection is over.
      this.room.log(`Sitrep: could not send to peer ${this.remotePeerId}: ${describe(error)}`);
      this.close(this.connected ? 'closed' : 'failed');
      return false;
    }
  }

  /** A feature found the peer sending something provably wrong: the guard drops it and cuts this connection. */
  hostile(detail: string): void {
    this.guard.hostile(detail);
  }

  /** Ends the connection now, for the given reason; its slot is free at once. */
  close(cause: LinkEnd): void {
    if (this.closed) return;
    this.endCause = cause;
    try {
      this.transport.destroy();
    } catch (error) {
      this.room.log(`Sitrep: could not close the connection to peer ${this.remotePeerId}: ${describe(error)}`);
    } finally {
      this.ended();
    }
  }

  private receive(data: unknown): void {
    if (this.closed) return;
    const message = this.guard.admit(data);
    if (!message) return;
    let reply: Uint8Array | null;
    try {
      reply = this.room.read(this, message);
    } catch (error) {
      this.guard.failed(error);
      return;
    }
    if (reply) this.send(reply);
  }

  private ended(): void {
    if (this.closed) return;
    const wasConnected = this.connected;
    this.closed = true;
    this.connected = false;
    clearTimeout(this.timeout);
    this.guard.close();
    this.room.linkEnded(this, this.endCause ?? (wasConnected ? 'closed' : 'failed'), wasConnected);
  }
}

/** What the room remembers of a remote peer between connections: its latest session and its retries. */
interface RemotePeer {
  /** The latest session heard from it; messages of older sessions are late and ignored. */
  session: number;
  /** It said it left this session: nothing more is accepted from the session. */
  left: boolean;
  /** Failed connections in a row. */
  failures: number;
  gaveUp: boolean;
  retry: ReturnType<typeof setTimeout> | null;
  retryAt: number | null;
  socket: SignalingSocket | null;
  client: number | undefined;
}

export class PeerRoom {
  /** Our id in this room's signaling, new for every room opened. */
  readonly peerId = uuidv4();
  readonly guard: PeerGuard;
  readonly log: (message: string) => void;
  private readonly keys: Promise<RoomKeys>;
  /** The keys once derived, for what must happen at once (the goodbye of a page being closed). */
  private readyKeys: RoomKeys | null = null;
  private readonly freshness: Freshness;
  private readonly timing: ConnectionTiming;
  private readonly now: () => number;
  private readonly links = new Map<string, PeerLink>();
  private readonly remotes = new Map<string, RemotePeer>();
  private sockets: SignalingSocket[] = [];
  /** The signaling addresses now: the options' at first, then what setSignaling gave. */
  private signalingUrls: readonly string[];
  private session = 0;
  /** A sealed leave message per signaling socket, kept fresh while online. */
  private farewells = new Map<SignalingSocket, string>();
  private farewellTimer: ReturnType<typeof setInterval> | null = null;
  private foreignSignals = 0;
  /** Servers that refused our subscription, with what they said; cleared when we subscribe again. */
  private readonly refusals = new Map<SignalingSocket, string>();
  private staleSignals = 0;
  private replayedSignals = 0;
  private lastFailure: ConnectionFailure | null = null;
  private unknownChannelMessages = 0;
  private readonly channels = new Map<string, RoomAppChannel>();
  /** Signaling messages are opened and handled one after another, in the order they arrived. */
  private inbox: Promise<void> = Promise.resolve();
  private online = false;
  private destroyed = false;
  private readonly listeners = new Set<() => void>();
  private readonly openPeer: OpenPeer;
  private readonly openSocket: OpenSocket;

  constructor(
    readonly doc: Y.Doc,
    readonly awareness: Awareness,
    private readonly options: PeerRoomOptions,
  ) {
    this.guard = options.guard;
    this.log = options.log ?? ((message) => console.warn(message));
    this.openPeer = options.openPeer ?? simplePeerOpener();
    this.openSocket = options.openSocket ?? openBrowserSocket;
    this.now = options.now ?? Date.now;
    this.timing = { ...DEFAULT_CONNECTION_TIMING, ...options.timing };
    this.freshness = new Freshness(this.now);
    this.signalingUrls = [...new Set(options.signaling)];
    this.keys = deriveRoomKeys(options.secret, options.roomId);
    // Nothing can be sealed or opened without the keys: say so once, and the room stays local.
    this.keys.then(
      (keys) => {
        this.readyKeys = keys;
      },
      (error: unknown) => this.log(`Sitrep: could not derive the room keys: ${describe(error)}`),
    );
    this.connect();
  }

  /** The topic this room uses on signaling servers (derived from the secret). */
  topic(): Promise<string> {
    return this.keys.then((keys) => keys.topic);
  }

  state(): PeerRoomState {
    const links = [...this.links.values()];
    const connected = links.filter((link) => link.connected);
    let failingPeers = 0;
    let gaveUpPeers = 0;
    let nextRetryAt: number | null = null;
    for (const remote of this.remotes.values()) {
      if (remote.gaveUp) gaveUpPeers += 1;
      else if (remote.failures > 0) failingPeers += 1;
      if (remote.retryAt !== null && (nextRetryAt === null || remote.retryAt < nextRetryAt)) nextRetryAt = remote.retryAt;
    }
    return {
      servers: this.sockets.map((socket) => ({
        url: socket.url,
        connected: socket.connected,
        failures: socket.connected ? 0 : socket.failures,
        refused: socket.connected ? (this.refusals.get(socket) ?? null) : null,
        // Only while down, so a connected server reads as it always did.
        ...(socket.connected ? {} : { nextAttemptAt: socket.nextAttemptAt }),
      })),
      peers: connected.length,
      synced: connected.length > 0 && connected.every((link) => link.synced),
      foreignSignals: this.foreignSignals,
      unknownChannelMessages: this.unknownChannelMessages,
      pendingConnections: links.length - connected.length,
      failingPeers,
      gaveUpPeers,
      nextRetryAt,
      lastFailure: this.lastFailure,
      staleSignals: this.staleSignals,
      replayedSignals: this.replayedSignals,
    };
  }

  /** Called after every change to `state()`; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The app channel of that name (appChannel.ts), the same object for every call; it lives as long
   * as the room, across disconnect and connect. Throws AppChannelNameError for a name outside
   * APP_CHANNEL_NAME.
   */
  appChannel(name: string): AppChannel {
    if (!isAppChannelName(name)) throw new AppChannelNameError(name);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new RoomAppChannel(this, name);
      this.channels.set(name, channel);
    }
    return channel;
  }

  /** Joins the network: signaling, then peers as they announce themselves. */
  connect(): void {
    if (this.online || this.destroyed) return;
    this.online = true;
    // Greater than any session before it, even within one millisecond: peers tell a rejoin by it.
    this.session = Math.max(this.now(), this.session + 1);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (typeof window !== 'undefined') window.addEventListener('beforeunload', this.onUnload);
    this.sockets = this.signalingUrls.map((url) => this.openSignaling(url));
    this.farewellTimer = setInterval(() => this.sealFarewells(), FAREWELL_RESEAL_MS);
    this.sealFarewells();
    this.changed();
  }

  /** The signaling addresses the room uses now. */
  signaling(): readonly string[] {
    return this.signalingUrls;
  }

  /**
   * Moves the room to these signaling addresses without touching its peer connections (a member's
   * meeting point appeared, moved or went): new addresses are joined, ones no longer listed are
   * unsubscribed and closed, the others keep their connection.
   */
  setSignaling(urls: readonly string[]): void {
    const next = [...new Set(urls)];
    if (next.length === this.signalingUrls.length && next.every((url, i) => url === this.signalingUrls[i])) return;
    this.signalingUrls = next;
    if (!this.online) return;
    const keep = new Set(next);
    const keys = this.readyKeys;
    for (const socket of this.sockets.filter((s) => !keep.has(s.url))) {
      // No leave message: it says "I left the room", and peers would drop the connections we keep.
      if (keys) socket.send({ type: 'unsubscribe', topics: [keys.topic] });
      socket.close();
      this.farewells.delete(socket);
      this.refusals.delete(socket);
    }
    const byUrl = new Map(this.sockets.map((socket) => [socket.url, socket]));
    this.sockets = next.map((url) => byUrl.get(url) ?? this.openSignaling(url));
    // A peer last heard through a server we left is retried through one we kept.
    for (const remote of this.remotes.values()) {
      if (remote.socket && !keep.has(remote.socket.url)) remote.socket = this.sockets.find((socket) => socket.connected) ?? null;
    }
    this.sealFarewells();
    this.changed();
  }

  /** After a wake or a network change: every signaling connection that is down is tried now (see SignalingSocket.retryNow). */
  retrySignalingNow(): void {
    if (!this.online) return;
    for (const socket of this.sockets) socket.retryNow();
  }

  /** Leaves the network: says goodbye to peers and signaling; the document and presence stay. */
  disconnect(): void {
    if (!this.online) return;
    this.online = false;
    if (typeof window !== 'undefined') window.removeEventListener('beforeunload', this.onUnload);
    // Peers drop us from their presence now rather than after their 30 s timeout.
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'disconnect');
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    if (this.farewellTimer) clearInterval(this.farewellTimer);
    this.farewellTimer = null;
    // Without the keys yet we have not subscribed nor announced: nothing to say goodbye to.
    const keys = this.readyKeys;
    for (const socket of this.sockets) {
      if (keys) {
        // Sealed ahead, so it goes out now, even from a page being closed: peers free our slot at once.
        const farewell = this.farewells.get(socket);
        if (farewell) socket.send({ type: 'publish', topic: keys.topic, data: farewell });
        socket.send({ type: 'unsubscribe', topics: [keys.topic] });
      }
      socket.close();
    }
    this.sockets = [];
    this.farewells = new Map();
    for (const link of [...this.links.values()]) link.close('local');
    this.links.clear();
    // Sessions and goodbyes are kept (a late message of a session that ended stays ignored);
    // failures are not: coming back online tries every peer afresh.
    for (const remote of this.remotes.values()) {
      this.stopRetry(remote);
      remote.failures = 0;
      remote.gaveUp = false;
    }
    this.refusals.clear();
    this.changed();
  }

  destroy(): void {
    this.disconnect();
    this.destroyed = true;
    this.listeners.clear();
    for (const channel of this.channels.values()) channel.clear();
  }

  /** Resolves once every signaling message received so far has been handled. */
  settled(): Promise<void> {
    return this.inbox;
  }

  /** @internal for PeerLink: a connection just opened; start the exchange. */
  linkOpened(link: PeerLink): void {
    const remote = this.remotes.get(link.remotePeerId);
    if (remote) {
      remote.failures = 0;
      remote.gaveUp = false;
      this.stopRetry(remote);
    }
    this.greet(link);
    this.changed();
    this.peersChanged();
  }

  /** @internal for PeerLink: the connection is over; its slot is free now. */
  linkEnded(link: PeerLink, cause: LinkEnd, wasConnected: boolean): void {
    if (this.links.get(link.remotePeerId) === link) this.links.delete(link.remotePeerId);
    if (cause === 'failed') this.failed(link);
    this.changed();
    if (wasConnected) this.peersChanged();
    // An open connection that closed without a goodbye: the peer may still be there (a network
    // hiccup); let it find us again (unless the guard dropped it).
    if (cause === 'closed' && this.online) this.announceTo(link.socket);
  }

  /**
   * @internal for PeerLink: applies a message the guard let through, in the parts the guard read
   * (so its framing is not read again); returns the reply, if any.
   */
  read(link: PeerLink, message: PeerMessage): Uint8Array | null {
    switch (message.kind) {
      case 'sync-request': {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(reply, this.doc, message.stateVector);
        return encoding.toUint8Array(reply);
      }
      case 'sync-update':
        // Applied here rather than by y-protocols' reader, which logs and swallows what throws:
        // a failure reaches the link's guard and counts against the peer. The link is the origin,
        // so the update is not sent back to the peer it came from.
        Y.applyUpdate(this.doc, message.update, link);
        if (message.step2 && !link.synced) {
          link.synced = true;
          this.changed();
        }
        return null;
      case 'awareness':
        applyAwarenessUpdate(this.awareness, message.update, link);
        return null;
      case 'awareness-query':
        return this.awarenessMessage([...this.awareness.getStates().keys()]);
      case 'app': {
        // A copy: the message may be a view into a joined transfer that the listener could keep.
        const payload = message.payload.slice();
        const channel = this.channels.get(message.channel);
        if (!channel?.listening()) this.unknownChannel(message.channel);
        else channel.deliver(link.remotePeerId, payload);
        return null;
      }
    }
  }

  /** @internal for PeerLink: a connection opened or closed; app channels are told. */
  peersChanged(): void {
    for (const channel of [...this.channels.values()]) channel.peersChanged();
  }

  /** @internal for RoomAppChannel */
  connectedPeers(): string[] {
    return [...this.links.values()].filter((link) => link.connected).map((link) => link.remotePeerId);
  }

  /** @internal for RoomAppChannel */
  clientIdOf(peerId: string): number | null {
    return this.links.get(peerId)?.remoteClientId ?? null;
  }

  /** @internal for RoomAppChannel */
  sendApp(peerId: string, channel: string, payload: Uint8Array): boolean {
    if (payload.length > MAX_APP_PAYLOAD_BYTES) {
      throw new RangeError(`An app message on ${channel} of ${payload.length} bytes; at most ${MAX_APP_PAYLOAD_BYTES} bytes are sent`);
    }
    const link = this.links.get(peerId);
    if (!link?.connected) return false;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_APP);
    encoding.writeVarString(encoder, channel);
    encoding.writeVarUint8Array(encoder, payload);
    return link.send(encoding.toUint8Array(encoder));
  }

  /** @internal for RoomAppChannel: through the guard, so the drop is shown and outlives the connection. */
  reportHostile(peerId: string, reason: string): void {
    this.guard.reportHostile(peerId, reason);
  }

  /** @internal for PeerLink: seals a signaling message (with who we are and our session) and publishes it through one server. */
  publish(socket: SignalingSocket, fields: SignalFields): void {
    this.keys
      .then(async (keys) => {
        const sealed = await sealSignal(this.signed(fields), keys.sealKey, this.now());
        // Sealing takes a moment: we may have left meanwhile; a leave goes out on its own path.
        if (!this.online) return;
        socket.send({ type: 'publish', topic: keys.topic, data: buffer.toBase64(sealed) });
      })
      .catch((error: unknown) => this.log(`Sitrep: could not publish to the signaling server ${socket.url}: ${describe(error)}`));
  }

  /** @internal */
  changed(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.log(`Sitrep: a room status listener failed: ${describe(error)}`);
      }
    }
  }

  private openSignaling(url: string): SignalingSocket {
    // Its events fire later, from the socket's own callbacks, once `socket` is set.
    const socket: SignalingSocket = new SignalingSocket(
      url,
      {
        opened: () => this.announceTo(socket),
        changed: () => this.changed(),
        message: (message) => this.onSignaling(socket, message),
      },
      this.openSocket,
      this.log,
    );
    return socket;
  }

  private signed(fields: SignalFields): SignalFields {
    return { ...fields, from: this.peerId, client: this.awareness.clientID, session: this.session };
  }

  /** Seals a fresh leave message for each server, so that disconnect can send it without waiting. */
  private sealFarewells(): void {
    const session = this.session;
    for (const socket of this.sockets) {
      this.keys
        .then((keys) => sealSignal(this.signed({ type: 'leave' }), keys.sealKey, this.now()))
        .then((sealed) => {
          if (this.online && this.session === session) this.farewells.set(socket, buffer.toBase64(sealed));
        })
        .catch((error: unknown) => this.log(`Sitrep: could not seal the room's leave message: ${describe(error)}`));
    }
  }

  private greet(link: PeerLink): void {
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, this.doc);
    link.send(encoding.toUint8Array(sync));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) link.send(this.awarenessMessage(states));
  }

  private unknownChannel(name: string): void {
    this.unknownChannelMessages += 1;
    if (this.unknownChannelMessages === 1 || this.unknownChannelMessages % 100 === 0) {
      this.log(`Sitrep: ignored ${this.unknownChannelMessages} app message(s) for channels nobody listens to here (the last: ${name})`);
    }
    this.changed();
  }

  private announceTo(socket: SignalingSocket): void {
    this.keys
      .then((keys) => {
        if (!this.online || !socket.connected) return;
        if (this.refusals.delete(socket)) this.changed();
        socket.send({ type: 'subscribe', topics: [keys.topic] });
        if (this.links.size < MAX_PEER_CONNECTIONS) this.publish(socket, { type: 'announce' });
      })
      .catch((error: unknown) => this.log(`Sitrep: could not join the room on ${socket.url}: ${describe(error)}`));
  }

  private onSignaling(socket: SignalingSocket, message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, topic, data } = message as Record<string, unknown>;
    if (type === 'refused') {
      this.onRefused(socket, message as Record<string, unknown>);
      return;
    }
    if (type !== 'publish') return;
    // In order: a connection's offer must be handled before the candidates that follow it.
    this.inbox = this.inbox
      .then(() => this.keys)
      .then(async (keys) => {
        if (topic !== keys.topic) return;
        let sealed: Uint8Array;
        try {
          if (typeof data !== 'string') throw new Error('not text');
          sealed = buffer.fromBase64(data);
        } catch {
          this.refused('foreign');
          return;
        }
        const opened = await openSignal(sealed, keys.sealKey, this.freshness);
        if (opened.ok) this.onSignal(socket, opened.message);
        else this.refused(opened.reason);
      })
      .catch((error: unknown) => this.log(`Sitrep: could not handle a signaling message: ${describe(error)}`));
  }

  /**
   * The server would not subscribe us (its caps): without it we hear no one, so the status says
   * so. Servers that speak only y-webrtc's protocol never send it.
   */
  private onRefused(socket: SignalingSocket, message: Record<string, unknown>): void {
    const { topic, reason, message: text } = message;
    void this.keys.then((keys) => {
      if (topic !== keys.topic || !this.sockets.includes(socket)) return;
      const why = typeof text === 'string' ? text.slice(0, 200) : typeof reason === 'string' ? reason.slice(0, 60) : 'no reason given';
      if (this.refusals.get(socket) === why) return;
      this.refusals.set(socket, why);
      this.log(`Sitrep: the signaling server ${socket.url} refused this room: ${why}`);
      this.changed();
    });
  }

  private refused(reason: RefusedSignal): void {
    let count: number;
    let what: string;
    if (reason === 'foreign') {
      count = this.foreignSignals += 1;
      what = 'sealed with another room secret';
    } else if (reason === 'replayed') {
      count = this.replayedSignals += 1;
      what = 'received before (replayed)';
    } else {
      count = this.staleSignals += 1;
      what =
        reason === 'stale' ? 'outside the freshness window (replayed, or from a clock far off)' : 'past the freshness memory (a flood)';
    }
    // Bounded: a replay can bring thousands.
    if (count === 1 || count % 100 === 0) this.log(`Sitrep: ignored ${count} signaling message(s) ${what}`);
    this.changed();
  }

  private onSignal(socket: SignalingSocket, opened: Readonly<Record<string, unknown>>): void {
    if (!this.online) return;
    const payload = readSignalPayload(opened);
    if (!payload || payload.from === this.peerId) return;
    // A dropped peer is not answered at all: no connection is made, so it cannot try again.
    if (this.guard.isDropped(payload.from)) return;
    if (payload.to !== undefined && payload.to !== this.peerId) return;
    const remote = this.remoteFor(payload);
    if (!remote) return;
    remote.socket = socket;
    const existing = this.links.get(payload.from);
    if (payload.type === 'leave') {
      // Remembered as left, so a late message of the same session cannot bring its ghost back.
      remote.left = true;
      remote.failures = 0;
      remote.gaveUp = false;
      this.stopRetry(remote);
      existing?.close('replaced');
      this.changed();
      return;
    }
    if (payload.type === 'announce') {
      // It (re)joined the signaling: whatever failed before, try afresh. An announcement addressed
      // to us is its retry asking us to offer; our own retries decide when, so it changes nothing.
      if (payload.to === undefined && (remote.gaveUp || remote.failures > 0)) {
        remote.gaveUp = false;
        remote.failures = 0;
        this.stopRetry(remote);
        this.changed();
      }
      if (existing || remote.retry || remote.gaveUp || this.links.size >= MAX_PEER_CONNECTIONS) return;
      this.approach(payload.from, remote, socket);
      return;
    }
    const kind = payload.signal.type;
    if (kind === 'offer') {
      if (existing?.connected) {
        // Sitrep never renegotiates an open connection; an offer on one is not ours to follow.
        this.log(`Sitrep: ignored an offer from peer ${payload.from} on an open connection`);
        return;
      }
      if (existing?.initiator && this.peerId > payload.from) return; // Crossing offers: the greater id's wins, ours.
      // Its offer replaces whatever we had started with it: a crossing offer of ours (its id is
      // greater), or an earlier attempt of its own that it gave up on.
      existing?.close('replaced');
      if (this.links.size >= MAX_PEER_CONNECTIONS) return;
      this.link(payload.from, remote, false, socket).signal(payload.signal);
      return;
    }
    // An answer or a candidate belongs to a connection we have; on its own it starts nothing
    // (y-webrtc read an answer for an unknown peer and threw "Cannot set properties of undefined
    // (setting 'glareToken')", once per replayed answer).
    if (!existing) return;
    if (kind === 'answer' && !existing.initiator) return;
    existing.signal(payload.signal);
  }

  /**
   * What we know of the sender, updated for this message; null when the message belongs to a
   * session the sender has since replaced or left (a late or replayed message within the window).
   */
  private remoteFor(sender: SignalSender): RemotePeer | null {
    let remote = this.remotes.get(sender.from);
    if (remote && (sender.session < remote.session || (sender.session === remote.session && remote.left))) return null;
    if (remote && sender.session > remote.session) {
      // It rejoined: the connection of its old session will never complete; free its slot now.
      const stale = this.links.get(sender.from);
      if (stale && stale.remoteSession < sender.session) stale.close('replaced');
      this.stopRetry(remote);
      remote = undefined;
    }
    if (!remote) {
      remote = {
        session: sender.session,
        left: false,
        failures: 0,
        gaveUp: false,
        retry: null,
        retryAt: null,
        socket: null,
        client: sender.client,
      };
      this.remotes.delete(sender.from);
      this.remotes.set(sender.from, remote);
      this.forgetOldRemotes();
    }
    remote.client = sender.client;
    return remote;
  }

  private forgetOldRemotes(): void {
    for (const [peerId, remote] of this.remotes) {
      if (this.remotes.size <= MAX_REMEMBERED_PEERS) return;
      if (this.links.has(peerId)) continue;
      this.stopRetry(remote);
      this.remotes.delete(peerId);
    }
  }

  /**
   * Starts a connection to a peer: the one with the greater id offers, so offers never cross
   * (WebRTC stacks without rollback fail on crossing offers); the other announces itself to that
   * peer, so that it offers even when it joined first.
   */
  private approach(peerId: string, remote: RemotePeer, socket: SignalingSocket): void {
    if (this.peerId > peerId) this.link(peerId, remote, true, socket);
    else this.publish(socket, { type: 'announce', to: peerId });
  }

  private link(remotePeerId: string, remote: RemotePeer, initiator: boolean, socket: SignalingSocket): PeerLink {
    const transport = this.openPeer({ initiator, iceServers: this.options.iceServers });
    const link = new PeerLink(
      this,
      remotePeerId,
      remote.client ?? null,
      remote.session,
      initiator,
      transport,
      socket,
      this.timing.connectTimeoutMs,
    );
    this.links.set(remotePeerId, link);
    this.changed();
    return link;
  }

  /** A connection that never opened: try again after a pause, a bounded number of times. */
  private failed(link: PeerLink): void {
    this.lastFailure = Object.freeze({ peerId: link.remotePeerId, at: this.now(), detail: 'the connection did not open' });
    const remote = this.remotes.get(link.remotePeerId);
    if (!remote || remote.session !== link.remoteSession || remote.left || !this.online) return;
    remote.failures += 1;
    this.stopRetry(remote);
    const delay = this.timing.retryDelaysMs[remote.failures - 1];
    if (delay === undefined) {
      remote.gaveUp = true;
      this.log(
        `Sitrep: gave up on peer ${link.remotePeerId} after ${remote.failures} failed connections; it is tried again when it announces itself`,
      );
      return;
    }
    remote.retryAt = this.now() + delay;
    remote.retry = setTimeout(() => {
      remote.retry = null;
      remote.retryAt = null;
      const socket = remote.socket;
      if (!this.online || this.remotes.get(link.remotePeerId) !== remote || this.links.has(link.remotePeerId) || !socket) return;
      if (this.guard.isDropped(link.remotePeerId) || this.links.size >= MAX_PEER_CONNECTIONS) return;
      this.approach(link.remotePeerId, remote, socket);
      this.changed();
    }, delay);
  }

  private stopRetry(remote: RemotePeer): void {
    if (remote.retry) clearTimeout(remote.retry);
    remote.retry = null;
    remote.retryAt = null;
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  /** To every open connection; one still opening gets everything in the sync when it opens. */
  private broadcast(message: Uint8Array, except: unknown): void {
    for (const link of this.links.values()) if (link.connected && link !== except) link.send(message);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.broadcast(encoding.toUint8Array(encoder), origin);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    this.broadcast(this.awarenessMessage([...added, ...updated, ...removed]), origin);
  };

  private readonly onUnload = () => this.disconnect();
}

/** One named app channel of a room (appChannel.ts); the room keeps it for its whole life. */
class RoomAppChannel implements AppChannel {
  private readonly messageListeners = new Set<(peerId: string, payload: Uint8Array) => void>();
  private readonly peerListeners = new Set<() => void>();
  private failures = 0;

  constructor(
    private readonly room: PeerRoom,
    readonly name: string,
  ) {}

  peers(): readonly string[] {
    return this.room.connectedPeers();
  }

  clientIdOf(peerId: string): number | null {
    return this.room.clientIdOf(peerId);
  }

  send(peerId: string, payload: Uint8Array): boolean {
    return this.room.sendApp(peerId, this.name, payload);
  }

  onMessage(listener: (peerId: string, payload: Uint8Array) => void): () => void {
    // Wrapped, so the same function subscribed twice is called twice and unsubscribed once each.
    const entry = (peerId: string, payload: Uint8Array) => listener(peerId, payload);
    this.messageListeners.add(entry);
    return () => this.messageListeners.delete(entry);
  }

  onPeersChanged(listener: () => void): () => void {
    const entry = () => listener();
    this.peerListeners.add(entry);
    return () => this.peerListeners.delete(entry);
  }

  reportHostile(peerId: string, reason: string): void {
    this.room.reportHostile(peerId, reason);
  }

  listening(): boolean {
    return this.messageListeners.size > 0;
  }

  /**
   * Hands a message to every listener. A listener that throws is our own code failing, not the
   * peer misbehaving (a feature that finds a message wrong says so with reportHostile), so it is
   * logged and the others still run.
   */
  deliver(peerId: string, payload: Uint8Array): void {
    for (const listener of [...this.messageListeners]) {
      try {
        listener(peerId, payload);
      } catch (error) {
        this.failed('a message listener', error);
      }
    }
  }

  peersChanged(): void {
    for (const listener of [...this.peerListeners]) {
      try {
        listener();
      } catch (error) {
        this.failed('a peers listener', error);
      }
    }
  }

  clear(): void {
    this.messageListeners.clear();
    this.peerListeners.clear();
  }

  private failed(what: string, error: unknown): void {
    this.failures += 1;
    // Bounded: a peer could send messages a faulty listener throws on as fast as it likes.
    if (this.failures === 1 || this.failures % 100 === 0) {
      this.room.log(`Sitrep: ${what} on app channel ${this.name} failed (${this.failures} so far): ${describe(error)}`);
    }
  }
}
