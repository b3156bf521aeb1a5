// One incident's room on the network, owned here instead of patched into y-webrtc: the room's
// signaling (through our servers, sealed with the room secret), one simple-peer WebRTC connection
// per remote peer, and y-protocols sync and awareness over them. On each connection the layers
// are explicit: what arrives passes the room's guard (which joins chunks and reads each message in
// full) before the reader applies it; what leaves is split into chunks that fit a data channel.
//
// The wire is y-webrtc 10's (signaling messages, their sealing, the data-channel framing and the
// answer to crossing offers), so a plain y-webrtc peer or signaling server still works with it.
import * as buffer from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AnyEncodable } from 'lib0/encoding';
import { uuidv4 } from 'lib0/random';
import SimplePeer from 'simple-peer/simplepeer.min.js';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AppChannelNameError, isAppChannelName, MAX_APP_PAYLOAD_BYTES, type AppChannel } from './appChannel';
import { splitMessage } from './peerChunks';
import type { ConnectionGuard, PeerGuard } from './peerGuard';
import { MESSAGE_APP, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2 } from './peerWire';
import { deriveRoomKey, ForeignSignalError, openSignal, sealSignal } from './signalingCrypto';
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

export interface PeerRoomOptions {
  readonly roomId: string;
  readonly secret: string;
  readonly signaling: readonly string[];
  readonly iceServers: readonly RTCIceServer[];
  readonly guard: PeerGuard;
  readonly openPeer?: OpenPeer;
  readonly openSocket?: OpenSocket;
  readonly log?: (message: string) => void;
}

export interface SignalingServerState {
  readonly url: string;
  readonly connected: boolean;
  /** Failed attempts in a row; 0 while connected. */
  readonly failures: number;
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
}

/** A war room is small; a fixed cap keeps every peer connected to every other. */
export const MAX_PEER_CONNECTIONS = 30;
/** A connection that has not opened by then is given up, so its slot and its peer can try again. */
const CONNECT_TIMEOUT_MS = 30_000;
/** Longer than any peer id y-webrtc or Sitrep makes (a UUID); bounds what a peer can make us keep. */
const MAX_PEER_ID_LENGTH = 64;

interface SignalSender {
  readonly from: string;
  /** The sender's awareness clientID, so that app channels can map a peer to a person. */
  readonly client: number | undefined;
}

type SignalPayload =
  | (SignalSender & { readonly type: 'announce'; readonly to: string | undefined })
  | (SignalSender & {
      readonly type: 'signal';
      readonly to: string;
      readonly token: number | undefined;
      readonly signal: Record<string, unknown>;
    });

