// Journey: a display name carrying a right-to-left override ("Eve<RLO> live", which would read
// "Eve evil" and reverse the rest of its line) is typed as a person's name and as the profile
// name. The roster and the timeline show the names without the control, in order, and the line
// after a name reads as written.
import { expect, test } from '@playwright/test';
import {
  addPerson,
  BrowserProfile,
  completeFirstRun,
  declareIncident,
  readTimeline,
  screenshotsAtLaptopSizes,
  StillClock,
} from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

test('a right-to-left override in a display name reorders nothing in the roster or the timeline', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Mallory \u202Eevil');
    await declareIncident(page, { title: 'Checkout returns 500', severity: 'SEV2' });
    await addPerson(page, 'Eve \u202Elive');

    const people = page.getByRole('list', { name: 'People' });
    await expect(people.getByRole('listitem', { name: 'Eve live', exact: true })).toBeVisible();
    await expect(people.getByRole('listitem', { name: 'Mallory evil', exact: true })).toBeVisible();
    expect(await people.textContent()).not.toMatch(BIDI);

    const timeline = await readTimeline(page, ['Eve live joined the incident']);
    expect(timeline).toContain('Eve live joined the incident');
    for (const text of timeline) expect(text, text).not.toMatch(BIDI);
    await expect(page.getByRole('navigation', { name: 'Sitrep' })).toContainText('Mallory evil');
    await screenshotsAtLaptopSizes(page, 'bidi-names-roster');
  } finally {
    await profile.dispose();
  }
});
