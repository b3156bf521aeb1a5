// A real incident's record, played in the way a war room actually writes one: two laptops, one of
// them offline for a third of the night, part of the timeline typed live and part back-filled
// afterwards from a pasted chat log. The export must carry every event exactly once, in the
// order of the source, with the source's time and the person who really said or did it.
//
// The incident is the accidental deletion of a production database's data directory during a
// replication repair, as in GitLab.com's public postmortem of 31 January 2017 (times in UTC,
// approximate; the wording and the people here are our own).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseBackfillLog, matchAuthorToRoster } from '@core/backfill';
import { addPerson, backfillEntries, declareIncident, recordEntry, type Actor } from '@core/commands';
import { exportJson, exportTimelineCsv } from '@core/export';
import { readCollection, readSnapshot } from '@core/read';
import { exchange } from './support/incident';
import { parseExportedCsv } from '../support/strictCsv';
import { at, SOURCE, type Who } from '../fixtures/postmortem-gitlab-2017';

function actorOf(id: string, name: string, clock: { now: number }): Actor {
  return { id, name, now: () => clock.now };
}

describe('a public postmortem, played in by two laptops', () => {
  it('exports every event exactly once, in source order, with its source time and its real author', () => {
    const clock = { now: at('2017-01-31T17:30:00Z') };
    // Laptop A: the IC, Lee, who also types for others. Laptop B: Sam, who joins from his own.
    const lee = actorOf('p-lee', 'Lee Park', clock);
    const sam = actorOf('p-sam', 'Sam Okoro', clock);
    const a = new Y.Doc();
    const b = new Y.Doc();
    declareIncident(
      a,
      { title: 'Production database data directory removed', severity: 'SEV1', startedAt: at('2017-01-31T17:20:00Z') },
      lee,
    );
    const ids: Record<Who, string> = {
      'Lee Park': 'p-lee',
      'Sam Okoro': addPerson(a, { id: 'p-sam', name: 'Sam Okoro' }, lee),
      'Dana Weiss': addPerson(a, { name: 'Dana Weiss' }, lee),
      'Kim Sato': addPerson(a, { name: 'Kim Sato' }, lee),
    };
    exchange(a, b);

    const live = (doc: Y.Doc, by: Actor, [time, who, kind, text]: (typeof SOURCE)[number]) => {
      clock.now = at(time) + 30_000; // written half a minute after it happened
      recordEntry(doc, { kind, text, at: at(time), saidById: ids[who] }, by);
    };

    // First third, together: everything typed live on the IC's laptop, and it reaches Sam's.
    for (const event of SOURCE.slice(0, 10)) live(a, lee, event);
    exchange(a, b);

    // Second third, apart: Sam's laptop is offline. Each laptop writes down what it saw.
    for (const event of SOURCE.slice(10, 20)) {
      if (event[1] === 'Sam Okoro' || event[1] === 'Dana Weiss') live(b, sam, event);
      else live(a, lee, event);
    }

    // Last third, afterwards: the chat log of the recovery is pasted into the IC's laptop.
    clock.now = at('2017-02-01T19:00:00Z');
    const log = SOURCE.slice(20)
      .map(([time, who, , text]) => `[${time.slice(11, 16)}] ${who}: ${text}`)
      .join('\n');
    const reading = parseBackfillLog(log, { reference: at('2017-01-31T17:20:00Z'), zone: 'UTC' });
    expect(reading.lines.every((line) => line.problem === undefined)).toBe(true);
    const roster = readCollection(a, 'people').map((p) => ({ id: p.id, name: p.name }));
    backfillEntries(
      a,
      {
        lines: reading.lines.map((line, index) => {
          const personId = matchAuthorToRoster(line.authorName ?? '', roster);
          if (!personId || line.at === null) throw new Error(`line ${line.lineNumber} did not map`);
          return { kind: SOURCE[20 + index]![2], text: line.text, at: line.at, saidBy: { personId } };
        }),
      },
      lee,
    );

    // Back together.
    exchange(a, b);
    const fromA = readSnapshot(a)!;
    expect(readSnapshot(b)).toEqual(fromA);
    expect(exportJson(readSnapshot(b)!, { now: clock.now })).toBe(exportJson(fromA, { now: clock.now }));

    // The JSON: the authored entries are exactly the source, in its order, times and speakers.
    const name = (id: string) => fromA.people.find((p) => p.id === id)?.name;
    const authored = fromA.timeline.filter((e) => e.kind !== 'event');
    expect(authored.map((e) => [new Date(e.at).toISOString(), name(e.saidById ?? e.authorId), e.kind, e.text])).toEqual(
      SOURCE.map(([time, who, kind, text]) => [new Date(at(time)).toISOString(), who, kind, text]),
    );
    // Who wrote each down is kept apart from who said it.
    const byText = new Map(authored.map((e) => [e.text, e]));
    expect(byText.get(SOURCE[0]![3])).toMatchObject({ authorName: 'Lee Park', saidByName: 'Dana Weiss' });
    expect(byText.get(SOURCE[10]![3])).toMatchObject({ authorName: 'Sam Okoro', saidByName: 'Dana Weiss' });
    expect(byText.get(SOURCE[12]![3])).toMatchObject({ authorName: 'Sam Okoro', saidById: null });
    expect(byText.get(SOURCE[29]![3])).toMatchObject({ authorName: 'Lee Park', saidByName: 'Kim Sato' });

    // The CSV says the same, row for row.
    const [header, ...rows] = parseExportedCsv(exportTimelineCsv(fromA, { timeZone: 'UTC', now: clock.now }));
    expect(header).toEqual(['utc_time', 'local_time', 'author', 'kind', 'text', 'said_by', 'correction']);
    const csvAuthored = rows.filter((row) => row[3] !== 'event');
    expect(csvAuthored.map((row) => [row[0], row[5] || row[2], row[4]])).toEqual(
      SOURCE.map(([time, who, , text]) => [new Date(at(time)).toISOString(), who, text]),
    );
  });
});
