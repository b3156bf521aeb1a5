// Renderer memory with a 10,000-entry incident open (Chromium), against the same app on its
// home screen with nothing open.
import { atMost, megabytes, withinRatio, type BenchSection, type Measure } from '../measure';
import { buildWebRenderer, startBrowser, startPreview, stopPreview } from '../browser/harness';
import { loadHome, openAndCloseOnce, openFromHome, waitForLive } from '../browser/appProbes';
import { jsHeapUsedAfterGc, rendererRss } from '../browser/rendererMemory';

const ENTRIES = 10_000;

export const memorySection: BenchSection = {
  name: 'memory',
  title: 'Renderer memory with 10,000 entries (Chromium)',
  async run({ root, log }) {
    await buildWebRenderer(root, log);
    const server = await startPreview(root);
    const browser = await startBrowser(root);
    try {
      const { page } = browser;
      const title = `Bench memory ${ENTRIES} entries`;
      await browser.openTools();
      await page.evaluate(([n, t]) => window.sitrepBench.seedIncident(n, t), [ENTRIES, title] as const);
      // As a responder finds it: last closed by the app, with its read model saved.
      await openAndCloseOnce(page, title);
      await loadHome(page, title);
      const homeHeap = await jsHeapUsedAfterGc(page);
      const homeRss = rendererRss(browser.dir);
      await openFromHome(page, title);
      await waitForLive(page);
      // Let the store, the virtualizer's measurements and the catalog write settle.
      await page.waitForTimeout(1_500);
      const heap = await jsHeapUsedAfterGc(page);
      const rss = rendererRss(browser.dir);
      log(`memory: JS heap ${megabytes(heap)} MB (home ${megabytes(homeHeap)} MB); renderer RSS ${rss === null ? '?' : megabytes(rss)} MB`);
      const measures: Measure[] = [
        {
          section: 'memory',
          name: 'renderer JS heap used, 10,000 entries open',
          value: megabytes(heap),
          unit: 'MB',
          baseline: { name: 'home screen, nothing open', value: megabytes(homeHeap) },
          target: atMost(300, 'MB'),
          detail: 'CDP Performance.getMetrics JSHeapUsedSize after HeapProfiler.collectGarbage',
        },
      ];
      measures.push({
        section: 'memory',
        name: 'renderer process resident size, 10,000 entries open',
        value: rss === null ? null : megabytes(rss),
        unit: 'MB',
        baseline: { name: 'home screen, nothing open', value: homeRss === null ? null : megabytes(homeRss) },
        // Issue 13: at most 1.5x the home screen's.
        target: withinRatio(1.5),
        detail: 'VmRSS of the largest renderer process of this browser profile (/proc), after a GC; includes Blink, V8 and shared pages',
        ...(rss === null ? { skipped: 'no /proc on this machine' } : {}),
      });
      return measures;
    } finally {
      await browser.close();
      await stopPreview(server);
    }
  },
};
