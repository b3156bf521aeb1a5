// The war room at a laptop's 1280x720 (and 1440x900): with a mid-size incident, everything an IC
// must see is in view without scrolling anything, the header is one row, nothing is cut; what is
// settled folds away with a count, and each panel can take the room's main area.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';
import { fillDialog, quickEntry } from './support/dialogs';

const START = new Date('2026-03-02T09:00:00Z');

const PEOPLE: ReadonlyArray<[name: string, role: string | null]> = [
  ['Blake Ortiz', 'Technical lead'],
  ['Casey Lin', 'Scribe'],
  ['Dana Whitfield', 'Communications lead'],
  ['Eli Sato', 'Deputy'],
  ['Fran Novak', null],
];
const KEY_ROLES: ReadonlyArray<[role: string, holder: string]> = [
  ['Incident commander', 'Avery Okafor'],
  ['Deputy', 'Eli Sato'],
  ['Technical lead', 'Blake Ortiz'],
  ['Communications lead', 'Dana Whitfield'],
  ['Scribe', 'Casey Lin'],
];
const OPEN_TASKS: ReadonlyArray<[title: string, assignee: string, checkBack: string]> = [
  ['Compare pool metrics before and after the deploy', 'Blake Ortiz', '10 minutes'],
  ['Prepare rollback of payments-api v2.41', 'Eli Sato', '15 minutes'],
  ['Post status page update for EU customers', 'Dana Whitfield', '30 minutes'],
  ['Check the payment gateway error budget', 'Fran Novak', '5 minutes'],
  ['Page the database on-call', 'Casey Lin', '10 minutes'],
  ['Read the connection pool logs from 08:50', 'Blake Ortiz', '15 minutes'],
  ['Ask the PSP whether they see our traffic drop', 'Dana Whitfield', '30 minutes'],
  ['Scale payments-api read replicas to 6', 'Eli Sato', '10 minutes'],
  ['Confirm US traffic is unaffected', 'Fran Novak', '5 minutes'],
  ['List merchants with failed captures', 'Casey Lin', '30 minutes'],
];
const DONE_TASKS = ['Open the incident bridge', 'Silence the duplicate alerts'];
const OPEN_HYPOTHESES = [
  'Connection pool exhausted after the 08:55 deploy',
  'A slow query from the new reporting job holds connections',
  'The EU database replica lags and times out reads',
  'The PSP rate-limits our EU merchant account',
  'A config flag for EU routing flipped during the deploy',
];
const RULED_OUT = 'Expired TLS certificate on the payment gateway';
const CHANGES_IN_PLACE: ReadonlyArray<[what: string, system: string]> = [
  ['Raised DB pool size 50 → 120', 'payments-api'],
  ['Disabled the nightly reporting job', 'reporting'],
  ['Moved EU checkout to the secondary PSP route', 'checkout'],
  ['Added two payments-api pods', 'payments-api'],
  ['Lowered the DB statement timeout to 5 s', 'payments-db'],
];
const ROLLED_BACK = 'Turned on verbose SQL logging';
const ENTRY_COUNT = 30;

/** The mid-size incident of issue 13, built through the UI as an IC would. */
async function seedMidSizeIncident(page: Page) {
  await page.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Incident details' });
  await details.getByLabel('Impact').fill('About 30% of EU checkouts fail with a 500; US and APAC are normal');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toBeHidden();
  for (const [name] of PEOPLE) await fillDialog(page, 'Add person', 'Add person', { Name: name }, 'Add person');
  for (const [name, role] of PEOPLE) {
    if (role) await fillDialog(page, 'Assign role', 'Assign role', {}, 'Assign role', { Role: role, Person: name });
  }
  for (const statement of [...OPEN_HYPOTHESES, RULED_OUT]) await quickEntry(page, 'Hypothesis', statement);
  await page.getByLabel(`Status of hypothesis ${RULED_OUT}`).selectOption({ label: 'Ruled out' });
  await page.getByLabel(`Status of hypothesis ${OPEN_HYPOTHESES[0]}`).selectOption({ label: 'Investigating' });
  for (const [title, assignee, checkBack] of OPEN_TASKS) {
    await fillDialog(page, 'New task', 'New task', { Task: title }, 'Create task', { Assignee: assignee, 'Check back in': checkBack });
  }
  for (const title of DONE_TASKS) {
    await fillDialog(page, 'New task', 'New task', { Task: title }, 'Create task', { Assignee: 'Casey Lin' });
    await page.getByLabel(`Status of ${title}`).selectOption({ label: 'Done' });
  }
  await page.getByLabel(`Status of ${OPEN_TASKS[0]![0]}`).selectOption({ label: 'Doing' });
  for (const [what, system] of [...CHANGES_IN_PLACE, [ROLLED_BACK, 'payments-db'] as const]) {
    await fillDialog(page, 'Log change', 'Log system change', { 'What changed': what, System: system }, 'Log change');
  }
  await page.getByRole('button', { name: `Mark rolled back: ${ROLLED_BACK}` }).click();
  const kinds = ['Note', 'Fact', 'Decision', 'Action'];
  for (let i = 1; i <= ENTRY_COUNT; i += 1) {
    await quickEntry(page, kinds[i % kinds.length]!, `Entry ${i}: error rate on /pay ${40 - i}% in the EU, US normal`);
  }
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The box of an element, and of each scrolling ancestor it sits in, as the page lays them out. */
async function boxes(locator: Locator): Promise<{ own: Box; clips: Box[]; scrolled: boolean }> {
  return locator.evaluate((element) => {
    const box = (r: DOMRect) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
    const clips: Array<ReturnType<typeof box>> = [];
    let scrolled = false;
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (/(auto|scroll|hidden|clip)/.test(style.overflowY + style.overflowX)) {
        clips.push(box(parent.getBoundingClientRect()));
        if (parent.scrollTop !== 0 || parent.scrollLeft !== 0) scrolled = true;
      }
    }
    return { own: box(element.getBoundingClientRect()), clips, scrolled };
  });
}

