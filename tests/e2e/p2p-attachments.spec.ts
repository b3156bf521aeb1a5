// Attachments between laptops over real WebRTC, inside a loopback-only network namespace
// (npm run test:p2p): a screenshot attached before a responder joined reaches that responder;
// a peer serving a file whose bytes do not match its SHA-256 is dropped as hostile, the file
// stays "waiting", and it arrives whole from an honest peer.
import wrtc from '@roamhq/wrtc';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type AttachmentMeta, sha256Hex } from '../../src/core/attachments';
import { recordEntry } from '../../src/core/commands';
import { parseJoinInput } from '../../src/core/joinCode';
import { readIncidentInfo, readSnapshot } from '../../src/core/read';
import type { SignalingServer } from '../../src/main/signaling/server';
import { AttachmentSync } from '../../src/renderer/sync/attachments/attachmentSync';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { declareIncident, screenshotsAtLaptopSizes } from './support/app';
import {
  copyJoinCode,
  joinWithCode,
  openConnection,
  Peer,
  requireLoopbackOnlyNetwork,
  setSignalingAddress,
  startTestSignaling,
} from './support/p2p';
import { pick } from './support/files';
import { makePng, sha256 } from './support/png';

// The room's signaling client uses the browser's WebSocket; Node 20 has none, ws is compatible.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

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

function entryWithText(page: Page, text: string): Locator {
  return page
    .getByRole('list', { name: 'Timeline' })
    .getByRole('article')
    .filter({ has: page.getByTestId('entry-text').getByText(text, { exact: true }) });
}

/**
 * A laptop in this Node process: the app's own room (RoomManager, real WebRTC through wrtc) and
 * its attachment sync, serving `bytes` for every file the document refers to. An honest one
 * serves the real bytes; a lying one serves others of the same length.
 */
async function nodeLaptop(code: string, serve: (meta: AttachmentMeta) => Uint8Array) {
  const parsed = await parseJoinInput(code);
  if (!parsed.ok) throw new Error(parsed.message);
  const doc = new Y.Doc();
  const rooms = new RoomManager({ peerOpts: { wrtc } });
  const handle = rooms.open(doc, {
    roomId: parsed.invitation.roomId,
    secret: parsed.invitation.secret,
    signaling: [signaling.url],
    iceServers: [],
  });
  const referenced = () => (readSnapshot(doc)?.timeline ?? []).flatMap((entry) => entry.attachments);
  const sync = new AttachmentSync({
    peers: handle.appChannel('attachments'),
    files: {
      get: async (sha) => {
        const meta = referenced().find((m) => m.sha256 === sha);
        return meta ? serve(meta) : null;
      },
      present: async (shas) => new Set(shas),
      put: async () => undefined,
    },
    referenced,
  });
  const stop = () => {
    sync.destroy();
    rooms.closeAll();
    doc.destroy();
  };
  cleanups.push(stop);
  await expect.poll(() => readIncidentInfo(doc) !== null, { timeout: 30_000 }).toBe(true);
  return { doc, handle, stop };
}

test('a screenshot attached before a responder joined reaches the responder, whole', async () => {
  const ic = new Peer('Avery Chen');
  cleanups.push(() => ic.stop());
  const page = await ic.start();
  await declareIncident(page, { title: 'Search latency doubled', severity: 'SEV2' });
  const png = makePng(400, 225, [30, 120, 90]);
  const quick = page.getByRole('form', { name: 'Quick entry' });
  await pick(page, quick.getByRole('button', { name: 'Attach a file to the new entry' }), {
    name: 'search-p95.png',
    mimeType: 'image/png',
    buffer: png,
  });
  await quick.getByLabel('Entry text').fill('Search p95 at 1.8 s since 10:05');
  await quick.getByLabel('Entry text').press('Enter');
  await expect(entryWithText(page, 'Search p95 at 1.8 s since 10:05').getByRole('img', { name: 'search-p95.png' })).toBeVisible();
  await setSignalingAddress(page, signaling.url);
  const code = await copyJoinCode(page);

  const responder = new Peer('Blake Ortiz');
  cleanups.push(() => responder.stop());
  const late = await responder.start();
  await joinWithCode(late, code);
  const entry = entryWithText(late, 'Search p95 at 1.8 s since 10:05');
  const thumbnail = entry.getByRole('img', { name: 'search-p95.png' });
  await expect(thumbnail).toBeVisible({ timeout: 30_000 });
  expect(await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([400, 225]);
  await screenshotsAtLaptopSizes(late, 'p2p-attachment-late-joiner');
  await entry.getByRole('button', { name: 'Open search-p95.png full size' }).click();
  const viewer = late.getByRole('dialog', { name: 'search-p95.png' });
  await expect(viewer).toContainText(sha256(png));
  await viewer.getByRole('button', { name: 'Close' }).click();
  expect(ic.errors).toEqual([]);
  expect(responder.errors).toEqual([]);
});

test('a peer whose file does not match its SHA-256 is dropped; the file then comes whole from an honest peer', async () => {
  const ic = new Peer('Avery Chen');
  cleanups.push(() => ic.stop());
  const page = await ic.start();
  await declareIncident(page, { title: 'Queue consumers stalled', severity: 'SEV2' });
  await setSignalingAddress(page, signaling.url);
  const code = await copyJoinCode(page);

  const png = makePng(300, 200, [150, 110, 20]);
  const meta: AttachmentMeta = { sha256: await sha256Hex(png), name: 'consumer-lag.png', type: 'image/png', size: png.length };
  // Same length, every byte of the last part flipped: only the hash tells.
  const forged = Uint8Array.from(png, (byte, index) => (index > png.length - 64 ? byte ^ 0xff : byte));
  const liar = await nodeLaptop(code, () => forged);
  await expect(page.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 30_000 });
  recordEntry(
    liar.doc,
    { kind: 'fact', text: 'Consumer lag graph from the queue dashboard', attachments: [meta] },
    { id: 'liar', name: 'Lee' },
  );

  const entry = entryWithText(page, 'Consumer lag graph from the queue dashboard');
  await expect(entry).toBeVisible({ timeout: 30_000 });
  const toast = page.getByRole('status').filter({ hasText: /Dropped a peer that sent "consumer-lag\.png" whose SHA-256 does not match/ });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(entry.getByRole('status')).toHaveText('Waiting for consumer-lag.png from peers');
  await expect(entry.getByRole('img')).toHaveCount(0);
  await expect.poll(() => liar.handle.status().peers, { timeout: 15_000 }).toBe(0);
  const details = await openConnection(page);
  await expect(details.getByRole('list', { name: 'Dropped peers' })).toContainText(
    /Dropped a peer that sent "consumer-lag\.png" whose SHA-256 does not match \(got [0-9a-f]{12}…, expected [0-9a-f]{12}…\)/,
  );
  await screenshotsAtLaptopSizes(page, 'p2p-attachment-hostile-dropped');
  await details.getByRole('button', { name: 'Close' }).click();
  await screenshotsAtLaptopSizes(page, 'p2p-attachment-waiting');

  await nodeLaptop(code, () => png);
  const thumbnail = entry.getByRole('img', { name: 'consumer-lag.png' });
  await expect(thumbnail).toBeVisible({ timeout: 30_000 });
  expect(await thumbnail.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([300, 200]);
  // Stored as the document says, byte for byte.
  await entry.getByRole('button', { name: 'Open consumer-lag.png full size' }).click();
  await expect(page.getByRole('dialog', { name: 'consumer-lag.png' })).toContainText(meta.sha256);
  expect(ic.errors).toEqual([]);
});
