// The back-fill preview's choices become the command's lines: names mapped once for all their
// lines, kinds changed, dropped lines and lines without a time never written.
import { describe, expect, it } from 'vitest';
import { parseBackfillLog } from '../../src/core/backfill';
import {
  backfillFileProblem,
  backfillInput,
  guessAuthors,
  logAuthors,
  type AuthorChoice,
} from '../../src/renderer/features/timeline/backfillPreview';

const utc = (iso: string) => Date.parse(iso);
const reading = parseBackfillLog(
  [
    '[19:10] Ana Lima: replication stopped',
    '[19:11] kenji: paging the DBA',
    '[19:12] ana lima: failing over',
    '[25:00] kenji: a broken time',
    '19:13 a line nobody signed',
    '[19:14] Avery: done',
  ].join('\n'),
  { reference: utc('2017-01-31T19:00:00Z'), zone: 'UTC' },
);
const roster = [
  { id: 'p-ana', name: 'Ana Lima' },
  { id: 'p-avery', name: 'Avery Commander' },
];

describe('logAuthors and guessAuthors', () => {
  it('lists each name once, as first written, with its line count', () => {
    expect(logAuthors(reading.lines)).toEqual([
      { key: 'ana lima', name: 'Ana Lima', lineCount: 2 },
      { key: 'kenji', name: 'kenji', lineCount: 2 },
      { key: 'avery', name: 'Avery', lineCount: 1 },
    ]);
  });

  it('matches names to the roster and makes the others new people', () => {
    expect(Object.fromEntries(guessAuthors(logAuthors(reading.lines), roster))).toEqual({
      'ana lima': { kind: 'person', personId: 'p-ana' },
      kenji: { kind: 'new' },
      avery: { kind: 'person', personId: 'p-avery' },
    });
  });
});

describe('backfillInput', () => {
  const authors = guessAuthors(logAuthors(reading.lines), roster);

  it('writes every line with a time, with its author, kind and time, and leaves out the broken one', () => {
    const input = backfillInput(reading.lines, { authors, kinds: new Map(), dropped: new Set() });
    expect(input.map((line) => [new Date(line.at).toISOString().slice(11, 16), line.text, line.saidBy])).toEqual([
      ['19:10', 'replication stopped', { personId: 'p-ana' }],
      ['19:11', 'paging the DBA', { newPersonName: 'kenji' }],
      ['19:12', 'failing over', { personId: 'p-ana' }],
      ['19:13', 'a line nobody signed', null],
      ['19:14', 'done', { personId: 'p-avery' }],
    ]);
  });

  it('applies changed kinds, dropped lines and a name given to the recorder', () => {
    const chosen = new Map<string, AuthorChoice>(authors).set('kenji', { kind: 'recorder' });
    const input = backfillInput(reading.lines, { authors: chosen, kinds: new Map([[3, 'decision']]), dropped: new Set([6]) });
    expect(input.map((line) => [line.text, line.kind, line.saidBy])).toEqual([
      ['replication stopped', 'note', { personId: 'p-ana' }],
      ['paging the DBA', 'note', null],
      ['failing over', 'decision', { personId: 'p-ana' }],
      ['a line nobody signed', 'note', null],
    ]);
  });

  it('names a new person as the log first wrote them', () => {
    const lines = parseBackfillLog('[19:10] Kenji Sato: one\n[19:11] kenji sato: two', {
      reference: utc('2017-01-31T19:00:00Z'),
      zone: 'UTC',
    }).lines;
    const input = backfillInput(lines, { authors: new Map(), kinds: new Map(), dropped: new Set() });
    expect(input.map((line) => line.saidBy)).toEqual([{ newPersonName: 'Kenji Sato' }, { newPersonName: 'Kenji Sato' }]);
  });
});

describe('backfillFileProblem', () => {
  it('opens text logs up to 2 MB', () => {
    expect(backfillFileProblem({ name: 'chat.TXT', size: 10 })).toBeNull();
    expect(backfillFileProblem({ name: 'export.csv', size: 2 * 1024 * 1024 })).toBeNull();
    expect(backfillFileProblem({ name: 'server.log', size: 1 })).toBeNull();
  });

  it('refuses other files and larger ones, saying why', () => {
    expect(backfillFileProblem({ name: 'shot.png', size: 10 })).toMatch(/not a text log/);
    expect(backfillFileProblem({ name: 'big.log', size: 2 * 1024 * 1024 + 1 })).toBe(
      '“big.log” is 2.1 MB; back-fill opens logs up to 2 MB. Paste the part of the log you need instead.',
    );
  });
});
