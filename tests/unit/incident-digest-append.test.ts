// The open incident's search digest is appended to rather than rebuilt: after any seeded sequence
// of adds (automatic entries of every kind, notes, backdated notes) and edits (corrections,
// retractions, attachments, removals), the kept digest equals a full rebuild, and the cheap path
// is really the one taken for plain adds.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { startSev1Simulation } from '../../scripts/bench/sev1Scenario';
import { correctEntry, recordEntry, retractEntry, type Actor } from '../../src/core/commands';
import { DigestKeeper, digestOfDocument, digestOfOpenDocument } from '../../src/core/incidentDigest';
import { readCollection } from '../../src/core/read';
import { collection } from '../../src/core/schema';
import { setTimeDisplay, timeDisplay } from '../../src/core/time/display';
import { seededRandom } from '../support/seededRandom';
import { declareIncident } from '../../src/core/commands';
import { actor, testClock } from './support/incident';
import { testLibraries } from './support/libraries';

const START = Date.UTC(2026, 10, 20, 0, 0, 0);
const WORDS = ['kafka', 'лаг', 'レプリケーション', '主库', 'rollback', 'p99', 'eu-west-1', 'x\ny', 'tab\there', '', '  '];

function sentence(random: ReturnType<typeof seededRandom>): string {
  const length = random.int(0, 5);
  return Array.from({ length }, () => random.pick(WORDS)).join(' ');
}

/** Runs one seeded mix of commands, digesting now and then, and checks each digest. */
function run(seed: number, steps: number, maxTimelineChars?: number): DigestKeeper {
  const random = seededRandom(seed);
  const doc = new Y.Doc();
  const simulation = startSev1Simulation(doc, { seed, startAt: START, commands: steps });
  const ic: Actor = { id: 'ic-profile', name: 'Avery IC', now: () => simulation.now + 1 };
  const keeper = new DigestKeeper(doc, maxTimelineChars);
  const personEntries = (): string[] =>
    readCollection(doc, 'timeline')
      .filter((entry) => entry.kind !== 'event' && typeof entry.retractedAt !== 'number')
      .map((entry) => entry.id);
  for (let step = 0; step < steps; step++) {
    const roll = random.next();
    if (roll < 0.6) simulation.step();
    else if (roll < 0.75)
      recordEntry(doc, { kind: random.pick(['note', 'fact', 'action'] as const), text: `note ${sentence(random)}` }, ic);
    else if (roll < 0.8)
      recordEntry(doc, { kind: 'note', text: `backdated ${sentence(random)}`, at: START + random.int(0, simulation.now - START) }, ic);
    else if (roll < 0.85) {
      const id = random.maybePick(personEntries());
      if (id) correctEntry(doc, { entryId: id, text: `corrected ${sentence(random)}` }, ic);
    } else if (roll < 0.88) {
      const id = random.maybePick(personEntries());
      if (id) retractEntry(doc, { entryId: id, reason: sentence(random) }, ic);
    } else if (roll < 0.9) {
      // Several entries in one transaction, one of them edited right after it was added.
      doc.transact(() => {
        const id = recordEntry(doc, { kind: 'note', text: `batch ${sentence(random)}` }, ic);
        recordEntry(doc, { kind: 'decision', text: `decided ${sentence(random)}` }, ic);
        correctEntry(doc, { entryId: id, text: `batch corrected ${sentence(random)}` }, ic);
      });
    } else if (roll < 0.91) {
      // A peer's removal of an entry (the app never deletes one, but a document may arrive so).
      const id = random.maybePick(personEntries());
      if (id) doc.transact(() => collection(doc, 'timeline').delete(id));
    }
    if (random.chance(0.15) || step === steps - 1) {
      const kept = keeper.digest();
      expect(kept, `seed ${seed} step ${step}`).toEqual(digestOfDocument(doc, maxTimelineChars));
    }
  }
  keeper.destroy();
  doc.destroy();
  return keeper;
}

