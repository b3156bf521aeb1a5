// Helpers for driving Sitrep's renderer as a person would: by roles and visible labels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import config, { CHROMIUM_ARGS } from '../../../playwright.config';

const launchOptions = config.use?.launchOptions ?? {};
export const BASE_URL = String(config.use?.baseURL);

/** A browser profile of its own, on disk, so a test can close the browser and start it again. */
export class BrowserProfile {
  readonly dir = mkdtempSync(join(tmpdir(), 'sitrep-e2e-'));
  context: BrowserContext | null = null;

  async start(): Promise<Page> {
    this.context = await chromium.launchPersistentContext(this.dir, {
      ...launchOptions,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 900 },
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    page.on('pageerror', (error) => {
      throw new Error(`Uncaught error in the page: ${error.message}`);
    });
    await page.goto(BASE_URL);
    return page;
  }

  async stop(): Promise<void> {
    await this.context?.close();
    this.context = null;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The page's wall clock on Playwright's clock, standing still: Date.now() in the page moves only
 * when the test moves it, so what the page shows does not depend on how long each step took on
 * this machine. Timers keep running in real time (a paused clock would stall the app's own
 * timers), and `advance` also fires the timers that fall due, once each, so the page redraws.
 */
export class StillClock {
  private constructor(
    private readonly page: Page,
    private now: number,
  ) {}

  /** Holds the clock at `at` and reloads, so the app starts on it. Init scripts added before run too. */
  static async start(page: Page, at: Date): Promise<StillClock> {
    await page.clock.setFixedTime(at);
    await page.reload();
    return new StillClock(page, at.getTime());
  }

  /** Moves the wall clock on by `ms`, as when a laptop lid opens again later. */
  async advance(ms: number): Promise<void> {
    this.now += ms;
    await this.page.clock.setFixedTime(this.now);
    await this.page.clock.fastForward(ms);
  }
}

export async function completeFirstRun(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Welcome to Sitrep' });
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toBeHidden();
}

export async function declareIncident(page: Page, input: { title: string; severity: string; summary?: string }): Promise<void> {
  await page.getByRole('button', { name: 'Declare incident' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Declare incident' });
  await dialog.getByLabel('Title').fill(input.title);
  await dialog.getByLabel('Severity', { exact: true }).selectOption(input.severity);
  if (input.summary) await dialog.getByLabel('What is known').fill(input.summary);
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
}

/**
 * Reads every timeline entry's text in display order, scrolling the virtualized list inside the
 * page in one round trip. A slice is read only once the rendered rows cover what the list shows
 * at that scroll position, so no slice is skipped on a slow machine; it never waits a fixed time.
 * With `stopOnceSeen`, it stops as soon as all of those texts have been read (long timelines).
 */
export async function readTimeline(page: Page, stopOnceSeen: readonly string[] = []): Promise<string[]> {
  return page.getByLabel('Timeline entries').evaluate(async (scroller, wanted) => {
    const missing = new Set(wanted);
    const rows = () => [...scroller.querySelectorAll('[data-index]')];
    // True when the rendered rows span the part of the list in view: what a person sees is in the DOM.
    const rowsCoverView = (): boolean => {
      const view = scroller.getBoundingClientRect();
      const list = scroller.querySelector('ol')?.getBoundingClientRect();
      if (!list) return true;
      const top = Math.max(view.top, list.top);
      const bottom = Math.min(view.bottom, list.bottom);
      if (bottom - top < 1) return true;
      const boxes = rows().map((row) => row.getBoundingClientRect());
      return boxes.length > 0 && Math.min(...boxes.map((b) => b.top)) <= top + 1 && Math.max(...boxes.map((b) => b.bottom)) >= bottom - 1;
    };
    const seen = new Map<number, string>();
    scroller.scrollTop = 0;
    for (;;) {
      // The list renders in the frame after a scroll. The frame count is a safety net against a
      // list that never renders, not a bound on speed: frames come as slowly as the machine runs.
      for (let frames = 0; !rowsCoverView(); frames++) {
        if (frames > 1000) throw new Error(`the timeline rendered no rows at scroll position ${scroller.scrollTop}`);
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      for (const row of rows()) {
        const text = row.querySelector('[data-testid="entry-text"]')?.textContent ?? '';
        seen.set(Number(row.getAttribute('data-index')), text);
        missing.delete(text);
      }
      if (wanted.length > 0 && missing.size === 0) break;
      const before = scroller.scrollTop;
      scroller.scrollTop += scroller.clientHeight * 0.8;
      if (scroller.scrollTop === before) break;
    }
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  }, stopOnceSeen);
}

/**
 * Set SITREP_SHOTS_DIR to save what a test sees at a laptop's 1280x720 and at 1440x900, for
 * looking at the screens; the viewport goes back to the project's 1440x900.
 */
export async function screenshotsAtLaptopSizes(page: Page, name: string): Promise<void> {
  const dir = process.env.SITREP_SHOTS_DIR;
  if (!dir) return;
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "08:40": a clock time as the page shows it, in the zone this process and the page share. */
export function clockTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The value a datetime-local input takes for an instant, in that same zone. */
export function localInputValue(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${clockTime(at)}`;
}

export async function addPerson(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add person' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add person' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await expect(dialog).toBeHidden();
}

/** Marks a milestone through its dialog: at `at` when given (else the time it opens with), with a note when given. */
export async function markMilestone(page: Page, kind: string, at?: Date, note = ''): Promise<void> {
  await page.getByRole('button', { name: 'Mark milestone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark milestone' });
  await dialog.getByLabel('Milestone').selectOption({ label: kind });
  if (at) await dialog.getByLabel('When it happened').fill(localInputValue(at));
  if (note) await dialog.getByLabel('Note (optional)').fill(note);
  await dialog.getByRole('button', { name: 'Mark milestone' }).click();
  await expect(dialog).toBeHidden();
}
