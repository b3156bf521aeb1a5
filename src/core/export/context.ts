// What every exporter starts from: the options it was given, checked, and the snapshot in the
// one canonical order, so that the same incident always exports to the same bytes.
import type { EpochMs, Hypothesis, IncidentSnapshot, Person } from '../model';
import { COLLECTION_ORDER, compareEntries, compareWhySteps } from '../read';
import { computeMetrics, type IncidentMetrics } from '../metrics';
import { resolveTimeZone, type ExportTimeZone } from './timeZone';
import type { TFunction as I18nextTFunction } from 'i18next';
import { languageOr, translator, type Language, type TFunction } from '../i18n';
import { intlLocaleFor } from '../time/display';

/** A translator for the export's own words and the shared vocabulary. */
export type ExportT = I18nextTFunction<['export', 'common']>;

export interface ExportOptions {
  /** 'UTC' (the default), 'local', or an IANA zone name such as 'America/New_York'. */
  readonly timeZone?: ExportTimeZone;
  /** The reader's language: headings, labels, dates and durations (English when omitted). JSON ignores it. */
  readonly language?: Language;
  /** The moment of the export: stamped on the document and the end of an ongoing incident. */
  readonly now: EpochMs;
  /** Shown in the footer, for example "Sitrep 0.1.0". */
  readonly generatedBy?: string;
  /**
   * CSV only: start with a UTF-8 byte order mark (the default). Excel reads a CSV without one in
   * the system's legacy code page, so Japanese, Chinese and Russian names turn to mojibake.
   */
  readonly csvByteOrderMark?: boolean;
}

export interface ExportContext {
  readonly snapshot: IncidentSnapshot;
  /** Resolved IANA zone name. */
  readonly zone: string;
  readonly language: Language;
  /** The Intl locale of `language`. */
  readonly locale: string;
  /** Translation into `language`, for the `export` and `common` catalogs. */
  readonly t: ExportT;
  /** The same translator, untyped, for what takes any namespace (entryText). */
  readonly translate: TFunction;
  readonly now: EpochMs;
  readonly generatedBy: string | null;
  readonly metrics: IncidentMetrics;
  /** Person id to display name; ids of unknown people read as themselves. */
  readonly nameOf: (personId: string | null) => string;
}

function byIdThen<T extends { id: string }>(key: (item: T) => number): (a: T, b: T) => number {
  // Code-unit order for ties: unlike localeCompare it is the same in every runtime.
  return (a, b) => key(a) - key(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const byEvidenceTime = byIdThen<Hypothesis['evidence'][number]>((e) => e.at);
const byCheckTime = byIdThen<Hypothesis['checks'][number]>((c) => c.at);

/**
 * The snapshot with every list in the order `readSnapshot` produces (so that an imported
 * document reads back identically), and nested evidence and checks by time then id.
 */
export function canonicalSnapshot(snapshot: IncidentSnapshot): IncidentSnapshot {
  const sorted = <T>(items: readonly T[], order: (a: T, b: T) => number): readonly T[] => [...items].sort(order);
  return {
    schemaVersion: snapshot.schemaVersion,
    incident: snapshot.incident,
    people: sorted(snapshot.people, COLLECTION_ORDER.people),
    roles: sorted(snapshot.roles, COLLECTION_ORDER.roles),
    tasks: sorted(snapshot.tasks, COLLECTION_ORDER.tasks),
    hypotheses: sorted(snapshot.hypotheses, COLLECTION_ORDER.hypotheses).map((h) => ({
      ...h,
      evidence: sorted(h.evidence, byEvidenceTime),
      checks: sorted(h.checks, byCheckTime),
    })),
    milestones: sorted(snapshot.milestones, COLLECTION_ORDER.milestones),
    changes: sorted(snapshot.changes, COLLECTION_ORDER.changes),
    followUps: sorted(snapshot.followUps, COLLECTION_ORDER.followUps),
    timeline: sorted(snapshot.timeline, compareEntries),
    review: { ...snapshot.review, fiveWhys: sorted(snapshot.review.fiveWhys, compareWhySteps) },
  };
}

export function validNow(now: unknown): EpochMs {
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new TypeError('Export needs `now`, the time of the export in UTC epoch milliseconds.');
  }
  return now;
}

export function exportContext(snapshot: IncidentSnapshot, options: ExportOptions): ExportContext {
  const zone = resolveTimeZone(options.timeZone);
  const now = validNow(options.now);
  const canonical = canonicalSnapshot(snapshot);
  // An unknown language (a setting from a newer version, a typo in a script) exports in English.
  const language = languageOr(options.language);
  const names = new Map<string, string>(canonical.people.map((p: Person) => [p.id, p.name]));
  return {
    snapshot: canonical,
    zone,
    language,
    locale: intlLocaleFor(language),
    t: translator(language) as unknown as ExportT,
    translate: translator(language),
    now,
    generatedBy: options.generatedBy?.trim() || null,
    metrics: computeMetrics(canonical, now),
    nameOf: (personId) => (personId === null || personId === '' ? '' : (names.get(personId) ?? personId)),
  };
}
