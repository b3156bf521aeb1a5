// The UI's language and the room's time zone, as a responder sets them: a first run on a Japanese
// system speaks Japanese; Settings switches the open window to Russian at once and keeps it across
// a reload; the palette finds Settings by its English name in any language; and "UTC" makes the
// room's times read in UTC rather than this computer's zone. The page's clock stands still at a
// known instant (Playwright's clock), so the times the room shows are known exactly.
import { expect, type Page, test } from '@playwright/test';
import { BASE_URL } from './support/app';

/** 09:00 UTC is 18:00 in Tokyo (no daylight saving there). */
const DECLARED_AT = new Date('2026-03-02T09:00:00Z');
const TITLE = 'Оплата возвращает 500 для клиентов в ЕС';
const TASK = 'Проверить отставание реплики';

async function entryTimes(page: Page): Promise<string[]> {
  return page.locator('time.entry-time').allTextContents();
}

test('first run follows a Japanese system; Settings switches to Russian at once, keeps it, and shows the room in UTC', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw new Error(`Uncaught error in the page: ${error.message}`);
    });
    await page.clock.setFixedTime(DECLARED_AT);
    await page.goto(BASE_URL);

    // First run, in the system's language.
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    const welcome = page.getByRole('dialog', { name: 'Sitrep へようこそ' });
    await welcome.getByLabel('名前').fill('鈴木 一郎');
    await welcome.getByRole('button', { name: '続行' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'インシデント' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'インシデントを宣言' }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'ルームに参加' })).toBeVisible();

    // Settings: the system's language is offered by name, and the zone with its offset.
    await page.getByRole('button', { name: '設定', exact: true }).click();
    let settings = page.getByRole('dialog', { name: '設定' });
    const language = settings.getByLabel('言語');
    await expect(language).toHaveValue('system');
    await expect(language.locator('option')).toHaveText([
      'システムと同じ（日本語）',
      'English',
      '日本語',
      '简体中文',
      'Русский',
      '疑似ロケール（レイアウト確認用）',
    ]);
    await expect(settings.getByLabel('時刻').locator('option').first()).toContainText('UTC+09:00');
    await language.selectOption({ label: 'Русский' });
    await settings.getByRole('button', { name: '保存' }).click();
    await expect(settings).toBeHidden();

    // The open window switched at once, <html lang> with it.
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Инциденты' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Настройки', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'インシデントを宣言' })).toHaveCount(0);

    // ... and stays Russian after a reload, whatever the system speaks.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Инциденты' })).toBeVisible();

    // An incident declared now: the room shows its times in this computer's zone (Tokyo).
    await page.getByRole('button', { name: 'Объявить инцидент' }).first().click();
    const declare = page.getByRole('dialog', { name: 'Объявить инцидент' });
    await declare.getByLabel('Название').fill(TITLE);
    await declare.getByRole('button', { name: 'Объявить инцидент' }).click();
    await expect(declare).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.locator('time.entry-time').first()).toHaveText('18:00');

    // A task due at 19:30 here (10:30 UTC): the row says so in this computer's zone.
    await page.getByRole('button', { name: 'Новая задача' }).click();
    const newTask = page.getByRole('dialog', { name: 'Новая задача' });
    await newTask.getByLabel('Задача', { exact: true }).fill(TASK);
    await newTask.getByLabel('Исполнитель').selectOption({ index: 1 });
    await newTask.getByLabel('Срок (необязательно)').fill('2026-03-02T19:30');
    await newTask.getByRole('button', { name: 'Создать задачу' }).click();
    await expect(newTask).toBeHidden();
    const taskRow = page.getByRole('listitem', { name: TASK });
    await expect(taskRow).toContainText('срок 19:30');
    expect(new Set(await entryTimes(page))).toEqual(new Set(['18:00']));

    // The palette finds Settings by its English name in a Russian window.
    const palette = page.getByRole('dialog', { name: 'Палитра команд' });
    await expect(async () => {
      if (!(await palette.isVisible())) await page.keyboard.press('Control+k');
      await expect(palette).toBeVisible({ timeout: 1000 });
    }).toPass();
    await palette.getByRole('combobox', { name: 'Поиск действий' }).fill('settings');
    await expect(palette.getByRole('option').first()).toHaveText(/^Настройки…/);
    await page.keyboard.press('Enter');
    settings = page.getByRole('dialog', { name: 'Настройки' });
    await expect(settings).toBeVisible();
    await settings.getByLabel('Время').selectOption('utc');
    await settings.getByRole('button', { name: 'Сохранить' }).click();
    await expect(settings).toBeHidden();

    // At once, without a reload: the timeline's rows, the task's due time and the header's clock read in UTC.
    await expect(taskRow).toContainText('срок 10:30');
    await expect(page.locator('time.entry-time').first()).toHaveText('09:00');
    expect(new Set(await entryTimes(page))).toEqual(new Set(['09:00']));
    await expect(page.locator('time.header-zone')).toContainText('09:00');

    // The language too, at once: the rows already on screen re-render in English.
    await page.getByRole('button', { name: 'Настройки', exact: true }).click();
    settings = page.getByRole('dialog', { name: 'Настройки' });
    await settings.getByLabel('Язык').selectOption({ label: 'English' });
    await settings.getByRole('button', { name: 'Сохранить' }).click();
    await expect(settings).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(taskRow).toContainText('due 10:30');
    await expect(page.locator('.timeline-scroll article .kind').first()).toHaveText('Record');
    await expect(page.getByRole('heading', { level: 2, name: 'Timeline' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Новая задача' })).toHaveCount(0);
    expect(new Set(await entryTimes(page))).toEqual(new Set(['09:00']));

    // Back to Russian for the rest.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Language').selectOption({ label: 'Русский' });
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();
    await expect(taskRow).toContainText('срок 10:30');

    // The setting is stored: opened again, every time in the room reads in UTC.
    await page.reload();
    await page.getByText(TITLE).first().click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.locator('time.entry-time').first()).toHaveText('09:00');
    expect(new Set(await entryTimes(page))).toEqual(new Set(['09:00']));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await page.getByRole('button', { name: 'Настройки', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Настройки' }).getByLabel('Время')).toHaveValue('utc');
  } finally {
    await context.close();
  }
});

test('the palette switches the language directly, naming each language in itself', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(BASE_URL);
    const welcome = page.getByRole('dialog', { name: 'Welcome to Sitrep' });
    await welcome.getByLabel('Your name').fill('Avery Okafor');
    await welcome.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();

    // The keys are listened for once Home has mounted: press again until the palette opens (bounded by expect's timeout).
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(async () => {
      if (!(await palette.isVisible())) await page.keyboard.press('Control+k');
      await expect(palette).toBeVisible({ timeout: 1000 });
    }).toPass();
    await palette.getByRole('combobox', { name: 'Search actions' }).fill('中文');
    await expect(palette.getByRole('option').first()).toHaveText(/^Switch language to 简体中文/);
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1, name: '事件' })).toBeVisible();

    // The choice was stored: a reload keeps it, though the system speaks English.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '设置', exact: true })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('a language that storage refuses to save is not applied, and says so', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    // Dexie binds IDBDatabase.transaction when the database opens: the switch that makes writes
    // fail is installed before the app starts, and turned on later.
    await page.addInitScript(() => {
      const open = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        if ((globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull && args[1] === 'readwrite') {
          throw new DOMException('The disk is full (simulated).', 'QuotaExceededError');
        }
        return open.apply(this, args);
      };
    });
    await page.goto(BASE_URL);
    const welcome = page.getByRole('dialog', { name: 'Welcome to Sitrep' });
    await welcome.getByLabel('Your name').fill('Avery Okafor');
    await welcome.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();

    await page.evaluate(() => {
      (globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull = true;
    });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Language').selectOption({ label: 'Русский' });
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('status').getByText('The settings could not be saved; the previous ones stay:', { exact: false }),
    ).toBeVisible();
    await expect(settings.getByRole('alert')).toContainText('The disk is full (simulated).');
    // Nothing switched: the window still speaks English, and the dialog keeps the choice to retry.
    await expect(settings).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(settings.getByRole('button', { name: 'Save' })).toBeVisible();

    // Once storage works again, the same Save applies it.
    await page.evaluate(() => {
      (globalThis as { sitrepDiskFull?: boolean }).sitrepDiskFull = false;
    });
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  } finally {
    await context.close();
  }
});
