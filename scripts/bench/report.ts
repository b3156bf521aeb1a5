// The bench's output: one table on stdout and bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MachineDescription } from './machine';
import { verdictOf, type Measure, type Verdict } from './measure';

export interface BenchResults {
  readonly machine: MachineDescription;
  /** Sections run, in order, and how long each took (s). */
  readonly sections: ReadonlyArray<{ readonly name: string; readonly seconds: number; readonly error?: string }>;
  readonly measures: ReadonlyArray<Measure & { readonly verdict: Verdict }>;
}

function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  return `${value.toLocaleString('en', { maximumFractionDigits: 2 })} ${unit}`;
}

export function renderTable(measures: readonly Measure[]): string {
  const rows = measures.map((m) => [
    m.name,
    m.skipped ? `skipped: ${m.skipped}` : formatValue(m.value, m.unit),
    m.baseline ? `${formatValue(m.baseline.value, m.unit)} (${m.baseline.name})` : '—',
    m.target?.label ?? '—',
    verdictOf(m),
  ]);
  const header = ['measure', 'value', 'baseline', 'target', 'verdict'];
  const widths = header.map((h, column) => Math.max(h.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeResults(path: string, results: BenchResults): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

export function withVerdicts(measures: readonly Measure[]): BenchResults['measures'] {
  return measures.map((m) => ({ ...m, verdict: verdictOf(m) }));
}
