// The peer-to-peer war room end to end: real signaling on 127.0.0.1, one browser process per
// responder, WebRTC over loopback inside a loopback-only network namespace (npm run test:p2p).
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { declareIncident as declareInDoc, recordEntry } from '../../src/core/commands';
import { exportJson } from '../../src/core/export';
import { encodeJoinCode, parseJoinInput } from '../../src/core/joinCode';
import { readSnapshot } from '../../src/core/read';
import type { SignalingServer } from '../../src/main/signaling/server';
import { deriveRoomKeys } from '../../src/renderer/sync/rooms/signalingCrypto';
import { WebSocket } from 'ws';
import { declareIncident, readTimeline } from './support/app';
import {
  addNote,
  copyJoinCode,
  joinWithCode,
  openConnection,
  Peer,
  requireLoopbackOnlyNetwork,
  setSignalingAddress,
  startTestSignaling,
} from './support/p2p';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let signaling: { server: SignalingServer; url: string };
const peers: Peer[] = [];

function peer(name: string): Peer {
  const created = new Peer(name);
  peers.push(created);
  return created;
}

test.beforeAll(async () => {
  requireLoopbackOnlyNetwork();
  signaling = await startTestSignaling();
});

test.afterEach(async () => {
  for (const p of peers) expect(p.errors, `uncaught errors in ${p.name}'s page`).toEqual([]);
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});

test.afterAll(async () => {
  await signaling?.server.close();
});

