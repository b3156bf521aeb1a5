// The review draft: generating never overwrites what people wrote, concurrent edits to one field
// merge, the five whys converge across peers, the key timeline holds the moments a reviewer
// needs, and review edits reach the timeline without flooding it.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addWhy,
  CommandError,
  editReviewField,
  editWhy,
  generateReviewDraft,
  logSystemChange,
  markChangeRolledBack,
  markMilestone,
  moveWhy,
  proposeHypothesis,
  recordEntry,
  removeWhy,
  REVIEW_RECORD_INTERVAL_MS,
  setHypothesisStatus,
  updateIncidentDetails,
} from '../../src/core/commands';
import { readReview, readSnapshot } from '../../src/core/read';
import { keyTimeline, REVIEW_PROMPTS } from '../../src/core/review';
import { REVIEW_FIELDS } from '../../src/core/model';
import { reviewWhysMap } from '../../src/core/schema';
import { createIncidentStore } from '../../src/core/store';
import { mapCaret, rebaseText, textSplice } from '../../src/core/textDiff';
import { actor, declaredIncident, exchange, testClock, T0 } from './support/incident';

const MINUTE = 60_000;

/** Two peers holding the same declared incident. */
function twoPeers() {
  const { doc: a, ic, clock } = declaredIncident();
  const b = new Y.Doc();
  exchange(a, b);
  const ben = actor('ben-profile', 'Ben Responder', clock);
  return { a, b, ic, ben, clock };
}

const questions = (doc: Y.Doc) => readReview(doc).fiveWhys.map((w) => w.question);
const reviewEvents = (doc: Y.Doc) => readSnapshot(doc)!.timeline.filter((e) => e.event?.startsWith('review.'));

describe('generateReviewDraft', () => {
  it('fills the empty fields the record has facts for, and starts the five whys', () => {
    const { doc, ic, clock } = declaredIncident();
    updateIncidentDetails(doc, { impact: 'EU card payments fail' }, ic);
    clock.advance(20 * MINUTE);
    const result = generateReviewDraft(doc, ic);
    expect(result.filled).toEqual(['summary', 'impact']);
    expect(result.addedWhy).toBe(true);
    const review = readReview(doc);
    expect(review.summary).toContain('Checkout errors (SEV2) started 2026-11-21 09:00 UTC.');
    expect(review.summary).toContain('What was known when it was declared: 5xx on /pay');
    expect(review.impact).toContain('EU card payments fail');
    // Sections the record says nothing about stay empty: their prompt is a placeholder, not content.
    expect([review.rootCause, review.wentWell, review.wentBadly, review.lessons]).toEqual(['', '', '', '']);
    expect(review.fiveWhys.map((w) => w.question)).toEqual(['Why did “Checkout errors” happen?']);
  });

  it('writes what was confirmed, ruled out and left in place, and never a prompt', () => {
    const { doc, ic } = declaredIncident();
    const pool = proposeHypothesis(doc, { statement: 'Pool exhausted' }, ic);
    setHypothesisStatus(doc, { hypothesisId: pool, status: 'confirmed' }, ic);
    logSystemChange(doc, { description: 'Raise max_connections', system: 'db' }, ic);
    generateReviewDraft(doc, ic);
    const review = readReview(doc);
    expect(review.rootCause).toBe('Confirmed during the incident:\n- Pool exhausted');
    expect(review.wentBadly).toBe('1 system change made during the incident is not marked rolled back.');
    for (const field of REVIEW_FIELDS) expect(review[field]).not.toContain(REVIEW_PROMPTS[field]);
  });

  it('asks blameless questions: the prompts are about systems and conditions and name nobody', () => {
    for (const field of ['rootCause', 'wentWell', 'wentBadly', 'lessons'] as const) {
      expect(REVIEW_PROMPTS[field]).not.toMatch(/\b(who|fault|blame|should have)\b/i);
    }
  });

  it('never overwrites text someone already wrote, and refuses when nothing is left to fill', () => {
    const { doc, ic } = declaredIncident();
    editReviewField(doc, { field: 'rootCause', text: 'Pool size default of 10 applied.' }, ic);
    addWhy(doc, { question: 'Why did the pool run dry?' }, ic);
    const result = generateReviewDraft(doc, ic);
    expect(result.filled).toEqual(['summary']);
    expect(result.addedWhy).toBe(false);
    expect(readReview(doc).rootCause).toBe('Pool size default of 10 applied.');
    expect(questions(doc)).toEqual(['Why did the pool run dry?']);

    expect(() => generateReviewDraft(doc, ic)).toThrow(CommandError);
    // Someone clears one field: the next draft fills that one only.
    const before = readReview(doc);
    editReviewField(doc, { field: 'summary', text: '' }, ic);
    expect(generateReviewDraft(doc, ic).filled).toEqual(['summary']);
    const after = readReview(doc);
    expect(after.summary).not.toBe('');
    expect({ ...after, summary: '' }).toEqual({ ...before, summary: '' });
  });

  it('records the generation in the timeline, naming what it filled', () => {
    const { doc, ic } = declaredIncident();
    updateIncidentDetails(doc, { impact: 'EU card payments fail' }, ic);
    editReviewField(doc, { field: 'summary', text: 'Written by hand.' }, ic);
    generateReviewDraft(doc, ic);
    const entry = reviewEvents(doc).find((e) => e.event === 'review.draft-generated')!;
    expect(entry.text).toBe('Generated the review draft: filled impact, the first of the five whys');
    expect(entry.authorName).toBe('Avery IC');
  });
});

