// Sitrep's room (peerRoom.ts) owns its network code but speaks y-webrtc 10's wire, so that a
// y-webrtc peer or signaling server still works with it. y-webrtc is pinned to exactly 10.3.0;
// each fact of its wire the room relies on has a test here against y-webrtc's own code, so an
// upgrade that changes one fails a named test. (Over real WebRTC, the hostile-peer P2P test
// connects a real y-webrtc peer to the app and syncs the incident.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as buffer from 'lib0/buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startSignalingServer, type SignalingServer } from '../../src/main/signaling/server';
import { PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { PeerRoom, type OpenPeer, type PeerTransport } from '../../src/renderer/sync/rooms/peerRoom';
import * as wire from '../../src/renderer/sync/rooms/peerWire';
import { deriveRoomKey, openSignal, sealSignal } from '../../src/renderer/sync/rooms/signalingCrypto';
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

  it('frames data-channel messages with the types peerWire.ts declares, and never uses the chunk type', () => {
    const source = readFileSync(`${yWebrtcDir}src/y-webrtc.js`, 'utf8');
    const declared = (name: string) => Number(new RegExp(`const ${name} = (\\d+)`).exec(source)?.[1]);
    expect(declared('messageSync')).toBe(wire.MESSAGE_SYNC);
    expect(declared('messageAwareness')).toBe(wire.MESSAGE_AWARENESS);
    expect(declared('messageQueryAwareness')).toBe(wire.MESSAGE_QUERY_AWARENESS);
    expect(declared('messageBcPeerId')).toBe(wire.MESSAGE_BC_PEER_ID);
    const types = [...source.matchAll(/const message\w+ = (\d+)/g)].map((match) => Number(match[1]));
    expect(types).not.toContain(wire.MESSAGE_CHUNK);
  });

  it('opens what the room seals: same key from the same secret and room id, same framing', async () => {
    const yCrypto = await yWebrtcCrypto();
    const theirs = await yCrypto.deriveKey(SECRET, ROOM);
    const ours = await deriveRoomKey(SECRET, ROOM);
    const announce = { type: 'announce', from: 'peer-1' };
    expect(await yCrypto.decryptJson(await sealSignal(announce, ours), theirs)).toEqual(announce);
  });

  it('seals what the room opens', async () => {
    const yCrypto = await yWebrtcCrypto();
    const signal = { to: 'peer-2', from: 'peer-1', type: 'signal', token: 1764672000000.5, signal: { type: 'offer', sdp: 'v=0' } };
    const sealed = await yCrypto.encryptJson(signal, await yCrypto.deriveKey(SECRET, ROOM));
    expect(await openSignal(sealed, await deriveRoomKey(SECRET, ROOM))).toEqual(signal);
    await expect(openSignal(sealed, await deriveRoomKey('another secret', ROOM))).rejects.toThrow(/another room secret/);
  });

  it('publishes signals with the fields y-webrtc reads: to, from, type, token and signal', async () => {
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
    await vi.waitFor(() => expect(rooms[0]!.state().peers).toBe(1), { timeout: 10_000 });
    const yCrypto = await yWebrtcCrypto();
    const key = await yCrypto.deriveKey(SECRET, ROOM);
    const opened = await Promise.all(signaling.published.map(({ data }) => yCrypto.decryptJson(buffer.fromBase64(String(data)), key)));
    const ids = rooms.map((room) => room.peerId);
    expect(opened).toContainEqual({ type: 'announce', from: expect.toBeOneOf(ids), client: expect.any(Number) });
    const signals = opened.filter((message) => (message as { type?: string }).type === 'signal');
    expect(signals.length).toBeGreaterThanOrEqual(2);
    for (const message of signals) {
      expect(message).toEqual({
        type: 'signal',
        from: expect.toBeOneOf(ids),
        to: expect.toBeOneOf(ids),
        token: expect.any(Number),
        client: expect.any(Number),
        signal: expect.objectContaining({ type: expect.any(String) }),
      });
    }
  });

  it('hears a real y-webrtc provider announce itself through a real signaling server, and answers it', async () => {
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
    // Everything published in the room, as the server relays it.
    const observer = new WebSocket(url);
    const relayed: string[] = [];
    observer.on('message', (frame) => {
      const message = JSON.parse(String(frame)) as { type?: string; data?: unknown };
      if (message.type === 'publish' && typeof message.data === 'string') relayed.push(message.data);
    });
    await new Promise((resolve) => observer.once('open', resolve));
    observer.send(JSON.stringify({ type: 'subscribe', topics: [ROOM] }));
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
    await vi.waitFor(() => expect(room.state().servers[0]?.connected).toBe(true), { timeout: 10_000 });
    // maxConns 0: y-webrtc answers no announcement with a connection of its own, so nothing in
    // this process starts WebRTC. It announces itself when its signaling connects, if its room
    // exists by then (the room waits for the key), so it gets the address once the room is there.
    const provider = new WebrtcProvider(ROOM, new Y.Doc(), { signaling: [], password: SECRET, maxConns: 0, peerOpts: {} });
    cleanups.push(() => {
      // destroy() alone leaves y-webrtc's signaling connection open.
      provider.disconnect();
      provider.destroy();
    });
    await vi.waitFor(() => expect(provider.room).not.toBeNull(), { timeout: 10_000 });
    provider.signalingUrls = [url];
    provider.connect();
    const theirs = provider.room!.peerId;
    const yCrypto = await yWebrtcCrypto();
    const key = await yCrypto.deriveKey(SECRET, ROOM);
    if (room.peerId > theirs) {
      // The room offers to peers whose id is smaller.
      await vi.waitFor(() => expect(peers.opened).toEqual([{ initiator: true }]), { timeout: 10_000 });
    } else {
      // Otherwise it announces itself to that peer, in the form y-webrtc reads, so that it offers.
      await vi.waitFor(
        async () => {
          const opened = await Promise.all(relayed.map((data) => yCrypto.decryptJson(buffer.fromBase64(data), key)));
          expect(opened).toContainEqual({ type: 'announce', from: room.peerId, to: theirs, client: doc.clientID });
        },
        { timeout: 10_000 },
      );
      expect(peers.opened).toEqual([]);
    }
    expect(room.state().foreignSignals).toBe(0);
  });
});
