// The searchable text of one incident, small enough to keep next to the library catalog so that
// search and "similar incidents" never have to open every incident document.
import * as Y from 'yjs';
import type { IncidentInfo, Person, TimelineEntry } from './model';
import { entryRenderings, type SearchableEntry } from './events/searchText';
import { compareEntries, readCollection, readIncidentInfo, readRecord } from './read';
import { collection } from './schema';
import { LANGUAGES } from './i18n';
import { timeDisplay } from './time/display';

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

/** The timeline part of a digest, as far as it was written. */
interface TimelineText {
  readonly text: string;
  /** Characters counted against the cap: each line and its line break. */
  readonly length: number;
  readonly truncated: boolean;
}

const EMPTY_TIMELINE: TimelineText = { text: '', length: 0, truncated: false };

/** `soFar` with a line for each of `entries` after it, up to the cap. */
function appendLines(soFar: TimelineText, entries: readonly SearchableEntry[], maxTimelineChars: number): TimelineText {
  if (soFar.truncated) return soFar;
  const lines: string[] = [];
  let length = soFar.length;
  let truncated = false;
  for (const entry of entries) {
    const line = lineOf(entry);
    if (line === '') continue;
    if (length + line.length + 1 > maxTimelineChars) {
      truncated = true;
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  if (lines.length === 0) return truncated ? { ...soFar, truncated } : soFar;
  const added = lines.join('\n');
  return { text: soFar.text === '' ? added : `${soFar.text}\n${added}`, length, truncated };
}

function digestWith(incident: IncidentInfo, people: readonly Pick<Person, 'name'>[], timeline: TimelineText): IncidentDigest {
  return Object.freeze({
    id: incident.id,
    title: incident.title,
    summary: incident.summary,
    impact: incident.impact,
    services: Object.freeze([...incident.services]),
    people: Object.freeze(people.map((person) => person.name)),
    timeline: timeline.text,
    truncated: timeline.truncated,
  });
}

export function digestOf(
  incident: IncidentInfo,
  timeline: readonly SearchableEntry[],
  people: readonly Pick<Person, 'name'>[],
  maxTimelineChars = MAX_DIGEST_TIMELINE_CHARS,
): IncidentDigest {
  return digestWith(incident, people, appendLines(EMPTY_TIMELINE, timeline, maxTimelineChars));
}

/** The digest of a document, or null when it holds no declared incident yet. */
export function digestOfDocument(doc: Y.Doc, maxTimelineChars = MAX_DIGEST_TIMELINE_CHARS): IncidentDigest | null {
  const incident = readIncidentInfo(doc);
  if (!incident) return null;
  return digestOf(incident, readCollection(doc, 'timeline'), readCollection(doc, 'people'), maxTimelineChars);
}

/**
 * What a digest's lines depend on besides the entries: the line format (the renderings between
 * RENDERING_SEPARATORs), the languages an automatic entry is rendered in, in order, the zone its
 * times are written in, and the cap. A change of any of them rebuilds the kept digest.
 */
const DIGEST_LINE_FORMAT = 2;

function digestBasis(maxTimelineChars: number): string {
  return `${DIGEST_LINE_FORMAT}|${LANGUAGES.join(',')}|${timeDisplay().zone}|${maxTimelineChars}`;
}

/**
 * The digest of one open document, kept up to date by appending: the timeline is watched, and
 * entries added since the last digest that sort after its last entry are appended as lines,
 * without reading or rendering the rest of the timeline again (which costs about a second at
 * 50,000 entries, every 30 s while an incident changes). Anything else rebuilds it from the whole
 * timeline: an entry edited, corrected, retracted or removed, one added out of order (backdated),
 * or a change of the basis above. The result is always what digestOfDocument gives.
 */
export class DigestKeeper {
  private readonly timeline: Y.Map<unknown>;
  /** Entries added since the last digest; a change inside any other entry means a rebuild. */
  private readonly added = new Set<string>();
  private stale = true;
  private basis = '';
  private text: TimelineText = EMPTY_TIMELINE;
  /** The last entry in timeline order at the last digest: appended entries must sort after it. */
  private last: TimelineEntry | null = null;
  /** How each digest was made, for tests and the bench. */
  readonly counts = { rebuilt: 0, appended: 0 };

  constructor(
    private readonly doc: Y.Doc,
    private readonly maxTimelineChars = MAX_DIGEST_TIMELINE_CHARS,
  ) {
    this.timeline = collection(doc, 'timeline') as Y.Map<unknown>;
    this.timeline.observeDeep(this.onChange);
  }

  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    if (this.stale) return;
    for (const event of events) {
      if (event.target === this.timeline) {
        for (const [id, change] of event.changes.keys) {
          if (change.action === 'add') this.added.add(id);
          else this.stale = true; // an entry replaced or removed
        }
      } else {
        // A change inside an entry: harmless while that entry still waits to be appended.
        const id = event.path[0];
        if (typeof id !== 'string' || !this.added.has(id)) this.stale = true;
      }
      if (this.stale) return;
    }
  };

  /** The document's digest now, or null while it holds no declared incident. */
  digest(): IncidentDigest | null {
    const incident = readIncidentInfo(this.doc);
    if (!incident) return null;
    const people = readCollection(this.doc, 'people');
    const basis = digestBasis(this.maxTimelineChars);
    if (this.stale || basis !== this.basis || !this.append()) this.rebuild(basis);
    return digestWith(incident, people, this.text);
  }

  /** Stops watching the document. */
  destroy(): void {
    this.timeline.unobserveDeep(this.onChange);
  }

  /** Appends the entries added since the last digest; false when they cannot simply be appended. */
  private append(): boolean {
    const entries: TimelineEntry[] = [];
    for (const id of this.added) {
      const record = this.timeline.get(id);
      if (record === undefined) return false;
      // readCollection leaves out a value that is not a record; so does the digest.
      if (record instanceof Y.Map) entries.push(readRecord('timeline', id, record));
    }
    entries.sort(compareEntries);
    const first = entries[0];
    if (first !== undefined && this.last !== null && compareEntries(first, this.last) <= 0) return false;
    this.text = appendLines(this.text, entries, this.maxTimelineChars);
    this.last = entries[entries.length - 1] ?? this.last;
    this.added.clear();
    this.counts.appended++;
    return true;
  }

  private rebuild(basis: string): void {
    const timeline = readCollection(this.doc, 'timeline');
    this.text = appendLines(EMPTY_TIMELINE, timeline, this.maxTimelineChars);
    this.last = timeline[timeline.length - 1] ?? null;
    this.added.clear();
    this.stale = false;
    this.basis = basis;
    this.counts.rebuilt++;
  }
}

const keepers = new WeakMap<Y.Doc, DigestKeeper>();

/**
 * digestOfDocument for a document that stays open and is digested again and again (the open
 * incident's saves): the first call reads the whole timeline, later ones append what was added.
 */
export function digestOfOpenDocument(doc: Y.Doc): IncidentDigest | null {
  let keeper = keepers.get(doc);
  if (!keeper) {
    keeper = new DigestKeeper(doc);
    keepers.set(doc, keeper);
  }
  return keeper.digest();
}
