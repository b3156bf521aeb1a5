// Writing the post-incident review together: free-text fields and the five whys are Y.Texts
// edited by minimal splices, so concurrent edits to different parts of a field both survive.
//
// Timeline policy: saving happens while people type, so recording every save would bury the
// incident under "edited the review" lines. Each person's edits to one field are recorded at
// most once per REVIEW_RECORD_INTERVAL_MS: the first save records, later saves within the
// interval do not. The throttle lives here, in the command, rather than on blur in the UI: it
// holds whichever screen wrote the change, and a window closed mid-sentence still left a record.
// The last-recorded times are kept in the document (`review` map) so a reload does not reset it.
import * as Y from 'yjs';
import { REVIEW_FIELDS, type ReviewField } from '../model';
import { readCollection, readIncidentInfo, readWhyStep, compareWhySteps } from '../read';
import {
  markReviewRecorded,
  readReviewRecordedAt,
  reviewMap,
  reviewRecordedKey,
  reviewText,
  reviewWhysMap,
  whyStepSchema,
  type YRecord,
} from '../schema';
import { newId } from '../ids';
import { listParam, type EventParams } from '../events/render';
import { evenlySpacedKeys, isOrderKey, keyAfter, keyBetween } from '../fractionalIndex';
import { applyTextChange } from '../textDiff';
import { draftReviewText, firstWhyQuestion, REVIEW_FIELD_LABELS } from '../review';
import { CommandError, oneOfValues, requireDeclared, runCommand, type Actor, type CommandScope } from './command';

/** A review field may hold a long write-up, longer than a timeline entry. */
export const REVIEW_TEXT_LIMIT = 50_000;

/** How often one person's edits to one review field are written to the timeline, at most. */
export const REVIEW_RECORD_INTERVAL_MS = 60 * 60_000;

function reviewTextInput(value: unknown, label: string): string {
  if (typeof value !== 'string') throw new CommandError('input.mustBeText', { field: { field: label } });
  // Not trimmed: the text is saved while the person types, and trimming would eat the space
  // they just typed at the end of a word.
  if (value.length > REVIEW_TEXT_LIMIT) {
    throw new CommandError('input.tooLong', { field: { field: label }, length: String(value.length), max: String(REVIEW_TEXT_LIMIT) });
  }
  return value;
}

/** Records `text` unless this person had the same kind of edit recorded within the interval. */
function recordThrottled(scope: CommandScope, throttleKey: string, params: EventParams, event: string): boolean {
  const review = reviewMap(scope.doc);
  const key = reviewRecordedKey(throttleKey, scope.actor.id);
  const last = readReviewRecordedAt(review, key);
  if (last !== null && scope.now >= last && scope.now - last < REVIEW_RECORD_INTERVAL_MS) return false;
  markReviewRecorded(review, key, scope.now);
  scope.record({ kind: 'event', event, params });
  return true;
}

const lower = (field: ReviewField): string => REVIEW_FIELD_LABELS[field].toLowerCase();

/** Saves the new full text of a review field as the minimal edit; a no-op when nothing changed. */
export function editReviewField(doc: Y.Doc, input: { field: ReviewField; text: string }, by: Actor): void {
  requireDeclared(doc);
  const field = oneOfValues(input.field, REVIEW_FIELDS, 'Review field');
  const text = reviewTextInput(input.text, REVIEW_FIELD_LABELS[field]);
  const target = reviewText(doc, field);
  if (target.toString() === text) return;
  runCommand(doc, by, `Edit review ${lower(field)}`, (scope) => {
    applyTextChange(target, text);
    recordThrottled(scope, field, { field }, 'review.edited');
  });
}

function whyRecord(doc: Y.Doc, whyId: unknown): YRecord {
  const record = typeof whyId === 'string' ? reviewWhysMap(doc).get(whyId) : undefined;
  if (!(record instanceof Y.Map)) throw new CommandError('review.whyGone');
  return record;
}

/** The Y.Text of a why's question or answer, made one if a peer wrote a plain string there. */
function whyText(record: YRecord, key: 'question' | 'answer'): Y.Text {
  const value = record.get(key);
  if (value instanceof Y.Text) return value;
  whyStepSchema.set(record, key, typeof value === 'string' ? value : '');
  return record.get(key) as Y.Text;
}

function sortedWhys(doc: Y.Doc) {
  const steps = [...reviewWhysMap(doc).entries()]
    .filter((entry): entry is [string, YRecord] => entry[1] instanceof Y.Map)
    .map(([id, record]) => readWhyStep(id, record));
  return steps.sort(compareWhySteps);
}

function insertWhy(doc: Y.Doc, question: string, answer: string): string {
  const steps = sortedWhys(doc);
  const id = newId();
  // After every key, those of earlier versions included; a peer's malformed key is ignored.
  const order = keyAfter(steps.map((step) => step.order));
  reviewWhysMap(doc).set(id, whyStepSchema.create({ question, answer, order }));
  return id;
}

