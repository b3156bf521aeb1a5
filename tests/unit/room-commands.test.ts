import { describe, expect, it } from 'vitest';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  assignFollowUp,
  assignRole,
  assignTask,
  confirmHypothesis,
  createTask,
  editTask,
  handOverCommand,
  logSystemChange,
  markChangeRolledBack,
  markMilestone,
  moveMilestone,
  proposeHypothesis,
  recordCheck,
  recordCheckResult,
  recordEntry,
  releaseRole,
  ruleOutHypothesis,
  setFollowUpStatus,
  setHypothesisOwner,
  setHypothesisStatus,
  setPersonStatus,
  setTaskStatus,
  updatePerson,
} from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { currentHolders, incidentCommander, roleHistory, rolesOf, timeOnDuty } from '../../src/core/selectors';
import { declaredIncident } from './support/incident';

const lastEntry = (doc: Parameters<typeof readSnapshot>[0]) => readSnapshot(doc)!.timeline.at(-1)!;

describe('people', () => {
  it('adds, edits and changes duty status, banking time on duty', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = addPerson(doc, { name: ' Bo ', contact: '@bo' }, ic);
    expect(lastEntry(doc)).toMatchObject({
      event: 'person.joined',
      text: 'Bo joined the incident',
      subject: { collection: 'people', id: bo },
    });
    updatePerson(doc, { personId: bo, name: 'Bo Chen' }, ic);
    expect(lastEntry(doc).text).toBe('Bo: renamed to Bo Chen');
    clock.advance(60 * 60_000);
    setPersonStatus(doc, { personId: bo, status: 'resting' }, ic);
    clock.advance(30 * 60_000);
    let person = readSnapshot(doc)!.people.find((p) => p.id === bo)!;
    expect(person.status).toBe('resting');
    expect(timeOnDuty(person, clock.now)).toBe(60 * 60_000);
    setPersonStatus(doc, { personId: bo, status: 'active' }, ic);
    clock.advance(10 * 60_000);
    person = readSnapshot(doc)!.people.find((p) => p.id === bo)!;
    expect(timeOnDuty(person, clock.now)).toBe(70 * 60_000);
    expect(() => setPersonStatus(doc, { personId: bo, status: 'active' }, ic)).toThrow(/already/);
    expect(() => addPerson(doc, { name: '' }, ic)).toThrow(/Name cannot be empty/);
    expect(() => updatePerson(doc, { personId: 'nope', name: 'x' }, ic)).toThrow(/no longer exists/);
  });
});

describe('roles', () => {
  it('keeps the history of every holder; single-holder roles replace, multi-holder roles add', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const cy = addPerson(doc, { name: 'Cy' }, ic);
    assignRole(doc, { role: 'scribe', personId: bo }, ic);
    clock.advance(1000);
    assignRole(doc, { role: 'scribe', personId: cy }, ic);
    expect(lastEntry(doc).text).toBe('Cy is now scribe (replacing Bo)');
    assignRole(doc, { role: 'subject-matter-expert', personId: bo }, ic);
    const smeCy = assignRole(doc, { role: 'subject-matter-expert', personId: cy }, ic);
    const roles = readSnapshot(doc)!.roles;
    expect(currentHolders(roles, 'scribe').map((r) => r.personId)).toEqual([cy]);
    expect(roleHistory(roles, 'scribe').map((r) => [r.personId, r.endedAt])).toEqual([
      [bo, clock.now],
      [cy, null],
    ]);
    expect(currentHolders(roles, 'subject-matter-expert')).toHaveLength(2);
    expect(() => assignRole(doc, { role: 'scribe', personId: cy }, ic)).toThrow(/already scribe/);
    expect(() => assignRole(doc, { role: 'scribe', personId: 'ghost' }, ic)).toThrow(/person no longer exists/);
    releaseRole(doc, { assignmentId: smeCy }, ic);
    expect(rolesOf(readSnapshot(doc)!.roles, cy)).toEqual(['scribe']);
    expect(() => releaseRole(doc, { assignmentId: smeCy }, ic)).toThrow(/already released/);
  });

  it('hands over command: the outgoing tenure ends, the incoming starts, recorded', () => {
    const { doc, ic } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    handOverCommand(doc, { toPersonId: bo }, ic);
    const snap = readSnapshot(doc)!;
    expect(incidentCommander(snap.roles)?.personId).toBe(bo);
    expect(roleHistory(snap.roles, 'incident-commander').map((r) => r.personId)).toEqual(['ic-profile', bo]);
    expect(snap.timeline.at(-1)).toMatchObject({ event: 'command.handed-over', text: 'Command handed over from Avery IC to Bo' });
    expect(() => handOverCommand(doc, { toPersonId: bo }, ic)).toThrow(/already incident commander/);
  });
});

