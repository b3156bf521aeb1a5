// Journey: run an incident to resolution, export it in every format and check each file, import
// the JSON into another laptop (and refuse a bad file), then find incidents in the library.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { escapeHtml, escapeMarkdownInline } from '../../src/core/export';
import { BrowserProfile, completeFirstRun, declareIncident, markMilestone, readTimeline } from './support/app';
import { parseExportedCsv } from '../support/strictCsv';
import { quickEntry } from './support/dialogs';

const TITLE = 'Checkout failing for EU customers';
const ZONE = 'America/New_York';

/** Exports through the dialog and returns the downloaded file's name and text. */
async function exportAs(page: Page, format: RegExp, zone: string | null): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export incident' });
  await dialog.getByRole('radio', { name: format }).check();
  if (zone !== null) await dialog.getByLabel('Time zone name').fill(zone);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  await expect(dialog).toBeHidden();
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByLabel('Incident export file to import')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

const withoutExportTime = (json: string) => ({ ...JSON.parse(json), exportedAt: 0 });

test('exports a resolved incident in every format, imports it back, and finds it in the library', async () => {
  const laptop = new BrowserProfile();
  const otherLaptop = new BrowserProfile();
  try {
    const page = await laptop.start();
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: TITLE, severity: 'SEV1', summary: 'Connection pool exhausted after deploy; card payments fail' });

    await page.getByRole('button', { name: 'Add person' }).click();
    const person = page.getByRole('dialog', { name: 'Add person' });
    await person.getByLabel('Name').fill('Blake Ortiz');
    await person.getByRole('button', { name: 'Add person' }).click();
    await expect(person).toBeHidden();
    await markMilestone(page, 'Detected');
    await quickEntry(page, 'Fact', 'checkout-api logs: timeout acquiring connection from pool');
    await quickEntry(page, 'Decision', 'Roll back the deploy now, root cause later');
    await quickEntry(page, 'Action', 'Rolled back the zeppelin config; checkout recovers');
    await markMilestone(page, 'Resolved');
    await page.getByLabel('Phase', { exact: true }).selectOption('resolved');
    await expect(page.getByLabel('Phase', { exact: true })).toHaveValue('resolved');

    const timeline = await readTimeline(page);
    expect(timeline).toContain('Rolled back the zeppelin config; checkout recovers');

    // An unknown zone is refused with a clear message and nothing is downloaded.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export incident' });
    await expect(dialog.getByRole('radio', { name: /^PDF/ })).toHaveCount(0); // a browser cannot print to a file
    await dialog.getByLabel('Time zone name').fill('Mars/Olympus');
    await expect(dialog.getByText('Not a time zone this system knows: pick one from the list.')).toBeVisible();
    await expect(dialog.getByLabel('Time zone name')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByRole('button', { name: 'Download' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(/"Mars\/Olympus" is not a time zone this system knows/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    const slug = 'checkout-failing-for-eu-customers';

    const markdown = await exportAs(page, /^Markdown/, ZONE);
    expect(markdown.name).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${slug}-timeline\\.md$`));
    expect(markdown.text).toContain(`# ${TITLE}`);
    expect(markdown.text).toContain(`Times shown in:** ${escapeMarkdownInline(ZONE)}`);
    for (const text of timeline) expect(markdown.text).toContain(escapeMarkdownInline(text));

    const html = await exportAs(page, /^HTML/, ZONE);
    expect(html.name).toMatch(/-timeline\.html$/);
    expect(html.text).toMatch(/^<!doctype html>/i);
    expect(html.text).not.toMatch(/<script/i);
    for (const text of timeline) expect(html.text).toContain(escapeHtml(text));

    const csv = await exportAs(page, /^CSV/, ZONE);
    expect(csv.name).toMatch(/-timeline\.csv$/);
    const [header, ...rows] = parseExportedCsv(csv.text);
    expect(header).toEqual(['utc_time', 'local_time', 'author', 'kind', 'text', 'said_by', 'correction']);
    expect(rows).toHaveLength(timeline.length);
    expect(rows.map((r) => r[4]).sort()).toEqual([...timeline].sort());
    for (const [utc, local, author, kind] of rows as string[][]) {
      expect(utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // New York is UTC-5 or UTC-4; the local column is the same instant, to the second.
      expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/);
      expect(Date.parse(local!)).toBe(Math.floor(Date.parse(utc!) / 1000) * 1000);
      expect(['Avery Commander']).toContain(author);
      expect(['note', 'fact', 'decision', 'action', 'event']).toContain(kind);
    }

    const json = await exportAs(page, /^JSON/, null);
    expect(json.name).toMatch(/-timeline\.json$/);
    const document = JSON.parse(json.text);
    expect(document).toMatchObject({ format: 'sitrep-incident', incident: { title: TITLE, severity: 'SEV1', phase: 'resolved' } });
    expect(document.timeline).toHaveLength(timeline.length);

    // Import on another laptop: refused when malformed, then imported, opened and exported again.
    const other = await otherLaptop.start();
    await completeFirstRun(other, 'Dana Reviewer');
    await importFile(other, 'broken.json', json.text.slice(0, 300));
    const refused = other.getByRole('dialog', { name: 'This file cannot be imported' });
    await expect(refused.getByRole('alert')).toHaveText(/^This file is not valid JSON/);
    await refused.getByRole('button', { name: 'Close' }).click();
    await importFile(other, 'future.json', json.text.replace(/"formatVersion": \d+/, '"formatVersion": 99'));
    await expect(refused.getByRole('alert')).toHaveText(/newer Sitrep/);
    await refused.getByRole('button', { name: 'Close' }).click();
    await expect(other.getByText('No incidents yet')).toBeVisible();

    await importFile(other, json.name, json.text);
    await expect(other.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    const again = await exportAs(other, /^JSON/, null);
    expect(withoutExportTime(again.text)).toEqual(withoutExportTime(json.text));
    expect(again.text.replace(/"exportedAt": \d+/, '')).toBe(json.text.replace(/"exportedAt": \d+/, ''));
    await other.getByRole('button', { name: '← Incidents' }).click();
    await expect(
      other
        .getByRole('region', { name: 'Resolved and closed incidents' })
        .getByRole('button', { name: new RegExp(TITLE) })
        .first(),
    ).toBeVisible();

    // The same file again on the first laptop: never overwritten, a copy only if asked.
    await page.getByRole('button', { name: '← Incidents' }).click();
    await importFile(page, json.name, json.text);
    const duplicate = page.getByRole('dialog', { name: 'This incident is already in your library' });
    await expect(duplicate).toContainText(`“${TITLE}” is already stored on this computer`);
    await duplicate.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('button', { name: `Delete ${TITLE}…` })).toHaveCount(1);

    // A second, similar incident, which shows the first as a similar past incident.
    await declareIncident(page, {
      title: 'Checkout latency for EU customers',
      severity: 'SEV2',
      summary: 'Connection pool exhausted again after a deploy',
    });
    const similar = page.getByRole('region', { name: 'Similar past incidents' });
    // The panel is folded with its count until opened.
    await similar.getByRole('button', { name: 'Similar past incidents (1)' }).click();
    await expect(similar.getByRole('button', { name: new RegExp(TITLE) })).toBeVisible();
    await page.getByRole('button', { name: '← Incidents' }).click();

    // Search by a word only the first incident's timeline has; filters narrow the list.
    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('zeppelin');
    const matching = page.getByRole('region', { name: 'Matching incidents' });
    await expect(matching.getByRole('listitem')).toHaveCount(1);
    await expect(matching.getByRole('button', { name: new RegExp(TITLE) }).first()).toBeVisible();
    await expect(matching.getByTestId('match-reasons')).toContainText('Matched in timeline:');
    await expect(matching.getByTestId('match-reasons').locator('mark')).toHaveText('zeppelin');
    await search.fill('');
    await search.fill('checkout');
    await expect(matching.getByRole('listitem')).toHaveCount(2);
    await page.getByLabel('Severity', { exact: true }).selectOption('SEV2');
    await expect(matching.getByRole('listitem')).toHaveCount(1);
    await expect(matching.getByRole('button', { name: /Checkout latency for EU customers/ }).first()).toBeVisible();
    await page.getByLabel('Severity', { exact: true }).selectOption('');
    await page.getByLabel('Phase', { exact: true }).selectOption('resolved');
    await expect(matching.getByRole('listitem')).toHaveCount(1);
    await expect(matching.getByRole('button', { name: new RegExp(TITLE) }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page.getByLabel('Declared from').fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}`);
    await expect(page.getByRole('status').filter({ hasText: 'No incident matches.' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page.getByRole('region', { name: 'Active incidents' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    await laptop.dispose();
    await otherLaptop.dispose();
  }
});
