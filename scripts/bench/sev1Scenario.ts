// A simulated 24-hour SEV1: a realistic mix of commands (mostly timeline entries, then tasks,
// hypotheses with evidence and checks, system changes, people resting and returning) at a
// realistic pace, issued through the real commands. Deterministic for a given seed. Runs in
// Node and, bundled, in Chromium.
import type * as Y from 'yjs';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  assignRole,
  assignTask,
  changePhase,
  CommandError,
  createTask,
  declareIncident,
  logSystemChange,
  markChangeRolledBack,
  markMilestone,
  proposeHypothesis,
  recordCheck,
  recordCheckResult,
  recordEntry,
  setHypothesisStatus,
  setPersonStatus,
  setTaskStatus,
  type Actor,
} from '../../src/core/commands';
import type { AuthoredEntryKind, Phase, TaskStatus } from '../../src/core/model';
import { collection } from '../../src/core/schema';
// The same seed replays the same incident.
import { mulberry32 as seededRandom } from '../../tests/support/seededRandom';

/** 24 hours / 50,000 commands: one command every 1.73 s on average, all responders together. */
export const SEV1_DAY_MS = 24 * 60 * 60 * 1000;

export interface Sev1Simulation {
  /** Runs the next command; returns its name. */
  step(): string;
  readonly commandsRun: number;
  /** The simulated clock (UTC epoch ms). */
  readonly now: number;
}

const SERVICES = ['payments-api', 'checkout-web', 'ledger', 'auth', 'edge-proxy', 'postgres-primary', 'kafka', 'search'];
const OBSERVATIONS = [
  'error rate on {s} at {n}% over the last 5 minutes',
  'p99 latency on {s} is {n}00 ms, up from 180 ms',
  'connection pool on {s} saturated ({n}0 of 100 in use)',
  'deploy of {s} rolled out to {n}0% of hosts',
  'customer reports of failed payments in region eu-west-{n}',
  'dashboards show retries from {s} doubling since the last check',
  '{s} logs: "upstream connect error or disconnect/reset before headers" ({n}k per minute)',
];
const NAMES = ['Blake Ortiz', 'Casey Ng', 'Devon Price', 'Emery Stone', 'Finley Moss', 'Harper Quinn', 'Jordan Vale', 'Kai Morgan'];

interface Live {
  readonly people: string[];
  readonly tasks: Array<{ id: string; status: TaskStatus }>;
  readonly hypotheses: Array<{ id: string; checks: string[]; closed: boolean }>;
  readonly changes: Array<{ id: string; rolledBack: boolean }>;
  readonly resting: Set<string>;
}

