// Takes the README screenshots from the real UI: builds nothing itself, so run
// `npm run build:web` first. Drives the app as a person would and saves PNGs in docs/screenshots.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import config, { CHROMIUM_ARGS } from '../playwright.config.ts';
import { fillDialog } from '../tests/e2e/support/dialogs';

// SITREP_SCREENSHOTS_OUT writes them elsewhere, to look at without touching the committed ones.
const out = process.env.SITREP_SCREENSHOTS_OUT ?? resolve(import.meta.dirname, '../docs/screenshots');

async function note(page: Page, kind: string, text: string) {
  await page.getByRole('radio', { name: kind }).click();
  await page.getByLabel('Entry text').fill(text);
  await page.getByLabel('Entry text').press('Enter');
}

/** The status update composer and an overdue room, on the page's own clock moved 34 minutes on. */
async function statusUpdateShots(page: Page) {
  await page.context().grantPermissions(['notifications']);
  await page.clock.install({ time: Date.now() });
  await page.reload();
  // The row's first button opens the incident (the others archive and delete it).
  await page
    .getByRole('button', { name: /Checkout returns 500 for EU customers/ })
    .first()
    .click();
  await page.getByRole('button', { name: /Next update due in|Update overdue by/ }).click();
  const composer = page.getByRole('dialog', { name: 'Status update' });
  await composer.getByLabel('Update text').waitFor();
  await page.screenshot({ path: join(out, 'update-composer.png') });
  await composer.getByRole('button', { name: 'Post update' }).click();
  await composer.waitFor({ state: 'hidden' });
  await page.clock.fastForward('34:10');
  await page.getByRole('button', { name: /Update overdue by/ }).waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(out, 'overdue-room.png') });
}

