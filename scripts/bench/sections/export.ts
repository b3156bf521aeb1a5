// Export time per format for a 10,000-entry incident, in Node: what the responder waits for
// between "Export" and the file (reading the snapshot, then formatting it).
import * as Y from 'yjs';
import { exportHtml, exportJson, exportMarkdown, exportTimelineCsv } from '../../../src/core/export';
import type { IncidentSnapshot } from '../../../src/core/model';
import { readSnapshot } from '../../../src/core/read';
import { atMost, median, round, type BenchSection, type Measure } from '../measure';
import { simulateTimeline } from '../sev1Scenario';

const ENTRIES = 10_000;
const RUNS = 7;

function snapshotOf(doc: Y.Doc): IncidentSnapshot {
  const snapshot = readSnapshot(doc);
  if (!snapshot) throw new Error('The simulated incident did not read back as declared');
  return snapshot;
}

/** Median wall time of `runs` calls after one warm-up call (which lets V8 compile the path). */
function timeIt(runs: number, work: () => unknown): { median: number; samples: number[]; size: number } {
  let size = 0;
  const warm = work();
  if (typeof warm === 'string') size = warm.length;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return { median: round(median(samples)), samples: samples.map((s) => round(s)), size };
}

export const exportSection: BenchSection = {
  name: 'export',
  title: 'Export time per format, 10,000 entries (Node)',
  async run({ log }) {
    const doc = new Y.Doc();
    simulateTimeline(doc, { entries: ENTRIES, startAt: Date.UTC(2026, 10, 20, 0, 0, 0) });
    const now = Date.UTC(2026, 10, 21, 0, 0, 0);
    const options = { now, timeZone: 'America/New_York', generatedBy: 'Sitrep bench' } as const;
    const baseline = timeIt(RUNS, () => JSON.stringify(snapshotOf(doc)));
    log(`export: baseline readSnapshot + JSON.stringify ${baseline.median} ms`);
    const formats: Array<[string, (snapshot: IncidentSnapshot) => string]> = [
      ['Markdown', (s) => exportMarkdown(s, options)],
      ['HTML', (s) => exportHtml(s, options)],
      ['CSV', (s) => exportTimelineCsv(s, options)],
      ['JSON', (s) => exportJson(s, options)],
    ];
    const measures: Measure[] = [];
    for (const [format, exporter] of formats) {
      const result = timeIt(RUNS, () => exporter(snapshotOf(doc)));
      log(`export: ${format} ${result.median} ms (${Math.round(result.size / 1024)} KB)`);
      measures.push({
        section: 'export',
        name: `export ${format}, ${ENTRIES.toLocaleString('en')} entries`,
        value: result.median,
        unit: 'ms',
        baseline: { name: 'readSnapshot + JSON.stringify', value: baseline.median },
        target: atMost(200, 'ms'),
        detail: `median of ${RUNS} runs after a warm-up, readSnapshot included; output ${Math.round(result.size / 1024)} KB; runs ${result.samples.join(', ')} ms`,
      });
    }
    doc.destroy();
    return measures;
  },
};
