// The room policy: how often status updates are due per severity, who is told when an incident
// stays open too long (the escalation matrix), and when a responder is warned about fatigue.
// It lives in the incident document so that every peer computes the same clocks.
//
// Layout: a top-level `policy` Y.Map of scalars (`cadenceMinutes.SEV1` … and
// `fatigueWarningHours`), and a top-level `escalationRules` Y.Map keyed by rule id, each rule
// a Y.Map. Scalars sit under flat keys (not a nested map) because two peers creating the same
// nested map offline would keep only one of them, dropping the other's edit.
//
// Until someone edits the matrix, the default rows apply; the first edit writes them into the
// document (see commands/policy.ts) and sets `escalationMatrixEdited`, so a removed default
// stays removed. Anything missing or malformed reads as its default.
import * as Y from 'yjs';
import { SEVERITIES, type Severity } from './model';
import { escalationRuleSchema, escalationRulesMap, policyMap, policySchema, type PolicyField, type YRecord } from './schema';

export interface EscalationNotice {
  /** Who to tell, such as "Engineering director". */
  readonly who: string;
  /** What to tell them or how to reach them. */
  readonly text: string;
}

/** One row of the escalation matrix: an incident of `severity` still open after `afterMinutes`. */
export interface EscalationRule {
  readonly id: string;
  readonly severity: Severity;
  readonly afterMinutes: number;
  readonly notify: EscalationNotice;
}

export interface RoomPolicy {
  /** Minutes between status updates, per current severity. */
  readonly cadenceMinutes: Readonly<Record<Severity, number>>;
  /** Ordered by severity, then by time. */
  readonly escalationRules: readonly EscalationRule[];
  /** Continuous active hours after which a responder is warned to rest. */
  readonly fatigueWarningHours: number;
}

export const POLICY_LIMITS = {
  /** A week: longer than any incident cadence makes sense. */
  cadenceMinutes: { min: 1, max: 7 * 24 * 60 },
  afterMinutes: { min: 1, max: 7 * 24 * 60 },
  fatigueWarningHours: { min: 0.5, max: 48 },
  who: 120,
  text: 500,
  rules: 50,
} as const;

export const DEFAULT_CADENCE_MINUTES: Readonly<Record<Severity, number>> = Object.freeze({
  SEV1: 30,
  SEV2: 60,
  SEV3: 240,
  SEV4: 24 * 60,
});

export const DEFAULT_ESCALATION_RULES: readonly EscalationRule[] = Object.freeze([
  Object.freeze({
    id: 'default-sev1-30m',
    severity: 'SEV1' as const,
    afterMinutes: 30,
    notify: Object.freeze({ who: 'Engineering director', text: 'SEV1 still open after 30 minutes: notify the engineering director.' }),
  }),
  Object.freeze({
    id: 'default-sev1-60m',
    severity: 'SEV1' as const,
    afterMinutes: 60,
    notify: Object.freeze({ who: 'CTO', text: 'SEV1 still open after 60 minutes: notify the CTO.' }),
  }),
]);

export const DEFAULT_FATIGUE_WARNING_HOURS = 4;

export const DEFAULT_POLICY: RoomPolicy = Object.freeze({
  cadenceMinutes: DEFAULT_CADENCE_MINUTES,
  escalationRules: DEFAULT_ESCALATION_RULES,
  fatigueWarningHours: DEFAULT_FATIGUE_WARNING_HOURS,
});

export function cadenceKey(severity: Severity): PolicyField & `cadenceMinutes.${Severity}` {
  return `cadenceMinutes.${severity}`;
}

function inRange(value: unknown, range: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}

/** Reads one stored rule; a rule without a valid severity or time cannot fire, so it is skipped. */
export function readEscalationRule(id: string, record: YRecord): EscalationRule | null {
  const stored = escalationRuleSchema.read(id, record);
  const { severity, afterMinutes } = stored;
  if (severity === null || !inRange(afterMinutes, POLICY_LIMITS.afterMinutes)) return null;
  return Object.freeze({
    id,
    severity,
    afterMinutes,
    notify: Object.freeze({
      who: stored.notifyWho.slice(0, POLICY_LIMITS.who) || 'Someone',
      text: stored.notifyText.slice(0, POLICY_LIMITS.text),
    }),
  });
}

export function compareEscalationRules(a: EscalationRule, b: EscalationRule): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    a.afterMinutes - b.afterMinutes ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function matrixEdited(doc: Y.Doc): boolean {
  return policySchema.get(policyMap(doc), 'escalationMatrixEdited');
}

function readRules(doc: Y.Doc): readonly EscalationRule[] {
  if (!matrixEdited(doc)) return DEFAULT_ESCALATION_RULES;
  const rules: EscalationRule[] = [];
  escalationRulesMap(doc).forEach((record, id) => {
    if (!(record instanceof Y.Map)) return;
    const rule = readEscalationRule(id, record);
    if (rule) rules.push(rule);
  });
  rules.sort(compareEscalationRules);
  return Object.freeze(rules);
}

/** The room policy, with frozen defaults for anything missing or malformed. */
export function readPolicy(doc: Y.Doc): RoomPolicy {
  const stored = policySchema.readFields(policyMap(doc));
  const cadence = {} as Record<Severity, number>;
  for (const severity of SEVERITIES) {
    const value = stored[cadenceKey(severity)];
    cadence[severity] = inRange(value, POLICY_LIMITS.cadenceMinutes) ? value : DEFAULT_CADENCE_MINUTES[severity];
  }
  const fatigue = stored.fatigueWarningHours;
  return Object.freeze({
    cadenceMinutes: Object.freeze(cadence),
    escalationRules: readRules(doc),
    fatigueWarningHours: inRange(fatigue, POLICY_LIMITS.fatigueWarningHours) ? fatigue : DEFAULT_FATIGUE_WARNING_HOURS,
  });
}