test('a responder joins with the copied code; edits cross both ways, survive a disconnect and converge', async () => {
  const ic = peer('Avery Chen');
  const responder = peer('Blake Ortiz');
  const icPage = await ic.start();
  const rPage = await responder.start();

  await declareIncident(icPage, { title: 'Checkout returns 500', severity: 'SEV2', summary: 'Card payments fail' });
  await setSignalingAddress(icPage, signaling.url);
  const code = await copyJoinCode(icPage);
  const parsed = await parseJoinInput(code);
  expect(parsed.ok && parsed.invitation.signaling).toEqual([signaling.url]);

  await joinWithCode(rPage, code);
  await expect(rPage.getByRole('heading', { level: 1, name: 'Checkout returns 500' })).toBeVisible({ timeout: 20_000 });

  // The responder is added to the people, the timeline says so, and both see each other online.
  const icPeople = icPage.getByRole('list', { name: 'People' });
  await expect(icPeople.getByRole('listitem', { name: 'Blake Ortiz' })).toBeVisible();
  await expect(icPeople.getByRole('listitem', { name: 'Blake Ortiz' }).getByLabel(/^Online/)).toBeVisible();
  await expect(
    rPage
      .getByRole('list', { name: 'People' })
      .getByRole('listitem', { name: 'Avery Chen' })
      .getByLabel(/^Online/),
  ).toBeVisible();
  await expect(icPage.getByText('Blake Ortiz joined the incident')).toBeVisible();
  await expect(icPage.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible();

  // Both edit; each sees the other's edit.
  await addNote(icPage, 'IC: paging the payments on-call');
  await addNote(rPage, 'Responder: gateway 502s since 14:02');
  await expect(rPage.getByText('IC: paging the payments on-call')).toBeVisible();
  await expect(icPage.getByText('Responder: gateway 502s since 14:02')).toBeVisible();

  // A record someone else is working on shows who.
  await icPage.getByRole('button', { name: 'New hypothesis' }).click();
  const newHypothesis = icPage.getByRole('dialog', { name: 'New hypothesis' });
  await newHypothesis.getByLabel('Hypothesis').fill('Gateway TLS certificate expired');
  await newHypothesis.getByRole('button', { name: 'Add hypothesis' }).click();
  await rPage.getByRole('button', { name: 'Add evidence to Gateway TLS certificate expired' }).click();
  const icCard = icPage.getByRole('article', { name: 'Hypothesis: Gateway TLS certificate expired' });
  await expect(icCard.getByRole('status', { name: 'Blake Ortiz is editing this' })).toBeVisible();
  await rPage.getByRole('dialog', { name: 'Add evidence' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(icCard.getByRole('status', { name: 'Blake Ortiz is editing this' })).toHaveCount(0);

  // The responder goes offline; both keep working; nothing crosses while apart.
  const rConnection = await openConnection(rPage);
  await rConnection.getByRole('button', { name: 'Go offline' }).click();
  await rConnection.getByRole('button', { name: 'Close' }).click();
  await expect(rPage.getByRole('button', { name: 'Connection: Offline (paused)' })).toBeVisible();
  await addNote(icPage, 'IC: rolled back deploy 4411');
  await addNote(rPage, 'Responder: error rate falling (written offline)');
  // The responder raises severity (anyone may, at once); the commander lowers it.
  await rPage.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('SEV1');
  await icPage.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('SEV3');
  // Apart for sure: the IC's room has seen the responder's connection close, so nothing can cross.
  const icApart = await openConnection(icPage);
  await expect(icApart.getByLabel('Peers connected')).toHaveText('0');
  await icApart.getByRole('button', { name: 'Close' }).click();
  await expect(rPage.getByText('IC: rolled back deploy 4411')).toHaveCount(0);
  await expect(icPage.getByText('Responder: error rate falling (written offline)')).toHaveCount(0);

  // Reconnect: everything written on both sides is on both sides.
  const again = await openConnection(rPage);
  await again.getByRole('button', { name: 'Reconnect' }).click();
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(rPage.getByText('IC: rolled back deploy 4411')).toBeVisible({ timeout: 20_000 });
  await expect(icPage.getByText('Responder: error rate falling (written offline)')).toBeVisible({ timeout: 20_000 });
  // Severity was changed on both sides: the merged room picks one, the same everywhere, and asks
  // the commander to confirm; both changes stay in the timeline.
  const conflict = icPage.getByRole('alert', { name: 'Decided twice while the room was split' });
  await expect(conflict).toBeVisible();
  await expect(rPage.getByRole('alert', { name: 'Decided twice while the room was split' })).toBeVisible();
  const kept = await icPage.getByRole('combobox', { name: 'Severity', exact: true }).inputValue();
  expect(['SEV1', 'SEV3']).toContain(kept);
  await expect(rPage.getByRole('combobox', { name: 'Severity', exact: true })).toHaveValue(kept);
  await conflict.getByRole('button', { name: `Confirm severity ${kept}` }).click();
  await expect(conflict).toHaveCount(0);
  await expect(rPage.getByRole('alert', { name: 'Decided twice while the room was split' })).toHaveCount(0);
  // After the reconnect the responder is shown online again.
  await expect(icPeople.getByRole('listitem', { name: 'Blake Ortiz' }).getByLabel(/^Online/)).toBeVisible();

  const [icTimeline, rTimeline] = [await readTimeline(icPage), await readTimeline(rPage)];
  expect(rTimeline).toEqual(icTimeline);
  expect(icTimeline.filter((text) => /Severity changed from SEV2 to SEV[13]/.test(text))).toHaveLength(2);
  for (const text of [
    'IC: paging the payments on-call',
    'Responder: gateway 502s since 14:02',
    'IC: rolled back deploy 4411',
    'Responder: error rate falling (written offline)',
  ]) {
    expect(icTimeline).toContain(text);
  }

  // The joined incident stays in the responder's library.
  await rPage.getByRole('button', { name: '← Incidents' }).click();
  await expect(rPage.getByRole('button', { name: /Checkout returns 500/ }).first()).toBeVisible();
});

test('a peer with the wrong secret cannot connect or read anything', async () => {
  const ic = peer('Avery Chen');
  const intruder = peer('Mallory');
  const icPage = await ic.start();
  const intruderPage = await intruder.start();

  await declareIncident(icPage, { title: 'Secret incident', severity: 'SEV2', summary: 'Nobody outside may read this' });
  await setSignalingAddress(icPage, signaling.url);
  const code = await copyJoinCode(icPage);
  const parsed = await parseJoinInput(code);
  if (!parsed.ok) throw new Error(parsed.message);
  // Same room and signaling, another secret: what someone who guessed or overheard the room id has.
  const forged = await encodeJoinCode({
    ...parsed.invitation,
    secret: parsed.invitation.secret.replace(/^./, (c) => (c === '0' ? '1' : '0')),
  });

  // Another secret is another signaling topic (derived from the secret): watch the intruder's.
  const forgedParsed = await parseJoinInput(forged);
  if (!forgedParsed.ok) throw new Error(forgedParsed.message);
  const intruderTopic = (await deriveRoomKeys(forgedParsed.invitation.secret, forgedParsed.invitation.roomId)).topic;
  const observer = new WebSocket(signaling.url);
  let intruderPublished = 0;
  observer.on('message', (frame) => {
    if ((JSON.parse(String(frame)) as { type?: string }).type === 'publish') intruderPublished += 1;
  });
  await new Promise((resolve) => observer.once('open', resolve));
  observer.send(JSON.stringify({ type: 'subscribe', topics: [intruderTopic] }));

  // The intruder never gets the incident, so is never asked who they are.
  await joinWithCode(intruderPage, forged, null);
  await expect(intruderPage.getByRole('status', { name: 'Waiting for the room' })).toBeVisible();
  // The intruder's signaling has reached the server before the check below, so it proves
  // something however fast or slow this machine is; the IC's room never even hears it.
  await expect.poll(() => intruderPublished, { timeout: 20_000 }).toBeGreaterThan(0);
  observer.close();
  const details = await openConnection(icPage);
  await expect(details.getByText(/from someone without this room’s secret were ignored/)).toHaveCount(0);
  await expect(details.getByLabel('Peers connected')).toHaveText('0');
  await expect(intruderPage.getByRole('status', { name: 'Waiting for the room' })).toBeVisible();
  await expect(intruderPage.getByText('Secret incident')).toHaveCount(0);
  await expect(icPage.getByRole('list', { name: 'People' }).getByRole('listitem', { name: 'Mallory' })).toHaveCount(0);
});

test('a correction and a retraction made on one laptop show on the other, with their history', async () => {
  const ic = peer('Avery Chen');
  const responder = peer('Blake Ortiz');
  const icPage = await ic.start();
  const rPage = await responder.start();
  await declareIncident(icPage, { title: 'Corrections cross the room', severity: 'SEV2' });
  await setSignalingAddress(icPage, signaling.url);
  await joinWithCode(rPage, await copyJoinCode(icPage));
  await expect(rPage.getByRole('heading', { level: 1, name: 'Corrections cross the room' })).toBeVisible({ timeout: 30_000 });

  await addNote(icPage, 'Primary at 100% CPU');
  await addNote(icPage, 'Wrong room, ignore');
  const entry = (page: typeof icPage, text: string) =>
    page
      .getByRole('list', { name: 'Timeline' })
      .getByRole('article')
      .filter({ has: page.getByTestId('entry-text').getByText(text, { exact: true }) });
  await expect(entry(rPage, 'Wrong room, ignore')).toHaveCount(1, { timeout: 30_000 });

  // The IC corrects one entry and retracts the other.
  await entry(icPage, 'Primary at 100% CPU').getByRole('button', { name: 'Correct this entry' }).click();
  const correcting = icPage.getByRole('dialog', { name: 'Correct entry' });
  await correcting.getByLabel('Text').fill('Primary at 95% CPU');
  await correcting.getByRole('button', { name: 'Save correction' }).click();
  await expect(correcting).toBeHidden();
  await entry(icPage, 'Wrong room, ignore').getByRole('button', { name: 'Retract this entry' }).click();
  const retracting = icPage.getByRole('dialog', { name: 'Retract' });
  await retracting.getByLabel('Reason (optional)').fill('Posted in the wrong room');
  await retracting.getByRole('button', { name: 'Retract' }).click();
  await expect(retracting).toBeHidden();

  // The responder's laptop shows both, and the history one click away.
  const corrected = entry(rPage, 'Primary at 95% CPU');
  await expect(corrected).toHaveCount(1, { timeout: 30_000 });
  await corrected.getByRole('button', { name: 'Edited: show the history' }).click();
  const history = rPage.getByRole('dialog', { name: 'Entry history' });
  await expect(history).toContainText('Primary at 100% CPU');
  await expect(history).toContainText('Corrected by Avery Chen');
  await history.getByRole('button', { name: 'Close' }).click();
  const retracted = rPage.getByRole('list', { name: 'Timeline' }).getByRole('article', { name: /, retracted/ });
  await expect(retracted).toHaveCount(1, { timeout: 30_000 });
  await expect(retracted.getByTestId('entry-text')).toHaveText('Wrong room, ignore');
  await retracted.getByRole('button', { name: 'Retracted: show the history' }).click();
  await expect(rPage.getByRole('dialog', { name: 'Entry history' })).toContainText('Posted in the wrong room');
});

test('five peers converge on one timeline', async () => {
  const ic = peer('Avery Chen');
  const icPage = await ic.start();
  await declareIncident(icPage, { title: 'Five peer drill', severity: 'SEV3' });
  await setSignalingAddress(icPage, signaling.url);
  const code = await copyJoinCode(icPage);

  const responders = ['Blake Ortiz', 'Casey Lin', 'Dana Kim', 'Eli Moss'].map(peer);
  const pages = await Promise.all(responders.map((r) => r.start()));
  await Promise.all(pages.map((p) => joinWithCode(p, code)));
  for (const p of pages) await expect(p.getByRole('heading', { level: 1, name: 'Five peer drill' })).toBeVisible({ timeout: 30_000 });

  // Everyone writes at once.
  const all = [icPage, ...pages];
  const names = ['Avery Chen', ...responders.map((r) => r.name)];
  await Promise.all(all.map((p, i) => addNote(p, `Note from ${names[i]}`)));
  for (const p of all) {
    for (const name of names) await expect(p.getByText(`Note from ${name}`)).toBeVisible({ timeout: 30_000 });
    await expect(p.getByRole('list', { name: 'People' }).getByRole('listitem')).toHaveCount(5);
  }
  const timelines = await Promise.all(all.map((p) => readTimeline(p)));
  for (const timeline of timelines.slice(1)) expect(timeline).toEqual(timelines[0]);
});

test('a long incident (over a megabyte) reaches a responder who joins late', async () => {
  // 4,000 entries encode to well over Chromium's 256 KiB per data-channel message: the first sync
  // must travel in chunks. The incident comes in through the JSON import, and gets its room then.
  const doc = new Y.Doc();
  const author = { id: 'ic-import', name: 'Avery Chen', now: () => Date.UTC(2026, 10, 21, 9, 0, 0) };
  declareInDoc(doc, { title: 'Long night on payments', severity: 'SEV1', summary: 'Sustained 5xx' }, author);
  for (let i = 1; i <= 4000; i += 1) {
    recordEntry(doc, { kind: 'note', text: `Observation ${i}: gateway latency p99 ${1000 + i} ms on shard ${i % 17}` }, author);
  }
  const snapshot = readSnapshot(doc)!;
  const file = exportJson(snapshot, { now: Date.UTC(2026, 10, 21, 12, 0, 0) });
  expect(Y.encodeStateAsUpdate(doc).length).toBeGreaterThan(256 * 1024);

  const ic = peer('Avery Chen');
  const responder = peer('Blake Ortiz');
  const icPage = await ic.start();
  const rPage = await responder.start();
  await icPage
    .getByLabel('Incident export file to import')
    .setInputFiles({ name: 'long-night.json', mimeType: 'application/json', buffer: Buffer.from(file, 'utf8') });
  await expect(icPage.getByRole('heading', { level: 1, name: 'Long night on payments' })).toBeVisible();
  await icPage.getByRole('button', { name: 'Invite' }).click();
  await icPage.getByRole('dialog', { name: 'Invite responders' }).getByRole('button', { name: 'Open a room' }).click();
  await setSignalingAddress(icPage, signaling.url);
  const code = await copyJoinCode(icPage);

  await joinWithCode(rPage, code);
  await expect(rPage.getByRole('heading', { level: 1, name: 'Long night on payments' })).toBeVisible({ timeout: 30_000 });
  const entries = snapshot.timeline.length + 1; // and the entry that says the responder joined
  await expect(rPage.getByRole('region', { name: 'Timeline' })).toContainText(`${entries} entries`, { timeout: 30_000 });
  await expect(icPage.getByRole('region', { name: 'Timeline' })).toContainText(`${entries} entries`);
  await expect(rPage.getByText('Observation 4000: gateway latency p99 5000 ms on shard 5')).toBeVisible();
});
