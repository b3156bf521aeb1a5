// The whole app in the pseudo-locale (en-XA: every catalog message accented, about 40% longer and
// bracketed ⟦…⟧), set the way a user sets a language: in Settings. At a laptop's 1280x720 it walks
// Home, the war room holding a mid-size incident, and the main dialogs, and fails on
//  - any visible text or accessible name (aria-label, title, placeholder, alt) with Latin letters
//    that came neither from a catalog nor from what the test typed, nor is a never-translated token
//    (SEV1, UTC, CSV…, English month names from Intl, which has no en-XA data): a string that
//    bypassed the catalogs, or an English word glued into a translated sentence;
//  - a header that wraps to a second row, and any button, tab, label or header item whose text is
//    cut (scrollWidth > clientWidth + 1) unless it is meant to end in an ellipsis and carries a title.
// Everything the test types is in Cyrillic or CJK, so a leftover English literal cannot pass for
// user data. Screenshots go to SITREP_SHOTS_DIR.
import { expect, type Page, test } from '@playwright/test';
import { BASE_URL } from './support/app';
import { declareIn, escapeRegExp, firstRunIn, messagePattern, type Words, words, writeNoteIn } from './support/languages';

const START = new Date('2026-03-02T09:00:00Z');
const en = words('en');
const xa = words('en-XA');

const IC = 'Анна Кузнецова';
const PEOPLE = ['Блейк Ортис', '林 凯西', 'Дана Уитфилд', '佐藤 英理'] as const;
const TITLE = 'Оплата возвращает 500 клиентам из ЕС';
const IMPACT = '约 30% 的欧盟结账失败，美国和亚太正常';
const SERVICE = 'платёжный-шлюз';
const HYPOTHESES = ['Пул соединений исчерпан после выкатки', 'レプリカの遅延で読み取りがタイムアウト'] as const;
const TASKS = [
  ['Сравнить метрики пула до и после выкатки', PEOPLE[0]],
  ['决定是否回滚支付服务', PEOPLE[1]],
  ['Опубликовать сводку для клиентов', PEOPLE[2]],
  ['データベース担当を呼び出す', PEOPLE[3]],
] as const;
const CHANGE = ['Пул БД увеличен с 50 до 120', SERVICE] as const;
const NOTES = [
  'Ошибки на оплате 38 % в ЕС, в США норма',
  '主库的复制槽已满',
  'レプリケーションスロットが枯渇した',
  'Заморозить все выкатки до смягчения',
  'Дежурный по базе на связи',
  '欧盟的错误率正在下降',
] as const;
const TYPED: readonly string[] = [IC, ...PEOPLE, TITLE, IMPACT, SERVICE, ...HYPOTHESES, ...TASKS.flat(), ...CHANGE, ...NOTES];

/** Words no catalog translates: severities, formats, units and keys, and English dates from Intl (no en-XA data). */
function neverTranslated(): RegExp[] {
  const months = [...Array(12).keys()].flatMap((m) =>
    (['short', 'long'] as const).map((month) => new Date(Date.UTC(2026, m, 15)).toLocaleString('en', { month, timeZone: 'UTC' })),
  );
  const days = [...Array(7).keys()].flatMap((d) =>
    (['short', 'long'] as const).map((weekday) => new Date(Date.UTC(2026, 2, 2 + d)).toLocaleString('en', { weekday, timeZone: 'UTC' })),
  );
  // Intl's words, which fall back to English for en-XA: dates, and the "or" of a list of keys.
  const tokens = [
    'or',
    'SEV[1-4]',
    'UTC',
    'GMT',
    'CSV',
    'JSON',
    'HTML',
    'PDF',
    'ZIP',
    'Markdown',
    'SHA-256',
    'Sitrep',
    'SITREP2',
    'Ctrl',
    'Shift',
    'Alt',
    'Cmd',
    'Esc',
    'Enter',
    'Tab',
    'F1',
    'AM',
    'PM',
    'ws',
    'wss',
    'en-XA',
    'English',
    ...months,
    ...days,
  ];
  return [
    // Key combinations: Ctrl+K, Ctrl+Shift+Z.
    /\b(Ctrl|Cmd|Alt|Shift|Meta)(\+[A-Za-z0-9]+)+/g,
    new RegExp(`(?<![\\p{L}])(${tokens.join('|')})(?![\\p{L}])`, 'gu'),
    // A key on its own (N, F, ?), file names and addresses, which are never translated.
    /(?<![\p{L}])[A-Z](?![\p{L}])/gu,
    /[\p{L}\p{N}._-]+\.(md|csv|html|json|zip|pdf)\b/gu,
    /\b[a-z][a-z0-9+.-]*:\/\/\S*/g,
    // Zone names: Europe/Moscow, America/New_York.
    /\b[A-Z][a-z]+\/[A-Z][A-Za-z_]+\b/g,
  ];
}

