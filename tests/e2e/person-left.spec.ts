// A person marked as left holds no work: their open tasks say so in the Tasks panel, at a glance,
// until the IC gives them a new owner.
import { expect, test } from '@playwright/test';
import { addPerson, BrowserProfile, completeFirstRun, declareIncident, StillClock } from './support/app';

test('the IC marks someone as left: their open task says it needs a new owner until it is reassigned', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, new Date('2026-11-20T02:00:00Z'));
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout latency', severity: 'SEV2' });
    await addPerson(page, 'Blake Ortiz');

    await page.getByRole('button', { name: 'New task' }).click();
    const dialog = page.getByRole('dialog', { name: 'New task' });
    await dialog.getByLabel('Task').fill('Roll back the cache change');
    await dialog.getByLabel('Assignee').selectOption({ label: 'Blake Ortiz' });
    await dialog.getByRole('button', { name: 'Create task' }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('listitem', { name: 'Roll back the cache change', exact: true });
    await expect(row).toContainText('Blake Ortiz');
    await expect(row).not.toContainText('(left)');

    await page.getByRole('button', { name: 'Mark Blake Ortiz as left' }).click();
    await expect(row.getByText('Blake Ortiz (left)')).toBeVisible();
    await expect(row.getByTitle('Blake Ortiz has left the incident: this task needs a new owner')).toBeVisible();

    // Given a new owner, the flag goes.
    await row.hover();
    await page.getByLabel('Assignee of Roll back the cache change').selectOption({ label: 'Avery Commander' });
    await expect(row).toContainText('Avery Commander');
    await expect(row).not.toContainText('(left)');
  } finally {
    await profile.dispose();
  }
});
