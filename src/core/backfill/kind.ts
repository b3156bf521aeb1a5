// A first guess of an entry's kind from its words; the back-fill preview shows it and the user
// corrects it. Deliberately small: a wrong "decision" is worse than a plain note.
import type { AuthoredEntryKind } from '../model';

const DECISION = /\b(?:decided|decision|we agreed)\b|決定|决定|決めた|решили|решение/i;
const ACTION =
  /\b(?:rolled back|rolling back|restarted|deployed|reverted|failed over|rebooted|redeployed)\b|ロールバック|再起動|回滚|重启|откатил|перезапустил/i;

/** 'decision' when the text says something was decided, 'action' when something was done to a system, else 'note'. */
export function guessEntryKind(text: string): AuthoredEntryKind {
  if (DECISION.test(text)) return 'decision';
  if (ACTION.test(text)) return 'action';
  return 'note';
}
