// The room cannot be taken away from its members by an attacker on the same network replaying
// its signaling, nor by members coming and going (issue 12). The incident commander is a browser
// of its own; responders are Node peers running the app's room manager over real WebRTC
// (@roamhq/wrtc), so that a hundred rejoins stay cheap. Everything goes through a real signaling
// server on 127.0.0.1, inside a loopback-only network namespace (npm run test:p2p).
import * as buffer from 'lib0/buffer';
import { expect, test, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { parseJoinInput, type Invitation } from '../../src/core/joinCode';
import type { SignalingServer } from '../../src/main/signaling/server';
import { deriveRoomKeys, sealSignal } from '../../src/renderer/sync/rooms/signalingCrypto';
import { declareIncident, screenshotsAtLaptopSizes } from './support/app';
import { NodePeer } from './support/nodePeer';
import { copyJoinCode, openConnection, Peer, requireLoopbackOnlyNetwork, setSignalingAddress, startTestSignaling } from './support/p2p';

let signaling: { server: SignalingServer; url: string };
const cleanups: Array<() => Promise<void> | void> = [];

test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
  requireLoopbackOnlyNetwork();
  signaling = await startTestSignaling();
});

test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test.afterAll(async () => {
  await signaling?.server.close();
});

/** The incident commander's browser with a shared incident, and the invitation its join code carries. */
async function commander(): Promise<{ page: Page; ic: Peer; invitation: Invitation }> {
  const ic = new Peer('Avery Chen');
  cleanups.push(() => ic.stop());
  const page = await ic.start();
  await declareIncident(page, { title: 'Payments degraded', severity: 'SEV1', summary: 'Card payments time out' });
  await setSignalingAddress(page, signaling.url);
  const parsed = await parseJoinInput(await copyJoinCode(page));
  if (!parsed.ok) throw new Error(parsed.message);
  return { page, ic, invitation: parsed.invitation };
}

function responder(invitation: Invitation): NodePeer {
  const peer = new NodePeer({ roomId: invitation.roomId, secret: invitation.secret, signaling: invitation.signaling, iceServers: [] });
  cleanups.push(() => peer.stop());
  return peer;
}

