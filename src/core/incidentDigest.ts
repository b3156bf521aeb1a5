// The searchable text of one incident, small enough to keep next to the library catalog so that
// search and "similar incidents" never have to open every incident document.
import type * as Y from 'yjs';
import type { IncidentInfo, Person } from './model';
import { entryRenderings, type SearchableEntry } from './events/searchText';
import { readCollection, readIncidentInfo } from './read';

export interface IncidentDigest {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly impact: string;
  readonly services: readonly string[];
  /** The names of the incident's people: similar incidents ignore them (older digests have none). */
  readonly people: readonly string[];
  /**
   * Timeline entry texts in timeline order, one per line (line breaks inside an entry become
   * spaces); an automatic entry in every language's rendering, so a query in any of them finds it,
   * the renderings in LANGUAGES order between RENDERING_SEPARATORs (digests written before have
   * them between spaces).
   */
  readonly timeline: string;
  /** True when the timeline text was cut at MAX_DIGEST_TIMELINE_CHARS. */
  readonly truncated: boolean;
}

/**
 * A 10,000-entry incident writes about a megabyte of timeline text; the digest keeps the first
 * 400,000 characters, which covers every incident short of a generated stress test.
 */
export const MAX_DIGEST_TIMELINE_CHARS = 400_000;

/**
 * Between the renderings of an automatic entry on its digest line, so that the library can show a
 * reader the one in their language. A control character: never a word, never in entry text.
 */
export const RENDERING_SEPARATOR = '\u001f';

function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029\u001f]+/g, ' ').trim();
}

function lineOf(entry: SearchableEntry): string {
  const renderings = entryRenderings(entry);
  if (!renderings) return oneLine(entry.text);
  const lines = renderings.map(oneLine);
  return lines.every((line) => line === '') ? '' : lines.join(RENDERING_SEPARATOR);
}

export function digestOf(
  incident: IncidentInfo,
  timeline: readonly SearchableEntry[],
  people: readonly Pick<Person, 'name'>[],
  maxTimelineChars = MAX_DIGEST_TIMELINE_CHARS,
): IncidentDigest {
  const lines: string[] = [];
  let length = 0;
  let truncated = false;
  for (const entry of timeline) {
    const line = lineOf(entry);
    if (line === '') continue;
    if (length + line.length + 1 > maxTimelineChars) {
      truncated = true;
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return Object.freeze({
    id: incident.id,
    title: incident.title,
    summary: incident.summary,
    impact: incident.impact,
    services: Object.freeze([...incident.services]),
    people: Object.freeze(people.map((person) => person.name)),
    timeline: lines.join('\n'),
    truncated,
  });
}

/** The digest of a document, or null when it holds no declared incident yet. */
export function digestOfDocument(doc: Y.Doc, maxTimelineChars = MAX_DIGEST_TIMELINE_CHARS): IncidentDigest | null {
  const incident = readIncidentInfo(doc);
  if (!incident) return null;
  return digestOf(incident, readCollection(doc, 'timeline'), readCollection(doc, 'people'), maxTimelineChars);
}
