// Long lists in the war room (issue 13, item 3): an incident with 500 open tasks, 300 changes
// still in place, 80 hypotheses and 60 follow-ups keeps the room's DOM small (only the rows in
// view of each panel exist), while every row stays reachable: by scrolling, and by keyboard
// (arrows / End move between rows, Tab reaches the row's controls), with its place in the list
// told to screen readers. A mid-size incident still renders every row (checked by
// room-at-a-glance.spec.ts). The work panels are also shown in Japanese and Russian at laptop
// sizes, with no panel head or row cut.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { completeFirstRun, screenshotsAtLaptopSizes } from './support/app';
import type { Sizes } from './support/workIncident';

/**
 * The incident is written through the real commands in a child process (tsx): the core modules
 * import JSON catalogs, which Playwright's ESM loader refuses without import attributes.
 */
function buildIncident(title: string, sizes: Sizes): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'support/workIncident.ts'), title, JSON.stringify(sizes)],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}

async function importIncident(page: Page, title: string, json: string): Promise<void> {
  await page.goto('/');
  await completeFirstRun(page, 'Avery Okafor');
  await page
    .getByLabel('Incident export file to import')
    .setInputFiles({ name: 'incident.json', mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

/**
 * Scrolls the records panel to its end, as a person would, until `row` is in view: rows are
 * measured as they appear, so the list's height settles after the first rows at the end show.
 */
async function scrollToEnd(page: Page, row: Locator): Promise<void> {
  await expect(async () => {
    await page.locator('#tabpanel-records').evaluate((body) => body.scrollTo({ top: body.scrollHeight }));
    await expect(row).toBeInViewport({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

const BIG: Sizes = { tasks: 500, doneTasks: 40, changes: 300, hypotheses: 80, followUps: 60, milestones: 60 };

test('500 tasks and 300 changes: the DOM holds only the rows in view, and the last row is reachable by keyboard and by scrolling', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await importIncident(page, 'Payments failing everywhere', buildIncident('Payments failing everywhere', BIG));
  const tasks = page.getByRole('region', { name: 'Tasks' });
  await expect(tasks.getByText('500 open')).toBeVisible();
  await expect(tasks.getByRole('listitem').first()).toBeVisible();

  // Far fewer rows than the incident holds, in every long list.
  const counts = await page.evaluate(() => ({
    tasks: document.querySelectorAll('.task-row').length,
    hypotheses: document.querySelectorAll('.hyp-card').length,
    changes: document.querySelectorAll('.change-row').length,
    milestones: document.querySelectorAll('.panel-milestones li').length,
    elements: document.getElementsByTagName('*').length,
  }));
  expect(counts.tasks, 'task rows in the DOM').toBeLessThan(60);
  expect(counts.hypotheses, 'hypothesis cards in the DOM').toBeLessThan(40);
  expect(counts.changes, 'change rows in the DOM').toBeLessThan(60);
  expect(counts.milestones, 'milestone rows in the DOM').toBeLessThan(40);
  expect(counts.elements, 'elements in the whole page').toBeLessThan(3000);

  // Keyboard: a row takes focus and says its place; End goes to the last one, arrows move on.
  const first = tasks.getByRole('listitem', { name: 'Task 001: check shard 1' });
  await expect(first).toHaveAttribute('aria-posinset', '1');
  await expect(first).toHaveAttribute('aria-setsize', '500');
  await first.focus();
  await page.keyboard.press('End');
  const last = tasks.getByRole('listitem', { name: 'Task 500: check shard 500' });
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last).toHaveAttribute('aria-posinset', '500');
  await page.keyboard.press('ArrowUp');
  const before = tasks.getByRole('listitem', { name: 'Task 499: check shard 499' });
  await expect(before).toBeFocused();
  // Tab from the row reaches its own controls, which work.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Assignee of Task 499: check shard 499')).toBeFocused();
  await page.getByLabel('Status of Task 499: check shard 499').selectOption('doing');
  await expect(
    tasks.getByRole('group', { name: 'Doing tasks' }).getByRole('listitem', { name: 'Task 499: check shard 499' }),
  ).toBeVisible();
  await expect(tasks.getByText('500 open')).toBeVisible();
  expect(await page.locator('.task-row').count(), 'task rows after moving to the end').toBeLessThan(60);

  // Scrolling: the last change still in place comes into the DOM and can be rolled back.
  const changes = page.getByRole('region', { name: 'System changes' });
  // The count shows in the records tab (the panel's own toolbar line folds into its head).
  await expect(page.getByRole('tab', { name: 'System changes, 300 still in place' })).toBeVisible();
  const lastChange = changes.getByRole('listitem', { name: 'Change: Change 300: raised the pool size on shard 300' });
  await expect(lastChange).toHaveCount(0);
  await scrollToEnd(page, lastChange);
  await lastChange.hover();
  await changes.getByRole('button', { name: 'Mark rolled back: Change 300: raised the pool size on shard 300' }).click();
  await expect(page.getByRole('tab', { name: 'System changes, 299 still in place' })).toBeVisible();

  // Hypotheses: the last one is reached with the keyboard too, and its controls are named.
  const hypotheses = page.getByRole('region', { name: 'Hypotheses' });
  await hypotheses.getByRole('article').first().focus();
  await page.keyboard.press('End');
  const lastHypothesis = hypotheses.getByRole('article', { name: /^Hypothesis: Hypothesis 080/ });
  await expect(lastHypothesis).toBeFocused();
  await expect(lastHypothesis.getByRole('button', { name: /^Add evidence to Hypothesis 080/ })).toHaveCount(1);

  // Follow-ups: 60 of them, only those in view rendered; the last reachable by scrolling.
  await page.getByRole('tab', { name: /^Follow-ups/ }).click();
  const followUps = page.getByRole('region', { name: 'Follow-ups' });
  expect(await followUps.getByRole('listitem').count(), 'follow-up rows in the DOM').toBeLessThan(40);
  await scrollToEnd(page, followUps.getByRole('listitem', { name: 'Follow-up: Follow-up 060: alert on shard 60 saturation' }));

  // Done tasks fold; opened, they are a long list of their own in the same scrolling body.
  await tasks.getByRole('button', { name: /^Done tasks/ }).click();
  await tasks.getByRole('list', { name: 'Done tasks' }).scrollIntoViewIfNeeded();
  await tasks.getByRole('list', { name: 'Done tasks' }).getByRole('listitem').first().focus();
  await page.keyboard.press('End');
  await expect(tasks.getByRole('listitem', { name: 'Task 540: check shard 540' })).toBeFocused();
  await screenshotsAtLaptopSizes(page, 'long-lists-500-tasks');
});

/** A catalog's text for a key without arguments, read from the JSON the app bundles. */
function catalogText(language: string, ns: string, key: string): string {
  const catalog: unknown = JSON.parse(readFileSync(join(import.meta.dirname, `../../src/locales/${language}/${ns}.json`), 'utf8'));
  const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog);
  if (typeof value !== 'string') throw new Error(`No text for ${language}/${ns}:${key}`);
  return value;
}

const MID: Sizes = { tasks: 8, doneTasks: 2, changes: 5, hypotheses: 4, followUps: 3, milestones: 2 };

for (const [locale, language] of [
  ['ja-JP', 'ja'],
  ['ru-RU', 'ru'],
] as const) {
  const t = (key: string, { ns }: { ns: 'app' | 'work' }) => catalogText(language, ns, key);
  test.describe(`in ${locale}`, () => {
    test.use({ locale });
    test(`the work panels speak ${locale} and nothing in them is cut at laptop sizes`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto('/');
      // The app follows the browser's language on first run.
      const welcome = page.getByRole('dialog', { name: t('profile.title', { ns: 'app' }) });
      await welcome.getByLabel(t('profile.nameLabel', { ns: 'app' })).fill('Avery Okafor');
      await welcome.getByRole('button', { name: t('profile.continue', { ns: 'app' }) }).click();
      await expect(welcome).toBeHidden();
      await page.getByLabel(t('import.fileLabel', { ns: 'app' })).setInputFiles({
        name: 'incident.json',
        mimeType: 'application/json',
        buffer: Buffer.from(buildIncident('Checkout 502', MID), 'utf8'),
      });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Checkout 502');
      await expect(page.locator('.panel-people h2')).toHaveText(t('people.title', { ns: 'work' }));
      await expect(page.locator('.panel-tasks h2')).toHaveText(t('tasks.title', { ns: 'work' }));
      await expect(page.locator('.panel-hypotheses h2')).toHaveText(t('hypotheses.title', { ns: 'work' }));
      await expect(page.locator('.panel-milestones h2')).toHaveText(t('milestones.title', { ns: 'work' }));
      for (const size of [
        { width: 1280, height: 720 },
        { width: 1440, height: 900 },
      ]) {
        await page.setViewportSize(size);
        // No panel head, button, chip or select of the work panels is cut (text wider than its box).
        const cut = await page.evaluate(() =>
          [
            ...document.querySelectorAll(
              '.panel-people .panel-head *, .panel-tasks .panel-head *, .panel-hypotheses .panel-head *, .panel-milestones .panel-head *, .panel-records .panel-head *, .panel-toolbar *, .key-role, .group-label, .chip, .fold-toggle',
            ),
          ]
            .filter(
              (element) => element instanceof HTMLElement && element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1,
            )
            .map((element) => `${element.className}: ${element.textContent}`),
        );
        expect(cut, `cut at ${size.width}x${size.height}`).toEqual([]);
        // Nothing in a panel's head is pushed out of the panel, and the records' toolbar button
        // (laid over the head) does not cover the tabs.
        const outside = await page.evaluate(() => {
          const found: string[] = [];
          for (const panel of document.querySelectorAll<HTMLElement>(
            '.panel-people, .panel-tasks, .panel-hypotheses, .panel-milestones, .panel-records',
          )) {
            const box = panel.getBoundingClientRect();
            for (const child of panel.querySelectorAll<HTMLElement>('.panel-head > *, .panel-toolbar > *')) {
              const own = child.getBoundingClientRect();
              if (child.offsetParent !== null && (own.right > box.right + 0.5 || own.left < box.left - 0.5))
                found.push(`${child.className}: ${child.textContent}`);
            }
            const tabs = panel.querySelector('.tabs')?.getBoundingClientRect();
            const toolbar = panel.querySelector('.panel-toolbar button')?.getBoundingClientRect();
            if (tabs && toolbar && toolbar.left < tabs.right) found.push(`the toolbar button covers the tabs in ${panel.className}`);
          }
          return found;
        });
        expect(outside, `pushed out or covered at ${size.width}x${size.height}`).toEqual([]);
      }
      await screenshotsAtLaptopSizes(page, `work-panels-${locale}`);
    });
  });
}
