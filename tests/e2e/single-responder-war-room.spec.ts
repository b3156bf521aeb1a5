// Journey: one commander runs a whole incident offline, restarts the browser, finds it all.
import { expect, test } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, readTimeline, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');

test('runs an incident alone and finds everything, in order, after a restart', async () => {
  const profile = new BrowserProfile();
  try {
    let page = await profile.start();
    // The page's clock stands still, so the backdated milestone below is before the declaration
    // however long the steps in between take.
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await expect(page.getByText('No incidents yet')).toBeVisible();
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV1', summary: 'EU customers cannot pay' });

    // People
    for (const name of ['Blake Ortiz', 'Casey Lin']) {
      await page.getByRole('button', { name: 'Add person' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add person' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByRole('button', { name: 'Add person' }).click();
      await expect(dialog).toBeHidden();
    }
    const people = page.getByRole('list', { name: 'People' });
    await expect(people.getByRole('listitem', { name: 'Blake Ortiz' })).toBeVisible();

    // Give Blake a role (command is not one: it moves by handover), then hand command to Casey.
    await page.getByRole('button', { name: 'Assign role' }).click();
    let dialog = page.getByRole('dialog', { name: 'Assign role' });
    await dialog.getByLabel('Role').selectOption({ label: 'Technical lead' });
    await dialog.getByLabel('Person').selectOption({ label: 'Blake Ortiz' });
    await dialog.getByRole('button', { name: 'Assign role' }).click();
    await expect(dialog).toBeHidden();
    await expect(people.getByRole('listitem', { name: 'Blake Ortiz' }).getByText('Technical lead')).toBeVisible();

    // Handover in two steps: offer with the briefing, then Casey (not on the app) accepts verbally.
    await page.getByRole('button', { name: 'Hand over command' }).click();
    dialog = page.getByRole('dialog', { name: 'Hand over command' });
    await dialog.getByRole('button', { name: 'Offer command' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose who takes command.');
    await dialog.getByLabel('Incoming incident commander').selectOption({ label: 'Casey Lin' });
    await expect(dialog.getByLabel('Briefing')).toHaveValue(/Incident commander: Avery Commander/);
    await dialog.getByRole('button', { name: 'Offer command' }).click();
    await expect(dialog).toBeHidden();
    const handoff = page.getByRole('status', { name: 'Command handoff' });
    await expect(handoff).toContainText('Command offered to Casey Lin by Avery Commander');
    await handoff.getByRole('button', { name: 'Accepted verbally' }).click();
    await expect(handoff).toBeHidden();
    await expect(people.getByRole('listitem', { name: 'Casey Lin' }).getByText('IC')).toBeVisible();

    // Task, created then assigned.
    await page.getByRole('button', { name: 'New task' }).click();
    dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Task title cannot be empty.');
    await dialog.getByLabel('Task').fill('Check payment gateway error rates');
    // Enter in the title submits the form: without an assignee, it says so and saves nothing.
    await dialog.getByLabel('Task').press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('Pick the person who owns this task: a task with no one on it gets done by no one.');
    await dialog.getByLabel('Assignee').selectOption({ label: 'Casey Lin' });
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await expect(dialog).toBeHidden();
    await page.getByLabel('Assignee of Check payment gateway error rates').selectOption({ label: 'Blake Ortiz' });

    // Hypothesis, ruled out.
    await page.getByRole('button', { name: 'New hypothesis' }).click();
    dialog = page.getByRole('dialog', { name: 'New hypothesis' });
    await dialog.getByLabel('Hypothesis').fill('Expired TLS certificate on the gateway');
    await dialog.getByRole('button', { name: 'Add hypothesis' }).click();
    await expect(dialog).toBeHidden();
    await page.getByLabel('Status of hypothesis Expired TLS certificate on the gateway').selectOption({ label: 'Ruled out' });
    // Ruled-out hypotheses fold away with a count.
    await page.getByRole('button', { name: 'Ruled out (1)' }).click();
    await expect(
      page
        .getByRole('group', { name: 'Ruled-out hypotheses' })
        .getByRole('article', { name: 'Hypothesis: Expired TLS certificate on the gateway' }),
    ).toBeVisible();

    // Milestone with an earlier time: detected ten minutes before now.
    const detectedAt = new Date(START.getTime() - 10 * 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const localValue = `${detectedAt.getFullYear()}-${pad(detectedAt.getMonth() + 1)}-${pad(detectedAt.getDate())}T${pad(detectedAt.getHours())}:${pad(detectedAt.getMinutes())}`;
    await page.getByRole('button', { name: 'Mark milestone' }).click();
    dialog = page.getByRole('dialog', { name: 'Mark milestone' });
    await dialog.getByLabel('Milestone').selectOption({ label: 'Detected' });
    await dialog.getByLabel('When it happened').fill(localValue);
    await dialog.getByLabel('Note (optional)').fill('pager alert');
    await dialog.getByRole('button', { name: 'Mark milestone' }).click();
    await expect(dialog).toBeHidden();

    // System change, then rolled back.
    await page.getByRole('button', { name: 'Log change' }).click();
    dialog = page.getByRole('dialog', { name: 'Log system change' });
    await dialog.getByLabel('What changed').fill('Enabled debug logging');
    await dialog.getByLabel('System').fill('payments-api');
    await dialog.getByRole('button', { name: 'Log change' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Mark rolled back: Enabled debug logging' }).click();
    await expect(page.getByRole('region', { name: 'System changes' }).getByText('rolled back', { exact: false })).toBeVisible();

    // A decision through the quick-entry box, kind chosen by keyboard shortcut.
    const entry = page.getByLabel('Entry text');
    await entry.click();
    await entry.press('Control+4');
    await expect(page.getByRole('radio', { name: 'Decision' })).toHaveAttribute('aria-checked', 'true');
    await entry.fill('Fail over payments to the secondary region');
    await entry.press('Enter');
    await expect(entry).toHaveValue('');

    await page.getByRole('button', { name: /Newest first/ }).click();
    const before = await readTimeline(page);

    // Restart the browser on the same profile.
    await profile.stop();
    page = await profile.start();
    await expect(page.getByRole('dialog', { name: 'Welcome to Sitrep' })).toHaveCount(0);
    await page
      .getByRole('button', { name: /Checkout returns 500/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Checkout returns 500' })).toBeVisible();
    await page.getByRole('button', { name: /Newest first/ }).click();
    const after = await readTimeline(page);

    expect(after).toEqual(before);
    const expectedOrder = [
      'Incident declared: Checkout returns 500 (SEV1)',
      'Milestone: Detected (pager alert)',
      'Blake Ortiz joined the incident',
      'Casey Lin joined the incident',
      'Blake Ortiz is now technical lead',
      'Casey Lin accepted command from Avery Commander verbally (recorded by Avery Commander)',
      'Task created: “Check payment gateway error rates”, assigned to Casey Lin',
      'Task “Check payment gateway error rates” assigned to Blake Ortiz',
      'Hypothesis: “Expired TLS certificate on the gateway”',
      'Hypothesis “Expired TLS certificate on the gateway” ruled out',
      'Change on payments-api by Avery Commander: Enabled debug logging',
      'Rolled back on payments-api: Enabled debug logging',
      'Fail over payments to the secondary region',
    ];
    const positions = expectedOrder.map((text) => after.indexOf(text));
    expect(
      positions.every((p) => p >= 0),
      `missing: ${expectedOrder.filter((_, i) => positions[i]! < 0).join(' | ')}`,
    ).toBe(true);
    // Everything in writing order, except the backdated milestone, which sits at when it happened.
    const withoutMilestone = positions.filter((_, i) => i !== 1);
    expect([...withoutMilestone].sort((a, b) => a - b)).toEqual(withoutMilestone);
    expect(positions[1]).toBeLessThan(positions[0]!);
    // The offer, with its briefing, sits between Blake taking his role and Casey accepting command.
    const offer = after.findIndex((text) => text.startsWith('Avery Commander offered command to Casey Lin. Briefing:\n'));
    expect(offer).toBeGreaterThan(positions[4]!);
    expect(offer).toBeLessThan(positions[5]!);

    // The state survived too.
    const peopleAfter = page.getByRole('list', { name: 'People' });
    await expect(peopleAfter.getByRole('listitem', { name: 'Casey Lin' }).getByText('IC')).toBeVisible();
    await expect(page.getByLabel('Assignee of Check payment gateway error rates')).toHaveValue(/.+/);
    await page.getByRole('button', { name: 'Ruled out (1)' }).click();
    await expect(page.getByLabel('Status of hypothesis Expired TLS certificate on the gateway')).toHaveValue('ruled-out');
    await expect(page.getByRole('region', { name: 'System changes' }).getByText('rolled back', { exact: false })).toBeVisible();
  } finally {
    await profile.dispose();
  }
});
