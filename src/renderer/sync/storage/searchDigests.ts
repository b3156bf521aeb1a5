// The search digest of each stored incident (its title, summary, services and timeline text),
// kept next to the catalog so that Home can search every incident without opening one.
import type { Table, Transaction } from 'dexie';
import type { YUpdateRow } from 'y-dexie';
import type * as Y from 'yjs';
import { digestOfDocument, type IncidentDigest } from '@core/incidentDigest';
import { migrateDocument } from '@core/schema';
import type { DigestRow } from './rows';
import { replayUpdates } from './storedDocument';

/** The digests as Home searches them. Written by the open incident on save (loadedIncident.ts). */
export class SearchDigests {
  constructor(
    private readonly digests: Table<DigestRow, string>,
    private readonly ensureOpen: () => void,
  ) {}

  /**
   * The search digest of every stored incident that has one (declared, and readable when it was
   * last saved). Kept in step on every save and close, so search never opens a document.
   */
  async list(): Promise<IncidentDigest[]> {
    this.ensureOpen();
    const rows = await this.digests.toArray();
    return rows.map(toIncidentDigest).filter((digest): digest is IncidentDigest => digest !== null);
  }
}

export function digestRowOf(incidentId: string, digest: IncidentDigest, at: number): DigestRow {
  return { ...digest, id: incidentId, services: [...digest.services], people: [...digest.people], digestedAt: at };
}

function strings(value: unknown): readonly string[] {
  return Array.isArray(value) ? Object.freeze(value.filter((item): item is string => typeof item === 'string')) : Object.freeze([]);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Rows are read defensively, like catalog rows: a row another version wrote still searches. */
export function toIncidentDigest(row: unknown): IncidentDigest | null {
  if (typeof row !== 'object' || row === null) return null;
  const r = row as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return null;
  return Object.freeze({
    id: r.id,
    title: text(r.title),
    summary: text(r.summary),
    impact: text(r.impact),
    services: strings(r.services),
    people: strings(r.people),
    timeline: text(r.timeline),
    truncated: r.truncated === true,
  });
}

/**
 * The digest of an incident as stored, from its update rows, without loading it live. Null when
 * it is not declared yet, or its updates do not decode or need a newer app (the catalog then
 * marks it unreadable when someone tries to open it; search simply leaves it out).
 */
export function digestOfStoredUpdates(rows: readonly YUpdateRow[]): IncidentDigest | null {
  let doc: Y.Doc;
  try {
    doc = replayUpdates(rows);
  } catch {
    return null;
  }
  try {
    migrateDocument(doc, 'search-digest');
    return digestOfDocument(doc);
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

/**
 * Storage version 2 upgrade: digests every incident stored by version 1, from its stored
 * updates, so search covers them before anyone opens them again.
 */
export async function digestStoredIncidents(transaction: Transaction, updatesTableName: string, now: number): Promise<void> {
  const incidents = (await transaction.table('incidents').toArray()) as Array<{ id: unknown }>;
  const updates = transaction.table(updatesTableName);
  const digests = transaction.table('digests');
  for (const { id } of incidents) {
    if (typeof id !== 'string') continue;
    const rows = ((await updates.where('k').equals(id).toArray()) as YUpdateRow[]).sort((a, b) => a.i - b.i);
    const digest = digestOfStoredUpdates(rows);
    if (digest) await digests.put(digestRowOf(id, digest, now));
  }
}
