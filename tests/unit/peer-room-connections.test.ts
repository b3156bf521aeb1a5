// Connections that cannot pile up (issue 12): recorded signaling replayed opens nothing; a peer
// that leaves frees its slot at once, even when its connection's close goes unnoticed; a peer that
// rejoins replaces its old connection; a connection that does not open is closed and retried with
// backoff, a bounded number of times, and the room says so; crossing offers and stray answers
// never throw. Timers are Vitest's fake ones, moved by the test; the in-memory network's
// deliveries (0 ms timers) and WebCrypto's work are let run between steps.
import * as buffer from 'lib0/buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { DEFAULT_CONNECTION_TIMING, MAX_PEER_CONNECTIONS, PeerRoom } from '../../src/renderer/sync/rooms/peerRoom';
import { deriveRoomKeys, Freshness, openSignal, sealSignal, type SignalFields } from '../../src/renderer/sync/rooms/signalingCrypto';
import { MemoryPeers, MemorySignaling } from './support/memoryNetwork';

const ROOM = 'a'.repeat(32);
const SECRET = 'b'.repeat(32);
const SIGNALING = 'ws://memory.test:4444';

/** Taken before the fake timers are installed: the in-memory network delivers on real ones. */
const realSetTimeout = globalThis.setTimeout;

let rooms: PeerRoom[] = [];
/** The wall clock every room reads (freshness proofs, failure times); moved with the fake timers. */
let clock = Date.UTC(2026, 11, 2, 14, 0, 0);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(() => {
  for (const room of rooms) room.destroy();
  rooms = [];
  vi.useRealTimers();
});

/** Lets the network deliver and WebCrypto finish, without moving the clock, until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  // A safety net in real time only; nothing here measures speed.
  const deadline = performance.now() + 60_000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}: ${JSON.stringify(rooms.map((r) => r.state()))}`);
    await vi.advanceTimersByTimeAsync(0);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Lets everything in flight run to its end, without moving the clock: each round lets the network
 * deliver, then waits until every room has opened and handled all it received (which may send
 * more, hence the rounds; a message sets off at most a reply and the reply's answer).
 */
async function quiet(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    await new Promise((resolve) => realSetTimeout(resolve, 1));
    await vi.advanceTimersByTimeAsync(0);
    for (const room of rooms) await room.settled();
  }
}

/**
 * Waits until the room follows its topic on the server. Its key derivation (PBKDF2) runs first and
 * can take a long while on a loaded machine; what is published before then never reaches it.
 */
async function subscribed(net: { signaling: MemorySignaling }, joined: { room: PeerRoom }): Promise<void> {
  const topic = await joined.room.topic();
  await until(() => net.signaling.subscribers(topic) > 0, 'the room to subscribe to its topic');
}

/** Moves the clock and the timers together. */
async function elapse(ms: number): Promise<void> {
  clock += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

function network() {
  const signaling = new MemorySignaling();
  const peers = new MemoryPeers();
  const join = (options: { now?: () => number } = {}) => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const logged: string[] = [];
    const opener = peers.opener();
    const room = new PeerRoom(doc, awareness, {
      roomId: ROOM,
      secret: SECRET,
      signaling: [SIGNALING],
      iceServers: [],
      guard: new PeerGuard({ log: (message) => logged.push(message) }),
      openPeer: opener.openPeer,
      openSocket: signaling.openSocket,
      log: (message) => logged.push(message),
      now: options.now ?? (() => clock),
    });
    rooms.push(room);
    return { room, doc, awareness, logged, opened: opener.opened };
  };
  return { signaling, peers, join };
}

type Joined = ReturnType<ReturnType<typeof network>['join']>;

const connected = (...joined: Joined[]) => joined.every((j) => j.room.state().peers === joined.length - 1);

