// Home, the library, the first-run dialog, Settings, the palette and the shortcut help in Japanese,
// Simplified Chinese, Russian and the pseudo-locale at a laptop's 1280x720 (and 1440x900): the
// window follows the system's language on first run, and no label in the top bar, Home's head,
// the library's tools, its rows or these dialogs is cut. Screenshots go to SITREP_SHOTS_DIR.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { BASE_URL } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');

interface Words {
  locale: string;
  lang: string;
  timezoneId: string;
  welcome: string;
  name: string;
  cont: string;
  home: string;
  declare: string;
  titleLabel: string;
  settings: string;
  palette: string;
  help: string;
  leave: string;
  titles: readonly string[];
}

const LANGUAGES: readonly Words[] = [
  {
    locale: 'ja-JP',
    lang: 'ja',
    timezoneId: 'Asia/Tokyo',
    welcome: 'Sitrep へようこそ',
    name: '名前',
    cont: '続行',
    home: 'インシデント',
    declare: 'インシデントを宣言',
    titleLabel: 'タイトル',
    settings: '設定',
    palette: 'コマンドパレット',
    help: 'キーボードショートカット',
    leave: '← インシデント',
    titles: ['決済 API が EU の顧客に 500 を返す', 'レプリケーションスロットの遅延で主 DB のディスクが逼迫', 'ログイン画面の表示崩れ'],
  },
  {
    locale: 'zh-CN',
    lang: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    welcome: '欢迎使用 Sitrep',
    name: '你的名字',
    cont: '继续',
    home: '事件',
    declare: '宣布事件',
    titleLabel: '标题',
    settings: '设置',
    palette: '命令面板',
    help: '键盘快捷键',
    leave: '← 事件',
    titles: ['支付接口对欧盟客户返回 500', '复制槽积压导致主库磁盘告警', '登录页样式错乱'],
  },
  {
    locale: 'ru-RU',
    lang: 'ru',
    timezoneId: 'Europe/Moscow',
    welcome: 'Добро пожаловать в Sitrep',
    name: 'Ваше имя',
    cont: 'Продолжить',
    home: 'Инциденты',
    declare: 'Объявить инцидент',
    titleLabel: 'Название',
    settings: 'Настройки',
    palette: 'Палитра команд',
    help: 'Сочетания клавиш',
    leave: '← Инциденты',
    titles: ['Оплата возвращает 500 клиентам из ЕС', 'Слот репликации переполнил диск основной базы', 'Съехала вёрстка страницы входа'],
  },
];

/** Elements whose text is wider than their box (cut or spilling), in the parts of the window this helper owns. */
async function cutLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '.topbar, .topbar *, .home-head, .home-head *, .library-tools, .library-tools *, .incident-item *, .archived-toggle *, [role="dialog"] *, .palette *',
      ),
    ]
      .filter((e) => e instanceof HTMLElement && e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
      // Fields scroll their own text; a select shows its chosen option; the visually hidden (cmdk's label too) are
      // meant to be 1px; a palette row holding a document's title ends in an ellipsis by design.
      .filter(
        (e) =>
          !(e as HTMLElement).matches(
            'input, textarea, select, .visually-hidden, [cmdk-label], .palette-list, .shortcut-help, .palette-data, .palette-data *',
          ),
      )
      .map((e) => `${e.tagName}.${(e as HTMLElement).className}: ${e.textContent?.slice(0, 80)}`),
  );
}

async function shots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width, height });
    expect(await cutLabels(page), `${name} at ${width}x${height}: nothing cut`).toEqual([]);
    const dir = process.env.SITREP_SHOTS_DIR;
    if (dir) await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function open(browser: Browser, words: Words): Promise<Page> {
  const context = await browser.newContext({ locale: words.locale, timezoneId: words.timezoneId, viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  await page.clock.setFixedTime(START);
  await page.goto(BASE_URL);
  return page;
}

for (const words of LANGUAGES) {
  test(`Home, the library and the app's dialogs in ${words.locale}: in that language, nothing cut`, async ({ browser }) => {
    const page = await open(browser, words);
    try {
      await expect(page.locator('html')).toHaveAttribute('lang', words.lang);
      const welcome = page.getByRole('dialog', { name: words.welcome });
      await expect(welcome).toBeVisible();
      await shots(page, `welcome-${words.locale}`);
      await welcome.getByLabel(words.name).fill(words.locale === 'ru-RU' ? 'Анна Сергеевна Кузнецова' : '鈴木 一郎');
      await welcome.getByRole('button', { name: words.cont }).click();
      await expect(page.getByRole('heading', { level: 1, name: words.home })).toBeVisible();
      await shots(page, `home-empty-${words.locale}`);

      for (const title of words.titles) {
        await page.getByRole('button', { name: words.declare }).first().click();
        const dialog = page.getByRole('dialog', { name: words.declare });
        await dialog.getByLabel(words.titleLabel).fill(title);
        if (title === words.titles[0]) await shots(page, `declare-${words.locale}`);
        await dialog.getByRole('button', { name: words.declare }).click();
        await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
        await page.getByRole('button', { name: words.leave }).click();
        await expect(page.getByRole('heading', { level: 1, name: words.home })).toBeVisible();
      }
      await shots(page, `library-${words.locale}`);
      // A word from inside a title, with the filters showing the match count and the reasons.
      await page.locator('#library-query').fill(words.titles[1]!.slice(0, 4));
      await expect(page.locator('.library-count')).toBeVisible();
      await shots(page, `library-search-${words.locale}`);
      await page.locator('#library-query').fill('');

      await page.getByRole('button', { name: words.settings, exact: true }).click();
      const settings = page.getByRole('dialog', { name: words.settings });
      await expect(settings).toBeVisible();
      await shots(page, `settings-${words.locale}`);
      await page.keyboard.press('Escape');
      await expect(settings).toBeHidden();

      const palette = page.getByRole('dialog', { name: words.palette });
      await page.getByRole('button', { name: /Ctrl\+K/ }).click();
      await expect(palette).toBeVisible();
      await shots(page, `palette-${words.locale}`);
      await page.keyboard.press('Escape');

      await page.keyboard.press('F1');
      const help = page.getByRole('dialog', { name: words.help });
      await expect(help).toBeVisible();
      await shots(page, `shortcut-help-${words.locale}`);
    } finally {
      await page.context().close();
    }
  });
}

test('the pseudo-locale (longer, accented text) cuts nothing on Home, in Settings or in the palette at 1280x720', async ({ browser }) => {
  const page = await open(browser, { ...LANGUAGES[0]!, locale: 'en-US', timezoneId: 'UTC' });
  try {
    const welcome = page.getByRole('dialog', { name: 'Welcome to Sitrep' });
    await welcome.getByLabel('Your name').fill('Avery Okafor');
    await welcome.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Language').selectOption('en-XA');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    await shots(page, 'home-empty-en-XA');
    await page.locator('.topbar button').nth(1).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shots(page, 'settings-en-XA');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Ctrl\+K/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shots(page, 'palette-en-XA');
  } finally {
    await page.context().close();
  }
});