describe('editing review text', () => {
  it('turns a new full text into the smallest splice, never cutting an emoji in two', () => {
    expect(textSplice('The pool was small.', 'The pool was too small.')).toEqual({ index: 13, deleteCount: 0, insert: 'too ' });
    expect(textSplice('same', 'same')).toBeNull();
    expect(textSplice('abc', '')).toEqual({ index: 0, deleteCount: 3, insert: '' });
    // 😀 and 😁 share their first UTF-16 unit; the splice replaces the whole character.
    expect(textSplice('a😀b', 'a😁b')).toEqual({ index: 1, deleteCount: 2, insert: '😁' });
  });

  it('merges unsaved typing in an editor with an edit arriving from someone else', () => {
    const base = 'Pool was small. Alerts late.';
    // Apart: the editor typed in the second sentence, a peer edited the first.
    expect(rebaseText(base, 'Pool was small. Alerts 20m late.', 'The pool was small. Alerts late.')).toBe(
      'The pool was small. Alerts 20m late.',
    );
    expect(rebaseText(base, 'Pool was tiny. Alerts late.', 'Pool was small. Alerts very late.')).toBe('Pool was tiny. Alerts very late.');
    // Overlapping edits: the peer's text stays and the local insert follows it; nothing is lost.
    const merged = rebaseText('abc', 'aXc', 'aYc');
    expect(merged).toContain('X');
    expect(merged).toContain('Y');
    // Nothing typed locally, or both the same: the document's text wins as is.
    expect(rebaseText(base, base, 'new')).toBe('new');
    expect(rebaseText(base, 'same', 'same')).toBe('same');
    // The caret after "Alerts " stays after it when text is added before it.
    const local = 'Pool was small. Alerts ';
    const after = 'The pool was small. Alerts ';
    expect(mapCaret(local, after, local.length)).toBe(after.length);
    expect(mapCaret(local, after, 0)).toBe(0);
  });

  it('merges two people editing different parts of one field at once', () => {
    const { a, b, ic, ben } = twoPeers();
    editReviewField(a, { field: 'rootCause', text: 'The pool was small. Alerts came late.' }, ic);
    exchange(a, b);
    // Offline from each other: Avery edits the first sentence, Ben the second.
    editReviewField(a, { field: 'rootCause', text: 'The pool was far too small. Alerts came late.' }, ic);
    editReviewField(b, { field: 'rootCause', text: 'The pool was small. Alerts came 20 minutes late.' }, ben);
    exchange(a, b);
    expect(readReview(a).rootCause).toBe('The pool was far too small. Alerts came 20 minutes late.');
    expect(readReview(b)).toEqual(readReview(a));
  });

  it('keeps both drafts when two offline peers fill the same empty field', () => {
    const { a, b, ic, ben } = twoPeers();
    editReviewField(a, { field: 'lessons', text: 'Check config keys.' }, ic);
    editReviewField(b, { field: 'lessons', text: 'Alert on pool wait.' }, ben);
    exchange(a, b);
    const merged = readReview(a).lessons;
    expect(merged).toContain('Check config keys.');
    expect(merged).toContain('Alert on pool wait.');
    expect(readReview(b).lessons).toBe(merged);
  });

  it('refuses an unknown field and text over the limit with a clear message', () => {
    const { doc, ic } = declaredIncident();
    expect(() => editReviewField(doc, { field: 'blame' as never, text: 'x' }, ic)).toThrow(/Review field must be one of: summary, impact/);
    expect(() => editReviewField(doc, { field: 'lessons', text: 'x'.repeat(50_001) }, ic)).toThrow(
      'Lessons is too long: 50001 characters, the limit is 50000.',
    );
  });

  it('keeps the spaces a person is still typing', () => {
    const { doc, ic } = declaredIncident();
    editReviewField(doc, { field: 'wentWell', text: 'Alerts fired ' }, ic);
    expect(readReview(doc).wentWell).toBe('Alerts fired ');
  });
});