/** A peer that speaks only through sealed signaling, as a script: to make crossing offers and stray answers. */
async function scriptedPeer(signaling: MemorySignaling, peerId: string) {
  const keys = await deriveRoomKeys(SECRET, ROOM);
  return {
    keys,
    async say(fields: SignalFields, session = 1) {
      const sealed = await sealSignal({ ...fields, from: peerId, client: 4242, session }, keys.sealKey, clock);
      signaling.inject(keys.topic, buffer.toBase64(sealed));
    },
    /** What the rooms published to this peer, opened. */
    async heard(): Promise<Array<Record<string, unknown>>> {
      const freshness = new Freshness(() => clock);
      const opened = await Promise.all(
        signaling.published.map(({ data }) => openSignal(buffer.fromBase64(String(data)), keys.sealKey, freshness)),
      );
      return opened.flatMap((result) => (result.ok && result.message.to === peerId ? [result.message as Record<string, unknown>] : []));
    },
  };
}

describe('replayed signaling', () => {
  it('opens nothing: a replay within the window is refused by its nonce, a later one by its time; a new responder still joins', async () => {
    const net = network();
    const ic = net.join();
    const first = net.join();
    await until(() => connected(ic, first), 'the first responder to connect');
    const recorded = [...net.signaling.published];
    expect(recorded.length).toBeGreaterThan(3);
    first.room.destroy();
    await until(() => ic.room.state().peers === 0 && ic.room.state().pendingConnections === 0, 'the first responder to leave');
    await quiet();
    const openedBefore = ic.opened.length;

    // Replayed at once, 20 times over: every message was seen before.
    for (let round = 0; round < 20; round++) for (const { topic, data } of recorded) net.signaling.inject(topic, data);
    // A message published before the IC subscribed (the responder's first announcement, say) is
    // new to it and accepted once (its sender's session has ended, so it starts nothing); every
    // other copy is refused.
    await until(() => ic.room.state().replayedSignals >= 19 * recorded.length, 'the replays to be refused');
    await quiet();
    expect(ic.room.state().replayedSignals).toBeLessThanOrEqual(20 * recorded.length);
    expect(ic.room.state()).toMatchObject({ pendingConnections: 0, peers: 0 });
    expect(ic.opened.length).toBe(openedBefore);

    // Replayed three minutes later: outside the window, whatever the nonce.
    await elapse(3 * 60_000);
    for (const { topic, data } of recorded) net.signaling.inject(topic, data);
    await until(() => ic.room.state().staleSignals === recorded.length, 'every late replay to be refused');
    await quiet();
    expect(ic.room.state()).toMatchObject({ staleSignals: recorded.length, pendingConnections: 0, peers: 0 });
    expect(ic.opened.length).toBe(openedBefore);
    expect(ic.logged).toContain('Sitrep: ignored 1 signaling message(s) received before (replayed)');

    const next = net.join();
    await until(() => connected(ic, next), 'a new responder to connect');
    expect(ic.room.state()).toMatchObject({ peers: 1, pendingConnections: 0 });
  });

  it('refuses signaling from a laptop whose clock is more than two minutes off, and counts it', async () => {
    const net = network();
    const ic = net.join();
    // The IC must hear the skewed laptop's announcement (else only the skewed laptop refuses the IC's).
    await subscribed(net, ic);
    const skewed = net.join({ now: () => clock - 3 * 60_000 });
    await until(() => ic.room.state().staleSignals > 0, 'the IC to refuse its signaling');
    await quiet();
    expect(ic.room.state()).toMatchObject({ peers: 0, pendingConnections: 0 });
    expect(ic.logged).toContain('Sitrep: ignored 1 signaling message(s) outside the freshness window (replayed, or from a clock far off)');
    // Within the window, the same laptops meet.
    const close = net.join({ now: () => clock + 90_000 });
    await until(() => ic.room.state().peers === 1 && close.room.state().peers === 1, 'a laptop 90 s ahead to connect');
    expect(skewed.room.state().peers).toBe(0);
  });
});

