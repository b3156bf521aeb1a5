// A record in the reader's language: automatic entries are stored as events with parameters and
// rendered from the `events` catalog in each language; what people wrote, and entries stored
// before events had parameters, read as written; a peer's garbage renders as a safe line.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  addWhy,
  assignRole,
  assignTask,
  attachToEntry,
  changePhase,
  changeSeverity,
  checkInOnTask,
  createTask,
  editReviewField,
  editTask,
  generateReviewDraft,
  handOverCommand,
  logSystemChange,
  markChangeRolledBack,
  markMilestone,
  markPersonLeft,
  postStatusUpdate,
  proposeHypothesis,
  recordEntry,
  ruleOutHypothesis,
  setCheckBack,
  setEscalationRule,
  setFatigueWarningHours,
  setTaskStatus,
  setUpdateCadence,
  updateIncidentDetails,
} from '@core/commands';
import { severityHistory } from '@core/cadence';
import { entryText } from '@core/events/entryText';
import { EVENT_IDS, type EventParams, renderEvent } from '@core/events/render';
import { searchableText } from '@core/events/searchText';
import { LANGUAGES, translator } from '@core/i18n';
import { digestOf } from '@core/incidentDigest';
import type { TimelineEntry } from '@core/model';
import { readCollection, readIncidentInfo } from '@core/read';
import { collection, timelineEntrySchema } from '@core/schema';
import { filterTimeline } from '@core/selectors';
import { actor, declaredIncident, exchange, T0 } from './support/incident';

const MINUTE = 60_000;
const p = (id: string, name: string) => ({ [`${id}Id`]: `${name.toLowerCase()}-id`, [`${id}Name`]: name });

