// Journey: a commander tidies the library on this laptop. An incident is archived (it leaves the
// list, stays searchable, marked), restored, and another is deleted through a confirmation that
// no single stray click gets past; after a reload the deleted one is gone and the other stays.
import { expect, test, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, StillClock, screenshotsAtLaptopSizes } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const KEPT = 'Checkout returns 500';
const DOOMED = 'DNS resolution fails';

async function backToIncidents(page: Page): Promise<void> {
  await page.getByRole('button', { name: '← Incidents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
}

test('archives, finds, restores and deletes incidents in the library on this computer', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: KEPT, severity: 'SEV2', summary: 'Payment gateway timeouts for EU cards' });
    await backToIncidents(page);
    await declareIncident(page, { title: DOOMED, severity: 'SEV3', summary: 'Internal resolver drops queries' });
    await backToIncidents(page);

    const active = page.getByRole('region', { name: 'Active incidents' });
    await expect(active.getByRole('button', { name: new RegExp(KEPT) }).first()).toBeVisible();

    // Archive: it leaves the list, and "Show archived" brings it back, marked and restorable.
    await page.getByRole('button', { name: `Archive ${KEPT}` }).click();
    await expect(page.getByRole('status').getByText(`Archived “${KEPT}” on this computer.`, { exact: false })).toBeVisible();
    await expect(active.getByText(KEPT)).toHaveCount(0);
    await expect(active.getByText(DOOMED)).toBeVisible();
    const toggle = page.getByRole('button', { name: 'Show archived (1)' });
    await expect(toggle).toBeVisible();
    await toggle.click();
    const archived = page.getByRole('region', { name: 'Archived on this computer incidents' });
    await expect(archived.getByText(KEPT)).toBeVisible();
    await expect(archived.getByText(/^Archived on this computer /)).toBeVisible();
    await expect(archived.getByRole('button', { name: `Restore ${KEPT}` })).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'home-archived-shown');
    await page.getByRole('button', { name: 'Hide archived (1)' }).click();
    await expect(archived).toBeHidden();

    // Search finds the archived incident by its summary, marked as archived.
    await page.getByLabel('Search', { exact: true }).fill('gateway');
    const matching = page.getByRole('region', { name: 'Matching incidents' });
    await expect(matching.getByRole('listitem')).toHaveCount(1);
    await expect(matching.getByText(KEPT)).toBeVisible();
    await expect(matching.getByText(/^Archived on this computer /)).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();

    // Restore: back in the active list, and nothing is archived any more.
    await page.getByRole('button', { name: 'Show archived (1)' }).click();
    await page.getByRole('button', { name: `Restore ${KEPT}` }).click();
    await expect(active.getByText(KEPT)).toBeVisible();
    await expect(page.getByRole('button', { name: /Show archived|Hide archived/ })).toHaveCount(0);

    // Delete asks first; its own button is disabled until the title is typed (so a click on it, or
    // Enter in the empty confirmation, deletes nothing), and another title does not enable it.
    await page.getByRole('button', { name: `Delete ${DOOMED}…` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete “${DOOMED}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Other laptops that have this room keep their own copy');
    const deleteButton = dialog.getByRole('button', { name: 'Delete incident' });
    await expect(deleteButton).toBeDisabled();
    await deleteButton.click({ force: true });
    await expect(dialog).toBeVisible();
    const confirmation = dialog.getByLabel(`Type ${DOOMED} to confirm`);
    await confirmation.press('Enter');
    await expect(dialog).toBeVisible();
    await confirmation.fill(KEPT);
    await expect(deleteButton).toBeDisabled();
    await screenshotsAtLaptopSizes(page, 'delete-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(active.getByText(DOOMED)).toBeVisible();

    await page.getByRole('button', { name: `Delete ${DOOMED}…` }).click();
    await expect(confirmation).toHaveValue('');
    await confirmation.fill(DOOMED);
    await expect(deleteButton).toBeEnabled();
    await screenshotsAtLaptopSizes(page, 'delete-dialog-confirmed');
    await deleteButton.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').getByText(`Deleted “${DOOMED}” from this computer.`, { exact: false })).toBeVisible();
    await expect(active.getByText(DOOMED)).toHaveCount(0);
    await expect(active.getByText(KEPT)).toBeVisible();

    // After a reload the deleted incident is gone, from the list and from search; the other stays.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    await expect(active.getByText(KEPT)).toBeVisible();
    await expect(page.getByText(DOOMED)).toHaveCount(0);
    await page.getByLabel('Search', { exact: true }).fill('resolver');
    await expect(page.getByRole('status').getByText('No incident matches.')).toBeVisible();
    await page.getByLabel('Search', { exact: true }).fill('gateway');
    await expect(matching.getByText(KEPT)).toBeVisible();
  } finally {
    await profile.dispose();
  }
});

test('a delete or archive that storage refuses says so and changes nothing', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    // Dexie binds IDBDatabase.transaction when the database opens, so the switch that makes
    // writes fail is installed before the app starts, and turned on later.
    await page.addInitScript(() => {
      const open = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        if ((globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull && args[1] === 'readwrite') {
          throw new DOMException('The disk is full (simulated).', 'QuotaExceededError');
        }
        return open.apply(this, args);
      };
    });
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: DOOMED, severity: 'SEV3' });
    await backToIncidents(page);

    // Every write to IndexedDB now fails, as on a full disk.
    await page.evaluate(() => {
      (globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull = true;
    });
    await page.getByRole('button', { name: `Archive ${DOOMED}` }).click();
    await expect(page.getByRole('status').getByText(`“${DOOMED}” could not be archived:`, { exact: false })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Active incidents' }).getByText(DOOMED)).toBeVisible();

    await page.getByRole('button', { name: `Delete ${DOOMED}…` }).click();
    const dialog = page.getByRole('dialog', { name: `Delete “${DOOMED}”?` });
    await dialog.getByLabel(`Type ${DOOMED} to confirm`).fill(DOOMED);
    await dialog.getByRole('button', { name: 'Delete incident' }).click();
    await expect(dialog.getByRole('alert')).toContainText(`“${DOOMED}” could not be deleted; nothing was removed.`);
    await expect(dialog.getByRole('alert')).toContainText('The disk is full (simulated).');
    await expect(dialog).toBeVisible();

    await page.reload();
    await expect(page.getByRole('region', { name: 'Active incidents' }).getByText(DOOMED)).toBeVisible();
    await expect(page.getByRole('button', { name: /Show archived/ })).toHaveCount(0);
  } finally {
    await profile.dispose();
  }
});