describe('leaving and rejoining', () => {
  it("frees a leaving peer's slot at once, when its goodbye arrives, even if the connection's close goes unnoticed", async () => {
    const net = network();
    const ic = net.join();
    const responder = net.join();
    await until(() => connected(ic, responder), 'the responder to connect');
    net.peers.closesUnnoticed = true;
    responder.room.disconnect();
    await until(() => ic.room.state().peers === 0, 'the leave message to free the slot');
    expect(ic.room.state().pendingConnections).toBe(0);
    // Its ghost does not come back with a late message of the session it left.
    await quiet();
    expect(ic.room.state().peers).toBe(0);
  });

  it('keeps one connection per responder that leaves and rejoins 30 times without a goodbye, and it is connected every time', async () => {
    const net = network();
    const ic = net.join();
    const responder = net.join();
    await until(() => connected(ic, responder), 'the responder to connect');
    // Its connections vanish without the IC noticing, and its goodbyes are lost: the worst case.
    net.peers.closesUnnoticed = true;
    let most = 0;
    const unsubscribe = ic.room.subscribe(() => {
      const { peers, pendingConnections } = ic.room.state();
      most = Math.max(most, peers + pendingConnections);
    });
    for (let rejoin = 0; rejoin < 30; rejoin++) {
      net.signaling.muted = true;
      responder.room.disconnect();
      net.signaling.muted = false;
      responder.room.connect();
      await until(() => responder.room.state().peers === 1 && ic.room.state().peers === 1, `rejoin ${rejoin + 1} to connect`);
      expect(ic.room.state().pendingConnections).toBe(0);
    }
    unsubscribe();
    expect(most).toBe(1);
    expect(ic.room.state()).toMatchObject({ peers: 1, pendingConnections: 0, failingPeers: 0 });
  });

  it('cannot be filled to its 30 slots by rejoins', async () => {
    const net = network();
    const ic = net.join();
    const responder = net.join();
    await until(() => connected(ic, responder), 'the responder to connect');
    net.peers.closesUnnoticed = true;
    for (let rejoin = 0; rejoin < MAX_PEER_CONNECTIONS + 5; rejoin++) {
      responder.room.disconnect();
      responder.room.connect();
      await until(() => ic.room.state().peers === 1 && responder.room.state().peers === 1, `rejoin ${rejoin + 1}`);
    }
    const other = net.join();
    await until(() => other.room.state().peers === 2 && ic.room.state().peers === 2, 'another responder to reach both');
    await quiet();
    expect(ic.room.state()).toMatchObject({ peers: 2, pendingConnections: 0 });
  });
});

describe('connections that do not open', () => {
  it('are closed after the connect timeout and retried with backoff, five times, then given up until the peer announces itself', async () => {
    const net = network();
    net.peers.unreachable = true;
    const ic = net.join();
    const responder = net.join();
    await until(() => ic.opened.length + responder.opened.length > 0, 'a connection to be tried');
    const offering = ic.opened.length > 0 ? ic : responder;
    await until(() => offering.room.state().pendingConnections === 1, 'the first attempt');
    const { connectTimeoutMs, retryDelaysMs } = DEFAULT_CONNECTION_TIMING;
    expect(connectTimeoutMs).toBe(10_000);
    expect(retryDelaysMs).toEqual([1000, 2000, 4000, 8000, 16_000]);

    await elapse(connectTimeoutMs - 1);
    expect(offering.room.state().pendingConnections).toBe(1);
    await elapse(1);
    expect(offering.room.state()).toMatchObject({
      pendingConnections: 0,
      failingPeers: 1,
      nextRetryAt: clock + 1000,
      lastFailure: { at: clock, detail: 'the connection did not open' },
    });
    expect(offering.opened.at(-1)!.destroyed).toBe(true);
    for (const [attempt, delay] of retryDelaysMs.entries()) {
      await elapse(delay);
      await until(() => offering.opened.length === attempt + 2, `retry ${attempt + 1}`);
      expect(offering.room.state()).toMatchObject({ pendingConnections: 1, nextRetryAt: null });
      await elapse(connectTimeoutMs);
      await quiet();
      expect(offering.room.state().pendingConnections).toBe(0);
    }
    expect(offering.room.state()).toMatchObject({ failingPeers: 0, gaveUpPeers: 1, nextRetryAt: null, pendingConnections: 0 });
    expect(offering.opened).toHaveLength(1 + retryDelaysMs.length);
    await elapse(10 * 60_000);
    await quiet();
    expect(offering.opened).toHaveLength(1 + retryDelaysMs.length);
    expect(offering.opened.every((transport) => transport.destroyed)).toBe(true);

    // The path clears and the other side comes back: tried afresh, and it connects.
    net.peers.unreachable = false;
    const other = offering === ic ? responder : ic;
    other.room.disconnect();
    other.room.connect();
    await until(() => connected(ic, responder), 'the connection once the path is clear');
    expect(offering.room.state()).toMatchObject({ failingPeers: 0, gaveUpPeers: 0, pendingConnections: 0 });
  });

  it('a retry that succeeds clears the failure', async () => {
    const net = network();
    net.peers.unreachable = true;
    const ic = net.join();
    const responder = net.join();
    await until(() => ic.room.state().pendingConnections + responder.room.state().pendingConnections > 0, 'a first attempt');
    await elapse(DEFAULT_CONNECTION_TIMING.connectTimeoutMs);
    await quiet();
    expect(ic.room.state().failingPeers + responder.room.state().failingPeers).toBeGreaterThan(0);
    net.peers.unreachable = false;
    await elapse(1000);
    await until(() => connected(ic, responder), 'the retry to connect');
    expect(ic.room.state()).toMatchObject({ failingPeers: 0, nextRetryAt: null });
    expect(responder.room.state()).toMatchObject({ failingPeers: 0, nextRetryAt: null });
  });
});

