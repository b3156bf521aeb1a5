// Issue 14's "done when", in each of the four languages, as a responder on a system in that
// language would go: the window comes up in it (<html lang>), they declare an incident, add a
// task, post a status update, write a note, find that note from Home by a word from inside its
// sentence (a Japanese or Chinese word has no spaces around it), and export the timeline as CSV
// that opens as a spreadsheet would (byte order mark, strict RFC 4180, seven columns). Every
// control is found by its name in that language's catalog. The page's clock stands still
// (Playwright's clock), so every time in the export is known exactly.
import { expect, test } from '@playwright/test';
import type { Language } from '../../src/core/i18n';
import {
  addTaskIn,
  csvHeader,
  declareIn,
  escapeRegExp,
  exportCsvIn,
  firstRunIn,
  openInLanguage,
  postUpdateIn,
  SYSTEMS,
  searchHomeIn,
  words,
  writeNoteIn,
  zonedIso,
} from './support/languages';

const DECLARED_AT = new Date('2026-03-02T09:00:00Z');
const MINUTE = 60_000;

interface Journey {
  language: Language;
  lang: string;
  name: string;
  title: string;
  task: string;
  note: string;
  /** A word from inside the note's sentence, not at its start. */
  inner: string;
  /** A word in none of the incident's texts. */
  absent: string;
}

const JOURNEYS: readonly Journey[] = [
  {
    language: 'en',
    lang: 'en',
    name: 'Avery Okafor',
    title: 'Checkout returns 500 for EU customers',
    task: 'Prepare rollback of payments-api v2.41',
    note: 'Failover stalled because the replication slot filled the disk',
    inner: 'slot',
    absent: 'kafka',
  },
  {
    language: 'ja',
    lang: 'ja',
    name: '鈴木 一郎',
    title: '決済 API が 500 を返す',
    task: '決済 API のロールバックを準備',
    note: 'レプリケーションスロットが枯渇した',
    inner: 'スロット',
    absent: 'キャッシュ',
  },
  {
    language: 'zh-CN',
    lang: 'zh-CN',
    name: '王伟',
    title: '支付接口返回 500',
    task: '准备回滚支付服务',
    note: '主库的复制槽已满',
    inner: '复制槽',
    absent: '缓存',
  },
  {
    language: 'ru',
    lang: 'ru',
    name: 'Анна Смирнова',
    title: 'Оплата возвращает 500',
    task: 'Подготовить откат payments-api',
    note: 'Реплика отстаёт на сорок секунд',
    inner: 'реплик',
    absent: 'кэш',
  },
];

for (const journey of JOURNEYS) {
  const { language, name, title, task, note, inner, absent } = journey;
  test(`in ${language}: declare, add a task, post an update, find a word inside a note from Home, export CSV`, async ({ browser }) => {
    const t = words(language);
    const { timezoneId } = SYSTEMS[language];
    const { page, context } = await openInLanguage(browser, language, DECLARED_AT);
    try {
      // The window speaks the system's language from the first run.
      await expect(page.locator('html')).toHaveAttribute('lang', journey.lang);
      await firstRunIn(page, t, name);
      await declareIn(page, t, { title, severity: 'SEV2' });

      // A task for the commander; its automatic entry reads in this language.
      await page.clock.setFixedTime(DECLARED_AT.getTime() + 2 * MINUTE);
      await addTaskIn(page, t, { title: task, assignee: name });
      const created = t('events:task.created', { title: task, assignee: name });
      await expect(page.getByTestId('entry-text').filter({ hasText: created })).toHaveCount(1);

      await page.clock.setFixedTime(DECLARED_AT.getTime() + 3 * MINUTE);
      await writeNoteIn(page, t, note);

      // The draft is in this language: it opens with the catalog's heading for a first update.
      await page.clock.setFixedTime(DECLARED_AT.getTime() + 5 * MINUTE);
      const update = await postUpdateIn(page, language);
      expect(update).toContain(t('updates:template.internal.heading.initial'));

      // From Home, a word from inside the note finds the incident, and says it was found in the timeline.
      await page.getByRole('button', { name: t('app:shell.leaveIncident') }).click();
      await expect(page.getByRole('heading', { level: 1, name: t('app:home.heading') })).toBeVisible();
      const found = await searchHomeIn(page, t, inner);
      await expect(found.getByRole('listitem')).toHaveCount(1);
      await expect(found.getByRole('listitem')).toContainText(title);
      const reason = found.getByTestId('match-reasons');
      // Only the timeline holds the word (the title, summary and services do not).
      await expect(reason).toHaveText(
        new RegExp(`^${escapeRegExp(t('app:library.matchedIn', { field: t('app:library.field.timeline') }))}`),
      );
      await expect(reason.locator('.match-field')).toHaveCount(1);
      // ... and a word that is nowhere finds nothing, so the match above is the search's doing.
      await searchHomeIn(page, t, absent);
      await expect(page.getByRole('status').filter({ hasText: t('app:library.noMatch') })).toBeVisible();
      await page.getByLabel(t('app:library.searchLabel'), { exact: true }).fill('');
      await page
        .getByRole('button', { name: new RegExp(escapeRegExp(title)) })
        .first()
        .click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

      // The timeline as CSV, in this language and this computer's zone, read as a spreadsheet would.
      const csv = await exportCsvIn(page, language, timezoneId);
      expect(csv.bom, 'the CSV starts with a UTF-8 byte order mark').toBe(true);
      expect(csv.fileName.normalize('NFC')).toBe(csv.fileName);
      expect(csv.fileName).toMatch(/^2026-03-02-.+-timeline\.csv$/);
      expect(csv.fileName).toContain(title.split(' ')[0]!.toLowerCase());
      const [header, ...rows] = csv.rows;
      expect(header).toEqual(csvHeader(language));
      for (const row of csv.rows) expect(row).toHaveLength(7);
      const noteAt = new Date(DECLARED_AT.getTime() + 3 * MINUTE);
      expect(rows.find((row) => row[4] === note)?.slice(0, 4)).toEqual([
        noteAt.toISOString(),
        zonedIso(noteAt, timezoneId),
        name,
        t('export:csv.kindValue.note'),
      ]);
      expect(rows.find((row) => row[4] === created)?.[3]).toBe(t('export:csv.kindValue.event'));
      // The update keeps its lines inside one quoted field.
      expect(rows.some((row) => row[4] === update || row[4]?.includes(update.split('\n')[0]!))).toBe(true);
    } finally {
      await context.close();
    }
  });
}
