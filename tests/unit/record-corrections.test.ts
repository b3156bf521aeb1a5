// A record the review can trust: every entry says when it happened and who said it, and
// corrections and retractions keep what was there and who changed it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CommandError,
  addPerson,
  backfillEntries,
  correctEntry,
  correctMilestone,
  logSystemChange,
  markMilestone,
  proposeHypothesis,
  recordCheck,
  recordEntry,
  retractEntry,
  retractMilestone,
} from '@core/commands';
import { exportJson } from '@core/export';
import { importIncidentIntoDoc, parseIncidentExport } from '@core/import';
import { computeMetrics } from '@core/metrics';
import { readCollection, readSnapshot } from '@core/read';
import { actor, declaredIncident, exchange, T0 } from './support/incident';

const MINUTE = 60_000;

function entry(doc: Y.Doc, id: string) {
  const found = readCollection(doc, 'timeline').find((e) => e.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}

describe('when it happened and who said it', () => {
  it('keeps a back-filled time apart from when it was written, and who said it apart from who typed it', () => {
    const { doc, ic, clock } = declaredIncident();
    const scribe = actor('scribe', 'Sam Scribe', clock);
    const dana = addPerson(doc, { name: 'Dana DBA' }, ic);
    clock.advance(30 * MINUTE);
    const id = recordEntry(doc, { kind: 'fact', text: 'Replication stopped', at: T0 + 10 * MINUTE, saidById: dana }, scribe);
    const written = entry(doc, id);
    expect(written).toMatchObject({
      at: T0 + 10 * MINUTE,
      recordedAt: T0 + 30 * MINUTE,
      authorId: 'scribe',
      authorName: 'Sam Scribe',
      saidById: dana,
      saidByName: 'Dana DBA',
    });
    // Said by oneself is just authored.
    const own = recordEntry(doc, { kind: 'note', text: 'mine', saidById: 'scribe' }, scribe);
    expect(entry(doc, own).saidById).toBeNull();
  });

  it('refuses a speaker who is not in the roster, and a time in the future', () => {
    const { doc, ic, clock } = declaredIncident();
    expect(() => recordEntry(doc, { kind: 'note', text: 'x', saidById: 'ghost' }, ic)).toThrow(
      new CommandError('That person no longer exists.'),
    );
    expect(() => recordEntry(doc, { kind: 'note', text: 'x', at: clock.now + 10 * MINUTE }, ic)).toThrow(/cannot be in the future/);
  });
});

describe('corrections keep what was there', () => {
  it('keeps every earlier version with who corrected it, oldest first, and records the correction', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = actor('bo', 'Bo', clock);
    const id = recordEntry(doc, { kind: 'fact', text: 'Primary at 100% CPU' }, ic);
    clock.advance(MINUTE);
    correctEntry(doc, { entryId: id, text: 'Primary at 95% CPU' }, bo);
    clock.advance(MINUTE);
    correctEntry(doc, { entryId: id, at: T0 - 5 * MINUTE }, ic);
    const corrected = entry(doc, id);
    expect(corrected.text).toBe('Primary at 95% CPU');
    expect(corrected.at).toBe(T0 - 5 * MINUTE);
    expect(corrected.revisions.map((r) => [r.text, r.at, r.editedByName, r.editedAt])).toEqual([
      ['Primary at 100% CPU', T0, 'Bo', T0 + MINUTE],
      ['Primary at 95% CPU', T0, 'Avery IC', T0 + 2 * MINUTE],
    ]);
    const records = readCollection(doc, 'timeline').filter((e) => e.event === 'entry.corrected');
    expect(records.map((e) => e.subject)).toEqual([
      { collection: 'timeline', id },
      { collection: 'timeline', id },
    ]);
    expect(() => correctEntry(doc, { entryId: id, text: 'Primary at 95% CPU' }, ic)).toThrow(new CommandError('Nothing to change.'));
  });

  it('never rewords an automatic record', () => {
    const { doc, ic } = declaredIncident();
    const declared = readCollection(doc, 'timeline').find((e) => e.event === 'incident.declared');
    expect(() => correctEntry(doc, { entryId: declared!.id, text: 'something else' }, ic)).toThrow(/cannot be reworded/);
  });

  it('retracts without erasing: the entry stays, marked, with who and why, and cannot be changed after', () => {
    const { doc, ic } = declaredIncident();
    const id = recordEntry(doc, { kind: 'decision', text: 'Fail over to replica' }, ic);
    retractEntry(doc, { entryId: id, reason: 'Wrong incident' }, ic);
    expect(entry(doc, id)).toMatchObject({ text: 'Fail over to replica', retractedById: 'ic-profile', retractionReason: 'Wrong incident' });
    expect(entry(doc, id).retractedAt).not.toBeNull();
    expect(() => correctEntry(doc, { entryId: id, text: 'y' }, ic)).toThrow(/was retracted/);
    expect(() => retractEntry(doc, { entryId: id }, ic)).toThrow(/was retracted/);
  });

  it('keeps both corrections made at once on two laptops', () => {
    const { doc, ic, clock } = declaredIncident();
    const other = new Y.Doc();
    exchange(doc, other);
    const id = recordEntry(doc, { kind: 'fact', text: 'Error rate 20%' }, ic);
    exchange(doc, other);
    clock.advance(MINUTE);
    correctEntry(doc, { entryId: id, text: 'Error rate 25%' }, ic);
    correctEntry(other, { entryId: id, text: 'Error rate 30%' }, actor('bo', 'Bo', clock));
    exchange(doc, other);
    const here = entry(doc, id);
    expect(entry(other, id)).toEqual(here);
    expect(here.revisions).toHaveLength(2);
    expect(here.revisions.every((r) => r.text === 'Error rate 20%')).toBe(true);
    expect(['Error rate 25%', 'Error rate 30%']).toContain(here.text);
  });
});

