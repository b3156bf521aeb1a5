// Journey: the disk fills up in the middle of an incident. The scribe's note cannot be saved, and
// closing the incident (going back to the incidents, or closing the window) asks first: retry
// saving, export a copy, or stay. Nothing typed is lost: the export carries the note, and once the
// disk has room again a retry stores it and the close goes ahead.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { BASE_URL, BrowserProfile, completeFirstRun, declareIncident, StillClock, screenshotsAtLaptopSizes } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const TITLE = 'Replica lag on the primary database';
const NOTE = 'Replica 4 GB behind; replication stopped by hand';

/**
 * Every IndexedDB write fails while `sitrepDiskFull` is set, as on a full disk. Dexie binds
 * IDBDatabase.transaction when the database opens, so the switch is installed before the app starts.
 */
async function installFullDiskSwitch(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if ((globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull && args[1] === 'readwrite') {
        throw new DOMException('The disk is full (simulated).', 'QuotaExceededError');
      }
      return open.apply(this, args);
    };
  });
}

async function setDiskFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((value) => {
    (globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull = value;
  }, full);
}

async function writeNoteThatCannotBeSaved(page: Page): Promise<void> {
  await setDiskFull(page, true);
  const box = page.getByRole('form', { name: 'Quick entry' }).getByLabel('Entry text');
  await box.fill(NOTE);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('Not saved');
}

async function startIncident(profile: BrowserProfile): Promise<Page> {
  const page = await profile.start();
  await installFullDiskSwitch(page);
  await StillClock.start(page, START);
  await completeFirstRun(page, 'Avery Commander');
  await declareIncident(page, { title: TITLE, severity: 'SEV2' });
  return page;
}

/** Opens the incident from Home and checks the note came back from storage. */
async function expectNoteStored(page: Page): Promise<void> {
  await page
    .getByRole('region', { name: 'Active incidents' })
    .getByRole('button', { name: new RegExp(TITLE) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByTestId('entry-text').filter({ hasText: NOTE })).toHaveCount(1);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved');
}

test('going back to the incidents with unsaved changes asks: retry, export a copy, or stay', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await startIncident(profile);
    await writeNoteThatCannotBeSaved(page);

    // Going back asks first, with the three ways out.
    const leave = page.getByRole('button', { name: '← Incidents' });
    await leave.click();
    const dialog = page.getByRole('dialog', { name: 'Changes not saved' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`“${TITLE}” has changes this computer could not save.`);
    await expect(dialog).toContainText('the disk is full');
    await expect(dialog.getByRole('button', { name: 'Retry saving' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Export a copy' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Stay' })).toBeVisible();
    // Closing without saving is offered only once a copy exists.
    await expect(dialog.getByRole('button', { name: 'Close without saving' })).toHaveCount(0);
    await screenshotsAtLaptopSizes(page, 'unsaved-close-dialog');

    // Stay: the room is still here, with the note.
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByTestId('entry-text').filter({ hasText: NOTE })).toHaveCount(1);

    // Export a copy: a JSON file carrying the note.
    await leave.click();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export a copy' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as unknown;
    expect(JSON.stringify(exported)).toContain(NOTE);
    await expect(dialog.getByRole('status')).toContainText(`A copy was exported: ${download.suggestedFilename()}`);
    await expect(dialog.getByRole('button', { name: 'Close without saving' })).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'unsaved-close-dialog-exported');

    // A retry while the disk is still full says so and keeps everything.
    await dialog.getByRole('button', { name: 'Retry saving' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Still not saved:');
    await expect(dialog).toBeVisible();

    // The disk has room again: the retry stores the note and the close goes ahead.
    await setDiskFull(page, false);
    await dialog.getByRole('button', { name: 'Retry saving' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('region', { name: 'Unsaved changes' })).toHaveCount(0);

    // Stored for real: a reload reads it back from IndexedDB, not from memory.
    await page.reload();
    await expectNoteStored(page);
  } finally {
    await profile.dispose();
  }
});

test('closing the window with unsaved changes is held up and asks; after a retry it closes and the note is stored', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await startIncident(profile);
    await writeNoteThatCannotBeSaved(page);

    // The browser asks "Leave site?" first; choosing to stay leaves Sitrep's own question open.
    page.once('dialog', (prompt) => {
      expect(prompt.type()).toBe('beforeunload');
      void prompt.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    const dialog = page.getByRole('dialog', { name: 'Changes not saved' });
    await expect(dialog).toContainText('Closing Sitrep now would lose them.');
    await screenshotsAtLaptopSizes(page, 'unsaved-close-window');

    await setDiskFull(page, false);
    await dialog.getByRole('button', { name: 'Retry saving' }).click();
    await expect(dialog).toBeHidden();
    // Sitrep closes the window itself (the desktop app does); a browser tab refuses a page's close, so it says so.
    await expect(page.getByText('Everything is saved. You can close this window now.')).toBeVisible();
    // The next close is not held up: no "Leave site?" this time.
    page.once('dialog', (prompt) => {
      void prompt.dismiss();
      throw new Error(`the close was held up again by a ${prompt.type()} dialog`);
    });
    // With runBeforeUnload, close does not wait for the page to go; the bounded wait is a safety net.
    const closed = page.waitForEvent('close', { timeout: 20_000 });
    await page.close({ runBeforeUnload: true });
    await closed;

    // A new window of the same profile finds the note stored.
    const context = profile.context;
    if (!context) throw new Error('the browser profile is not running');
    const next = await context.newPage();
    await next.goto(BASE_URL);
    await expectNoteStored(next);
  } finally {
    await profile.dispose();
  }
});

test('an incident closed before its failed save was known stays open, says so on Home, and a retry stores it', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await startIncident(profile);
    const box = page.getByRole('form', { name: 'Quick entry' }).getByLabel('Entry text');
    await box.fill(NOTE);
    // The disk fills, the note is sent and the incident closed in one go: the close starts while
    // the note is still "Saving…", before the failure is known, so nothing asks first.
    await page.evaluate(() => {
      (globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull = true;
      const entry = document.querySelector('form[aria-label="Quick entry"] textarea');
      if (!entry) throw new Error('the quick entry box is missing');
      entry.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const back = [...document.querySelectorAll('button')].find((button) => button.textContent?.includes('← Incidents'));
      if (!back) throw new Error('the ← Incidents button is missing');
      back.click();
    });
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();

    // Its save failed at the close: the incident stays open in this window, and Home says so.
    const notice = page.getByRole('region', { name: 'Unsaved changes' });
    await expect(notice.getByRole('alert')).toContainText(`“${TITLE}” has changes that could not be saved.`);
    await screenshotsAtLaptopSizes(page, 'unsaved-held-notice');
    await notice.getByRole('button', { name: 'Resolve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changes not saved' });
    await expect(dialog).toContainText('It stays open in this window until they are saved.');
    await expect(dialog).toContainText('the disk is full');

    // The export of the held incident carries the note.
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export a copy' }).click();
    expect(await readFile(await (await downloading).path(), 'utf8')).toContain(NOTE);

    // Room again on the disk: the retry stores it, the notice goes, and a reload finds the note.
    await setDiskFull(page, false);
    await dialog.getByRole('button', { name: 'Retry saving' }).click();
    await expect(dialog).toBeHidden();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expectNoteStored(page);
  } finally {
    await profile.dispose();
  }
});
