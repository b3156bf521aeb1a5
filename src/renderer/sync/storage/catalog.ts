// The incident catalog: what the library lists without loading any document.
import type * as Y from 'yjs';
import { PHASES, SEVERITIES, type Phase, type Severity } from '@core/model';
import { readIncidentInfo } from '@core/read';
import type { IncidentRow, UnreadableReason } from './rows';
import { explainUnreadable } from './errors';

export interface CatalogEntry {
  readonly id: string;
  /** '' until the incident is declared, or while a joined incident waits for its first sync. */
  readonly title: string;
  readonly severity: Severity | null;
  readonly phase: Phase | null;
  readonly declaredAt: number | null;
  /** When the document last changed (UTC epoch ms). */
  readonly updatedAt: number;
  readonly createdAt: number;
  /** When it was archived on this computer (out of Home's active list, still searchable); null when not. */
  readonly archivedAt: number | null;
  /** False when the last attempt to open it failed; `problem` then says why. */
  readonly readable: boolean;
  readonly problem: { readonly reason: UnreadableReason; readonly message: string } | null;
}

/** The catalog fields that follow the document. */
export interface CatalogFields {
  readonly title: string;
  readonly severity: Severity | null;
  readonly phase: Phase | null;
  readonly declaredAt: number | null;
}

export function catalogFieldsOf(doc: Y.Doc): CatalogFields {
  const info = readIncidentInfo(doc);
  if (!info) return { title: '', severity: null, phase: null, declaredAt: null };
  return {
    title: info.title,
    severity: info.severity,
    phase: info.phase,
    declaredAt: info.declaredAt > 0 ? info.declaredAt : null,
  };
}

export function sameCatalogFields(row: CatalogFields, fields: CatalogFields): boolean {
  return (
    row.title === fields.title && row.severity === fields.severity && row.phase === fields.phase && row.declaredAt === fields.declaredAt
  );
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function oneOfOrNull<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : null;
}

/** Rows are read defensively: one written by another version of the app still lists. */
export function toCatalogEntry(row: IncidentRow): CatalogEntry {
  const mark = row.unreadable;
  const reason = mark && (mark.reason === 'damaged' || mark.reason === 'newer-version') ? mark.reason : null;
  return Object.freeze({
    id: row.id,
    title: typeof row.title === 'string' ? row.title : '',
    severity: oneOfOrNull(row.severity, SEVERITIES),
    phase: oneOfOrNull(row.phase, PHASES),
    declaredAt: finiteOrNull(row.declaredAt),
    updatedAt: finiteOrNull(row.updatedAt) ?? 0,
    createdAt: finiteOrNull(row.createdAt) ?? 0,
    archivedAt: finiteOrNull(row.archivedAt),
    readable: reason === null,
    problem:
      reason === null
        ? null
        : Object.freeze({ reason, message: explainUnreadable(reason, typeof mark?.detail === 'string' ? mark.detail : '') }),
  });
}

export function isActive(entry: Pick<CatalogEntry, 'phase'>): boolean {
  return entry.phase !== 'resolved' && entry.phase !== 'closed';
}

/** Active incidents first (an undeclared one counts as active), then the most recently changed. */
export function compareCatalogEntries(a: CatalogEntry, b: CatalogEntry): number {
  const activeFirst = Number(isActive(b)) - Number(isActive(a));
  return activeFirst || b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
