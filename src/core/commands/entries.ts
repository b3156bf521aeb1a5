// Entries people write straight into the timeline: notes, facts, decisions, actions.
import type * as Y from 'yjs';
import { AUTHORED_ENTRY_KINDS, type AuthoredEntryKind, type EpochMs } from '../model';
import { LIMITS, oneOfValues, requireDeclared, requiredText, runCommand, timeNotInFuture, type Actor } from './command';

export function recordEntry(
  doc: Y.Doc,
  input: { kind: AuthoredEntryKind; text: string; at?: EpochMs },
  by: Actor,
): string {
  requireDeclared(doc);
  const kind = oneOfValues(input.kind, AUTHORED_ENTRY_KINDS, 'Entry kind');
  const text = requiredText(input.text, 'The entry', LIMITS.text);
  return runCommand(doc, by, `Record ${kind}`, ({ now, record }) => {
    return record({ kind, text, at: timeNotInFuture(input.at, now, 'The entry time') });
  });
}
