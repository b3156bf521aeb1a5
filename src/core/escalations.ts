// Acknowledged escalations: a top-level `escalationAcks` Y.Map keyed by escalation rule id, so
// a prompt acknowledged on one laptop clears on every peer once they sync.
import * as Y from 'yjs';
import type { EpochMs } from './model';
import type { YRecord } from './schema';

export interface EscalationAcknowledgement {
  /** The escalation rule this acknowledges (the map key). */
  readonly ruleId: string;
  readonly at: EpochMs;
  readonly byId: string;
  readonly byName: string;
  /** Who was to be notified, copied at the time so the record reads even if the rule changes. */
  readonly notifyWho: string;
}

export const ESCALATION_ACKS_NAME = 'escalationAcks';

export function escalationAcksMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap(ESCALATION_ACKS_NAME) as Y.Map<YRecord>;
}

function field<T>(record: YRecord, key: string, check: (value: unknown) => value is T, fallback: T): T {
  const value = record.get(key);
  return check(value) ? value : fallback;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function readEscalationAcknowledgement(ruleId: string, record: YRecord): EscalationAcknowledgement {
  return Object.freeze({
    ruleId,
    at: field(record, 'at', isTime, 0),
    byId: field(record, 'byId', isString, ''),
    byName: field(record, 'byName', isString, 'Unknown'),
    notifyWho: field(record, 'notifyWho', isString, ''),
  });
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
