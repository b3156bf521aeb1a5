// Keystroke latency in the quick-entry box with a 10,000-entry incident open (Chromium), against
// the same typing in a bare <textarea> on a blank page of the same browser.
import { median, quantile, round, type BenchSection, type Measure, withinRatio } from '../measure';
import { buildWebRenderer, startBrowser, startPreview, stopPreview } from '../browser/harness';
import { loadHome, openAndCloseOnce, openFromHome, timeKeystrokes, waitForLive } from '../browser/appProbes';

const ENTRIES = 10_000;
const TEXT = 'Rolled back payments-api to v412; error rate falling.';

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
      // Baseline: a bare textarea in the same browser, same measurement.
      await page.evaluate(() => {
        const area = document.createElement('textarea');
        area.setAttribute('aria-label', 'Bare textarea');
        document.body.append(area);
      });
      await page.getByRole('textbox', { name: 'Bare textarea' }).focus();
      const bare = await timeKeystrokes(page, TEXT);

      const measures: Measure[] = [];
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
        log(
          `keystroke (${variant.what}): median ${round(median(app.toFrame))} ms p95 ${round(quantile(app.toFrame, 0.95))} ms; ${elements} DOM elements; bare median ${round(median(bare.toFrame))} ms`,
        );
        for (const [stat, q] of [
          ['median', 0.5],
          ['p95', 0.95],
        ] as const) {
          measures.push({
            section: 'keystroke',
            name: `keystroke -> next frame, 10,000 entries (${variant.what === 'notes only' ? 'notes only' : 'SEV1 mix'}), ${stat}`,
            value: round(quantile(app.toFrame, q)),
            unit: 'ms',
            baseline: { name: `bare <textarea> ${stat}`, value: round(quantile(bare.toFrame, q)) },
            // Issue 13: p95 at most 1.2x the bare textarea's; the median is shown for reference.
            target: stat === 'p95' ? withinRatio(1.2) : null,
            detail:
              `${variant.what}; ${elements} DOM elements on the page; ${app.toFrame.length} keystrokes; keydown timeStamp to a task after the next requestAnimationFrame (so it includes waiting for the frame); ` +
              `keydown to the end of the input handlers (React render included): median ${round(median(app.handlers))} ms, p95 ${round(quantile(app.handlers, 0.95))} ms (bare: ${round(median(bare.handlers))} / ${round(quantile(bare.handlers, 0.95))} ms)`,
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
