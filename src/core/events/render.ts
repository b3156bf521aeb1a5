// Automatic timeline entries as structured events: the command that wrote one stores its id
// (`task.assigned`) and plain parameters (who, what, before, after), and every reader renders
// the sentence in its own language from the `events` catalog. The parameters come from peers,
// so each renderer reads them defensively and any misfit falls back to a generic line.
import {
  CHECK_OUTCOMES,
  EVIDENCE_STANCES,
  FOLLOW_UP_PRIORITIES,
  FOLLOW_UP_STATUSES,
  HYPOTHESIS_STATUSES,
  MILESTONE_KINDS,
  PERSON_STATUSES,
  PHASES,
  REVIEW_FIELDS,
  ROLES,
  SEVERITIES,
  TASK_STATUSES,
  UPDATE_AUDIENCES,
  UPDATE_TEMPLATES,
} from '../model';
import { languageOr, type TFunction } from '../i18n';
import { timeDisplay } from '../time/display';
import { formatZonedDateTime } from '../time/instants';
import { formatBytes } from '../attachments/metadata';

/**
 * An event's parameters: plain strings and numbers only, so they survive any peer and any
 * export. People are stored by id and by name as written then (the record reads on its own);
 * a list (names, changed fields) is one string with its items on separate lines.
 */
export type EventParams = Readonly<Record<string, string | number>>;

/** The separator of list items inside one parameter (names never contain a line break). */
export const LIST_SEPARATOR = '\n';

/** Joins list items for a parameter; a line break inside an item (a file's name) becomes a space. */
export function listParam(items: readonly string[]): string {
  return items.map((item) => item.replace(/[\r\n]+/g, ' ')).join(LIST_SEPARATOR);
}

/** Thrown by a renderer for parameters that do not fit its event; the caller shows a generic line. */
class Malformed extends Error {}

type Values = Record<string, string | number>;
type Translate = (key: string, values?: Values) => string;

/** Typed, defensive access to one event's parameters. */
class Params {
  constructor(private readonly raw: EventParams) {}

  /** A required string (may be empty). */
  s(key: string): string {
    const value = this.raw[key];
    if (typeof value !== 'string') throw new Malformed(key);
    return value;
  }

  /** An optional string: '' when absent. */
  o(key: string): string {
    const value = this.raw[key];
    if (value === undefined) return '';
    if (typeof value !== 'string') throw new Malformed(key);
    return value;
  }

