// What every bench section produces: named measures, each with its baseline from the same run
// and the target it is judged against.

export type Unit = 'ms' | 'MB' | 'KB' | 'bytes' | 'count';

export interface Target {
  /** The measure passes when value <= max (for `ratio`: value <= max × baseline). */
  readonly max: number;
  readonly kind: 'absolute' | 'ratio';
  /** How the target reads in the table, for example "≤ 300 ms" or "≤ 1.2× baseline". */
  readonly label: string;
}

export interface Measure {
  readonly section: string;
  readonly name: string;
  readonly value: number | null;
  readonly unit: Unit;
  readonly baseline: { readonly name: string; readonly value: number | null } | null;
  readonly target: Target | null;
  /** How it was taken (samples, method), shown in the JSON and the README. */
  readonly detail?: string;
  /** Set when the measure could not be taken; says why. */
  readonly skipped?: string;
}

export type Verdict = 'pass' | 'miss' | 'info' | 'skipped';

export function verdictOf(measure: Measure): Verdict {
  if (measure.skipped || measure.value === null) return 'skipped';
  if (!measure.target) return 'info';
  const limit = measure.target.kind === 'ratio' ? (measure.baseline?.value ?? Number.NaN) * measure.target.max : measure.target.max;
  if (!Number.isFinite(limit)) return 'info';
  return measure.value <= limit ? 'pass' : 'miss';
}

export function atMost(max: number, unit: Unit): Target {
  return { max, kind: 'absolute', label: `≤ ${max} ${unit}` };
}

export function withinRatio(max: number): Target {
  return { max, kind: 'ratio', label: `≤ ${max}× baseline` };
}

export interface SectionContext {
  /** The repository root. */
  readonly root: string;
  /** Progress lines for the person running the bench (stderr, so stdout stays the table). */
  readonly log: (line: string) => void;
}

/** One independently selectable part of the bench (`npm run bench -- --only <name>`). */
export interface BenchSection {
  readonly name: string;
  readonly title: string;
  run(context: SectionContext): Promise<Measure[]>;
}

/** Value at quantile q (0..1) of the samples, by the nearest-rank method. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('quantile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function megabytes(bytes: number): number {
  return round(bytes / (1024 * 1024), 2);
}
