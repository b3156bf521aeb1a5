// Status updates and exports in their readers' language, whatever the window speaks: on a
// Japanese system (Tokyo), the commander posts a customer update in Russian, then exports the
// timeline as CSV in Japanese and opens it as a spreadsheet would (UTF-8 byte order mark, RFC 4180,
// every row with the same columns). The page's clock stands still at a known instant (Playwright's
// clock), so every time in the texts is known exactly.
import { readFile } from 'node:fs/promises';
import { expect, type Browser, type Page, test } from '@playwright/test';
import { parseExportedCsv } from '../support/strictCsv';
import { BASE_URL, screenshotsAtLaptopSizes } from './support/app';

/** 09:00 UTC is 18:00 in Tokyo (no daylight saving there) and 12:00 in Moscow. */
const DECLARED_AT = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;
const TITLE = '決済 API が 500 を返す';

async function openRoom(browser: Browser, locale: string, timezoneId: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale, timezoneId, viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  await page.clock.setFixedTime(DECLARED_AT);
  await page.goto(BASE_URL);
  return { page, close: () => context.close() };
}

test('on a Japanese system: a customer update posted in Russian, and the CSV exported in Japanese opens as a spreadsheet would', async ({
  browser,
}) => {
  const { page, close } = await openRoom(browser, 'ja-JP', 'Asia/Tokyo');
  try {
    const welcome = page.getByRole('dialog', { name: 'Sitrep へようこそ' });
    await welcome.getByLabel('名前').fill('鈴木 一郎');
    await welcome.getByRole('button', { name: '続行' }).click();
    await page.getByRole('button', { name: 'インシデントを宣言' }).first().click();
    const declare = page.getByRole('dialog', { name: 'インシデントを宣言' });
    await declare.getByLabel('タイトル').fill(TITLE);
    await declare.getByLabel('重大度').selectOption('SEV2');
    await declare.getByRole('button', { name: 'インシデントを宣言' }).click();
    await expect(declare).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    // Five minutes on, the commander writes to customers: a SEV2 promises the next update in an hour.
    await page.clock.setFixedTime(DECLARED_AT.getTime() + 5 * MINUTE);
    await page.getByRole('button', { name: /状況報告を作成/ }).click();
    const composer = page.getByRole('dialog', { name: '状況報告' });
    const text = composer.getByLabel('報告本文');
    // The draft starts in the window's language, in the window's zone.
    await expect(composer.getByLabel('報告の言語')).toHaveValue('ja');
    await expect(text).toHaveValue(/\[SEV2\] インシデント宣言：決済 API が 500 を返す（18:05 UTC\+09:00）/);
    await composer.getByLabel('対象').selectOption('customer');
    await composer.getByLabel('報告の言語').selectOption('ru');
    await expect(text).toHaveValue(
      [
        'Мы расследуем проблему, затрагивающую некоторые наши сервисы.',
        'Проблема началась в 18:00 UTC+09:00. Приносим извинения за неудобства.',
        'Следующее сообщение опубликуем до 19:05 UTC+09:00.',
      ].join('\n'),
    );
    // The composer's own words stay Japanese.
    await expect(composer.getByRole('button', { name: '報告を投稿' })).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'composer-ja-JP');
    await composer.getByRole('button', { name: '報告を投稿' }).click();
    await expect(composer).toBeHidden();

    // The posted update says which language it is in; the clock restarted from the post.
    await page.getByRole('button', { name: /状況報告を作成/ }).click();
    await composer.getByRole('tab', { name: '投稿済みの報告（1）' }).click();
    const posted = composer.getByRole('list', { name: '投稿済みの報告' }).getByRole('listitem');
    await expect(posted).toHaveCount(1);
    await expect(posted).toContainText('Русский');
    await expect(posted).toContainText('Мы расследуем проблему');
    await composer.getByRole('button', { name: '閉じる' }).click();
    await expect(composer).toBeHidden();

    // Export the timeline as CSV, in Japanese (the window's language by default), in Tokyo time.
    await page.getByRole('button', { name: 'エクスポート', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'インシデントのエクスポート' });
    await dialog.getByRole('radio', { name: /CSV/ }).check();
    await expect(dialog.getByLabel('言語')).toHaveValue('ja');
    await dialog.getByRole('radio', { name: 'ローカル（Asia/Tokyo）' }).check();
    await screenshotsAtLaptopSizes(page, 'export-ja-JP');
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'ダウンロード' }).click();
    const download = await downloading;
    await expect(dialog).toBeHidden();
    expect(download.suggestedFilename()).toBe('2026-03-02-決済-api-が-500-を返す-timeline.csv');
    const bytes = await readFile(await download.path());

    // As a spreadsheet opens it: the byte order mark says UTF-8, then strict RFC 4180.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseExportedCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual(['UTC時刻', '現地時刻', '記入者', '種別', '内容', '発言者', '訂正']);
    for (const row of rows) expect(row).toHaveLength(7);
    const update = rows.find((row) => row[4]?.includes('Мы расследуем проблему'));
    expect(update?.slice(0, 4)).toEqual(['2026-03-02T09:05:00.000Z', '2026-03-02T18:05:00+09:00', '鈴木 一郎', 'イベント']);
    // The Russian update keeps its lines inside one quoted field.
    expect(update?.[4]).toContain('Следующее сообщение опубликуем до 19:05 UTC+09:00.');
    expect(rows.some((row) => row[1] === '2026-03-02T18:00:00+09:00' && row[3] === 'イベント')).toBe(true);
  } finally {
    await close();
  }
});