describe('milestones', () => {
  it('corrects time and note with history, and a retracted second "Started" measures nothing', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(20 * MINUTE);
    const detected = markMilestone(doc, { kind: 'detected', note: 'pager' }, ic);
    const second = markMilestone(doc, { kind: 'started', at: T0 - 60 * MINUTE }, ic);
    expect(computeMetrics(readSnapshot(doc)!, clock.now).milestoneAt.started).toBe(T0 - 60 * MINUTE);
    retractMilestone(doc, { milestoneId: second, reason: 'duplicate' }, ic);
    expect(computeMetrics(readSnapshot(doc)!, clock.now).milestoneAt.started).toBe(T0);
    correctMilestone(doc, { milestoneId: detected, at: T0 + 15 * MINUTE, note: 'pager, 19:15' }, ic);
    const milestone = readCollection(doc, 'milestones').find((m) => m.id === detected)!;
    expect(milestone).toMatchObject({ at: T0 + 15 * MINUTE, note: 'pager, 19:15' });
    expect(milestone.revisions.map((r) => [r.text, r.at])).toEqual([['pager', T0 + 20 * MINUTE]]);
    expect(() => correctMilestone(doc, { milestoneId: second, note: 'x' }, ic)).toThrow(/was retracted/);
  });
});

describe('the JSON export carries the history', () => {
  it('round-trips said-by, revisions and retractions, and still reads a file without them', () => {
    const { doc, ic, clock } = declaredIncident();
    const dana = addPerson(doc, { name: 'Dana' }, ic);
    const id = recordEntry(doc, { kind: 'fact', text: 'v1', saidById: dana }, ic);
    clock.advance(MINUTE);
    correctEntry(doc, { entryId: id, text: 'v2' }, ic);
    const gone = recordEntry(doc, { kind: 'note', text: 'oops' }, ic);
    retractEntry(doc, { entryId: gone, reason: 'typo' }, ic);
    const json = exportJson(readSnapshot(doc)!, { now: clock.now });
    const parsed = parseIncidentExport(json);
    if (!parsed.ok) throw new Error(parsed.message);
    const copy = new Y.Doc();
    importIncidentIntoDoc(copy, parsed.snapshot);
    expect(readSnapshot(copy)).toEqual(readSnapshot(doc));
    const file = JSON.parse(json) as { formatVersion: number; timeline: Array<Record<string, unknown>> };
    expect(file.formatVersion).toBe(6);
    const plain = file.timeline.find((e) => e.event === 'incident.declared')!;
    // Version 5: an automatic entry carries its event's parameters, not only a sentence.
    expect(plain.params).toEqual({ title: expect.any(String), severity: expect.stringMatching(/^SEV[1-4]$/) });
    // Fields added in version 3 are left out while empty, so older readers' files stay the same.
    expect(Object.keys(plain)).not.toContain('revisions');
    expect(Object.keys(plain)).not.toContain('saidById');
    expect(file.timeline.find((e) => e.id === id)).toMatchObject({ saidById: dana, saidByName: 'Dana', revisions: [{ text: 'v1' }] });
  });
});

