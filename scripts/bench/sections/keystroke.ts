// Keystroke latency in the quick-entry box with a 10,000-entry incident open (Chromium), against
// the same typing in a bare <textarea> on a blank page of the same browser.
import { median, quantile, round, type BenchSection, type Measure, withinRatio } from '../measure';
import { type BrowserSession, buildWebRenderer, startBrowser, startPreview, stopPreview } from '../browser/harness';
import { type KeystrokeTimings, loadHome, openAndCloseOnce, openFromHome, timeKeystrokes, waitForLive } from '../browser/appProbes';

const ENTRIES = 10_000;
// About 150 keys per run (53 before): a p95 over that many keys moves less with one slow frame.
const TEXT =
  'Rolled back payments-api to v412; error rate falling. Checkout p99 back under 300 ms at 14:05. Canary held at 5% until the ledger catches up.';

/** Types TEXT into a bare textarea on a blank page of the same origin (the tools page). */
async function timeBareTextarea(browser: BrowserSession): Promise<KeystrokeTimings> {
  await browser.openTools();
  await browser.page.evaluate(() => {
    const area = document.createElement('textarea');
    area.setAttribute('aria-label', 'Bare textarea');
    document.body.append(area);
  });
  await browser.page.getByRole('textbox', { name: 'Bare textarea' }).focus();
  return timeKeystrokes(browser.page, TEXT);
}

export const keystrokeSection: BenchSection = {
  name: 'keystroke',
  title: 'Keystroke latency in the note box, 10,000 entries loaded (Chromium)',
  async run({ root, log }) {
    await buildWebRenderer(root, log);
    const server = await startPreview(root);
    const browser = await startBrowser(root);
    try {
      const { page } = browser;
      const title = `Bench keystrokes ${ENTRIES} entries`;
      await browser.openTools();
      const notesTitle = `Bench keystrokes ${ENTRIES} notes`;
      await page.evaluate(([n, t]) => window.sitrepBench.seedIncident(n, t), [ENTRIES, title] as const);
      await page.evaluate(([n, t]) => window.sitrepBench.seedIncident(n, t, undefined, true), [ENTRIES, notesTitle] as const);
      // Baseline: a bare textarea in the same browser, same typing, timed before the room and again
      // after it (below), so the baseline sees the machine's load on both sides of the app's run.
      const bareBefore = await timeBareTextarea(browser);

      const runs: { what: string; elements: number; app: KeystrokeTimings }[] = [];
      const variants = [
        { title, what: 'a simulated SEV1 (tasks, hypotheses, changes too)' },
        { title: notesTitle, what: 'notes only' },
      ];
      for (const variant of variants) {
        // As a responder finds it: last closed by the app (its read model saved), and typed into once editable.
        await openAndCloseOnce(page, variant.title);
        await loadHome(page, variant.title);
        await openFromHome(page, variant.title);
        await waitForLive(page);
        await page.getByRole('textbox', { name: 'Entry text' }).focus();
        const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
        const app = await timeKeystrokes(page, TEXT);
        runs.push({ what: variant.what, elements, app });
      }
      const bareAfter = await timeBareTextarea(browser);
      const bare: KeystrokeTimings = {
        toFrame: [...bareBefore.toFrame, ...bareAfter.toFrame],
        handlers: [...bareBefore.handlers, ...bareAfter.handlers],
      };
      const bareRuns = `bare textarea before the room: median ${round(median(bareBefore.toFrame))} ms, p95 ${round(quantile(bareBefore.toFrame, 0.95))} ms; after it: ${round(median(bareAfter.toFrame))} / ${round(quantile(bareAfter.toFrame, 0.95))} ms`;
      log(bareRuns);
      const measures: Measure[] = [];
      for (const { what, elements, app } of runs) {
        log(
          `keystroke (${what}): median ${round(median(app.toFrame))} ms p95 ${round(quantile(app.toFrame, 0.95))} ms; ${elements} DOM elements; bare median ${round(median(bare.toFrame))} ms p95 ${round(quantile(bare.toFrame, 0.95))} ms`,
        );
        for (const [stat, q] of [
          ['median', 0.5],
          ['p95', 0.95],
        ] as const) {
          measures.push({
            section: 'keystroke',
            name: `keystroke -> next frame, 10,000 entries (${what === 'notes only' ? 'notes only' : 'SEV1 mix'}), ${stat}`,
            value: round(quantile(app.toFrame, q)),
            unit: 'ms',
            baseline: { name: `bare <textarea> ${stat}`, value: round(quantile(bare.toFrame, q)) },
            // Issue 13: p95 at most 1.2x the bare textarea's; the median is shown for reference.
            target: stat === 'p95' ? withinRatio(1.2) : null,
            detail:
              `${what}; ${elements} DOM elements on the page; ${app.toFrame.length} keystrokes; keydown timeStamp to a task after the next requestAnimationFrame (so it includes waiting for the frame); ` +
              `keydown to the end of the input handlers (React render included): median ${round(median(app.handlers))} ms, p95 ${round(quantile(app.handlers, 0.95))} ms (bare: ${round(median(bare.handlers))} / ${round(quantile(bare.handlers, 0.95))} ms); the baseline pools the ${bare.toFrame.length} keys of two bare runs (${bareRuns})`,
          });
        }
      }
      return measures;
    } finally {
      await browser.close();
      await stopPreview(server);
    }
  },
};
