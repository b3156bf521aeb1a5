// The IC's authority across two laptops (real WebRTC over loopback, inside the loopback-only
// network namespace): a responder assumes command with a reason, the IC sees the banner on
// their own laptop and contests it, which gives command back and shows the contest to both; a
// responder's lower severity reaches the IC as a proposal, which the IC declines.
import { expect, test } from '@playwright/test';
import type { SignalingServer } from '../../src/main/signaling/server';
import { declareIncident, readTimeline, screenshotsAtLaptopSizes } from './support/app';
import { copyJoinCode, joinWithCode, Peer, requireLoopbackOnlyNetwork, setSignalingAddress, startTestSignaling } from './support/p2p';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let signaling: { server: SignalingServer; url: string };
const peers: Peer[] = [];

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

test('a responder assumes command; the IC sees who, from whom and why, and contests it', async () => {
  const ic = new Peer('Avery Chen');
  const responder = new Peer('Blake Ortiz');
  peers.push(ic, responder);
  const icPage = await ic.start();
  const rPage = await responder.start();

  await declareIncident(icPage, { title: 'Checkout returns 500', severity: 'SEV2' });
  await setSignalingAddress(icPage, signaling.url);
  await joinWithCode(rPage, await copyJoinCode(icPage));
  await expect(rPage.getByRole('heading', { level: 1, name: 'Checkout returns 500' })).toBeVisible({ timeout: 20_000 });
  const icPeople = icPage.getByRole('list', { name: 'People' });
  await expect(icPeople.getByRole('listitem', { name: 'Blake Ortiz' })).toBeVisible({ timeout: 20_000 });

  // The responder takes command without a handover, with a reason.
  await rPage.getByRole('button', { name: 'Assume command' }).click();
  const dialog = rPage.getByRole('dialog', { name: 'Assume command' });
  await dialog.getByLabel('Why you are taking command').fill('Avery dropped off the bridge');
  await dialog.getByRole('button', { name: 'Assume command' }).click();
  await expect(dialog).toBeHidden();

  // The IC's laptop shows it prominently, with Contest and Accept for the IC only.
  const banner = icPage.getByRole('alert', { name: 'Command assumed' });
  await expect(banner).toContainText(
    /^Blake Ortiz assumed command from you at \d\d:\d\d without a handover\. Reason: Avery dropped off the bridge(Contest)/,
    { timeout: 20_000 },
  );
  await expect(icPeople.getByRole('listitem', { name: 'Blake Ortiz' }).getByText('IC')).toBeVisible();
  await expect(rPage.getByRole('alert', { name: 'Command assumed' }).getByRole('button', { name: 'Contest' })).toHaveCount(0);
  await screenshotsAtLaptopSizes(icPage, 'p2p-authority-assumed-ic');

  await banner.getByRole('button', { name: 'Contest' }).click();
  const contest = icPage.getByRole('dialog', { name: 'Contest command' });
  await contest.getByLabel('Why (optional)').fill('I am on the bridge, my headset died');
  await contest.getByRole('button', { name: 'Contest and take command back' }).click();
  await expect(contest).toBeHidden();

  // Command is back with the IC on both laptops, and both see the contest.
  for (const page of [icPage, rPage]) {
    await expect(page.getByRole('alert', { name: 'Command assumed' })).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByRole('status', { name: 'Command contested' })).toContainText(
      /Avery Chen contested it at \d\d:\d\d and holds command again: I am on the bridge, my headset died/,
    );
    await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem', { name: 'Avery Chen' }).getByText('IC')).toBeVisible();
  }
  await screenshotsAtLaptopSizes(rPage, 'p2p-authority-contested-responder');

  // The responder's lower severity is a proposal the IC declines; severity never moved.
  await rPage.getByRole('combobox', { name: 'Severity', exact: true }).selectOption('SEV3');
  const proposal = icPage.getByRole('status', { name: 'Severity SEV3 proposed' });
  await expect(proposal).toContainText(/^Blake Ortiz proposed SEV3 at \d\d:\d\d \(now SEV2\)\. Lowering severity is yours to confirm\./, {
    timeout: 20_000,
  });
  await proposal.getByRole('button', { name: 'Decline' }).click();
  await expect(rPage.getByRole('status', { name: 'Severity SEV3 proposed' })).toHaveCount(0, { timeout: 20_000 });
  await expect(rPage.getByRole('combobox', { name: 'Severity', exact: true })).toHaveValue('SEV2');

  const [icTimeline, rTimeline] = [await readTimeline(icPage), await readTimeline(rPage)];
  expect(rTimeline).toEqual(icTimeline);
  expect(icTimeline).toEqual(
    expect.arrayContaining([
      'Blake Ortiz assumed command from Avery Chen without a handover: Avery dropped off the bridge',
      "Avery Chen contested Blake Ortiz's assumption of command and holds command again: I am on the bridge, my headset died",
      "Avery Chen declined Blake Ortiz's proposal of SEV3; severity stays SEV2",
    ]),
  );
});

test("an undo never takes back another laptop's work: the creator's undo of a task the IC has since changed is refused", async () => {
  const ic = new Peer('Avery Chen');
  const responder = new Peer('Blake Ortiz');
  peers.push(ic, responder);
  const icPage = await ic.start();
  const rPage = await responder.start();
  await declareIncident(icPage, { title: 'Checkout returns 500', severity: 'SEV2' });
  await setSignalingAddress(icPage, signaling.url);
  await joinWithCode(rPage, await copyJoinCode(icPage));
  await expect(icPage.getByRole('list', { name: 'People' }).getByRole('listitem', { name: 'Blake Ortiz' })).toBeVisible({
    timeout: 20_000,
  });

  // The responder creates a task; the IC starts it and takes it over.
  await rPage.getByRole('button', { name: 'New task' }).click();
  const dialog = rPage.getByRole('dialog', { name: 'New task' });
  await dialog.getByLabel('Task').fill('Check the DB pool');
  await dialog.getByLabel('Assignee').selectOption({ label: 'Blake Ortiz' });
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();
  await icPage.getByLabel('Status of Check the DB pool').selectOption('doing', { timeout: 20_000 });
  await icPage.getByLabel('Assignee of Check the DB pool').selectOption({ label: 'Avery Chen' });
  await expect(rPage.getByLabel('Assignee of Check the DB pool')).toHaveValue(/.+/);
  await expect(rPage.getByLabel('Status of Check the DB pool')).toHaveValue('doing', { timeout: 20_000 });
  await expect(rPage.getByLabel('Assignee of Check the DB pool').locator('option:checked')).toHaveText('Avery Chen');

  // The creator's undo is refused with a message, and the task stays as the IC left it, on both laptops.
  await rPage.getByRole('button', { name: /^Undo: Task created: “Check the DB pool”/ }).click();
  await expect(
    rPage.getByText(
      /^Not undone: “Task created: “Check the DB pool”.*”\. Avery Chen has changed that task since, and undo never takes back someone else's work\. Change it by hand instead\.$/,
    ),
  ).toBeVisible();
  // The refused step left the undo list.
  await expect(rPage.getByRole('button', { name: /^Undo: Task created: “Check the DB pool”/ })).toHaveCount(0);
  await screenshotsAtLaptopSizes(rPage, 'p2p-undo-refused-responder');
  for (const page of [icPage, rPage]) {
    await expect(page.getByLabel('Status of Check the DB pool')).toHaveValue('doing');
    await expect(page.getByLabel('Assignee of Check the DB pool').locator('option:checked')).toHaveText('Avery Chen');
  }
});
