// System changes made during the incident, logged so that debug changes get rolled back later.
import type * as Y from 'yjs';
import { collection, systemChangeSchema } from '../schema';
import { newId } from '../ids';
import type { EpochMs } from '../model';
import {
  CommandError,
  LIMITS,
  existing,
  optionalText,
  nameOf,
  requireDeclared,
  requiredText,
  runCommand,
  timeNotInFuture,
  type Actor,
} from './command';

export function logSystemChange(
  doc: Y.Doc,
  input: { description: string; system: string; madeBy?: string /** When it was applied; defaults to now. */; at?: EpochMs },
  by: Actor,
): string {
  requireDeclared(doc);
  const description = requiredText(input.description, 'What changed', LIMITS.text);
  const system = requiredText(input.system, 'System', LIMITS.title);
  const madeBy = input.madeBy ?? by.id;
  if (input.madeBy !== undefined) existing(doc, 'people', input.madeBy, 'person');
  return runCommand(doc, by, 'Log system change', ({ now, record }) => {
    const id = newId();
    const at = timeNotInFuture(input.at, now, 'When it was applied');
    collection(doc, 'changes').set(
      id,
      systemChangeSchema.create({
        description,
        system,
        madeBy,
        at,
        state: 'applied',
        rolledBackAt: null,
        recordedAt: at === now ? null : now,
      }),
    );
    record({
      kind: 'event',
      at,
      event: 'change.applied',
      params: { system, madeById: madeBy, madeByName: madeBy === by.id ? by.name : nameOf(doc, madeBy), description },
      subject: { collection: 'changes', id },
    });
    return id;
  });
}

export function markChangeRolledBack(doc: Y.Doc, input: { changeId: string; note?: string }, by: Actor): void {
  const change = existing(doc, 'changes', input.changeId, 'system change');
  const note = optionalText(input.note, 'Note', LIMITS.text);
  if (systemChangeSchema.get(change, 'state') === 'rolled-back') throw new CommandError('change.alreadyRolledBack');
  runCommand(doc, by, 'Roll back change', ({ now, record }) => {
    systemChangeSchema.set(change, 'state', 'rolled-back');
    systemChangeSchema.set(change, 'rolledBackAt', now);
    record({
      kind: 'event',
      event: 'change.rolled-back',
      params: { system: systemChangeSchema.get(change, 'system'), description: systemChangeSchema.get(change, 'description'), note },
      subject: { collection: 'changes', id: input.changeId },
    });
  });
}
