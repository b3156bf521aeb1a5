// An incident of a chosen size for the long-lists E2E, written through the real commands and
// printed as an export file: `node --import tsx workIncident.ts <title> <sizes as JSON>`.
import * as Y from 'yjs';
import {
  addEvidence,
  addFollowUp,
  addPerson,
  assignRole,
  createTask,
  declareIncident,
  logSystemChange,
  markMilestone,
  proposeHypothesis,
  recordCheck,
  setTaskStatus,
  type Actor,
} from '../../../src/core/commands';
import { exportJson } from '../../../src/core/export';
import { readSnapshot } from '../../../src/core/read';

const pad = (n: number) => String(n).padStart(3, '0');

export interface Sizes {
  readonly tasks: number;
  readonly doneTasks: number;
  readonly changes: number;
  readonly hypotheses: number;
  readonly followUps: number;
  readonly milestones: number;
}

/** An incident written through the real commands, as an export file the app imports. */
export function buildIncident(title: string, sizes: Sizes): string {
  let tick = Date.UTC(2026, 2, 2, 8, 0, 0);
  const ic: Actor = { id: 'p-ic', name: 'Avery Okafor', now: () => (tick += 1000) };
  const doc = new Y.Doc();
  declareIncident(doc, { title, severity: 'SEV1', summary: 'Checkout returns 502 for most users.' }, ic);
  const people = ['Blake Ortiz', 'Casey Lin', 'Dana Whitfield', 'Eli Sato'].map((name) => addPerson(doc, { name }, ic));
  assignRole(doc, { role: 'technical-lead', personId: people[0]! }, ic);
  assignRole(doc, { role: 'scribe', personId: people[1]! }, ic);
  assignRole(doc, { role: 'communications-lead', personId: people[2]! }, ic);
  markMilestone(doc, { kind: 'detected', note: '' }, ic);
  for (let i = 1; i <= sizes.milestones; i++) markMilestone(doc, { kind: 'custom', label: `Checkpoint ${pad(i)}`, note: '' }, ic);
  for (let i = 1; i <= sizes.hypotheses; i++) {
    const hypothesisId = proposeHypothesis(doc, { statement: `Hypothesis ${pad(i)}: the pool on shard ${i} is exhausted` }, ic);
    addEvidence(doc, { hypothesisId, stance: 'for', text: `Pool metrics on shard ${i} are at 100%` }, ic);
    recordCheck(doc, { hypothesisId, description: `Compare shard ${i} before and after the deploy` }, ic);
  }
  for (let i = 1; i <= sizes.tasks + sizes.doneTasks; i++) {
    const taskId = createTask(doc, { title: `Task ${pad(i)}: check shard ${i}`, assigneeId: people[i % people.length]! }, ic);
    if (i > sizes.tasks) setTaskStatus(doc, { taskId, status: 'done' }, ic);
  }
  for (let i = 1; i <= sizes.changes; i++)
    logSystemChange(doc, { description: `Change ${pad(i)}: raised the pool size on shard ${i}`, system: `shard-${i}` }, ic);
  for (let i = 1; i <= sizes.followUps; i++)
    addFollowUp(
      doc,
      { title: `Follow-up ${pad(i)}: alert on shard ${i} saturation`, ownerId: people[i % people.length]!, priority: 'P2' },
      ic,
    );
  const snapshot = readSnapshot(doc);
  if (!snapshot) throw new Error('the incident did not read back');
  return exportJson(snapshot, { now: tick + 60_000 });
}

if (process.argv[2] && process.argv[3]) process.stdout.write(buildIncident(process.argv[2], JSON.parse(process.argv[3]) as Sizes));
