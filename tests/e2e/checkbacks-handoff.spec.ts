// Journey: a task with a 5-minute check-back is flagged when it runs out (and notified once);
// command is handed over with a generated briefing and accepted verbally; tired people are sent to rest.
import { expect, test, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, readTimeline, StillClock } from './support/app';
import { fakeNotifications, shownNotifications } from './support/notifications';

const START = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

const notifications = (page: Page) => shownNotifications(page);

test('a check-back runs out and is flagged; command is handed over with a briefing and accepted verbally', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await page.addInitScript(fakeNotifications);
    const clock = await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Search is slow', severity: 'SEV2', summary: 'p95 latency 4 s' });

    await page.getByRole('button', { name: 'Add person' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add person' });
    await dialog.getByLabel('Name').fill('Blake Ortiz');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await expect(dialog).toBeHidden();

    // A task assigned to Blake with a 5-minute time box.
    await page.getByRole('button', { name: 'New task' }).click();
    dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Task').fill('Check search cluster health');
    await dialog.getByLabel('Assignee').selectOption({ label: 'Blake Ortiz' });
    await dialog.getByLabel('Check back in').selectOption({ label: '5 minutes' });
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('listitem', { name: 'Check search cluster health', exact: true });
    await expect(row).toContainText('check back in 5:00');
    const alerts = page.getByRole('alert', { name: 'Overdue check-backs' });
    await expect(alerts).toHaveCount(0);

    // Six minutes later it is overdue: flagged on the row and in the IC's alert list, notified once.
    await clock.advance(6 * MINUTE);
    await expect(row).toContainText('Check back overdue 1:00');
    await expect(alerts.getByRole('listitem', { name: 'Check-back overdue: Check search cluster health' })).toContainText('Blake Ortiz');
    await expect
      .poll(() => notifications(page))
      .toEqual([{ title: 'Check back overdue', body: 'Blake Ortiz: “Check search cluster health”' }]);
    await clock.advance(MINUTE / 2);
    expect(await notifications(page)).toHaveLength(1);

    // Five more minutes, counted from now.
    await alerts.getByRole('button', { name: 'Give 5 more minutes: Check search cluster health' }).click();
    await expect(alerts).toHaveCount(0);
    await expect(row).toContainText('check back in 5:00');

    // Hand over command: the briefing names the running task and its timer, and asks for exit criteria.
    await page.getByRole('button', { name: 'Hand over command' }).click();
    dialog = page.getByRole('dialog', { name: 'Hand over command' });
    await expect(dialog.getByText('None agreed yet.', { exact: false })).toBeVisible();
    await dialog.getByLabel('Incoming incident commander').selectOption({ label: 'Blake Ortiz' });
    await dialog.getByLabel('Exit criteria').fill('Search p95 under 300 ms for 30 minutes');
    const briefing = dialog.getByLabel('Briefing');
    await expect(briefing).toHaveValue(/Check search cluster health: Blake Ortiz, to do, check back in 5m/);
    await expect(briefing).toHaveValue(/Exit criteria\n- Search p95 under 300 ms for 30 minutes/);
    await expect(briefing).toHaveValue(/Next status update\n- Due 10:00 UTC/);
    await briefing.fill(`${await briefing.inputValue()}\nCall the search vendor if p95 stays above 1 s.`);
    await dialog.getByRole('button', { name: 'Offer command' }).click();
    await expect(dialog).toBeHidden();

    // Pending: visible to everyone, command has not moved yet.
    const handoff = page.getByRole('status', { name: 'Command handoff' });
    await expect(handoff).toContainText('Command offered to Blake Ortiz by Avery Commander');
    const people = page.getByRole('list', { name: 'People' });
    await expect(people.getByRole('listitem', { name: 'Avery Commander' }).getByText('IC')).toBeVisible();
    await handoff.getByText('Read the briefing').click();
    await expect(handoff.getByLabel('Command briefing')).toContainText('Call the search vendor if p95 stays above 1 s.');

    // Blake said yes on the bridge call.
    await handoff.getByRole('button', { name: 'Accepted verbally' }).click();
    await expect(handoff).toBeHidden();
    await expect(people.getByRole('listitem', { name: 'Blake Ortiz' }).getByText('IC')).toBeVisible();
    await expect(people.getByRole('listitem', { name: 'Avery Commander' }).getByText('IC')).toHaveCount(0);

    // Avery is no longer IC nor the assignee: the expiry is flagged on the row, not in Avery's alerts.
    await clock.advance(6 * MINUTE);
    await expect(row).toContainText(/Check back overdue/);
    await expect(alerts).toHaveCount(0);

    const timeline = await readTimeline(page);
    const offer = timeline.find((text) => text.startsWith('Avery Commander offered command to Blake Ortiz. Briefing:\n'));
    expect(offer).toContain('Call the search vendor if p95 stays above 1 s.');
    for (const text of [
      'Task created: “Check search cluster health”, assigned to Blake Ortiz, check back in 5 minutes',
      'Check-back on “Check search cluster health” extended by 5 minutes',
      'Exit criteria: Search p95 under 300 ms for 30 minutes',
      'Blake Ortiz accepted command from Avery Commander verbally (recorded by Avery Commander)',
    ]) {
      expect(timeline, text).toContain(text);
    }

    // Four hours on: fatigue warnings, and one click sends a person to rest.
    await clock.advance(4 * 60 * MINUTE);
    const avery = people.getByRole('listitem', { name: 'Avery Commander' });
    await expect(avery.getByRole('note')).toContainText('On duty 4h 12m — consider rest');
    await expect(page.getByRole('note').filter({ hasText: '2 people need rest' })).toBeVisible();
    await avery.getByRole('button', { name: 'Send Avery Commander to rest' }).click();
    await expect(avery.getByRole('note')).toHaveCount(0);
    await expect(page.getByLabel('Status of Avery Commander')).toHaveValue('resting');
    await expect(page.getByRole('note').filter({ hasText: '1 person needs rest' })).toBeVisible();
  } finally {
    await profile.dispose();
  }
});