  /** A required whole, non-negative number. */
  n(key: string): number {
    const value = this.raw[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Malformed(key);
    return value;
  }

  /** A required non-negative number, fractions allowed (hours of a policy). */
  d(key: string): number {
    const value = this.raw[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new Malformed(key);
    return value;
  }

  /** An optional whole number: null when absent. */
  on(key: string): number | null {
    return this.raw[key] === undefined ? null : this.n(key);
  }

  /** Whether a parameter is present (a flag is stored only when true). */
  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** One of a closed set of values. */
  e<T extends string>(key: string, values: readonly T[]): T {
    const value = this.raw[key];
    if (!(values as readonly unknown[]).includes(value)) throw new Malformed(key);
    return value as T;
  }

  /** A list parameter's items (empty when absent). */
  list(key: string): string[] {
    const value = this.o(key);
    return value === '' ? [] : value.split(LIST_SEPARATOR);
  }
}

/** What renderers use besides the parameters: the catalog and the language's small forms. */
class Words {
  constructor(
    readonly t: Translate,
    /** The IANA zone the reader reads times in. */
    readonly zone: string,
  ) {}

  /** A message of the events catalog; a missing key counts as malformed, never shown raw. */
  msg(key: string, values: Values = {}): string {
    const full = `events:${key}`;
    const out = this.t(full, values);
    if (typeof out !== 'string' || out === full || out === key) throw new Malformed(key);
    return out;
  }

  /** A list in the reader's language ("a, b" / "a、b"). */
  list(items: readonly string[]): string {
    return items.join(this.msg('meta.listSeparator'));
  }

  /** A person's name as stored, or "someone" when a peer left it empty. */
  name(value: string): string {
    return value === '' ? this.msg('word.someone') : value;
  }

  /** "5 minutes", "90 minutes": whole minutes, as a time box is said. */
  minutes(minutes: number): string {
    return this.msg('duration.minutes', { count: minutes });
  }

  /** "30 minutes", "4 hours", "1 day": in the largest unit that divides them (the policy). */
  span(minutes: number): string {
    if (minutes > 0 && minutes % (24 * 60) === 0) return this.msg('duration.days', { count: minutes / (24 * 60) });
    if (minutes > 0 && minutes % 60 === 0) return this.msg('duration.hours', { count: minutes / 60 });
    return this.minutes(minutes);
  }

  /**
   * A stored instant as the reader's language writes a date and time, in the reader's zone and
   * naming it ("2025-03-12 14:05 UTC", "2025/03/12 14:05 UTC+09:00"): a time inside a sentence
   * is read by someone who may be in another zone than the person who set it.
   */
  instant(ms: number): string {
    if (!Number.isFinite(ms) || Number.isNaN(new Date(ms).getTime())) throw new Malformed('time');
    return formatZonedDateTime(ms, this.zone, languageOr(this.t('events:meta.language')));
  }

  /** A milestone's name: its kind's label, or the name a person gave a custom one. */
  milestone(p: Params): string {
    const kind = p.e('kind', MILESTONE_KINDS);
    const label = p.o('label');
    if (kind === 'custom' && label !== '') return label;
    const out = this.t(`common:milestone.${kind}`);
    if (out === `common:milestone.${kind}`) throw new Malformed('kind');
    return out;
  }
}

/** Shortens a long quoted statement the way the record always did. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}…` : text;
}

type Renderer = (p: Params, w: Words) => string;

/** The changed parts of an edit, each a phrase of the catalog, as one list. */
function parts(p: Params, w: Words, prefix: string, allowed: readonly string[], values: Values = {}): string {
  const codes = p.list('changes');
  if (codes.length === 0 || codes.some((code) => !allowed.includes(code))) throw new Malformed('changes');
  return w.list(codes.map((code) => w.msg(`${prefix}.${code}`, values)));
}

/** Every event Sitrep records, by id. A new event needs a renderer here and a message in each catalog. */
export const EVENT_RENDERERS: Readonly<Record<string, Renderer>> = {
  'incident.declared': (p, w) => w.msg('incident.declared', { title: p.s('title'), severity: p.e('severity', SEVERITIES) }),
  'incident.updated': (p, w) => {
    const services = p.list('services');
    const values = {
      title: p.o('title'),
      services: services.length === 0 ? w.msg('incident.part.noServices') : w.list(services),
    };
    return w.msg('incident.updated', { parts: parts(p, w, 'incident.part', ['title', 'summary', 'impact', 'services'], values) });
  },
  'incident.severity-changed': (p, w) => {
    const values = { from: p.e('from', SEVERITIES), to: p.e('to', SEVERITIES), reason: p.o('reason') };
    if (p.has('proposedByName')) {
      const proposed = { ...values, proposer: w.name(p.s('proposedByName')), confirmer: w.name(p.s('confirmedByName')) };
      return w.msg(values.reason ? 'incident.severityConfirmedWithReason' : 'incident.severityConfirmed', proposed);
    }
    return w.msg(values.reason ? 'incident.severityChangedWithReason' : 'incident.severityChanged', values);
  },
  'incident.phase-changed': (p, w) =>
    w.msg('incident.phaseChanged', {
      from: w.msg(`word.phase.${p.e('from', PHASES)}`),
      to: w.msg(`word.phase.${p.e('to', PHASES)}`),
    }),
  'incident.exit-criteria-set': (p, w) => {
    const criteria = p.o('criteria');
    return criteria ? w.msg('incident.exitCriteriaSet', { criteria }) : w.msg('incident.exitCriteriaCleared');
  },

  'person.joined': (p, w) => w.msg('person.joined', { name: w.name(p.s('name')) }),
  'person.updated': (p, w) => {
    const name = w.name(p.s('name'));
    if (p.list('changes').length === 0) return w.msg('person.updatedDetails', { name });
    return w.msg('person.updated', { name, parts: parts(p, w, 'person.part', ['renamed', 'contact'], { newName: p.o('newName') }) });
  },
  'person.status-changed': (p, w) => {
    const name = w.name(p.s('name'));
    const status = p.e('status', PERSON_STATUSES);
    if (status === 'left') return w.msg('person.left', { name, openTasks: p.on('openTasks') ?? 0 });
    return w.msg(status === 'active' ? 'person.backOnDuty' : 'person.resting', { name });
  },
  'person.removed': (p, w) =>
    w.msg('person.removed', { name: w.name(p.s('name')), by: w.name(p.s('byName')), openTasks: p.on('openTasks') ?? 0 }),
  'person.device-linked': (p, w) => w.msg('person.deviceLinked', { name: w.name(p.s('name')) }),

  'role.assigned': (p, w) => {
    const values = { name: w.name(p.s('name')), role: w.msg(`word.role.${p.e('role', ROLES)}`) };
    const replaced = p.list('replacedNames');
    return replaced.length ? w.msg('role.assignedReplacing', { ...values, replaced: w.list(replaced) }) : w.msg('role.assigned', values);
  },
  'role.released': (p, w) => w.msg('role.released', { name: w.name(p.s('name')), role: w.msg(`word.role.${p.e('role', ROLES)}`) }),

  'command.handed-over': (p, w) => {
    const to = w.name(p.s('toName'));
    const from = p.list('fromNames');
    return from.length ? w.msg('command.handedOver', { from: w.list(from), to }) : w.msg('command.took', { to });
  },
  'command.offered': (p, w) =>
    w.msg('command.offered', { from: w.name(p.s('fromName')), to: w.name(p.s('toName')), briefing: p.s('briefing') }),
  'command.accepted': (p, w) => {
    const from = p.list('fromNames');
    const withdrawn = p.list('withdrawnNames');
    const values = {
      to: w.name(p.s('toName')),
      from: w.list(from),
      by: p.has('recordedByName') ? w.name(p.s('recordedByName')) : '',
      withdrawn: w.list(withdrawn),
    };
    const key = `command.accepted${p.has('recordedByName') ? 'Verbally' : ''}${from.length ? 'From' : ''}`;
    const sentence = w.msg(key, values);
    return withdrawn.length ? w.msg('command.withOffersWithdrawn', { sentence, withdrawn: values.withdrawn }) : sentence;
  },
  'command.declined': (p, w) => {
    const reason = p.o('reason');
    return w.msg(reason ? 'command.declinedWithReason' : 'command.declined', { by: w.name(p.s('byName')), reason });
  },
  'command.offer-cancelled': (p, w) => w.msg('command.offerCancelled', { to: w.name(p.s('toName')) }),
  'command.assumed': (p, w) => {
    const fromName = p.o('fromName');
    const withdrawn = p.list('withdrawnNames');
    const sentence = w.msg(fromName ? 'command.assumedFrom' : 'command.assumed', {
      by: w.name(p.s('byName')),
      from: fromName,
      reason: p.s('reason'),
    });
    return withdrawn.length ? w.msg('command.withOffersWithdrawn', { sentence, withdrawn: w.list(withdrawn) }) : sentence;
  },
  'command.contested': (p, w) => {
    const reason = p.o('reason');
    return w.msg(reason ? 'command.contestedWithReason' : 'command.contested', {
      by: w.name(p.s('byName')),
      assumer: w.name(p.s('assumedByName')),
      reason,
    });
  },
  'command.assumption-accepted': (p, w) =>
    w.msg('command.assumptionAccepted', { by: w.name(p.s('byName')), assumer: w.name(p.s('assumedByName')) }),

  'authority.role-confirmed': (p, w) => {
    const ended = p.list('endedNames');
    const values = { name: w.name(p.s('name')), role: w.msg(`word.role.${p.e('role', ROLES)}`), ended: w.list(ended) };
    return w.msg(ended.length ? 'authority.roleConfirmedEnded' : 'authority.roleConfirmed', values);
  },
  'authority.severity-confirmed': (p, w) => {
    const others = p.list('others');
    const names = p.list('otherByNames');
    if (others.length !== names.length || others.some((value) => !(SEVERITIES as readonly string[]).includes(value))) {
      throw new Malformed('others');
    }
    const claims = others.map((severity, index) => w.msg('authority.claim', { severity, name: w.name(names[index] ?? '') }));
    return w.msg('authority.severityConfirmed', { severity: p.e('severity', SEVERITIES), others: w.list(claims) });
  },
  'severity.proposed': (p, w) => {
    const reason = p.o('reason');
    const commander = p.o('commanderName');
    return w.msg(`severity.proposed${reason ? 'WithReason' : ''}`, {
      by: w.name(p.s('byName')),
      severity: p.e('severity', SEVERITIES),
      from: p.e('from', SEVERITIES),
      reason,
      commander: commander || w.msg('word.theIncidentCommander'),
    });
  },
  'severity.proposal-confirmed': (p, w) =>
    w.msg('severity.proposalConfirmed', {
      by: w.name(p.s('byName')),
      proposer: w.name(p.s('proposedByName')),
      severity: p.e('severity', SEVERITIES),
    }),
  'severity.proposal-declined': (p, w) =>
    w.msg('severity.proposalDeclined', {
      by: w.name(p.s('byName')),
      proposer: w.name(p.s('proposedByName')),
      proposed: p.e('proposed', SEVERITIES),
      severity: p.e('severity', SEVERITIES),
    }),

  'task.created': (p, w) => {
    const minutes = p.on('checkBackMinutes');
    const values = { title: p.s('title'), assignee: w.name(p.s('assigneeName')), duration: minutes === null ? '' : w.minutes(minutes) };
    return w.msg(minutes === null ? 'task.created' : 'task.createdWithCheckBack', values);
  },
  'task.assigned': (p, w) => {
    const minutes = p.on('checkBackMinutes');
    const values = { title: p.s('title'), assignee: w.name(p.s('assigneeName')), duration: minutes === null ? '' : w.minutes(minutes) };
    return w.msg(minutes === null ? 'task.assigned' : 'task.assignedWithCheckBack', values);
  },
  'task.status-changed': (p, w) =>
    w.msg(p.has('checkBackCleared') ? 'task.statusChangedCheckBackCleared' : 'task.statusChanged', {
      title: p.s('title'),
      status: w.msg(`word.taskStatus.${p.e('status', TASK_STATUSES)}`),
    }),
  'task.edited': (p, w) => {
    const dueAt = p.on('dueAt');
    const values = { newTitle: p.o('newTitle'), due: dueAt === null ? '' : w.instant(dueAt) };
    return w.msg('task.edited', {
      title: p.s('title'),
      parts: parts(p, w, 'task.part', ['renamed', 'due', 'dueCleared', 'linked', 'unlinked'], values),
    });
  },
  'task.check-back-set': (p, w) =>
    w.msg('task.checkBackSet', { assignee: w.name(p.s('assigneeName')), title: p.s('title'), duration: w.minutes(p.n('minutes')) }),
  'task.check-back-cleared': (p, w) => w.msg('task.checkBackCleared', { title: p.s('title') }),
  'task.check-back-extended': (p, w) => w.msg('task.checkBackExtended', { title: p.s('title'), duration: w.minutes(p.n('minutes')) }),
  'task.checked-in': (p, w) => {
    const note = p.o('note');
    const next = p.on('nextMinutes');
    const key = `task.checkedIn${note ? 'WithNote' : ''}${next === null ? '' : 'WithNext'}`;
    return w.msg(key, { assignee: w.name(p.s('assigneeName')), title: p.s('title'), note, duration: next === null ? '' : w.minutes(next) });
  },

  'hypothesis.proposed': (p, w) => {
    const owner = p.o('ownerName');
    return w.msg(owner ? 'hypothesis.proposedWithOwner' : 'hypothesis.proposed', { statement: clip(p.s('statement'), 120), owner });
  },
  'hypothesis.status-changed': (p, w) => {
    const reason = p.o('reason');
    return w.msg(reason ? 'hypothesis.statusChangedWithReason' : 'hypothesis.statusChanged', {
      statement: clip(p.s('statement'), 120),
      status: w.msg(`word.hypothesisStatus.${p.e('status', HYPOTHESIS_STATUSES)}`),
      reason,
    });
  },
  'hypothesis.owner-changed': (p, w) =>
    w.msg('hypothesis.ownerChanged', { owner: w.name(p.s('ownerName')), statement: clip(p.s('statement'), 120) }),
  'hypothesis.evidence-added': (p, w) =>
    w.msg(`hypothesis.evidence.${p.e('stance', EVIDENCE_STANCES)}`, { statement: clip(p.s('statement'), 120), text: p.s('text') }),
  'hypothesis.check-started': (p, w) =>
    w.msg('hypothesis.checkStarted', { statement: clip(p.s('statement'), 120), description: p.s('description') }),
  'hypothesis.check-result': (p, w) =>
    w.msg(`hypothesis.checkResult.${p.e('outcome', CHECK_OUTCOMES)}`, { description: p.s('description'), result: p.s('result') }),

  'milestone.marked': (p, w) => {
    const note = p.o('note');
    return w.msg(note ? 'milestone.markedWithNote' : 'milestone.marked', { name: w.milestone(p), note });
  },
  'milestone.moved': (p, w) => milestoneCorrected(p, w),
  'milestone.corrected': (p, w) => milestoneCorrected(p, w),
  'milestone.retracted': (p, w) => {
    const reason = p.o('reason');
    return w.msg(reason ? 'milestone.retractedWithReason' : 'milestone.retracted', { name: w.milestone(p), reason });
  },

  'change.applied': (p, w) =>
    w.msg('change.applied', { system: p.s('system'), by: w.name(p.s('madeByName')), description: p.s('description') }),
  'change.rolled-back': (p, w) => {
    const note = p.o('note');
    return w.msg(note ? 'change.rolledBackWithNote' : 'change.rolledBack', {
      system: p.s('system'),
      description: p.s('description'),
      note,
    });
  },

  'follow-up.added': (p, w) => {
    const owner = p.o('ownerName');
    return w.msg(owner ? 'followUp.addedWithOwner' : 'followUp.added', {
      priority: p.e('priority', FOLLOW_UP_PRIORITIES),
      title: p.s('title'),
      owner,
    });
  },
  'follow-up.status-changed': (p, w) =>
    w.msg('followUp.statusChanged', { title: p.s('title'), status: w.msg(`word.followUpStatus.${p.e('status', FOLLOW_UP_STATUSES)}`) }),
  'follow-up.assigned': (p, w) => w.msg('followUp.assigned', { title: p.s('title'), owner: w.name(p.s('ownerName')) }),

  'entry.corrected': (p, w) => w.msg('entry.corrected', { parts: parts(p, w, 'entry.part', ['text', 'time', 'speaker']) }),
  'entry.retracted': (p, w) => {
    const reason = p.o('reason');
    return w.msg(reason ? 'entry.retractedWithReason' : 'entry.retracted', { reason });
  },
  'entry.attached': (p, w) => {
    const names = p.list('names');
    const sizes = p.list('sizes').map(Number);
    if (names.length === 0 || sizes.length !== names.length || sizes.some((size) => !Number.isInteger(size) || size < 0)) {
      throw new Malformed('files');
    }
    const files = names.map((name, index) => w.msg('entry.file', { name, size: formatBytes(sizes[index] as number) }));
    return w.msg('entry.attached', { files: w.list(files) });
  },
  'timeline.backfilled': (p, w) => {
    const added = p.list('addedNames');
    return w.msg(added.length ? 'timeline.backfilledAdding' : 'timeline.backfilled', { count: p.n('count'), added: w.list(added) });
  },

  'policy.cadence-changed': (p, w) =>
    w.msg('policy.cadenceChanged', {
      severity: p.e('severity', SEVERITIES),
      span: w.span(p.n('minutes')),
      previous: w.span(p.n('previousMinutes')),
    }),
  'policy.escalation-rule-set': (p, w) => {
    const after = rule(p, w, '');
    return p.has('previousSeverity')
      ? w.msg('policy.ruleChanged', { before: rule(p, w, 'previous'), after })
      : w.msg('policy.ruleAdded', { rule: after });
  },
  'policy.escalation-rule-removed': (p, w) => w.msg('policy.ruleRemoved', { rule: rule(p, w, '') }),
  'policy.fatigue-warning-changed': (p, w) => w.msg('policy.fatigueChanged', { hours: p.d('hours'), previous: p.d('previousHours') }),
  'escalation.acknowledged': (p, w) => {
    const note = p.o('note');
    return w.msg(note ? 'escalation.acknowledgedWithNote' : 'escalation.acknowledged', {
      who: p.s('notifyWho'),
      severity: p.e('severity', SEVERITIES),
      span: w.span(p.n('afterMinutes')),
      note,
    });
  },

  'status-update.posted': (p, w) =>
    w.msg(`statusUpdate.posted.${p.e('audience', UPDATE_AUDIENCES)}`, {
      template: w.msg(`word.template.${p.e('template', UPDATE_TEMPLATES)}`),
      text: p.s('text'),
    }),

  'review.edited': (p, w) => w.msg('review.edited', { field: w.msg(`word.reviewField.${p.e('field', REVIEW_FIELDS)}`) }),
  'review.why-edited': (_p, w) => w.msg('review.whyEdited'),
  'review.whys-reordered': (_p, w) => w.msg('review.whysReordered'),
  'review.why-added': (p, w) => {
    const question = p.o('question');
    return question ? w.msg('review.whyAddedWithQuestion', { question: clip(question, 80) }) : w.msg('review.whyAdded');
  },
  'review.why-removed': (p, w) => {
    const question = p.o('question');
    return question ? w.msg('review.whyRemovedWithQuestion', { question: clip(question, 80) }) : w.msg('review.whyRemoved');
  },
  // The undone step's own event, rendered for this reader; else its English label; else "a change".
  'change.undone': (p, w) => w.msg('undo.undone', { what: undoneWhat(p, w) }),
  'change.redone': (p, w) => w.msg('undo.redone', { what: undoneWhat(p, w) }),
  'review.draft-generated': (p, w) => {
    const fields = p.list('fields');
    if (fields.some((field) => !(REVIEW_FIELDS as readonly string[]).includes(field))) throw new Malformed('fields');
    const filled = fields.map((field) => w.msg(`word.reviewField.${field}`));
    if (p.has('addedWhy')) filled.push(w.msg('review.firstWhy'));
    if (filled.length === 0) throw new Malformed('fields');
    return w.msg('review.draftGenerated', { parts: w.list(filled) });
  },
};

/** What an undo record names: the step's event when it renders (never another undo), else the label. */
function undoneWhat(p: Params, w: Words): string {
  const event = p.o('undoneEvent');
  if (event !== '' && event !== 'change.undone' && event !== 'change.redone' && Object.hasOwn(EVENT_RENDERERS, event)) {
    let inner: unknown = null;
    try {
      inner = JSON.parse(p.o('undoneParams'));
    } catch {
      inner = null; // a peer's unreadable parameters: fall back to the label below
    }
    if (isEventParams(inner)) {
      const text = renderEvent(event, inner, w.t as unknown as TFunction, w.zone);
      if (text !== null) return text;
    }
  }
  return p.o('what') || w.msg('undo.aChange');
}

function isEventParams(value: unknown): value is EventParams {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((item) => typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item)));
}

