// Translation for every part of Sitrep: one i18next instance per language, with ICU messages
// (plurals, selects, numbers) through i18next-icu. The renderer shows the UI language; exports,
// status updates and briefings ask for the language their reader needs, whatever the UI shows.
import i18next, { type i18n as I18n, type Resource, type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import { CATALOGS } from './catalogs';
import { isLanguage, LANGUAGES, PSEUDO_LANGUAGE, SOURCE_LANGUAGE, type Language, type UiLanguage } from './languages';
import { NAMESPACES } from './namespaces';
import { pseudoCatalog } from './pseudo';

export * from './languages';
export { NAMESPACES, type Namespace } from './namespaces';

let pseudoResources: Resource[string] | null = null;

function resources(): Resource {
  const all: Resource = {};
  for (const language of LANGUAGES) all[language] = { ...CATALOGS[language] };
  pseudoResources ??= Object.fromEntries(NAMESPACES.map((ns) => [ns, pseudoCatalog(CATALOGS.en[ns])]));
  all[PSEUDO_LANGUAGE] = pseudoResources;
  return all;
}

/**
 * A ready instance speaking `language` (synchronously initialised: every catalog is bundled).
 * A key missing in a language falls back to English, and a test fails on it before it ships.
 */
export function createI18n(language: UiLanguage): I18n {
  const instance = i18next.createInstance();
  instance.use(ICU).init({
    lng: language,
    fallbackLng: SOURCE_LANGUAGE,
    supportedLngs: [...LANGUAGES, PSEUDO_LANGUAGE],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources: resources(),
    initAsync: false,
    // React and our exporters escape for their own output; i18next must not escape twice.
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  return instance;
}

const fixed = new Map<UiLanguage, I18n>();

/**
 * The translation function for one language, independent of the UI's: an update written for
 * customers in Japanese while the IC reads English asks for `translator('ja')`.
 */
export function translator(language: UiLanguage): TFunction {
  let instance = fixed.get(language);
  if (!instance) {
    instance = createI18n(language);
    fixed.set(language, instance);
  }
  return instance.t;
}

/** A language tag from outside (a file, a peer, a setting) as one we speak, else English. */
export function languageOr(value: unknown, fallback: Language = SOURCE_LANGUAGE): Language {
  return isLanguage(value) ? value : fallback;
}

export type { TFunction };
