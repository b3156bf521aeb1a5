// Drafts a status update from the document for one audience and one template. Only what is
// confirmed goes out: timeline facts and confirmed hypotheses, never open or investigating
// hypotheses and never plain notes. The draft is a starting point the person edits.
import type { EpochMs, IncidentSnapshot, Phase, Severity, Task, UpdateAudience, UpdateTemplate } from './model';
import { DEFAULT_POLICY, type RoomPolicy } from './policy';
import { incidentCommander, peopleById } from './selectors';
import { resolveTimeZone, type ExportTimeZone } from './export/timeZone';
import { describeDuration } from './time/durations';
import { formatZonedClock } from './time/instants';

/** What a draft is filled from: a snapshot, or the same collections read from a live store. */
export type StatusUpdateSource = Pick<IncidentSnapshot, 'incident' | 'people' | 'roles' | 'tasks' | 'hypotheses' | 'timeline'>;

export interface ComposeOptions {
  readonly audience: UpdateAudience;
  readonly template: UpdateTemplate;
  readonly now: EpochMs;
  /** Zone the times in the text are written in; UTC when omitted. */
  readonly timeZone?: ExportTimeZone;
  /** Sets when the next update is promised (now + cadence for the current severity). */
  readonly policy?: RoomPolicy;
}

export interface ComposedUpdate {
  readonly text: string;
  /** The next update time the text promises; null for a resolution (the final update). */
  readonly nextUpdateAt: EpochMs | null;
}

export const AUDIENCE_LABELS: Record<UpdateAudience, string> = {
  internal: 'Internal',
  executive: 'Executive',
  customer: 'Customer',
};

export const TEMPLATE_LABELS: Record<UpdateTemplate, string> = {
  initial: 'Initial',
  update: 'Update',
  resolution: 'Resolution',
};

/** Severity in words for readers who do not know the SEV scale. */
const SEVERITY_WORDS: Record<Severity, string> = {
  SEV1: 'critical',
  SEV2: 'major',
  SEV3: 'minor',
  SEV4: 'low-impact',
};

const PHASE_INTERNAL: Record<Phase, string> = {
  investigating: 'Investigating',
  identified: 'Cause identified',
  mitigating: 'Mitigating',
  monitoring: 'Monitoring a fix',
  resolved: 'Resolved',
  closed: 'Closed',
};

const PHASE_PLAIN: Record<Phase, string> = {
  investigating: 'The team is investigating the cause.',
  identified: 'The cause has been identified and the team is working on a fix.',
  mitigating: 'A fix is being applied.',
  monitoring: 'A fix is in place and the team is watching to confirm it holds.',
  resolved: 'The issue is resolved.',
  closed: 'The issue is resolved.',
};

const PHASE_CUSTOMER: Record<Phase, string> = {
  investigating: 'We are investigating an issue',
  identified: 'We have identified the cause of an issue',
  mitigating: 'We are applying a fix for an issue',
  monitoring: 'We have applied a fix and are monitoring an issue',
  resolved: 'We have resolved an issue',
  closed: 'We have resolved an issue',
};

/** A confirmed fact with when it was established, oldest first. */
export interface ConfirmedFact {
  readonly at: EpochMs;
  readonly text: string;
}

/**
 * What may be stated as true: facts written in the timeline and hypotheses marked confirmed.
 * Open, investigating and ruled-out hypotheses, notes, decisions and events are left out.
 */
export function confirmedFacts(source: Pick<StatusUpdateSource, 'timeline' | 'hypotheses'>): ConfirmedFact[] {
  const facts: ConfirmedFact[] = [];
  for (const entry of source.timeline) if (entry.kind === 'fact') facts.push({ at: entry.at, text: entry.text });
  for (const hypothesis of source.hypotheses) {
    if (hypothesis.status === 'confirmed') facts.push({ at: hypothesis.createdAt, text: `Confirmed: ${hypothesis.statement}` });
  }
  return facts.sort((a, b) => a.at - b.at);
}

/** Tasks under way first, then those still to do; blocked and done ones are not "current". */
export function currentActions(tasks: readonly Task[]): Task[] {
  const rank = (task: Task) => (task.status === 'doing' ? 0 : 1);
  return tasks
    .filter((task) => task.status === 'doing' || task.status === 'todo')
    .sort((a, b) => rank(a) - rank(b) || a.createdAt - b.createdAt);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Takes people's names and internal system names out of text meant for customers. It is a
 * safety net for the impact line, which responders write; the person posting still reads it.
 */
export function withoutInternalNames(text: string, source: Pick<StatusUpdateSource, 'people' | 'incident'>): string {
  let scrubbed = text;
  const replace = (name: string, by: string) => {
    const trimmed = name.trim();
    if (trimmed.length < 2) return;
    scrubbed = scrubbed.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'giu'), by);
  };
  // Longest first, so "Dana Lee" goes before "Dana" would leave "Lee" behind.
  const names = source.people.flatMap((person) => [person.name, ...person.name.split(/\s+/).filter((part) => part.length >= 3)]);
  for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) replace(name, 'our team');
  for (const service of [...source.incident.services].sort((a, b) => b.length - a.length)) replace(service, 'one of our services');
  return scrubbed;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function bullets(lines: readonly string[], empty: string): string {
  return lines.length ? lines.map((line) => `- ${line}`).join('\n') : `- ${empty}`;
}

function nextUpdateLine(nextUpdateAt: EpochMs | null, now: EpochMs, zone: string, audience: UpdateAudience): string {
  if (nextUpdateAt === null) {
    return audience === 'customer' ? 'This is our final update on this issue.' : 'This is the final update for this incident.';
  }
  const when = formatZonedClock(nextUpdateAt, now, zone);
  return audience === 'customer' ? `We will share another update by ${when}.` : `Next update by ${when}.`;
}

