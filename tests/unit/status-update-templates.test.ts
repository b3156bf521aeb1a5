import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPerson,
  changePhase,
  confirmHypothesis,
  createTask,
  declareIncident,
  postStatusUpdate,
  proposeHypothesis,
  recordEntry,
  ruleOutHypothesis,
  setHypothesisStatus,
  setTaskStatus,
  updateIncidentDetails,
  CommandError,
} from '@core/commands';
import { UPDATE_AUDIENCES, UPDATE_TEMPLATES } from '@core/model';
import { readCollection, readSnapshot } from '@core/read';
import { composeStatusUpdate } from '@core/statusUpdates';
import { actor, T0, testClock } from './support/incident';

const OPEN = 'The cache cluster evicts session keys under load';
const INVESTIGATING = 'A noisy neighbour saturates the database host';
const RULED_OUT = 'The CDN certificate expired';
const CONFIRMED = 'The 14:02 deploy of payments-api broke card tokenisation';
const FACT = 'Error rate on checkout reached 38% at 09:05';
const NOTE = 'Maybe look at the queue depth graphs later';

function busyIncident() {
  const clock = testClock();
  const doc = new Y.Doc();
  const ic = actor('ic-profile', 'Avery Quinn', clock);
  declareIncident(
    doc,
    { title: 'Checkout errors', severity: 'SEV1', summary: 'Payments failing', services: ['payments-api', 'checkout-web'] },
    ic,
  );
  updateIncidentDetails(doc, { impact: 'Customers cannot pay by card; Dana Okafor is checking payments-api' }, ic);
  const dana = addPerson(doc, { name: 'Dana Okafor' }, ic);
  const priya = addPerson(doc, { name: 'Priya Raman' }, ic);
  clock.advance(60_000);
  proposeHypothesis(doc, { statement: OPEN }, ic);
  const investigating = proposeHypothesis(doc, { statement: INVESTIGATING, ownerId: priya }, ic);
  setHypothesisStatus(doc, { hypothesisId: investigating, status: 'investigating' }, ic);
  const ruledOut = proposeHypothesis(doc, { statement: RULED_OUT }, ic);
  ruleOutHypothesis(doc, { hypothesisId: ruledOut }, ic);
  const confirmed = proposeHypothesis(doc, { statement: CONFIRMED }, ic);
  confirmHypothesis(doc, { hypothesisId: confirmed }, ic);
  recordEntry(doc, { kind: 'fact', text: FACT }, ic);
  recordEntry(doc, { kind: 'note', text: NOTE }, ic);
  const rollback = createTask(doc, { title: 'Roll back the deploy', assigneeId: dana }, ic);
  setTaskStatus(doc, { taskId: rollback, status: 'doing' }, ic);
  createTask(doc, { title: 'Draft the customer FAQ', assigneeId: priya }, ic);
  const done = createTask(doc, { title: 'Page the on-call', assigneeId: priya }, ic);
  setTaskStatus(doc, { taskId: done, status: 'done' }, ic);
  clock.advance(10 * 60_000);
  return { doc, ic, clock, snapshot: readSnapshot(doc)! };
}

const every = UPDATE_AUDIENCES.flatMap((audience) => UPDATE_TEMPLATES.map((template) => ({ audience, template })));

