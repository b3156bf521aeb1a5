// Driving Sitrep in a responder's own language: a browser context on a system in that language
// and zone, and the everyday steps (first run, declare, task, note, status update, search, CSV
// export) found by their names as the catalogs say them in that language. Names come from the
// catalogs through the app's own translator, never typed out here, so a wording fix in a catalog
// never breaks a test, while a control that is not translated cannot be found.
import { readFile } from 'node:fs/promises';
import { type Browser, type BrowserContext, chromium, expect, type Page } from '@playwright/test';
import config, { CHROMIUM_ARGS } from '../../../playwright.config';
import { createI18n, type Language, type Namespace, type TFunction, translator, type UiLanguage } from '../../../src/core/i18n';
import { parseExportedCsv } from '../../support/strictCsv';
import { BASE_URL } from './app';

/** A system in each catalog language, with a zone there (March: no daylight saving in any). */
export const SYSTEMS: Readonly<Record<Language, { locale: string; timezoneId: string }>> = {
  en: { locale: 'en-US', timezoneId: 'America/New_York' },
  ja: { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' },
  'zh-CN': { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  ru: { locale: 'ru-RU', timezoneId: 'Europe/Moscow' },
};

/** A translator whose keys name their namespace (`work:tasks.new`), checked against the English catalogs. */
export type Words = TFunction<Namespace[]>;

/** The app's translator for one language: `words('ja')('work:tasks.new')`. */
export function words(language: UiLanguage): Words {
  return translator(language) as unknown as Words;
}

const raws = new Map<UiLanguage, ReturnType<typeof createI18n>>();

/** A catalog message as written, arguments and all (`ns:key.path`). */
export function rawMessage(language: UiLanguage, key: string): string {
  let instance = raws.get(language);
  if (!instance) {
    instance = createI18n(language);
    raws.set(language, instance);
  }
  const [ns, path] = key.split(':') as [string, string];
  const value = instance.getResource(language, ns, path) as unknown;
  if (typeof value !== 'string') throw new Error(`no message ${key} in ${language}`);
  return value;
}

/** `text` as a pattern that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A pattern matching a simple catalog message whatever its arguments: `{status}. Compose…`
 * matches "Next update due in 14:55. Compose…". Only for messages without plurals or selects.
 */
export function messagePattern(language: UiLanguage, key: string): RegExp {
  const message = rawMessage(language, key);
  if (/\{\w+,/.test(message)) throw new Error(`${key} has a plural or select; fill its arguments instead`);
  return new RegExp(
    `^${message
      .split(/\{\w+\}/)
      .map(escapeRegExp)
      .join('.+')}$`,
    's',
  );
}

/** A browser context on a system in `language` and its zone, the page's clock standing still at `at`. */
export async function openInLanguage(
  browser: Browser,
  language: Language,
  at: Date,
  viewport = { width: 1280, height: 720 },
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ ...SYSTEMS[language], viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  await page.clock.setFixedTime(at);
  await page.goto(BASE_URL);
  return { page, context };
}

export async function firstRunIn(page: Page, t: Words, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: t('app:profile.title') });
  await dialog.getByLabel(t('app:profile.nameLabel')).fill(name);
  await dialog.getByRole('button', { name: t('app:profile.continue') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: t('app:home.heading') })).toBeVisible();
}