/** At least one sample per event, and one per variant a renderer picks by its parameters. */
const SAMPLES: ReadonlyArray<readonly [string, EventParams]> = [
  ['incident.declared', { title: 'Checkout errors', severity: 'SEV2' }],
  ['incident.updated', { changes: 'title\nsummary\nimpact\nservices', title: 'Pay fails', services: 'payments\ncheckout' }],
  ['incident.updated', { changes: 'services', services: '' }],
  ['incident.severity-changed', { from: 'SEV3', to: 'SEV1', reason: '' }],
  ['incident.severity-changed', { from: 'SEV3', to: 'SEV1', reason: 'all regions' }],
  ['incident.severity-changed', { from: 'SEV1', to: 'SEV2', reason: '', ...p('proposedBy', 'Ben'), ...p('confirmedBy', 'Amara') }],
  ['incident.severity-changed', { from: 'SEV1', to: 'SEV2', reason: 'contained', ...p('proposedBy', 'Ben'), ...p('confirmedBy', 'Amara') }],
  ['incident.phase-changed', { from: 'investigating', to: 'mitigating' }],
  ['incident.exit-criteria-set', { criteria: 'error rate < 1% for 30 min' }],
  ['incident.exit-criteria-set', { criteria: '' }],
  ['person.joined', { personId: 'chen-id', name: 'Chen' }],
  ['person.updated', { personId: 'chen-id', name: 'Chen', changes: 'renamed\ncontact', newName: 'Chen Wei' }],
  ['person.updated', { personId: 'chen-id', name: 'Chen', changes: '' }],
  ['person.status-changed', { personId: 'chen-id', name: 'Chen', status: 'active' }],
  ['person.status-changed', { personId: 'chen-id', name: 'Chen', status: 'resting' }],
  ['person.status-changed', { personId: 'chen-id', name: 'Chen', status: 'left', openTasks: 0 }],
  ['person.status-changed', { personId: 'chen-id', name: 'Chen', status: 'left', openTasks: 1 }],
  ['person.status-changed', { personId: 'chen-id', name: 'Chen', status: 'left', openTasks: 3 }],
  ['person.removed', { personId: 'chen-id', name: 'Chen', ...p('by', 'Amara'), openTasks: 5 }],
  ['person.removed', { personId: 'chen-id', name: 'Chen', ...p('by', 'Amara'), openTasks: 0 }],
  ['person.device-linked', { personId: 'chen-id', name: 'Chen' }],
  ['role.assigned', { personId: 'chen-id', name: 'Chen', role: 'scribe' }],
  ['role.assigned', { personId: 'chen-id', name: 'Chen', role: 'technical-lead', replacedNames: 'Ben' }],
  ['role.released', { personId: 'chen-id', name: 'Chen', role: 'liaison' }],
  ['command.handed-over', { ...p('to', 'Chen'), fromNames: 'Amara' }],
  ['command.handed-over', { ...p('to', 'Chen') }],
  ['command.offered', { ...p('from', 'Amara'), ...p('to', 'Chen'), briefing: 'DB failover in progress' }],
  ['command.accepted', { ...p('to', 'Chen') }],
  ['command.accepted', { ...p('to', 'Chen'), fromNames: 'Amara' }],
  ['command.accepted', { ...p('to', 'Chen'), ...p('recordedBy', 'Amara') }],
  ['command.accepted', { ...p('to', 'Chen'), fromNames: 'Amara', ...p('recordedBy', 'Amara'), withdrawnNames: 'Ben\nDana' }],
  ['command.declined', { ...p('by', 'Chen'), reason: '' }],
  ['command.declined', { ...p('by', 'Chen'), reason: 'on call elsewhere' }],
  ['command.offer-cancelled', { ...p('to', 'Chen') }],
  ['command.assumed', { ...p('by', 'Chen'), reason: 'IC unreachable' }],
  ['command.assumed', { ...p('by', 'Chen'), ...p('from', 'Amara'), reason: 'IC unreachable', withdrawnNames: 'Ben' }],
  ['command.contested', { ...p('by', 'Amara'), ...p('assumedBy', 'Chen'), reason: '' }],
  ['command.contested', { ...p('by', 'Amara'), ...p('assumedBy', 'Chen'), reason: 'I was on the bridge' }],
  ['command.assumption-accepted', { ...p('by', 'Amara'), ...p('assumedBy', 'Chen') }],
  ['authority.role-confirmed', { personId: 'chen-id', name: 'Chen', role: 'incident-commander' }],
  ['authority.role-confirmed', { personId: 'chen-id', name: 'Chen', role: 'scribe', endedIds: 'ben-id', endedNames: 'Ben' }],
  ['authority.severity-confirmed', { severity: 'SEV1', others: 'SEV2\nSEV3', otherByNames: 'Ben\nDana' }],
  ['severity.proposed', { ...p('by', 'Ben'), severity: 'SEV3', from: 'SEV2', reason: '' }],
  ['severity.proposed', { ...p('by', 'Ben'), severity: 'SEV3', from: 'SEV2', reason: 'contained', ...p('commander', 'Amara') }],
  ['severity.proposal-confirmed', { ...p('by', 'Amara'), ...p('proposedBy', 'Ben'), severity: 'SEV3' }],
  ['severity.proposal-declined', { ...p('by', 'Amara'), ...p('proposedBy', 'Ben'), proposed: 'SEV4', severity: 'SEV2' }],
  ['task.created', { title: 'Check replicas', ...p('assignee', 'Chen') }],
  ['task.created', { title: 'Check replicas', ...p('assignee', 'Chen'), checkBackMinutes: 15 }],
  ['task.assigned', { title: 'Check replicas', ...p('assignee', 'Chen') }],
  ['task.assigned', { title: 'Check replicas', ...p('assignee', 'Chen'), checkBackMinutes: 1 }],
  ['task.status-changed', { title: 'Check replicas', status: 'doing' }],
  ['task.status-changed', { title: 'Check replicas', status: 'done', checkBackCleared: 1 }],
  ['task.edited', { title: 'Check replicas', changes: 'renamed\ndue\nlinked', newTitle: 'Check replicas', dueAt: T0 }],
  ['task.edited', { title: 'Check replicas', changes: 'dueCleared\nunlinked' }],
  ['task.check-back-set', { title: 'Check replicas', ...p('assignee', 'Chen'), minutes: 22 }],
  ['task.check-back-cleared', { title: 'Check replicas' }],
  ['task.check-back-extended', { title: 'Check replicas', minutes: 5 }],
  ['task.checked-in', { title: 'Check replicas', ...p('assignee', 'Chen'), note: '' }],
  ['task.checked-in', { title: 'Check replicas', ...p('assignee', 'Chen'), note: 'lag 40 s' }],
  ['task.checked-in', { title: 'Check replicas', ...p('assignee', 'Chen'), note: '', nextMinutes: 10 }],
  ['task.checked-in', { title: 'Check replicas', ...p('assignee', 'Chen'), note: 'lag 40 s', nextMinutes: 10 }],
  ['hypothesis.proposed', { statement: 'Pool exhausted' }],
  ['hypothesis.proposed', { statement: 'Pool exhausted', ...p('owner', 'Chen') }],
  ['hypothesis.status-changed', { statement: 'Pool exhausted', status: 'ruled-out', reason: '' }],
  ['hypothesis.status-changed', { statement: 'Pool exhausted', status: 'confirmed', reason: 'waits in logs' }],
  ['hypothesis.owner-changed', { statement: 'Pool exhausted', ...p('owner', 'Chen') }],
  ['hypothesis.evidence-added', { statement: 'Pool exhausted', stance: 'for', text: 'waits in logs' }],
  ['hypothesis.evidence-added', { statement: 'Pool exhausted', stance: 'against', text: 'pool at 20%' }],
  ['hypothesis.check-started', { statement: 'Pool exhausted', description: 'pool metrics' }],
  ...(['pending', 'supports', 'refutes', 'inconclusive'] as const).map(
    (outcome) => ['hypothesis.check-result', { description: 'pool metrics', outcome, result: '98% used' }] as const,
  ),
  ['milestone.marked', { kind: 'detected', label: '', note: '' }],
  ['milestone.marked', { kind: 'custom', label: 'Vendor engaged', note: 'ticket 4411' }],
  ['milestone.moved', { kind: 'resolved', label: '', changes: 'moved\nnote', at: T0 }],
  ['milestone.corrected', { kind: 'started', label: '', changes: 'note' }],
  ['milestone.retracted', { kind: 'started', label: '', reason: '' }],
  ['milestone.retracted', { kind: 'started', label: '', reason: 'duplicate' }],
  ['change.applied', { system: 'payments-db', ...p('madeBy', 'Chen'), description: 'max_connections 800' }],
  ['change.rolled-back', { system: 'payments-db', description: 'max_connections 800', note: '' }],
  ['change.rolled-back', { system: 'payments-db', description: 'max_connections 800', note: 'not needed' }],
  ['follow-up.added', { priority: 'P1', title: 'Alert on pool waits' }],
  ['follow-up.added', { priority: 'P2', title: 'Alert on pool waits', ...p('owner', 'Chen') }],
  ['follow-up.status-changed', { title: 'Alert on pool waits', status: 'in-progress' }],
  ['follow-up.assigned', { title: 'Alert on pool waits', ...p('owner', 'Chen') }],
  ['entry.corrected', { changes: 'text\ntime\nspeaker' }],
  ['entry.retracted', { reason: '' }],
  ['entry.retracted', { reason: 'wrong incident' }],
  ['entry.attached', { names: 'graph.png\nlog.txt', sizes: '20480\n512' }],
  ['timeline.backfilled', { count: 1 }],
  ['timeline.backfilled', { count: 22, addedIds: 'a\nb', addedNames: 'Dana\n鈴木 一郎' }],
  ['policy.cadence-changed', { severity: 'SEV1', minutes: 30, previousMinutes: 60 }],
  ['policy.escalation-rule-set', { severity: 'SEV1', afterMinutes: 30, notifyWho: 'VP Eng' }],
  [
    'policy.escalation-rule-set',
    {
      severity: 'SEV1',
      afterMinutes: 30,
      notifyWho: 'VP Eng',
      previousSeverity: 'SEV2',
      previousAfterMinutes: 1440,
      previousNotifyWho: 'CTO',
    },
  ],
  ['policy.escalation-rule-removed', { severity: 'SEV1', afterMinutes: 45, notifyWho: 'VP Eng' }],
  ['policy.fatigue-warning-changed', { hours: 6, previousHours: 1 }],
  ['policy.fatigue-warning-changed', { hours: 1.5, previousHours: 4 }],
  ['escalation.acknowledged', { notifyWho: 'VP Eng', severity: 'SEV1', afterMinutes: 30, note: '' }],
  ['escalation.acknowledged', { notifyWho: 'VP Eng', severity: 'SEV1', afterMinutes: 30, note: 'paged' }],
  ...(['internal', 'executive', 'customer'] as const).map(
    (audience) => ['status-update.posted', { audience, template: 'update', text: 'We are mitigating.' }] as const,
  ),
  ['review.edited', { field: 'rootCause' }],
  ['review.why-edited', {}],
  ['review.whys-reordered', {}],
  ['review.why-added', { question: '' }],
  ['review.why-added', { question: 'Why did the pool fill?' }],
  ['review.why-removed', { question: '' }],
  ['review.why-removed', { question: 'Why?' }],
  ['review.draft-generated', { fields: 'summary\nimpact', addedWhy: 1 }],
  ['review.draft-generated', { fields: 'lessons' }],
  ['change.undone', { what: 'Add task' }],
  ['change.undone', {}],
  ['change.redone', { what: 'Add task' }],
];

