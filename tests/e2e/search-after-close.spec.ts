// Search never goes stale: a note written in the war room just before the window is closed (no
// return to Home, no clean shutdown of the incident) is found from Home after the next start.
import { expect, test } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, StillClock } from './support/app';

const START = new Date('2026-11-20T03:10:00Z');
const TITLE = 'Orders stuck in pending';

test('a note written just before the window closed in the war room is found from Home after a restart', async () => {
  const profile = new BrowserProfile();
  try {
    let page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: TITLE, severity: 'SEV2' });

    const entry = page.getByLabel('Entry text');
    await entry.fill('Dead-letter queue holds 40k messages from the fulfilment worker');
    await entry.press('Enter');
    await expect(entry).toHaveValue('');
    await expect(page.getByText('All changes saved')).toBeVisible();

    // Close the window from the war room, then start again on the same profile.
    await profile.stop();
    page = await profile.start();
    const search = page.getByLabel('Search', { exact: true });
    await expect(search).toBeVisible();
    await search.fill('fulfilment');
    const matching = page.getByRole('region', { name: 'Matching incidents' });
    await expect(matching.getByRole('listitem')).toHaveCount(1);
    await expect(matching.getByText(TITLE)).toBeVisible();
    await expect(matching.getByText('Dead-letter queue holds 40k messages', { exact: false })).toBeVisible();
  } finally {
    await profile.dispose();
  }
});
