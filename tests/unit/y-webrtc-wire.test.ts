// What Sitrep's room (peerRoom.ts) keeps of y-webrtc 10's wire, and what it changed on purpose.
// Kept: the signaling server protocol (subscribe, unsubscribe, publish, ping), the shape of the
// announce and signal messages, and the data-channel framing of y-protocols sync and awareness.
// Changed (issue 12): the topic is derived from the secret instead of being the room id, and the
// sealed payload has another key derivation, another framing label and a freshness proof (sentAt,
// nonce), so that the room id and a recording of the room's signaling give an attacker nothing.
// A plain y-webrtc peer therefore cannot join a Sitrep room: the tests below pin both facts
// against y-webrtc's own code (pinned to exactly 10.3.0), so an upgrade that changes one fails a
// named test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as buffer from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src/main/signaling/server';
import { PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { PeerRoom, type OpenPeer, type PeerTransport } from '../../src/renderer/sync/rooms/peerRoom';
import * as wire from '../../src/renderer/sync/rooms/peerWire';
import { deriveRoomKeys, Freshness, openSignal, SEAL_FORMAT, sealSignal } from '../../src/renderer/sync/rooms/signalingCrypto';
import { MemoryPeers, MemorySignaling } from './support/memoryNetwork';

const require = createRequire(import.meta.url);
/** y-webrtc's folder (its package exports neither package.json nor src/crypto.js by name). */
const yWebrtcDir = `${dirname(dirname(require.resolve('y-webrtc')))}/`;

/** y-webrtc's signaling crypto (src/crypto.js), which its package does not export by name. */
interface YWebrtcCrypto {
  deriveKey(secret: string, roomName: string): PromiseLike<CryptoKey>;
  encryptJson(data: unknown, key: CryptoKey): PromiseLike<Uint8Array>;
  decryptJson(data: Uint8Array, key: CryptoKey): PromiseLike<unknown>;
}
const yWebrtcCrypto = (): Promise<YWebrtcCrypto> => import(/* @vite-ignore */ `${yWebrtcDir}src/crypto.js`) as Promise<YWebrtcCrypto>;

const ROOM = 'a'.repeat(32);
const SECRET = '0123456789abcdef0123456789abcdef';

/** A connection that never signals: nothing here may start real WebRTC outside the test namespace. */
function silentPeers(): { openPeer: OpenPeer; opened: Array<{ initiator: boolean }> } {
  const opened: Array<{ initiator: boolean }> = [];
  const transport: PeerTransport = { signal: () => {}, send: () => {}, destroy: () => {}, on: () => transport };
  return {
    opened,
    openPeer: ({ initiator }) => {
      opened.push({ initiator });
      return transport;
    },
  };
}

let cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('y-webrtc 10.3.0 wire', () => {
  it('is the pinned version', () => {
    const pkg = JSON.parse(readFileSync(`${yWebrtcDir}package.json`, 'utf8')) as { version: string };
    expect(pkg.version).toBe('10.3.0');
  });

  it('frames data-channel messages with the types peerWire.ts declares, and never uses the chunk or app types', () => {
    const source = readFileSync(`${yWebrtcDir}src/y-webrtc.js`, 'utf8');
    const declared = (name: string) => Number(new RegExp(`const ${name} = (\\d+)`).exec(source)?.[1]);
    expect(declared('messageSync')).toBe(wire.MESSAGE_SYNC);
    expect(declared('messageAwareness')).toBe(wire.MESSAGE_AWARENESS);
    expect(declared('messageQueryAwareness')).toBe(wire.MESSAGE_QUERY_AWARENESS);
    expect(declared('messageBcPeerId')).toBe(wire.MESSAGE_BC_PEER_ID);
    const types = [...source.matchAll(/const message\w+ = (\d+)/g)].map((match) => Number(match[1]));
    expect(types).not.toContain(wire.MESSAGE_CHUNK);
    expect(types).not.toContain(wire.MESSAGE_APP);
  });

  it('cannot open what the room seals with the same secret and room id, nor the other way round (changed on purpose)', async () => {
    const yCrypto = await yWebrtcCrypto();
    const theirs = await yCrypto.deriveKey(SECRET, ROOM);
    const ours = await deriveRoomKeys(SECRET, ROOM);
    // y-webrtc's decrypt refuses anything not framed "AES-GCM" (and leaves a stray rejected promise
    // behind doing so); the room frames its messages otherwise.
    const sealed = await sealSignal({ type: 'announce', from: 'peer-1', session: 1 }, ours.sealKey);
    expect(decoding.readVarString(decoding.createDecoder(sealed))).toBe(SEAL_FORMAT);
    expect(SEAL_FORMAT).not.toBe('AES-GCM');
    const signal = { to: 'peer-2', from: 'peer-1', type: 'signal', token: 1764672000000.5, signal: { type: 'offer', sdp: 'v=0' } };
    const byYWebrtc = await yCrypto.encryptJson(signal, theirs);
    expect(await openSignal(byYWebrtc, ours.sealKey, new Freshness())).toMatchObject({ ok: false, reason: 'foreign' });
    // Nor is y-webrtc's topic (the room id) the room's.
    expect(ours.topic).not.toBe(ROOM);
  });

  it('publishes announce and signal messages with the fields y-webrtc named (to, from, type, signal), plus client, session and the freshness proof', async () => {
    const signaling = new MemorySignaling();
    const peers = new MemoryPeers();
    const rooms = [0, 1].map(() => {
      const doc = new Y.Doc();
      return new PeerRoom(doc, new Awareness(doc), {
        roomId: ROOM,
        secret: SECRET,
        signaling: ['ws://memory.test'],
        iceServers: [],
        guard: new PeerGuard(),
        openPeer: peers.opener().openPeer,
        openSocket: signaling.openSocket,
      });
    });
    cleanups.push(() => {
      for (const room of rooms) room.destroy();
    });
    await vi.waitFor(() => expect(rooms[0]!.state().peers).toBe(1), { timeout: 60_000 });
    const keys = await deriveRoomKeys(SECRET, ROOM);
    expect(new Set(signaling.published.map(({ topic }) => topic))).toEqual(new Set([keys.topic]));
    const freshness = new Freshness();
    const opened = await Promise.all(
      signaling.published.map(({ data }) => openSignal(buffer.fromBase64(String(data)), keys.sealKey, freshness)),
    );
    const messages = opened.map((result) => (result.ok ? result.message : result.reason));
    const ids = rooms.map((room) => room.peerId);
    const proof = { client: expect.any(Number), session: expect.any(Number), sentAt: expect.any(Number), nonce: expect.any(String) };
    expect(messages).toContainEqual({ type: 'announce', from: expect.toBeOneOf(ids), ...proof });
    const signals = messages.filter((message) => (message as { type?: string }).type === 'signal');
    expect(signals.length).toBeGreaterThanOrEqual(2);
    for (const message of signals) {
      expect(message).toEqual({
        type: 'signal',
        from: expect.toBeOneOf(ids),
        to: expect.toBeOneOf(ids),
        signal: expect.objectContaining({ type: expect.any(String) }),
        ...proof,
      });
    }
  });

  it('never meets a real y-webrtc provider with the same room id and secret, through a real signaling server (changed on purpose)', async () => {
    const server: SignalingServer = await startSignalingServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => server.close());
    const url = `ws://127.0.0.1:${server.port}`;
    // y-webrtc's signaling client and the room's both use the global WebSocket; ws provides one in Node.
    const globals = globalThis as { WebSocket?: unknown };
    const previous = globals.WebSocket;
    globals.WebSocket = WebSocket;
    cleanups.push(() => {
      globals.WebSocket = previous;
    });
    const keys = await deriveRoomKeys(SECRET, ROOM);
    // Everything published on y-webrtc's topic (the room id) and on the room's, as the server relays it.
    const observer = new WebSocket(url);
    const relayed: Array<{ topic: string; data: string }> = [];
    observer.on('message', (frame) => {
      const message = JSON.parse(String(frame)) as { type?: string; topic?: string; data?: unknown };
      if (message.type === 'publish' && typeof message.data === 'string')
        relayed.push({ topic: String(message.topic), data: message.data });
    });
    await new Promise((resolve) => observer.once('open', resolve));
    observer.send(JSON.stringify({ type: 'subscribe', topics: [ROOM, keys.topic] }));
    cleanups.push(() => observer.close());

    const { WebrtcProvider } = await import('y-webrtc');
    const peers = silentPeers();
    const doc = new Y.Doc();
    const room = new PeerRoom(doc, new Awareness(doc), {
      roomId: ROOM,
      secret: SECRET,
      signaling: [url],
      iceServers: [],
      guard: new PeerGuard(),
      openPeer: peers.openPeer,
    });
    cleanups.push(() => room.destroy());
    await vi.waitFor(() => expect(room.state().servers[0]?.connected).toBe(true), { timeout: 60_000 });
    // maxConns 0: y-webrtc answers no announcement with a connection of its own, so nothing in
    // this process starts WebRTC. It announces itself when its signaling connects, if its room
    // exists by then, so it gets the address once the room is there.
    const provider = new WebrtcProvider(ROOM, new Y.Doc(), { signaling: [], password: SECRET, maxConns: 0, peerOpts: {} });
    cleanups.push(() => {
      // destroy() alone leaves y-webrtc's signaling connection open.
      provider.disconnect();
      provider.destroy();
    });
    await vi.waitFor(() => expect(provider.room).not.toBeNull(), { timeout: 60_000 });
    provider.signalingUrls = [url];
    provider.connect();
    const yCrypto = await yWebrtcCrypto();
    const theirKey = await yCrypto.deriveKey(SECRET, ROOM);
    // Each announces itself, each on its own topic.
    await vi.waitFor(
      async () => {
        const onRoomId = await Promise.all(
          relayed.filter((m) => m.topic === ROOM).map((m) => yCrypto.decryptJson(buffer.fromBase64(m.data), theirKey)),
        );
        expect(onRoomId).toContainEqual({ type: 'announce', from: provider.room!.peerId });
        expect(relayed.some((m) => m.topic === keys.topic)).toBe(true);
      },
      { timeout: 60_000 },
    );
    // The room's own announcement came before y-webrtc's; y-webrtc re-announces nothing, so the
    // room has heard all it will. It never heard y-webrtc and opened nothing.
    await room.settled();
    expect(peers.opened).toEqual([]);
    expect(room.state()).toMatchObject({ foreignSignals: 0, pendingConnections: 0, peers: 0 });
    expect(provider.room!.webrtcConns.size).toBe(0);
  });
});