describe('tasks', () => {
  it('creates, assigns to a named person, edits and moves through statuses', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const cy = addPerson(doc, { name: 'Cy' }, ic);
    const h = proposeHypothesis(doc, { statement: 'Bad deploy' }, ic);
    const task = createTask(doc, { title: 'Check deploy log', assigneeId: bo, dueAt: clock.now + 300_000 }, ic);
    expect(lastEntry(doc).text).toBe('Task created: “Check deploy log”, assigned to Bo');
    assignTask(doc, { taskId: task, assigneeId: cy }, ic);
    expect(lastEntry(doc).text).toBe('Task “Check deploy log” assigned to Cy');
    editTask(doc, { taskId: task, hypothesisId: h, title: 'Check deploy log for v42' }, ic);
    setTaskStatus(doc, { taskId: task, status: 'doing' }, ic);
    setTaskStatus(doc, { taskId: task, status: 'done' }, ic);
    expect(readSnapshot(doc)!.tasks[0]).toMatchObject({
      title: 'Check deploy log for v42',
      assigneeId: cy,
      status: 'done',
      hypothesisId: h,
    });
    expect(() => assignTask(doc, { taskId: task, assigneeId: 'ghost' }, ic)).toThrow(/person no longer exists/);
    expect(() => assignTask(doc, { taskId: task, assigneeId: '' }, ic)).toThrow(/Pick the person/);
    expect(() => assignTask(doc, { taskId: task, assigneeId: cy }, ic)).toThrow(/already owns/);
    expect(() => createTask(doc, { title: '' }, ic)).toThrow(/Task title cannot be empty/);
    expect(() => setTaskStatus(doc, { taskId: task, status: 'done' }, ic)).toThrow(/already done/);
    expect(() => editTask(doc, { taskId: task }, ic)).toThrow(/Nothing to change/);
  });
});

describe('hypotheses', () => {
  it('moves through statuses with evidence, checks and their results', () => {
    const { doc, ic } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const h = proposeHypothesis(doc, { statement: 'DB connection pool exhausted', ownerId: bo }, ic);
    setHypothesisStatus(doc, { hypothesisId: h, status: 'investigating' }, ic);
    addEvidence(doc, { hypothesisId: h, stance: 'for', text: 'pool at 100%' }, ic);
    addEvidence(doc, { hypothesisId: h, stance: 'against', text: 'errors started before load' }, ic);
    const check = recordCheck(doc, { hypothesisId: h, description: 'Raise pool size on one node' }, ic);
    recordCheckResult(doc, { hypothesisId: h, checkId: check, outcome: 'refutes', result: 'no change in errors' }, ic);
    ruleOutHypothesis(doc, { hypothesisId: h, reason: 'pool change had no effect' }, ic);
    const hyp = readSnapshot(doc)!.hypotheses.find((x) => x.id === h)!;
    expect(hyp).toMatchObject({ status: 'ruled-out', ownerId: bo });
    expect(hyp.evidence.map((e) => [e.stance, e.text])).toEqual([
      ['for', 'pool at 100%'],
      ['against', 'errors started before load'],
    ]);
    expect(hyp.checks).toMatchObject([{ description: 'Raise pool size on one node', outcome: 'refutes', result: 'no change in errors' }]);
    expect(lastEntry(doc).text).toBe('Hypothesis “DB connection pool exhausted” ruled out: pool change had no effect');
    const h2 = proposeHypothesis(doc, { statement: 'Bad deploy' }, ic);
    setHypothesisOwner(doc, { hypothesisId: h2, ownerId: bo }, ic);
    confirmHypothesis(doc, { hypothesisId: h2 }, ic);
    expect(readSnapshot(doc)!.hypotheses.find((x) => x.id === h2)).toMatchObject({ status: 'confirmed', ownerId: bo });
    expect(() => recordCheckResult(doc, { hypothesisId: h, checkId: 'nope', outcome: 'supports', result: 'x' }, ic)).toThrow(
      /check no longer exists/,
    );
    expect(() => addEvidence(doc, { hypothesisId: h, stance: 'maybe' as never, text: 'x' }, ic)).toThrow(/stance must be one of/);
    expect(() => proposeHypothesis(doc, { statement: ' ' }, ic)).toThrow(/Hypothesis cannot be empty/);
  });
});

