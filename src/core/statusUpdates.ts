// Drafts a status update from the document for one audience and one template. Only what is
// confirmed goes out: timeline facts and confirmed hypotheses, never open or investigating
// hypotheses and never plain notes. The draft is a starting point the person edits.
import type { EpochMs, IncidentSnapshot, Phase, Task, UpdateAudience, UpdateTemplate } from './model';
import { DEFAULT_POLICY, type RoomPolicy } from './policy';
import { incidentCommander, peopleById } from './selectors';
import type { TFunction } from 'i18next';
import { resolveTimeZone, type ExportTimeZone } from './export/timeZone';
import { languageOr, translator, type Language } from './i18n';
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
  /** The readers' language (a customer update in the customers'); English when omitted. */
  readonly language?: Language;
  /** Sets when the next update is promised (now + cadence for the current severity). */
  readonly policy?: RoomPolicy;
}

export interface ComposedUpdate {
  readonly text: string;
  /** The next update time the text promises; null for a resolution (the final update). */
  readonly nextUpdateAt: EpochMs | null;
}

/** English labels, for the record's English copy; people read `common:audience.*` in their language. */
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

/** A confirmed fact with when it was established, oldest first. */
export interface ConfirmedFact {
  readonly at: EpochMs;
  readonly text: string;
}

/**
 * What may be stated as true: facts written in the timeline and hypotheses marked confirmed.
 * Open, investigating and ruled-out hypotheses, notes, decisions and events are left out.
 */
