// The pseudo-locale: English with every letter accented, each message about 40% longer and
// bracketed. ICU syntax (arguments, plurals, selects) is parsed and kept, so only prose changes.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';

const ACCENTED: Readonly<Record<string, string>> = {
  a: 'á',
  b: 'ƀ',
  c: 'ç',
  d: 'đ',
  e: 'é',
  f: 'ƒ',
  g: 'ğ',
  h: 'ħ',
  i: 'í',
  j: 'ĵ',
  k: 'ķ',
  l: 'ł',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  q: 'ǫ',
  r: 'ŕ',
  s: 'š',
  t: 'ŧ',
  u: 'û',
  v: 'ṽ',
  w: 'ŵ',
  x: 'ẋ',
  y: 'ý',
  z: 'ž',
  A: 'Á',
  B: 'Ɓ',
  C: 'Ç',
  D: 'Đ',
  E: 'É',
  F: 'Ƒ',
  G: 'Ğ',
  H: 'Ħ',
  I: 'Í',
  J: 'Ĵ',
  K: 'Ķ',
  L: 'Ł',
  M: 'Ṁ',
  N: 'Ñ',
  O: 'Ö',
  P: 'Þ',
  Q: 'Ǫ',
  R: 'Ŕ',
  S: 'Š',
  T: 'Ŧ',
  U: 'Û',
  V: 'Ṽ',
  W: 'Ŵ',
  X: 'Ẋ',
  Y: 'Ý',
  Z: 'Ž',
};

/** Marks that open and close every pseudo-localised message; a rendered string without them did not come from a catalog. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

function accent(text: string): string {
  let out = '';
  for (const ch of text) {
    out += ACCENTED[ch] ?? ch;
  }
  return out;
}

/** About 40% more characters, the growth that German or Russian often brings. */
function padding(text: string): string {
  const letters = [...text].filter((ch) => /\p{L}/u.test(ch)).length;
  return '~'.repeat(Math.ceil(letters * 0.4));
}

function transform(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    if (element.type === TYPE.literal) return { ...element, value: accent(element.value) };
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([key, option]) => [key, { ...option, value: transform(option.value) }]),
      );
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: transform(element.children) };
    return element;
  });
}

/** The message's own words, in every branch of its plurals and selects. */
function proseOf(elements: MessageFormatElement[]): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return element.value;
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        // The longest branch stands for the message: it is the one that must still fit.
        return Object.values(element.options)
          .map((option) => proseOf(option.value))
          .reduce((a, b) => (b.length > a.length ? b : a), '');
      }
      if (element.type === TYPE.tag) return proseOf(element.children);
      return '';
    })
    .join('');
}

/** One message in the pseudo-locale; a message that is not valid ICU is an error in the catalog, not here. */
export function pseudoLocalize(message: string): string {
  const ast = parse(message, { ignoreTag: true });
  return `${PSEUDO_OPEN}${printAST(transform(ast))}${padding(proseOf(ast))}${PSEUDO_CLOSE}`;
}

/** A whole catalog (nested objects of messages) in the pseudo-locale. */
export function pseudoCatalog(catalog: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(catalog).map(([key, value]) => [
      key,
      typeof value === 'string' ? pseudoLocalize(value) : pseudoCatalog(value as Record<string, unknown>),
    ]),
  );
}