function composeInternal(source: StatusUpdateSource, options: ComposeOptions, zone: string, nextUpdateAt: EpochMs | null): string {
  const { incident } = source;
  const { now, template } = options;
  const people = peopleById(source.people);
  const nameOf = (id: string | null) => (id ? (people.get(id)?.name ?? 'someone') : 'unassigned');
  const commander = incidentCommander(source.roles);
  const heading = { initial: 'Incident declared', update: 'Incident update', resolution: 'Incident resolved' }[template];
  const facts = confirmedFacts(source).map((fact) => `${formatZonedClock(fact.at, now, zone)} ${fact.text}`);
  const actions = currentActions(source.tasks).map(
    (task) => `${task.title} (${nameOf(task.assigneeId)}, ${task.status === 'doing' ? 'in progress' : 'to do'})`,
  );
  const lines = [
    `[${incident.severity}] ${heading}: ${incident.title} (${formatZonedClock(now, now, zone)})`,
    `Status: ${PHASE_INTERNAL[incident.phase]}`,
    `Impact: ${incident.impact || 'Not yet assessed.'}`,
  ];
  if (incident.services.length) lines.push(`Affected services: ${incident.services.join(', ')}`);
  if (template === 'initial')
    lines.push(
      `Started: ${formatZonedClock(incident.startedAt, now, zone)}; declared: ${formatZonedClock(incident.declaredAt, now, zone)}`,
    );
  if (template === 'resolution') {
    lines.push(`Duration: ${describeDuration(now - incident.startedAt)} (started ${formatZonedClock(incident.startedAt, now, zone)})`);
  }
  lines.push('', 'Confirmed facts:', bullets(facts, 'None confirmed yet.'));
  if (template !== 'resolution') lines.push('', 'Current actions:', bullets(actions, 'None recorded.'));
  lines.push('');
  if (commander) lines.push(`Incident commander: ${nameOf(commander.personId)}`);
  lines.push(nextUpdateLine(nextUpdateAt, now, zone, 'internal'));
  return lines.join('\n');
}

function composeExecutive(source: StatusUpdateSource, options: ComposeOptions, zone: string, nextUpdateAt: EpochMs | null): string {
  const { incident } = source;
  const { now, template } = options;
  const commander = incidentCommander(source.roles);
  const commanderName = commander ? source.people.find((p) => p.id === commander.personId)?.name : undefined;
  // Executives get the few most recent facts: the short version, not the log.
  const facts = confirmedFacts(source)
    .slice(-3)
    .map((fact) => sentence(fact.text));
  const doing = currentActions(source.tasks);
  const inProgress = doing.filter((task) => task.status === 'doing').length;
  const opening = {
    initial: `We have a ${SEVERITY_WORDS[incident.severity]} incident: ${incident.title}.`,
    update: `Update on the ${SEVERITY_WORDS[incident.severity]} incident: ${incident.title}.`,
    resolution: `Resolved: ${incident.title}.`,
  }[template];
  const lines = [opening, PHASE_PLAIN[template === 'resolution' ? 'resolved' : incident.phase]];
  lines.push(`Impact: ${incident.impact || 'Still being assessed.'}`);
  if (facts.length) lines.push(`What we know: ${facts.join(' ')}`);
  if (template === 'resolution') lines.push(`It lasted ${describeDuration(now - incident.startedAt)}.`);
  else if (doing.length) {
    lines.push(`Work under way: ${inProgress} action${inProgress === 1 ? '' : 's'} in progress, ${doing.length - inProgress} queued.`);
  }
  if (commanderName) lines.push(`Led by ${commanderName}.`);
  lines.push(nextUpdateLine(nextUpdateAt, now, zone, 'executive'));
  return lines.join('\n');
}

function composeCustomer(source: StatusUpdateSource, options: ComposeOptions, zone: string, nextUpdateAt: EpochMs | null): string {
  const { incident } = source;
  const { now, template } = options;
  const phase: Phase = template === 'resolution' ? 'resolved' : incident.phase;
  // No names, no systems, no internal facts: only the effect on customers, in plain words.
  const impact = incident.impact ? withoutInternalNames(incident.impact, source) : '';
  const lines = [`${PHASE_CUSTOMER[phase]}${impact ? '.' : ' affecting some of our services.'}`];
  if (impact) lines.push(`What you may notice: ${sentence(impact)}`);
  if (template === 'initial')
    lines.push(`It started at ${formatZonedClock(incident.startedAt, now, zone)}. We apologise for the disruption.`);
  if (template === 'update') lines.push(`Our team is working on it as a priority.`);
  if (template === 'resolution')
    lines.push('Everything is working normally again. We apologise for the disruption and thank you for your patience.');
  lines.push(nextUpdateLine(nextUpdateAt, now, zone, 'customer'));
  return lines.join('\n');
}

/** Fills a status update for the chosen audience and template from what the document holds. */
export function composeStatusUpdate(source: StatusUpdateSource, options: ComposeOptions): ComposedUpdate {
  const zone = resolveTimeZone(options.timeZone);
  const policy = options.policy ?? DEFAULT_POLICY;
  const nextUpdateAt = options.template === 'resolution' ? null : options.now + policy.cadenceMinutes[source.incident.severity] * 60_000;
  const compose = { internal: composeInternal, executive: composeExecutive, customer: composeCustomer }[options.audience];
  return Object.freeze({ text: compose(source, options, zone, nextUpdateAt), nextUpdateAt });
}
