// Read-side questions about command handoffs: which offer is waiting for an answer.
import type { CommandHandoff } from './model';

/** Offers still waiting for an answer, oldest first. After a partition there may be two. */
export function pendingHandoffs(handoffs: readonly CommandHandoff[]): CommandHandoff[] {
  return handoffs.filter((handoff) => handoff.status === 'offered');
}

/** The offer the room should show: the latest one still waiting, or null. */
export function pendingHandoff(handoffs: readonly CommandHandoff[]): CommandHandoff | null {
  const pending = pendingHandoffs(handoffs);
  return pending[pending.length - 1] ?? null;
}
