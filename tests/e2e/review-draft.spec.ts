// Journey: metrics follow the milestones live in the room, and the review is drafted from the
// document, edited (root cause, five whys) and still there after the page reloads.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, markMilestone, readTimeline, StillClock } from './support/app';

const TITLE = 'Payments API returns 503';
/**
 * The page's clock stands still and moves only when the test moves it, so every metric is an
 * exact value on any machine. Whole minutes: the milestone dialog's time field has minute precision.
 */
const DECLARED = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

/** Set SITREP_SCREENSHOTS_DIR to also save what the test sees, for looking at the screens. */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SITREP_SCREENSHOTS_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`) });
}

test('metrics in the room, a review draft edited together, kept after a reload', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    const clock = await StillClock.start(page, DECLARED);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: TITLE, severity: 'SEV2', summary: 'Card payments fail in the EU' });

    // Metrics: only the duration runs until the other milestones are marked.
    const metrics = page.getByRole('region', { name: 'Milestones' }).getByRole('definition').first();
    await expect(metrics).toBeVisible();
    const metric = (name: string) => page.getByRole('group', { name, exact: true });
    await expect(metric('Time to detect')).toHaveText('TTD—');
    await expect(metric('Time to acknowledge')).toHaveText('TTA—');
    await expect(metric('Total duration')).toHaveText('Duration0s');

    // Detected two minutes after the declaration: exactly that, however long the steps took.
    await clock.advance(2 * MINUTE);
    await expect(metric('Total duration')).toHaveText('Duration2m 00s');
    await markMilestone(page, 'Detected');
    await expect(metric('Time to detect')).toHaveText('TTD2m 00s');

    // Acknowledged recorded as 30 minutes before the start: flagged, naming the pair.
    await markMilestone(page, 'Acknowledged', new Date(DECLARED.getTime() - 30 * MINUTE));
    await expect(metric('Time to acknowledge')).toContainText('Out of order');
    const warning = page.getByRole('alert').filter({ hasText: 'Out of order:' }).first();
    await expect(warning).toContainText('"acknowledged" is 32m 00s before "detected"');
    await shot(page, 'review-room-metrics');

    // The Review view: draft, root cause, two whys, reordered.
    await page.getByRole('tab', { name: 'Review', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Review', exact: true })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'People' })).toBeHidden();
    await page.getByRole('button', { name: 'Generate draft' }).click();
    const summary = page.getByRole('textbox', { name: 'Summary', exact: true });
    await expect(summary).toHaveValue(new RegExp(`^${TITLE} \\(SEV2\\) started`));
    await expect(summary).toHaveValue(/Card payments fail in the EU/);
    // Nothing was confirmed yet: the root cause stays empty, its prompt only a placeholder.
    await expect(page.getByRole('textbox', { name: 'Root cause' })).toHaveValue('');
    await expect(page.getByRole('textbox', { name: 'Root cause' })).toHaveAttribute('placeholder', /What made this possible\?/);

    const rootCause = 'A config change shrank the connection pool from 50 to 10; nothing checked it against production load.';
    await page.getByRole('textbox', { name: 'Root cause' }).fill(rootCause);
    await page.getByRole('textbox', { name: 'Why 1 Question' }).fill('Why did payments fail?');
    await page.getByRole('textbox', { name: 'Why 1 Answer' }).fill('The pool ran out of connections.');
    await page.getByRole('button', { name: 'Add a why' }).click();
    await page.getByRole('textbox', { name: 'Why 2 Question' }).fill('Why did the pool run out?');
    await page.getByRole('textbox', { name: 'Why 2 Answer' }).fill('It had 10 connections instead of 50.');
    await page.getByRole('button', { name: 'Move why 2 up' }).click();
    await expect(page.getByRole('textbox', { name: 'Why 1 Question' })).toHaveValue('Why did the pool run out?');
    await expect(page.getByRole('list', { name: 'Key timeline' })).toContainText('Detected');
    await page.getByRole('button', { name: 'Generate draft' }).click();
    await expect(page.getByRole('textbox', { name: 'Root cause' })).toHaveValue(rootCause);
    await shot(page, 'review-view');

    // Reload: everything was saved as it was typed.
    await page.reload();
    await page
      .getByRole('button', { name: new RegExp(TITLE) })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await page.getByRole('tab', { name: 'Review', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Root cause' })).toHaveValue(rootCause);
    await expect(page.getByRole('textbox', { name: 'Why 1 Question' })).toHaveValue('Why did the pool run out?');
    await expect(page.getByRole('textbox', { name: 'Why 1 Answer' })).toHaveValue('It had 10 connections instead of 50.');
    await expect(page.getByRole('textbox', { name: 'Why 2 Question' })).toHaveValue('Why did payments fail?');
    await expect(page.getByRole('textbox', { name: 'Why 2 Answer' })).toHaveValue('The pool ran out of connections.');

    // The room again, unchanged; the timeline has coarse review records, not one per keystroke.
    await page.getByRole('tab', { name: 'Room', exact: true }).click();
    await expect(page.getByRole('region', { name: 'People' })).toBeVisible();
    const timeline = await readTimeline(page);
    expect(timeline.filter((text) => text.startsWith('Generated the review draft'))).toHaveLength(1);
    expect(timeline.filter((text) => text === "Edited the review's root cause")).toHaveLength(1);
    expect(timeline).toContain('Reordered the five whys');
  } finally {
    await profile.dispose();
  }
});
