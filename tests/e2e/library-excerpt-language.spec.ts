// Home's search shows an automatic entry's passage in the reader's language: a Japanese responder
// who searches an English word of "Task created: …" finds the incident, and reads the entry as
// タスク作成… with nothing marked (the words found are English, which is not shown); searching a
// Japanese word of it marks that word.
import { expect, test } from '@playwright/test';
import { addTaskIn, declareIn, firstRunIn, openInLanguage, searchHomeIn, words } from './support/languages';

const START = new Date('2026-03-02T09:00:00Z');
const ja = words('ja');
const en = words('en');
const NAME = '佐藤 花子';
const TASK = 'レプリカの遅延を確認';

test('a Japanese reader sees an automatic entry’s search passage in Japanese, whatever language the words found are in', async ({
  browser,
}) => {
  const { page, context } = await openInLanguage(browser, 'ja', START);
  try {
    await firstRunIn(page, ja, NAME);
    await declareIn(page, ja, { title: '決済エラー', severity: 'SEV2' });
    await addTaskIn(page, ja, { title: TASK, assignee: NAME });
    await page.getByRole('button', { name: ja('app:shell.leaveIncident') }).click();
    await expect(page.getByRole('heading', { level: 1, name: ja('app:home.heading') })).toBeVisible();

    const inJapanese = ja('events:task.created', { title: TASK, assignee: NAME });
    const inEnglish = en('events:task.created', { title: TASK, assignee: NAME });
    // "created" is only in the English rendering: found, shown in Japanese, nothing marked.
    const byEnglish = await searchHomeIn(page, ja, 'created');
    const passage = byEnglish.getByTestId('match-reasons');
    await expect(passage).toContainText(inJapanese);
    await expect(passage).not.toContainText(inEnglish);
    await expect(passage.locator('mark')).toHaveCount(0);
    const dir = process.env.SITREP_SHOTS_DIR;
    if (dir) await page.screenshot({ path: `${dir}/library-excerpt-ja-by-english.png` });
    // A word of the Japanese rendering is marked in it.
    const byJapanese = await searchHomeIn(page, ja, 'タスク作成');
    await expect(byJapanese.getByTestId('match-reasons')).toContainText(inJapanese);
    await expect(byJapanese.getByTestId('match-reasons').locator('mark').first()).toBeVisible();
  } finally {
    await context.close();
  }
});
