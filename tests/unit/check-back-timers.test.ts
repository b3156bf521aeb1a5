// Check-back timers: a time box at assignment, flagged when it runs out, on every peer alike.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPerson, assignTask, checkInOnTask, createTask, extendCheckBack, setCheckBack, setTaskStatus } from '../../src/core/commands';
import { checkBackState, checkBacksDue, checkBacksFor } from '../../src/core/checkBacks';
import { readSnapshot } from '../../src/core/read';
import { actor, declaredIncident, exchange } from './support/incident';

const MIN = 60_000;

function setup() {
  const room = declaredIncident();
  const bo = addPerson(room.doc, { name: 'Bo Responder' }, room.ic);
  return { ...room, bo };
}

const snapshot = (doc: Y.Doc) => readSnapshot(doc)!;
const lastText = (doc: Y.Doc) => snapshot(doc).timeline.at(-1)!.text;
const task = (doc: Y.Doc, id: string) => snapshot(doc).tasks.find((t) => t.id === id)!;

describe('check-back timers', () => {
  it('sets the time box at assignment and records it', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: ic.id }, ic);
    expect(task(doc, id).checkBackAt).toBeNull();
    assignTask(doc, { taskId: id, assigneeId: bo, checkBackMinutes: 5 }, ic);
    expect(task(doc, id).checkBackAt).toBe(clock.now + 5 * MIN);
    expect(lastText(doc)).toBe('Task “Check DB locks” assigned to Bo Responder, check back in 5 minutes');
  });

  it('sets the time box at creation', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 15 }, ic);
    expect(task(doc, id).checkBackAt).toBe(clock.now + 15 * MIN);
    expect(lastText(doc)).toBe('Task created: “Check DB locks”, assigned to Bo Responder, check back in 15 minutes');
  });

  it('flags the expiry with the task, the assignee and how late, and not before', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 5 }, ic);
    createTask(doc, { title: 'No time box', assigneeId: bo }, ic);
    clock.advance(5 * MIN - 1);
    expect(checkBacksDue(snapshot(doc), clock.now)).toEqual([]);
    expect(checkBackState(task(doc, id), clock.now)).toEqual({ kind: 'running', msLeft: 1 });
    clock.advance(MIN + 1);
    const due = checkBacksDue(snapshot(doc), clock.now);
    expect(due).toHaveLength(1);
    expect(due[0]!.task.id).toBe(id);
    expect(due[0]!.assignee?.name).toBe('Bo Responder');
    expect(due[0]!.lateMs).toBe(MIN);
    expect(checkBackState(task(doc, id), clock.now)).toEqual({ kind: 'overdue', lateMs: MIN });
  });

  it('shows the IC every expiry and an assignee only their own', () => {
    const { doc, ic, clock, bo } = setup();
    const cy = addPerson(doc, { name: 'Cy' }, ic);
    createTask(doc, { title: 'Bo’s task', assigneeId: bo, checkBackMinutes: 5 }, ic);
    clock.advance(1_000);
    createTask(doc, { title: 'Cy’s task', assigneeId: cy, checkBackMinutes: 5 }, ic);
    clock.advance(6 * MIN);
    const due = checkBacksDue(snapshot(doc), clock.now);
    expect(checkBacksFor(due, ic.id, true).map((d) => d.task.title)).toEqual(['Bo’s task', 'Cy’s task']);
    expect(checkBacksFor(due, bo, false).map((d) => d.task.title)).toEqual(['Bo’s task']);
    expect(checkBacksFor(due, 'someone-else', false)).toEqual([]);
  });

  it('extends a running check-back from its time and an overdue one from now', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 10 }, ic);
    const first = task(doc, id).checkBackAt!;
    clock.advance(2 * MIN);
    extendCheckBack(doc, { taskId: id }, ic);
    expect(task(doc, id).checkBackAt).toBe(first + 5 * MIN);
    expect(lastText(doc)).toBe('Check-back on “Check DB locks” extended by 5 minutes');
    clock.advance(20 * MIN);
    expect(checkBacksDue(snapshot(doc), clock.now)).toHaveLength(1);
    extendCheckBack(doc, { taskId: id, minutes: 5 }, ic);
    expect(task(doc, id).checkBackAt).toBe(clock.now + 5 * MIN);
    expect(checkBacksDue(snapshot(doc), clock.now)).toEqual([]);
  });

  it('is cleared when the task is done, and says so', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 5 }, ic);
    clock.advance(6 * MIN);
    setTaskStatus(doc, { taskId: id, status: 'done' }, ic);
    expect(task(doc, id).checkBackAt).toBeNull();
    expect(lastText(doc)).toBe('Task “Check DB locks” is done (check-back cleared)');
    expect(checkBacksDue(snapshot(doc), clock.now)).toEqual([]);
    expect(() => extendCheckBack(doc, { taskId: id }, ic)).toThrow('That task is done: it has no check-back.');
  });

  it('records a check-in, which clears the check-back or starts a new one', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 5 }, ic);
    clock.advance(6 * MIN);
    checkInOnTask(doc, { taskId: id, note: 'locks held by the batch job', nextMinutes: 10 }, ic);
    expect(task(doc, id).checkBackAt).toBe(clock.now + 10 * MIN);
    expect(lastText(doc)).toBe('Bo Responder checked in on “Check DB locks”: locks held by the batch job (next check-back in 10 minutes)');
    checkInOnTask(doc, { taskId: id }, ic);
    expect(task(doc, id).checkBackAt).toBeNull();
    expect(lastText(doc)).toBe('Bo Responder checked in on “Check DB locks”');
  });

  it('sets and clears a check-back on an existing task, refusing nonsense with a clear message', () => {
    const { doc, ic, clock, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo }, ic);
    expect(() => setCheckBack(doc, { taskId: id, minutes: null }, ic)).toThrow('That task has no check-back to clear.');
    expect(() => extendCheckBack(doc, { taskId: id }, ic)).toThrow('That task has no check-back to extend.');
    for (const bad of [0, -5, 2.5, Number.NaN, 24 * 60 + 1]) {
      expect(() => setCheckBack(doc, { taskId: id, minutes: bad }, ic)).toThrow(
        'A check-back time must be a whole number of minutes from 1 to 1440.',
      );
    }
    expect(() => assignTask(doc, { taskId: id, assigneeId: ic.id, checkBackMinutes: 0 }, ic)).toThrow(/whole number of minutes/);
    setCheckBack(doc, { taskId: id, minutes: 30 }, ic);
    expect(task(doc, id).checkBackAt).toBe(clock.now + 30 * MIN);
    expect(lastText(doc)).toBe('Bo Responder to check back on “Check DB locks” in 30 minutes');
    setCheckBack(doc, { taskId: id, minutes: null }, ic);
    expect(task(doc, id).checkBackAt).toBeNull();
    expect(lastText(doc)).toBe('Check-back on “Check DB locks” cleared');
  });

  it('reads a mistyped check-back from a peer as none', () => {
    const { doc, ic, bo } = setup();
    const id = createTask(doc, { title: 'Check DB locks', assigneeId: bo }, ic);
    (doc.getMap('tasks').get(id) as Y.Map<unknown>).set('checkBackAt', 'soon');
    expect(task(doc, id).checkBackAt).toBeNull();
  });

  it('two peers agree on the same expiry after they sync', () => {
    const { doc: a, ic, clock, bo } = setup();
    const b = new Y.Doc();
    exchange(a, b);
    const id = createTask(a, { title: 'Check DB locks', assigneeId: bo, checkBackMinutes: 5 }, ic);
    exchange(a, b);
    // Bo extends on peer B while peer A is not yet synced; after the sync both see the same time.
    const boActor = actor(bo, 'Bo Responder', clock);
    clock.advance(3 * MIN);
    extendCheckBack(b, { taskId: id, minutes: 10 }, boActor);
    clock.advance(6 * MIN);
    expect(checkBacksDue(snapshot(a), clock.now)).toHaveLength(1);
    expect(checkBacksDue(snapshot(b), clock.now)).toEqual([]);
    exchange(a, b);
    expect(task(a, id).checkBackAt).toBe(task(b, id).checkBackAt);
    expect(checkBacksDue(snapshot(a), clock.now)).toEqual(checkBacksDue(snapshot(b), clock.now));
    clock.advance(7 * MIN);
    expect(checkBacksDue(snapshot(a), clock.now).map((d) => d.lateMs)).toEqual(checkBacksDue(snapshot(b), clock.now).map((d) => d.lateMs));
    expect(checkBacksDue(snapshot(a), clock.now)).toHaveLength(1);
  });
});
