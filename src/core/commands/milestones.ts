// Milestones mark the key moments; their time may be earlier than when they were recorded.
import type * as Y from 'yjs';
import { MILESTONE_KINDS, type EpochMs, type MilestoneKind } from '../model';
import { collection, milestoneSchema, type YRecord } from '../schema';
import { newId } from '../ids';
import { listParam } from '../events/render';
import {
  CommandError,
  LIMITS,
  existing,
  oneOfValues,
  optionalText,
  requireDeclared,
  runCommand,
  timeNotInFuture,
  validTime,
  type Actor,
  type CommandScope,
} from './command';
import { keepRevision } from './entries';

export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  started: 'Started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  custom: 'Milestone',
};

export function milestoneName(kind: MilestoneKind, label: string): string {
  return kind === 'custom' ? label || MILESTONE_LABELS.custom : MILESTONE_LABELS[kind];
}

export function insertMilestone(scope: CommandScope, input: { kind: MilestoneKind; label?: string; at: EpochMs; note: string }): string {
  const id = newId();
  collection(scope.doc, 'milestones').set(
    id,
    milestoneSchema.create({
      kind: input.kind,
      label: input.label ?? '',
      at: input.at,
      recordedAt: scope.now,
      note: input.note,
      by: scope.actor.id,
    }),
  );
  scope.record({
    kind: 'event',
    event: 'milestone.marked',
    params: { kind: input.kind, label: input.kind === 'custom' ? (input.label ?? '') : '', note: input.note },
    subject: { collection: 'milestones', id },
    at: input.at,
  });
  return id;
}

export interface MarkMilestoneInput {
  readonly kind: MilestoneKind;
  /** Name of a custom milestone. */
  readonly label?: string;
  /** When it happened; defaults to now and may be earlier. */
  readonly at?: EpochMs;
  readonly note?: string;
}

export function markMilestone(doc: Y.Doc, input: MarkMilestoneInput, by: Actor): string {
  requireDeclared(doc);
  const kind = oneOfValues(input.kind, MILESTONE_KINDS, 'Milestone kind');
  const label = kind === 'custom' ? optionalText(input.label, 'Milestone name', LIMITS.title) : '';
  if (kind === 'custom' && label === '') throw new CommandError('milestone.customNeedsName');
  const note = optionalText(input.note, 'Note', LIMITS.text);
  return runCommand(doc, by, `Mark ${milestoneName(kind, label)}`, (scope) => {
    const at = timeNotInFuture(input.at, scope.now, 'The milestone time');
    return insertMilestone(scope, { kind, label, at, note });
  });
}

function liveMilestone(doc: Y.Doc, milestoneId: unknown): YRecord {
  const milestone = existing(doc, 'milestones', milestoneId, 'milestone');
  if (milestoneSchema.get(milestone, 'retractedAt') !== null) {
    throw new CommandError('milestone.retracted');
  }
  return milestone;
}

/**
 * Corrects when a milestone happened and its note. The version it replaces stays in the
 * milestone's revisions, and the correction is recorded in the timeline.
 */
export function correctMilestone(doc: Y.Doc, input: { milestoneId: string; at?: EpochMs; note?: string }, by: Actor): void {
  const milestone = liveMilestone(doc, input.milestoneId);
  const before = milestoneSchema.read(input.milestoneId, milestone);
  const name = milestoneName(before.kind, before.label);
  const note = input.note === undefined ? before.note : optionalText(input.note, 'Note', LIMITS.text);
  runCommand(doc, by, `Correct ${name}`, ({ now, record }) => {
    const at = input.at === undefined ? before.at : timeNotInFuture(validTime(input.at, 'The milestone time'), now, 'The milestone time');
    if (at === before.at && note === before.note) throw new CommandError('input.nothingToChange');
    keepRevision(milestone, { text: before.note, at: before.at }, now, by);
    milestoneSchema.assign(milestone, { at, note });
    const parts = [at !== before.at ? 'moved' : '', note !== before.note ? 'note' : ''].filter(Boolean);
    record({
      kind: 'event',
      event: at !== before.at ? 'milestone.moved' : 'milestone.corrected',
      params: {
        kind: before.kind,
        label: before.kind === 'custom' ? before.label : '',
        changes: listParam(parts),
        ...(at !== before.at ? { at } : {}),
      },
      subject: { collection: 'milestones', id: input.milestoneId },
    });
  });
}

/** Corrects when a milestone happened; the old time stays in its revisions. */
export function moveMilestone(doc: Y.Doc, input: { milestoneId: string; at: EpochMs }, by: Actor): void {
  correctMilestone(doc, { milestoneId: input.milestoneId, at: input.at }, by);
}

/**
 * Retracts a milestone recorded by mistake (a second "Started"): it stays in the record, marked,
 * and no longer counts in the metrics.
 */
export function retractMilestone(doc: Y.Doc, input: { milestoneId: string; reason?: string }, by: Actor): void {
  const milestone = liveMilestone(doc, input.milestoneId);
  const before = milestoneSchema.read(input.milestoneId, milestone);
  const name = milestoneName(before.kind, before.label);
  const reason = optionalText(input.reason, 'Reason', LIMITS.text);
  runCommand(doc, by, `Retract ${name}`, ({ now, record }) => {
    milestoneSchema.assign(milestone, { retractedAt: now, retractedById: by.id, retractedByName: by.name, retractionReason: reason });
    record({
      kind: 'event',
      event: 'milestone.retracted',
      params: { kind: before.kind, label: before.kind === 'custom' ? before.label : '', reason },
      subject: { collection: 'milestones', id: input.milestoneId },
    });
  });
}
