// `npm run bench`: runs every section (or those named with `-- --only open,export`), prints one
// table (measure, value, baseline, target, verdict) and writes bench/results.json with the
// machine it ran on. A partial run (--only) writes out/bench/results-partial.json instead, so the
// committed full results are only replaced by a full run.
import os from 'node:os';
import { join, resolve } from 'node:path';
import { chromiumExecutable } from './browser/harness';
import { describeMachine } from './machine';
import type { BenchSection, Measure } from './measure';
import { renderTable, withVerdicts, writeResults } from './report';
import { exportSection } from './sections/export';
import { keystrokeSection } from './sections/keystroke';
import { memorySection } from './sections/memory';
import { openSection } from './sections/open';
import { storageSection } from './sections/storage';
import { webrtcSection } from './sections/webrtc';

/** In the order they run; each is independent of the others. */
const SECTIONS: readonly BenchSection[] = [webrtcSection, openSection, keystrokeSection, memorySection, exportSection, storageSection];

function selectedSections(argv: readonly string[]): BenchSection[] {
  const at = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at < 0) return [...SECTIONS];
  const value = argv[at]!.includes('=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  if (!value) throw new Error(`--only needs a list of sections: ${SECTIONS.map((s) => s.name).join(',')}`);
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new Error(`Unknown bench section(s): ${unknown.join(', ')}. Known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  return SECTIONS.filter((s) => names.includes(s.name));
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const sections = selectedSections(process.argv.slice(2));
  const full = sections.length === SECTIONS.length;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const loadBefore = os.loadavg();
  const measures: Measure[] = [];
  const ran: Array<{ name: string; seconds: number; error?: string }> = [];
  const started = Date.now();
  for (const section of sections) {
    log(`\n== ${section.name}: ${section.title}`);
    const start = Date.now();
    try {
      measures.push(...(await section.run({ root, log })));
      ran.push({ name: section.name, seconds: Math.round((Date.now() - start) / 100) / 10 });
    } catch (error) {
      // One failing section does not hide the others' results; the run still exits non-zero.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${section.name} FAILED: ${message}`);
      ran.push({ name: section.name, seconds: Math.round((Date.now() - start) / 100) / 10, error: message.split('\n')[0]! });
    }
  }
  const machine = { ...describeMachine(chromiumExecutable()), loadAverageAtStart: loadBefore, loadAverageAtEnd: os.loadavg() };
  const out = join(root, full ? 'bench/results.json' : 'out/bench/results-partial.json');
  writeResults(out, { machine, sections: ran, measures: withVerdicts(measures) });
  process.stdout.write(`\n${renderTable(measures)}\n\n`);
  log(`bench: ${ran.length} section(s) in ${Math.round((Date.now() - started) / 1000)} s; results in ${out}`);
  if (ran.some((r) => r.error)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