interface Finding {
  untranslated: string[];
  cut: string[];
  overlaps: string[];
}

/** What the page shows right now that did not come through a catalog, and what is cut. */
async function inspect(page: Page): Promise<Finding> {
  return page.evaluate(
    ({ typed, allowed }) => {
      const allow = allowed.map(([source, flags]) => new RegExp(source, flags));
      const byLength = [...typed].sort((a, b) => b.length - a.length);
      const visible = (element: Element | null): boolean => {
        if (!element || element.closest('script, style, template, [hidden]')) return false;
        if (element instanceof HTMLOptionElement) return visible(element.closest('select'));
        const style = getComputedStyle(element);
        return style.visibility !== 'hidden' && element.getClientRects().length > 0;
      };
      const where = (element: Element): string => {
        const id = element.id ? `#${element.id}` : '';
        const cls = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
        const dialog = element.closest('[role="dialog"]')?.getAttribute('aria-labelledby');
        const dialogName = dialog ? document.getElementById(dialog)?.textContent?.slice(0, 30) : null;
        return `${element.tagName.toLowerCase()}${id}${cls}${dialogName ? ` in dialog “${dialogName}”` : ''}`;
      };
      const untranslated = new Set<string>();
      const check = (text: string, element: Element, what: string) => {
        let rest = text;
        for (const value of byLength) rest = rest.split(value).join(' ');
        for (const pattern of allow) rest = rest.replace(pattern, ' ');
        const pseudo = /[⟦⟧]/.test(text);
        // Outside a catalog message, any Latin letter is suspect; inside one, a plain ASCII letter (the
        // pseudo-locale accents every letter it writes) is an English word glued into the sentence.
        if (pseudo ? /[A-Za-z]/.test(rest) : /\p{Script=Latin}/u.test(rest)) {
          untranslated.add(`${what} “${text.trim().slice(0, 90)}” (${where(element)})`);
        }
      };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        // A field's text is the user's (or a draft in the update's own language); code is a command to type.
        if (!node.textContent?.trim() || !visible(parent) || parent?.closest('textarea, code')) continue;
        check(node.textContent, parent!, 'text');
      }
      for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-roledescription]')) {
        if (!visible(element)) continue;
        for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']) {
          const value = element.getAttribute(attribute);
          if (value?.trim()) check(value, element, attribute);
        }
      }

      const cut: string[] = [];
      const header = document.querySelector('.incident-header');
      if (header) {
        const middles = [...header.children]
          .filter((child) => child.getBoundingClientRect().width > 0 && getComputedStyle(child).position !== 'absolute')
          .map((child) => {
            const box = child.getBoundingClientRect();
            return box.top + box.height / 2;
          });
        if (middles.length > 0 && Math.max(...middles) - Math.min(...middles) > 4) cut.push('the incident header wraps to a second row');
      }
      /** The box that clips an element: its nearest ancestor that does not let content overflow, else the window. */
      const clipOf = (element: Element): { left: number; right: number } => {
        for (let above = element.parentElement; above; above = above.parentElement) {
          if (getComputedStyle(above).overflowX !== 'visible') {
            const box = above.getBoundingClientRect();
            return { left: box.left + above.clientLeft, right: box.left + above.clientLeft + above.clientWidth };
          }
        }
        return { left: 0, right: window.innerWidth };
      };
      const candidates = document.querySelectorAll(
        'button, [role="tab"], label, legend, th, h2, h3, summary, dt, .incident-header, .incident-header *, .topbar *, .panel-head *, .metric *',
      );
      for (const element of candidates) {
        if (!(element instanceof HTMLElement) || !visible(element)) continue;
        if (element.matches('input, select, textarea, .visually-hidden, .visually-hidden *, [cmdk-label], h1')) continue;
        if (!/\p{L}/u.test(element.textContent ?? '')) continue;
        const style = getComputedStyle(element);
        // Meant to end in an ellipsis: the whole text is in a title (its own or the control's).
        const ellipsis = style.textOverflow === 'ellipsis' && element.closest('[title]') !== null;
        const label = `${where(element)} “${element.textContent?.trim().slice(0, 60)}”`;
        if (element.scrollWidth > element.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll' && !ellipsis) {
          cut.push(`${label}: text ${element.scrollWidth} px in ${element.clientWidth} px`);
          continue;
        }
        // Pushed out of the panel, dialog or window that holds it (clipped, or reachable only by scrolling sideways).
        const box = element.getBoundingClientRect();
        const clip = clipOf(element);
        if (box.width > 0 && (box.right > clip.right + 1 || box.left < clip.left - 1)) {
          cut.push(`${label}: ${Math.round(Math.max(box.right - clip.right, clip.left - box.left))} px outside its box`);
        }
      }

      // A panel's head: its controls (and any laid over it, like the records panel's toolbar) must not
      // cover one another, and those in the head must stay inside it (a head squeezed by its column
      // lets a wrapped button spill over the panel's body). Only with no dialog over the room, where
      // a point on screen belongs to the room's own controls.
      const overlaps: string[] = [];
      if (!document.querySelector('[role="dialog"], [role="alertdialog"]')) {
        const controls = 'button, [role="tab"], select, a[href], input';
        const outOfFlow = (element: Element, panel: Element): boolean => {
          for (let at: Element | null = element; at && at !== panel; at = at.parentElement) {
            if (['absolute', 'fixed'].includes(getComputedStyle(at).position)) return true;
          }
          return false;
        };
        const intersect = (a: DOMRect, b: DOMRect) =>
          Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        const name = (element: Element) =>
          `${where(element)} “${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 40)}”`;
        for (const panel of document.querySelectorAll('.panel')) {
          const head = panel.querySelector(':scope > .panel-head');
          if (!head || !visible(panel) || !visible(head)) continue;
          const headBox = head.getBoundingClientRect();
          const panelName = (head.querySelector('h2')?.textContent ?? panel.getAttribute('aria-label') ?? where(panel)).trim().slice(0, 30);
          const inHead = [...panel.querySelectorAll(controls)].filter((element) => {
            if (!visible(element) || element.closest('.visually-hidden')) return false;
            const box = element.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) return false;
            return head.contains(element) || (outOfFlow(element, panel) && intersect(box, headBox));
          });
          for (const element of inHead) {
            const box = element.getBoundingClientRect();
            if (head.contains(element) && (box.bottom > headBox.bottom + 1 || box.top < headBox.top - 1)) {
              overlaps.push(
                `${panelName}: ${name(element)} spills out of its panel's head by ${Math.round(box.bottom - headBox.bottom)} px`,
              );
            }
            // Whatever is drawn over the control's middle is the control, or the panel laid something on it.
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            if (hit && !element.contains(hit)) overlaps.push(`${panelName}: ${name(element)} is covered by ${where(hit)}`);
          }
          for (let i = 0; i < inHead.length; i++) {
            for (let j = i + 1; j < inHead.length; j++) {
              const [a, b] = [inHead[i]!, inHead[j]!];
              if (a.contains(b) || b.contains(a)) continue;
              if (intersect(a.getBoundingClientRect(), b.getBoundingClientRect()))
                overlaps.push(`${panelName}: ${name(a)} overlaps ${name(b)}`);
            }
          }
        }
      }
      return { untranslated: [...untranslated], cut, overlaps };
    },
    { typed: TYPED, allowed: neverTranslated().map((pattern) => [pattern.source, pattern.flags] as [string, string]) },
  );
}

