// Milestones mark the key moments; their time may be earlier than when they were recorded.
import type * as Y from 'yjs';
import { MILESTONE_KINDS, type EpochMs, type MilestoneKind } from '../model';
import { collection, milestoneSchema } from '../schema';
import { newId } from '../ids';
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

export function insertMilestone(
  scope: CommandScope,
  input: { kind: MilestoneKind; label?: string; at: EpochMs; note: string },
): string {
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
    text: `Milestone: ${milestoneName(input.kind, input.label ?? '')}${input.note ? ` (${input.note})` : ''}`,
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
  if (kind === 'custom' && label === '') throw new CommandError('A custom milestone needs a name.');
  const note = optionalText(input.note, 'Note', LIMITS.text);
  return runCommand(doc, by, `Mark ${milestoneName(kind, label)}`, (scope) => {
    const at = timeNotInFuture(input.at, scope.now, 'The milestone time');
    return insertMilestone(scope, { kind, label, at, note });
  });
}

/** Corrects when a milestone happened; the timeline keeps both the old and the new time. */
export function moveMilestone(doc: Y.Doc, input: { milestoneId: string; at: EpochMs }, by: Actor): void {
  const milestone = existing(doc, 'milestones', input.milestoneId, 'milestone');
  const kind = oneOfValues(milestoneSchema.get(milestone, 'kind'), MILESTONE_KINDS, 'Milestone kind');
  const name = milestoneName(kind, String(milestoneSchema.get(milestone, 'label') ?? ''));
  runCommand(doc, by, `Move ${name}`, ({ now, record }) => {
    const at = timeNotInFuture(validTime(input.at, 'The milestone time'), now, 'The milestone time');
    milestoneSchema.set(milestone, 'at', at);
    record({
      kind: 'event',
      event: 'milestone.moved',
      text: `Milestone ${name} moved to ${new Date(at).toISOString()}`,
      subject: { collection: 'milestones', id: input.milestoneId },
    });
  });
}
