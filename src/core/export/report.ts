// The incident review report as plain text blocks, shared by the Markdown and HTML exporters so
// both always carry the same sections; each renderer only escapes and lays out.
import { formatBytes } from '../attachments/metadata';
import type { EpochMs, Hypothesis, Milestone, Person, RoleAssignment, TimelineEntry } from '../model';
import type { IncidentMetrics, Metric } from '../metrics';
import { formatDuration } from '../time/durations';
import { exportContext, type ExportContext, type ExportOptions } from './context';
import { KEY_MOMENT_LABELS, keyTimeline } from '../review';
import { formatZonedTime } from './timeZone';

export type ReportBlock =
  /** Free text written by people: line breaks are meaningful. */
  | { readonly type: 'text'; readonly text: string }
  /** Label and value pairs. */
  | { readonly type: 'fields'; readonly fields: ReadonlyArray<readonly [label: string, value: string]> }
  | {
      readonly type: 'table';
      readonly caption: string;
      readonly columns: readonly string[];
      readonly rows: ReadonlyArray<readonly string[]>;
    }
  /** What a reader should notice, such as milestones recorded out of order. */
  | { readonly type: 'warning'; readonly text: string }
  /** Says that a section has nothing in it. */
  | { readonly type: 'empty'; readonly text: string };

export interface ReportSection {
  /** Stable identifier, usable as an HTML id. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
  readonly subsections: readonly ReportSection[];
}

export interface Report {
  readonly title: string;
  readonly header: ReportBlock;
  readonly sections: readonly ReportSection[];
  readonly footer: string;
  /** Resolved IANA zone the times are written in. */
  readonly zone: string;
}

/** What an empty value shows as. */
export const NONE = '—';

