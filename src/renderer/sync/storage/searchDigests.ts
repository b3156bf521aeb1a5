// The search digest of each stored incident (its title, summary, services and timeline text),
// kept next to the catalog so that Home can search every incident without opening one.
import type { Table, Transaction } from 'dexie';
import type { YUpdateRow } from 'y-dexie';
import type * as Y from 'yjs';
import { digestOfDocument, type IncidentDigest } from '@core/incidentDigest';
import { migrateDocument } from '@core/schema';
import type { DigestRow, IncidentRow, NewIncidentRow, UpdatesTable } from './rows';
import { replayUpdates } from './storedDocument';

/**
 * The digests as Home searches them. The open incident writes its digest as it saves
 * (loadedIncident.ts); a digest that is behind the stored document, because the window closed
 * or crashed before the next digest write, is rebuilt here from the stored rows, so a note saved
 * anywhere is found from Home.
 */
export class SearchDigests {
  constructor(
    private readonly tables: {
      readonly digests: Table<DigestRow, string>;
      readonly incidents: Table<IncidentRow, string, NewIncidentRow>;
      readonly updates: UpdatesTable;
    },
    private readonly ensureOpen: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The search digest of every stored incident that has one (declared, and readable). */
  async list(): Promise<IncidentDigest[]> {
    this.ensureOpen();
    const { digests, incidents } = this.tables;
    const [rows, catalog] = await Promise.all([digests.toArray(), incidents.toArray()]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const incident of catalog) {
      const last = await lastStoredRow(this.tables.updates, incident.id);
      if (last === null || !isBehind(byId.get(incident.id), incident, last)) continue;
      const rebuilt = await this.rebuild(incident.id, last);
      if (rebuilt) byId.set(incident.id, rebuilt);
    }
    return [...byId.values()].map(toIncidentDigest).filter((digest): digest is IncidentDigest => digest !== null);
  }

  /** Digests an incident from its stored rows; keeps a newer digest written meanwhile. */
  private async rebuild(incidentId: string, through: number): Promise<DigestRow | null> {
    const { digests, updates } = this.tables;
    const stored = (await updates.where('k').equals(incidentId).toArray()).sort((a, b) => a.i - b.i);
    const digest = digestOfStoredUpdates(stored);
    if (!digest) return null;
    const row = digestRowOf(incidentId, digest, this.now(), through);
    return digests.db.transaction('rw', digests, async () => {
      const current = await digests.get(incidentId);
      if (current && typeof current.through === 'number' && current.through >= through) return current;
      await digests.put(row);
      return row;
    });
  }
}

/** The id of the last stored update row of an incident, or null when it has none. */
export async function lastStoredRow(updates: UpdatesTable, incidentId: string): Promise<number | null> {
  const [last] = await updates.where('k').equals(incidentId).reverse().limit(1).primaryKeys();
  return typeof last === 'number' ? last : null;
}

function isBehind(row: DigestRow | undefined, incident: IncidentRow, lastRow: number): boolean {
  if (!row) return true;
  if (typeof row.through === 'number') return row.through < lastRow;
  return incident.updatedAt > row.digestedAt;
}

export function digestRowOf(incidentId: string, digest: IncidentDigest, at: number, through?: number): DigestRow {
  const row: DigestRow = { ...digest, id: incidentId, services: [...digest.services], people: [...digest.people], digestedAt: at };
  return through === undefined ? row : { ...row, through };
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
