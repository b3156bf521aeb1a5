// What search and filters match an entry by. An automatic entry reads differently in each
// language, and the person searching types in theirs: it is matched by its rendering in every
// language Sitrep speaks, so "タスク作成" and "Task created" both find it.
import { LANGUAGES, translator } from '../i18n';
import type { TimelineEntry } from '../schema/collections';
import { entryText } from './entryText';

/** The fields a search reads; records built by hand may lack the newer ones. */
export type SearchableEntry = Pick<TimelineEntry, 'text'> & Partial<Pick<TimelineEntry, 'kind' | 'event' | 'params'>>;

// Entries are frozen and replaced on change, so one rendering per entry object stays right.
const renderingsCache = new WeakMap<object, readonly string[]>();
const cache = new WeakMap<object, string>();

/** An automatic entry's rendering in each language, in LANGUAGES order; null for a person's entry. */
export function entryRenderings(entry: SearchableEntry): readonly string[] | null {
  if (entry.kind !== 'event' || !entry.params) return null;
  const cached = renderingsCache.get(entry);
  if (cached !== undefined) return cached;
  const full = { ...entry, kind: 'event', event: entry.event ?? null, params: entry.params } as TimelineEntry;
  const renderings = Object.freeze(LANGUAGES.map((language) => entryText(full, translator(language))));
  renderingsCache.set(entry, renderings);
  return renderings;
}

/** The entry's words in every language (distinct renderings on separate lines); a person's entry as written. */
export function searchableText(entry: SearchableEntry): string {
  const renderings = entryRenderings(entry);
  if (!renderings) return entry.text;
  const cached = cache.get(entry);
  if (cached !== undefined) return cached;
  const text = [...new Set(renderings)].join('\n');
  cache.set(entry, text);
  return text;
}