/** Adds a why at the end of the five whys; both texts may start empty. */
export function addWhy(doc: Y.Doc, input: { question?: string; answer?: string }, by: Actor): string {
  requireDeclared(doc);
  const question = reviewTextInput(input.question ?? '', 'The question');
  const answer = reviewTextInput(input.answer ?? '', 'The answer');
  return runCommand(doc, by, 'Add a why', ({ record }) => {
    const id = insertWhy(doc, question, answer);
    record({
      kind: 'event',
      event: 'review.why-added',
      params: { question: question.trim() },
    });
    return id;
  });
}

/** Saves a why's question and/or answer as minimal edits. */
export function editWhy(doc: Y.Doc, input: { whyId: string; question?: string; answer?: string }, by: Actor): void {
  const record = whyRecord(doc, input.whyId);
  const question = input.question === undefined ? undefined : reviewTextInput(input.question, 'The question');
  const answer = input.answer === undefined ? undefined : reviewTextInput(input.answer, 'The answer');
  const step = readWhyStep(input.whyId, record);
  const changes = (question !== undefined && question !== step.question) || (answer !== undefined && answer !== step.answer);
  if (!changes) return;
  runCommand(doc, by, 'Edit a why', (scope) => {
    if (question !== undefined) applyTextChange(whyText(record, 'question'), question);
    if (answer !== undefined) applyTextChange(whyText(record, 'answer'), answer);
    recordThrottled(scope, `why:${input.whyId}`, {}, 'review.why-edited');
  });
}

export function removeWhy(doc: Y.Doc, input: { whyId: string }, by: Actor): void {
  const record = whyRecord(doc, input.whyId);
  const question = readWhyStep(input.whyId, record).question.trim();
  runCommand(doc, by, 'Remove a why', ({ record: write }) => {
    reviewWhysMap(doc).delete(input.whyId);
    write({
      kind: 'event',
      event: 'review.why-removed',
      params: { question },
    });
  });
}

/**
 * Moves a why one place up or down by giving it an order key between its new neighbours; only
 * its own `order` changes. When neighbours share a key (two peers appended at once) or a key is
 * malformed, the whole list gets fresh keys in the new order instead.
 */
export function moveWhy(doc: Y.Doc, input: { whyId: string; direction: 'up' | 'down' }, by: Actor): void {
  whyRecord(doc, input.whyId);
  const direction = oneOfValues(input.direction, ['up', 'down'] as const, 'Direction');
  const steps = sortedWhys(doc);
  const from = steps.findIndex((step) => step.id === input.whyId);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0) throw new CommandError('review.whyFirst');
  if (to >= steps.length) throw new CommandError('review.whyLast');
  const reordered = steps.filter((step) => step.id !== input.whyId);
  reordered.splice(to, 0, steps[from]!);
  const before = reordered[to - 1]?.order ?? null;
  const after = reordered[to + 1]?.order ?? null;
  const fits =
    (before === null || isOrderKey(before)) &&
    (after === null || isOrderKey(after)) &&
    (before === null || after === null || before < after);
  runCommand(doc, by, `Move a why ${direction}`, (scope) => {
    const whys = reviewWhysMap(doc);
    if (fits) {
      const moved = whys.get(input.whyId);
      if (moved) whyStepSchema.set(moved, 'order', keyBetween(before, after));
    } else {
      const keys = evenlySpacedKeys(reordered.length);
      reordered.forEach((step, index) => {
        const record = whys.get(step.id);
        const key = keys[index];
        if (record && key !== undefined) whyStepSchema.set(record, 'order', key);
      });
    }
    recordThrottled(scope, 'whys-order', {}, 'review.whys-reordered');
  });
}

export interface ReviewDraftResult {
  /** The fields that were empty and now hold draft text. */
  readonly filled: readonly ReviewField[];
  /** Whether a first why was added because there was none. */
  readonly addedWhy: boolean;
}

/**
 * Fills every empty review field for which the record has facts (the course and summary, the
 * impact, what was confirmed and ruled out, changes left in place) and starts the five whys if
 * there are none. Prompts are never written: they are the empty fields' placeholders. Text
 * someone already wrote is never replaced. Refused when there is nothing to add.
 */
export function generateReviewDraft(doc: Y.Doc, by: Actor): ReviewDraftResult {
  requireDeclared(doc);
  const needsWhy = sortedWhys(doc).length === 0;
  const now = by.now ? by.now() : Date.now();
  const draft = draftReviewText(
    {
      incident: readIncidentInfo(doc)!,
      hypotheses: readCollection(doc, 'hypotheses'),
      milestones: readCollection(doc, 'milestones'),
      changes: readCollection(doc, 'changes'),
    },
    now,
  );
  const empty = REVIEW_FIELDS.filter((field) => reviewText(doc, field).toString().trim() === '' && draft[field] !== '');
  if (empty.length === 0 && !needsWhy) {
    throw new CommandError('review.draftNothing');
  }
  return runCommand(doc, by, 'Generate review draft', ({ record }) => {
    const incident = readIncidentInfo(doc)!;
    for (const field of empty) applyTextChange(reviewText(doc, field), draft[field]);
    if (needsWhy) insertWhy(doc, firstWhyQuestion(incident.title), '');
    record({ kind: 'event', event: 'review.draft-generated', params: { fields: listParam(empty), ...(needsWhy ? { addedWhy: 1 } : {}) } });
    return { filled: Object.freeze(empty), addedWhy: needsWhy };
  });
}
