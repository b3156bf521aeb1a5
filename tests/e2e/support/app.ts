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
  await dialog.getByLabel('Severity').selectOption(input.severity);
  if (input.summary) await dialog.getByLabel('What is known').fill(input.summary);
  await dialog.getByRole('button', { name: 'Declare incident' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
}

/** Reads every timeline entry's text in display order, scrolling the virtualized list. */
export async function readTimeline(page: Page): Promise<string[]> {
  const scroller = page.getByLabel('Timeline entries');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  const seen = new Map<number, string>();
  for (let guard = 0; guard < 500; guard++) {
    const batch = await scroller.evaluate((el) =>
      [...el.querySelectorAll('[data-index]')].map((li) => [Number(li.getAttribute('data-index')), li.querySelector('[data-testid="entry-text"]')?.textContent ?? ''] as const),
    );
    for (const [index, text] of batch) seen.set(index, text);
    const atEnd = await scroller.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight * 0.8;
      return el.scrollTop === before;
    });
    if (atEnd) break;
    await page.waitForTimeout(30);
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
}
