// Home's search excerpt shows an automatic entry in the reader's language only. The digest keeps
// every language's rendering of such an entry (so a query in any of them finds it), told apart by
// a separator; the excerpt picks the reader's, and where the words found are another language's,
// it shows the reader's rendering with nothing of theirs marked.
import { describe, expect, it } from 'vitest';
import { entryText } from '@core/events/entryText';
import type { SearchableEntry } from '@core/events/searchText';
import { LANGUAGES, translator, type UiLanguage } from '@core/i18n';
import { digestOf, type IncidentDigest, RENDERING_SEPARATOR } from '@core/incidentDigest';
import type { IncidentInfo, TimelineEntry } from '@core/model';
import { foldText } from '@core/search/tokens';
import { excerptAround, LibraryIndex, NO_FILTERS, readerLine } from '../../src/renderer/features/library/libraryIndex';
import type { CatalogEntry } from '../../src/renderer/sync/storage';

const T = Date.UTC(2026, 2, 2, 9);

const incident = {
  id: 'inc-1',
  title: 'Replica lag',
  summary: '',
  impact: '',
  services: [],
} as unknown as IncidentInfo;

const taskCreated: SearchableEntry = {
  kind: 'event',
  event: 'task.created',
  params: { title: 'Check replica lag', assigneeId: 'sato-id', assigneeName: '佐藤 花子' },
  text: 'Task created: “Check replica lag”, assigned to 佐藤 花子',
};
const note: SearchableEntry = { kind: 'note', text: 'Ошибки на оплате растут' };

/** An automatic entry's rendering in one language, as the room shows it. */
const rendering = (language: UiLanguage) => entryText(taskCreated as TimelineEntry, translator(language));

const catalog: CatalogEntry = {
  id: 'inc-1',
  title: 'Replica lag',
  severity: 'SEV2',
  phase: 'investigating',
  declaredAt: T,
  updatedAt: T,
  createdAt: T,
  archivedAt: null,
  readable: true,
  problem: null,
};

function timelineReason(index: LibraryIndex, query: string, reader: UiLanguage) {
  const [match, ...rest] = index.find({ ...NO_FILTERS, query }, reader);
  expect(rest, query).toEqual([]);
  const reason = match?.reasons.find((r) => r.field === 'timeline');
  expect(reason, `${query} matched in the timeline`).toBeDefined();
  return reason!;
}

/** The excerpt's marked words, as IncidentList's Highlighted marks them (case-insensitive). */
const marked = (excerpt: string, terms: readonly string[]) => terms.filter((term) => foldText(excerpt).includes(term));

describe('the digest tells an automatic entry’s renderings apart', () => {
  it('keeps one rendering per language, in LANGUAGES order, between separators', () => {
    const digest = digestOf(incident, [taskCreated, note], []);
    const [event, person] = digest.timeline.split('\n');
    expect(event!.split(RENDERING_SEPARATOR)).toEqual(LANGUAGES.map((language) => rendering(language)));
    expect(person).toBe(note.text);
  });

  it('never lets a person’s text pass for renderings', () => {
    const digest = digestOf(incident, [{ kind: 'note', text: `a${RENDERING_SEPARATOR}b` }], []);
    expect(digest.timeline).toBe('a b');
  });
});

describe('the search excerpt of an automatic entry, in the reader’s language', () => {
  const index = new LibraryIndex([catalog], [digestOf(incident, [note, taskCreated], [])]);

  it('shows only the reader’s rendering when the query is in the reader’s language', () => {
    for (const [language, query] of [
      ['en', 'created'],
      ['ja', 'タスク作成'],
      ['zh-CN', '已创建任务'],
      ['ru', 'создана'],
    ] as const) {
      const reason = timelineReason(index, query, language);
      expect(reason.excerpt, language).toBe(rendering(language));
      expect(marked(reason.excerpt, reason.terms).length, language).toBeGreaterThan(0);
    }
  });

  it('shows the reader’s rendering, nothing marked, when the words found are another language’s', () => {
    for (const [reader, query] of [
      ['ja', 'created'],
      ['en', 'タスク作成'],
      ['ru', '已创建任务'],
      ['zh-CN', 'создана'],
    ] as const) {
      const reason = timelineReason(index, query, reader);
      expect(reason.excerpt, `${query} read in ${reader}`).toBe(rendering(reader));
      expect(reason.excerpt).not.toContain(RENDERING_SEPARATOR);
      expect(marked(reason.excerpt, reason.terms), `${query} read in ${reader}`).toEqual([]);
    }
  });

  it('marks words the reader’s rendering shares with the query (a task title typed in another script)', () => {
    const reason = timelineReason(index, 'replica', 'ja');
    expect(reason.excerpt).toBe(rendering('ja'));
    expect(marked(reason.excerpt, reason.terms)).toEqual(['replica']);
  });

  it('reads English in the pseudo-locale, whose catalogs are built from it', () => {
    expect(timelineReason(index, 'タスク作成', 'en-XA').excerpt).toBe(rendering('en'));
  });

  it('shows a person’s entry as written, whatever the reader’s language', () => {
    expect(timelineReason(index, 'оплате', 'ja').excerpt).toBe(note.text);
  });

  it('without a term in the text, opens with the reader’s rendering of each line', () => {
    const text = digestOf(incident, [taskCreated, note], []).timeline;
    expect(excerptAround(text, ['absent'], 'ru')).toBe(`${rendering('ru')}\n${note.text}`);
  });

  it('shows a digest written before the renderings were told apart as it is', () => {
    const old = LANGUAGES.map((language) => rendering(language)).join(' ');
    expect(readerLine(old, 'ja')).toBe(old);
    const oldIndex = new LibraryIndex([catalog], [{ ...digestOf(incident, [], []), timeline: old } satisfies IncidentDigest]);
    expect(timelineReason(oldIndex, 'created', 'ja').excerpt).toContain('created');
  });
});
