// Stored size after a simulated 24-hour SEV1 (50,000 commands through the real storage in
// Chromium's IndexedDB), before and after compaction, against Y.encodeStateAsUpdate of the same
// document; and open time as edits grow (10k / 25k / 50k) against the raw read + apply.
import type { Page } from '@playwright/test';
import { atMost, median, megabytes, round, type BenchSection, type Measure } from '../measure';
import { buildWebRenderer, startBrowser, startPreview, stopPreview } from '../browser/harness';
import type { LibraryOpen, RawOpen } from '../browser/pageTools';

const DATABASE = 'sitrep-bench-storage';
const COMMANDS = Number(process.env.BENCH_STORAGE_COMMANDS ?? 50_000);
const CHECKPOINTS = [0.2, 0.5, 1].map((f) => Math.round(COMMANDS * f));
const SAVE_EVERY = 100;
/** One row per command for this many commands: the realistic write path, timed. */
const ONE_BY_ONE = Number(process.env.BENCH_STORAGE_ONE_BY_ONE ?? 5_000);
/** The whole day in bursts of this many commands per transaction, to finish in minutes. */
const PER_TRANSACTION = Number(process.env.BENCH_STORAGE_PER_TRANSACTION ?? 100);
const REPEATS = 3;

async function openTimes(page: Page, id: string): Promise<{ app: LibraryOpen[]; raw: RawOpen[] }> {
  const raw: RawOpen[] = [];
  const app: LibraryOpen[] = [];
  for (let i = 0; i < REPEATS; i++) {
    raw.push(await page.evaluate(([incident, db]) => window.sitrepBench.rawOpen(incident, db), [id, DATABASE] as const));
    app.push(await page.evaluate(([incident, db]) => window.sitrepBench.openWithLibrary(incident, db), [id, DATABASE] as const));
  }
  return { app, raw };
}

