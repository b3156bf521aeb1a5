// A stand-in for a y-webrtc provider: the room manager's logic is tested without any network.
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { ProviderFactory, RoomConfig, RoomProvider } from '../../../src/renderer/sync/rooms/roomManager';

type Listener = () => void;

class FakeSignalingConn {
  connected = false;
  unsuccessfulReconnects = 0;
  private readonly listeners = new Map<string, Set<Listener>>();
  constructor(readonly url: string) {}
  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}

export class FakeProvider implements RoomProvider {
  signalingConns: FakeSignalingConn[] = [];
  room = { webrtcConns: new Map<string, { connected: boolean; synced: boolean }>() };
  destroyed = false;
  connects = 0;
  disconnects = 0;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    readonly doc: Y.Doc,
    readonly config: RoomConfig,
    readonly awareness: Awareness,
    readonly peerOpts: Record<string, unknown>,
  ) {
    this.connect();
  }
  connect() {
    this.connects += 1;
    // Like y-webrtc, a connect appends to the list, even for an address already there.
    this.signalingConns.push(...this.config.signaling.map((url) => new FakeSignalingConn(url)));
  }
  disconnect() {
    this.disconnects += 1;
    for (const conn of this.signalingConns) conn.connected = false;
  }
  destroy() {
    this.destroyed = true;
  }
  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  /** The live connection to an address (the last one made). */
  conn(url: string): FakeSignalingConn {
    const found = this.signalingConns.filter((c) => c.url === url).at(-1);
    if (!found) throw new Error(`no signaling connection to ${url}`);
    return found;
  }
}

export function fakeProviders(): { factory: ProviderFactory; made: FakeProvider[] } {
  const made: FakeProvider[] = [];
  return {
    made,
    factory: (doc, config, awareness, peerOpts) => {
      const provider = new FakeProvider(doc, config, awareness, peerOpts);
      made.push(provider);
      return provider;
    },
  };
}
