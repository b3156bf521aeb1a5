// A stand-in for the network side of a room: the room manager's logic is tested without any network.
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { AppChannel } from '../../../src/renderer/sync/rooms/appChannel';
import type { PeerRoomState, SignalingServerState } from '../../../src/renderer/sync/rooms/peerRoom';
import type { ProviderContext, ProviderFactory, RoomConfig, RoomProvider } from '../../../src/renderer/sync/rooms/roomManager';

export class FakeProvider implements RoomProvider {
  servers: SignalingServerState[] = [];
  peers = 0;
  synced = false;
  foreignSignals = 0;
  pendingConnections = 0;
  failingPeers = 0;
  nextRetryAt: number | null = null;
  staleSignals = 0;
  replayedSignals = 0;
  destroyed = false;
  connects = 0;
  disconnects = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly doc: Y.Doc,
    readonly config: RoomConfig,
    readonly awareness: Awareness,
    readonly context: ProviderContext,
  ) {
    this.connect();
  }
  state(): PeerRoomState {
    return {
      servers: this.servers,
      peers: this.peers,
      synced: this.synced,
      foreignSignals: this.foreignSignals,
      unknownChannelMessages: 0,
      pendingConnections: this.pendingConnections,
      failingPeers: this.failingPeers,
      gaveUpPeers: 0,
      nextRetryAt: this.nextRetryAt,
      lastFailure: null,
      staleSignals: this.staleSignals,
      replayedSignals: this.replayedSignals,
    };
  }
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  connect() {
    this.connects += 1;
    this.servers = this.config.signaling.map((url) => ({ url, connected: false, failures: 0 }));
  }
  disconnect() {
    this.disconnects += 1;
    this.servers = [];
    this.peers = 0;
  }
  destroy() {
    this.destroyed = true;
  }
  readonly channels = new Map<string, FakeAppChannel>();
  appChannel(name: string): FakeAppChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new FakeAppChannel(name);
      this.channels.set(name, channel);
    }
    return channel;
  }
  listenerCount(): number {
    return this.listeners.size;
  }
  /** Changes the state as the network would, and says so. */
  set(
    change: Partial<
      Pick<
        FakeProvider,
        | 'servers'
        | 'peers'
        | 'synced'
        | 'foreignSignals'
        | 'pendingConnections'
        | 'failingPeers'
        | 'nextRetryAt'
        | 'staleSignals'
        | 'replayedSignals'
      >
    >,
  ) {
    Object.assign(this, change);
    for (const listener of [...this.listeners]) listener();
  }
}

/** A room's app channel without a network: a test sets the peers, delivers messages and reads what was sent. */
export class FakeAppChannel implements AppChannel {
  /** Connected peers and their awareness client ids (null: not known yet). */
  readonly connected = new Map<string, number | null>();
  readonly sent: Array<{ peerId: string; payload: Uint8Array }> = [];
  readonly hostile: Array<{ peerId: string; reason: string }> = [];
  private readonly messageListeners = new Set<(peerId: string, payload: Uint8Array) => void>();
  private readonly peerListeners = new Set<() => void>();

  constructor(readonly name: string) {}

  peers(): readonly string[] {
    return [...this.connected.keys()];
  }
  clientIdOf(peerId: string): number | null {
    return this.connected.get(peerId) ?? null;
  }
  send(peerId: string, payload: Uint8Array): boolean {
    if (!this.connected.has(peerId)) return false;
    this.sent.push({ peerId, payload: payload.slice() });
    return true;
  }
  onMessage(listener: (peerId: string, payload: Uint8Array) => void): () => void {
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
    this.hostile.push({ peerId, reason });
    this.setPeer(peerId, undefined);
  }
  /** Connects a peer (with its client id), or disconnects it with `undefined`. */
  setPeer(peerId: string, clientId: number | null | undefined): void {
    if (clientId === undefined) {
      if (!this.connected.delete(peerId)) return;
    } else this.connected.set(peerId, clientId);
    for (const listener of [...this.peerListeners]) listener();
  }
  /** A message from a peer, as the room hands it on. */
  deliver(peerId: string, payload: Uint8Array): void {
    for (const listener of [...this.messageListeners]) listener(peerId, payload);
  }
}

export function fakeProviders(): { factory: ProviderFactory; made: FakeProvider[] } {
  const made: FakeProvider[] = [];
  return {
    made,
    factory: (doc, config, awareness, context) => {
      const provider = new FakeProvider(doc, config, awareness, context);
      made.push(provider);
      return provider;
    },
  };
}