/** The Review view: a generated draft, a root cause written over it, and three whys. */
async function reviewShot(page: Page) {
  await fillDialog(page, 'Mark milestone', 'Mark milestone', {}, 'Mark milestone', { Milestone: 'Mitigated' });
  await page.getByRole('tab', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Generate draft' }).click();
  await page
    .getByRole('textbox', { name: 'Root cause' })
    .fill(
      'The 08:55 deploy moved the pool size into an environment variable that production never set, so the library default of 10 connections applied.\n\nNothing in CI or in the deploy checks compares pool settings with production load.',
    );
  const whys = [
    ['Why did EU payments fail?', 'payments-api could not get database connections: the pool was exhausted.'],
    ['Why was the pool exhausted?', 'It had 10 connections instead of 50.'],
    ['Why did it have 10?', 'The new environment variable had no production value, so the default applied.'],
  ];
  for (const [index, [question, answer]] of whys.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add a why' }).click();
    await page.getByRole('textbox', { name: `Why ${index + 1} Question` }).fill(question!);
    await page.getByRole('textbox', { name: `Why ${index + 1} Answer` }).fill(answer!);
  }
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Each dismissal re-renders the list, so always take the first one left.
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  for (let left = 10; left > 0 && (await dismiss.count()) > 0; left -= 1) await dismiss.first().click();
  await page.mouse.move(0, 0);
  await page.getByRole('tabpanel', { name: 'Review' }).evaluate((view) => view.scrollTo(0, 0));
  await page.screenshot({ path: join(out, 'review.png') });
  await page.getByRole('tab', { name: 'Room', exact: true }).click();
}

/** The Invite dialog. The address is loopback: a screenshot must not send traffic anywhere else. */
async function inviteShot(page: Page) {
  await page.getByRole('button', { name: 'Invite' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite responders' });
  await invite.getByRole('button', { name: 'Network settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Network settings' });
  await settings.getByLabel('Signaling servers (one per line)').fill('ws://127.0.0.1:4444');
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.waitFor({ state: 'hidden' });
  await invite.getByLabel('Join code').waitFor();
  await page.screenshot({ path: join(out, 'invite.png') });
  await invite.getByRole('button', { name: 'Close' }).click();
}

/** Each language with a system locale and a zone where it is spoken. */
const ROOM_LANGUAGES = [
  ['en', 'en-US', 'America/New_York'],
  ['ja', 'ja-JP', 'Asia/Tokyo'],
  ['zh-CN', 'zh-CN', 'Asia/Shanghai'],
  ['ru', 'ru-RU', 'Europe/Moscow'],
] as const;

/**
 * The war room in each language at a laptop's 1280x720 (room-<lang>.png): the same profile started
 * again on a system in that language, which the app follows. SITREP_SHOTS_DIR also gets 1440x900.
 */
async function roomInLanguages(profile: string) {
  for (const [lang, locale, timezoneId] of ROOM_LANGUAGES) {
    const context = await chromium.launchPersistentContext(profile, {
      ...(config.use?.launchOptions ?? {}),
      args: [...CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--lang=')), `--lang=${locale}`],
      locale,
      timezoneId,
      // No "notifications are off" toast over the room.
      permissions: ['notifications'],
      viewport: { width: 1280, height: 720 },
      deviceScaleFactor: 1,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto('http://127.0.0.1:4174');
      await page.locator(`html[lang="${lang}"]`).waitFor();
      await page
        .getByRole('button', { name: /Checkout returns 500 for EU customers/ })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: 'Checkout returns 500 for EU customers' }).waitFor();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(out, `room-${lang}.png`) });
      const shots = process.env.SITREP_SHOTS_DIR;
      if (shots) {
        await page.setViewportSize({ width: 1440, height: 900 });
        await page.screenshot({ path: join(shots, `room-${lang}-1440x900.png`) });
      }
    } finally {
      await context.close();
    }
  }
}

async function main() {
  const server = await preview({ configFile: resolve(import.meta.dirname, '../vite.web.config.ts'), preview: { port: 4174 } });
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-shots-'));
  const options = {
    ...(config.use?.launchOptions ?? {}),
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  };
  let context = await chromium.launchPersistentContext(dir, options);
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('http://127.0.0.1:4174');
    await page.getByLabel('Your name').fill('Avery Okafor');
    await page.getByRole('button', { name: 'Continue' }).click();

    await fillDialog(
      page,
      'Declare incident',
      'Declare incident',
      { Title: 'Checkout returns 500 for EU customers', 'What is known': 'Payments API 5xx since 09:02 UTC' },
      'Declare incident',
      { Severity: 'SEV1' },
    );
    for (const name of ['Blake Ortiz', 'Casey Lin', 'Dana Whitfield', 'Eli Sato']) {
      await fillDialog(page, 'Add person', 'Add person', { Name: name }, 'Add person');
    }
    await fillDialog(page, 'Assign role', 'Assign role', {}, 'Assign role', { Role: 'Technical lead', Person: 'Blake Ortiz' });
    await fillDialog(page, 'Assign role', 'Assign role', {}, 'Assign role', { Role: 'Scribe', Person: 'Casey Lin' });
    await fillDialog(page, 'Assign role', 'Assign role', {}, 'Assign role', { Role: 'Communications lead', Person: 'Dana Whitfield' });
    await fillDialog(
      page,
      'New hypothesis',
      'New hypothesis',
      { Hypothesis: 'Connection pool exhausted after the 08:55 deploy' },
      'Add hypothesis',
    );
    await fillDialog(
      page,
      'New hypothesis',
      'New hypothesis',
      { Hypothesis: 'Expired TLS certificate on the payment gateway' },
      'Add hypothesis',
    );
    await page.getByLabel('Status of hypothesis Expired TLS certificate on the payment gateway').selectOption({ label: 'Ruled out' });
    await page.getByLabel('Status of hypothesis Connection pool exhausted after the 08:55 deploy').selectOption({ label: 'Investigating' });
    await fillDialog(page, 'New task', 'New task', { Task: 'Compare pool metrics before and after deploy' }, 'Create task', {
      Assignee: 'Blake Ortiz',
    });
    await fillDialog(page, 'New task', 'New task', { Task: 'Prepare rollback of payments-api v2.41' }, 'Create task', {
      Assignee: 'Eli Sato',
    });
    await fillDialog(page, 'New task', 'New task', { Task: 'Post status page update' }, 'Create task', { Assignee: 'Dana Whitfield' });
    await page.getByLabel('Status of Compare pool metrics before and after deploy').selectOption({ label: 'Doing' });
    await fillDialog(page, 'Mark milestone', 'Mark milestone', {}, 'Mark milestone', { Milestone: 'Detected' });
    await fillDialog(
      page,
      'Log change',
      'Log system change',
      { 'What changed': 'Raised DB pool size 50 → 120', System: 'payments-api' },
      'Log change',
    );
    await note(page, 'Fact', 'Error rate 38% on /pay, EU only; US normal');
    await note(page, 'Decision', 'Freeze all deploys until mitigated');
    await note(page, 'Action', 'Paged the database on-call');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(out, 'war-room.png') });

    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.screenshot({ path: join(out, 'war-room-light.png') });
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();

    await page.getByRole('button', { name: 'New task' }).click();
    await page.getByRole('dialog', { name: 'New task' }).getByRole('button', { name: 'Create task' }).click();
    await page.screenshot({ path: join(out, 'new-task-error.png') });
    await page.keyboard.press('Escape');
    // The room in each language, before Invite sets a signaling address the room would keep retrying.
    await context.close();
    await roomInLanguages(dir);
    context = await chromium.launchPersistentContext(dir, options);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('http://127.0.0.1:4174');
    await page
      .getByRole('button', { name: /Checkout returns 500 for EU customers/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Checkout returns 500 for EU customers' }).waitFor();
    await inviteShot(page);
    await reviewShot(page);

    await page.getByRole('button', { name: '← Incidents' }).click();
    await fillDialog(page, 'Declare incident', 'Declare incident', { Title: 'Search latency above 2 s' }, 'Declare incident', {
      Severity: 'SEV3',
    });
    await page.getByLabel('Phase').selectOption({ label: 'Resolved' });
    await page.getByRole('button', { name: '← Incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    await page.screenshot({ path: join(out, 'home.png') });
    await statusUpdateShots(page);
    console.log(`Screenshots written to ${out}`);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
