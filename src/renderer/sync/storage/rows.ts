// The shapes of the rows the library keeps in IndexedDB. A leaf module: everything in storage/
// may import it, and it imports nothing from storage/, so the row types never close a cycle.
import type { Table } from 'dexie';
import type { YUpdateRow } from 'y-dexie';
import type * as Y from 'yjs';
import type { IncidentDigest } from '@core/incidentDigest';
import type { Phase, Severity } from '@core/model';

export type UnreadableReason = 'damaged' | 'newer-version';

/** Why an incident could not be opened the last time it was tried; kept so the library can show it. */
export interface UnreadableMark {
  readonly reason: UnreadableReason;
  readonly detail: string;
  readonly at: number;
}

/**
 * One incident in the catalog. `doc` is y-dexie's Y.Doc property: declaring it gives the
 * document its own updates table (see database.ts). The library never reads the property.
 */
export interface IncidentRow {
  id: string;
  /** '' until the incident is declared (or while a joined incident waits for its first sync). */
  title: string;
  severity: Severity | null;
  phase: Phase | null;
  declaredAt: number | null;
  updatedAt: number;
  createdAt: number;
  unreadable?: UnreadableMark;
  /**
   * When it was archived on this computer (UTC epoch ms); absent when it is not archived, which
   * is how rows written before archiving existed read. A library preference, never shared.
   */
  archivedAt?: number;
  readonly doc: Y.Doc;
}

export type NewIncidentRow = Omit<IncidentRow, 'doc'>;

/** Key-value rows: the local profile, the app settings and each incident's room. Values are validated when read. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A stored search digest, keyed by the incident's id in the library. */
export interface DigestRow extends IncidentDigest {
  /** When the digest was taken (UTC epoch ms). */
  readonly digestedAt: number;
  /**
   * The last stored update row (its id) the digest covers: a digest behind the stored rows (the
   * window closed before the next digest write) is rebuilt from them. Absent in rows written
   * before this was kept; those are judged by digestedAt against the catalog's updatedAt.
   */
  readonly through?: number;
}

/** How a compacted row's bytes are compressed (see compression.ts). */
export type CompressedFormat = 'gzip';

/**
 * A stored Yjs update row: y-dexie's layout (`i` id, `k` incident id, `u` a V2 update, `f` 1 for a
 * local write), plus `c` when `u` holds the update compressed (compacted rows). Rows without
 * `c`, including every row stored before compression existed, hold the update as it is.
 */
export type StoredUpdateRow = YUpdateRow & { c?: CompressedFormat };

/** A row as written: the id is auto-incremented unless compaction reuses one. */
export type NewUpdateRow = Omit<StoredUpdateRow, 'i'> & { i?: number };

export type UpdatesTable = Table<StoredUpdateRow, number, NewUpdateRow>;
