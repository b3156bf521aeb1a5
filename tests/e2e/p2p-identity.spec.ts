// One person, one identity, and removing a participant, between real laptops: each peer its own
// browser process, real signaling on 127.0.0.1, WebRTC over loopback inside the loopback-only
// network namespace (scripts/in-loopback-netns.sh).
import { expect, test, type Page } from '@playwright/test';
import type { SignalingServer } from '../../src/main/signaling/server';
import { addPerson, declareIncident, readTimeline, screenshotsAtLaptopSizes } from './support/app';
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

const roster = (page: Page) => page.getByRole('list', { name: 'People' });

async function peersConnected(page: Page): Promise<string> {
  const details = await openConnection(page);
  const count = (await details.getByLabel('Peers connected').textContent()) ?? '';
  await details.getByRole('button', { name: 'Close' }).click();
  return count;
}

test('a responder picks the person the IC added: one person in the roster, and a duplicate name is refused', async () => {
  const ic = peer('Avery Chen');
  const responder = peer('Aiko Tanaka');
  const [icPage, rPage] = await Promise.all([ic.start(), responder.start()]);
  await declareIncident(icPage, { title: 'Replica lag on orders-db', severity: 'SEV2', summary: 'Reads are stale' });
  await addPerson(icPage, 'Aiko Tanaka');
  await addPerson(icPage, 'Rex Moreno');
  await setSignalingAddress(icPage, signaling.url);
  await joinWithCode(rPage, await copyJoinCode(icPage), null);

  const dialog = rPage.getByRole('dialog', { name: 'Who are you in this incident?' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  // Everyone the IC added is offered; the profile's own name is chosen first.
  await expect(dialog.getByRole('radio', { name: 'Aiko Tanaka', exact: true })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Avery Chen', exact: true })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Rex Moreno', exact: true })).toBeVisible();
  // Escape does not dismiss it: this laptop is no one in the roster yet.
  await rPage.keyboard.press('Escape');
  await expect(dialog).toBeVisible();

  // Adding oneself under a name already taken (other case, extra spaces) is refused, naming who has it.
  await dialog.getByRole('radio', { name: 'Add me as a new person' }).check();
  await expect(dialog.getByLabel('Your name')).toHaveValue('Aiko Tanaka');
  await dialog.getByLabel('Your name').fill('  aiko   TANAKA ');
  await screenshotsAtLaptopSizes(rPage, 'identity-dialog-new-person');
  await dialog.getByRole('button', { name: 'Add me' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Aiko Tanaka is already in this incident. Pick Aiko Tanaka instead of adding a second person with the same name, or use a different name.',
  );
  await screenshotsAtLaptopSizes(rPage, 'identity-dialog-refused');
  // Nothing was written: the IC still has three people.
  await expect(roster(icPage).getByRole('listitem')).toHaveCount(3);

  await dialog.getByRole('radio', { name: 'Aiko Tanaka', exact: true }).check();
  await screenshotsAtLaptopSizes(rPage, 'identity-dialog-pick');
  await dialog.getByRole('button', { name: 'Join as Aiko Tanaka' }).click();
  await expect(dialog).toBeHidden();

  // One Aiko in the roster on both laptops, this laptop is her, and the record says she joined.
  for (const page of [icPage, rPage]) {
    await expect(roster(page).getByRole('listitem')).toHaveCount(3);
    await expect(roster(page).getByRole('listitem', { name: 'Aiko Tanaka' })).toHaveCount(1);
  }
  await expect(roster(rPage).getByRole('listitem', { name: 'Aiko Tanaka' })).toContainText('(you)');
  await expect(icPage.getByText('Aiko Tanaka joined the room from a laptop')).toBeVisible();
  await expect(
    roster(icPage)
      .getByRole('listitem', { name: 'Aiko Tanaka' })
      .getByLabel(/^Online/),
  ).toBeVisible();

  // What she writes is hers, on both laptops.
  await addNote(rPage, 'Replica lag is 40 minutes on orders-db-2');
  await expect(icPage.getByText('Replica lag is 40 minutes on orders-db-2')).toBeVisible();
  await screenshotsAtLaptopSizes(rPage, 'identity-roster-linked');

  // Only the IC marks someone as left; the record says so on both laptops and Rex is no longer offered.
  await expect(roster(rPage).getByRole('button', { name: 'Mark Rex Moreno as left' })).toHaveCount(0);
  await icPage.getByRole('button', { name: 'Mark Rex Moreno as left' }).click();
  await expect(roster(icPage).getByRole('listitem', { name: 'Rex Moreno' })).toContainText('Left');
  await expect(rPage.getByText('Rex Moreno left the incident')).toBeVisible();
  await rPage.getByRole('button', { name: 'Assign role' }).click();
  const assign = rPage.getByRole('dialog', { name: 'Assign role' });
  await expect(assign.getByLabel('Person').getByRole('option', { name: 'Aiko Tanaka' })).toHaveCount(1);
  await expect(assign.getByLabel('Person').getByRole('option', { name: 'Rex Moreno' })).toHaveCount(0);
  await assign.getByRole('button', { name: 'Cancel' }).click();

  // Reopened, the laptop is not asked again.
  await rPage.reload();
  await rPage.getByRole('button', { name: /^SEV2 Replica lag on orders-db/ }).click();
  await expect(rPage.getByRole('heading', { level: 1, name: 'Replica lag on orders-db' })).toBeVisible({ timeout: 30_000 });
  await expect(roster(rPage).getByRole('listitem', { name: 'Aiko Tanaka' })).toContainText('(you)');
  await expect(rPage.getByRole('dialog', { name: 'Who are you in this incident?' })).toHaveCount(0);
});

test('one person on two laptops shows once, on 2 devices', async () => {
  const ic = peer('Avery Chen');
  const laptop = peer('Aiko Tanaka');
  const tablet = peer('Aiko T');
  const [icPage, aPage, bPage] = await Promise.all([ic.start(), laptop.start(), tablet.start()]);
  await declareIncident(icPage, { title: 'Two laptops, one Aiko', severity: 'SEV3' });
  await addPerson(icPage, 'Aiko Tanaka');
  await setSignalingAddress(icPage, signaling.url);
  const code = await copyJoinCode(icPage);
  await joinWithCode(aPage, code, { person: 'Aiko Tanaka' });
  await joinWithCode(bPage, code, { person: 'Aiko Tanaka' });

  const aiko = roster(icPage).getByRole('listitem', { name: 'Aiko Tanaka' });
  await expect(roster(icPage).getByRole('listitem')).toHaveCount(2);
  await expect(aiko).toHaveCount(1);
  await expect(aiko.getByText('on 2 devices')).toBeVisible({ timeout: 30_000 });
  await expect(aiko.getByLabel(/^Online/)).toBeVisible();
  await screenshotsAtLaptopSizes(icPage, 'identity-roster-two-devices');
  const timeline = await readTimeline(icPage);
  expect(timeline.filter((text) => text === 'Aiko Tanaka joined the room from a laptop')).toHaveLength(2);
});

test('the IC removes a participant: the room is re-keyed, the others keep syncing, the removed laptop and its old code reach no one', async () => {
  const ic = peer('Avery Chen');
  const member = peer('Blake Ortiz');
  const removed = peer('Rex Moreno');
  const [icPage, mPage, xPage] = await Promise.all([ic.start(), member.start(), removed.start()]);
  await declareIncident(icPage, { title: 'Leaked join code', severity: 'SEV2' });
  await setSignalingAddress(icPage, signaling.url);
  const oldCode = await copyJoinCode(icPage);
  await joinWithCode(mPage, oldCode);
  await joinWithCode(xPage, oldCode);
  await expect(icPage.getByRole('button', { name: 'Connection: 2 peers' })).toBeVisible({ timeout: 30_000 });
  // Dana joins too, then goes offline: she will miss the re-key.
  const offline = peer('Dana Kim');
  const dPage = await offline.start();
  await joinWithCode(dPage, oldCode);
  await expect(icPage.getByRole('button', { name: 'Connection: 3 peers' })).toBeVisible({ timeout: 30_000 });
  const away = await openConnection(dPage);
  await away.getByRole('button', { name: 'Go offline' }).click();
  await away.getByRole('button', { name: 'Close' }).click();
  await expect(icPage.getByRole('button', { name: 'Connection: 2 peers' })).toBeVisible({ timeout: 30_000 });
  for (const name of ['Blake Ortiz', 'Rex Moreno']) {
    await expect(
      roster(icPage)
        .getByRole('listitem', { name })
        .getByLabel(/^Online/),
    ).toBeVisible({ timeout: 30_000 });
  }
  // A responder cannot remove anyone: the controls are the commander's.
  await expect(mPage.getByRole('button', { name: 'Remove Rex Moreno from the room' })).toHaveCount(0);

  await icPage.getByRole('button', { name: 'Remove Rex Moreno from the room' }).click();
  const confirm = icPage.getByRole('dialog', { name: 'Remove Rex Moreno from the room?' });
  await expect(confirm).toContainText('the join code they were given stops working');
  await screenshotsAtLaptopSizes(icPage, 'identity-remove-confirm');
  await confirm.getByRole('button', { name: 'Remove Rex Moreno' }).click();
  await expect(confirm).toBeHidden({ timeout: 30_000 });
  await expect(icPage.getByText('Rex Moreno was removed and the room has a new key, sent to 1 laptop still in the room.')).toBeVisible();

  // The member moved to the new key with the IC and still syncs both ways.
  await expect(icPage.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 30_000 });
  await expect(mPage.getByRole('button', { name: 'Connection: 1 peer' })).toBeVisible({ timeout: 30_000 });
  await addNote(icPage, 'IC: rotated the database credentials');
  await expect(mPage.getByText('IC: rotated the database credentials')).toBeVisible({ timeout: 30_000 });
  await addNote(mPage, 'Blake: new credentials deployed');
  await expect(icPage.getByText('Blake: new credentials deployed')).toBeVisible({ timeout: 30_000 });
  // The timeline says who was removed, on both, and never carries a secret.
  const removal = 'Rex Moreno was removed from the room by Avery Chen; the room was re-keyed';
  await expect(icPage.getByText(removal)).toBeVisible();
  await expect(mPage.getByText(removal)).toBeVisible();
  await expect(roster(icPage).getByRole('listitem', { name: 'Rex Moreno' })).toContainText('Left');
  await expect(
    roster(icPage)
      .getByRole('listitem', { name: 'Rex Moreno' })
      .getByLabel(/^Offline/),
  ).toBeVisible();
  await expect(
    roster(icPage)
      .getByRole('listitem', { name: 'Blake Ortiz' })
      .getByLabel(/^Online/),
  ).toBeVisible({ timeout: 30_000 });
  await screenshotsAtLaptopSizes(icPage, 'identity-roster-after-removal');

  // The Invite dialog shows the new code; the old one is not it.
  const newCode = await copyJoinCode(icPage);
  expect(newCode).not.toBe(oldCode);

  // The removed laptop is left alone with the old key: nothing it writes reaches anyone, and
  // reconnecting with its old code (bounded wait) finds no one.
  await expect(xPage.getByRole('button', { name: 'Connection: Waiting for peers' })).toBeVisible({ timeout: 30_000 });
  await expect(xPage.getByRole('alert').filter({ hasText: 'Avery Chen removed you from this room' })).toBeVisible();
  await screenshotsAtLaptopSizes(xPage, 'identity-removed-laptop');
  await addNote(xPage, 'Rex: still here?');
  const again = await openConnection(xPage);
  await again.getByRole('button', { name: 'Reconnect' }).click();
  await again.getByRole('button', { name: 'Close' }).click();
  await xPage.waitForTimeout(8_000);
  expect(await peersConnected(xPage)).toBe('0');
  expect(await peersConnected(icPage)).toBe('1');
  await expect(icPage.getByText('Rex: still here?')).toHaveCount(0);
  await expect(mPage.getByText('Rex: still here?')).toHaveCount(0);
  await removed.stop();

  // A fresh laptop with the old code reaches the signaling server and no one else.
  const connectionsBefore = signaling.server.stats().connections;
  const stranger = peer('Old Code Holder');
  const sPage = await stranger.start();
  await joinWithCode(sPage, oldCode, null);
  await expect.poll(() => signaling.server.stats().connections, { timeout: 30_000 }).toBeGreaterThan(connectionsBefore);
  await sPage.waitForTimeout(8_000);
  await expect(sPage.getByRole('status', { name: 'Waiting for the room' })).toContainText('Looking for the incident commander’s laptop…');
  await expect(sPage.getByText('Leaked join code')).toHaveCount(0);
  expect(await peersConnected(icPage)).toBe('1');

  // Dana, offline during the re-key, is back on the old key and finds no one; the fresh code from
  // the IC (accepted after the Join dialog says it changes the room secret) brings her back.
  await stranger.stop();
  const back = await openConnection(dPage);
  await back.getByRole('button', { name: 'Reconnect' }).click();
  await back.getByRole('button', { name: 'Close' }).click();
  await dPage.waitForTimeout(5_000);
  expect(await peersConnected(dPage)).toBe('0');
  await dPage.getByRole('button', { name: '← Incidents' }).click();
  await dPage.getByRole('button', { name: 'Join room' }).click();
  const rejoin = dPage.getByRole('dialog', { name: 'Join a room' });
  await rejoin.getByLabel('Join code').fill(newCode);
  await rejoin.getByRole('button', { name: 'Join' }).click();
  await expect(rejoin.getByRole('list', { name: 'What the code would change' })).toContainText('The room secret.');
  await rejoin.getByRole('button', { name: 'Update room and join' }).click();
  await expect(rejoin).toBeHidden();
  await expect(dPage.getByText(removal)).toBeVisible({ timeout: 30_000 });
  await expect(dPage.getByRole('dialog', { name: 'Who are you in this incident?' })).toHaveCount(0);
  await addNote(dPage, 'Dana: back with the new code');
  await expect(icPage.getByText('Dana: back with the new code')).toBeVisible({ timeout: 30_000 });

  // Whoever has the new code gets in.
  const newcomer = peer('Casey Lin');
  const nPage = await newcomer.start();
  await joinWithCode(nPage, newCode);
  await expect(nPage.getByRole('heading', { level: 1, name: 'Leaked join code' })).toBeVisible({ timeout: 30_000 });
  await expect(nPage.getByText(removal)).toBeVisible();
});
