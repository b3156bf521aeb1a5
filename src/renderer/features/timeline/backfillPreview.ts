// The back-fill preview's decisions, as plain data: who each name in the log is (a roster person,
// a new person, or the one recording), each line's kind, which lines are dropped; and the lines
// the command writes from them. Lines whose time could not be read are never written.
import { comparableName, matchAuthorToRoster, type BackfillLine, type RosterPerson } from '@core/backfill';
import type { BackfillEntryInput } from '@core/commands';
import type { AuthoredEntryKind } from '@core/model';
import { createI18n } from '@core/i18n';
import type { TFunction } from 'i18next';

/** Who a name in the log is taken to be. */
export type AuthorChoice =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'new' }
  | { readonly kind: 'recorder' };

/** A distinct name in the log: its key (names compared as people read them) and how it was first written. */
export interface LogAuthor {
  readonly key: string;
  readonly name: string;
  readonly lineCount: number;
}

/** The names in the log, in order of first appearance; "Ana Lima" and "ana lima" are one. */
export function logAuthors(lines: readonly BackfillLine[]): LogAuthor[] {
  const authors = new Map<string, { name: string; lineCount: number }>();
  for (const line of lines) {
    if (line.authorName === null) continue;
    const key = comparableName(line.authorName);
    if (key === '') continue;
    const known = authors.get(key);
    if (known) known.lineCount += 1;
    else authors.set(key, { name: line.authorName, lineCount: 1 });
  }
  return [...authors].map(([key, author]) => ({ key, ...author }));
}

/** The first guess for each name: the roster person it matches, else a new person. */
export function guessAuthors(authors: readonly LogAuthor[], roster: readonly RosterPerson[]): Map<string, AuthorChoice> {
  return new Map(
    authors.map((author) => {
      const personId = matchAuthorToRoster(author.name, roster);
      return [author.key, personId === null ? { kind: 'new' } : { kind: 'person', personId }];
    }),
  );
}

export interface PreviewDecisions {
  /** Per author key; a name without a choice is a new person. */
  readonly authors: ReadonlyMap<string, AuthorChoice>;
  /** Kinds changed in the preview, by line number. */
  readonly kinds: ReadonlyMap<number, AuthoredEntryKind>;
  /** Line numbers the person left out. */
  readonly dropped: ReadonlySet<number>;
}

/** Whether a line goes into the timeline: kept, with a time, and with text. */
export function isWritten(line: BackfillLine, decisions: Pick<PreviewDecisions, 'dropped'>): boolean {
  return line.at !== null && line.problem === undefined && line.text.trim() !== '' && !decisions.dropped.has(line.lineNumber);
}

/** The lines the back-fill command writes, in the log's order. */
export function backfillInput(lines: readonly BackfillLine[], decisions: PreviewDecisions): BackfillEntryInput[] {
  // A new person is named as the log first wrote them, however later lines spell it.
  const firstWritten = new Map(logAuthors(lines).map((author) => [author.key, author.name.trim()]));
  return lines.flatMap((line) => {
    if (!isWritten(line, decisions) || line.at === null) return [];
    return [
      {
        kind: decisions.kinds.get(line.lineNumber) ?? line.kind,
        text: line.text,
        at: line.at,
        saidBy: speaker(line.authorName, decisions.authors, firstWritten),
      },
    ];
  });
}

function speaker(
  authorName: string | null,
  authors: ReadonlyMap<string, AuthorChoice>,
  firstWritten: ReadonlyMap<string, string>,
): BackfillEntryInput['saidBy'] {
  if (authorName === null) return null;
  const key = comparableName(authorName);
  if (key === '') return null;
  const choice = authors.get(key) ?? { kind: 'new' };
  if (choice.kind === 'person') return { personId: choice.personId };
  if (choice.kind === 'new') return { newPersonName: firstWritten.get(key) ?? authorName.trim() };
  return null;
}

/** The largest log file back-fill opens: far more than hours of chat, small enough to preview. */
export const BACKFILL_FILE_LIMIT_BYTES = 2 * 1024 * 1024;
export const BACKFILL_FILE_EXTENSIONS = ['.txt', '.csv', '.log'] as const;

/** Says a file problem in a language: the dialog passes the UI's; tests and callers without one get English. */
export type FileProblemWords = (key: 'backfill.notLog' | 'backfill.tooLarge', values: { name: string; size?: string }) => string;

let english: TFunction<'timeline'> | null = null;
const inEnglish: FileProblemWords = (key, values) => {
  english ??= createI18n('en').getFixedT('en', 'timeline');
  return english(key, values);
};

/** Why a file cannot be opened for back-fill, or null when it can. */
export function backfillFileProblem(
  file: { readonly name: string; readonly size: number },
  t: FileProblemWords = inEnglish,
): string | null {
  const lower = file.name.toLowerCase();
  if (!BACKFILL_FILE_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
    return t('backfill.notLog', { name: file.name });
  }
  if (file.size > BACKFILL_FILE_LIMIT_BYTES) {
    // Rounded up, so a file just over the limit never reads as "2.0 MB" against "up to 2 MB".
    const megabytes = (Math.ceil((file.size / (1024 * 1024)) * 10) / 10).toFixed(1);
    return t('backfill.tooLarge', { name: file.name, size: megabytes });
  }
  return null;
}
