// The catalogs: every language has every English key, each message is valid ICU with the same
// arguments as the English one, and plurals cover the categories each language needs.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOGS, SOURCE_CATALOGS } from '../../src/core/i18n/catalogs';
import { createI18n, LANGUAGES, matchLanguage, NAMESPACES, translator } from '../../src/core/i18n';
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoLocalize } from '../../src/core/i18n/pseudo';

function flatten(catalog: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
    else throw new Error(`${path} is neither a message nor a group of messages`);
  }
  return out;
}

interface Shape {
  readonly args: Set<string>;
  readonly plurals: Array<{ name: string; options: string[] }>;
}

function shapeOf(elements: MessageFormatElement[], shape: Shape = { args: new Set(), plurals: [] }): Shape {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      shapeOf(element.children, shape);
      continue;
    }
    shape.args.add(element.value);
    if (element.type === TYPE.plural) shape.plurals.push({ name: element.value, options: Object.keys(element.options) });
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) shapeOf(option.value, shape);
    }
  }
  return shape;
}

const english = new Map(NAMESPACES.map((ns) => [ns, flatten(SOURCE_CATALOGS[ns] as Record<string, unknown>)]));

describe('catalog files', () => {
  it('every namespace is imported for every language', () => {
    for (const language of LANGUAGES) expect(Object.keys(CATALOGS[language]).sort()).toEqual([...NAMESPACES].sort());
  });
});

describe.each(LANGUAGES)('the %s catalogs', (language) => {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

  it.each(NAMESPACES)('%s has exactly the English keys', (ns) => {
    const keys = [...flatten(CATALOGS[language][ns] as Record<string, unknown>).keys()].sort();
    expect(keys, `${language}/${ns}.json`).toEqual([...(english.get(ns)?.keys() ?? [])].sort());
  });

  it.each(NAMESPACES)('%s messages are ICU with the English arguments and this language’s plural forms', (ns) => {
    const messages = flatten(CATALOGS[language][ns] as Record<string, unknown>);
    for (const [key, message] of messages) {
      const where = `${language}/${ns}.json ${key}`;
      let ast: MessageFormatElement[];
      try {
        ast = parse(message, { ignoreTag: true });
      } catch (error) {
        throw new Error(`${where} is not a valid ICU message: ${String(error)}`);
      }
      const shape = shapeOf(ast);
      const source = english.get(ns)?.get(key);
      if (source !== undefined) {
        expect([...shape.args].sort(), `${where}: arguments`).toEqual([...shapeOf(parse(source, { ignoreTag: true })).args].sort());
      }
      for (const plural of shape.plurals) {
        expect(plural.options, `${where}: plural {${plural.name}} needs "other"`).toContain('other');
        for (const category of categories) {
          expect(plural.options, `${where}: plural {${plural.name}} needs the "${category}" form of ${language}`).toContain(category);
        }
      }
    }
  });
});

describe('translation at run time', () => {
  it('ICU plurals follow each language’s rules', () => {
    expect(translator('ru')('count.people', { count: 1 })).toBe('1 человек');
    expect(translator('ru')('count.people', { count: 3 })).toBe('3 человека');
    expect(translator('ru')('count.people', { count: 5 })).toBe('5 человек');
    expect(translator('en')('count.people', { count: 1 })).toBe('1 person');
    expect(translator('ja')('count.people', { count: 2 })).toBe('2人');
  });

  it('an instance can switch language, and the fixed translators do not follow it', async () => {
    const ui = createI18n('en');
    await ui.changeLanguage('zh-CN');
    expect(ui.t('role.incident-commander')).toBe('事件指挥官');
    expect(translator('ja')('role.incident-commander')).toBe('インシデントコマンダー');
  });
});

describe('the pseudo-locale', () => {
  it('accents, lengthens and brackets prose but keeps ICU arguments and plurals working', () => {
    const out = pseudoLocalize('{count, plural, one {# open task} other {# open tasks}} for {name}');
    expect(out.startsWith(PSEUDO_OPEN) && out.endsWith(PSEUDO_CLOSE)).toBe(true);
    expect(out).toContain('{name}');
    expect(translator('en-XA')('count.people', { count: 2 })).toMatch(/^⟦2 þéöþłé~+⟧$/);
  });
});

describe('the system language on first run', () => {
  it.each([
    [['ja-JP', 'en-US'], 'ja'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-SG'], 'zh-CN'],
    [['zh-TW', 'ru-RU'], 'ru'],
    [['fr-FR'], 'en'],
    [['not a tag', 'ru'], 'ru'],
    [[], 'en'],
  ])('%j → %s', (preferred, expected) => {
    expect(matchLanguage(preferred)).toBe(expected);
  });
});
