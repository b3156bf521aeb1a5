// The Dexie database behind the incident library: its tables, row shapes and schema versions.
import { Dexie, type ChromeTransactionDurability, type Table, type Transaction } from 'dexie';
import yDexie from 'y-dexie';
import type { AttachmentRow } from './attachments';
import type { DigestRow, IncidentRow, NewIncidentRow, SettingRow, UpdatesTable } from './rows';
import { digestStoredIncidents } from './searchDigests';

export const DEFAULT_DATABASE_NAME = 'sitrep';

export type SitrepDatabase = Dexie & {
  incidents: Table<IncidentRow, string, NewIncidentRow>;
  settings: Table<SettingRow, string>;
  /** Search digest per incident id (version 2); see searchDigests.ts. */
  digests: Table<DigestRow, string>;
  /** Attached files' bytes, keyed by [incidentId+sha256] (version 3); see attachments.ts. */
  attachments: Table<AttachmentRow, [string, string]>;
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
    upgrade: (transaction) => digestStoredIncidents(transaction, updatesTableName(transaction.db as SitrepDatabase), Date.now()),
  },
  {
    // Attachments: content-addressed per incident, so deleting one incident never takes a file
    // another incident also carries. Nothing to rewrite: no incident had attachments before.
    version: 3,
    stores: {
      incidents: 'id, title, severity, phase, declaredAt, updatedAt, doc: Y.Doc',
      settings: 'key',
      digests: 'id',
      attachments: '[incidentId+sha256], incidentId',
    },
  },
];

export const STORAGE_SCHEMA_VERSION = STORAGE_VERSIONS[STORAGE_VERSIONS.length - 1]!.version;

export interface DatabaseOptions {
  readonly name: string;
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  readonly durability: ChromeTransactionDurability;
}

/**
 * How Sitrep uses y-dexie: only as the addon that declares `doc: Y.Doc` on the incidents table,
 * which names and creates the table of Yjs update rows (`k` = incident id, `u` = a V2 update,
 * `f` = 1 for a local write) and keeps that layout for data stored by earlier versions. Sitrep
 * adds `c` = 'gzip' on compacted rows stored compressed, which y-dexie's own readers (its
 * provider and its GC, neither used) would not understand. The
 * library never loads a document through `DexieYProvider` and never reads the `doc` property:
 * opening reads the rows itself, once (see incidentStorage.ts), so y-dexie's provider reference
 * count, document cache and live observer are never used, and IncidentSessions holds the only
 * count of an incident's lifetime.
 */
export function createDatabase(options: DatabaseOptions): SitrepDatabase {
  // y-dexie's periodic GC compresses every document of the database in one chain, and one
  // damaged document stops the chain for all the others. The library compacts each incident
  // on its own instead (see compaction.ts), so the periodic GC is turned off.
  const addon = yDexie({ gc: false });
  if (typeof addon !== 'function') throw new Error('y-dexie did not return a configured addon');
  const db = new Dexie(options.name, {
    addons: [addon],
    // Dexie 4.4's liveQuery cache pushes null into its optimistic-update list when an add to an
    // auto-incremented table fails (as document update writes do when the disk is full), and
    // then throws on every later write to that table. Nothing here uses liveQuery, so the
    // cache is turned off.
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

/** The table where y-dexie keeps the Yjs updates of every incident document (row `k` = incident id). */
export function updatesTableName(db: SitrepDatabase): string {
  const name = db.incidents.schema.yProps?.find((prop) => prop.prop === 'doc')?.updatesTable;
  if (!name) throw new Error('The incidents table declares no Y.Doc property named "doc"');
  return name;
}

export function updatesTable(db: SitrepDatabase): UpdatesTable {
  return db.table(updatesTableName(db));
}