export function startSev1Simulation(
  doc: Y.Doc,
  options: { seed?: number; startAt: number; commands: number; title?: string },
): Sev1Simulation {
  const random = seededRandom(options.seed ?? 2026);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let clock = options.startAt;
  const meanGap = SEV1_DAY_MS / options.commands;
  const ic: Actor = { id: 'ic-profile', name: 'Avery IC', now: () => clock };
  declareIncident(
    doc,
    {
      title: options.title ?? 'Payments failing in every region',
      severity: 'SEV1',
      summary: 'Checkout returns 502 for most users.',
      startedAt: clock,
    },
    ic,
  );
  const live: Live = { people: [], tasks: [], hypotheses: [], changes: [], resting: new Set() };
  for (const name of NAMES) live.people.push(addPerson(doc, { name, contact: `${name.split(' ')[0]!.toLowerCase()}@example.com` }, ic));
  assignRole(doc, { role: 'technical-lead', personId: live.people[0]! }, ic);
  assignRole(doc, { role: 'scribe', personId: live.people[1]! }, ic);
  assignRole(doc, { role: 'communications-lead', personId: live.people[2]! }, ic);
  const phases: Phase[] = ['identified', 'mitigating', 'monitoring', 'investigating', 'mitigating', 'monitoring', 'resolved'];
  let run = 0;

  const sentence = () =>
    pick(OBSERVATIONS)
      .replace('{s}', pick(SERVICES))
      .replace('{n}', String(1 + Math.floor(random() * 9)));
  const text = () => {
    // Most entries are one line; some carry a pasted log excerpt or a longer explanation.
    const parts = random() < 0.15 ? 3 + Math.floor(random() * 4) : 1 + Math.floor(random() * 2);
    return Array.from({ length: parts }, sentence).join('. ');
  };
  const author = (): Actor => {
    const index = Math.floor(random() * (live.people.length + 1));
    if (index === live.people.length) return ic;
    return { id: live.people[index]!, name: NAMES[index]!, now: () => clock };
  };

  // Each entry: [weight, command]. A command returns false when its preconditions are not met
  // (no open task yet, say), and another one is drawn.
  const commands: Array<[number, string, () => boolean]> = [
    [
      52,
      'recordEntry',
      () => {
        const kinds: AuthoredEntryKind[] = ['note', 'note', 'fact', 'fact', 'action', 'decision'];
        recordEntry(doc, { kind: pick(kinds), text: text() }, author());
        return true;
      },
    ],
    [
      6,
      'createTask',
      () => {
        live.tasks.push({
          id: createTask(doc, { title: `Check ${pick(SERVICES)}: ${sentence()}`.slice(0, 190), assigneeId: pick(live.people) }, author()),
          status: 'todo',
        });
        return true;
      },
    ],
    [
      4,
      'assignTask',
      () => {
        const open = live.tasks.filter((t) => t.status !== 'done');
        if (open.length === 0) return false;
        assignTask(doc, { taskId: pick(open).id, assigneeId: pick(live.people) }, author());
        return true;
      },
    ],
    [
      9,
      'setTaskStatus',
      () => {
        const open = live.tasks.filter((t) => t.status !== 'done');
        if (open.length === 0) return false;
        const task = pick(open);
        const next: TaskStatus = task.status === 'todo' ? 'doing' : random() < 0.15 ? 'blocked' : 'done';
        if (next === task.status) return false;
        setTaskStatus(doc, { taskId: task.id, status: next }, author());
        task.status = next;
        return true;
      },
    ],
    [
      3,
      'proposeHypothesis',
      () => {
        live.hypotheses.push({
          id: proposeHypothesis(doc, { statement: `${pick(SERVICES)} is the cause: ${sentence()}`, ownerId: pick(live.people) }, author()),
          checks: [],
          closed: false,
        });
        return true;
      },
    ],
    [
      6,
      'addEvidence',
      () => {
        const open = live.hypotheses.filter((h) => !h.closed);
        if (open.length === 0) return false;
        addEvidence(doc, { hypothesisId: pick(open).id, stance: random() < 0.6 ? 'for' : 'against', text: text() }, author());
        return true;
      },
    ],
    [
      4,
      'recordCheck',
      () => {
        const open = live.hypotheses.filter((h) => !h.closed);
        if (open.length === 0) return false;
        const hypothesis = pick(open);
        hypothesis.checks.push(
          recordCheck(
            doc,
            { hypothesisId: hypothesis.id, description: `Compare ${pick(SERVICES)} metrics before and after the deploy` },
            author(),
          ),
        );
        return true;
      },
    ],
    [
      3,
      'recordCheckResult',
      () => {
        const withChecks = live.hypotheses.filter((h) => !h.closed && h.checks.length > 0);
        if (withChecks.length === 0) return false;
        const hypothesis = pick(withChecks);
        const checkId = hypothesis.checks.shift()!;
        recordCheckResult(
          doc,
          { hypothesisId: hypothesis.id, checkId, outcome: pick(['supports', 'refutes', 'inconclusive'] as const), result: sentence() },
          author(),
        );
        return true;
      },
    ],
    [
      2,
      'setHypothesisStatus',
      () => {
        const open = live.hypotheses.filter((h) => !h.closed);
        if (open.length === 0) return false;
        const hypothesis = pick(open);
        const status = random() < 0.3 ? 'investigating' : random() < 0.8 ? 'ruled-out' : 'confirmed';
        setHypothesisStatus(doc, { hypothesisId: hypothesis.id, status, reason: sentence() }, author());
        hypothesis.closed = status !== 'investigating';
        return true;
      },
    ],
    [
      4,
      'logSystemChange',
      () => {
        live.changes.push({
          id: logSystemChange(
            doc,
            { system: pick(SERVICES), description: `Scaled ${pick(SERVICES)} and raised its timeout; ${sentence()}` },
            author(),
          ),
          rolledBack: false,
        });
        return true;
      },
    ],
    [
      1.5,
      'markChangeRolledBack',
      () => {
        const applied = live.changes.filter((c) => !c.rolledBack);
        if (applied.length === 0) return false;
        const change = pick(applied);
        markChangeRolledBack(doc, { changeId: change.id, note: 'Back to the previous value' }, author());
        change.rolledBack = true;
        return true;
      },
    ],
    [
      1.5,
      'setPersonStatus',
      () => {
        const person = pick(live.people);
        const resting = live.resting.has(person);
        setPersonStatus(doc, { personId: person, status: resting ? 'active' : 'resting' }, ic);
        if (resting) live.resting.delete(person);
        else live.resting.add(person);
        return true;
      },
    ],
    [
      1,
      'addFollowUp',
      () => {
        addFollowUp(
          doc,
          { title: `Alert on ${pick(SERVICES)} saturation`, ownerId: pick(live.people), priority: pick(['P1', 'P2', 'P3'] as const) },
          author(),
        );
        return true;
      },
    ],
    [
      0.3,
      'markMilestone',
      () => {
        markMilestone(doc, { kind: 'custom', label: `Checkpoint ${run}`, note: sentence() }, ic);
        return true;
      },
    ],
    [
      0.05,
      'changePhase',
      () => {
        const phase = phases.shift();
        if (!phase) return false;
        changePhase(doc, { phase }, ic);
        return true;
      },
    ],
  ];
  // A command the document refuses (assigning a task to its owner, say) is a draw to repeat,
  // as a person would pick something else; anything else is a bug and stops the bench.
  const applied = (apply: () => boolean): boolean => {
    try {
      return apply();
    } catch (error) {
      if (error instanceof CommandError) return false;
      throw error;
    }
  };
  const total = commands.reduce((sum, [weight]) => sum + weight, 0);

  return {
    step() {
      // Exponential gaps around the mean: bursts and quiet spells, as in a real room.
      clock += Math.max(50, Math.round(-Math.log(1 - random()) * meanGap));
      for (;;) {
        let draw = random() * total;
        for (const [weight, name, apply] of commands) {
          draw -= weight;
          if (draw <= 0) {
            if (applied(apply)) {
              run += 1;
              return name;
            }
            break;
          }
        }
      }
    },
    get commandsRun() {
      return run;
    },
    get now() {
      return clock;
    },
  };
}

/** Runs the simulation until the timeline holds `entries` entries (setup included). */
export function simulateTimeline(doc: Y.Doc, options: { entries: number; seed?: number; startAt: number; title?: string }): Sev1Simulation {
  const simulation = startSev1Simulation(doc, { ...options, commands: options.entries });
  const timeline = collection(doc, 'timeline');
  // Y.Map#size walks the whole map, so it is read rarely: every command records one entry.
  for (let size = timeline.size; size < options.entries; size = timeline.size) {
    for (let i = size; i < options.entries; i++) simulation.step();
  }
  return simulation;
}
