// Declaring the incident and changing its headline facts: severity, phase, summary, impact.
import type * as Y from 'yjs';
import { PHASES, SEVERITIES, type EpochMs, type Phase, type Severity } from '../model';
import { incidentMap, incidentSchema, putSeverityChange, stampSchemaVersion } from '../schema';
import { newId } from '../ids';
import { listParam } from '../events/render';
import {
  CommandError,
  LIMITS,
  oneOfValues,
  optionalText,
  requireDeclared,
  requiredText,
  runCommand,
  timeNotInFuture,
  type Actor,
  type CommandScope,
} from './command';
import { insertPerson } from './people';
import { insertRoleAssignment } from './roles';
import { insertMilestone } from './milestones';
import { readCollection } from '../read';
import { readSeverityChanges, severityHeads } from '../conflicts';
import { actsAsCommander, isSeverityUpgrade, proposeSeverity } from './authority';

export interface DeclareIncidentInput {
  readonly title: string;
  readonly severity: Severity;
  /** What is known so far. */
  readonly summary?: string;
  readonly impact?: string;
  readonly services?: readonly string[];
  /** When the incident started, if before it was declared. */
  readonly startedAt?: EpochMs;
  readonly id?: string;
  /** How the declarer is reached; stored on their person record. */
  readonly contact?: string;
}

export function validServices(services: unknown): string[] {
  if (services === undefined) return [];
  if (!Array.isArray(services)) throw new CommandError('incident.servicesNotList');
  const cleaned = [...new Set(services.map((s) => requiredText(s, 'A service name', LIMITS.serviceName)))];
  if (cleaned.length > LIMITS.services) {
    throw new CommandError('incident.tooManyServices', { max: LIMITS.services });
  }
  return cleaned;
}

/**
 * Declares the incident in an empty document: the declarer joins the people, takes the
 * incident commander role, and the incident clock starts at `startedAt`.
 */
export function declareIncident(doc: Y.Doc, input: DeclareIncidentInput, by: Actor): string {
  const title = requiredText(input.title, 'Title', LIMITS.title);
  const severity = oneOfValues(input.severity, SEVERITIES, 'Severity');
  const summary = optionalText(input.summary, 'What is known', LIMITS.text);
  const impact = optionalText(input.impact, 'Impact', LIMITS.text);
  const services = validServices(input.services);
  const contact = optionalText(input.contact, 'Contact', LIMITS.contact);
  if (incidentSchema.get(incidentMap(doc), 'id') !== '') {
    throw new CommandError('incident.alreadyDeclared');
  }
  return runCommand(doc, by, 'Declare incident', ({ now, record }) => {
    const startedAt = timeNotInFuture(input.startedAt, now, 'The start time');
    const id = input.id ?? newId(16);
    stampSchemaVersion(doc);
    incidentSchema.assign(incidentMap(doc), {
      id,
      title,
      severity,
      phase: 'investigating',
      summary,
      impact,
      services,
      startedAt,
      declaredAt: now,
      declaredBy: by.id,
    });
    record({ kind: 'event', event: 'incident.declared', params: { title, severity } });
    insertPerson({ doc, now, actor: by, record }, { id: by.id, name: by.name, contact });
    insertRoleAssignment({ doc, now, actor: by, record }, 'incident-commander', by.id);
    insertMilestone({ doc, now, actor: by, record }, { kind: 'started', at: startedAt, note: '' });
    return id;
  });
}

export interface IncidentDetailsInput {
  readonly title?: string;
  readonly summary?: string;
  readonly impact?: string;
  readonly services?: readonly string[];
}

type DetailField = 'title' | 'summary' | 'impact' | 'services';