export const storageSection: BenchSection = {
  name: 'storage',
  title: 'Stored size after a simulated 24-hour SEV1, and open time as edits grow (Chromium IndexedDB)',
  async run({ root, log }) {
    await buildWebRenderer(root, log);
    const server = await startPreview(root);
    const browser = await startBrowser(root);
    const measures: Measure[] = [];
    try {
      const { page } = browser;
      await browser.openTools();
      log(`storage: ${ONE_BY_ONE} commands one by one (one transaction, one stored row each) …`);
      const realistic = await page.evaluate((options) => window.sitrepBench.simulateSev1(options), {
        database: DATABASE,
        commands: ONE_BY_ONE,
        checkpoints: [ONE_BY_ONE],
        saveEvery: SAVE_EVERY,
        commandsPerTransaction: 1,
      });
      const single = realistic.checkpoints[0]!;
      log(`storage: one by one: ${single.rows} rows, ${megabytes(single.bytes)} MB in ${round(single.elapsedMs / 1000, 1)} s`);
      measures.push({
        section: 'storage',
        name: `stored before compaction, ${ONE_BY_ONE.toLocaleString('en')} commands one by one`,
        value: megabytes(single.bytes),
        unit: 'MB',
        baseline: null,
        target: null,
        detail:
          `${single.rows} update rows, written through the real storage in ${round(single.elapsedMs / 1000, 1)} s ` +
          `(${round(single.elapsedMs / ONE_BY_ONE, 2)} ms per command, awaiting the disk every ${SAVE_EVERY}, relaxed durability)`,
      });

      log(`storage: simulating ${COMMANDS} commands, ${PER_TRANSACTION} per transaction …`);
      const simulation = await page.evaluate((options) => window.sitrepBench.simulateSev1(options), {
        database: DATABASE,
        commands: COMMANDS,
        checkpoints: CHECKPOINTS,
        saveEvery: SAVE_EVERY * PER_TRANSACTION,
        commandsPerTransaction: PER_TRANSACTION,
      });
      const id = simulation.incidentId;
      for (const checkpoint of simulation.checkpoints) {
        log(
          `storage: ${checkpoint.commands} commands: ${checkpoint.rows} rows, ${megabytes(checkpoint.bytes)} MB, after ${round(checkpoint.elapsedMs / 1000, 1)} s`,
        );
      }
      const encoded = await page.evaluate(([incident, db]) => window.sitrepBench.encodedSize(incident, db), [id, DATABASE] as const);
      const last = simulation.checkpoints[simulation.checkpoints.length - 1]!;
      const pace = `${COMMANDS} commands on a simulated 24-hour clock in ${round(last.elapsedMs / 1000, 1)} s, ${PER_TRANSACTION} commands per transaction (so per stored row), relaxed durability`;
      for (const checkpoint of simulation.checkpoints) {
        measures.push({
          section: 'storage',
          name: `stored before compaction, ${checkpoint.commands.toLocaleString('en')} commands`,
          value: megabytes(checkpoint.bytes),
          unit: 'MB',
          baseline: checkpoint === last ? { name: 'Y.encodeStateAsUpdate', value: megabytes(encoded.v1) } : null,
          target: null,
          detail: `${checkpoint.rows} update rows (Yjs payload bytes, IndexedDB's own overhead not counted); ${pace}`,
        });
      }

      // A crash leaves the rows uncompacted: the next open compacts them first (above 500 rows).
      const crash = await page.evaluate(([incident, db]) => window.sitrepBench.rawOpen(incident, db), [id, DATABASE] as const);
      const crashOpen = await page.evaluate(([incident, db]) => window.sitrepBench.openWithLibrary(incident, db), [id, DATABASE] as const);
      log(`storage: open after a crash (${crashOpen.rowsBefore} rows): ${round(crashOpen.ms)} ms, raw ${round(crash.ms)} ms`);
      measures.push({
        section: 'storage',
        name: `open after a crash, ${COMMANDS.toLocaleString('en')} uncompacted commands`,
        value: round(crashOpen.ms),
        unit: 'ms',
        baseline: { name: 'raw Dexie read + Y.applyUpdateV2 of every row', value: round(crash.ms) },
        target: null,
        detail: `library.openIncident (compacts ${crashOpen.rowsBefore} rows, then loads) + store + timeline list; one run`,
      });
      const after = await page.evaluate(([incident, db]) => window.sitrepBench.storedSize(incident, db), [id, DATABASE] as const);
      measures.push({
        section: 'storage',
        name: `stored after compaction, ${COMMANDS.toLocaleString('en')} commands`,
        value: megabytes(after.bytes),
        unit: 'MB',
        baseline: { name: 'Y.encodeStateAsUpdate', value: megabytes(encoded.v1) },
        target: atMost(2, 'MB'),
        detail: `${after.rows} row (Y.encodeStateAsUpdateV2); the incident as JSON (readSnapshot) is ${megabytes(encoded.json)} MB, so the text itself is over the target`,
      });

      // Open time as edits grow: incidents of each size, closed cleanly (so compacted).
      for (const size of CHECKPOINTS) {
        const title = `Bench storage ${size}`;
        const seeded = await page.evaluate(([n, t, db]) => window.sitrepBench.seedIncident(n, t, db), [size, title, DATABASE] as const);
        const { app, raw } = await openTimes(page, seeded);
        log(`storage: open ${size}: ${app.map((a) => round(a.ms)).join(', ')} ms; raw ${raw.map((r) => round(r.ms)).join(', ')} ms`);
        measures.push({
          section: 'storage',
          name: `open after ${size.toLocaleString('en')} edits (compacted), storage + store`,
          value: round(median(app.map((a) => a.ms))),
          unit: 'ms',
          baseline: { name: 'raw Dexie read + Y.applyUpdateV2', value: round(median(raw.map((r) => r.ms))) },
          target: null,
          detail: `median of ${REPEATS}: library.openIncident + createIncidentStore + timeline list (no UI); ${raw[0]!.rows} row, ${megabytes(raw[0]!.bytes)} MB`,
        });
      }
    } finally {
      await browser.close();
      await stopPreview(server);
    }
    return measures;
  },
};
