// Peers for peer-to-peer tests: each in its own browser process, on loopback only, meeting
// through a real signaling server on 127.0.0.1.
import { networkInterfaces } from 'node:os';
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import config, { CHROMIUM_ARGS } from '../../../playwright.config';
import { startSignalingServer, type SignalingServer } from '../../../src/main/signaling/server';
import { BASE_URL, completeFirstRun } from './app';

/**
 * WebRTC offers every address of this machine as a candidate; on a shared machine the tests must
 * not use any but loopback. Refuse to run anywhere but a loopback-only network namespace
 * (npm run test:p2p makes one).
 */
export function requireLoopbackOnlyNetwork(): void {
  const names = Object.keys(networkInterfaces());
  if (names.length !== 1 || names[0] !== 'lo') {
    throw new Error(
      `Refusing to run peer-to-peer tests: this process can reach network interfaces ${JSON.stringify(names)}. ` +
        'Run them with `npm run test:p2p`, which starts them in a loopback-only network namespace.',
    );
  }
}

export async function startTestSignaling(): Promise<{ server: SignalingServer; url: string }> {
  const server = await startSignalingServer({ host: '127.0.0.1', port: 0 });
  return { server, url: `ws://127.0.0.1:${server.port}` };
}

const launchOptions = config.use?.launchOptions ?? {};

/** One responder's laptop: a browser process of its own, with its own storage. */
export class Peer {
  private browser: Browser | null = null;
  context: BrowserContext | null = null;
  page!: Page;
  readonly errors: string[] = [];

  constructor(readonly name: string) {}

  async start(): Promise<Page> {
    this.browser = await chromium.launch({
      ...launchOptions,
      // Loopback candidates are off by default in Chromium; the media permission below makes it
      // offer plain addresses instead of mDNS names that nothing here could resolve.
      args: [...CHROMIUM_ARGS, '--allow-loopback-in-peer-connection', '--use-fake-ui-for-media-stream'],
    });
    this.context = await this.browser.newContext({
      viewport: { width: 1440, height: 900 },
      permissions: ['microphone', 'camera', 'clipboard-read', 'clipboard-write'],
    });
    this.page = await this.context.newPage();
    this.page.on('pageerror', (error) => this.errors.push(error.message));
    // The page's own warnings and errors, so a failure on CI can be read from the log.
    this.page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.log(`[${this.name}] ${message.type()}: ${message.text()}`);
    });
    await this.page.goto(BASE_URL);
    await completeFirstRun(this.page, this.name);
    return this.page;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.browser = null;
  }
}

export async function setSignalingAddress(page: Page, url: string): Promise<void> {
  const invite = page.getByRole('dialog', { name: 'Invite responders' });
  if (!(await invite.isVisible())) await page.getByRole('button', { name: 'Invite' }).click();
  await invite.getByRole('button', { name: 'Network settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Network settings' });
  await settings.getByLabel('Signaling servers (one per line)').fill(url);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
}

/** Opens the Invite dialog, copies the join code with its button, and returns what was copied. */
export async function copyJoinCode(page: Page): Promise<string> {
  const invite = page.getByRole('dialog', { name: 'Invite responders' });
  if (!(await invite.isVisible())) await page.getByRole('button', { name: 'Invite' }).click();
  await expect(invite.getByLabel('Join code')).toHaveValue(/^SITREP2-/);
  await invite.getByRole('button', { name: 'Copy code' }).click();
  // A code copied a moment ago may still show its toast: the newest one says this copy worked.
  await expect(page.getByText('Join code copied to the clipboard.').last()).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await invite.getByLabel('Join code').inputValue());
  await invite.getByRole('button', { name: 'Close' }).click();
  return copied;
}

/** How a joining laptop answers "Who are you in this incident?": a roster person, or a new person (by profile name unless given). */
export type JoinAs = { readonly person: string } | { readonly newPerson: true | string };

/**
 * Joins with a code and, once the incident has arrived, answers "Who are you in this incident?"
 * (by default: a new person under the profile's name). `null` joins without waiting for the
 * incident, for a code that must reach no one.
 */
export async function joinWithCode(page: Page, code: string, as: JoinAs | null = { newPerson: true }): Promise<void> {
  await page.getByRole('button', { name: 'Join room' }).click();
  const dialog = page.getByRole('dialog', { name: 'Join a room' });
  await dialog.getByLabel('Join code').fill(code);
  await dialog.getByRole('button', { name: 'Join' }).click();
  await expect(dialog).toBeHidden();
  if (as) await sayWhoIAm(page, as);
}

/** Answers the identity dialog (which appears once the incident has arrived from a peer). */
export async function sayWhoIAm(page: Page, as: JoinAs): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Who are you in this incident?' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  if ('person' in as) {
    await dialog.getByRole('radio', { name: as.person, exact: true }).check();
    await dialog.getByRole('button', { name: `Join as ${as.person}` }).click();
  } else {
    await dialog.getByRole('radio', { name: 'Add me as a new person' }).check();
    if (typeof as.newPerson === 'string') await dialog.getByLabel('Your name').fill(as.newPerson);
    await dialog.getByRole('button', { name: 'Add me' }).click();
  }
  await expect(dialog).toBeHidden();
}

export async function addNote(page: Page, text: string): Promise<void> {
  const entry = page.getByLabel('Entry text');
  await entry.fill(text);
  await entry.press('Enter');
  await expect(entry).toHaveValue('');
}

export async function openConnection(page: Page) {
  await page.getByRole('button', { name: /^Connection:/ }).click();
  return page.getByRole('dialog', { name: 'Room connection' });
}