const SCRIPT: Record<string, RegExp> = {
  ja: /[\u3040-\u30ff\u4e00-\u9fff]/,
  'zh-CN': /[\u4e00-\u9fff]/,
  ru: /[\u0400-\u04ff]/,
  en: /[a-z]/i,
};

function event(doc: Y.Doc, name: string): TimelineEntry {
  const found = readCollection(doc, 'timeline').filter((e) => e.event === name);
  if (found.length === 0) throw new Error(`no ${name} entry`);
  return found[found.length - 1]!;
}

describe('every event in every language', () => {
  it('has a sample here for every event Sitrep records', () => {
    expect([...new Set(SAMPLES.map(([id]) => id))].sort()).toEqual([...EVENT_IDS].sort());
  });

  describe.each(LANGUAGES)('%s', (language) => {
    const t = translator(language);
    it.each(SAMPLES.map(([id, params], index) => [`${id} #${index}`, id, params] as const))('%s renders', (_label, id, params) => {
      const text = renderEvent(id, params, t);
      expect(text, `${id} ${JSON.stringify(params)}`).not.toBeNull();
      // No argument left unfilled, no key shown raw, no fallback to another language's script.
      expect(text).not.toMatch(/[{}]|events:|common:/);
      expect(text).toMatch(SCRIPT[language]!);
    });
  });

  it('renders numbers with each language’s plural forms', () => {
    const left = (n: number) =>
      renderEvent('person.status-changed', { personId: 'c', name: 'Chen', status: 'left', openTasks: n }, translator('ru'));
    expect(left(1)).toContain('1 открытой задаче');
    expect(left(3)).toContain('3 открытым задачам');
    expect(
      renderEvent('task.check-back-set', { title: 'T', assigneeId: 'c', assigneeName: 'Chen', minutes: 5 }, translator('ru')),
    ).toContain('через 5 минут');
    expect(renderEvent('timeline.backfilled', { count: 2 }, translator('en'))).toBe('Back-filled 2 entries from a log');
  });
});