export function updateIncidentDetails(doc: Y.Doc, input: IncidentDetailsInput, by: Actor): void {
  requireDeclared(doc);
  const changes: Array<[DetailField, string | readonly string[], string]> = [];
  if (input.title !== undefined) changes.push(['title', requiredText(input.title, 'Title', LIMITS.title), 'title']);
  if (input.summary !== undefined) changes.push(['summary', optionalText(input.summary, 'Summary', LIMITS.text), 'summary']);
  if (input.impact !== undefined) changes.push(['impact', optionalText(input.impact, 'Impact', LIMITS.text), 'impact']);
  if (input.services !== undefined) changes.push(['services', validServices(input.services), 'affected services']);
  const incident = incidentMap(doc);
  const real = changes.filter(([key, value]) => JSON.stringify(incident.get(key)) !== JSON.stringify(value));
  if (real.length === 0) return;
  runCommand(doc, by, 'Edit incident details', ({ record }) => {
    incidentSchema.assign(incident, Object.fromEntries(real.map(([key, value]) => [key, value])));
    const params: Record<string, string> = { changes: listParam(real.map(([key]) => key)) };
    for (const [key, value] of real) {
      if (key === 'title') params.title = String(value);
      if (key === 'services') params.services = listParam(value as string[]);
    }
    record({ kind: 'event', event: 'incident.updated', params });
  });
}

/** What a severity change did: changed it, or (a non-commander lowering it) proposed it to the commander. */
export type SeverityChangeOutcome = 'changed' | 'proposed';

/**
 * Changes severity when the commander asks, or anyone raises it (practice demands a SEV upgrade
 * take effect at once); anyone else's lowering becomes a proposal for the commander to confirm.
 */
export function changeSeverity(doc: Y.Doc, input: { severity: Severity; reason?: string }, by: Actor): SeverityChangeOutcome {
  requireDeclared(doc);
  const severity = oneOfValues(input.severity, SEVERITIES, 'Severity');
  const reason = optionalText(input.reason, 'Reason', LIMITS.text);
  const incident = incidentMap(doc);
  const previous = incidentSchema.get(incident, 'severity');
  if (previous === severity) throw new CommandError('incident.alreadySeverity', { severity });
  if (!actsAsCommander(doc, by.id) && !isSeverityUpgrade(previous, severity)) {
    proposeSeverity(doc, { severity, reason }, by);
    return 'proposed';
  }
  runCommand(doc, by, `Change severity to ${severity}`, (scope) => {
    incidentSchema.set(incident, 'severity', severity);
    const entryId = scope.record({
      kind: 'event',
      event: 'incident.severity-changed',
      params: { from: previous, to: severity, reason },
    });
    insertSeverityChange(scope, severity, entryId);
  });
  return 'changed';
}

/**
 * Writes the record of a severity change, based on the latest changes this peer has seen, so a
 * merge can tell changes made on both sides of a split (see conflicts.ts). Based on every head,
 * a change made after seeing a fork also settles it. Returns the record id.
 */
export function insertSeverityChange(scope: CommandScope, severity: Severity, entryId: string): string {
  const id = newId();
  const basedOn = severityHeads(readSeverityChanges(scope.doc)).map((change) => change.id);
  putSeverityChange(incidentMap(scope.doc), id, {
    severity,
    basedOn,
    at: scope.now,
    by: scope.actor.id,
    byName: scope.actor.name,
    entryId,
  });
  return id;
}

export function changePhase(doc: Y.Doc, input: { phase: Phase }, by: Actor): void {
  requireDeclared(doc);
  const phase = oneOfValues(input.phase, PHASES, 'Phase');
  const incident = incidentMap(doc);
  const previous = incidentSchema.get(incident, 'phase');
  if (previous === phase) throw new CommandError('incident.alreadyPhase', { phase: { word: `phase.${phase}` } });
  runCommand(doc, by, `Move to ${phase}`, (scope) => {
    incidentSchema.set(incident, 'phase', phase);
    scope.record({ kind: 'event', event: 'incident.phase-changed', params: { from: previous, to: phase } });
    // Resolving marks when it was resolved, once: the clock, the metrics and the timers read the
    // Resolved milestone. A backdated one can be marked instead, or this one corrected.
    const resolving = (phase === 'resolved' || phase === 'closed') && previous !== 'resolved' && previous !== 'closed';
    if (resolving && !hasLiveResolvedMilestone(doc)) insertMilestone(scope, { kind: 'resolved', at: scope.now, note: '' });
  });
}

function hasLiveResolvedMilestone(doc: Y.Doc): boolean {
  return readCollection(doc, 'milestones').some((m) => m.kind === 'resolved' && m.retractedAt === null);
}
