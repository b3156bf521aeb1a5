// The room's app channel over real WebRTC (@roamhq/wrtc) between two Node peers running the
// app's room manager: a feature's messages reach the other laptop whole (a 1 MiB payload in
// data-channel chunks), on their own channel only, with the sender's presence id; a peer
// reported hostile is cut off. Inside the loopback-only namespace (npm run test:p2p).
import { expect, test } from '@playwright/test';
import type { SignalingServer } from '../../src/main/signaling/server';
import { MAX_APP_PAYLOAD_BYTES } from '../../src/renderer/sync/rooms/appChannel';
import { NodePeer } from './support/nodePeer';
import { requireLoopbackOnlyNetwork, startTestSignaling } from './support/p2p';

let signaling: { server: SignalingServer; url: string };
const peers: NodePeer[] = [];

test.beforeAll(async () => {
  requireLoopbackOnlyNetwork();
  signaling = await startTestSignaling();
});

test.afterAll(async () => {
  for (const peer of peers.splice(0)) peer.stop();
  await signaling?.server.close();
});

test('app messages cross a real WebRTC connection whole, on their own channel, and a hostile peer is cut off', async () => {
  const config = { roomId: 'c0'.repeat(16), secret: '5e'.repeat(16), signaling: [signaling.url], iceServers: [] };
  const a = new NodePeer(config);
  const b = new NodePeer(config);
  peers.push(a, b);
  const atA = a.room.appChannel('attachments');
  const atB = b.room.appChannel('attachments');
  const changes: number[] = [];
  atA.onPeersChanged(() => changes.push(atA.peers().length));
  await expect.poll(() => atA.peers().length, { timeout: 30_000 }).toBe(1);
  await expect.poll(() => atB.peers().length, { timeout: 30_000 }).toBe(1);
  const [bAtA] = atA.peers();
  const [aAtB] = atB.peers();
  expect(atA.clientIdOf(bAtA!)).toBe(b.room.awareness.clientID);
  expect(atB.clientIdOf(aAtB!)).toBe(a.room.awareness.clientID);
  expect(changes).toEqual([1]);

  const received: Array<{ from: string; payload: Uint8Array }> = [];
  atB.onMessage((from, payload) => received.push({ from, payload }));
  const onOther: Uint8Array[] = [];
  b.room.appChannel('room-key').onMessage((_, payload) => onOther.push(payload));
  const big = new Uint8Array(MAX_APP_PAYLOAD_BYTES);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 251;
  expect(atA.send(bAtA!, Uint8Array.of(1, 2, 3))).toBe(true);
  expect(atA.send(bAtA!, big)).toBe(true);
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
  expect(received[0]).toEqual({ from: aAtB, payload: Uint8Array.of(1, 2, 3) });
  expect(received[1]!.from).toBe(aAtB);
  expect(Buffer.compare(received[1]!.payload, big)).toBe(0);
  expect(onOther).toHaveLength(0);

  atB.reportHostile(aAtB!, 'sent a file that does not match its hash');
  await expect.poll(() => atA.peers().length, { timeout: 30_000 }).toBe(0);
  expect(b.room.status().droppedPeers).toMatchObject([
    { peerId: aAtB, reason: 'hostile', detail: 'sent a file that does not match its hash' },
  ]);
  expect(changes).toEqual([1, 0]);
  // It stays out: its room keeps announcing itself, and nothing connects.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(atB.peers()).toEqual([]);
  expect(atA.send(bAtA!, Uint8Array.of(4))).toBe(false);
});