describe('timeline records of review edits', () => {
  it('records one entry per person and field per interval, however often they save', () => {
    const { a, b, ic, ben, clock } = twoPeers();
    for (let i = 1; i <= 20; i++) {
      editReviewField(a, { field: 'rootCause', text: 'Pool'.repeat(i) }, ic);
      clock.advance(5_000);
    }
    expect(reviewEvents(a).map((e) => e.text)).toEqual(["Edited the review's root cause"]);

    editReviewField(a, { field: 'impact', text: 'EU only' }, ic);
    exchange(a, b);
    editReviewField(b, { field: 'rootCause', text: 'Pool size' }, ben);
    clock.advance(REVIEW_RECORD_INTERVAL_MS);
    editReviewField(a, { field: 'rootCause', text: 'Pool size default' }, ic);
    exchange(a, b);
    expect(reviewEvents(a).map((e) => `${e.authorName}: ${e.text}`)).toEqual([
      "Avery IC: Edited the review's root cause",
      "Avery IC: Edited the review's impact",
      "Ben Responder: Edited the review's root cause",
      "Avery IC: Edited the review's root cause",
    ]);
  });

  it('records adding, removing and (throttled) editing and reordering of whys', () => {
    const { doc, ic } = declaredIncident();
    const first = addWhy(doc, { question: 'Why did checkout fail?' }, ic);
    const second = addWhy(doc, {}, ic);
    editWhy(doc, { whyId: second, question: 'Why was the pool exhausted?' }, ic);
    editWhy(doc, { whyId: second, answer: 'Default of 10' }, ic);
    moveWhy(doc, { whyId: second, direction: 'up' }, ic);
    moveWhy(doc, { whyId: second, direction: 'down' }, ic);
    removeWhy(doc, { whyId: first }, ic);
    expect(reviewEvents(doc).map((e) => e.text)).toEqual([
      'Added a why to the review: “Why did checkout fail?”',
      'Added a why to the review',
      'Edited the five whys',
      'Reordered the five whys',
      'Removed a why from the review: “Why did checkout fail?”',
    ]);
  });

  it('writes nothing when the text did not change', () => {
    const { doc, ic } = declaredIncident();
    editReviewField(doc, { field: 'summary', text: 'Same' }, ic);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    editReviewField(doc, { field: 'summary', text: 'Same' }, ic);
    expect(updates).toHaveLength(0);
  });
});

