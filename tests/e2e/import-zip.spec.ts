// Journey: the evidence travels with the record. The IC exports the incident as a ZIP; the
// reviewer imports that ZIP on another laptop and has the entries with their screenshot and log,
// not only their names. A file altered in the archive is not imported as evidence: the reviewer
// is told which file and why, and its entry says the file is not on this computer.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';
import { exportAs, pick } from './support/files';
import { makePng, sha256 } from './support/png';

const START = new Date('2026-03-02T09:00:00Z');
const TITLE = 'Checkout latency over 4 s';

function entryWithText(page: Page, text: string): Locator {
  return page
    .getByRole('list', { name: 'Timeline' })
    .getByRole('article')
    .filter({ has: page.getByTestId('entry-text').getByText(text, { exact: true }) });
}

async function importFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Incident export file to import').setInputFiles({ name, mimeType: 'application/zip', buffer: Buffer.from(bytes) });
}

test('a ZIP export imported on another laptop brings its attached files; an altered file is named and left out', async () => {
  const dashboard = makePng(320, 180, [40, 90, 160]);
  const log = Buffer.from('09:02 502 from edge-7\n09:03 502 from edge-7\n');
  let zip: Uint8Array;

  const ic = new BrowserProfile();
  try {
    const page = await ic.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: TITLE, severity: 'SEV2' });
    const quick = page.getByRole('form', { name: 'Quick entry' });
    const box = quick.getByLabel('Entry text');
    const attach = quick.getByRole('button', { name: 'Attach a file to the new entry' });
    await pick(page, attach, { name: 'grafana-p99.png', mimeType: 'image/png', buffer: dashboard });
    await box.fill('p99 latency at 4.2 s on checkout-api');
    await box.press('Enter');
    await expect(entryWithText(page, 'p99 latency at 4.2 s on checkout-api').getByRole('img', { name: 'grafana-p99.png' })).toBeVisible();
    await pick(page, attach, { name: 'edge.log', mimeType: 'text/plain', buffer: log });
    await box.fill('Edge logs show 502s');
    await box.press('Enter');
    await expect(entryWithText(page, 'Edge logs show 502s').getByRole('button', { name: 'Open edge.log' })).toBeVisible();
    zip = new Uint8Array((await exportAs(page, /^ZIP/)).bytes);
  } finally {
    await ic.dispose();
  }

  const reviewer = new BrowserProfile();
  try {
    const laptop = await reviewer.start();
    await StillClock.start(laptop, START);
    await completeFirstRun(laptop, 'Dana Reviewer');

    // The ZIP as exported: the record opens with both files present.
    await importFile(laptop, 'checkout-latency.zip', zip);
    await expect(laptop.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(laptop.getByText(`Imported “${TITLE}” with 2 attached files.`)).toBeVisible();
    await expect(entryWithText(laptop, 'p99 latency at 4.2 s on checkout-api').getByRole('img', { name: 'grafana-p99.png' })).toBeVisible();
    const logEntry = entryWithText(laptop, 'Edge logs show 502s');
    await logEntry.getByRole('button', { name: 'Open edge.log' }).click();
    const viewer = laptop.getByRole('dialog', { name: 'edge.log' });
    await expect(viewer).toContainText('09:03 502 from edge-7');
    await expect(viewer).toContainText(sha256(log));
    await viewer.getByRole('button', { name: 'Close' }).click();

    // The same ZIP with the log altered (one byte): imported as a copy, without that file.
    const members = unzipSync(zip);
    const logPath = `attachments/${sha256(log)}.log`;
    expect(members[logPath]).toBeDefined();
    members[logPath] = strToU8('09:02 200 from edge-7\n09:03 502 from edge-7\n');
    await laptop.getByRole('button', { name: '← Incidents' }).click();
    await importFile(laptop, 'checkout-latency-edited.zip', zipSync(members));
    const already = laptop.getByRole('dialog', { name: 'This incident is already in your library' });
    await already.getByRole('button', { name: 'Import as a copy' }).click();
    const leftOut = laptop.getByRole('dialog', { name: 'Imported, with files left out' });
    await expect(leftOut.getByRole('list', { name: 'Attached files left out' }).getByRole('listitem')).toHaveText([
      'edge.log: its bytes do not match the SHA-256 the record names for it.',
    ]);
    await expect(leftOut).toContainText(`“${TITLE} (copy)” was imported with 1 attached file.`);
    await screenshotsAtLaptopSizes(laptop, 'import-zip-left-out');
    // Said on Home, before the room opens; the person opens the copy from it.
    await leftOut.getByRole('button', { name: 'Open the incident' }).click();
    await expect(laptop.getByRole('heading', { level: 1, name: `${TITLE} (copy)` })).toBeVisible();
    await expect(logEntry.getByRole('status')).toHaveText('edge.log is not on this computer');
    await expect(entryWithText(laptop, 'p99 latency at 4.2 s on checkout-api').getByRole('img', { name: 'grafana-p99.png' })).toBeVisible();
  } finally {
    await reviewer.dispose();
  }
});
