// The cached translator (one resolved, compiled message per key and language) must give exactly
// what i18next itself gives, for every key of every catalog, with and without arguments, and
// for what it hands back to i18next (missing keys, call options, several keys).
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/core/i18n/catalogs';
import { cachedTranslator, createI18n, LANGUAGES, NAMESPACES, PSEUDO_LANGUAGE, type UiLanguage } from '../../src/core/i18n';

type Loose = (key: unknown, values?: unknown, ...rest: unknown[]) => unknown;

/** Every leaf key of a catalog, as `ns:a.b.c`. */
function keysOf(ns: string, node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [`${ns}:${prefix}`];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, child]) => keysOf(ns, child, prefix === '' ? key : `${prefix}.${key}`));
}

/** The English text of `ns:a.b.c`, whose arguments every language shares. */
function sourceOf(key: string): string {
  const [ns = '', path = ''] = key.split(':');
  let node: unknown = CATALOGS.en[ns as keyof (typeof CATALOGS)['en']];
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node);
}

interface Argument {
  readonly name: string;
  readonly kind: 'text' | 'number' | 'select';
  readonly options: readonly string[];
}

function argumentsOf(elements: readonly MessageFormatElement[], into = new Map<string, Argument>()): Map<string, Argument> {
  for (const element of elements) {
    if (element.type === TYPE.argument) {
      if (!into.has(element.value)) into.set(element.value, { name: element.value, kind: 'text', options: [] });
    } else if (element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
      into.set(element.value, { name: element.value, kind: 'number', options: [] });
    } else if (element.type === TYPE.plural) {
      into.set(element.value, { name: element.value, kind: 'number', options: [] });
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    } else if (element.type === TYPE.select) {
      into.set(element.value, { name: element.value, kind: 'select', options: Object.keys(element.options) });
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    } else if (element.type === TYPE.tag) {
      argumentsOf(element.children, into);
    }
  }
  return into;
}

/** Argument sets that walk each plural through its forms and each select through its options. */
function valueSets(message: string): Array<Record<string, unknown> | undefined> {
  let args: Argument[];
  try {
    args = [...argumentsOf(parse(message, { ignoreTag: true })).values()];
  } catch {
    args = [];
  }
  const sets: Array<Record<string, unknown> | undefined> = [undefined, {}];
  const counts = [0, 1, 2, 5, 21, 1.5];
  const rounds = Math.max(counts.length, ...args.map((arg) => arg.options.length + 1));
  for (let round = 0; round < rounds; round++) {
    const values: Record<string, unknown> = {};
    for (const arg of args) {
      if (arg.kind === 'number') values[arg.name] = counts[round % counts.length];
      else if (arg.kind === 'select') values[arg.name] = [...arg.options, 'no-such-option'][round % (arg.options.length + 1)];
      else values[arg.name] = round % 2 === 0 ? `<${arg.name} & "x">` : '';
    }
    sets.push(values);
  }
  // Some arguments missing: i18next-icu then returns the catalog text.
  if (args.length > 1) sets.push({ [args[0]!.name]: 'only one' });
  return sets;
}

describe('cachedTranslator', () => {
  const languages: UiLanguage[] = [...LANGUAGES, PSEUDO_LANGUAGE];
  const keys = NAMESPACES.flatMap((ns) => keysOf(ns, CATALOGS.en[ns]));

  it('covers the catalogs', () => {
    expect(keys.length).toBeGreaterThan(500);
  });

  for (const language of languages) {
    it(`gives what i18next gives for every key in ${language}`, () => {
      const instance = createI18n(language);
      const reference = instance.t.bind(instance) as unknown as Loose;
      const cached = cachedTranslator(createI18n(language)) as unknown as Loose;
      let compared = 0;
      for (const key of keys) {
        for (const values of valueSets(sourceOf(key))) {
          // Twice: the first call compiles, the second reads the cache.
          const want = reference(key, values === undefined ? undefined : { ...values });
          expect(cached(key, values === undefined ? undefined : { ...values }), `${language} ${key} ${JSON.stringify(values)}`).toEqual(
            want,
          );
          expect(cached(key, values === undefined ? undefined : { ...values })).toEqual(want);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(keys.length * 2);
    });
  }

  it('hands what is not a plain lookup back to i18next', () => {
    for (const language of languages) {
      const instance = createI18n(language);
      const reference = instance.t.bind(instance) as unknown as Loose;
      const cached = cachedTranslator(createI18n(language)) as unknown as Loose;
      const calls: Array<[unknown, unknown?, ...unknown[]]> = [
        ['events:no.such.key'],
        ['events:no.such.key', { count: 2 }],
        ['no-such-namespace:key'],
        ['common:severity'],
        ['common:severity', { returnObjects: true }],
        ['events:no.such.key', { defaultValue: 'fallback {n}', n: 3 }],
        ['common:severity.SEV1', { lng: 'ja' }],
        [['events:no.such.key', 'common:severity.SEV2']],
        ['export:report.listSeparator', 'a default'],
        ['Plain sentence: with a colon'],
        [''],
      ];
      for (const call of calls) expect(cached(...call), `${language} ${JSON.stringify(call)}`).toEqual(reference(...call));
    }
  });
});