describe('five whys', () => {
  it('keeps the order it was written in and moves a step by rewriting only its own key', () => {
    const { doc, ic } = declaredIncident();
    const ids = ['one', 'two', 'three', 'four'].map((q) => addWhy(doc, { question: q }, ic));
    expect(questions(doc)).toEqual(['one', 'two', 'three', 'four']);
    const orders = new Map(readReview(doc).fiveWhys.map((w) => [w.id, w.order]));
    moveWhy(doc, { whyId: ids[3]!, direction: 'up' }, ic);
    expect(questions(doc)).toEqual(['one', 'two', 'four', 'three']);
    for (const why of readReview(doc).fiveWhys) {
      if (why.id !== ids[3]) expect(why.order).toBe(orders.get(why.id));
    }
    // The record moved is the same Y.Map: nothing was deleted and re-inserted.
    const record = reviewWhysMap(doc).get(ids[0]!);
    moveWhy(doc, { whyId: ids[0]!, direction: 'down' }, ic);
    expect(reviewWhysMap(doc).get(ids[0]!)).toBe(record);
    expect(questions(doc)).toEqual(['two', 'one', 'four', 'three']);
    expect(() => moveWhy(doc, { whyId: ids[2]!, direction: 'down' }, ic)).toThrow('That why is already last.');
    expect(() => moveWhy(doc, { whyId: ids[1]!, direction: 'up' }, ic)).toThrow('That why is already first.');
    expect(() => removeWhy(doc, { whyId: 'gone' }, ic)).toThrow('That why no longer exists.');
  });

  it('converges across two peers that add, edit, move and remove at once', () => {
    const { a, b, ic, ben } = twoPeers();
    const [w1, w2, w3] = ['Why 1', 'Why 2', 'Why 3'].map((q) => addWhy(a, { question: q }, ic));
    exchange(a, b);
    // Apart: Avery moves why 3 to the top and edits why 2; Ben removes why 1, answers why 2
    // and appends a fourth.
    moveWhy(a, { whyId: w3!, direction: 'up' }, ic);
    moveWhy(a, { whyId: w3!, direction: 'up' }, ic);
    editWhy(a, { whyId: w2!, question: 'Why 2, reworded' }, ic);
    removeWhy(b, { whyId: w1! }, ben);
    editWhy(b, { whyId: w2!, answer: 'Because of 2' }, ben);
    addWhy(b, { question: 'Why 4' }, ben);
    exchange(a, b);
    expect(readReview(a)).toEqual(readReview(b));
    expect(questions(a)).toEqual(['Why 3', 'Why 2, reworded', 'Why 4']);
    expect(readReview(a).fiveWhys[1]!.answer).toBe('Because of 2');
  });

  it('orders two whys appended at once the same on both peers, and can still move them apart', () => {
    const { a, b, ic, ben } = twoPeers();
    addWhy(a, { question: 'first' }, ic);
    exchange(a, b);
    const fromA = addWhy(a, { question: 'from Avery' }, ic);
    const fromB = addWhy(b, { question: 'from Ben' }, ben);
    exchange(a, b);
    const order = questions(a);
    expect(questions(b)).toEqual(order);
    // Both appended after "first" with the same key: ties break by id, then a move renumbers.
    const [x, y] = readReview(a).fiveWhys.slice(1);
    expect(x!.order).toBe(y!.order);
    const lower = [fromA, fromB].find((id) => id === y!.id)!;
    moveWhy(a, { whyId: lower, direction: 'up' }, ic);
    exchange(a, b);
    expect(questions(a)).toEqual([order[0], order[2], order[1]]);
    expect(questions(b)).toEqual(questions(a));
  });
  // Order keys themselves (and keys stored by earlier versions): fractional-index.test.ts.
});

