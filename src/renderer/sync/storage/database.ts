// The Dexie database behind the incident library: its tables, row shapes and schema versions.
import { Dexie, type ChromeTransactionDurability, type Table, type Transaction } from 'dexie';
import yDexie, { type YUpdateRow } from 'y-dexie';
import type * as Y from 'yjs';
import type { Phase, Severity } from '@core/model';
import { digestStoredIncidents, type DigestRow } from './searchDigests';

export const DEFAULT_DATABASE_NAME = 'sitrep';

export type UnreadableReason = 'damaged' | 'newer-version';

/** Why an incident could not be opened the last time it was tried; kept so the library can show it. */
export interface UnreadableMark {
  readonly reason: UnreadableReason;
  readonly detail: string;
  readonly at: number;
}

/** One incident in the catalog. `doc` is y-dexie's Y.Doc property: stored as updates in its own table. */
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
  readonly doc: Y.Doc;
}

export type NewIncidentRow = Omit<IncidentRow, 'doc'>;

/** Key-value rows: the local profile and the app settings. Values are validated when read. */
export interface SettingRow {
  key: string;
  value: unknown;
}

export type SitrepDatabase = Dexie & {
  incidents: Table<IncidentRow, string, NewIncidentRow>;
  settings: Table<SettingRow, string>;
  /** Search digest per incident id (version 2); see searchDigests.ts. */
  digests: Table<DigestRow, string>;
};

interface StorageVersion {
  readonly version: number;
  readonly stores: Record<string, string>;
  readonly upgrade?: (transaction: Transaction) => Promise<void> | void;
}

/**
 * Every schema the library has had, oldest first. A change appends a version here (repeating
 * `doc: Y.Doc` on the incidents table, which tells y-dexie where the document lives) and, when
 * rows must be rewritten, an `upgrade`. Versions are never edited once released.
 */
const STORAGE_VERSIONS: readonly StorageVersion[] = [
  {
    version: 1,
    stores: {
      incidents: 'id, title, severity, phase, declaredAt, updatedAt, doc: Y.Doc',
      settings: 'key',
    },
  },
  {
    // Search digests live in their own table so that listing the catalog stays light.
    version: 2,
    stores: {
      incidents: 'id, title, severity, phase, declaredAt, updatedAt, doc: Y.Doc',
      settings: 'key',
      digests: 'id',
    },
    upgrade: (transaction) =>
      digestStoredIncidents(transaction, updatesTableName(transaction.db as SitrepDatabase), Date.now()),
  },
];

export const STORAGE_SCHEMA_VERSION = STORAGE_VERSIONS[STORAGE_VERSIONS.length - 1]!.version;

export interface DatabaseOptions {
  readonly name: string;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  readonly durability: ChromeTransactionDurability;
}

export function createDatabase(options: DatabaseOptions): SitrepDatabase {
  // y-dexie's periodic GC compresses every document of the database in one chain, and one
  // damaged document stops the chain for all the others. The library compacts each incident
  // on its own instead (see compaction.ts), so the periodic GC is turned off.
  const addon = yDexie({ gc: false });
  if (typeof addon !== 'function') throw new Error('y-dexie did not return a configured addon');
  if (options.indexedDB) useForLiveQueries(options.indexedDB, options.IDBKeyRange);
  const db = new Dexie(options.name, {
    addons: [addon],
    // Dexie 4.4's liveQuery cache pushes null into its optimistic-update list when an add to an
    // auto-incremented table fails (as y-dexie's update writes do when the disk is full), and
    // then throws on every later write to that table. Only y-dexie's observer uses liveQuery
    // here, and it reads just the rows it has not seen yet, so the cache is turned off.
    cache: 'disabled',
    chromeTransactionDurability: options.durability,
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as SitrepDatabase;
  for (const { version, stores, upgrade } of STORAGE_VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
  return db;
}

/**
 * y-dexie loads documents through Dexie's liveQuery, which stays silent when Dexie found no
 * global `indexedDB` (Node under vitest). An injected factory is then registered as Dexie's
 * global dependency; a real global (Chromium) is never replaced.
 */
function useForLiveQueries(factory: IDBFactory, keyRange: typeof IDBKeyRange | undefined): void {
  const dependencies = Dexie.dependencies as { indexedDB: IDBFactory | null; IDBKeyRange: typeof IDBKeyRange | null };
  if (dependencies.indexedDB) return;
  dependencies.indexedDB = factory;
  if (keyRange && !dependencies.IDBKeyRange) dependencies.IDBKeyRange = keyRange;
}

/** The table where y-dexie keeps the Yjs updates of every incident document (row `k` = incident id). */
export function updatesTableName(db: SitrepDatabase): string {
  const name = db.incidents.schema.yProps?.find((prop) => prop.prop === 'doc')?.updatesTable;
  if (!name) throw new Error('The incidents table declares no Y.Doc property named "doc"');
  return name;
}

/** A row as written: the id is auto-incremented unless compaction reuses one. */
export type NewUpdateRow = Omit<YUpdateRow, 'i'> & { i?: number };

export type UpdatesTable = Table<YUpdateRow, number, NewUpdateRow>;

export function updatesTable(db: SitrepDatabase): UpdatesTable {
  return db.table(updatesTableName(db));
}