/** In the viewport and inside every box that could clip it, with nothing scrolled to get there. */
async function expectSeenWithoutScrolling(page: Page, locator: Locator, what: string) {
  await expect(locator, what).toBeVisible();
  const viewport = page.viewportSize()!;
  const { own, clips, scrolled } = await boxes(locator);
  expect(scrolled, `${what}: no panel is scrolled`).toBe(false);
  const within = (outer: Box) =>
    own.top >= outer.top - 0.5 && own.bottom <= outer.bottom + 0.5 && own.left >= outer.left - 0.5 && own.right <= outer.right + 0.5;
  expect(within({ top: 0, left: 0, bottom: viewport.height, right: viewport.width }), `${what} is inside the window`).toBe(true);
  for (const clip of clips) expect(within(clip), `${what} is not clipped by its panel`).toBe(true);
}

async function expectRoomAtAGlance(page: Page) {
  const header = page.getByRole('region', { name: 'Incident summary' });
  // Everything the header shows sits on one row.
  const tops = await header.evaluate((h) =>
    [...h.children]
      .filter((c) => c.getBoundingClientRect().width > 0 && getComputedStyle(c).position !== 'absolute')
      .map((c) => {
        const r = c.getBoundingClientRect();
        return r.top + r.height / 2;
      }),
  );
  expect(Math.max(...tops) - Math.min(...tops), 'the header is one row').toBeLessThanOrEqual(4);
  // No text is cut in the header or the metric tiles.
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('.incident-header *, .metric, .metric *')]
      .filter((e) => e instanceof HTMLElement && e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
      // The title gives way with an ellipsis by design (its full text is its tooltip); screen-reader-only text is 1px wide.
      .filter((e) => !(e as HTMLElement).matches('h1, .visually-hidden'))
      .map((e) => `${e.tagName}.${e.className}: ${e.textContent}`),
  );
  expect(cut, 'no header item or metric tile is cut').toEqual([]);

  await expectSeenWithoutScrolling(page, header.getByLabel('Severity', { exact: true }), 'severity');
  await expectSeenWithoutScrolling(page, header.getByLabel('Phase', { exact: true }), 'phase');
  await expectSeenWithoutScrolling(page, header.getByRole('timer', { name: 'Time since the incident started' }), 'clock');
  await expectSeenWithoutScrolling(page, header.getByRole('button', { name: /Next update due in/ }), 'next update due');
  await expectSeenWithoutScrolling(page, page.getByRole('region', { name: 'Incident details' }).getByText(/30% of EU checkouts/), 'impact');

  const roles = page.getByRole('list', { name: 'Key roles' });
  for (const [role, holder] of KEY_ROLES) {
    const row = roles.getByRole('listitem', { name: role });
    await expect(row).toContainText(holder);
    await expectSeenWithoutScrolling(page, row, `who holds ${role}`);
  }
  const tasks = page.getByRole('region', { name: 'Tasks' });
  for (const [title, assignee] of OPEN_TASKS) {
    const row = tasks.getByRole('listitem', { name: title });
    await expect(row).toContainText(assignee);
    await expect(row).toContainText(/\d+:\d\d/);
    await expectSeenWithoutScrolling(page, row, `task ${title}`);
  }
  const hypotheses = page.getByRole('region', { name: 'Hypotheses' });
  for (const statement of OPEN_HYPOTHESES) {
    await expectSeenWithoutScrolling(
      page,
      hypotheses.getByRole('article', { name: `Hypothesis: ${statement}` }),
      `hypothesis ${statement}`,
    );
  }
  const changes = page.getByRole('region', { name: 'System changes' });
  for (const [what] of CHANGES_IN_PLACE) {
    await expectSeenWithoutScrolling(page, changes.getByRole('listitem', { name: `Change: ${what}` }), `change ${what}`);
  }
  // The latest entries: the newest three at least, newest first.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  for (const i of [ENTRY_COUNT, ENTRY_COUNT - 1, ENTRY_COUNT - 2]) {
    await expectSeenWithoutScrolling(page, timeline.getByText(`Entry ${i}:`), `entry ${i}`);
  }
}

