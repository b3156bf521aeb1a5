// The room's dialogs in Japanese, Simplified Chinese and Russian: the connection dialog, the join
// dialog refusing a code with a character no code has, the invite dialog with its code, and the
// network settings refusing a relay address without a port. Each is found by its translated
// name, says the refusal in the reader's language, and cuts no label or button at 1280x720 (and
// 1440x900). The incident and its signaling address are set up once in English, then the same
// profile is started with the system in each language. Screenshots go to SITREP_SHOTS_DIR.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Locator, type Page, test } from '@playwright/test';
import config, { CHROMIUM_ARGS } from '../../playwright.config';
import { BASE_URL, BrowserProfile, completeFirstRun, declareIncident, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const TITLE = 'Checkout returns 500 for EU customers';
const LOCALES = join(import.meta.dirname, '../../src/locales');

type Catalog = { [key: string]: string | Catalog };

function catalog(language: string, namespace: string): Catalog {
  return JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Catalog;
}

function at(messages: Catalog, path: string): string {
  const value = path
    .split('.')
    .reduce<string | Catalog | undefined>((node, key) => (typeof node === 'object' ? node[key] : undefined), messages);
  if (typeof value !== 'string') throw new Error(`no message at ${path}`);
  return value;
}

/** The key under which the English catalog says `text` (to find a control another area labels). */
function keyOf(messages: Catalog, text: string, prefix = ''): string | null {
  for (const [key, value] of Object.entries(messages)) {
    if (value === text) return prefix + key;
    if (typeof value === 'object') {
      const found = keyOf(value, text, `${prefix}${key}.`);
      if (found) return found;
    }
  }
  return null;
}

/** A plain message with `{name}` arguments filled in (no plurals: only used on such messages). */
function fill(message: string, params: Record<string, string> = {}): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

const LANGUAGES = [
  { locale: 'ja-JP', lang: 'ja', timezoneId: 'Asia/Tokyo' },
  { locale: 'zh-CN', lang: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  { locale: 'ru-RU', lang: 'ru', timezoneId: 'Europe/Moscow' },
] as const;

/** Controls and labels whose text is wider than their box (cut or spilling), and a dialog wider than the window. */
async function expectNothingCut(dialog: Locator, what: string): Promise<void> {
  const cut = await dialog.evaluate((root) => {
    const found: string[] = [];
    const box = root.getBoundingClientRect();
    if (box.left < 0 || box.right > window.innerWidth) found.push(`the dialog (${Math.round(box.width)} px) is wider than the window`);
    for (const element of root.querySelectorAll<HTMLElement>('button, label, legend, dt, h2, h3, .field-label, [role="alert"]')) {
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== 'auto') {
        found.push(`${element.tagName.toLowerCase()} “${element.textContent?.trim().slice(0, 40)}”`);
      }
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && (rect.right > box.right + 1 || rect.left < box.left - 1)) {
        found.push(`${element.tagName.toLowerCase()} “${element.textContent?.trim().slice(0, 40)}” spills out of the dialog`);
      }
    }
    return found;
  });
  expect(cut, `${what}: nothing cut`).toEqual([]);
}

