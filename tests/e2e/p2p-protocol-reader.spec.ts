// docs/protocol.md is enough to join a room and read an incident: a second implementation written
// from it alone (support/protocolReader.ts: node:crypto, ws, @roamhq/wrtc without simple-peer,
// y-protocols sync; nothing from src/) takes the join code the IC's Invite dialog shows, joins the
// room through the real signaling server, and reads the incident's title and timeline.
// Runs only in a loopback-only network namespace (npm run test:p2p).
import { expect, test } from '@playwright/test';
import type { SignalingServer } from '../../src/main/signaling/server';
import { declareIncident } from './support/app';
import { addNote, copyJoinCode, Peer, requireLoopbackOnlyNetwork, setSignalingAddress, startTestSignaling } from './support/p2p';
import { decodeCode, ProtocolReader } from './support/protocolReader';

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

test('a program written from docs/protocol.md joins with the code alone and reads the incident', async () => {
  const ic = new Peer('Avery Chen');
  cleanups.push(() => ic.stop());
  const page = await ic.start();
  await declareIncident(page, { title: 'Payments degraded', severity: 'SEV1', summary: 'Card payments time out' });
  await addNote(page, 'Gateway 502s since 14:02');
  await addNote(page, 'Paging the payments on-call');
  await setSignalingAddress(page, signaling.url);
  const code = await copyJoinCode(page);

  const room = decodeCode(code);
  expect(room.signaling).toContain(signaling.url);
  // A code altered by one character is refused by the second implementation too.
  const last = code.at(-1) === 'A' ? 'B' : 'A';
  expect(() => decodeCode(`${code.slice(0, -1)}${last}`)).toThrow(/does not check out/);

  const reader = new ProtocolReader(code, signaling.url);
  cleanups.push(() => reader.close());
  await expect
    .poll(() => reader.incident().timeline, { timeout: 30_000, message: `reader log: ${reader.log.join('; ')}` })
    .toEqual(expect.arrayContaining(['Gateway 502s since 14:02', 'Paging the payments on-call']));
  const { title, timeline } = reader.incident();
  expect(title).toBe('Payments degraded');
  expect(timeline.indexOf('Gateway 502s since 14:02')).toBeLessThan(timeline.indexOf('Paging the payments on-call'));
  // The IC sees the reader as a peer of the room.
  await expect(page.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 15_000 });

  // What the IC writes now reaches the reader as updates.
  await addNote(page, 'Rolled back deploy 4411');
  await expect.poll(() => reader.incident().timeline, { timeout: 15_000 }).toContain('Rolled back deploy 4411');
});
