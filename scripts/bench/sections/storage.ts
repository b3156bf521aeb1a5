// Stored size after a simulated 24-hour SEV1 (50,000 commands through the real storage in
// Chromium's IndexedDB), before and after compaction (the compacted row is stored
// gzip-compressed) against gzip of the compacted update; the cost of storing one row as the
// document grows (1,000 to 50,000 commands); and open time as edits grow (10k / 25k / 50k)
// against the raw read + apply.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { build as esbuild } from 'esbuild';
import { atMost, median, megabytes, quantile, round, withinRatio, type BenchSection, type Measure } from '../measure';
import { buildWebRenderer, startBrowser, startPreview, stopPreview } from '../browser/harness';
import type { LibraryOpen, RawOpen } from '../browser/pageTools';
import type { RowWriteWindow } from './storagePage';

const DATABASE = 'sitrep-bench-storage';
const COMMANDS = Number(process.env.BENCH_STORAGE_COMMANDS ?? 50_000);
const CHECKPOINTS = [0.2, 0.5, 1].map((f) => Math.round(COMMANDS * f));
const SAVE_EVERY = 100;
/** One row per command for this many commands: the realistic write path, timed. */
const ONE_BY_ONE = Number(process.env.BENCH_STORAGE_ONE_BY_ONE ?? 5_000);
/** The whole day in bursts of this many commands per transaction, to finish in minutes. */
const PER_TRANSACTION = Number(process.env.BENCH_STORAGE_PER_TRANSACTION ?? 100);
const REPEATS = 3;
/** Document sizes (commands) at which the cost of writing one row is taken; the first is the baseline. */
const WRITE_SIZES = [1_000, 10_000, 25_000, 50_000].filter((size) => size <= COMMANDS);
/** Rows written one by one at each size. */
const WRITE_WINDOW = Number(process.env.BENCH_STORAGE_WRITE_WINDOW ?? 500);

/** storagePage.ts, bundled for the page like the shared page tools. */
async function storagePageScript(root: string): Promise<string> {
  const result = await esbuild({
    entryPoints: [join(root, 'scripts/bench/sections/storagePage.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome130',
    alias: { '@core': join(root, 'src/core'), '@shared': join(root, 'src/shared') },
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

/** Storage's share of one row: from the change to "saved", less the time inside the command. */
function storageMs(taken: RowWriteWindow): number[] {
  return taken.totalMs.map((total, index) => total - taken.commandMs[index]!);
}

function mean(samples: readonly number[]): number {
  return samples.reduce((sum, sample) => sum + sample, 0) / samples.length;
}

async function rowWriteMeasures(page: Page, log: (line: string) => void): Promise<Measure[]> {
  log(`storage: cost per written row at ${WRITE_SIZES.join(', ')} commands, ${WRITE_WINDOW} rows each …`);
  const windows = await page.evaluate((options) => window.sitrepStorageBench.rowWriteCost(options), {
    database: `${DATABASE}-writes`,
    sizes: WRITE_SIZES,
    window: WRITE_WINDOW,
  });
  const first = windows[0]!;
  const measures: Measure[] = [];
  for (const taken of windows) {
    const storage = storageMs(taken);
    log(
      `storage: row at ${taken.commands} commands: mean ${round(mean(storage))} ms, median ${round(median(storage))} ms ` +
        `(command ${round(mean(taken.commandMs))} ms); save with digest ${round(taken.saveWithDigestMs)} ms`,
    );
    const last = taken === windows[windows.length - 1];
    measures.push({
      section: 'storage',
      name: `storage cost per written row, ${taken.commands.toLocaleString('en')} commands`,
      value: round(median(storage)),
      unit: 'ms',
      baseline:
        taken === first
          ? null
          : { name: `the same at ${first.commands.toLocaleString('en')} commands`, value: round(median(storageMs(first))) },
      target: last && taken !== first ? withinRatio(1.5) : null,
      detail:
        `median of ${taken.rows} commands written one per transaction, each awaited until the save indicator says saved ` +
        `(update encoded, row added, transaction committed; relaxed durability), less the time inside the command ` +
        `(mean ${round(mean(taken.commandMs), 3)} ms); mean ${round(mean(storage))} ms (the catalog write each second and ` +
        `garbage collection included), p95 ${round(quantile(storage, 0.95))} ms`,
    });
  }
  measures.push({
    section: 'storage',
    name: `save with the search digest, ${windows[windows.length - 1]!.commands.toLocaleString('en')} commands`,
    value: round(windows[windows.length - 1]!.saveWithDigestMs),
    unit: 'ms',
    baseline: { name: `the same at ${first.commands.toLocaleString('en')} commands`, value: round(first.saveWithDigestMs) },
    target: null,
    detail:
      'whenSaved after one command: the catalog row and the search digest (it reads the whole timeline) rewritten; ' +
      'an open incident does this every 30 s while it changes, not per row',
  });
  return measures;
}

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
      await page.addScriptTag({ content: await storagePageScript(root) });
      measures.push(...(await rowWriteMeasures(page, log)));
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
      const after = await page.evaluate(([incident, db]) => window.sitrepStorageBench.compressedSizes(incident, db), [
        id,
        DATABASE,
      ] as const);
      log(`storage: after compaction ${after.rows} row, ${megabytes(after.stored)} MB; gzip of the update ${megabytes(after.gzip)} MB`);
      measures.push({
        section: 'storage',
        name: `stored after compaction, ${COMMANDS.toLocaleString('en')} commands`,
        value: megabytes(after.stored),
        unit: 'MB',
        baseline: { name: 'gzip of the compacted update', value: megabytes(after.gzip) },
        target: withinRatio(1.1),
        detail:
          `${after.rows} row, the merged update (Y.encodeStateAsUpdateV2, ${megabytes(after.update)} MB) stored gzip-compressed ` +
          `(CompressionStream); Y.encodeStateAsUpdate is ${megabytes(encoded.v1)} MB and the incident as JSON (readSnapshot) ` +
          `${megabytes(encoded.json)} MB; the baseline is CompressionStream('gzip') of the merged update`,
      });
      measures.push({
        section: 'storage',
        name: `stored after compaction, ${COMMANDS.toLocaleString('en')} commands, absolute`,
        value: megabytes(after.stored),
        unit: 'MB',
        baseline: { name: 'Y.encodeStateAsUpdate', value: megabytes(encoded.v1) },
        target: atMost(2, 'MB'),
        detail: 'the earlier absolute target (issue 6), kept for comparison',
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
