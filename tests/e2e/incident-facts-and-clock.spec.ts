// Journey: the IC writes the incident's impact, summary and affected services in the room; the
// status update draft carries the impact. The header clock counts from the (backdated) Started
// milestone and stops at Resolved with the total; the update clock stops with it.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  BrowserProfile,
  completeFirstRun,
  declareIncident,
  markMilestone,
  readTimeline,
  screenshotsAtLaptopSizes,
  StillClock,
} from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

test('the incident details are edited in the room and reach the status update draft', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1' });

    const facts = page.getByRole('region', { name: 'Incident details' });
    await expect(facts).toContainText('Not yet assessed');
    await facts.getByRole('button', { name: 'Edit details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Incident details' });
    await dialog.getByLabel('Title').fill('');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Title cannot be empty.');
    await dialog.getByLabel('Title').fill('Checkout returns 500 in the EU');
    await dialog.getByLabel('Impact').fill('About 30% of EU checkouts fail');
    await dialog.getByLabel('Summary').fill('Payments gateway returns 500 since the 08:40 deploy');
    await dialog.getByLabel('Service to add').fill('payments-api');
    await dialog.getByLabel('Service to add').press('Enter');
    await dialog.getByLabel('Service to add').fill('checkout-web');
    await dialog.getByRole('button', { name: 'Add service' }).click();
    await dialog.getByLabel('Service to add').fill('search');
    await dialog.getByLabel('Service to add').press('Enter');
    await dialog.getByRole('button', { name: 'Remove search' }).click();
    await expect(dialog.getByRole('list', { name: 'Affected services' }).getByRole('listitem')).toHaveText([
      'payments-api×',
      'checkout-web×',
    ]);
    await screenshotsAtLaptopSizes(page, 'incident-details-dialog');
    await dialog.getByRole('button', { name: 'Save details' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole('heading', { level: 1, name: 'Checkout returns 500 in the EU' })).toBeVisible();
    await expect(facts).toContainText('About 30% of EU checkouts fail');
    await expect(facts).toContainText('Payments gateway returns 500 since the 08:40 deploy');
    await expect(facts).toContainText('payments-api, checkout-web');
    const timeline = await readTimeline(page, [
      'Updated title to “Checkout returns 500 in the EU”, summary, impact, affected services to payments-api, checkout-web',
    ]);
    expect(timeline).toContain(
      'Updated title to “Checkout returns 500 in the EU”, summary, impact, affected services to payments-api, checkout-web',
    );
    await screenshotsAtLaptopSizes(page, 'incident-details-room');

    // The status update draft reads the incident: the impact is in it, not "Not yet assessed".
    await page.getByRole('button', { name: /Next update due in/ }).click();
    const composer = page.getByRole('dialog', { name: 'Status update' });
    await expect(composer.getByLabel('Update text')).toHaveValue(/Impact: About 30% of EU checkouts fail/);
    await expect(composer.getByLabel('Update text')).not.toHaveValue(/Not yet assessed/);
    await page.keyboard.press('Escape');
    await expect(composer).toBeHidden();

    // The next incident suggests the services named before in the library.
    await page.getByRole('button', { name: '← Incidents' }).click();
    await declareIncident(page, { title: 'Checkout slow again', severity: 'SEV3' });
    await page.getByRole('region', { name: 'Incident details' }).getByRole('button', { name: 'Edit details' }).click();
    const next = page.getByRole('dialog', { name: 'Incident details' });
    await expect(next.getByLabel('Service to add')).toHaveAttribute('list', 'known-services');
    const suggested = next.getByTestId('known-services').locator('option');
    await expect
      .poll(() => suggested.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)))
      .toEqual(['checkout-web', 'payments-api']);
  } finally {
    await profile.dispose();
  }
});

test('the incident clock counts from the backdated start and stops at Resolved with the total', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    const clock = await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Replication lag on the primary', severity: 'SEV2' });

    const timer = page.getByRole('timer', { name: 'Time since the incident started' });
    await expect(timer).toHaveText('0:00:00');
    // It started 20 minutes before it was declared: the clock counts from then.
    await markMilestone(page, 'Started', new Date(START.getTime() - 20 * MINUTE));
    await expect(timer).toHaveText('0:20:00');
    await clock.advance(79 * MINUTE);
    await expect(timer).toHaveText('1:39:00');
    await expect(page.getByRole('button', { name: /Update overdue by/ })).toBeVisible();

    // Resolved at the current minute: the clock shows the total and no longer ticks, and no update falls due.
    await markMilestone(page, 'Resolved', new Date(START.getTime() + 79 * MINUTE));
    const total = page.getByRole('timer', { name: 'How long the incident ran' });
    await expect(total).toHaveText('Resolved after 1h 39m');
    await expect(page.getByRole('button', { name: 'No update due. Compose a status update' })).toBeVisible();
    await clock.advance(45 * MINUTE);
    await expect(total).toHaveText('Resolved after 1h 39m');
    await expect(page.getByRole('button', { name: 'No update due. Compose a status update' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Status update overdue' })).toHaveCount(0);
    await screenshotsAtLaptopSizes(page, 'incident-clock-resolved');
  } finally {
    await profile.dispose();
  }
});

test('an imported incident is a record of the past: its clock is stopped and no timer fires', async () => {
  const laptop = new BrowserProfile();
  const reviewer = new BrowserProfile();
  try {
    const page = await laptop.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Search is slow', severity: 'SEV1' });
    await page.getByRole('button', { name: 'New task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Task').fill('Check search cluster health');
    await dialog.getByLabel('Assignee').selectOption({ label: 'Avery Commander' });
    await dialog.getByLabel('Check back in').selectOption({ label: '5 minutes' });
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exporting = page.getByRole('dialog', { name: 'Export incident' });
    await exporting.getByRole('radio', { name: /^JSON/ }).check();
    const downloading = page.waitForEvent('download');
    await exporting.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    const json = await readFile(await download.path(), 'utf8');

    // Two hours later, on the reviewer's laptop: the check-back and the update would long be overdue.
    const other = await reviewer.start();
    await StillClock.start(other, new Date(START.getTime() + 120 * MINUTE));
    await completeFirstRun(other, 'Dana Reviewer');
    await other
      .getByLabel('Incident export file to import')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
    await expect(other.getByRole('heading', { level: 1, name: 'Search is slow' })).toBeVisible();
    await expect(other.getByRole('timer', { name: 'How long the incident ran' })).toHaveText('Not resolved when imported');
    await expect(other.getByRole('timer', { name: 'Time since the incident started' })).toHaveCount(0);
    await expect(other.getByRole('button', { name: 'No update due. Compose a status update' })).toBeVisible();
    await expect(other.getByRole('alert', { name: 'Overdue check-backs' })).toHaveCount(0);
    const task = other.getByRole('listitem', { name: 'Check search cluster health', exact: true });
    await expect(task).toBeVisible();
    await expect(task.getByText(/^(Check back overdue|check back in)/)).toHaveCount(0);
    await expect(other.getByRole('alert').filter({ hasText: 'Status update overdue' })).toHaveCount(0);
    await screenshotsAtLaptopSizes(other, 'imported-incident');
  } finally {
    await laptop.dispose();
    await reviewer.dispose();
  }
});
