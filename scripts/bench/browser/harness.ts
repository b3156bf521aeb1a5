// Chromium for the browser sections: the web build of the renderer served by vite preview on
// 127.0.0.1:4305, a fresh profile per section, and the bench's page tools injected on a blank
// page of the same origin (so the app is not holding the database open while seeding).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, preview, type PreviewServer } from 'vite';
import config, { CHROMIUM_ARGS } from '../../../playwright.config.ts';

// Overridable so that two engineers benching on one machine do not share a port or a build.
export const BENCH_PORT = Number(process.env.SITREP_BENCH_PORT ?? 4305);
export const BENCH_ORIGIN = `http://127.0.0.1:${BENCH_PORT}`;
const WEB_OUT = process.env.SITREP_BENCH_WEB_OUT ?? 'out/bench-web';

export function chromiumExecutable(): string | undefined {
  return config.use?.launchOptions?.executablePath;
}

let built: Promise<void> | null = null;

/** Builds the renderer for the browser once per bench run (a clean clone has no build). */
export function buildWebRenderer(root: string, log: (line: string) => void): Promise<void> {
  built ??= (async () => {
    log('building the web renderer (vite build) …');
    process.env.SITREP_WEB_OUT = WEB_OUT;
    await viteBuild({ configFile: join(root, 'vite.web.config.ts'), logLevel: 'warn' });
  })();
  return built;
}

let pageTools: Promise<string> | null = null;

function bundlePageTools(root: string): Promise<string> {
  pageTools ??= esbuild({
    entryPoints: [join(root, 'scripts/bench/browser/pageTools.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    alias: { '@core': join(root, 'src/core'), '@shared': join(root, 'src/shared') },
    logLevel: 'warning',
  }).then((result) => result.outputFiles[0]!.text);
  return pageTools;
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The profile directory (Chromium's --user-data-dir). */
  readonly dir: string;
  /** Navigates to a blank page of the app's origin with window.sitrepBench loaded. */
  openTools(): Promise<void>;
  close(): Promise<void>;
}

export async function startPreview(root: string): Promise<PreviewServer> {
  process.env.SITREP_WEB_OUT = WEB_OUT;
  return preview({ configFile: join(root, 'vite.web.config.ts'), preview: { port: BENCH_PORT, strictPort: true }, logLevel: 'warn' });
}

export async function stopPreview(server: PreviewServer): Promise<void> {
  await new Promise<void>((done) => server.httpServer.close(() => done()));
}

/** A fresh Chromium profile (its own IndexedDB), deleted on close. */
export async function startBrowser(root: string): Promise<BrowserSession> {
  const script = await bundlePageTools(root);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...(config.use?.launchOptions ?? {}),
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  await page.route('**/bench-blank', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title><body></body>' }),
  );
  return {
    context,
    page,
    dir,
    async openTools() {
      await page.goto(`${BENCH_ORIGIN}/bench-blank`);
      await page.addScriptTag({ content: script });
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
