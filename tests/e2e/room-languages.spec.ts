// The war room in Japanese, Simplified Chinese and Russian at a laptop's 1280x720 and at 1440x900:
// a mid-size incident is built once in English, then the same profile is started again with the
// system in each language (and its zone), as a responder there would open it. The header stays
// one row, nothing in it or in the metric tiles is cut, and the zone the room's times are in is
// labelled. Screenshots go to SITREP_SHOTS_DIR for looking at.
import { chromium, expect, type Page, test } from '@playwright/test';
import config, { CHROMIUM_ARGS } from '../../playwright.config';
import { BASE_URL, BrowserProfile, completeFirstRun, declareIncident, StillClock } from './support/app';
import { fillDialog, quickEntry } from './support/dialogs';

const START = new Date('2026-03-02T09:00:00Z');
const TITLE = 'Checkout returns 500 for EU customers';

const LANGUAGES = [
  { locale: 'ja-JP', lang: 'ja', timezoneId: 'Asia/Tokyo' },
  { locale: 'zh-CN', lang: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  { locale: 'ru-RU', lang: 'ru', timezoneId: 'Europe/Moscow' },
] as const;

/** A mid-size incident as room-at-a-glance builds it, somewhat smaller: people, roles, tasks, hypotheses, changes, entries. */
async function seed(page: Page) {
  await page.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Incident details' });
  await details.getByLabel('Impact').fill('About 30% of EU checkouts fail with a 500; US and APAC are normal');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details).toBeHidden();
  const people: Array<[string, string]> = [
    ['Blake Ortiz', 'Technical lead'],
    ['Casey Lin', 'Scribe'],
    ['Dana Whitfield', 'Communications lead'],
    ['Eli Sato', 'Deputy'],
  ];
  for (const [name] of people) await fillDialog(page, 'Add person', 'Add person', { Name: name }, 'Add person');
  for (const [name, role] of people) await fillDialog(page, 'Assign role', 'Assign role', {}, 'Assign role', { Role: role, Person: name });
  for (const statement of ['Connection pool exhausted after the 08:55 deploy', 'The EU database replica lags and times out reads']) {
    await quickEntry(page, 'Hypothesis', statement);
  }
  for (const [title, assignee] of [
    ['Compare pool metrics before and after the deploy', 'Blake Ortiz'],
    ['Prepare rollback of payments-api v2.41', 'Eli Sato'],
    ['Post status page update for EU customers', 'Dana Whitfield'],
    ['Page the database on-call', 'Casey Lin'],
  ] as const) {
    await fillDialog(page, 'New task', 'New task', { Task: title }, 'Create task', { Assignee: assignee, 'Check back in': '15 minutes' });
  }
  for (const [what, system] of [
    ['Raised DB pool size 50 → 120', 'payments-api'],
    ['Disabled the nightly reporting job', 'reporting'],
  ] as const) {
    await fillDialog(page, 'Log change', 'Log system change', { 'What changed': what, System: system }, 'Log change');
  }
  const kinds = ['Note', 'Fact', 'Decision', 'Action'];
  for (let i = 1; i <= 12; i += 1)
    await quickEntry(page, kinds[i % kinds.length]!, `Entry ${i}: error rate on /pay ${40 - i}% in the EU, US normal`);
}

async function expectHeaderFits(page: Page, what: string) {
  const header = page.locator('.incident-header');
  const tops = await header.evaluate((h) =>
    [...h.children]
      .filter((c) => c.getBoundingClientRect().width > 0 && getComputedStyle(c).position !== 'absolute')
      .map((c) => {
        const r = c.getBoundingClientRect();
        return r.top + r.height / 2;
      }),
  );
  expect.soft(Math.max(...tops) - Math.min(...tops), `${what}: the header is one row`).toBeLessThanOrEqual(4);
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('.incident-header *, .metric, .metric *, .view-bar *, .panel-head *, .quick-entry *')]
      .filter((e) => e instanceof HTMLElement && e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
      .filter((e) => !(e as HTMLElement).matches('h1, .visually-hidden, textarea, input, select, dd, .incident-facts *'))
      .map((e) => `${e.tagName}.${e.className}: ${e.textContent}`),
  );
  expect.soft(cut, `${what}: nothing in the header, the panel heads or the quick entry is cut`).toEqual([]);
}

test('the war room in ja, zh-CN and ru at 1280x720 and 1440x900: one-row header, nothing cut, zone labelled', async () => {
  test.setTimeout(480_000);
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Okafor');
    await declareIncident(page, { title: TITLE, severity: 'SEV1', summary: 'Payments API 5xx since 09:02' });
    await seed(page);
    await profile.stop();

    for (const { locale, lang, timezoneId } of LANGUAGES) {
      await test.step(locale, async () => {
        const context = await chromium.launchPersistentContext(profile.dir, {
          ...(config.use?.launchOptions ?? {}),
          args: [...CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--lang=')), `--lang=${locale}`],
          locale,
          timezoneId,
          // No "notifications are off" toast over the room in the screenshots.
          permissions: ['notifications'],
          viewport: { width: 1280, height: 720 },
        });
        try {
          const room = context.pages()[0] ?? (await context.newPage());
          // Twenty minutes in: before the SEV1 escalation's banner, which is not part of the header's row.
          await room.clock.setFixedTime(new Date(START.getTime() + 20 * 60_000));
          await room.goto(BASE_URL);
          await expect(room.locator('html')).toHaveAttribute('lang', lang);
          await room.getByText(TITLE).first().click();
          await expect(room.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
          await room.mouse.move(0, 0);
          // The zone is named once, in the header, next to the time now.
          await expect(room.locator('.header-zone')).toHaveText(/^\d\d:\d\d \S+/);
          for (const [width, height] of [
            [1280, 720],
            [1440, 900],
          ] as const) {
            await room.setViewportSize({ width, height });
            const dir = process.env.SITREP_SHOTS_DIR;
            if (dir) await room.screenshot({ path: `${dir}/room-${locale}-${width}x${height}.png` });
            await expectHeaderFits(room, `${locale} at ${width}x${height}`);
          }
          // The review view, for looking at: its metrics, key timeline and prompts in the language.
          await room.locator('#view-tab-review').click();
          await expect(room.locator('#view-review')).toBeVisible();
          const cutMetrics = await room.evaluate(() =>
            [...document.querySelectorAll('#view-review .metric, #view-review .metric *')]
              .filter((e) => e instanceof HTMLElement && e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
              .map((e) => `${e.tagName}.${e.className}: ${e.textContent}`),
          );
          expect.soft(cutMetrics, `${locale}: no metric tile in the review is cut`).toEqual([]);
          const dir = process.env.SITREP_SHOTS_DIR;
          if (dir) await room.screenshot({ path: `${dir}/review-${locale}-1440x900.png` });
        } finally {
          await context.close();
        }
      });
    }
  } finally {
    await profile.dispose();
  }
});