describe('crossing offers and stray signals', () => {
  it('never throws: an answer from a peer with no connection starts nothing (what made y-webrtc throw on glareToken)', async () => {
    const net = network();
    const ic = net.join();
    await until(() => ic.room.state().servers[0]?.connected === true, 'signaling');
    await subscribed(net, ic);
    const stray = await scriptedPeer(net.signaling, 'stray-peer');
    await stray.say({ type: 'signal', to: ic.room.peerId, signal: { type: 'answer', sdp: 'memory 1' } });
    await stray.say({ type: 'signal', to: ic.room.peerId, signal: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' } });
    // One addressed to another peer, as y-webrtc read before it checked the address.
    await stray.say({ type: 'signal', to: 'someone-else', signal: { type: 'answer', sdp: 'memory 1' } });
    await quiet();
    expect(ic.opened).toHaveLength(0);
    expect(ic.room.state().pendingConnections).toBe(0);
  });

  it('settles crossing offers on the greater id: its own offer wins over a smaller peer’s, a greater peer’s replaces its own attempt', async () => {
    const net = network();
    const ic = net.join();
    await until(() => ic.room.state().servers[0]?.connected === true, 'signaling');
    await subscribed(net, ic);
    // Peer ids sort below and above any UUID.
    const small = await scriptedPeer(net.signaling, '!small');
    await small.say({ type: 'announce' });
    await until(() => ic.opened.length === 1, 'the IC to offer to the smaller peer');
    expect(ic.opened[0]!.initiator).toBe(true);
    await small.say({ type: 'signal', to: ic.room.peerId, signal: { type: 'offer', sdp: 'memory 999999' } });
    await quiet();
    expect(ic.opened).toHaveLength(1);
    expect(ic.room.state().pendingConnections).toBe(1);

    const big = await scriptedPeer(net.signaling, '~big');
    await big.say({ type: 'announce' });
    // The IC's id is smaller: it asks the greater peer to offer instead of offering.
    await until(() => ic.room.state().pendingConnections === 1, 'nothing new yet');
    await quiet();
    expect(await big.heard()).toContainEqual(expect.objectContaining({ type: 'announce', from: ic.room.peerId, to: '~big' }));
    await big.say({ type: 'signal', to: ic.room.peerId, signal: { type: 'offer', sdp: 'memory 999998' } });
    await until(() => ic.opened.length === 2, 'the IC to take the greater peer’s offer');
    expect(ic.opened[1]!.initiator).toBe(false);
    // A second offer (its retry) replaces the first attempt instead of adding a connection.
    await big.say({ type: 'signal', to: ic.room.peerId, signal: { type: 'offer', sdp: 'memory 999997' } });
    await until(() => ic.opened.length === 3, 'the retry to replace it');
    expect(ic.opened[1]!.destroyed).toBe(true);
    // An answer where the IC offered nothing is ignored.
    await big.say({ type: 'signal', to: ic.room.peerId, signal: { type: 'answer', sdp: 'memory 999996' } });
    await quiet();
    expect(ic.room.state().pendingConnections).toBe(2);
    expect(ic.opened).toHaveLength(3);
  });
});
