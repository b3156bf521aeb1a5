// The war room with a small and a 10,000-entry SEV1 at 1280x720 and 1440x900, for the README
// (docs/screenshots/room-small-*.png, room-10k-*.png). The small one is typed in through the UI,
// as scripts/take-screenshots.ts does for war-room.png; the large one is the bench's simulated SEV1
// (scripts/bench/sev1Scenario.ts), seeded as the bench's open section seeds it. Each is then opened
// from Home as a responder would. Builds the web renderer itself (into SITREP_BENCH_WEB_OUT,
// out/bench-web by default); SITREP_BENCH_PORT picks the preview port, SITREP_SCREENSHOTS_OUT
// writes the PNGs elsewhere.
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { loadHome, openAndCloseOnce, openFromHome, waitForLive } from './bench/browser/appProbes';
import { BENCH_ORIGIN, buildWebRenderer, startBrowser, startPreview, stopPreview } from './bench/browser/harness';
import { fillDialog } from '../tests/e2e/support/dialogs';

const root = resolve(import.meta.dirname, '..');
const out = process.env.SITREP_SCREENSHOTS_OUT ?? join(root, 'docs/screenshots');

const SMALL_TITLE = 'Checkout returns 500 for EU customers';
const LARGE_TITLE = 'Payments failing in every region';
const LARGE_ENTRIES = 10_000;

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

async function note(page: Page, kind: string, text: string) {
  await page.getByRole('radio', { name: kind }).click();
  await page.getByLabel('Entry text').fill(text);
  await page.getByLabel('Entry text').press('Enter');
}

/** The first minutes of a SEV1, typed in as the IC would: the incident of the README's war-room.png. */
async function declareSmall(page: Page) {
  await fillDialog(
    page,
    'Declare incident',
    'Declare incident',
    { Title: SMALL_TITLE, 'What is known': 'Payments API 5xx since 09:02 UTC' },
    'Declare incident',
    { Severity: 'SEV1' },
  );
  for (const name of ['Blake Ortiz', 'Casey Lin', 'Dana Whitfield', 'Eli Sato']) {
    await fillDialog(page, 'Add person', 'Add person', { Name: name }, 'Add person');
  }
  for (const [role, person] of [
    ['Technical lead', 'Blake Ortiz'],
    ['Scribe', 'Casey Lin'],
    ['Communications lead', 'Dana Whitfield'],
  ] as const) {
    await fillDialog(page, 'Assign role', 'Assign role', {}, 'Assign role', { Role: role, Person: person });
  }
  for (const hypothesis of ['Connection pool exhausted after the 08:55 deploy', 'Expired TLS certificate on the payment gateway']) {
    await fillDialog(page, 'New hypothesis', 'New hypothesis', { Hypothesis: hypothesis }, 'Add hypothesis');
  }
  await page.getByLabel('Status of hypothesis Expired TLS certificate on the payment gateway').selectOption({ label: 'Ruled out' });
  await page.getByLabel('Status of hypothesis Connection pool exhausted after the 08:55 deploy').selectOption({ label: 'Investigating' });
  for (const [task, assignee] of [
    ['Compare pool metrics before and after deploy', 'Blake Ortiz'],
    ['Prepare rollback of payments-api v2.41', 'Eli Sato'],
    ['Post status page update', 'Dana Whitfield'],
  ] as const) {
    await fillDialog(page, 'New task', 'New task', { Task: task }, 'Create task', { Assignee: assignee });
  }
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
  await page.getByRole('button', { name: '← Incidents' }).click();
}

/** Opens the incident from a fresh Home and waits until the room runs on the live document, saved. */
async function openSettled(page: Page, title: string): Promise<void> {
  await loadHome(page, title);
  await openFromHome(page, title);
  await waitForLive(page);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  // The first paint comes from the saved read model; none of its placeholders may remain.
  await page.getByText(/Opening…/).waitFor({ state: 'detached' });
  await page.getByText('All changes saved').waitFor();
  // No signaling server is set in this profile, so nothing may be retrying; a red status would be a bug to report.
  if ((await page.getByText(/Reconnecting/).count()) > 0) throw new Error(`The room of "${title}" shows a reconnecting status`);
  await page.mouse.move(0, 0);
  await layoutAtRest(page);
}

/**
 * Panels fill in after the room is live (similar past incidents, say): waits until the layout of
 * every element is the same for 30 frames in a row, up to 1,200 frames.
 */
async function layoutAtRest(page: Page): Promise<void> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  const moving = await page.evaluate(async () => {
    const elements = Array.from(document.body.getElementsByTagName('*'));
    let last: string[] = [];
    let changed: string[] = [];
    for (let frame = 0, same = 0; frame < 1_200; frame++) {
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const now = elements.map((element) => {
        const box = element.getBoundingClientRect();
        return `${box.x},${box.y},${box.width},${box.height}`;
      });
      changed = elements
        .filter((_, i) => now[i] !== last[i])
        .map((e) => `${e.tagName}.${e.className}:${(e.textContent ?? '').slice(0, 30)}`);
      same = changed.length === 0 ? same + 1 : 0;
      if (same >= 30) return null;
      last = now;
    }
    return changed;
  });
  if (moving) throw new Error(`The room kept changing its layout for 1,200 frames: ${moving.join(' | ')}`);
}

async function shoot(page: Page, file: string, title: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await openSettled(page, title);
    const path = join(out, `${file}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    console.log(`wrote ${path}`);
  }
}

async function main() {
  await buildWebRenderer(root, console.log);
  const server = await startPreview(root);
  const browser = await startBrowser(root);
  try {
    const { page, context } = browser;
    // No "notifications are off" notice over the room.
    await context.grantPermissions(['notifications']);
    // The person at the keyboard (the seed keeps a profile it finds).
    await page.goto(BENCH_ORIGIN);
    await page.getByLabel('Your name').fill('Avery Okafor');
    await page.getByRole('button', { name: 'Continue' }).click();
    await declareSmall(page);
    await shoot(page, 'room-small', SMALL_TITLE);

    await browser.openTools();
    const seeded = Date.now();
    await page.evaluate(([n, t]) => window.sitrepBench.seedIncident(n, t), [LARGE_ENTRIES, LARGE_TITLE] as const);
    console.log(`seeded ${LARGE_ENTRIES} entries in ${Date.now() - seeded} ms`);
    // Opened and closed once, as a responder's incident is: the app saves its read model then.
    await openAndCloseOnce(page, LARGE_TITLE);
    await shoot(page, 'room-10k', LARGE_TITLE);
  } finally {
    await browser.close();
    await stopPreview(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
