// Why a command was refused, in the reader's language. A CommandError carries a stable key of
// the `refusals` catalog and its parameters; its message is the English text, for logs and for
// callers that show it as is, and the UI renders the key in the window's language instead.
import type { TFunction } from '../i18n';
import { SOURCE_CATALOGS } from '../i18n/catalogs';

/**
 * A refusal's parameters: plain values, or words each language says its own way — a field's
 * label (`{ field: 'Task title' }`), a kind of record (`{ thing: 'task' }`), a value's word in a
 * sentence (`{ word: 'taskStatus.done' }`, from the events catalog), a span of minutes, a list.
 */
export type RefusalParam =
  | string
  | number
  | { readonly field: string }
  | { readonly thing: string }
  | { readonly word: string }
  | { readonly span: number }
  | { readonly list: readonly string[] };
export type RefusalParams = Readonly<Record<string, RefusalParam>>;

type Loose = (key: string, values?: Record<string, unknown>) => string;

/** "Task title" → "taskTitle": the catalog key of an English label. */
function labelKey(label: string): string {
  const words = label.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return words.map((word, index) => (index === 0 ? word : `${word[0]?.toUpperCase()}${word.slice(1)}`)).join('');
}

/** A catalog message, or `fallback` when the key is missing (a label made at run time: "Line 3: the entry"). */
function lookup(t: Loose, key: string, fallback: string, values?: Record<string, unknown>): string {
  const out = t(key, values);
  return typeof out === 'string' && out !== key && !out.endsWith(key.slice(key.indexOf(':') + 1)) ? out : fallback;
}

function span(t: Loose, minutes: number): string {
  if (minutes > 0 && minutes % (24 * 60) === 0) return t('events:duration.days', { count: minutes / (24 * 60) });
  if (minutes > 0 && minutes % 60 === 0) return t('events:duration.hours', { count: minutes / 60 });
  return t('events:duration.minutes', { count: minutes });
}

function value(t: Loose, param: RefusalParam): string | number {
  if (typeof param === 'string' || typeof param === 'number') return param;
  if ('field' in param) return lookup(t, `refusals:field.${labelKey(param.field)}`, param.field);
  if ('thing' in param) return lookup(t, `refusals:thing.${labelKey(param.thing)}`, param.thing);
  if ('word' in param) return lookup(t, `events:word.${param.word}`, param.word.slice(param.word.indexOf('.') + 1));
  if ('span' in param) return span(t, param.span);
  return param.list.join(t('events:meta.listSeparator'));
}

/** Whether a key names a message of the refusals catalog. */
export function isRefusalKey(key: string): boolean {
  let node: unknown = SOURCE_CATALOGS.refusals;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** A refusal in the language of `t`. */
export function refusalText(key: string, params: RefusalParams, t: TFunction): string {
  const loose = t as unknown as Loose;
  const values: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(params)) values[name] = value(loose, param);
  return loose(`refusals:${key}`, values);
}
