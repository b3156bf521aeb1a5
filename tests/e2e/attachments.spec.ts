// Journey: evidence on the record. A responder attaches a dashboard screenshot by picking it,
// another by pasting and a third by dropping it into quick entry, attaches a file to an earlier
// entry, is told clearly when a file is too large, opens a thumbnail full size, and exports the
// incident: the HTML report embeds the images, the ZIP carries the JSON and the files by SHA-256.
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { HTML_CSP } from '../../src/core/export';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';
import { exportAs, pick } from './support/files';
import { makePng, sha256 } from './support/png';

const START = new Date('2026-03-02T09:00:00Z');

function entryWithText(page: Page, text: string): Locator {
  return page
    .getByRole('list', { name: 'Timeline' })
    .getByRole('article')
    .filter({ has: page.getByTestId('entry-text').getByText(text, { exact: true }) });
}

/** Pastes a file into a text box the way the clipboard does for a screenshot (named image.png). */
async function pasteFile(box: Locator, bytes: Buffer, type: string): Promise<void> {
  await box.evaluate(
    (element, { data, mime }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'image.png', { type: mime }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { data: [...bytes], mime: type },
  );
}

/** Drops a file onto an element the way a file dragged from the desktop arrives. */
async function dropFile(target: Locator, name: string, bytes: Buffer, type: string): Promise<void> {
  await target.evaluate(
    (element, { data, fileName, mime }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], fileName, { type: mime }));
      element.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      element.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { data: [...bytes], fileName: name, mime: type },
  );
}

