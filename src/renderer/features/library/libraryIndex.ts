// The library's full-text index: built once per Home visit from the catalog and the stored search
// digests (never by opening documents), queried on every keystroke with filters applied.
import MiniSearch, { type SearchResult } from 'minisearch';
import { type IncidentDigest, RENDERING_SEPARATOR } from '@core/incidentDigest';
import { isLanguage, LANGUAGES, SOURCE_LANGUAGE, type UiLanguage } from '@core/i18n';
import type { Phase, Severity } from '@core/model';
import { foldText, searchTokens } from '@core/search/tokens';
import type { CatalogEntry } from '../../sync/storage';

export const SEARCH_FIELDS = ['title', 'summary', 'impact', 'services', 'timeline'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number]; // named to readers by app:library.field.*

export interface LibraryFilters {
  readonly query: string;
  readonly severity: Severity | null;
  readonly phase: Phase | null;
  /** Declared at or after (UTC epoch ms), inclusive. */
  readonly from: number | null;
  /** Declared before (UTC epoch ms), exclusive. */
  readonly until: number | null;
}

export const NO_FILTERS: LibraryFilters = Object.freeze({ query: '', severity: null, phase: null, from: null, until: null });

/** Why an incident matched: the field, the words found there, and a short passage around the first. */
export interface MatchReason {
  readonly field: SearchField;
  readonly terms: readonly string[];
  readonly excerpt: string;
}

export interface LibraryMatch {
  readonly entry: CatalogEntry;
  /** Empty when there is no query (the incident is listed because it passed the filters). */
  readonly reasons: readonly MatchReason[];
}

interface IndexedIncident {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly impact: string;
  readonly services: string;
  readonly timeline: string;
}

const EXCERPT_RADIUS = 60;

/**
 * A line of a digest's timeline as `reader` reads it. An automatic entry's line holds its rendering
 * in every language (so a query in any of them finds it); the reader sees only theirs (the
 * pseudo-locale, English's). Lines of digests written before the renderings were told apart, and
 * people's entries, are shown as they are.
 */
export function readerLine(line: string, reader: UiLanguage): string {
  if (!line.includes(RENDERING_SEPARATOR)) return line;
  const renderings = line.split(RENDERING_SEPARATOR);
  return renderings[LANGUAGES.indexOf(isLanguage(reader) ? reader : SOURCE_LANGUAGE)] ?? renderings[0] ?? '';
}

/** The start of `text`, each line as the reader reads it, cut at about two radii. */
function opening(text: string, reader: UiLanguage): string {
  const limit = EXCERPT_RADIUS * 2;
  const lines: string[] = [];
  let length = 0;
  for (let from = 0; length <= limit; ) {
    const end = text.indexOf('\n', from);
    const line = readerLine(text.slice(from, end === -1 ? undefined : end), reader);
    lines.push(line);
    length += line.length + 1;
    if (end === -1) break;
    from = end + 1;
  }
  const shown = lines.join('\n');
  return shown.length > limit ? `${shown.slice(0, limit).trimEnd()}…` : shown;
}

/**
 * A one-line passage of `text` around the first occurrence of any of `terms`, in the reader's
 * language: where the term is in an automatic entry, the passage is from the reader's rendering of
 * it, around the term when that rendering has it too, else its start (the term was found in
 * another language's words, which are not shown, so nothing is marked).
 */
