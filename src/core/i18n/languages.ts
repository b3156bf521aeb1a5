// The languages Sitrep speaks, and how a system's preferred languages map onto them.

/** Catalog languages, as BCP 47 tags; `en` is the source every other catalog follows. */
export const LANGUAGES = ['en', 'ja', 'zh-CN', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * A pseudo-locale built from English at run time: accented, about 40% longer and bracketed, so
 * a string cut by its box or never sent through the catalogs shows at a glance.
 */
export const PSEUDO_LANGUAGE = 'en-XA' as const;
export type UiLanguage = Language | typeof PSEUDO_LANGUAGE;

export const SOURCE_LANGUAGE: Language = 'en';

/** Each language's name in itself, for the language menu (never translated). */
export const LANGUAGE_NAMES: Readonly<Record<UiLanguage, string>> = {
  en: 'English',
  ja: '日本語',
  'zh-CN': '简体中文',
  ru: 'Русский',
  'en-XA': 'Ƥšéûđö (en-XA)',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return isLanguage(value) || value === PSEUDO_LANGUAGE;
}

/**
 * The first catalog language that matches the system's preferences, in their order: an exact tag,
 * then the same language in another region or script (`ja-JP` → ja, `ru-UA` → ru, `zh`, `zh-Hans`,
 * `zh-SG` → zh-CN). Traditional Chinese (`zh-TW`, `zh-Hant`) is not Simplified, so it is skipped.
 */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const raw of preferred) {
    let locale: Intl.Locale;
    try {
      locale = new Intl.Locale(raw);
    } catch {
      continue; // a malformed tag from the system is skipped, not fatal
    }
    const base = locale.language;
    if (base === 'zh') {
      const script = locale.maximize().script;
      if (script === 'Hans') return 'zh-CN';
      continue;
    }
    const match = LANGUAGES.find((language) => language === base);
    if (match) return match;
  }
  return SOURCE_LANGUAGE;
}