describe('keyTimeline', () => {
  it('lists milestones, decisions, settled hypotheses and system changes with rollback, in time order', () => {
    const clock = testClock();
    const { doc, ic } = declaredIncident(clock);
    clock.advance(MINUTE);
    markMilestone(doc, { kind: 'detected', at: T0 - 5 * MINUTE, note: 'pager' }, ic);
    const open = proposeHypothesis(doc, { statement: 'Still open: a bad cache' }, ic);
    const dns = proposeHypothesis(doc, { statement: 'DNS failure' }, ic);
    const pool = proposeHypothesis(doc, { statement: 'Pool exhausted' }, ic);
    clock.advance(MINUTE);
    setHypothesisStatus(doc, { hypothesisId: dns, status: 'ruled-out' }, ic);
    clock.advance(MINUTE);
    const debug = logSystemChange(doc, { description: 'Debug logging on', system: 'payments-api' }, ic);
    clock.advance(MINUTE);
    recordEntry(doc, { kind: 'decision', text: 'Roll back the deploy' }, ic);
    recordEntry(doc, { kind: 'note', text: 'Just a note' }, ic);
    clock.advance(MINUTE);
    logSystemChange(doc, { description: 'Deploy rolled back', system: 'checkout-api' }, ic);
    clock.advance(MINUTE);
    setHypothesisStatus(doc, { hypothesisId: pool, status: 'confirmed' }, ic);
    clock.advance(MINUTE);
    markChangeRolledBack(doc, { changeId: debug }, ic);
    markMilestone(doc, { kind: 'mitigated' }, ic);

    const moments = keyTimeline(readSnapshot(doc)!);
    expect(moments.map((m) => [m.kind, m.text, (m.at - T0) / MINUTE])).toEqual([
      ['milestone', 'Detected (pager)', -5],
      ['milestone', 'Started', 0],
      ['hypothesis-ruled-out', 'DNS failure', 2],
      ['change', 'payments-api: Debug logging on', 3],
      ['decision', 'Roll back the deploy', 4],
      ['change', 'checkout-api: Deploy rolled back', 5],
      ['hypothesis-confirmed', 'Pool exhausted', 6],
      ['milestone', 'Mitigated', 7],
    ]);
    const changes = moments.filter((m) => m.kind === 'change');
    expect(changes.map((m) => [m.rolledBack, m.rolledBackAt && (m.rolledBackAt - T0) / MINUTE])).toEqual([
      [true, 7],
      [false, null],
    ]);
    expect(moments.some((m) => m.subject?.id === open)).toBe(false);
  });

  it('keeps milestones of the same minute in their natural order', () => {
    const clock = testClock();
    const { doc, ic } = declaredIncident(clock);
    clock.advance(5 * MINUTE);
    const at = T0 + 3 * MINUTE;
    markMilestone(doc, { kind: 'mitigated', at }, ic);
    markMilestone(doc, { kind: 'detected', at }, ic);
    markMilestone(doc, { kind: 'custom', label: 'Status page', at }, ic);
    markMilestone(doc, { kind: 'acknowledged', at }, ic);
    expect(keyTimeline(readSnapshot(doc)!).map((m) => m.text)).toEqual(['Started', 'Detected', 'Acknowledged', 'Mitigated', 'Status page']);
  });
});

describe('the incident store', () => {
  it('publishes a new review snapshot once per transaction, also for a peer’s edit', () => {
    const { a, b, ic, ben } = twoPeers();
    const store = createIncidentStore(b);
    let calls = 0;
    store.subscribe('review', () => calls++);
    generateReviewDraft(a, ic);
    exchange(a, b);
    expect(calls).toBe(1);
    expect(store.getReview()).toEqual(readReview(a));
    const before = store.getReview();
    editReviewField(b, { field: 'lessons', text: 'New lesson' }, ben);
    expect(calls).toBe(2);
    expect(store.getReview()).not.toBe(before);
    expect(store.getReview().lessons).toBe('New lesson');
    store.destroy();
  });
});