async function shoot(page: Page, dialog: Locator, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expectNothingCut(dialog, `${name} at ${width}x${height}`);
    const dir = process.env.SITREP_SHOTS_DIR;
    if (dir) await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('connection, join, invite and network settings in ja, zh-CN and ru: translated names, refusals in the language, nothing cut', async () => {
  test.setTimeout(300_000);
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Okafor');
    await declareIncident(page, { title: TITLE, severity: 'SEV1' });
    await page.getByRole('button', { name: 'Invite' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite responders' });
    await invite.getByRole('button', { name: 'Network settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Network settings' });
    await settings.getByLabel('Signaling servers (one per line)').fill('ws://127.0.0.1:45103');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();
    await expect(invite.getByLabel('Join code')).toHaveValue(/^SITREP2-/);
    await profile.stop();

    const joinRoomKey = keyOf(catalog('en', 'app'), 'Join room');
    for (const { locale, lang, timezoneId } of LANGUAGES) {
      await test.step(locale, async () => {
        const room = catalog(lang, 'room');
        const common = catalog(lang, 'common');
        const t = (path: string, params?: Record<string, string>) => fill(at(room, path), params);
        const context = await chromium.launchPersistentContext(profile.dir, {
          ...(config.use?.launchOptions ?? {}),
          args: [...CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--lang=')), `--lang=${locale}`],
          locale,
          timezoneId,
          viewport: { width: 1280, height: 720 },
        });
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          // A safety net: a control that never appears fails the step instead of holding the run.
          page.setDefaultTimeout(30_000);
          await page.clock.setFixedTime(new Date(START.getTime() + 12 * 60_000));
          await page.goto(BASE_URL);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);

          // Join: a code with a "U" (never in a code) is refused, naming the character, in the language.
          const joinLabel = joinRoomKey ? at(catalog(lang, 'app'), joinRoomKey) : 'Join room';
          await page.getByRole('button', { name: joinLabel, exact: true }).first().click();
          const joinDialog = page.getByRole('dialog', { name: t('join.title') });
          await joinDialog.getByLabel(t('join.codeLabel')).fill('SITREP2-ABCDE-FGHJU-00000-00000');
          await joinDialog.getByRole('button', { name: t('join.submit'), exact: true }).click();
          const refusal = fill(at(room, 'joinCode.refusal.badCharacter'), { character: 'U' });
          await expect(joinDialog.getByRole('alert')).toHaveText(refusal);
          await shoot(page, joinDialog, `room-join-refused-${locale}`);
          await joinDialog.getByRole('button', { name: at(common, 'action.cancel') }).click();
          await expect(joinDialog).toBeHidden();

          await page.getByText(TITLE).first().click();
          await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

          // The connection dialog, opened from the header's connection button.
          await page.getByRole('button', { name: new RegExp(`^${t('status.buttonLabel', { text: '' })}`) }).click();
          const connection = page.getByRole('dialog', { name: t('dialog.title') });
          await expect(connection.getByText(t('dialog.state'), { exact: true })).toBeVisible();
          await expect(connection.getByRole('button', { name: t('dialog.reconnect') })).toBeVisible();
          await shoot(page, connection, `room-connection-${locale}`);
          await connection
            .getByRole('button', { name: at(common, 'action.close') })
            .last()
            .click();
          await expect(connection).toBeHidden();

          // Invite: the code, the secret, the addresses in the code.
          await page.getByRole('button', { name: t('status.invite'), exact: true }).click();
          const inviteDialog = page.getByRole('dialog', { name: t('invite.title') });
          await expect(inviteDialog.getByLabel(t('invite.joinCode'))).toHaveValue(/^SITREP2-/);
          await expect(inviteDialog.getByRole('list', { name: t('invite.addressesLabel') })).toHaveText('ws://127.0.0.1:45103');
          await expect(inviteDialog.getByRole('img', { name: t('invite.qrLabel') })).toBeVisible();
          await shoot(page, inviteDialog, `room-invite-${locale}`);

          await inviteDialog
            .getByRole('button', { name: at(common, 'action.close') })
            .last()
            .click();
          await expect(inviteDialog).toBeHidden();

          // Network settings, from the connection dialog: a relay address without a port is refused in the language.
          await page.getByRole('button', { name: new RegExp(`^${t('status.buttonLabel', { text: '' })}`) }).click();
          await connection.getByRole('button', { name: t('dialog.networkSettings') }).click();
          const settingsDialog = page.getByRole('dialog', { name: t('settings.title') });
          await expect(settingsDialog.getByLabel(t('settings.signalingLabel'))).toHaveValue('ws://127.0.0.1:45103');
          await settingsDialog.getByLabel(t('settings.relayLabel')).fill('turn:relay.example.org');
          await settingsDialog.getByRole('button', { name: at(common, 'action.save') }).click();
          await expect(settingsDialog.getByRole('alert')).toHaveText(
            fill(at(room, 'joinCode.relay.noPort'), { address: 'turn:relay.example.org' }),
          );
          await shoot(page, settingsDialog, `room-network-settings-${locale}`);
        } finally {
          await context.close();
        }
      });
    }
  } finally {
    await profile.dispose();
  }
});
