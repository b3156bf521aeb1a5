// Journey: a SEV1 commander posts a status update, time runs on in the page, the room shows the
// update overdue (and notifies once), and the escalation prompt is acknowledged into the timeline.
import { expect, test, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, readTimeline, StillClock } from './support/app';
import { fakeNotifications, shownNotifications } from './support/notifications';

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

const notifications = async (page: Page) => (await shownNotifications(page)).map((n) => n.title);

test('a posted update restarts the clock; 31 minutes later the room shows it overdue', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    // The notification recorder must be in place before the app loads.
    await page.addInitScript(fakeNotifications);
    const clock = await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1', summary: 'EU customers cannot pay' });

    const chip = page.getByRole('button', { name: 'Next update due in 30:00' });
    await expect(chip).toBeVisible();
    await clock.advance(10 * MINUTE);
    await expect(page.getByRole('button', { name: 'Next update due in 20:00' })).toBeVisible();

    // Compose and post: the draft is filled from the document.
    await page.getByRole('button', { name: /Next update due in/ }).click();
    const composer = page.getByRole('dialog', { name: 'Status update' });
    const text = composer.getByLabel('Update text');
    await expect(text).toHaveValue(/\[SEV1\] Incident declared: Checkout returns 500/);
    await composer.getByLabel('Audience').selectOption('executive');
    await expect(text).toHaveValue(/We have a critical incident: Checkout returns 500\./);
    await text.fill(`${await text.inputValue()}\nEdited by hand.`);
    await composer.getByRole('button', { name: 'Post update' }).click();
    await expect(composer).toBeHidden();

    // Posting restarts the clock from now: a full 30 minutes again.
    await expect(page.getByRole('button', { name: 'Next update due in 30:00' })).toBeVisible();
    expect(await notifications(page)).toEqual([]);

    await clock.advance(31 * MINUTE);
    await expect(page.getByRole('button', { name: 'Update overdue by 1:00' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'Status update overdue' })).toBeAttached();
    // The SEV1 incident has now been open 41 minutes: the default matrix asks to tell the director.
    const escalations = page.getByRole('region', { name: 'Escalations due' });
    await expect(escalations.getByRole('alert')).toHaveCount(1);
    await expect(escalations).toContainText('Escalate: notify Engineering director');
    await expect.poll(() => notifications(page)).toEqual(['Status update overdue', 'Escalate: notify Engineering director']);

    // Still the same overdue period a minute later: no second notification.
    await clock.advance(MINUTE);
    await expect(page.getByRole('button', { name: 'Update overdue by 2:00' })).toBeVisible();
    expect(await notifications(page)).toEqual(['Status update overdue', 'Escalate: notify Engineering director']);

    await escalations.getByRole('button', { name: 'Acknowledge: Engineering director notified' }).click();
    await expect(escalations).toBeHidden();

    // The posted update is listed with its text, and the timeline holds the full update and the acknowledgement.
    await page.getByRole('button', { name: /Update overdue by/ }).click();
    await page.getByRole('dialog', { name: 'Status update' }).getByRole('tab', { name: 'Posted updates (1)' }).click();
    await expect(page.getByRole('list', { name: 'Posted updates' })).toContainText('Edited by hand.');
    await page.keyboard.press('Escape');
    const timeline = await readTimeline(page);
    expect(
      timeline.some((entry) => entry.startsWith('Executive status update posted (initial):') && entry.includes('Edited by hand.')),
    ).toBe(true);
    expect(timeline.some((entry) => entry.startsWith('Escalation acknowledged: Engineering director notified'))).toBe(true);
  } finally {
    await profile.dispose();
  }
});