describe('the kept search digest', () => {
  it('equals a full rebuild after seeded sequences of adds and edits', () => {
    let appended = 0;
    let rebuilt = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const keeper = run(seed, 400);
      appended += keeper.counts.appended;
      rebuilt += keeper.counts.rebuilt;
    }
    // Both paths ran: adds appended; edits, removals and backdated entries rebuilt.
    expect(appended).toBeGreaterThan(100);
    expect(rebuilt).toBeGreaterThan(50);
  });

  it('equals a full rebuild when the cap cuts the timeline', () => {
    for (const seed of [7, 8]) {
      const keeper = run(seed, 300, 2_000);
      expect(keeper.counts.appended).toBeGreaterThan(0);
    }
  });

  it("appends in the bench's SEV1 mix, which only adds entries", () => {
    const doc = new Y.Doc();
    const simulation = startSev1Simulation(doc, { seed: 11, startAt: START, commands: 1_500 });
    const keeper = new DigestKeeper(doc);
    for (let i = 0; i < 1_500; i++) {
      simulation.step();
      if (i % 10 === 9) keeper.digest();
    }
    expect(keeper.digest()).toEqual(digestOfDocument(doc));
    expect(keeper.counts).toEqual({ rebuilt: 1, appended: 150 });
    keeper.destroy();
    doc.destroy();
  });

  it('appends a word added last, and reads nothing else again', () => {
    const doc = new Y.Doc();
    const simulation = startSev1Simulation(doc, { seed: 9, startAt: START, commands: 200 });
    for (let i = 0; i < 200; i++) simulation.step();
    const ic: Actor = { id: 'ic-profile', name: 'Avery IC', now: () => simulation.now + 1 };
    const first = digestOfOpenDocument(doc);
    expect(first?.timeline).not.toContain('zanzibar');
    recordEntry(doc, { kind: 'note', text: 'Failover to zanzibar-db2 started' }, ic);
    const second = digestOfOpenDocument(doc);
    expect(second?.timeline.split('\n').at(-1)).toBe('Failover to zanzibar-db2 started');
    expect(second).toEqual(digestOfDocument(doc));
    doc.destroy();
  });

  it('rebuilds when the zone automatic entries are written in changes', () => {
    const doc = new Y.Doc();
    const simulation = startSev1Simulation(doc, { seed: 10, startAt: START, commands: 300 });
    const keeper = new DigestKeeper(doc);
    const before = timeDisplay();
    try {
      for (let i = 0; i < 300; i++) simulation.step();
      keeper.digest();
      setTimeDisplay({ ...before, zone: before.zone === 'Asia/Tokyo' ? 'UTC' : 'Asia/Tokyo' });
      for (let i = 0; i < 20; i++) simulation.step();
      expect(keeper.digest()).toEqual(digestOfDocument(doc));
      expect(keeper.counts.rebuilt).toBe(2);
    } finally {
      setTimeDisplay(before);
      keeper.destroy();
      doc.destroy();
    }
  });
});

describe('search from Home with the kept digest', () => {
  const { freshStore, open } = testLibraries('digest-append');

  it('finds each word as it is added, save after save, and after an edit of an older entry', async () => {
    const clock = testClock();
    const ic = actor('ic', 'Avery IC', clock);
    const library = await open(freshStore());
    const handle = await library.incidents.create('inc-a');
    declareIncident(handle.doc, { id: 'inc-a', title: 'Checkout errors', severity: 'SEV2' }, ic);
    const first = recordEntry(handle.doc, { kind: 'note', text: 'Card payments fail in eu-west-1' }, ic);
    await handle.whenSaved();
    for (const word of ['aardvark', 'bandicoot', 'capybara']) {
      clock.advance(60_000);
      recordEntry(handle.doc, { kind: 'note', text: `Paged the ${word} team` }, ic);
      await handle.whenSaved();
      const [digest] = await library.searchDigests.list();
      expect(digest!.timeline.split('\n').at(-1)).toBe(`Paged the ${word} team`);
    }
    correctEntry(handle.doc, { entryId: first, text: 'Card payments fail in ap-south-2' }, ic);
    await handle.whenSaved();
    const [digest] = await library.searchDigests.list();
    expect(digest!.timeline).toContain('ap-south-2');
    expect(digest!.timeline).not.toContain('eu-west-1');
    expect(digest!.timeline).toEqual(digestOfDocument(handle.doc)!.timeline);
    await handle.close();
  });
});