/** "ruled-out" -> "Ruled out", "incident-commander" -> "Incident commander". */
export function humanize(value: string): string {
  const spaced = value.replace(/-/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function orNone(value: string): string {
  return value.trim() === '' ? NONE : value;
}

function section(id: string, title: string, blocks: ReportBlock[], subsections: ReportSection[] = []): ReportSection {
  return { id, title, blocks, subsections };
}

function table(caption: string, columns: string[], rows: string[][], empty: string): ReportBlock {
  return rows.length === 0 ? { type: 'empty', text: empty } : { type: 'table', caption, columns, rows };
}

/** Entries written down more than this long after they happened are shown as backdated. */
const BACKDATED_AFTER_MS = 60_000;

export function milestoneName(milestone: Milestone): string {
  return milestone.kind === 'custom' ? orNone(milestone.label) : humanize(milestone.kind);
}

function metricValue(metric: Metric, metrics: IncidentMetrics): string {
  if (metric.ms === null) {
    const missing = [metric.from, metric.to].filter((kind) => kind !== null && metrics.milestoneAt[kind] === null);
    return `Not available (no ${missing.join(' or ')} milestone)`;
  }
  if (metric.outOfOrder) return `Out of order (${formatDuration(metric.ms)}): check the milestone times`;
  const value = formatDuration(metric.ms);
  return metric.name === 'totalDuration' && metrics.ongoing ? `${value} (ongoing, as of export)` : value;
}

function metricsSection(ctx: ExportContext, time: (at: EpochMs | null) => string): ReportSection {
  const { metrics } = ctx;
  const rows = metrics.list.map((metric) => {
    const from = metrics.milestoneAt[metric.from];
    const to = metric.to === null ? ctx.now : metrics.milestoneAt[metric.to];
    const toLabel = metric.to === null ? 'Export time' : humanize(metric.to);
    return [metric.label, metricValue(metric, metrics), `${humanize(metric.from)}: ${time(from)}`, `${toLabel}: ${time(to)}`];
  });
  const blocks: ReportBlock[] = [table('Response metrics', ['Metric', 'Duration', 'From', 'To'], rows, '')];
  if (metrics.startedFrom === 'incident') {
    blocks.push({ type: 'warning', text: 'No "started" milestone was recorded; the incident start time is used instead.' });
  }
  for (const inversion of metrics.inversions) blocks.push({ type: 'warning', text: inversion.message });
  return section('metrics', 'Metrics', blocks);
}

/** The review as people wrote it, with the key timeline derived from the records. */
function reviewSection(ctx: ExportContext, time: (at: EpochMs | null) => string): ReportSection {
  const { review } = ctx.snapshot;
  const text = (id: string, title: string, value: string, empty: string): ReportSection =>
    section(id, title, [value.trim() === '' ? { type: 'empty', text: empty } : { type: 'text', text: value }]);
  const moments = keyTimeline(ctx.snapshot).map((m) => [
    time(m.at),
    KEY_MOMENT_LABELS[m.kind],
    orNone(m.text),
    orNone(ctx.nameOf(m.by)),
    m.kind !== 'change' ? NONE : m.rolledBack ? `Rolled back ${time(m.rolledBackAt)}` : 'Not rolled back',
  ]);
  const whys = review.fiveWhys.map((w, index) => [String(index + 1), orNone(w.question), orNone(w.answer)]);
  return section(
    'review',
    'Review',
    [],
    [
      text('review-summary', 'Summary', review.summary, 'No review summary written.'),
      text('review-impact', 'Impact', review.impact, 'No review impact written.'),
      section('key-timeline', 'Key timeline', [
        table(
          'Key timeline',
          ['Time', 'Kind', 'What happened', 'By', 'Rollback'],
          moments,
          'No milestones, decisions, settled hypotheses or system changes recorded.',
        ),
      ]),
      text('root-cause', 'Root cause', review.rootCause, 'No root cause written.'),
      section('five-whys', 'Five whys', [table('Five whys', ['Step', 'Why?', 'Because'], whys, 'No whys written.')]),
      text('went-well', 'What went well', review.wentWell, 'Nothing written yet.'),
      text('went-badly', 'What went badly', review.wentBadly, 'Nothing written yet.'),
      text('lessons', 'Lessons', review.lessons, 'No lessons written.'),
    ],
  );
}

function dutyMs(person: Person, now: EpochMs): number {
  return person.dutyMsBefore + (person.status === 'active' ? Math.max(0, now - person.statusSince) : 0);
}

function rolesSection(ctx: ExportContext, time: (at: EpochMs | null) => string): ReportSection {
  const roles: readonly RoleAssignment[] = ctx.snapshot.roles;
  const current = roles
    .filter((r) => r.endedAt === null)
    .map((r) => [humanize(r.role), orNone(ctx.nameOf(r.personId)), time(r.assignedAt)]);
  const history = roles.map((r) => [
    humanize(r.role),
    orNone(ctx.nameOf(r.personId)),
    time(r.assignedAt),
    r.endedAt === null ? 'Still held' : time(r.endedAt),
    orNone(ctx.nameOf(r.assignedBy)),
  ]);
  return section('roles', 'Roles', [
    table('Current roles', ['Role', 'Held by', 'Since'], current, 'No role is currently held.'),
    table('Role history', ['Role', 'Person', 'From', 'Until', 'Assigned by'], history, 'No roles were assigned.'),
  ]);
}

function hypothesisSection(ctx: ExportContext, h: Hypothesis, index: number, time: (at: EpochMs | null) => string): ReportSection {
  const evidence = h.evidence.map((e) => [humanize(e.stance), orNone(e.text), time(e.at), orNone(ctx.nameOf(e.by))]);
  const checks = h.checks.map((c) => [
    orNone(c.description),
    humanize(c.outcome),
    orNone(c.result),
    laterOf(c.at, c.recordedAt, time),
    orNone(ctx.nameOf(c.by)),
  ]);
  return section(`hypothesis-${index + 1}`, orNone(h.statement), [
    {
      type: 'fields',
      fields: [
        ['Status', humanize(h.status)],
        ['Owner', orNone(ctx.nameOf(h.ownerId))],
        ['Proposed', `${laterOf(h.at ?? h.createdAt, h.createdAt, time)} by ${orNone(ctx.nameOf(h.createdBy))}`],
      ],
    },
    table('Evidence', ['Stance', 'Evidence', 'When', 'By'], evidence, 'No evidence recorded.'),
    table('Checks', ['Check', 'Outcome', 'Result', 'When', 'By'], checks, 'No checks recorded.'),
  ]);
}

/** When it happened, and when it was written down if that was noticeably later. */
function laterOf(at: EpochMs, recordedAt: EpochMs | null | undefined, time: (at: EpochMs | null) => string): string {
  const shown = time(at);
  return typeof recordedAt === 'number' && recordedAt - at > BACKDATED_AFTER_MS ? `${shown} (recorded ${time(recordedAt)})` : shown;
}

function timelineTime(entry: TimelineEntry, time: (at: EpochMs | null) => string): string {
  return laterOf(entry.at, entry.recordedAt, time);
}

/** Who said it, and who wrote it down when that was someone else (the scribe). */
export function entryAuthor(entry: Pick<TimelineEntry, 'authorName' | 'saidByName' | 'saidById'>): string {
  return entry.saidById ? `${orNone(entry.saidByName)} (recorded by ${orNone(entry.authorName)})` : orNone(entry.authorName);
}

/** How an entry was corrected, for the exports that show one line per entry; empty when never. */
export function entryCorrection(entry: Pick<TimelineEntry, 'revisions' | 'retractedAt' | 'retractedByName' | 'retractionReason'>): string {
  if (typeof entry.retractedAt === 'number') {
    return `Retracted by ${orNone(entry.retractedByName)}${entry.retractionReason ? `: ${entry.retractionReason}` : ''}`;
  }
  const earlier = entry.revisions ?? [];
  if (earlier.length === 0) return '';
  return `Edited; earlier: ${earlier.map((revision) => `“${revision.text}” (changed by ${orNone(revision.editedByName)})`).join('; ')}`;
}

/** The files an entry carries, for the exports that show one line per entry; empty when none. */
export function entryAttachments(entry: Pick<TimelineEntry, 'attachments'>): string {
  const files = entry.attachments ?? [];
  if (files.length === 0) return '';
  return `Attached: ${files.map((file) => `${file.name} (${formatBytes(file.size)}, SHA-256 ${file.sha256.slice(0, 12)}…)`).join(', ')}`;
}

function entryText(entry: TimelineEntry): string {
  const marks = [entryCorrection(entry), entryAttachments(entry)].filter((mark) => mark !== '');
  return marks.length === 0 ? orNone(entry.text) : `${orNone(entry.text)} ${marks.map((mark) => `[${mark}]`).join(' ')}`;
}

export function buildReport(ctx: ExportContext): Report {
  const { snapshot, zone, now } = ctx;
  const { incident } = snapshot;
  const time = (at: EpochMs | null): string => (at === null ? NONE : formatZonedTime(at, zone));
  const hypothesisStatement = new Map(snapshot.hypotheses.map((h) => [h.id, h.statement]));

  const header: ReportBlock = {
    type: 'fields',
    fields: [
      ['Severity', incident.severity],
      ['Phase', humanize(incident.phase)],
      ['Started', time(incident.startedAt)],
      ['Declared', `${time(incident.declaredAt)} by ${orNone(ctx.nameOf(incident.declaredBy))}`],
      ['Affected services', incident.services.length === 0 ? NONE : incident.services.join(', ')],
      ['Incident ID', incident.id],
      ['Times shown in', `${zone} (each time carries its offset from UTC)`],
      ['Exported', time(now)],
    ],
  };

  const textOr = (value: string, empty: string): ReportBlock =>
    value.trim() === '' ? { type: 'empty', text: empty } : { type: 'text', text: value };

  const sections: ReportSection[] = [
    section('summary', 'Summary', [textOr(incident.summary, 'No summary recorded.')]),
    section('impact', 'Impact', [textOr(incident.impact, 'No impact recorded.')]),
    metricsSection(ctx, time),
    reviewSection(ctx, time),
    section('people', 'People', [
      table(
        'People',
        ['Name', 'Contact', 'Status', 'Joined', 'Time on duty'],
        snapshot.people.map((p) => [
          orNone(p.name),
          orNone(p.contact),
          humanize(p.status),
          time(p.joinedAt),
          formatDuration(dutyMs(p, now)),
        ]),
        'Nobody joined.',
      ),
    ]),
    rolesSection(ctx, time),
    section('milestones', 'Milestones', [
      table(
        'Milestones',
        ['Milestone', 'Happened', 'Recorded', 'By', 'Note'],
        snapshot.milestones.map((m) => [milestoneName(m), time(m.at), time(m.recordedAt), orNone(ctx.nameOf(m.by)), orNone(m.note)]),
        'No milestones recorded.',
      ),
    ]),
    section(
      'hypotheses',
      'Hypotheses',
      snapshot.hypotheses.length === 0 ? [{ type: 'empty', text: 'No hypotheses recorded.' }] : [],
      snapshot.hypotheses.map((h, index) => hypothesisSection(ctx, h, index, time)),
    ),
    section('tasks', 'Tasks', [
      table(
        'Tasks',
        ['Task', 'Assignee', 'Status', 'Due', 'Hypothesis', 'Created'],
        snapshot.tasks.map((t) => [
          orNone(t.title),
          t.assigneeId === null ? 'Unassigned' : orNone(ctx.nameOf(t.assigneeId)),
          humanize(t.status),
          time(t.dueAt),
          t.hypothesisId === null ? NONE : orNone(hypothesisStatement.get(t.hypothesisId) ?? t.hypothesisId),
          time(t.createdAt),
        ]),
        'No tasks recorded.',
      ),
    ]),
    section('changes', 'System changes', [
      table(
        'System changes',
        ['Change', 'System', 'Made by', 'Applied', 'State', 'Rolled back'],
        snapshot.changes.map((c) => [
          orNone(c.description),
          orNone(c.system),
          orNone(ctx.nameOf(c.madeBy)),
          laterOf(c.at, c.recordedAt, time),
          c.state === 'applied' ? 'Applied (not rolled back)' : 'Rolled back',
          time(c.rolledBackAt),
        ]),
        'No system changes recorded.',
      ),
    ]),
    section('follow-ups', 'Follow-up actions', [
      table(
        'Follow-up actions',
        ['Action', 'Owner', 'Priority', 'Status', 'Due', 'Created'],
        snapshot.followUps.map((f) => [
          orNone(f.title),
          f.ownerId === null ? 'Unassigned' : orNone(ctx.nameOf(f.ownerId)),
          f.priority,
          humanize(f.status),
          time(f.dueAt),
          time(f.createdAt),
        ]),
        'No follow-up actions recorded.',
      ),
    ]),
    section('timeline', 'Timeline', [
      table(
        `Timeline (${snapshot.timeline.length} entries)`,
        ['Time', 'Author', 'Kind', 'Entry'],
        snapshot.timeline.map((e) => [timelineTime(e, time), entryAuthor(e), humanize(e.kind), entryText(e)]),
        'The timeline is empty.',
      ),
    ]),
  ];

  const footer = `Exported ${time(now)}${ctx.generatedBy ? ` by ${ctx.generatedBy}` : ''} from incident ${incident.id}.`;
  return { title: orNone(incident.title), header, sections, footer, zone };
}

export function reportFor(snapshot: Parameters<typeof exportContext>[0], options: ExportOptions): Report {
  return buildReport(exportContext(snapshot, options));
}
