// Sitrep's own room on the network (peerRoom.ts), end to end over an in-memory network: rooms with
// the same secret find each other through signaling and sync document and presence; another
// secret is counted and ignored; large documents travel in chunks; a hostile peer is dropped by
// the guard in front of the reader and is not let back in.
import * as buffer from 'lib0/buffer';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AppChannelNameError, MAX_APP_PAYLOAD_BYTES } from '../../src/renderer/sync/rooms/appChannel';
import { CHUNK_PAYLOAD_BYTES } from '../../src/renderer/sync/rooms/peerChunks';
import { PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { PeerRoom } from '../../src/renderer/sync/rooms/peerRoom';
import { MESSAGE_AWARENESS } from '../../src/renderer/sync/rooms/peerWire';
import { deriveRoomKeys, sealSignal } from '../../src/renderer/sync/rooms/signalingCrypto';
import { MemoryPeers, MemorySignaling, type MemoryTransport } from './support/memoryNetwork';

const ROOM = 'a'.repeat(32);
const SECRET = 'b'.repeat(32);
const SIGNALING = 'ws://memory.test:4444';

let rooms: PeerRoom[] = [];
afterEach(() => {
  for (const room of rooms) room.destroy();
  rooms = [];
});

function network() {
  const signaling = new MemorySignaling();
  const peers = new MemoryPeers();
  const join = (options: { secret?: string; guard?: PeerGuard; doc?: Y.Doc } = {}) => {
    const doc = options.doc ?? new Y.Doc();
    const awareness = new Awareness(doc);
    const logged: string[] = [];
    const opener = peers.opener();
    const room = new PeerRoom(doc, awareness, {
      roomId: ROOM,
      secret: options.secret ?? SECRET,
      signaling: [SIGNALING],
      iceServers: [],
      guard: options.guard ?? new PeerGuard({ log: (message) => logged.push(message) }),
      openPeer: opener.openPeer,
      openSocket: signaling.openSocket,
      log: (message) => logged.push(message),
    });
    rooms.push(room);
    return { room, doc, awareness, logged, opened: opener.opened };
  };
  return { signaling, join };
}

/** Waits for what the network does on its own; the bound is generous, nothing measures speed. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 60_000, interval: 5 });

describe('PeerRoom', () => {
  it('finds a peer with the same secret, syncs both ways and shares presence', async () => {
    const net = network();
    const ic = net.join();
    ic.doc.getMap('incident').set('title', 'Checkout errors');
    ic.awareness.setLocalState({ name: 'Avery' });
    const responder = net.join();
    responder.awareness.setLocalState({ name: 'Blake' });
    let changes = 0;
    responder.room.subscribe(() => (changes += 1));

    await eventually(() => expect(responder.doc.getMap('incident').get('title')).toBe('Checkout errors'));
    await eventually(() => expect(responder.room.state()).toMatchObject({ peers: 1, synced: true }));
    await eventually(() => expect(ic.room.state()).toMatchObject({ peers: 1, synced: true }));
    expect(ic.room.state().servers).toEqual([{ url: SIGNALING, connected: true, failures: 0, refused: null }]);
    expect(changes).toBeGreaterThan(0);
    await eventually(() => expect(ic.awareness.getStates().get(responder.awareness.clientID)).toEqual({ name: 'Blake' }));

    // One side offered, the other answered: offers never crossed.
    expect([...ic.opened, ...responder.opened].map((transport) => transport.initiator).sort()).toEqual([false, true]);
    responder.doc.getMap('incident').set('severity', 'SEV1');
    await eventually(() => expect(ic.doc.getMap('incident').get('severity')).toBe('SEV1'));
    // Everything that crossed the signaling server was sealed: no ids, no offers in the clear.
    expect(net.signaling.published.length).toBeGreaterThan(0);
    for (const { data } of net.signaling.published) expect(String(data)).not.toMatch(/announce|offer|memory/);
  });

  it('meets no one with another secret: another topic; what another key sealed on our topic is counted and ignored', async () => {
    const net = network();
    const ic = net.join();
    const stranger = net.join({ secret: 'c'.repeat(32) });
    const [ours, theirs] = await Promise.all([ic.room.topic(), stranger.room.topic()]);
    expect(ours).not.toBe(theirs);
    // Neither topic is the room id, nor reveals it.
    expect(ours).toMatch(/^sitrep1\.[A-Za-z0-9_-]{43}$/);
    expect(ours).not.toContain(ROOM);
    await eventually(() => expect(net.signaling.published.some(({ topic }) => topic === theirs)).toBe(true));
    // Someone who knows our topic but not the secret (a former member, say) seals with another key.
    const other = await deriveRoomKeys('c'.repeat(32), ROOM);
    net.signaling.inject(ours, buffer.toBase64(await sealSignal({ type: 'announce', from: 'stranger', session: 1 }, other.sealKey)));
    net.signaling.inject(ours, 'not base64 at all %%%');
    net.signaling.inject(ours, 42);
    await eventually(() => expect(ic.room.state().foreignSignals).toBe(3));
    await ic.room.settled();
    await stranger.room.settled();
    expect(ic.opened).toHaveLength(0);
    expect(stranger.opened).toHaveLength(0);
    expect(stranger.room.state().foreignSignals).toBe(0);
    expect(ic.logged).toContain('Sitrep: ignored 1 signaling message(s) sealed with another room secret');
  });

  it('sends a large document in chunks that fit a data channel, joined whole on the other side', async () => {
    const net = network();
    const ic = net.join();
    const notes = ic.doc.getMap('notes');
    for (let i = 0; i < 400; i++) notes.set(`n${i}`, `${i} `.repeat(200));
    expect(Y.encodeStateAsUpdate(ic.doc).length).toBeGreaterThan(3 * CHUNK_PAYLOAD_BYTES);
    const responder = net.join();
    await eventually(() => expect(responder.doc.getMap('notes').size).toBe(400));
    const sent = ic.opened.concat(responder.opened).flatMap((transport) => transport.sent);
    expect(Math.max(...sent.map((message) => message.length))).toBeLessThanOrEqual(CHUNK_PAYLOAD_BYTES + 17);
    expect(responder.room.state().synced).toBe(true);
  });

  it('leaves the network on disconnect, with a goodbye to peers, and comes back on connect', async () => {
    const net = network();
    const ic = net.join();
    const responder = net.join();
    responder.awareness.setLocalState({ name: 'Blake' });
    await eventually(() => expect(ic.awareness.getStates().has(responder.awareness.clientID)).toBe(true));
    responder.room.disconnect();
    expect(responder.room.state()).toMatchObject({ servers: [], peers: 0, synced: false, pendingConnections: 0 });
    await eventually(() => expect(ic.awareness.getStates().has(responder.awareness.clientID)).toBe(false));
    await eventually(() => expect(ic.room.state().peers).toBe(0));
    responder.awareness.setLocalState({ name: 'Blake' });
    responder.room.connect();
    await eventually(() => expect(ic.room.state().peers).toBe(1));
  });

  it("reports a server's refusal to subscribe the room, and forgets it once subscribed again", async () => {
    const net = network();
    const ic = net.join();
    await eventually(() => expect(ic.room.state().servers[0]?.connected).toBe(true));
    const topic = await ic.room.topic();
    // Another room's refusal, and an unknown frame, change nothing.
    net.signaling.broadcast({ type: 'refused', topic: 'another-topic', reason: 'connection-limit', message: 'Not subscribed.' });
    net.signaling.broadcast({ type: 'something-new', topic });
    net.signaling.broadcast({
      type: 'refused',
      topic,
      reason: 'address-limit',
      message: 'Not subscribed: your address follows too many rooms.',
    });
    await eventually(() => expect(ic.room.state().servers[0]?.refused).toBe('Not subscribed: your address follows too many rooms.'));
    expect(ic.logged).toContain(
      `Sitrep: the signaling server ${SIGNALING} refused this room: Not subscribed: your address follows too many rooms.`,
    );
    ic.room.disconnect();
    ic.room.connect();
    await eventually(() => expect(ic.room.state().servers).toEqual([{ url: SIGNALING, connected: true, failures: 0, refused: null }]));
  });

  it('reports a signaling server it cannot reach, and tries again', async () => {
    const net = network();
    net.signaling.reachable = false;
    const ic = net.join();
    await eventually(() => expect(ic.room.state().servers[0]!.failures).toBeGreaterThanOrEqual(2));
    net.signaling.reachable = true;
    await eventually(() => expect(ic.room.state().servers).toEqual([{ url: SIGNALING, connected: true, failures: 0, refused: null }]));
  });
});

describe('PeerRoom with a hostile peer', () => {
  it('drops a peer that sends malformed messages, forgets its presence, and does not let it back in', async () => {
    const net = network();
    const guardLog: string[] = [];
    const guard = new PeerGuard({ log: (message) => guardLog.push(message) });
    const ic = net.join({ guard });
    ic.doc.getMap('incident').set('title', 'Payments degraded');
    const hostile = net.join();
    await eventually(() => expect(hostile.doc.getMap('incident').get('title')).toBe('Payments degraded'));
    const channel = [...hostile.opened].find((transport) => transport.connected) as MemoryTransport;

    // A presence only the hostile peer speaks for, then twenty messages of an unknown type.
    const forged = new Awareness(new Y.Doc());
    forged.setLocalState({ name: 'Mallory' });
    const presence = encoding.createEncoder();
    encoding.writeVarUint(presence, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(presence, (await import('y-protocols/awareness')).encodeAwarenessUpdate(forged, [forged.clientID]));
    channel.send(encoding.toUint8Array(presence));
    await eventually(() => expect(ic.awareness.getStates().has(forged.clientID)).toBe(true));
    for (let i = 0; i < 20; i++) channel.send(Uint8Array.of(42));

    await eventually(() => expect(guard.dropped()).toMatchObject([{ peerId: hostile.room.peerId, reason: 'malformed', count: 20 }]));
    await eventually(() => expect(ic.room.state().peers).toBe(0));
    expect(ic.awareness.getStates().has(forged.clientID)).toBe(false);
    expect(ic.doc.getMap('incident').get('title')).toBe('Payments degraded');
    expect(guardLog[0]).toMatch(/ignored a message from peer .*: unknown message type 42/);

    // It comes back and announces itself: nothing opens on either side, whichever would offer.
    const before = { ic: ic.opened.length, hostile: hostile.opened.length, published: net.signaling.published.length };
    hostile.room.disconnect();
    hostile.room.connect();
    await eventually(() => expect(net.signaling.published.length).toBeGreaterThan(before.published));
    // Everything in flight arrives and is handled, and whatever it set off as well.
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await ic.room.settled();
      await hostile.room.settled();
    }
    expect(ic.opened.length).toBe(before.ic);
    expect(hostile.opened.length).toBe(before.hostile);
    expect(ic.room.state().peers).toBe(0);

    // An honest responder still gets in.
    const honest = net.join();
    await eventually(() => expect(honest.doc.getMap('incident').get('title')).toBe('Payments degraded'));
    expect(ic.room.state().peers).toBe(1);
  });

  it('counts a message that fails while applied as bad instead of letting the error out', async () => {
    const net = network();
    const guard = new PeerGuard({ limits: { badMessagesBeforeDrop: 2 }, log: () => {} });
    const ic = net.join({ guard });
    const other = net.join();
    await eventually(() => expect(ic.room.state().peers).toBe(1));
    await eventually(() => expect(other.room.state().peers).toBe(1));
    // An observer of the document that throws: what the peer sent read cleanly but failed in it.
    ic.doc.getMap('incident').observe(() => {
      throw new Error('observer failed');
    });
    other.doc.getMap('incident').set('title', 'one');
    other.doc.getMap('incident').set('title', 'two');
    await eventually(() => expect(guard.dropped()).toMatchObject([{ peerId: other.room.peerId, count: 2 }]));
  });
});

describe('PeerRoom app channels', () => {
  /** Two rooms connected to each other, each with the channel of that name. */
  async function pair(name = 'attachments') {
    const net = network();
    const ic = net.join();
    const responder = net.join();
    await eventually(() => expect(ic.room.state().peers).toBe(1));
    await eventually(() => expect(responder.room.state().peers).toBe(1));
    return { net, ic, responder, icChannel: ic.room.appChannel(name), responderChannel: responder.room.appChannel(name) };
  }

  it('lists the connected peer with its presence client id, and carries messages both ways', async () => {
    const { ic, responder, icChannel, responderChannel } = await pair();
    expect(icChannel.peers()).toEqual([responder.room.peerId]);
    expect(responderChannel.peers()).toEqual([ic.room.peerId]);
    expect(icChannel.clientIdOf(responder.room.peerId)).toBe(responder.awareness.clientID);
    expect(responderChannel.clientIdOf(ic.room.peerId)).toBe(ic.awareness.clientID);
    expect(icChannel.clientIdOf('nobody')).toBeNull();
    // The same channel object for the same name.
    expect(ic.room.appChannel('attachments')).toBe(icChannel);

    const atResponder: Array<[string, number[]]> = [];
    const atIc: Array<[string, number[]]> = [];
    responderChannel.onMessage((peerId, payload) => atResponder.push([peerId, [...payload]]));
    icChannel.onMessage((peerId, payload) => atIc.push([peerId, [...payload]]));
    expect(icChannel.send(responder.room.peerId, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(responderChannel.send(ic.room.peerId, Uint8Array.of(9))).toBe(true);
    await eventually(() => expect(atResponder).toEqual([[ic.room.peerId, [1, 2, 3]]]));
    await eventually(() => expect(atIc).toEqual([[responder.room.peerId, [9]]]));
    // Nothing is queued for a peer that is not connected.
    expect(icChannel.send('nobody', Uint8Array.of(1))).toBe(false);
  });

  it('carries a 1 MiB payload in chunks, refuses a larger one, and keeps channels apart', async () => {
    const { ic, responder, icChannel, responderChannel } = await pair();
    const other = responder.room.appChannel('room-key');
    const big = new Uint8Array(MAX_APP_PAYLOAD_BYTES);
    for (let i = 0; i < big.length; i++) big[i] = i % 251;
    const got: Uint8Array[] = [];
    const onOther: Uint8Array[] = [];
    responderChannel.onMessage((_, payload) => got.push(payload));
    other.onMessage((_, payload) => onOther.push(payload));
    expect(icChannel.send(responder.room.peerId, big)).toBe(true);
    await eventually(() => expect(got).toHaveLength(1));
    // Compared as one buffer: toEqual walks a megabyte element by element.
    expect(Buffer.compare(got[0]!, big)).toBe(0);
    expect(onOther).toHaveLength(0);
    const sent = ic.opened.flatMap((transport) => transport.sent);
    expect(Math.max(...sent.map((message) => message.length))).toBeLessThanOrEqual(CHUNK_PAYLOAD_BYTES + 17);
    expect(() => icChannel.send(responder.room.peerId, new Uint8Array(MAX_APP_PAYLOAD_BYTES + 1))).toThrow(RangeError);
    expect(() => ic.room.appChannel('Not A Name')).toThrow(AppChannelNameError);
  });

  it('drops and counts a message for a channel nobody listens to here, without holding it against the peer', async () => {
    const { ic, responder, icChannel } = await pair();
    for (let i = 0; i < 25; i++) icChannel.send(responder.room.peerId, Uint8Array.of(i));
    await eventually(() => expect(responder.room.state().unknownChannelMessages).toBe(25));
    expect(responder.logged).toContain('Sitrep: ignored 1 app message(s) for channels nobody listens to here (the last: attachments)');
    expect(responder.room.state().peers).toBe(1);
    expect(ic.room.state().peers).toBe(1);
  });

  it('tells listeners when a peer connects and leaves; a failing listener is logged and the others still run', async () => {
    const net = network();
    const ic = net.join();
    const channel = ic.room.appChannel('attachments');
    const seen: Array<readonly string[]> = [];
    channel.onPeersChanged(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = channel.onPeersChanged(() => seen.push(channel.peers()));
    const responder = net.join();
    await eventually(() => expect(seen).toEqual([[responder.room.peerId]]));
    responder.room.disconnect();
    await eventually(() => expect(seen).toEqual([[responder.room.peerId], []]));
    expect(ic.logged.filter((line) => line.includes('a peers listener on app channel attachments failed'))).toHaveLength(1);
    unsubscribe();
    responder.room.connect();
    await eventually(() => expect(channel.peers()).toHaveLength(1));
    expect(seen).toHaveLength(2);
  });

  it('a message listener that throws is logged, not counted against the peer', async () => {
    const { responder, icChannel, responderChannel, ic } = await pair();
    const got: number[] = [];
    responderChannel.onMessage(() => {
      throw new Error('feature bug');
    });
    responderChannel.onMessage((_, payload) => got.push(payload[0]!));
    for (let i = 0; i < 30; i++) icChannel.send(responder.room.peerId, Uint8Array.of(i));
    await eventually(() => expect(got).toHaveLength(30));
    expect(responder.logged.filter((line) => line.includes('a message listener on app channel attachments failed'))).toHaveLength(1);
    expect(responder.room.guard.dropped()).toEqual([]);
    expect(ic.room.state().peers).toBe(1);
  });

  it('cuts a peer reported hostile, shows the drop, and does not let it back in', async () => {
    const { ic, responder, icChannel } = await pair();
    icChannel.reportHostile(responder.room.peerId, 'sent a file that does not match its hash');
    await eventually(() => expect(ic.room.state().peers).toBe(0));
    expect(icChannel.peers()).toEqual([]);
    expect(ic.room.guard.dropped()).toMatchObject([
      { peerId: responder.room.peerId, reason: 'hostile', detail: 'sent a file that does not match its hash' },
    ]);
    const opened = ic.opened.length;
    responder.room.disconnect();
    responder.room.connect();
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await ic.room.settled();
      await responder.room.settled();
    }
    expect(ic.opened.length).toBe(opened);
    expect(ic.room.state().peers).toBe(0);
  });
});