describe('milestones', () => {
  it('backdates a milestone: it sits in the timeline at when it happened, recorded later', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(30 * 60_000);
    recordEntry(doc, { kind: 'note', text: 'written at +30m' }, ic);
    const detectedAt = clock.now - 20 * 60_000;
    const id = markMilestone(doc, { kind: 'detected', at: detectedAt, note: 'pager' }, ic);
    const snap = readSnapshot(doc)!;
    expect(snap.milestones.find((m) => m.id === id)).toMatchObject({
      kind: 'detected',
      at: detectedAt,
      recordedAt: clock.now,
      note: 'pager',
    });
    const texts = snap.timeline.map((e) => e.text);
    expect(texts.indexOf('Milestone: Detected (pager)')).toBeLessThan(texts.indexOf('written at +30m'));
    expect(snap.timeline.find((e) => e.subject?.id === id)).toMatchObject({ at: detectedAt, recordedAt: clock.now });
    moveMilestone(doc, { milestoneId: id, at: detectedAt - 60_000 }, ic);
    expect(readSnapshot(doc)!.milestones.find((m) => m.id === id)!.at).toBe(detectedAt - 60_000);
    markMilestone(doc, { kind: 'custom', label: 'Status page posted' }, ic);
    expect(() => markMilestone(doc, { kind: 'custom' }, ic)).toThrow(/needs a name/);
    expect(() => markMilestone(doc, { kind: 'resolved', at: clock.now + 3_600_000 }, ic)).toThrow(/cannot be in the future/);
  });
});

describe('system changes and follow-ups', () => {
  it('logs a change and rolls it back', () => {
    const { doc, ic } = declaredIncident();
    const change = logSystemChange(doc, { description: 'Enabled debug logging', system: 'payments-api' }, ic);
    markChangeRolledBack(doc, { changeId: change }, ic);
    expect(readSnapshot(doc)!.changes[0]).toMatchObject({ state: 'rolled-back', system: 'payments-api', madeBy: 'ic-profile' });
    expect(lastEntry(doc).text).toBe('Rolled back on payments-api: Enabled debug logging');
    expect(() => markChangeRolledBack(doc, { changeId: change }, ic)).toThrow(/already rolled back/);
    expect(() => logSystemChange(doc, { description: 'x', system: '' }, ic)).toThrow(/System cannot be empty/);
  });

  it('tracks follow-up action items with owner, priority and status', () => {
    const { doc, ic, clock } = declaredIncident();
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const item = addFollowUp(doc, { title: 'Alert on pool saturation', priority: 'P1', dueAt: clock.now + 7 * 86_400_000 }, ic);
    assignFollowUp(doc, { followUpId: item, ownerId: bo }, ic);
    setFollowUpStatus(doc, { followUpId: item, status: 'in-progress' }, ic);
    expect(readSnapshot(doc)!.followUps[0]).toMatchObject({ ownerId: bo, priority: 'P1', status: 'in-progress' });
    expect(() => addFollowUp(doc, { title: 'x', priority: 'P9' as never }, ic)).toThrow(/Priority must be one of/);
  });
});

describe('authored entries', () => {
  it('records notes, facts, decisions and actions in writing order within one millisecond', () => {
    const { doc, ic } = declaredIncident();
    for (const kind of ['fact', 'decision', 'action', 'note'] as const) recordEntry(doc, { kind, text: `a ${kind}` }, ic);
    const tail = readSnapshot(doc)!.timeline.slice(-4);
    expect(tail.map((e) => [e.kind, e.text])).toEqual([
      ['fact', 'a fact'],
      ['decision', 'a decision'],
      ['action', 'a action'],
      ['note', 'a note'],
    ]);
    expect(() => recordEntry(doc, { kind: 'rumour' as never, text: 'x' }, ic)).toThrow(/Entry kind must be one of/);
    expect(() => recordEntry(doc, { kind: 'note', text: 'x'.repeat(10_001) }, ic)).toThrow(/too long/);
  });
});