describe('commands record events, never sentences', () => {
  function busyIncident() {
    const { doc, ic, clock } = declaredIncident();
    const chen = addPerson(doc, { name: 'Chen Wei' }, ic);
    const sato = addPerson(doc, { name: '佐藤 花子' }, ic);
    assignRole(doc, { role: 'scribe', personId: sato }, ic);
    const task = createTask(doc, { title: 'Check replicas', assigneeId: chen, checkBackMinutes: 15 }, ic);
    assignTask(doc, { taskId: task, assigneeId: sato }, ic);
    setTaskStatus(doc, { taskId: task, status: 'doing' }, ic);
    editTask(doc, { taskId: task, title: 'Check replica lag', dueAt: T0 + 60 * MINUTE }, ic);
    setCheckBack(doc, { taskId: task, minutes: 10 }, ic);
    checkInOnTask(doc, { taskId: task, note: 'lag 40 s', nextMinutes: 5 }, ic);
    const hypothesis = proposeHypothesis(doc, { statement: 'Connection pool exhausted', ownerId: chen }, ic);
    addEvidence(doc, { hypothesisId: hypothesis, stance: 'for', text: 'waits in logs' }, ic);
    ruleOutHypothesis(doc, { hypothesisId: hypothesis, reason: 'pool at 20%' }, ic);
    clock.advance(10 * MINUTE);
    changeSeverity(doc, { severity: 'SEV1', reason: 'all regions' }, ic);
    changePhase(doc, { phase: 'mitigating' }, ic);
    updateIncidentDetails(doc, { title: 'Checkout down', services: ['payments', 'checkout'] }, ic);
    const change = logSystemChange(doc, { system: 'payments-db', description: 'max_connections 800' }, ic);
    markChangeRolledBack(doc, { changeId: change, note: 'not needed' }, ic);
    markMilestone(doc, { kind: 'mitigated' }, ic);
    addFollowUp(doc, { title: 'Alert on pool waits', ownerId: chen, priority: 'P1' }, ic);
    postStatusUpdate(doc, { audience: 'customer', template: 'update', text: 'We are mitigating.' }, ic);
    setUpdateCadence(doc, { severity: 'SEV1', minutes: 20 }, ic);
    setEscalationRule(doc, { severity: 'SEV1', afterMinutes: 45, who: 'VP Eng' }, ic);
    setFatigueWarningHours(doc, { hours: 6 }, ic);
    editReviewField(doc, { field: 'rootCause', text: 'Pool too small' }, ic);
    addWhy(doc, { question: 'Why did the pool fill?' }, ic);
    generateReviewDraft(doc, ic);
    const note = recordEntry(doc, { kind: 'note', text: '主库 CPU 100%' }, ic);
    attachToEntry(doc, { entryId: note, files: [{ sha256: 'a'.repeat(64), name: 'graph.png', type: 'image/png', size: 2048 }] }, ic);
    handOverCommand(doc, { toPersonId: chen }, ic);
    markPersonLeft(doc, { personId: sato }, actor(chen, 'Chen Wei', clock));
    return { doc, ic, clock, chen, sato, task };
  }

  it('stores parameters, renders every automatic entry in every language, and keeps an English copy in text', () => {
    const { doc } = busyIncident();
    const events = readCollection(doc, 'timeline').filter((e) => e.kind === 'event');
    expect(events.length).toBeGreaterThan(25);
    for (const entry of events) {
      expect(entry.params, entry.event ?? '').not.toBeNull();
      expect(entryText(entry, translator('en'))).toBe(entry.text);
      for (const language of LANGUAGES) {
        const text = entryText(entry, translator(language));
        expect(text, `${language} ${entry.event}`).not.toMatch(/Automatic entry|自動記録|自动记录|Автоматическая запись|[{}]/);
        expect(text).toMatch(SCRIPT[language]!);
      }
    }
  });

  it('keeps what people typed as typed, and people by id and name', () => {
    const { doc, chen, sato } = busyIncident();
    const created = event(doc, 'task.created');
    expect(created.params).toEqual({ title: 'Check replicas', assigneeId: chen, assigneeName: 'Chen Wei', checkBackMinutes: 15 });
    expect(entryText(created, translator('ja'))).toBe('タスク作成：「Check replicas」、担当：Chen Wei、15分後に進捗確認');
    expect(entryText(event(doc, 'task.assigned'), translator('zh-CN'))).toBe('任务“Check replicas”已分配给 佐藤 花子');
    expect(event(doc, 'role.assigned').params).toMatchObject({ personId: sato, name: '佐藤 花子', role: 'scribe' });
    expect(entryText(event(doc, 'incident.severity-changed'), translator('ru'))).toBe('Серьёзность изменена с SEV2 на SEV1: all regions');
    // A person's own words stay as written in every language.
    const note = readCollection(doc, 'timeline').find((e) => e.kind === 'note')!;
    for (const language of LANGUAGES) expect(entryText(note, translator(language))).toBe('主库 CPU 100%');
  });

  it('two laptops in different languages read the same events, each in its own language', () => {
    const { doc } = busyIncident();
    const other = new Y.Doc();
    exchange(doc, other);
    const mine = readCollection(doc, 'timeline').filter((e) => e.kind === 'event');
    const theirs = readCollection(other, 'timeline').filter((e) => e.kind === 'event');
    expect(theirs.map((e) => [e.event, e.params])).toEqual(mine.map((e) => [e.event, e.params]));
    const ja = theirs.map((e) => entryText(e, translator('ja')));
    const ru = mine.map((e) => entryText(e, translator('ru')));
    expect(ja).toContain('Chen Weiがインシデントに参加');
    expect(ru).toContain('Chen Wei присоединяется к инциденту');
    expect(ja.find((line) => line.startsWith('顧客向け状況報告を投稿（続報）'))).toBe(
      '顧客向け状況報告を投稿（続報）：\nWe are mitigating.',
    );
  });

  it('finds an automatic entry by a query in any language, in the filter and in the search digest', () => {
    const { doc } = busyIncident();
    const timeline = readCollection(doc, 'timeline');
    const all = { kinds: new Set(['event', 'note', 'fact', 'decision', 'action'] as const), order: 'oldest-first' as const };
    for (const query of ['Task created', 'タスク作成', '已创建任务', 'Создана задача']) {
      expect(
        filterTimeline(timeline, { ...all, text: query }).map((e) => e.event),
        query,
      ).toEqual(['task.created']);
    }
    const digest = digestOf(readIncidentInfo(doc)!, timeline, []);
    expect(digest.timeline).toContain('仮説「Connection pool exhausted」が否定されました：pool at 20%');
    expect(digest.timeline).toContain('Hypothesis “Connection pool exhausted” ruled out: pool at 20%');
    expect(searchableText(timeline.find((e) => e.kind === 'note')!)).toBe('主库 CPU 100%');
  });
});

