// The room policy's stored shape: a top-level `policy` map of scalars under flat keys (a nested
// map created by two peers offline would keep only one of them), the escalation matrix as
// `escalationRules` (records keyed by rule id) and acknowledged escalations as `escalationAcks`
// (records keyed by the rule id they acknowledge). Range checks and defaults live in
// ../policy.ts, which knows them; here a malformed value reads as null.
import { SEVERITIES } from '../model';
import { FORMAT_NAME } from './exportFormat';
import { defineMap, defineRecord, f } from './fields';

export const policySchema = defineMap(
  {
    'cadenceMinutes.SEV1': f.optionalNumber(),
    'cadenceMinutes.SEV2': f.optionalNumber(),
    'cadenceMinutes.SEV3': f.optionalNumber(),
    'cadenceMinutes.SEV4': f.optionalNumber(),
    fatigueWarningHours: f.optionalNumber(),
    /** Set by the first edit of the matrix, so a removed default rule stays removed. */
    escalationMatrixEdited: f.flag(),
  },
  FORMAT_NAME,
);

export type PolicyField = keyof typeof policySchema.fields;

/** One row of the escalation matrix; a row without a valid severity or time cannot fire. */
export const escalationRuleSchema = defineRecord(
  {
    severity: f.choiceOrNull(SEVERITIES),
    afterMinutes: f.optionalNumber(),
    notifyWho: f.text(),
    notifyText: f.text(),
  },
  FORMAT_NAME,
);

/** An acknowledged escalation prompt; its id is the rule's. */
export const escalationAckSchema = defineRecord(
  {
    at: f.time(),
    byId: f.text(),
    byName: f.displayName('Unknown'),
    /** Who was to be notified, copied at the time so the record reads even if the rule changes. */
    notifyWho: f.text(),
  },
  FORMAT_NAME,
);