export async function declareIn(page: Page, t: Words, input: { title: string; severity: string }): Promise<void> {
  await page
    .getByRole('button', { name: t('app:home.declare') })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: t('app:declare.title') });
  await dialog.getByLabel(t('app:declare.titleLabel')).fill(input.title);
  await dialog.getByLabel(t('app:declare.severityLabel')).selectOption(input.severity);
  await dialog.getByRole('button', { name: t('app:declare.submit') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
}

export async function addTaskIn(page: Page, t: Words, input: { title: string; assignee: string }): Promise<void> {
  await page.getByRole('button', { name: t('work:tasks.new'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('work:tasks.dialog.title') });
  await dialog.getByLabel(t('work:tasks.dialog.task'), { exact: true }).fill(input.title);
  await dialog.getByLabel(t('work:tasks.dialog.assignee'), { exact: true }).selectOption({ label: input.assignee });
  await dialog.getByRole('button', { name: t('work:tasks.dialog.submit') }).click();
  await expect(dialog).toBeHidden();
}

/** A note through the quick entry box (its default kind). */
export async function writeNoteIn(page: Page, t: Words, text: string): Promise<void> {
  const entry = page.getByLabel(t('timeline:quick.text'));
  await entry.fill(text);
  await entry.press('Enter');
  await expect(entry).toHaveValue('');
}

/** Posts the composer's draft as it stands (internal audience, the window's language); returns its text. */
export async function postUpdateIn(page: Page, language: UiLanguage): Promise<string> {
  const t = words(language);
  await page.getByRole('button', { name: messagePattern(language, 'updates:controls.open') }).click();
  const composer = page.getByRole('dialog', { name: t('updates:composer.title') });
  const text = composer.getByLabel(t('updates:composer.text'));
  await expect(text).not.toHaveValue('');
  const posted = await text.inputValue();
  await composer.getByRole('button', { name: t('updates:composer.post') }).click();
  await expect(composer).toBeHidden();
  return posted;
}

/** Home's search, by its label: returns the matching rows' region. */
export async function searchHomeIn(page: Page, t: Words, query: string) {
  await page.getByLabel(t('app:library.searchLabel'), { exact: true }).fill(query);
  return page.getByRole('region', { name: t('app:library.groupRegion.matching') });
}

/**
 * Exports the timeline as CSV in the window's language and its local zone, and reads it as a
 * spreadsheet would: the bytes, whether they start with the UTF-8 byte order mark, and the rows
 * by strict RFC 4180.
 */
export async function exportCsvIn(
  page: Page,
  language: Language,
  zone: string,
): Promise<{ fileName: string; bom: boolean; rows: string[][] }> {
  const t = words(language);
  await page.getByRole('button', { name: t('export:dialog.open'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: t('export:dialog.title') });
  await dialog.getByRole('radio', { name: new RegExp(`^${escapeRegExp(t('export:format.csv.label'))}`) }).check();
  await expect(dialog.getByLabel(t('export:dialog.language'), { exact: true })).toHaveValue(language);
  await dialog.getByRole('radio', { name: t('export:dialog.local', { zone }) }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: t('export:dialog.download') }).click();
  const download = await downloading;
  await expect(dialog).toBeHidden();
  const bytes = await readFile(await download.path());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { fileName: download.suggestedFilename(), bom, rows: parseExportedCsv(bytes.toString('utf8')) };
}

/** The seven CSV columns as the catalog of `language` names them. */
export function csvHeader(language: Language): string[] {
  const t = words(language);
  return (['utc_time', 'local_time', 'author', 'kind', 'text', 'said_by', 'correction'] as const).map((column) =>
    t(`export:csv.${column}`),
  );
}

/** "2026-03-02T18:05:00+09:00": an instant as the CSV's local column writes it in a zone. */
export function zonedIso(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/**
 * One responder's laptop on a system in `language`: a browser process of its own (as
 * support/p2p.ts's Peer, whose WebRTC flags it shares), run through its first start by name.
 */
export class LanguagePeer {
  private browser: Browser | null = null;
  page!: Page;
  readonly errors: string[] = [];
  readonly t: Words;

  constructor(
    readonly name: string,
    readonly language: Language,
  ) {
    this.t = words(language);
  }

  /** With `at`, the page's wall clock stands still there (timers still run). */
  async start(at?: Date): Promise<Page> {
    this.browser = await chromium.launch({
      ...(config.use?.launchOptions ?? {}),
      args: [
        ...CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--lang=')),
        `--lang=${SYSTEMS[this.language].locale}`,
        '--allow-loopback-in-peer-connection',
        '--use-fake-ui-for-media-stream',
      ],
    });
    const context = await this.browser.newContext({
      ...SYSTEMS[this.language],
      viewport: { width: 1280, height: 720 },
      permissions: ['microphone', 'camera', 'clipboard-read', 'clipboard-write', 'notifications'],
    });
    this.page = await context.newPage();
    this.page.on('pageerror', (error) => this.errors.push(error.message));
    this.page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.log(`[${this.name}] ${message.type()}: ${message.text()}`);
    });
    if (at) await this.page.clock.setFixedTime(at);
    await this.page.goto(BASE_URL);
    await firstRunIn(this.page, this.t, this.name);
    return this.page;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.browser = null;
  }
}

/** Sets the room's signaling address through Invite → Network settings, in the window's language. */
export async function setSignalingAddressIn(page: Page, t: Words, url: string): Promise<void> {
  const invite = page.getByRole('dialog', { name: t('room:invite.title') });
  if (!(await invite.isVisible())) await page.getByRole('button', { name: t('room:status.invite'), exact: true }).click();
  await invite.getByRole('button', { name: t('room:dialog.networkSettings') }).click();
  const settings = page.getByRole('dialog', { name: t('room:settings.title') });
  await settings.getByLabel(t('room:settings.signalingLabel')).fill(url);
  await settings.getByRole('button', { name: t('common:action.save') }).click();
  await expect(settings).toBeHidden();
}

/** Copies the join code with Invite's button and returns what the clipboard got. */
export async function copyJoinCodeIn(page: Page, t: Words): Promise<string> {
  const invite = page.getByRole('dialog', { name: t('room:invite.title') });
  if (!(await invite.isVisible())) await page.getByRole('button', { name: t('room:status.invite'), exact: true }).click();
  const field = invite.getByLabel(t('room:invite.joinCode'), { exact: true });
  await expect(field).toHaveValue(/^SITREP2-/);
  await invite.getByRole('button', { name: t('room:invite.copyCode') }).click();
  await expect(page.getByText(t('room:copy.codeCopied'))).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await field.inputValue());
  await invite
    .getByRole('button', { name: t('common:action.close') })
    .first()
    .click();
  await expect(invite).toBeHidden();
  return copied;
}

/** Joins with a code from Home and, once the incident has arrived, adds this laptop's person as new. */
export async function joinAsNewPersonIn(page: Page, t: Words, code: string): Promise<void> {
  await page.getByRole('button', { name: t('app:home.joinRoom') }).click();
  const dialog = page.getByRole('dialog', { name: t('room:join.title') });
  await dialog.getByLabel(t('room:join.codeLabel'), { exact: true }).fill(code);
  await dialog.getByRole('button', { name: t('room:join.submit'), exact: true }).click();
  await expect(dialog).toBeHidden();
  const identity = page.getByRole('dialog', { name: t('app:identity.title') });
  await expect(identity).toBeVisible({ timeout: 30_000 });
  await identity.getByRole('radio', { name: t('app:identity.addMe') }).check();
  await identity.getByRole('button', { name: t('app:identity.addMeSubmit') }).click();
  await expect(identity).toBeHidden();
}

/** The texts of the timeline's entries as they are on screen (the list is short in these tests). */
export async function entryTexts(page: Page): Promise<string[]> {
  return page.getByTestId('entry-text').allTextContents();
}
