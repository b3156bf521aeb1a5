// Hypotheses are kept apart from facts: each moves open -> investigating -> confirmed or
// ruled out, with the evidence for and against and the checks done.
import * as Y from 'yjs';
import {
  CHECK_OUTCOMES,
  EVIDENCE_STANCES,
  HYPOTHESIS_STATUSES,
  type CheckOutcome,
  type EpochMs,
  type EvidenceStance,
  type HypothesisStatus,
} from '../model';
import { checkSchema, collection, evidenceSchema, hypothesisSchema } from '../schema';
import { newId } from '../ids';
import {
  CommandError,
  LIMITS,
  existing,
  oneOfValues,
  optionalText,
  nameOf,
  personName,
  requireDeclared,
  requiredText,
  runCommand,
  timeNotInFuture,
  type Actor,
} from './command';

export const HYPOTHESIS_STATUS_LABELS: Record<HypothesisStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  confirmed: 'Confirmed',
  'ruled-out': 'Ruled out',
};

export function proposeHypothesis(
  doc: Y.Doc,
  input: { statement: string; ownerId?: string | null /** When it was first suspected; defaults to now. */; at?: EpochMs },
  by: Actor,
): string {
  requireDeclared(doc);
  const statement = requiredText(input.statement, 'Hypothesis', LIMITS.text);
  if (input.ownerId) existing(doc, 'people', input.ownerId, 'person');
  const ownerId = input.ownerId ? input.ownerId : null;
  return runCommand(doc, by, 'Propose hypothesis', ({ now, record }) => {
    const id = newId();
    const at = timeNotInFuture(input.at, now, 'When it was first suspected');
    const hypothesis = hypothesisSchema.create({
      statement,
      status: 'open',
      ownerId,
      createdAt: now,
      createdBy: by.id,
      evidence: [],
      checks: [],
      at: at === now ? null : at,
    });
    collection(doc, 'hypotheses').set(id, hypothesis);
    record({
      kind: 'event',
      at,
      event: 'hypothesis.proposed',
      params: { statement, ...(ownerId ? { ownerId, ownerName: nameOf(doc, ownerId) } : {}) },
      subject: { collection: 'hypotheses', id },
    });
    return id;
  });
}

export function setHypothesisStatus(
  doc: Y.Doc,
  input: { hypothesisId: string; status: HypothesisStatus; reason?: string },
  by: Actor,
): void {
  const hypothesis = existing(doc, 'hypotheses', input.hypothesisId, 'hypothesis');
  const status = oneOfValues(input.status, HYPOTHESIS_STATUSES, 'Hypothesis status');
  const reason = optionalText(input.reason, 'Reason', LIMITS.text);
  if (hypothesisSchema.get(hypothesis, 'status') === status) {
    throw new CommandError('hypothesis.alreadyStatus', { status: { word: `hypothesisStatus.${status}` } });
  }
  runCommand(doc, by, `Mark hypothesis ${HYPOTHESIS_STATUS_LABELS[status].toLowerCase()}`, ({ record }) => {
    hypothesisSchema.set(hypothesis, 'status', status);
    record({
      kind: 'event',
      event: 'hypothesis.status-changed',
      params: { statement: hypothesisSchema.get(hypothesis, 'statement'), status, reason },
      subject: { collection: 'hypotheses', id: input.hypothesisId },
    });
  });
}

export function confirmHypothesis(doc: Y.Doc, input: { hypothesisId: string; reason?: string }, by: Actor): void {
  setHypothesisStatus(doc, { ...input, status: 'confirmed' }, by);
}

export function ruleOutHypothesis(doc: Y.Doc, input: { hypothesisId: string; reason?: string }, by: Actor): void {
  setHypothesisStatus(doc, { ...input, status: 'ruled-out' }, by);
}