const reported = new Set<string>();

/**
 * Checks what is on screen now, softly, so one run lists every offender (each once, on the first
 * screen that shows it); and a screenshot to look at. In English (`layoutOnly`) every word is
 * Latin, so only the layout is checked.
 */
async function expectClean(page: Page, screen: string, { layoutOnly = false } = {}): Promise<void> {
  await page.mouse.move(0, 0);
  const found = await inspect(page);
  const fresh = (list: string[]) => list.filter((item) => !reported.has(item));
  const untranslated = layoutOnly ? [] : fresh(found.untranslated);
  const cut = fresh(found.cut);
  const overlaps = fresh(found.overlaps);
  for (const item of [...untranslated, ...cut, ...overlaps]) reported.add(item);
  const size = page.viewportSize();
  expect.soft(untranslated, `${screen}: text that did not come through the catalogs`).toEqual([]);
  expect.soft(cut, `${screen}: cut at ${size?.width}x${size?.height}`).toEqual([]);
  expect.soft(overlaps, `${screen}: controls in a panel's head that overlap`).toEqual([]);
  const dir = process.env.SITREP_SHOTS_DIR;
  if (dir) await page.screenshot({ path: `${dir}/pseudo-${screen}.png` });
}

async function inDialog(
  page: Page,
  open: string,
  title: string,
  submit: string,
  fill: { fields?: Array<[string, string]>; selects?: Array<[string, string]> } = {},
): Promise<void> {
  await page.getByRole('button', { name: open, exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: title });
  for (const [label, value] of fill.fields ?? []) await dialog.getByLabel(label, { exact: true }).fill(value);
  for (const [label, option] of fill.selects ?? []) await dialog.getByLabel(label, { exact: true }).selectOption({ label: option });
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** A mid-size incident, built through the pseudo-localised UI. */
async function seed(page: Page, t: Words): Promise<void> {
  await inDialog(page, t('warroom:facts.edit'), t('warroom:details.title'), t('warroom:details.submit'), {
    fields: [[t('warroom:facts.impact'), IMPACT]],
  });
  for (const name of PEOPLE) {
    await inDialog(page, t('work:people.add'), t('work:people.addDialog.title'), t('work:people.addDialog.submit'), {
      fields: [[t('work:people.addDialog.name'), name]],
    });
  }
  for (const [role, name] of [
    ['technical-lead', PEOPLE[0]],
    ['scribe', PEOPLE[1]],
    ['communications-lead', PEOPLE[2]],
  ] as const) {
    await inDialog(page, t('work:people.assignRole'), t('work:people.roleDialog.title'), t('work:people.roleDialog.submit'), {
      selects: [
        [t('work:people.roleDialog.role'), t(`common:role.${role}`)],
        [t('work:people.roleDialog.person'), name],
      ],
    });
  }
  for (const statement of HYPOTHESES) {
    await inDialog(page, t('work:hypotheses.new'), t('work:hypotheses.newDialog.title'), t('work:hypotheses.newDialog.submit'), {
      fields: [[t('work:hypotheses.newDialog.statement'), statement]],
    });
  }
  for (const [title, assignee] of TASKS) {
    await inDialog(page, t('work:tasks.new'), t('work:tasks.dialog.title'), t('work:tasks.dialog.submit'), {
      fields: [[t('work:tasks.dialog.task'), title]],
      selects: [[t('work:tasks.dialog.assignee'), assignee]],
    });
  }
  await inDialog(page, t('work:changes.log'), t('work:changes.dialog.title'), t('work:changes.dialog.submit'), {
    fields: [
      [t('work:changes.dialog.what'), CHANGE[0]],
      [t('work:changes.dialog.system'), CHANGE[1]],
    ],
  });
  await inDialog(page, t('work:milestones.mark'), t('work:milestones.markDialog.title'), t('work:milestones.markDialog.submit'), {
    selects: [[t('work:milestones.markDialog.kind'), t('common:milestone.detected')]],
  });
  for (const note of NOTES) await writeNoteIn(page, t, note);
}

/** Opens a dialog with the button of that name, checks it, and closes it with Escape. */
async function checkDialog(page: Page, open: string | RegExp, screen: string): Promise<void> {
  await page
    .getByRole('button', typeof open === 'string' ? { name: open, exact: true } : { name: open })
    .first()
    .click();
  const dialog = page.getByRole('dialog').last();
  await expect(dialog).toBeVisible();
  await expectClean(page, screen);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

/** Settings → Language, as a user would. */
async function chooseLanguage(page: Page, from: Words, language: string): Promise<void> {
  await page.getByRole('button', { name: from('app:shell.settingsButton'), exact: true }).click();
  const settings = page.getByRole('dialog', { name: from('app:settings.title') });
  await settings.getByLabel(from('app:settings.language'), { exact: true }).selectOption(language);
  await settings.getByRole('button', { name: from('common:action.save') }).click();
  await expect(settings).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

for (const [language, t] of [
  ['en', en],
  ['en-XA', xa],
] as const) {
  test(`panel heads hold in ${language} at 1280x720 and 1440x900: no control of a head covers another or spills over the panel`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw new Error(`Uncaught error in the page: ${error.message}`);
    });
    try {
      await page.clock.setFixedTime(START);
      await page.goto(BASE_URL);
      await firstRunIn(page, en, IC);
      if (language !== 'en') await chooseLanguage(page, en, language);
      await declareIn(page, t, { title: TITLE, severity: 'SEV1' });
      await page.clock.setFixedTime(START.getTime() + 5 * 60_000);
      await seed(page, t);
      await page.clock.setFixedTime(START.getTime() + 20 * 60_000);
      await expect(page.getByTestId('entry-text').filter({ hasText: NOTES[5] })).toHaveCount(1);
      const layoutOnly = language === 'en';
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 1440, height: 900 },
      ]) {
        await page.setViewportSize(viewport);
        const size = `${viewport.width}x${viewport.height}`;
        // Each tab of the records panel lays its own toolbar over the head.
        for (const tab of ['followups', 'changes']) {
          await page.locator(`#tab-${tab}`).click();
          await expect(page.locator(`#tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
          await expectClean(page, `heads-${language}-${size}-${tab}`, { layoutOnly });
        }
      }
      // Focused, a panel fills the room: the records panel's toolbar stays clear of its tabs there too,
      // and neither it nor the milestones keep the 45% cap they have in the column.
      for (const [panel, name] of [
        ['records', t('warroom:records.region')],
        ['milestones', t('work:milestones.title')],
      ] as const) {
        await page.getByRole('button', { name: t('warroom:focus.enter', { name }), exact: true }).click();
        await expect(page.getByRole('button', { name: t('warroom:focus.leave', { name }), exact: true })).toBeVisible();
        await expectClean(page, `heads-${language}-focused-${panel}`, { layoutOnly });
        const [box, room] = await Promise.all([page.locator(`.panel-${panel}`).boundingBox(), page.locator('#view-room').boundingBox()]);
        expect(box!.height, `${panel} focused`).toBeGreaterThan(room!.height - 20);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('button', { name: t('warroom:focus.enter', { name }), exact: true })).toBeVisible();
      }
    } finally {
      await context.close();
    }
  });
}

test('the pseudo-locale at 1280x720: Home, a mid-size war room and the main dialogs come only from the catalogs, nothing cut', async ({
  browser,
}) => {
  test.setTimeout(480_000);
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`Uncaught error in the page: ${error.message}`);
  });
  try {
    await page.clock.setFixedTime(START);
    await page.goto(BASE_URL);
    await firstRunIn(page, en, IC);

    // As a user would: Settings → Language → the pseudo-locale.
    await page.getByRole('button', { name: en('app:shell.settingsButton'), exact: true }).click();
    const settings = page.getByRole('dialog', { name: en('app:settings.title') });
    await settings.getByLabel(en('app:settings.language'), { exact: true }).selectOption('en-XA');
    await settings.getByRole('button', { name: en('common:action.save') }).click();
    await expect(settings).toBeHidden();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    await expect(page.getByRole('heading', { level: 1, name: xa('app:home.heading') })).toBeVisible();
    await expectClean(page, 'home-empty');

    await page
      .getByRole('button', { name: xa('app:home.declare') })
      .first()
      .click();
    const declare = page.getByRole('dialog', { name: xa('app:declare.title') });
    await declare.getByLabel(xa('app:declare.titleLabel'), { exact: true }).fill(TITLE);
    await declare.getByLabel(xa('app:declare.severityLabel'), { exact: true }).selectOption('SEV1');
    await expectClean(page, 'declare');
    await declare.getByRole('button', { name: xa('app:declare.submit') }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    await page.clock.setFixedTime(START.getTime() + 5 * 60_000);
    await seed(page, xa);
    // Twenty minutes in, before the SEV1 escalation falls due.
    await page.clock.setFixedTime(START.getTime() + 20 * 60_000);
    await expect(page.getByTestId('entry-text').filter({ hasText: NOTES[5] })).toHaveCount(1);
    await expectClean(page, 'war-room');

    for (const [open, screen] of [
      [xa('warroom:facts.edit'), 'details'],
      [xa('work:people.add'), 'add-person'],
      [xa('work:people.assignRole'), 'assign-role'],
      [xa('work:tasks.new'), 'new-task'],
      [xa('work:hypotheses.new'), 'new-hypothesis'],
      [xa('work:changes.log'), 'log-change'],
      [xa('work:milestones.mark'), 'mark-milestone'],
      [messagePattern('en-XA', 'updates:controls.open'), 'status-update'],
      [xa('export:dialog.open'), 'export'],
      [xa('room:status.invite'), 'invite'],
      [messagePattern('en-XA', 'room:status.buttonLabel'), 'connection'],
      [xa('app:shell.settingsButton'), 'settings'],
    ] as const) {
      await test.step(screen, () => checkDialog(page, open, screen));
    }

    await test.step('palette and shortcut help', async () => {
      await page.keyboard.press('Control+k');
      await expect(page.getByRole('dialog', { name: xa('palette:title') })).toBeVisible();
      await expectClean(page, 'palette');
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectClean(page, 'shortcut-help');
      await page.keyboard.press('Escape');
    });

    await test.step('review', async () => {
      await page.getByRole('tab', { name: xa('review:tabs.review'), exact: true }).click();
      await expect(page.locator('#view-review')).toBeVisible();
      await expectClean(page, 'review');
      await page.getByRole('tab', { name: xa('review:tabs.room'), exact: true }).click();
    });

    await test.step('home with the incident', async () => {
      await page.getByRole('button', { name: xa('app:shell.leaveIncident') }).click();
      await expect(page.getByRole('heading', { level: 1, name: xa('app:home.heading') })).toBeVisible();
      await expectClean(page, 'home');
      await page.getByLabel(xa('app:library.searchLabel'), { exact: true }).fill(NOTES[2].slice(6, 10));
      await expect(page.getByRole('region', { name: xa('app:library.groupRegion.matching') })).toBeVisible();
      await expectClean(page, 'home-search');
      await page.getByLabel(xa('app:library.searchLabel'), { exact: true }).fill('');
      await checkDialog(page, xa('app:home.joinRoom'), 'join');
      await checkDialog(page, new RegExp(`^${escapeRegExp(xa('app:library.deleteNamed', { title: TITLE }))}`), 'delete');
    });
  } finally {
    await context.close();
  }
});