test('the mid-size incident at 1280x720 and 1440x900: all in view, one-row header, folds, focus mode', async () => {
  test.setTimeout(480_000);
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Okafor');
    await declareIncident(page, {
      title: 'Checkout returns 500 for EU customers',
      severity: 'SEV1',
      summary: 'Payments API 5xx since 09:02',
    });
    await page.mouse.move(0, 0);
    await screenshotsAtLaptopSizes(page, 'small-incident');
    await seedMidSizeIncident(page);
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await screenshotsAtLaptopSizes(page, 'mid-size-incident');

    for (const [width, height] of [
      [1280, 720],
      [1440, 900],
    ] as const) {
      await test.step(`at ${width}x${height}`, async () => {
        await page.setViewportSize({ width, height });
        await expectRoomAtAGlance(page);
      });
    }
    await page.setViewportSize({ width: 1280, height: 720 });

    await test.step('settled records fold with a count and expand', async () => {
      const tasks = page.getByRole('region', { name: 'Tasks' });
      const doneToggle = tasks.getByRole('button', { name: `Done tasks (${DONE_TASKS.length})` });
      await expect(doneToggle).toHaveAttribute('aria-expanded', 'false');
      await expect(tasks.getByRole('listitem', { name: DONE_TASKS[0] })).toBeHidden();
      await doneToggle.click();
      await expect(doneToggle).toHaveAttribute('aria-expanded', 'true');
      await expect(tasks.getByRole('listitem', { name: DONE_TASKS[0] })).toBeVisible();
      await doneToggle.click();

      const hypotheses = page.getByRole('region', { name: 'Hypotheses' });
      const settled = hypotheses.getByRole('button', { name: 'Ruled out (1)' });
      await expect(hypotheses.getByRole('article', { name: `Hypothesis: ${RULED_OUT}` })).toBeHidden();
      await settled.click();
      await expect(hypotheses.getByRole('article', { name: `Hypothesis: ${RULED_OUT}` })).toBeVisible();
      await settled.click();

      const changes = page.getByRole('region', { name: 'System changes' });
      const rolledBack = changes.getByRole('button', { name: 'Rolled back (1)' });
      await expect(changes.getByRole('listitem', { name: `Change: ${ROLLED_BACK}` })).toBeHidden();
      await rolledBack.click();
      await expect(changes.getByRole('listitem', { name: `Change: ${ROLLED_BACK}` })).toBeVisible();
      await rolledBack.click();
    });

    await test.step('focus mode: a panel takes the main area, Escape returns', async () => {
      const grid = page.getByRole('main');
      const gridBox = (await grid.boundingBox())!;
      const hypotheses = page.getByRole('region', { name: 'Hypotheses' });
      const before = (await hypotheses.boundingBox())!;
      await hypotheses.getByRole('button', { name: 'Focus on Hypotheses' }).click();
      await expect(hypotheses.getByRole('button', { name: 'Leave focus on Hypotheses' })).toBeFocused();
      const focused = (await hypotheses.boundingBox())!;
      expect(focused.width).toBeGreaterThan(gridBox.width * 0.9);
      expect(focused.height).toBeGreaterThan(gridBox.height * 0.85);
      await expect(page.getByRole('region', { name: 'Tasks' })).toBeHidden();
      // Escape closes a dialog opened in focus mode first, and only then leaves focus mode.
      await hypotheses.getByRole('button', { name: 'New hypothesis' }).click();
      const dialog = page.getByRole('dialog', { name: 'New hypothesis' });
      await expect(dialog).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('region', { name: 'Tasks' })).toBeHidden();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('region', { name: 'Tasks' })).toBeVisible();
      expect((await hypotheses.boundingBox())!.width).toBeCloseTo(before.width, 0);
      await expect(hypotheses.getByRole('button', { name: 'Focus on Hypotheses' })).toBeFocused();
    });

    // For looking at: a panel in focus mode, and a task row's controls on hover.
    await page.getByRole('button', { name: 'Focus on Hypotheses' }).click();
    await screenshotsAtLaptopSizes(page, 'focus-hypotheses');
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Tasks' }).getByRole('listitem', { name: OPEN_TASKS[1]![0] }).hover();
    await screenshotsAtLaptopSizes(page, 'task-row-hover');
  } finally {
    await profile.dispose();
  }
});