describe('back-fill from a log', () => {
  it('writes every line as its own entry with its own time and speaker, in one transaction, adding missing people once', () => {
    const { doc, ic, clock } = declaredIncident();
    const dana = addPerson(doc, { name: 'Dana DBA' }, ic);
    clock.advance(3 * 60 * MINUTE);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const ids = backfillEntries(
      doc,
      {
        lines: [
          { kind: 'fact', text: 'Replication stopped', at: T0 + 10 * MINUTE, saidBy: { personId: dana } },
          { kind: 'note', text: '主库 CPU 100%', at: T0 + 12 * MINUTE, saidBy: { newPersonName: '鈴木 一郎' } },
          { kind: 'decision', text: 'Fail over', at: T0 + 15 * MINUTE, saidBy: { newPersonName: '鈴木 一郎' } },
          { kind: 'action', text: 'Paged the DBA', at: T0 + 16 * MINUTE, saidBy: null },
        ],
      },
      ic,
    );
    expect(transactions).toBe(1);
    const people = readCollection(doc, 'people');
    const suzuki = people.filter((p) => p.name === '鈴木 一郎');
    expect(suzuki).toHaveLength(1);
    expect(ids.map((id) => [entry(doc, id).at, entry(doc, id).saidByName, entry(doc, id).recordedAt])).toEqual([
      [T0 + 10 * MINUTE, 'Dana DBA', clock.now],
      [T0 + 12 * MINUTE, '鈴木 一郎', clock.now],
      [T0 + 15 * MINUTE, '鈴木 一郎', clock.now],
      [T0 + 16 * MINUTE, '', clock.now],
    ]);
    expect(readCollection(doc, 'timeline').some((e) => e.event === 'timeline.backfilled' && e.text.includes('4 entries'))).toBe(true);
  });

  it('refuses the whole paste when one line is bad, naming the line, and writes nothing', () => {
    const { doc, ic, clock } = declaredIncident();
    const before = readCollection(doc, 'timeline').length;
    expect(() =>
      backfillEntries(
        doc,
        {
          lines: [
            { kind: 'note', text: 'fine', at: T0, saidBy: null },
            { kind: 'note', text: 'from the future', at: clock.now + 60 * MINUTE, saidBy: null },
          ],
        },
        ic,
      ),
    ).toThrow(/^Line 2: the time cannot be in the future\.$/);
    expect(() => backfillEntries(doc, { lines: [] }, ic)).toThrow(/nothing to back-fill/);
    expect(readCollection(doc, 'timeline')).toHaveLength(before);
  });
});

describe('changes, hypotheses and checks say when they happened', () => {
  it('keeps a backdated time apart from when it was written, and refuses one in the future', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(60 * MINUTE);
    const change = logSystemChange(doc, { description: 'Raised max_connections', system: 'db', at: T0 + 20 * MINUTE }, ic);
    const hypothesis = proposeHypothesis(doc, { statement: 'Pool exhausted', at: T0 + 25 * MINUTE }, ic);
    recordCheck(doc, { hypothesisId: hypothesis, description: 'Pool metrics', at: T0 + 30 * MINUTE }, ic);
    const now = logSystemChange(doc, { description: 'Restarted web', system: 'web' }, ic);
    const snapshot = readSnapshot(doc)!;
    expect(snapshot.changes.find((c) => c.id === change)).toMatchObject({ at: T0 + 20 * MINUTE, recordedAt: T0 + 60 * MINUTE });
    expect(snapshot.changes.find((c) => c.id === now)).toMatchObject({ at: T0 + 60 * MINUTE, recordedAt: null });
    const h = snapshot.hypotheses.find((x) => x.id === hypothesis)!;
    expect(h).toMatchObject({ at: T0 + 25 * MINUTE, createdAt: T0 + 60 * MINUTE });
    expect(h.checks[0]).toMatchObject({ at: T0 + 30 * MINUTE, recordedAt: T0 + 60 * MINUTE });
    // Their timeline records sit at when it happened, so the timeline reads in the order of events.
    const records = snapshot.timeline.filter((e) => e.event === 'change.applied' || e.event?.startsWith('hypothesis.'));
    expect(records.map((e) => e.at)).toEqual([T0 + 20 * MINUTE, T0 + 25 * MINUTE, T0 + 30 * MINUTE, T0 + 60 * MINUTE]);
    expect(() => logSystemChange(doc, { description: 'x', system: 'y', at: clock.now + 60 * MINUTE }, ic)).toThrow(
      /cannot be in the future/,
    );
    // An export carries the new fields and reads back the same.
    const parsed = parseIncidentExport(exportJson(snapshot, { now: clock.now }));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.snapshot.changes).toEqual(snapshot.changes);
    expect(parsed.snapshot.hypotheses).toEqual(snapshot.hypotheses);
  });
});
