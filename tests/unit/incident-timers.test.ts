// Time that means what it says: the incident clock counts from the Started milestone (as
// backdated) and stops at Resolved; update cadence, escalations and check-backs stop once the
// incident is resolved and never fire for an incident imported from a file.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { escalationsDue, timersRun, updateClock } from '@core/cadence';
import { checkBacksDue } from '@core/checkBacks';
import { changePhase, createTask, markMilestone, retractMilestone } from '@core/commands';
import { exportJson } from '@core/export';
import { importIncidentIntoDoc, parseIncidentExport } from '@core/import';
import { incidentClock } from '@core/metrics';
import { DEFAULT_POLICY } from '@core/policy';
import { readSnapshot } from '@core/read';
import { readImportedAt } from '@core/schema';
import { declaredIncident, T0 } from './support/incident';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function state(doc: Y.Doc) {
  const snapshot = readSnapshot(doc)!;
  return { ...snapshot, updates: [], escalationAcks: [], importedAt: readImportedAt(doc) };
}

describe('the incident clock', () => {
  it('counts from a backdated Started milestone and stops at Resolved', () => {
    const { doc, ic, clock } = declaredIncident();
    markMilestone(doc, { kind: 'started', at: T0 - 30 * MINUTE }, ic);
    clock.advance(HOUR);
    expect(incidentClock(readSnapshot(doc)!, clock.now)).toEqual({
      startedAt: T0 - 30 * MINUTE,
      stoppedAt: null,
      elapsedMs: 90 * MINUTE,
      running: true,
    });
    markMilestone(doc, { kind: 'resolved' }, ic);
    clock.advance(5 * HOUR);
    expect(incidentClock(readSnapshot(doc)!, clock.now)).toEqual({
      startedAt: T0 - 30 * MINUTE,
      stoppedAt: T0 + HOUR,
      elapsedMs: 90 * MINUTE,
      running: false,
    });
  });

  it('runs again when the Resolved milestone is retracted', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(HOUR);
    const resolved = markMilestone(doc, { kind: 'resolved' }, ic);
    retractMilestone(doc, { milestoneId: resolved, reason: 'errors came back' }, ic);
    clock.advance(HOUR);
    expect(incidentClock(readSnapshot(doc)!, clock.now)).toMatchObject({ stoppedAt: null, elapsedMs: 2 * HOUR, running: true });
  });
});

describe('timers stop when the incident is over', () => {
  it('no update due, no escalation, no check-back once a Resolved milestone is marked', () => {
    const { doc, ic, clock } = declaredIncident();
    createTask(doc, { title: 'Look at locks', assigneeId: ic.id, checkBackMinutes: 5 }, ic);
    clock.advance(3 * HOUR);
    expect(updateClock(state(doc), DEFAULT_POLICY, clock.now).overdue).toBe(true);
    expect(checkBacksDue(state(doc), clock.now)).toHaveLength(1);
    markMilestone(doc, { kind: 'resolved' }, ic);
    expect(timersRun(state(doc))).toBe(false);
    expect(updateClock(state(doc), DEFAULT_POLICY, clock.now)).toMatchObject({ dueAt: null, overdue: false });
    expect(escalationsDue(state(doc), DEFAULT_POLICY, clock.now)).toEqual([]);
    expect(checkBacksDue(state(doc), clock.now)).toEqual([]);
  });

  it('resolving by phase marks the Resolved milestone once, so the clock stops there too', () => {
    const { doc, ic, clock } = declaredIncident();
    clock.advance(3 * HOUR);
    changePhase(doc, { phase: 'resolved' }, ic);
    expect(timersRun(state(doc))).toBe(false);
    const resolved = () => readSnapshot(doc)!.milestones.filter((m) => m.kind === 'resolved');
    expect(resolved().map((m) => m.at)).toEqual([T0 + 3 * HOUR]);
    clock.advance(HOUR);
    expect(incidentClock(readSnapshot(doc)!, clock.now)).toMatchObject({ stoppedAt: T0 + 3 * HOUR, elapsedMs: 3 * HOUR, running: false });
    // Closing after resolving adds nothing; neither does resolving when it was already marked.
    changePhase(doc, { phase: 'closed' }, ic);
    expect(resolved()).toHaveLength(1);
    const other = declaredIncident();
    other.clock.advance(HOUR);
    markMilestone(other.doc, { kind: 'resolved', at: T0 + 10 * MINUTE }, other.ic);
    changePhase(other.doc, { phase: 'resolved' }, other.ic);
    expect(readSnapshot(other.doc)!.milestones.filter((m) => m.kind === 'resolved')).toHaveLength(1);
  });

  it('an imported incident never fires a timer, though it was open when exported', () => {
    const { doc, ic, clock } = declaredIncident();
    createTask(doc, { title: 'Look at locks', assigneeId: ic.id, checkBackMinutes: 5 }, ic);
    clock.advance(3 * HOUR);
    const parsed = parseIncidentExport(exportJson(readSnapshot(doc)!, { now: clock.now }));
    if (!parsed.ok) throw new Error(parsed.message);
    const copy = new Y.Doc();
    importIncidentIntoDoc(copy, parsed.snapshot, clock.now);
    expect(readImportedAt(copy)).toBe(clock.now);
    expect(timersRun(state(copy))).toBe(false);
    expect(updateClock(state(copy), DEFAULT_POLICY, clock.now + HOUR).overdue).toBe(false);
    expect(escalationsDue(state(copy), DEFAULT_POLICY, clock.now + HOUR)).toEqual([]);
    expect(checkBacksDue(state(copy), clock.now + HOUR)).toEqual([]);
    expect(incidentClock(readSnapshot(copy)!, clock.now + HOUR, readImportedAt(copy)).running).toBe(false);
  });
});