export function setHypothesisOwner(doc: Y.Doc, input: { hypothesisId: string; ownerId: string }, by: Actor): void {
  const hypothesis = existing(doc, 'hypotheses', input.hypothesisId, 'hypothesis');
  existing(doc, 'people', input.ownerId, 'person');
  const name = personName(doc, input.ownerId);
  runCommand(doc, by, `Give hypothesis to ${name}`, ({ record }) => {
    hypothesisSchema.set(hypothesis, 'ownerId', input.ownerId);
    record({
      kind: 'event',
      event: 'hypothesis.owner-changed',
      params: { ownerId: input.ownerId, ownerName: nameOf(doc, input.ownerId), statement: hypothesisSchema.get(hypothesis, 'statement') },
      subject: { collection: 'hypotheses', id: input.hypothesisId },
    });
  });
}

/** The hypothesis's nested evidence or checks map, made empty if a peer left it malformed. */
function nestedMap(hypothesis: Y.Map<unknown>, key: 'evidence' | 'checks'): Y.Map<Y.Map<unknown>> {
  const existingMap = hypothesis.get(key);
  if (existingMap instanceof Y.Map) return existingMap as Y.Map<Y.Map<unknown>>;
  hypothesisSchema.set(hypothesis, key, []);
  return hypothesis.get(key) as Y.Map<Y.Map<unknown>>;
}

export function addEvidence(doc: Y.Doc, input: { hypothesisId: string; stance: EvidenceStance; text: string }, by: Actor): string {
  const hypothesis = existing(doc, 'hypotheses', input.hypothesisId, 'hypothesis');
  const stance = oneOfValues(input.stance, EVIDENCE_STANCES, 'Evidence stance');
  const text = requiredText(input.text, 'Evidence', LIMITS.text);
  return runCommand(doc, by, `Add evidence ${stance}`, ({ now, record }) => {
    const id = newId();
    nestedMap(hypothesis, 'evidence').set(id, evidenceSchema.create({ stance, text, at: now, by: by.id }));
    record({
      kind: 'event',
      event: 'hypothesis.evidence-added',
      params: { stance, statement: hypothesisSchema.get(hypothesis, 'statement'), text },
      subject: { collection: 'hypotheses', id: input.hypothesisId },
    });
    return id;
  });
}

export function recordCheck(
  doc: Y.Doc,
  input: { hypothesisId: string; description: string /** When the check was made; defaults to now. */; at?: EpochMs },
  by: Actor,
): string {
  const hypothesis = existing(doc, 'hypotheses', input.hypothesisId, 'hypothesis');
  const description = requiredText(input.description, 'Check', LIMITS.text);
  return runCommand(doc, by, 'Start check', ({ now, record }) => {
    const id = newId();
    const at = timeNotInFuture(input.at, now, 'When the check was made');
    nestedMap(hypothesis, 'checks').set(
      id,
      checkSchema.create({ description, outcome: 'pending', result: '', at, by: by.id, recordedAt: at === now ? null : now }),
    );
    record({
      kind: 'event',
      at,
      event: 'hypothesis.check-started',
      params: { statement: hypothesisSchema.get(hypothesis, 'statement'), description },
      subject: { collection: 'hypotheses', id: input.hypothesisId },
    });
    return id;
  });
}

export const CHECK_OUTCOME_LABELS: Record<CheckOutcome, string> = {
  pending: 'Pending',
  supports: 'Supports',
  refutes: 'Refutes',
  inconclusive: 'Inconclusive',
};

export function recordCheckResult(
  doc: Y.Doc,
  input: { hypothesisId: string; checkId: string; outcome: CheckOutcome; result: string },
  by: Actor,
): void {
  const hypothesis = existing(doc, 'hypotheses', input.hypothesisId, 'hypothesis');
  const check = nestedMap(hypothesis, 'checks').get(input.checkId);
  if (!(check instanceof Y.Map)) throw new CommandError('input.gone', { thing: { thing: 'check' } });
  const outcome = oneOfValues(input.outcome, CHECK_OUTCOMES, 'Check outcome');
  const result = requiredText(input.result, 'Check result', LIMITS.text);
  runCommand(doc, by, 'Record check result', ({ record }) => {
    checkSchema.set(check, 'outcome', outcome);
    checkSchema.set(check, 'result', result);
    record({
      kind: 'event',
      event: 'hypothesis.check-result',
      params: { description: checkSchema.get(check, 'description'), outcome, result },
      subject: { collection: 'hypotheses', id: input.hypothesisId },
    });
  });
}
