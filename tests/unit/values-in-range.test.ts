// Values in range: a time outside 1970–2100, a negative duration or a reference to nothing is
// refused at import with a message naming the field and record; the same time arriving from a
// peer's document reads as invalid, and every export still succeeds.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, createTask, markMilestone, proposeHypothesis, recordEntry } from '../../src/core/commands';
import { exportHtml, exportJson, exportMarkdown, exportTimelineCsv } from '../../src/core/export';
import { parseIncidentExport } from '../../src/core/import';
import { readSnapshot } from '../../src/core/read';
import { collection } from '../../src/core/schema';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';
import { declaredIncident, exchange } from './support/incident';

const json = exportJson(checkoutOutage, { now: EXPORTED_AT });

// biome-ignore lint/suspicious/noExplicitAny: the tests damage arbitrary nested fields of a parsed file.
function refusal(change: (doc: Record<string, any>) => void): string {
  const doc = JSON.parse(json);
  change(doc);
  const result = parseIncidentExport(JSON.stringify(doc));
  if (result.ok) throw new Error('expected the import to be refused');
  return result.message;
}

describe('at import', () => {
  it('refuses a time outside 1970 to 2100, naming the field and the record', () => {
    expect(refusal((d) => (d.timeline[0].at = 8.64e15))).toBe(
      'timeline[0].at is out of range (found 8640000000000000): times must be between 1970-01-01 and 2100-01-01 UTC.',
    );
    expect(refusal((d) => (d.tasks[1].dueAt = -1))).toBe(
      'tasks[1].dueAt is out of range (found -1): times must be between 1970-01-01 and 2100-01-01 UTC.',
    );
    expect(refusal((d) => (d.milestones[0].at = Date.UTC(2100, 0, 2)))).toMatch(
      /^milestones\[0\]\.at is out of range \(found 4102531200000\)/,
    );
  });

  it('refuses negative durations', () => {
    expect(refusal((d) => (d.people[1].dutyMsBefore = -60_000))).toBe('people[1].dutyMsBefore must not be negative (found -60000).');
    expect(
      refusal((d) => {
        const tenure = d.roles.find((t: { endedAt: number | null }) => t.endedAt !== null) ?? d.roles[0];
        tenure.endedAt = tenure.assignedAt - 1;
      }),
    ).toMatch(/^roles\[\d+\]\.endedAt is before its assignedAt: a role cannot end before it began\.$/);
  });

  it('refuses references to records that are not in the file', () => {
    expect(refusal((d) => (d.tasks[0].assigneeId = 'nobody-here'))).toBe('tasks[0].assigneeId "nobody-here" names no person in people.');
    expect(refusal((d) => (d.tasks[0].hypothesisId = 'no-such-idea'))).toBe(
      'tasks[0].hypothesisId "no-such-idea" names no hypothesis in hypotheses.',
    );
    expect(refusal((d) => (d.roles[0].personId = 'ghost'))).toBe('roles[0].personId "ghost" names no person in people.');
    expect(refusal((d) => (d.hypotheses[0].ownerId = 'ghost'))).toBe('hypotheses[0].ownerId "ghost" names no person in people.');
  });

  it('still takes the untouched file', () => {
    expect(parseIncidentExport(json).ok).toBe(true);
  });
});

describe('from a peer', () => {
  it('reads a time of 8.64e15 as invalid, and Markdown, HTML and CSV exports still succeed', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const entry = recordEntry(doc, { kind: 'note', text: 'from the future' }, ic);
    const task = createTask(doc, { title: 'Check DB', assigneeId: bo }, ic);
    proposeHypothesis(doc, { statement: 'Pool exhausted' }, ic);
    markMilestone(doc, { kind: 'detected' }, ic);
    // A peer (hostile, or broken) writes times no Date can format once a time zone is applied.
    const peer = new Y.Doc();
    exchange(doc, peer);
    peer.transact(() => {
      collection(peer, 'timeline').get(entry)!.set('at', 8.64e15);
      collection(peer, 'timeline').get(entry)!.set('recordedAt', -8.64e15);
      collection(peer, 'tasks').get(task)!.set('dueAt', 8.64e15);
      collection(peer, 'tasks').get(task)!.set('createdAt', Number.MAX_VALUE);
      for (const milestone of collection(peer, 'milestones').values()) milestone.set('at', 8.64e15);
      for (const person of collection(peer, 'people').values()) person.set('joinedAt', -1);
    }, 'remote');
    exchange(doc, peer);
    clock.advance(60_000);

    const snapshot = readSnapshot(doc)!;
    const read = snapshot.timeline.find((e) => e.id === entry)!;
    // Out of range reads as missing: `at` falls back as other bad values do, `recordedAt` to `at`.
    expect(read.at).toBe(0);
    expect(read.recordedAt).toBe(0);
    expect(snapshot.tasks[0]!.dueAt).toBeNull();

    const options = { now: clock.now, timeZone: 'America/New_York' };
    expect(exportMarkdown(snapshot, options)).toContain('from the future');
    expect(exportHtml(snapshot, options)).toContain('from the future');
    expect(exportTimelineCsv(snapshot, options)).toContain('from the future');
    // A JSON export of what was read imports again: the bad values are gone, not carried on.
    expect(parseIncidentExport(exportJson(snapshot, options)).ok).toBe(true);
  });
});