test('screenshots attached by pick, paste and drop show as thumbnails, open full size, and travel in the HTML and ZIP exports', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout latency over 4 s', severity: 'SEV2' });
    const quick = page.getByRole('form', { name: 'Quick entry' });
    const box = quick.getByLabel('Entry text');

    // Pick: the file waits beside the box until the entry is added.
    const dashboard = makePng(320, 180, [40, 90, 160]);
    await pick(page, quick.getByRole('button', { name: 'Attach a file to the new entry' }), {
      name: 'grafana-p99.png',
      mimeType: 'image/png',
      buffer: dashboard,
    });
    await expect(quick.getByRole('list', { name: 'Files to attach' })).toContainText('grafana-p99.png');
    await box.fill('p99 latency at 4.2 s on checkout-api');
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(quick.getByRole('list', { name: 'Files to attach' })).toHaveCount(0);
    const picked = entryWithText(page, 'p99 latency at 4.2 s on checkout-api');
    await expect(picked.getByRole('img', { name: 'grafana-p99.png' })).toBeVisible();

    // Paste: a screenshot from the clipboard becomes an attachment, named for when it was pasted.
    const errors = makePng(240, 160, [170, 50, 50]);
    await box.fill('Error rate climbing since the deploy');
    await pasteFile(box, errors, 'image/png');
    const pastedName = /^pasted-2026-03-02-09-00-00\.png$/;
    await expect(quick.getByRole('list', { name: 'Files to attach' }).getByRole('listitem')).toHaveText(/pasted-2026-03-02-09-00-00\.png/);
    await expect(box).toHaveValue('Error rate climbing since the deploy');
    await box.press('Enter');
    const pasted = entryWithText(page, 'Error rate climbing since the deploy');
    await expect(pasted.getByRole('img', { name: pastedName })).toBeVisible();

    // Drop: a file dragged onto the quick entry box waits there like a picked one.
    const trace = makePng(200, 120, [90, 60, 150]);
    await box.fill('Trace of a slow checkout request');
    await dropFile(box, 'trace-waterfall.png', trace, 'image/png');
    await expect(quick.getByRole('list', { name: 'Files to attach' })).toContainText('trace-waterfall.png');
    await box.press('Enter');
    await expect(entryWithText(page, 'Trace of a slow checkout request').getByRole('img', { name: 'trace-waterfall.png' })).toBeVisible();

    // An earlier entry takes a file through its own Attach button; the record says so.
    await box.fill('Rolled back checkout-api to v41');
    await box.press('Enter');
    const rollback = entryWithText(page, 'Rolled back checkout-api to v41');
    const log = Buffer.from('09:12:01 deploy v42 started\n09:14:40 pool exhausted\n', 'utf8');
    await rollback.hover();
    await pick(page, rollback.getByRole('button', { name: 'Attach a file to this entry' }), {
      name: 'deploy.log',
      mimeType: 'text/plain',
      buffer: log,
    });
    await expect(rollback.getByRole('button', { name: 'Open deploy.log' })).toBeVisible();
    await expect(page.getByTestId('entry-text').getByText(/^Attached deploy\.log \(52 bytes\) to an entry$/)).toBeVisible();
    // A log excerpt opens as text.
    await rollback.getByRole('button', { name: 'Open deploy.log' }).click();
    const logViewer = page.getByRole('dialog', { name: 'deploy.log' });
    await expect(logViewer.locator('pre')).toHaveText('09:12:01 deploy v42 started\n09:14:40 pool exhausted\n');
    await screenshotsAtLaptopSizes(page, 'attachments-text-viewer');
    await logViewer.getByRole('button', { name: 'Close' }).click();
    await expect(logViewer).toBeHidden();

    // Or a file dropped on the entry itself.
    const diff = Buffer.from('- pool_size: 50\n+ pool_size: 10\n', 'utf8');
    await dropFile(rollback, 'config.diff', diff, 'text/x-diff');
    await expect(rollback.getByRole('button', { name: 'Open config.diff' })).toBeVisible();

    // Too large: a clear message naming the file and the limit, and nothing attached.
    await pick(page, quick.getByRole('button', { name: 'Attach a file to the new entry' }), {
      name: 'heap-dump.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    await expect(quick.getByRole('alert')).toHaveText(
      '"heap-dump.bin" is 10.0 MB (10,485,761 bytes); an attachment can be at most 10 MB (10,485,760 bytes). Nothing was attached.',
    );
    await expect(quick.getByRole('list', { name: 'Files to attach' })).toHaveCount(0);

    await screenshotsAtLaptopSizes(page, 'attachments-timeline');

    // Full size: the viewer shows the picture at its own size, with its hash.
    await picked.getByRole('button', { name: 'Open grafana-p99.png full size' }).click();
    const viewer = page.getByRole('dialog', { name: 'grafana-p99.png' });
    const full = viewer.getByRole('img', { name: 'grafana-p99.png' });
    await expect(full).toBeVisible();
    expect(await full.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([320, 180]);
    await expect(viewer).toContainText(sha256(dashboard));
    await screenshotsAtLaptopSizes(page, 'attachments-viewer');
    // Save a copy: the very bytes that were attached.
    const saving = page.waitForEvent('download');
    await viewer.getByRole('button', { name: 'Save a copy' }).click();
    const saved = await saving;
    expect(saved.suggestedFilename()).toBe('grafana-p99.png');
    expect(sha256(await readFile(await saved.path()))).toBe(sha256(dashboard));
    await viewer.getByRole('button', { name: 'Close' }).click();
    await expect(viewer).toBeHidden();

    // HTML: both images embedded as data: URLs, allowed by the report's policy and nothing else.
    const html = (await exportAs(page, /^HTML/)).bytes.toString('utf8');
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(html).toContain(`src="data:image/png;base64,${dashboard.toString('base64')}"`);
    expect(html).toContain(`src="data:image/png;base64,${errors.toString('base64')}"`);
    expect(html).toContain(`deploy.log (text/plain, 52 bytes, SHA-256 ${sha256(log)})`);

    // ZIP: the JSON export and each file under attachments/<sha256>.<ext>, matching its hash.
    const zip = await exportAs(page, /^ZIP/);
    expect(zip.name).toMatch(/^2026-03-02-checkout-latency-over-4-s-timeline\.zip$/);
    const members = unzipSync(new Uint8Array(zip.bytes));
    const json = JSON.parse(new TextDecoder().decode(members['incident.json'])) as {
      timeline: Array<{ text: string; attachments?: Array<{ sha256: string; name: string; type: string; size: number }> }>;
    };
    const attached = json.timeline.flatMap((entry) => entry.attachments ?? []);
    expect(attached.map((file) => file.sha256).sort()).toEqual(
      [sha256(dashboard), sha256(errors), sha256(trace), sha256(log), sha256(diff)].sort(),
    );
    expect(json.timeline.find((entry) => entry.text === 'p99 latency at 4.2 s on checkout-api')?.attachments).toEqual([
      { sha256: sha256(dashboard), name: 'grafana-p99.png', type: 'image/png', size: dashboard.length },
    ]);
    for (const file of attached) {
      const member = members[`attachments/${file.sha256}.${file.name.split('.').pop()}`];
      expect(member, file.name).toBeDefined();
      expect(sha256(member!)).toBe(file.sha256);
    }
    expect(Object.keys(members).sort()).toEqual(
      ['incident.json', ...attached.map((file) => `attachments/${file.sha256}.${file.name.split('.').pop()}`)].sort(),
    );

    // The JSON alone, imported on another laptop: the entries say which files it lacks.
    const other = new BrowserProfile();
    try {
      const laptop = await other.start();
      await completeFirstRun(laptop, 'Dana Reviewer');
      await laptop
        .getByLabel('Incident export file to import')
        .setInputFiles({ name: 'incident.json', mimeType: 'application/json', buffer: Buffer.from(members['incident.json']!) });
      await expect(laptop.getByRole('heading', { level: 1, name: 'Checkout latency over 4 s' })).toBeVisible();
      await expect(entryWithText(laptop, 'p99 latency at 4.2 s on checkout-api').getByRole('status')).toHaveText(
        'grafana-p99.png is not on this computer',
      );
    } finally {
      await other.dispose();
    }
  } finally {
    await profile.dispose();
  }
});
