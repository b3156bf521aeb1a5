// Checks that a generated 10,000-entry incident opens and scrolls smoothly in Chromium:
// seeds it through the real storage, opens it from the home screen, and reports the time to
// the first rendered timeline row and the frame times while scrolling. Needs `npm run build:web`.
// Usage: npx tsx scripts/check-large-incident.ts [entries]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { preview } from 'vite';
import config, { CHROMIUM_ARGS } from '../playwright.config.ts';

const entries = Number(process.argv[2] ?? 10_000);
const root = resolve(import.meta.dirname, '..');

async function main() {
  const bundle = await build({
    entryPoints: [join(root, 'scripts/large-incident/seed.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    alias: { '@core': join(root, 'src/core') },
  });
  const seedScript = bundle.outputFiles[0]!.text;
  const server = await preview({ configFile: join(root, 'vite.web.config.ts'), preview: { port: 4175 } });
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-large-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...(config.use?.launchOptions ?? {}),
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // Seed on a blank page of the same origin, so the app is not holding the database open.
    await page.route('**/seed-blank', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
    await page.goto('http://127.0.0.1:4175/seed-blank');
    await page.addScriptTag({ content: seedScript });
    const seedStart = Date.now();
    await page.evaluate((n) => window.seedLargeIncident(n), entries);
    console.log(`seeded ${entries} entries in ${Date.now() - seedStart} ms`);

    await page.goto('http://127.0.0.1:4175/');
    const row = page.getByRole('button', { name: new RegExp(`Generated incident, ${entries} entries`) });
    await row.waitFor();
    const opened = await page.evaluate(() => performance.now());
    await row.click();
    await page.locator('[data-testid="entry-text"]').first().waitFor();
    const rendered = await page.evaluate(() => performance.now());
    console.log(`open: click to first timeline row ${(rendered - opened).toFixed(0)} ms`);
    const count = await page.locator('.panel-head .count').filter({ hasText: 'entries' }).textContent();
    console.log(`timeline shows: ${count}`);
    const domRows = await page.locator('[data-index]').count();
    console.log(`rows in the DOM: ${domRows}`);

    const frames = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('[aria-label="Timeline entries"]')!;
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 240; i++) {
        scroller.scrollTop += 400;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]!, max: times[times.length - 1]! };
    });
    console.log(`scroll frames (240 steps of 400 px): median ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms, max ${frames.max.toFixed(1)} ms`);
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