test('on a Russian system: the composer and the Export dialog speak Russian and fit a laptop screen', async ({ browser }) => {
  const { page, close } = await openRoom(browser, 'ru-RU', 'Europe/Moscow');
  try {
    const welcome = page.getByRole('dialog', { name: 'Добро пожаловать в Sitrep' });
    await welcome.getByLabel('Ваше имя').fill('Анна Смирнова');
    await welcome.getByRole('button', { name: 'Продолжить' }).click();
    await page.getByRole('button', { name: 'Объявить инцидент' }).first().click();
    const declare = page.getByRole('dialog', { name: 'Объявить инцидент' });
    await declare.getByLabel('Название').fill('Оплата возвращает 500');
    await declare.getByRole('button', { name: 'Объявить инцидент' }).click();
    await expect(declare).toBeHidden();

    await page.getByRole('button', { name: /Составить сводку о статусе/ }).click();
    const composer = page.getByRole('dialog', { name: 'Сводка о статусе' });
    await expect(composer.getByLabel('Язык сводки')).toHaveValue('ru');
    await expect(composer.getByLabel('Текст сводки')).toHaveValue(
      /^\[SEV2\] Объявлен инцидент: Оплата возвращает 500 \(12:00 UTC\+03:00\)/,
    );
    await composer.getByLabel('Аудитория').selectOption('executive');
    await expect(composer.getByLabel('Текст сводки')).toHaveValue(/^Произошёл серьёзный инцидент: Оплата возвращает 500\./);
    // Nothing in the dialog is wider than the window.
    const box = await composer.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
    await screenshotsAtLaptopSizes(page, 'composer-ru-RU');
    await composer.getByRole('button', { name: 'Отмена' }).click();

    await page.getByRole('button', { name: 'Экспорт', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Экспорт инцидента' });
    await expect(dialog.getByLabel('Язык')).toHaveValue('ru');
    await dialog.getByRole('radio', { name: /JSON/ }).first().check();
    await expect(dialog.getByText('JSON — это данные, у них нет языка.')).toBeVisible();
    await dialog.getByRole('radio', { name: /Markdown/ }).check();
    await screenshotsAtLaptopSizes(page, 'export-ru-RU');
  } finally {
    await close();
  }
});
