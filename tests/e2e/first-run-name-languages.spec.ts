// First run on a Japanese or Russian system: a name the app cannot take is refused in that
// language (the check used to answer in English whatever the UI spoke), and nothing is lost: the
// dialog stays, and a good name then goes through.
import { expect, test } from '@playwright/test';
import { openInLanguage, words } from './support/languages';

const START = new Date('2026-03-02T09:00:00Z');
const MAX = 60;

for (const language of ['ja', 'ru'] as const) {
  test(`first run in ${language}: a missing or too long name is refused in ${language}`, async ({ browser }) => {
    const t = words(language);
    const { page, context } = await openInLanguage(browser, language, START);
    try {
      const dialog = page.getByRole('dialog', { name: t('app:profile.title') });
      const name = dialog.getByLabel(t('app:profile.nameLabel'));
      const submit = dialog.getByRole('button', { name: t('app:profile.continue') });
      await name.fill('   ');
      await submit.click();
      await expect(dialog.getByText(t('app:profile.invalid.empty'), { exact: true })).toBeVisible();
      const long = 'Щ'.repeat(MAX + 1);
      await name.fill(long);
      await submit.click();
      await expect(dialog.getByText(t('app:profile.invalid.tooLong', { max: MAX, length: MAX + 1 }), { exact: true })).toBeVisible();
      await expect(name).toHaveValue(long);
      await name.fill('Анна');
      await submit.click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('heading', { level: 1, name: t('app:home.heading') })).toBeVisible();
    } finally {
      await context.close();
    }
  });
}