describe('entries from before events and from hostile peers', () => {
  function withEntry(values: Record<string, unknown>) {
    const { doc } = declaredIncident();
    const id = 'entry-under-test';
    const map = timelineEntrySchema.create({
      kind: 'event',
      text: 'Task created: “Old task”, assigned to Chen',
      at: T0,
      recordedAt: T0,
      seq: 99,
      authorId: 'ic-profile',
      authorName: 'Avery IC',
      event: 'task.created',
      subject: null,
    });
    for (const [key, value] of Object.entries(values)) map.set(key, value);
    collection(doc, 'timeline').set(id, map);
    return readCollection(doc, 'timeline').find((e) => e.id === id)!;
  }

  it('an entry stored before events had parameters shows its stored text in every language', () => {
    const old = withEntry({});
    expect(old.params).toBeNull();
    for (const language of LANGUAGES) expect(entryText(old, translator(language))).toBe('Task created: “Old task”, assigned to Chen');
  });

  it('malformed parameters render a generic line naming the event, and never throw', () => {
    const garbage: unknown[] = [
      { title: 5, assigneeName: 'Chen' },
      { title: 'T' },
      { title: 'T', assigneeName: 'C', checkBackMinutes: -3 },
      { title: 'T', assigneeName: 'C', checkBackMinutes: 1.5 },
      { __proto__: { title: 'T', assigneeName: 'C' } },
    ];
    for (const params of garbage) {
      const entry = withEntry({ params });
      expect(entryText(entry, translator('en'))).toBe('Automatic entry (task.created)');
      expect(entryText(entry, translator('ja'))).toBe('自動記録（task.created）');
    }
    // Not an object at all: read as no parameters, so the stored text shows.
    for (const params of ['Task created', 42, ['a'], new Y.Map()]) {
      expect(entryText(withEntry({ params }), translator('ru'))).toBe('Task created: “Old task”, assigned to Chen');
    }
    // An enum value this version does not know, an unknown event name, a prototype key.
    expect(entryText(withEntry({ event: 'task.status-changed', params: { title: 'T', status: 'exploded' } }), translator('zh-CN'))).toBe(
      '自动记录（task.status-changed）',
    );
    expect(entryText(withEntry({ event: 'toString', params: {}, text: '' }), translator('en'))).toBe('Automatic entry (toString)');
    // A newer peer's event this version does not know keeps the English copy it stored.
    expect(entryText(withEntry({ event: 'task.teleported', params: { title: 'T' } }), translator('ja'))).toBe(
      'Task created: “Old task”, assigned to Chen',
    );
  });
});

describe('severity history', () => {
  it('reads from and to from new entries and from the English sentence of old ones', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(10 * MINUTE);
    changeSeverity(doc, { severity: 'SEV1' }, ic);
    clock.advance(10 * MINUTE);
    changeSeverity(doc, { severity: 'SEV3' }, ic);
    const incident = readIncidentInfo(doc)!;
    const timeline = readCollection(doc, 'timeline');
    expect(severityHistory(incident, timeline).map((period) => [period.from - T0, period.severity])).toEqual([
      [0, 'SEV2'],
      [10 * MINUTE, 'SEV1'],
      [20 * MINUTE, 'SEV3'],
    ]);
    // The same history written by an older version: no parameters, the sentence only.
    const old = timeline.map((entry) => (entry.event === 'incident.severity-changed' ? { ...entry, params: null } : entry));
    expect(old.filter((e) => e.event === 'incident.severity-changed').map((e) => e.text)).toEqual([
      'Severity changed from SEV2 to SEV1',
      'Severity changed from SEV1 to SEV3',
    ]);
    expect(severityHistory(incident, old)).toEqual(severityHistory(incident, timeline));
  });
});