function milestoneCorrected(p: Params, w: Words): string {
  const at = p.on('at');
  return w.msg('milestone.corrected', {
    name: w.milestone(p),
    parts: parts(p, w, 'milestone.part', ['moved', 'note'], { at: at === null ? '' : w.instant(at) }),
  });
}

/** An escalation rule, from parameters named `severity`… or `previousSeverity`…. */
function rule(p: Params, w: Words, prefix: '' | 'previous'): string {
  const key = (name: string) => (prefix ? `${prefix}${name[0]?.toUpperCase()}${name.slice(1)}` : name);
  return w.msg('policy.rule', {
    severity: p.e(key('severity'), SEVERITIES),
    span: w.span(p.n(key('afterMinutes'))),
    who: p.s(key('notifyWho')),
  });
}

/** The ids of every event this version records and renders. */
export const EVENT_IDS: readonly string[] = Object.freeze(Object.keys(EVENT_RENDERERS));

/**
 * An event's sentence in the language of `t`, with its times in `zone` (an IANA name; by default
 * the zone the window shows times in, UTC outside a window), or null when the event is unknown to
 * this version or its parameters do not fit it (a peer's garbage, a newer peer's event): callers
 * then show a generic line rather than throw.
 */
export function renderEvent(event: string, params: EventParams, t: TFunction, zone: string = timeDisplay().zone): string | null {
  const renderer = Object.hasOwn(EVENT_RENDERERS, event) ? EVENT_RENDERERS[event] : undefined;
  if (!renderer) return null;
  try {
    return renderer(new Params(params), new Words(t as unknown as Translate, zone));
  } catch {
    // Malformed parameters, or an ICU message that cannot format a peer's values: a line of the
    // record must never take the timeline down, so the caller shows a generic line instead.
    return null;
  }
}

/** Whether this version has a renderer for an event id. */
export function isKnownEvent(event: string): boolean {
  return Object.hasOwn(EVENT_RENDERERS, event);
}