describe('status update templates', () => {
  it.each(every)(
    'never states an open, investigating or ruled-out hypothesis, nor a note ($audience, $template)',
    ({ audience, template }) => {
      const { snapshot, clock } = busyIncident();
      const { text } = composeStatusUpdate(snapshot, { audience, template, now: clock.now });
      expect(text.length).toBeGreaterThan(40);
      for (const never of [OPEN, INVESTIGATING, RULED_OUT, NOTE]) expect(text).not.toContain(never);
    },
  );

  it.each(UPDATE_TEMPLATES)(
    'internal %s update states the confirmed facts, current actions with assignees, and the next update time',
    (template) => {
      const { snapshot, clock } = busyIncident();
      const { text, nextUpdateAt } = composeStatusUpdate(snapshot, { audience: 'internal', template, now: clock.now });
      expect(text).toContain(CONFIRMED);
      expect(text).toContain(FACT);
      expect(text).toContain('[SEV1]');
      expect(text).toContain('Status: Investigating');
      expect(text).toContain('Customers cannot pay by card');
      expect(text).not.toContain('Page the on-call');
      if (template === 'resolution') {
        expect(nextUpdateAt).toBeNull();
        expect(text).toContain('This is the final update');
      } else {
        expect(text).toContain('Roll back the deploy (Dana Okafor, in progress)');
        expect(text).toContain('Draft the customer FAQ (Priya Raman, to do)');
        // SEV1 defaults to every 30 minutes; the clock is at 09:11 UTC.
        expect(nextUpdateAt).toBe(clock.now + 30 * 60_000);
        expect(text).toContain('Next update by 09:41 UTC.');
      }
    },
  );

  it('writes times in the chosen zone', () => {
    const { snapshot, clock } = busyIncident();
    const { text } = composeStatusUpdate(snapshot, { audience: 'executive', template: 'update', now: clock.now, timeZone: 'Asia/Kolkata' });
    expect(text).toContain('Next update by 15:11 UTC+05:30.');
  });

  it('executive updates are short and plain: severity in words, no SEV codes or task list', () => {
    const { snapshot, clock } = busyIncident();
    const { text } = composeStatusUpdate(snapshot, { audience: 'executive', template: 'update', now: clock.now });
    expect(text).toContain('critical incident');
    expect(text).not.toMatch(/SEV\d/);
    expect(text).not.toContain('Roll back the deploy');
    expect(text).toContain('1 action in progress, 1 queued');
    expect(text).toContain(CONFIRMED);
    expect(text.split('\n').length).toBeLessThanOrEqual(8);
  });

  it.each(UPDATE_TEMPLATES)('customer %s update names no person and no internal system, and states no internal facts', (template) => {
    const { snapshot, clock } = busyIncident();
    const { text } = composeStatusUpdate(snapshot, { audience: 'customer', template, now: clock.now });
    for (const name of ['Avery', 'Quinn', 'Dana', 'Okafor', 'Priya', 'Raman', 'payments-api', 'checkout-web', 'deploy']) {
      expect(text).not.toContain(name);
    }
    expect(text).toContain('Customers cannot pay by card');
    expect(text).not.toContain(FACT);
  });

  it('a fresh incident drafts without facts or actions', () => {
    const clock = testClock();
    const doc = new Y.Doc();
    declareIncident(doc, { title: 'Login slow', severity: 'SEV3' }, actor('a', 'Sam Lee', clock));
    const { text, nextUpdateAt } = composeStatusUpdate(readSnapshot(doc)!, { audience: 'internal', template: 'initial', now: T0 });
    expect(text).toContain('None confirmed yet.');
    expect(text).toContain('Impact: Not yet assessed.');
    expect(nextUpdateAt).toBe(T0 + 240 * 60_000);
  });

  it('the resolution draft follows the phase wording for customers', () => {
    const { doc, ic, clock } = busyIncident();
    changePhase(doc, { phase: 'resolved' }, ic);
    const { text } = composeStatusUpdate(readSnapshot(doc)!, { audience: 'customer', template: 'resolution', now: clock.now });
    expect(text).toContain('We have resolved an issue');
    expect(text).toContain('final update');
  });
});

describe('posting a status update', () => {
  it('keeps the update and records its full text in the timeline', () => {
    const { doc, ic, clock, snapshot } = busyIncident();
    const draft = composeStatusUpdate(snapshot, { audience: 'executive', template: 'update', now: clock.now });
    const id = postStatusUpdate(doc, { audience: 'executive', template: 'update', text: draft.text, nextDueAt: draft.nextUpdateAt }, ic);
    const [update] = readCollection(doc, 'updates');
    expect(update).toMatchObject({
      id,
      audience: 'executive',
      template: 'update',
      text: draft.text,
      postedAt: clock.now,
      postedBy: 'ic-profile',
      postedByName: 'Avery Quinn',
      severityAtPost: 'SEV1',
      nextDueAt: clock.now + 30 * 60_000,
    });
    const entry = readCollection(doc, 'timeline').find((e) => e.event === 'status-update.posted')!;
    expect(entry.text).toBe(`Executive status update posted (update):\n${draft.text}`);
    expect(entry.subject).toEqual({ collection: 'updates', id });
  });

  it('refuses an empty update, an unknown audience, or a next update time in the past', () => {
    const { doc, ic, clock } = busyIncident();
    expect(() => postStatusUpdate(doc, { audience: 'internal', template: 'update', text: '   ' }, ic)).toThrow(
      'The update cannot be empty.',
    );
    expect(() => postStatusUpdate(doc, { audience: 'press' as 'internal', template: 'update', text: 'x' }, ic)).toThrow(CommandError);
    expect(() => postStatusUpdate(doc, { audience: 'internal', template: 'update', text: 'x', nextDueAt: clock.now - 1 }, ic)).toThrow(
      'The next update time must be in the future.',
    );
    expect(readCollection(doc, 'updates')).toEqual([]);
  });
});