export function excerptAround(text: string, terms: readonly string[], reader: UiLanguage = SOURCE_LANGUAGE): string {
  // Folding keeps the length of all but a few characters (ligatures, full-width forms); where it
  // does not, the passage is a few characters off, never wrong text.
  const lower = foldText(text);
  let at = -1;
  let length = 0;
  for (const term of terms) {
    const index = lower.indexOf(term);
    if (index !== -1 && (at === -1 || index < at)) {
      at = index;
      length = term.length;
    }
  }
  if (at === -1) return opening(text, reader);
  // Stay within the timeline line (entry) the term is in.
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd);
  // The reader's rendering has neither line breaks nor separators: this recursion ends there.
  if (line.includes(RENDERING_SEPARATOR)) return excerptAround(readerLine(line, reader), terms, reader);
  const start = Math.max(lineStart, at - EXCERPT_RADIUS);
  const end = Math.min(lineEnd, at + length + EXCERPT_RADIUS);
  let passage = text.slice(start, end).replace(/\s+/g, ' ').trim();
  // A cut that lands on a sentence end would read "…. It"; start at the next word instead.
  if (start > lineStart) passage = `…${passage.replace(/^[.,;:!?)\s]+/, '')}`;
  return `${passage}${end < lineEnd ? '…' : ''}`;
}

export class LibraryIndex {
  private readonly search = new MiniSearch<IndexedIncident>({
    fields: [...SEARCH_FIELDS],
    // The same tokens for the text and the query, in every script (see searchTokens); they are
    // folded already, so terms pass through as they are.
    tokenize: searchTokens,
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: 3, services: 2, summary: 1.5 },
      // "timout" still finds "timeout"; "kafk" finds "kafka" as it is typed.
      fuzzy: 0.2,
      prefix: true,
      combineWith: 'AND',
    },
  });
  private readonly texts = new Map<string, IndexedIncident>();
  private readonly entries: readonly CatalogEntry[];

  /** `entries` in the order they should list; digests of incidents not in `entries` are ignored. */
  constructor(entries: readonly CatalogEntry[], digests: readonly IncidentDigest[]) {
    this.entries = entries;
    const byId = new Map(digests.map((digest) => [digest.id, digest]));
    const documents = entries.map((entry): IndexedIncident => {
      const digest = byId.get(entry.id);
      return {
        id: entry.id,
        // The catalog title follows the document most closely; the digest may be a save behind.
        title: entry.title || digest?.title || '',
        summary: digest?.summary ?? '',
        impact: digest?.impact ?? '',
        services: digest?.services.join('\n') ?? '',
        timeline: digest?.timeline ?? '',
      };
    });
    for (const document of documents) this.texts.set(document.id, document);
    this.search.addAll(documents);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Incidents that pass the filters; with a query, those that match it, best first, with reasons
   * whose passages are in the `reader`'s language.
   */
  find(filters: LibraryFilters, reader: UiLanguage = SOURCE_LANGUAGE): LibraryMatch[] {
    const passes = (entry: CatalogEntry): boolean =>
      (filters.severity === null || entry.severity === filters.severity) &&
      (filters.phase === null || entry.phase === filters.phase) &&
      (filters.from === null || (entry.declaredAt !== null && entry.declaredAt >= filters.from)) &&
      (filters.until === null || (entry.declaredAt !== null && entry.declaredAt < filters.until));
    const query = filters.query.trim();
    if (query === '') return this.entries.filter(passes).map((entry) => ({ entry, reasons: [] }));
    const byId = new Map(this.entries.map((entry) => [entry.id, entry]));
    const matches: LibraryMatch[] = [];
    for (const result of this.search.search(query)) {
      const entry = byId.get(result.id as string);
      if (entry && passes(entry)) matches.push({ entry, reasons: this.reasonsFor(result, reader) });
    }
    return matches;
  }

  private reasonsFor(result: SearchResult, reader: UiLanguage): MatchReason[] {
    const text = this.texts.get(result.id as string);
    if (!text) return [];
    const termsByField = new Map<SearchField, string[]>();
    for (const [term, fields] of Object.entries(result.match)) {
      for (const field of fields as SearchField[]) termsByField.set(field, [...(termsByField.get(field) ?? []), term]);
    }
    return SEARCH_FIELDS.filter((field) => termsByField.has(field)).map((field) => {
      const terms = termsByField.get(field)!;
      return { field, terms, excerpt: excerptAround(text[field], terms, reader) };
    });
  }
}
