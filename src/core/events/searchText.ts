// What search and filters match an entry by. An automatic entry reads differently in each
// language, and the person searching types in theirs: it is matched by its rendering in every
// language Sitrep speaks, so "タスク作成" and "Task created" both find it.
import { LANGUAGES, translator } from '../i18n';
import type { TimelineEntry } from '../schema/collections';
import { entryText } from './entryText';

/** The fields a search reads; records built by hand may lack the newer ones. */
export type SearchableEntry = Pick<TimelineEntry, 'text'> & Partial<Pick<TimelineEntry, 'kind' | 'event' | 'params'>>;

// Entries are frozen and replaced on change, so one rendering per entry object stays right.
const cache = new WeakMap<object, string>();

/** The entry's words in every language (distinct renderings on separate lines); a person's entry as written. */
export function searchableText(entry: SearchableEntry): string {
  if (entry.kind !== 'event' || !entry.params) return entry.text;
  const cached = cache.get(entry);
  if (cached !== undefined) return cached;
  const full = { ...entry, kind: 'event', event: entry.event ?? null, params: entry.params } as TimelineEntry;
  const renderings = new Set(LANGUAGES.map((language) => entryText(full, translator(language))));
  const text = [...renderings].join('\n');
  cache.set(entry, text);
  return text;
}
