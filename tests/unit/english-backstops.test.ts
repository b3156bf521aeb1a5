// Messages that were built in English outside the catalogs and reached the UI whatever its
// language: the first-run name check, the toast of a command that fails unexpectedly, and why
// desktop notifications are off. Each now comes from the app catalog in the window's language.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES, type Language, translator } from '@core/i18n';
import { uiI18n } from '../../src/renderer/i18n';
import { createBrowserPlatform } from '../../src/renderer/platform/browser';
import { unexpectedFailureMessage } from '../../src/renderer/state/incidentContext';
import { checkDisplayName, DISPLAY_NAME_MAX } from '../../src/renderer/sync/storage/preferences';

const ENGLISH = [
  'Enter a display name',
  'A display name can have at most',
  'line breaks, tabs',
  'Something went wrong',
  'Desktop notifications are not',
];

/** The error a call throws, by its message. */
async function thrown(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('nothing was thrown');
}

beforeEach(() => {
  // A window's system languages (Node has no navigator); the tests set the language themselves.
  vi.stubGlobal('navigator', { languages: ['en-US'], language: 'en-US' });
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await uiI18n().changeLanguage('en');
});

/** A language's translator taking namespaced keys (`app:…`), as the window's own does. */
const words = (language: Language) => translator(language) as unknown as (key: string, values?: Record<string, unknown>) => string;

describe.each(LANGUAGES.map((language) => [language]))('in %s', (language: Language) => {
  const t = words(language);
  const inWindow = async () => {
    // The storage's messages follow the window's language where there is a window (a document).
    vi.stubGlobal('document', {});
    await uiI18n().changeLanguage(language);
  };
  const notEnglish = (message: string) => {
    if (language === 'en') return;
    for (const english of ENGLISH) expect(message).not.toContain(english);
  };

  it('the first run’s name check says what is wrong in the window’s language', async () => {
    await inWindow();
    const empty = await thrown(() => checkDisplayName('   '));
    expect(empty).toBe(t('app:profile.invalid.empty'));
    notEnglish(empty);
    const long = 'Ω'.repeat(DISPLAY_NAME_MAX + 1);
    const tooLong = await thrown(() => checkDisplayName(long));
    expect(tooLong).toBe(t('app:profile.invalid.tooLong', { max: DISPLAY_NAME_MAX, length: DISPLAY_NAME_MAX + 1 }));
    expect(tooLong).toContain(String(DISPLAY_NAME_MAX + 1));
    notEnglish(tooLong);
    expect(await thrown(() => checkDisplayName('a\u0007b'))).toBe(t('app:profile.invalid.control'));
    expect(await thrown(() => checkDisplayName(42))).toBe(t('app:profile.invalid.notText'));
  });

  it('a command that fails unexpectedly is reported in the window’s language, with the error', async () => {
    await uiI18n().changeLanguage(language);
    const message = unexpectedFailureMessage(new Error('boom'));
    expect(message).toBe(t('app:shell.commandFailed', { error: 'boom' }));
    expect(message).toContain('boom');
    notEnglish(message);
  });

  it('why desktop notifications are off is said in the window’s language', async () => {
    await uiI18n().changeLanguage(language);
    const platform = createBrowserPlatform('test');
    vi.stubGlobal('Notification', undefined);
    const unsupported = await thrown(() => platform.notify('title', 'body'));
    expect(unsupported).toBe(t('app:notifications.unsupported'));
    notEnglish(unsupported);
    vi.stubGlobal('Notification', { permission: 'denied' });
    const denied = await thrown(() => platform.notify('title', 'body'));
    expect(denied).toBe(t('app:notifications.notAllowed', { permission: 'denied' }));
    notEnglish(denied);
  });
});

it('English keeps the words it showed before', () => {
  const en = words('en');
  expect(en('app:profile.invalid.empty')).toBe('Enter a display name: it shows responders who you are.');
  expect(en('app:profile.invalid.tooLong', { max: 60, length: 61 })).toBe(
    'A display name can have at most 60 characters; this one has 61.',
  );
  expect(en('app:shell.commandFailed', { error: 'boom' })).toBe('Something went wrong and the change was not made: boom');
  expect(en('app:notifications.notAllowed', { permission: 'denied' })).toBe('Desktop notifications are not allowed (permission: denied)');
});
