// An in-memory network for PeerRoom tests: a signaling hub that speaks y-webrtc's protocol
// (subscribe, publish to every subscriber of a topic, ping/pong) and WebRTC connections that
// pair on offer and answer and carry messages in order. Everything is delivered on later
// ticks, as a real network would, and nothing leaves the process.
import type { OpenPeer, PeerTransport } from '../../../src/renderer/sync/rooms/peerRoom';
import type { OpenSocket, SocketLike } from '../../../src/renderer/sync/rooms/signalingSocket';

type Listener = (...args: never[]) => void;

// The real timer, taken when this module loads: under a test's fake timers the network still
// delivers on its own, and only the rooms' timeouts and retries wait for the test's clock.
const realSetTimeout = globalThis.setTimeout;
const later = (fn: () => void) => realSetTimeout(fn, 0);

class MemorySocket implements SocketLike {
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  readonly topics = new Set<string>();
  open = false;
  constructor(private readonly hub: MemorySignaling) {}
  send(text: string): void {
    if (!this.open) throw new Error('not open');
    this.hub.receive(this, JSON.parse(text) as Record<string, unknown>);
  }
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.hub.sockets.delete(this);
    later(() => this.onclose?.());
  }
  deliver(message: unknown): void {
    later(() => {
      if (this.open) this.onmessage?.({ data: JSON.stringify(message) });
    });
  }
}

export class MemorySignaling {
  readonly sockets = new Set<MemorySocket>();
  /** Every publish relayed, for tests that look at what went over the wire. */
  readonly published: Array<{ topic: string; data: unknown }> = [];
  reachable = true;
  /** Publishes are lost on the way (still recorded in `published`). */
  muted = false;

  readonly openSocket: OpenSocket = () => {
    const socket = new MemorySocket(this);
    later(() => {
      if (!this.reachable) {
        socket.onerror?.();
        socket.onclose?.();
        return;
      }
      socket.open = true;
      this.sockets.add(socket);
      socket.onopen?.();
    });
    return socket;
  };

  receive(from: MemorySocket, message: Record<string, unknown>): void {
    if (message.type === 'subscribe') for (const topic of message.topics as string[]) from.topics.add(topic);
    if (message.type === 'unsubscribe') for (const topic of message.topics as string[]) from.topics.delete(topic);
    if (message.type === 'ping') from.deliver({ type: 'pong' });
    if (message.type === 'publish') {
      const topic = message.topic as string;
      this.published.push({ topic, data: message.data });
      if (this.muted) return;
      for (const socket of this.sockets) if (socket.topics.has(topic)) socket.deliver(message);
    }
  }

  /** Sends any frame to every connected socket, as the server could (a refusal, say). */
  broadcast(message: Record<string, unknown>): void {
    for (const socket of this.sockets) socket.deliver(message);
  }

  /** How many connected sockets follow `topic`. */
  subscribers(topic: string): number {
    let count = 0;
    for (const socket of this.sockets) if (socket.topics.has(topic)) count += 1;
    return count;
  }

  /** Sends a raw publish to every subscriber, as a stranger on the server could. */
  inject(topic: string, data: unknown): void {
    for (const socket of this.sockets) if (socket.topics.has(topic)) socket.deliver({ type: 'publish', topic, data });
  }
}

let nextOffer = 1;

export class MemoryTransport implements PeerTransport {
  private readonly listeners = new Map<string, Listener[]>();
  partner: MemoryTransport | null = null;
  destroyed = false;
  connected = false;
  /** Stops handing what arrives to its room: a hostile peer that only talks. */
  deaf = false;
  /** Every message handed to send(), for tests that look at sizes. */
  readonly sent: Uint8Array[] = [];
  private readonly offerId: number;
  private readonly outbox: Uint8Array[] = [];

  constructor(
    private readonly peers: MemoryPeers,
    readonly initiator: boolean,
  ) {
    this.offerId = nextOffer++;
    peers.byOffer.set(this.offerId, this);
    if (initiator) later(() => this.emit('signal', { type: 'offer', sdp: `memory ${this.offerId}` }));
  }

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  signal(data: unknown): void {
    // A path WebRTC cannot cross (a firewall, a dead peer): offers go out, nothing ever connects.
    if (this.peers.unreachable) return;
    const signal = data as { type?: string; sdp?: string };
    const id = Number(signal.sdp?.split(' ')[1]);
    const other = this.peers.byOffer.get(id);
    if (!other || other.destroyed || this.destroyed) return;
    if (signal.type === 'offer') {
      this.partner = other;
      other.partner = this;
      later(() => this.emit('signal', { type: 'answer', sdp: `memory ${this.offerId}` }));
    } else if (signal.type === 'answer' && other.partner === this) {
      later(() => {
        if (this.destroyed || other.destroyed) return;
        this.connected = other.connected = true;
        this.emit('connect');
        // Like simple-peer, the answering side reports the connection a little after its channel
        // opened: what the offering side sends at once arrives before that.
        later(() => later(() => other.destroyed || other.emit('connect')));
      });
    }
  }

  send(data: Uint8Array): void {
    if (!this.connected || !this.partner) throw new Error('the channel is not open');
    this.sent.push(data);
    this.outbox.push(data.slice());
    if (this.outbox.length > 1) return;
    // One tick delivers everything sent before it, in order.
    const partner = this.partner;
    later(() => {
      for (const message of this.outbox.splice(0)) if (!partner.destroyed && !partner.deaf) partner.emit('data', message);
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.connected = false;
    later(() => this.emit('close'));
    // The other side closes after what was already sent to it has arrived, as a data channel does.
    const partner = this.partner;
    if (partner && partner.partner === this && !this.peers.closesUnnoticed) later(() => partner.destroy());
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}

export class MemoryPeers {
  readonly byOffer = new Map<number, MemoryTransport>();
  /** No connection opens: offers and answers are lost. */
  unreachable = false;
  /** A closed connection goes unnoticed on the other side, which keeps it as if open (a laptop that vanished). */
  closesUnnoticed = false;

  /** One room's way of opening connections, remembering what it opened. */
  opener(): { openPeer: OpenPeer; opened: MemoryTransport[] } {
    const opened: MemoryTransport[] = [];
    return {
      opened,
      openPeer: ({ initiator }) => {
        const transport = new MemoryTransport(this, initiator);
        opened.push(transport);
        return transport;
      },
    };
  }
}
