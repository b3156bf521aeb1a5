// Acknowledged escalations: a top-level `escalationAcks` Y.Map keyed by escalation rule id, so
// a prompt acknowledged on one laptop clears on every peer once they sync.
import * as Y from 'yjs';
import { escalationAckSchema, escalationAcksMap, type YRecord } from './schema';

/** An acknowledgement as stored (schema/policy.ts), named by the rule it acknowledges (the map key). */
export type EscalationAcknowledgement = Omit<ReturnType<typeof escalationAckSchema.read>, 'id'> & { readonly ruleId: string };

export function readEscalationAcknowledgement(ruleId: string, record: YRecord): EscalationAcknowledgement {
  const { id, ...fields } = escalationAckSchema.read(ruleId, record);
  return Object.freeze({ ruleId: id, ...fields });
}

/** Every acknowledgement, oldest first. */
export function readEscalationAcknowledgements(doc: Y.Doc): readonly EscalationAcknowledgement[] {
  const acks: EscalationAcknowledgement[] = [];
  escalationAcksMap(doc).forEach((record, ruleId) => {
    if (record instanceof Y.Map) acks.push(readEscalationAcknowledgement(ruleId, record));
  });
  acks.sort((a, b) => a.at - b.at || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return Object.freeze(acks);
}
