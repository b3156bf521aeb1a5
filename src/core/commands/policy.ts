// Editing the room policy: status update cadence per severity, the escalation matrix, and the
// fatigue warning. Every edit is recorded in the timeline like any other change.
import type * as Y from 'yjs';
import { SEVERITIES, type Severity } from '../model';
import { escalationRuleSchema, escalationRulesMap, policyMap, policySchema } from '../schema';
import { newId } from '../ids';
import { cadenceKey, matrixEdited, POLICY_LIMITS, readPolicy, type EscalationRule } from '../policy';
import { describeMinutes } from '../time/durations';
import { CommandError, oneOfValues, optionalText, requireDeclared, requiredText, runCommand, type Actor } from './command';

function minutesIn(value: unknown, range: { min: number; max: number }, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new CommandError('input.wholeMinutes', { field: { field } });
  if (value < range.min || value > range.max) {
    throw new CommandError('input.minutesRange', { field: { field }, min: range.min, max: range.max });
  }
  return value;
}

export function setUpdateCadence(doc: Y.Doc, input: { severity: Severity; minutes: number }, by: Actor): void {
  requireDeclared(doc);
  const severity = oneOfValues(input.severity, SEVERITIES, 'Severity');
  const minutes = minutesIn(input.minutes, POLICY_LIMITS.cadenceMinutes, 'The update interval');
  const previous = readPolicy(doc).cadenceMinutes[severity];
  if (previous === minutes) throw new CommandError('policy.cadenceAlready', { severity, span: { span: minutes } });
  runCommand(doc, by, `Set ${severity} update cadence`, ({ record }) => {
    policySchema.set(policyMap(doc), cadenceKey(severity), minutes);
    record({
      kind: 'event',
      event: 'policy.cadence-changed',
      params: { severity, minutes, previousMinutes: previous },
    });
  });
}

export interface EscalationRuleInput {
  /** Omit to add a new row; give an existing row's id to edit it. */
  readonly id?: string;
  readonly severity: Severity;
  readonly afterMinutes: number;
  readonly who: string;
  readonly text?: string;
}

/**
 * Writes the default rows into the document on the first edit of the matrix, so that from
 * then on the stored rows are the whole matrix and a removed default stays removed.
 */
function materializeDefaults(doc: Y.Doc): void {
  if (matrixEdited(doc)) return;
  const rules = escalationRulesMap(doc);
  for (const rule of readPolicy(doc).escalationRules) rules.set(rule.id, ruleRecord(rule));
  policySchema.set(policyMap(doc), 'escalationMatrixEdited', true);
}

function ruleRecord(rule: Omit<EscalationRule, 'id'>): Y.Map<unknown> {
  return escalationRuleSchema.create({
    severity: rule.severity,
    afterMinutes: rule.afterMinutes,
    notifyWho: rule.notify.who,
    notifyText: rule.notify.text,
  });
}

function describeRule(rule: Omit<EscalationRule, 'id'>): string {
  return `${rule.severity} open after ${describeMinutes(rule.afterMinutes)}: notify ${rule.notify.who}`;
}

/** A rule as an event's parameters (`severity`, `afterMinutes`, `notifyWho`, or `previousSeverity`…). */
function ruleParams(rule: Omit<EscalationRule, 'id'>, prefix: '' | 'previous'): Record<string, string | number> {
  const key = (name: string) => (prefix ? `${prefix}${name[0]?.toUpperCase()}${name.slice(1)}` : name);
  return { [key('severity')]: rule.severity, [key('afterMinutes')]: rule.afterMinutes, [key('notifyWho')]: rule.notify.who };
}

/** Adds or edits one escalation row; returns its id. */
export function setEscalationRule(doc: Y.Doc, input: EscalationRuleInput, by: Actor): string {
  requireDeclared(doc);
  const severity = oneOfValues(input.severity, SEVERITIES, 'Severity');
  const afterMinutes = minutesIn(input.afterMinutes, POLICY_LIMITS.afterMinutes, 'The time before escalating');
  const who = requiredText(input.who, 'Who to notify', POLICY_LIMITS.who);
  const text = optionalText(input.text, 'The escalation message', POLICY_LIMITS.text);
  const rules = readPolicy(doc).escalationRules;
  const previous = input.id === undefined ? undefined : rules.find((rule) => rule.id === input.id);
  if (input.id !== undefined && !previous) throw new CommandError('escalation.ruleGone');
  if (!previous && rules.length >= POLICY_LIMITS.rules) {
    throw new CommandError('escalation.tooManyRules', { max: POLICY_LIMITS.rules });
  }
  const next = { severity, afterMinutes, notify: { who, text } };
  if (previous && describeRule(previous) === describeRule(next) && previous.notify.text === text) {
    throw new CommandError('escalation.ruleUnchanged');
  }
  const id = previous?.id ?? newId();
  runCommand(doc, by, previous ? 'Edit escalation rule' : 'Add escalation rule', ({ record }) => {
    materializeDefaults(doc);
    escalationRulesMap(doc).set(id, ruleRecord(next));
    record({
      kind: 'event',
      event: 'policy.escalation-rule-set',
      params: {
        ...ruleParams(next, ''),
        ...(previous ? ruleParams(previous, 'previous') : {}),
      },
    });
  });
  return id;
}

export function removeEscalationRule(doc: Y.Doc, input: { ruleId: string }, by: Actor): void {
  requireDeclared(doc);
  const rule = readPolicy(doc).escalationRules.find((candidate) => candidate.id === input.ruleId);
  if (!rule) throw new CommandError('escalation.ruleGone');
  runCommand(doc, by, 'Remove escalation rule', ({ record }) => {
    materializeDefaults(doc);
    escalationRulesMap(doc).delete(rule.id);
    record({ kind: 'event', event: 'policy.escalation-rule-removed', params: ruleParams(rule, '') });
  });
}

export function setFatigueWarningHours(doc: Y.Doc, input: { hours: number }, by: Actor): void {
  requireDeclared(doc);
  const { min, max } = POLICY_LIMITS.fatigueWarningHours;
  const hours = input.hours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < min || hours > max) {
    throw new CommandError('policy.fatigueRange', { min, max });
  }
  // Quarter hours are as fine as anyone plans shifts; it also keeps the timeline text tidy.
  const rounded = Math.round(hours * 4) / 4;
  const previous = readPolicy(doc).fatigueWarningHours;
  if (previous === rounded) throw new CommandError('policy.fatigueAlready', { hours: rounded });
  runCommand(doc, by, 'Set fatigue warning', ({ record }) => {
    policySchema.set(policyMap(doc), 'fatigueWarningHours', rounded);
    record({
      kind: 'event',
      event: 'policy.fatigue-warning-changed',
      params: { hours: rounded, previousHours: previous },
    });
  });
}
