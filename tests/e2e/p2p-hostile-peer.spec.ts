// A hostile peer holding the room secret floods the incident commander's browser with 10,000
// malformed, oversized and out-of-schema messages over a real WebRTC connection: the page stays
// up, every record is still there, the peer is dropped, the room says so, and it stays dropped.
// Runs only in a loopback-only network namespace (npm run test:p2p).
import { expect, test } from '@playwright/test';
import { parseJoinInput } from '../../src/core/joinCode';
import type { SignalingServer } from '../../src/main/signaling/server';
import { declareIncident, readTimeline } from './support/app';
import { hostileMessages } from './support/hostileMessages';
import { NodePeer } from './support/nodePeer';
import {
  addNote,
  copyJoinCode,
  openConnection,
  Peer,
  requireLoopbackOnlyNetwork,
  setSignalingAddress,
  startTestSignaling,
} from './support/p2p';

const SEED = 0x5eed6;
const MESSAGES = 10_000;
/** What Chromium's data channel accepts in one message (its SCTP max-message-size). */
const CHANNEL_MAX_BYTES = 256 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let signaling: { server: SignalingServer; url: string };
const cleanups: Array<() => Promise<void> | void> = [];

test.describe.configure({ timeout: 120_000 });

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

test('a peer sending 10,000 hostile messages is dropped; the page stays up and the document whole', async () => {
  const ic = new Peer('Avery Chen');
  cleanups.push(() => ic.stop());
  const page = await ic.start();

  await declareIncident(page, { title: 'Payments degraded', severity: 'SEV1', summary: 'Card payments time out' });
  await page.getByRole('button', { name: 'Add person' }).click();
  const person = page.getByRole('dialog', { name: 'Add person' });
  await person.getByLabel('Name').fill('Blake Ortiz');
  await person.getByRole('button', { name: 'Add person' }).click();
  await expect(person).toBeHidden();
  await page.getByRole('button', { name: 'New task' }).click();
  const task = page.getByRole('dialog', { name: 'New task' });
  await task.getByLabel('Task').fill('Roll back deploy 4411');
  await task.getByLabel('Assignee').selectOption({ label: 'Blake Ortiz' });
  await task.getByRole('button', { name: 'Create task' }).click();
  await expect(task).toBeHidden();
  await addNote(page, 'Gateway 502s since 14:02');
  await addNote(page, 'Paging the payments on-call');
  await setSignalingAddress(page, signaling.url);
  const code = await copyJoinCode(page);
  const parsed = await parseJoinInput(code);
  if (!parsed.ok) throw new Error(parsed.message);
  const before = await readTimeline(page);
  expect(before).toContain('Gateway 502s since 14:02');

  // The hostile peer: the app's own room in this Node process (real WebRTC), with the real secret;
  // it then writes on its connection by hand, past its own room.
  const hostile = new NodePeer({ ...parsed.invitation, signaling: [signaling.url], iceServers: [] });
  cleanups.push(() => hostile.stop());
  await expect.poll(() => hostile.peers(), { timeout: 30_000 }).toBe(1);
  await expect(page.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 15_000 });
  // It has the whole incident: the secret is all a peer needs to read and write.
  await expect.poll(() => hostile.room.status().synced, { timeout: 15_000 }).toBe(true);
  expect(hostile.doc.share.size).toBeGreaterThan(0);
  const conn = hostile.transports.find((transport) => transport.connected)!;
  const victims = [...hostile.room.awareness.getStates().keys()].filter((id) => id !== hostile.room.awareness.clientID);

  // The room says so with a toast (shown for a few seconds only, so watched from the start).
  const toast = page
    .getByRole('status')
    .filter({ hasText: /Dropped a peer that sent (\d+ malformed messages|an oversized message); it cannot reconnect this session\./ });
  const toastShown = expect(toast).toBeVisible({ timeout: 45_000 });

  let sent = 0;
  const deadline = Date.now() + 30_000;
  for (const message of hostileMessages({ seed: SEED, count: MESSAGES, oversizedBytes: CHANNEL_MAX_BYTES, victimClientIds: victims })) {
    // Keep the channel's send buffer short: libwebrtc closes a channel whose buffer overflows.
    while (!conn.destroyed && conn.bufferSize > 1024 * 1024 && Date.now() < deadline) await sleep(5);
    // Once the browser has cut the connection, nothing more can be sent on it.
    if (conn.destroyed || Date.now() > deadline) break;
    try {
      conn.send(message.bytes);
      sent += 1;
    } catch {
      break;
    }
    if (sent % 50 === 0) await sleep(0);
  }
  console.log(`hostile peer: ${sent} of ${MESSAGES} messages handed to the data channel before the browser closed it`);
  await toastShown;
  await expect.poll(() => conn.destroyed, { timeout: 15_000 }).toBe(true);
  expect(sent).toBeLessThan(MESSAGES);
  const details = await openConnection(page);
  await expect(details.getByRole('list', { name: 'Dropped peers' }).getByRole('listitem')).toHaveCount(1);
  await expect(details.getByRole('list', { name: 'Dropped peers' })).toContainText(
    /Dropped a peer that sent (\d+ malformed messages|an oversized message) at \d\d:\d\d/,
  );
  await expect(details.getByLabel('Peers connected')).toHaveText('0');
  // The presences it made up (well-formed ones, with names) left with it.
  await expect(details.getByText('Nobody else')).toBeVisible();

  // It does not come back: it announces itself again (its connection closed), and nothing connects.
  await page.waitForTimeout(5000);
  await expect(details.getByLabel('Peers connected')).toHaveText('0');
  expect(hostile.peers()).toBe(0);
  expect(hostile.transports.filter((transport) => transport.connected)).toHaveLength(0);
  await details.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: 'Connection: Waiting for peers' })).toBeVisible();

  // The page is up and still works; everything written before is there and readable.
  expect(ic.errors, 'uncaught errors in the page').toEqual([]);
  await addNote(page, 'Still here after the flood');
  await expect(page.getByText('Still here after the flood')).toBeVisible();
  const after = await readTimeline(page);
  const known = new Set(before);
  expect(after.filter((text) => known.has(text))).toEqual(before);
  expect(after).toContain('Still here after the flood');
  await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem', { name: 'Blake Ortiz' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'Roll back deploy 4411', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Payments degraded' })).toBeVisible();
  expect(ic.errors, 'uncaught errors in the page').toEqual([]);
});