/** Reads an opened signaling message; null for anything that is not one of ours. */
function readSignalPayload(value: unknown): SignalPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Record<string, unknown>;
  const from = message.from;
  if (typeof from !== 'string' || from.length === 0 || from.length > MAX_PEER_ID_LENGTH) return null;
  const to = message.to;
  if (to !== undefined && typeof to !== 'string') return null;
  // Yjs client ids are unsigned 32-bit integers.
  const client = Number.isInteger(message.client) && (message.client as number) >= 0 && (message.client as number) <= 0xffffffff;
  const sender = { from, client: client ? (message.client as number) : undefined };
  if (message.type === 'announce') return { type: 'announce', ...sender, to };
  if (message.type !== 'signal') return null;
  const { token, signal } = message;
  if (typeof to !== 'string' || typeof signal !== 'object' || signal === null || Array.isArray(signal)) return null;
  return {
    type: 'signal',
    ...sender,
    to,
    token: typeof token === 'number' && Number.isFinite(token) ? token : undefined,
    signal: signal as Record<string, unknown>,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One remote peer: its WebRTC connection and the guard in front of this room's reader. */
class PeerLink {
  connected = false;
  /** It has sent us its document (sync step 2). */
  synced = false;
  /** When our first offer for this connection went out: the later of two crossing offers wins. */
  glareToken: number | undefined = undefined;
  /** The remote peer's awareness clientID, as its signaling said; null until it said. */
  remoteClientId: number | null = null;
  private closed = false;
  private readonly guard: ConnectionGuard;
  private readonly timeout: ReturnType<typeof setTimeout>;

  constructor(
    private readonly room: PeerRoom,
    readonly remotePeerId: string,
    private readonly transport: PeerTransport,
    private readonly socket: SignalingSocket,
  ) {
    this.guard = room.guard.connection({ peerId: remotePeerId, cut: () => this.destroy() }, room.awareness);
    this.timeout = setTimeout(() => {
      if (!this.connected) {
        room.log(`Sitrep: the connection to peer ${remotePeerId} did not open; giving up on it`);
        this.destroy();
      }
    }, CONNECT_TIMEOUT_MS);
    transport.on('signal', (signal) => {
      if (this.glareToken === undefined) this.glareToken = Date.now() + Math.random();
      room.publish(socket, { type: 'signal', to: remotePeerId, token: this.glareToken, signal: signal as AnyEncodable });
    });
    transport.on('connect', () => {
      if (this.closed || this.connected) return;
      this.connected = true;
      clearTimeout(this.timeout);
      room.greet(this);
      room.changed();
      room.peersChanged();
    });
    transport.on('data', (data) => this.receive(data));
    transport.on('error', (error) => {
      // simple-peer closes the connection after an error; the close below tidies up.
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
      this.destroy();
      return false;
    }
  }

  /** A feature found the peer sending something provably wrong: the guard drops it and cuts this connection. */
  hostile(detail: string): void {
    this.guard.hostile(detail);
  }

  destroy(): void {
    if (this.closed) return;
    try {
      this.transport.destroy();
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
    this.room.linkEnded(this, this.socket);
    if (wasConnected) this.room.peersChanged();
  }
}

export class PeerRoom {
  /** Our id in this room's signaling, new for every room opened (as y-webrtc's). */
  readonly peerId = uuidv4();
  readonly guard: PeerGuard;
  readonly log: (message: string) => void;
  private readonly key: Promise<CryptoKey>;
  private readonly links = new Map<string, PeerLink>();
  private sockets: SignalingSocket[] = [];
  private foreignSignals = 0;
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
    this.key = deriveRoomKey(options.secret, options.roomId);
    // Nothing can be sealed or opened without the key: say so once, and the room stays local.
    this.key.catch((error: unknown) => this.log(`Sitrep: could not derive the room key: ${describe(error)}`));
    this.connect();
  }

  state(): PeerRoomState {
    const links = [...this.links.values()];
    const connected = links.filter((link) => link.connected);
    return {
      servers: this.sockets.map((socket) => ({
        url: socket.url,
        connected: socket.connected,
        failures: socket.connected ? 0 : socket.failures,
      })),
      peers: connected.length,
      synced: connected.length > 0 && connected.every((link) => link.synced),
      foreignSignals: this.foreignSignals,
      unknownChannelMessages: this.unknownChannelMessages,
    };
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

  /** Called after every change to `state()`; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Joins the network: signaling, then peers as they announce themselves. */
  connect(): void {
    if (this.online || this.destroyed) return;
    this.online = true;
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    if (typeof window !== 'undefined') window.addEventListener('beforeunload', this.onUnload);
    this.sockets = [...new Set(this.options.signaling)].map((url) => {
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
    });
    this.changed();
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
    for (const socket of this.sockets) {
      socket.send({ type: 'unsubscribe', topics: [this.options.roomId] });
      socket.close();
    }
    this.sockets = [];
    for (const link of [...this.links.values()]) link.destroy();
    this.links.clear();
    this.changed();
  }

  destroy(): void {
    this.disconnect();
    this.destroyed = true;
    this.listeners.clear();
    for (const channel of this.channels.values()) channel.clear();
  }

  /** @internal for PeerLink: a connection just opened; start the exchange. */
  greet(link: PeerLink): void {
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, this.doc);
    link.send(encoding.toUint8Array(sync));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) link.send(this.awarenessMessage(states));
  }

  /** @internal for PeerLink: applies a message the guard let through; returns the reply, if any. */
  read(link: PeerLink, message: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const kind = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (kind === SYNC_STEP_1) {
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, MESSAGE_SYNC);
          syncProtocol.writeSyncStep2(reply, this.doc, payload);
          return encoding.toUint8Array(reply);
        }
        // Applied here rather than by y-protocols' reader, which logs and swallows what throws:
        // a failure reaches the link's guard and counts against the peer. The link is the origin,
        // so the update is not sent back to the peer it came from.
        Y.applyUpdate(this.doc, payload, link);
        if (kind === SYNC_STEP_2 && !link.synced) {
          link.synced = true;
          this.changed();
        }
        return null;
      }
      case MESSAGE_AWARENESS:
        applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), link);
        return null;
      case MESSAGE_QUERY_AWARENESS:
        return this.awarenessMessage([...this.awareness.getStates().keys()]);
      case MESSAGE_APP: {
        const name = decoding.readVarString(decoder);
        // A copy: the message may be a view into a joined transfer that the listener could keep.
        const payload = decoding.readVarUint8Array(decoder).slice();
        const channel = this.channels.get(name);
        if (!channel?.listening()) this.unknownChannel(name);
        else channel.deliver(link.remotePeerId, payload);
        return null;
      }
      default:
        // The guard lets no other type through.
        throw new Error(`message type ${type} is not read`);
    }
  }

  /** @internal for PeerLink */
  linkEnded(link: PeerLink, socket: SignalingSocket): void {
    if (this.links.get(link.remotePeerId) !== link) return;
    this.links.delete(link.remotePeerId);
    this.changed();
    // A slot is free: let peers (that one too, unless it was dropped) find us again.
    if (this.online) this.announceTo(socket);
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

  private unknownChannel(name: string): void {
    this.unknownChannelMessages += 1;
    if (this.unknownChannelMessages === 1 || this.unknownChannelMessages % 100 === 0) {
      this.log(`Sitrep: ignored ${this.unknownChannelMessages} app message(s) for channels nobody listens to here (the last: ${name})`);
    }
    this.changed();
  }

  /** @internal for PeerLink: seals a signaling message and publishes it through one server. */
  publish(socket: SignalingSocket, fields: { readonly [field: string]: AnyEncodable }): void {
    const payload = { ...fields, from: this.peerId, client: this.awareness.clientID };
    this.key
      .then((key) => sealSignal(payload, key))
      .then((sealed) => socket.send({ type: 'publish', topic: this.options.roomId, data: buffer.toBase64(sealed) }))
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

  private announceTo(socket: SignalingSocket): void {
    if (!this.online || !socket.connected) return;
    socket.send({ type: 'subscribe', topics: [this.options.roomId] });
    if (this.links.size < MAX_PEER_CONNECTIONS) this.publish(socket, { type: 'announce' });
  }

  private onSignaling(socket: SignalingSocket, message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    const { type, topic, data } = message as Record<string, unknown>;
    if (type !== 'publish' || topic !== this.options.roomId) return;
    let sealed: Uint8Array;
    try {
      if (typeof data !== 'string') throw new Error('not text');
      sealed = buffer.fromBase64(data);
    } catch {
      this.foreign();
      return;
    }
    // In order: a connection's offer must be handled before the candidates that follow it.
    this.inbox = this.inbox
      .then(() => this.key)
      .then((key) => openSignal(sealed, key))
      .then(
        (payload) => this.onSignal(socket, payload),
        (error: unknown) => {
          if (error instanceof ForeignSignalError) this.foreign();
          else this.log(`Sitrep: could not open a signaling message: ${describe(error)}`);
        },
      )
      .catch((error: unknown) => this.log(`Sitrep: could not handle a signaling message: ${describe(error)}`));
  }

  /** Resolves once every signaling message received so far has been handled. */
  settled(): Promise<void> {
    return this.inbox;
  }

  private foreign(): void {
    this.foreignSignals += 1;
    if (this.foreignSignals === 1 || this.foreignSignals % 100 === 0) {
      this.log(`Sitrep: ignored ${this.foreignSignals} signaling message(s) sealed with another room secret`);
    }
    this.changed();
  }

  private onSignal(socket: SignalingSocket, opened: unknown): void {
    if (!this.online) return;
    const payload = readSignalPayload(opened);
    if (!payload || payload.from === this.peerId) return;
    // A dropped peer is not answered at all: no connection is made, so it cannot try again.
    if (this.guard.isDropped(payload.from)) return;
    if (payload.to !== undefined && payload.to !== this.peerId) return;
    const existing = this.links.get(payload.from);
    if (payload.type === 'announce') {
      if (existing || this.links.size >= MAX_PEER_CONNECTIONS) return;
      // Of two Sitrep peers only the one with the greater id offers, so their offers never cross
      // (WebRTC stacks without rollback fail on crossing offers). The other answers with an
      // announcement addressed to that peer, so that it offers even when it joined first.
      // (A y-webrtc peer offers on every announcement; crossing offers with it are settled below.)
      if (this.peerId > payload.from) this.link(payload, true, socket);
      else this.publish(socket, { type: 'announce', to: payload.from });
      return;
    }
    const kind = payload.signal.type;
    if (existing && kind === 'offer') {
      // Both sides offered at once. As in y-webrtc, the side whose own offer is later refuses the
      // other's, and the other side answers it: both agree on the later offer.
      if (existing.glareToken !== undefined && payload.token !== undefined && existing.glareToken > payload.token) return;
      existing.glareToken = undefined;
    }
    if (existing && kind === 'answer') existing.glareToken = undefined;
    if (!existing && this.links.size >= MAX_PEER_CONNECTIONS) return;
    (existing ?? this.link(payload, false, socket)).signal(payload.signal);
  }

  private link(sender: SignalSender, initiator: boolean, socket: SignalingSocket): PeerLink {
    const transport = this.openPeer({ initiator, iceServers: this.options.iceServers });
    const link = new PeerLink(this, sender.from, transport, socket);
    link.remoteClientId = sender.client ?? null;
    this.links.set(sender.from, link);
    this.changed();
    return link;
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
