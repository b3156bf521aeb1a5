// Translation for every part of Sitrep: one i18next instance per language, with ICU messages
// (plurals, selects, numbers) through i18next-icu. The renderer shows the UI language; exports,
// status updates and briefings ask for the language their reader needs, whatever the UI shows.
import i18next, { type i18n as I18n, type Resource, type TFunction } from 'i18next';
import ICU from 'i18next-icu';
import IntlMessageFormat from 'intl-messageformat';
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

const fixed = new Map<UiLanguage, TFunction>();

/**
 * The translation function for one language, independent of the UI's: an update written for
 * customers in Japanese while the IC reads English asks for `translator('ja')`.
 */
export function translator(language: UiLanguage): TFunction {
  let t = fixed.get(language);
  if (!t) {
    t = cachedTranslator(createI18n(language));
    fixed.set(language, t);
  }
  return t;
}

/** Values i18next reads as options of the call rather than as message arguments. */
const CALL_OPTIONS = new Set([
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'context',
  'replace',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'keySeparator',
  'nsSeparator',
  'skipInterpolation',
  'appendNamespaceToCIMode',
  'ordinal',
  'keyPrefix',
  'missingKeyNoValueFallbackToKey',
  'applyPostProcessor',
  'nest',
]);

/** Message arguments only: a plain object with none of i18next's call options. */
function plainArguments(values: unknown): values is Record<string, unknown> | undefined {
  if (values === undefined) return true;
  if (typeof values !== 'object' || values === null) return false;
  const proto = Object.getPrototypeOf(values);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in values) if (CALL_OPTIONS.has(key) || key.startsWith('defaultValue')) return false;
  return true;
}

interface CompiledMessage {
  /** The catalog text, which i18next-icu returns when formatting fails. */
  readonly text: string;
  readonly format: IntlMessageFormat | null;
  /** The message formatted without arguments, once asked for. */
  bare?: unknown;
}

interface I18nInternals {
  readonly translator?: { resolve(key: string, options: object): { res?: unknown } | undefined };
}

/**
 * `instance.t` with each key resolved and compiled once. i18next's own path walks the key, the
 * language hierarchy and the namespace on every call (about 20 µs), which an export of 10,000
 * entries pays several times per entry. The result is the same string i18next would give: the
 * key is resolved by i18next's own resolver (fallback to English included), then formatted the
 * way i18next-icu does (an IntlMessageFormat in the instance's language, tags ignored, the
 * catalog text when formatting fails). Anything else (a missing key, several keys, call options
 * such as `lng` or `defaultValue`) goes through i18next itself; tests/unit/i18n-cache.test.ts
 * holds the two paths equal for every key of every catalog.
 */
export function cachedTranslator(instance: I18n): TFunction {
  const slow = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const resolver = (instance as unknown as I18nInternals).translator;
  const locale = instance.language;
  const compiled = new Map<string, CompiledMessage | null>();
  const compile = (key: string): CompiledMessage | null => {
    const found = resolver?.resolve(key, {})?.res;
    if (typeof found !== 'string' || found === '') return null;
    try {
      return { text: found, format: new IntlMessageFormat(found, locale, undefined, { ignoreTag: true }) };
    } catch {
      return { text: found, format: null };
    }
  };
  const format = (message: CompiledMessage, values: Record<string, unknown>): unknown => {
    if (message.format === null) return message.text;
    try {
      return message.format.format(values as Parameters<IntlMessageFormat['format']>[0]);
    } catch {
      return message.text;
    }
  };
  const t = (key: unknown, values?: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== 'string' || rest.length > 0 || !plainArguments(values)) return slow(key, values, ...rest);
    let message = compiled.get(key);
    if (message === undefined) {
      message = compile(key);
      compiled.set(key, message);
    }
    if (message === null) return slow(key, values);
    if (values === undefined) {
      if (message.bare === undefined) message.bare = format(message, {});
      return message.bare;
    }
    return format(message, values);
  };
  return t as unknown as TFunction;
}

/** A language tag from outside (a file, a peer, a setting) as one we speak, else English. */
export function languageOr(value: unknown, fallback: Language = SOURCE_LANGUAGE): Language {
  return isLanguage(value) ? value : fallback;
}

export type { TFunction };
