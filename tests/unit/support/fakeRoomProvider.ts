// A stand-in for the network side of a room: the room manager's logic is tested without any network.
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { PeerRoomState, SignalingServerState } from '../../../src/renderer/sync/rooms/peerRoom';
import type { ProviderContext, ProviderFactory, RoomConfig, RoomProvider } from '../../../src/renderer/sync/rooms/roomManager';

export class FakeProvider implements RoomProvider {
  servers: SignalingServerState[] = [];
  peers = 0;
  synced = false;
  foreignSignals = 0;
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
    return { servers: this.servers, peers: this.peers, synced: this.synced, foreignSignals: this.foreignSignals };
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
  listenerCount(): number {
    return this.listeners.size;
  }
  /** Changes the state as the network would, and says so. */
  set(change: Partial<Pick<FakeProvider, 'servers' | 'peers' | 'synced' | 'foreignSignals'>>) {
    Object.assign(this, change);
    for (const listener of [...this.listeners]) listener();
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