export function confirmedFacts(source: Pick<StatusUpdateSource, 'timeline' | 'hypotheses'>, language: Language = 'en'): ConfirmedFact[] {
  const t = words(language);
  const facts: ConfirmedFact[] = [];
  for (const entry of source.timeline) if (entry.kind === 'fact') facts.push({ at: entry.at, text: entry.text });
  for (const hypothesis of source.hypotheses) {
    if (hypothesis.status === 'confirmed') {
      facts.push({ at: hypothesis.createdAt, text: t('updates:template.internal.confirmed', { statement: hypothesis.statement }) });
    }
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
export function withoutInternalNames(
  text: string,
  source: Pick<StatusUpdateSource, 'people' | 'incident'>,
  language: Language = 'en',
): string {
  const t = words(language);
  let scrubbed = text;
  const replace = (name: string, by: string) => {
    const trimmed = name.trim();
    if (trimmed.length < 2) return;
    scrubbed = scrubbed.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(trimmed)}(?![\\p{L}\\p{N}])`, 'giu'), by);
  };
  // Longest first, so "Dana Lee" goes before "Dana" would leave "Lee" behind.
  const names = source.people.flatMap((person) => [person.name, ...person.name.split(/\s+/).filter((part) => part.length >= 3)]);
  for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) replace(name, t('updates:template.customer.ourTeam'));
  for (const service of [...source.incident.services].sort((a, b) => b.length - a.length))
    replace(service, t('updates:template.customer.ourServices'));
  return scrubbed;
}

type UpdateT = TFunction<['updates', 'common']>;

function words(language: Language): UpdateT {
  // Keys carry their namespace: the translator's default namespace is `common`.
  return translator(language) as unknown as UpdateT;
}

/** What one draft is written with: the readers' words, the zone and a clock that names it. */
interface Writer {
  readonly t: UpdateT;
  readonly language: Language;
  readonly zone: string;
  readonly now: EpochMs;
  readonly clock: (at: EpochMs) => string;
}

/** Ends the text as a sentence in the update's language, unless it already ends like one. */
function sentence(w: Writer, text: string): string {
  const trimmed = text.trim();
  return /[.!?。！？]$/.test(trimmed) ? trimmed : `${trimmed}${w.t('updates:template.sentenceEnd')}`;
}

function bullets(lines: readonly string[], empty: string): string {
  return lines.length ? lines.map((line) => `- ${line}`).join('\n') : `- ${empty}`;
}

function nextUpdateLine(w: Writer, nextUpdateAt: EpochMs | null, audience: UpdateAudience): string {
  const { t } = w;
  if (nextUpdateAt === null) return audience === 'customer' ? t('updates:template.customer.final') : t('updates:template.final');
  const time = w.clock(nextUpdateAt);
  return audience === 'customer' ? t('updates:template.customer.nextUpdate', { time }) : t('updates:template.nextUpdate', { time });
}

function composeInternal(source: StatusUpdateSource, options: ComposeOptions, w: Writer, nextUpdateAt: EpochMs | null): string {
  const { incident } = source;
  const { template } = options;
  const { t, now } = w;
  const people = peopleById(source.people);
  const nameOf = (id: string | null) =>
    id ? (people.get(id)?.name ?? t('updates:template.internal.someone')) : t('updates:template.internal.unassigned');
  const commander = incidentCommander(source.roles);
  const facts = confirmedFacts(source, w.language).map((fact) => `${w.clock(fact.at)} ${fact.text}`);
  const actions = currentActions(source.tasks).map((task) =>
    t('updates:template.internal.action', { title: task.title, assignee: nameOf(task.assigneeId), status: task.status }),
  );
  const lines = [
    t('updates:template.internal.title', {
      severity: incident.severity,
      heading: t(`updates:template.internal.heading.${template}`),
      title: incident.title,
      time: w.clock(now),
    }),
    t('updates:template.internal.status', { phase: t(`updates:template.internal.phase.${incident.phase}`) }),
    t('updates:template.internal.impact', { impact: incident.impact || t('updates:template.internal.impactUnknown') }),
  ];
  if (incident.services.length) {
    lines.push(t('updates:template.internal.services', { services: incident.services.join(t('updates:template.listSeparator')) }));
  }
  if (template === 'initial') {
    lines.push(
      t('updates:template.internal.startedDeclared', { started: w.clock(incident.startedAt), declared: w.clock(incident.declaredAt) }),
    );
  }
  if (template === 'resolution') {
    lines.push(
      t('updates:template.internal.duration', {
        duration: describeDuration(now - incident.startedAt, w.language),
        started: w.clock(incident.startedAt),
      }),
    );
  }
  lines.push('', t('updates:template.internal.facts'), bullets(facts, t('updates:template.internal.noFacts')));
  if (template !== 'resolution') {
    lines.push('', t('updates:template.internal.actions'), bullets(actions, t('updates:template.internal.noActions')));
  }
  lines.push('');
  if (commander) lines.push(t('updates:template.internal.commander', { name: nameOf(commander.personId) }));
  lines.push(nextUpdateLine(w, nextUpdateAt, 'internal'));
  return lines.join('\n');
}

function composeExecutive(source: StatusUpdateSource, options: ComposeOptions, w: Writer, nextUpdateAt: EpochMs | null): string {
  const { incident } = source;
  const { template } = options;
  const { t, now } = w;
  const commander = incidentCommander(source.roles);
  const commanderName = commander ? source.people.find((p) => p.id === commander.personId)?.name : undefined;
  // Executives get the few most recent facts: the short version, not the log.
  const facts = confirmedFacts(source, w.language)
    .slice(-3)
    .map((fact) => sentence(w, fact.text));
  const doing = currentActions(source.tasks);
  const inProgress = doing.filter((task) => task.status === 'doing').length;
  const severityWord = t(`updates:template.executive.severityWord.${incident.severity}`);
  const lines = [
    t(`updates:template.executive.opening.${template}`, { severityWord, title: incident.title }),
    t(`updates:template.executive.phase.${template === 'resolution' ? 'resolved' : incident.phase}`),
    t('updates:template.executive.impact', { impact: incident.impact || t('updates:template.executive.impactUnknown') }),
  ];
  if (facts.length) lines.push(t('updates:template.executive.known', { facts: facts.join(t('updates:template.factSeparator')) }));
  if (template === 'resolution') {
    lines.push(t('updates:template.executive.lasted', { duration: describeDuration(now - incident.startedAt, w.language) }));
  } else if (doing.length) {
    lines.push(t('updates:template.executive.work', { inProgress, n: String(inProgress), queued: String(doing.length - inProgress) }));
  }
  if (commanderName) lines.push(t('updates:template.executive.ledBy', { name: commanderName }));
  lines.push(nextUpdateLine(w, nextUpdateAt, 'executive'));
  return lines.join('\n');
}

function composeCustomer(source: StatusUpdateSource, options: ComposeOptions, w: Writer, nextUpdateAt: EpochMs | null): string {
  const { incident } = source;
  const { template } = options;
  const { t } = w;
  const phase: Phase = template === 'resolution' ? 'resolved' : incident.phase;
  // No names, no systems, no internal facts: only the effect on customers, in plain words.
  const impact = incident.impact ? withoutInternalNames(incident.impact, source, w.language) : '';
  const lines = [impact ? t(`updates:template.customer.opening.${phase}`) : t(`updates:template.customer.openingGeneral.${phase}`)];
  if (impact) lines.push(t('updates:template.customer.notice', { impact: sentence(w, impact) }));
  if (template === 'initial') lines.push(t('updates:template.customer.started', { time: w.clock(incident.startedAt) }));
  if (template === 'update') lines.push(t('updates:template.customer.working'));
  if (template === 'resolution') lines.push(t('updates:template.customer.resolved'));
  lines.push(nextUpdateLine(w, nextUpdateAt, 'customer'));
  return lines.join('\n');
}

/**
 * Fills a status update for the chosen audience and template from what the document holds, in
 * the readers' language; every time in it carries its zone ("14:05 UTC+09:00").
 */
export function composeStatusUpdate(source: StatusUpdateSource, options: ComposeOptions): ComposedUpdate {
  const zone = resolveTimeZone(options.timeZone);
  const language = languageOr(options.language);
  const policy = options.policy ?? DEFAULT_POLICY;
  const nextUpdateAt = options.template === 'resolution' ? null : options.now + policy.cadenceMinutes[source.incident.severity] * 60_000;
  const writer: Writer = {
    t: words(language),
    language,
    zone,
    now: options.now,
    clock: (at) => formatZonedClock(at, options.now, zone, language),
  };
  const compose = { internal: composeInternal, executive: composeExecutive, customer: composeCustomer }[options.audience];
  return Object.freeze({ text: compose(source, options, writer, nextUpdateAt), nextUpdateAt });
}
