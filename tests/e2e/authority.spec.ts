// Journey: authority of the incident commander on one laptop. The IC hands command to someone
// not on the app; from then on this person is a responder: raising severity takes effect at
// once, lowering it is a proposal for the commander; the role dialog no longer offers IC; the
// responder assumes command with a required reason, which the room shows in a banner, and as
// commander confirms the waiting proposal.
import { expect, test } from '@playwright/test';
import {
  addPerson,
  BrowserProfile,
  clockTime,
  completeFirstRun,
  declareIncident,
  readTimeline,
  screenshotsAtLaptopSizes,
  StillClock,
} from './support/app';

const START = new Date('2026-03-02T09:00:00Z');

test('a responder raises severity at once, proposes a lower one, and assumes command with a reason', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV2' });
    await addPerson(page, 'Blake Ortiz');

    // Command is not a role to assign.
    await page.getByRole('button', { name: 'Assign role' }).click();
    let dialog = page.getByRole('dialog', { name: 'Assign role' });
    await expect(dialog.getByLabel('Role').locator('option', { hasText: 'Incident commander' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Avery hands command to Blake, who accepts by voice.
    await page.getByRole('button', { name: 'Hand over command' }).click();
    dialog = page.getByRole('dialog', { name: 'Hand over command' });
    await dialog.getByLabel('Incoming incident commander').selectOption({ label: 'Blake Ortiz' });
    await dialog.getByRole('button', { name: 'Offer command' }).click();
    await page.getByRole('status', { name: 'Command handoff' }).getByRole('button', { name: 'Accepted verbally' }).click();
    const people = page.getByRole('list', { name: 'People' });
    await expect(people.getByRole('listitem', { name: 'Blake Ortiz' }).getByText('IC')).toBeVisible();

    // A responder's upgrade takes effect at once; a downgrade waits for the commander.
    const severity = page.getByRole('combobox', { name: 'Severity', exact: true });
    await severity.selectOption('SEV1');
    await expect(severity).toHaveValue('SEV1');
    await severity.selectOption('SEV3');
    await expect(
      page.getByText('SEV3 proposed: the incident commander confirms or declines it. Severity stays SEV1 until then.'),
    ).toBeVisible();
    await expect(severity).toHaveValue('SEV1');
    const proposal = page.getByRole('status', { name: 'Severity SEV3 proposed' });
    await expect(proposal).toContainText(`You proposed SEV3 at ${clockTime(START)} (now SEV1). Waiting for Blake Ortiz to confirm.`);
    await expect(proposal.getByRole('button', { name: 'Confirm SEV3' })).toHaveCount(0);
    await screenshotsAtLaptopSizes(page, 'authority-severity-proposal');

    // Taking command needs a reason; the banner names who, from whom, when and why.
    await page.getByRole('button', { name: 'Assume command' }).click();
    dialog = page.getByRole('dialog', { name: 'Assume command' });
    await expect(dialog).toContainText('Blake Ortiz can contest it, which gives command back to them.');
    await dialog.getByRole('button', { name: 'Assume command' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('The reason for taking command cannot be empty.');
    await dialog.getByLabel('Why you are taking command').fill('Blake has been unreachable for 10 minutes');
    await dialog.getByRole('button', { name: 'Assume command' }).click();
    await expect(dialog).toBeHidden();
    const assumed = page.getByRole('alert', { name: 'Command assumed' });
    await expect(assumed).toContainText(
      `You assumed command from Blake Ortiz at ${clockTime(START)} without a handover. Reason: Blake has been unreachable for 10 minutes`,
    );
    await expect(assumed).toContainText('Blake Ortiz can contest it, which gives command back to them.');
    await expect(people.getByRole('listitem', { name: 'Avery Commander' }).getByText('IC')).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'authority-command-assumed');

    // Now the commander, Avery decides the waiting proposal.
    await proposal.getByRole('button', { name: 'Confirm SEV3' }).click();
    await expect(severity).toHaveValue('SEV3');
    await expect(proposal).toHaveCount(0);

    const timeline = await readTimeline(page, ['Severity changed from SEV1 to SEV3']);
    expect(timeline).toEqual(
      expect.arrayContaining([
        'Severity changed from SEV2 to SEV1',
        'Avery Commander proposed severity SEV3 (now SEV1); waiting for Blake Ortiz to confirm',
        'Avery Commander assumed command from Blake Ortiz without a handover: Blake has been unreachable for 10 minutes',
        'Severity changed from SEV1 to SEV3, proposed by Avery Commander and confirmed by Avery Commander',
      ]),
    );
  } finally {
    await profile.dispose();
  }
});