/** A plain signaling client: what anyone on the network can open to the server. */
async function rawClient(topics: readonly string[]): Promise<{ socket: WebSocket; frames: string[] }> {
  const socket = new WebSocket(signaling.url);
  const frames: string[] = [];
  socket.on('message', (frame) => frames.push(String(frame)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  if (topics.length > 0) socket.send(JSON.stringify({ type: 'subscribe', topics }));
  cleanups.push(() => socket.close());
  return { socket, frames };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function roomDialogNumbers(page: Page): Promise<{ peers: string; opening: string }> {
  const details = page.getByRole('dialog', { name: 'Room connection' });
  return {
    peers: (await details.getByLabel('Peers connected').textContent()) ?? '',
    opening: (await details.getByLabel('Connections opening').textContent()) ?? '',
  };
}

test('replayed signaling opens nothing at the IC, and a new responder with a valid code still joins within 5 s', async () => {
  const { page, ic, invitation } = await commander();
  const { topic } = await deriveRoomKeys(invitation.secret, invitation.roomId);
  // Everything the room publishes, as the server relays it: what an attacker records.
  const recorder = await rawClient([topic]);

  const first = responder(invitation);
  await expect.poll(() => first.peers(), { timeout: 20_000 }).toBe(1);
  await expect(page.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 15_000 });
  first.stop();
  await expect(page.getByRole('button', { name: 'Connection: Waiting for peers' })).toBeVisible({ timeout: 15_000 });
  const recorded = recorder.frames.filter((frame) => (JSON.parse(frame) as { type?: string }).type === 'publish');
  expect(recorded.length).toBeGreaterThanOrEqual(4);

  // Replayed 50 times over from two connections, paced so a rate-limiting server relays them.
  const attackers = [await rawClient([topic]), await rawClient([topic])];
  for (let round = 0; round < 50; round++) {
    for (const [index, frame] of recorded.entries()) attackers[index % 2]!.socket.send(frame);
    await sleep(20);
  }
  const details = await openConnection(page);
  await expect(details.getByText(/Ignored \d+ signaling messages? received twice \(replayed\)/)).toBeVisible({ timeout: 15_000 });
  // Whatever is still arriving is refused too: no connection is opened to a ghost.
  await sleep(2000);
  expect(await roomDialogNumbers(page)).toEqual({ peers: '0', opening: '0' });

  const startedAt = Date.now();
  const next = responder(invitation);
  await expect.poll(() => next.peers(), { timeout: 5_000 }).toBe(1);
  console.log(
    `a new responder joined ${Date.now() - startedAt} ms after opening the room, after ${50 * recorded.length} replayed messages`,
  );
  await expect(details.getByLabel('Peers connected')).toHaveText('1', { timeout: 5_000 });
  await expect(details.getByLabel('Connections opening')).toHaveText('0');
  await screenshotsAtLaptopSizes(page, 'room-connection-after-replay');
  expect(ic.errors, 'uncaught errors in the page').toEqual([]);
});

test('a responder leaving and rejoining 100 times is connected every time, and no connection is left half open at the IC', async () => {
  const { page, ic, invitation } = await commander();
  const peer = responder(invitation);
  await expect.poll(() => peer.peers(), { timeout: 20_000 }).toBe(1);
  await expect(page.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 15_000 });
  const details = await openConnection(page);
  const times: number[] = [];
  for (let rejoin = 1; rejoin <= 100; rejoin++) {
    const startedAt = Date.now();
    // Leaves (saying so) and joins again with the same peer id and a new session, as Reconnect does.
    peer.room.reconnect();
    await expect.poll(() => peer.peers(), { timeout: 20_000, intervals: [10, 20, 50] }).toBe(1);
    times.push(Date.now() - startedAt);
    if (rejoin % 10 === 0) {
      await expect(details.getByLabel('Peers connected')).toHaveText('1', { timeout: 10_000 });
      await expect(details.getByLabel('Connections opening')).toHaveText('0', { timeout: 10_000 });
    }
  }
  times.sort((a, b) => a - b);
  console.log(`100 rejoins: median ${times[50]} ms, slowest ${times[99]} ms to connect again`);
  await expect(details.getByLabel('Peers connected')).toHaveText('1');
  await expect(details.getByLabel('Connections opening')).toHaveText('0');
  // The IC still takes a new responder: its slots did not fill up.
  const other = responder(invitation);
  await expect.poll(() => other.peers(), { timeout: 10_000 }).toBe(2);
  await expect(details.getByLabel('Peers connected')).toHaveText('2', { timeout: 10_000 });
  expect(ic.errors, 'uncaught errors in the page').toEqual([]);
});

test('a peer whose connection never opens is closed after 10 s and retried, and the dialog says so', async () => {
  const { page, ic, invitation } = await commander();
  const keys = await deriveRoomKeys(invitation.secret, invitation.roomId);
  const stranded = await rawClient([keys.topic]);
  // A member whose WebRTC never gets through: it announces itself (with an id below any the app
  // makes, so the IC offers) and never answers.
  const say = async (fields: Record<string, string>) => {
    const sealed = await sealSignal({ ...fields, from: '!stranded', client: 7, session: 1 }, keys.sealKey);
    stranded.socket.send(JSON.stringify({ type: 'publish', topic: keys.topic, data: buffer.toBase64(sealed) }));
  };
  await say({ type: 'announce' });
  const details = await openConnection(page);
  await expect(details.getByLabel('Connections opening')).toHaveText('1', { timeout: 10_000 });
  const failing = details.getByLabel('Failing connections');
  await expect(failing).toHaveText(
    /^Connections to 1 peer keep failing; (retrying in \d+ s|trying again now)\. The last failed at \d\d:\d\d\.$/,
    { timeout: 20_000 },
  );
  await screenshotsAtLaptopSizes(page, 'room-connection-failing');
  // It says it left: its slot and its retries are gone at once.
  await say({ type: 'leave' });
  await expect(failing).toBeHidden({ timeout: 10_000 });
  await expect(details.getByLabel('Connections opening')).toHaveText('0', { timeout: 10_000 });
  expect(ic.errors, 'uncaught errors in the page').toEqual([]);
});
