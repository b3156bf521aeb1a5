// The incident library: the local database opened once at start-up, and the four stores built
// on it. It holds no logic of its own: each store is one concern (incidentStorage.ts,
// preferences.ts, roomCredentials.ts, searchDigests.ts).
import type { ChromeTransactionDurability } from 'dexie';
import { AttachmentStore } from './attachments';
import { createDatabase, DEFAULT_DATABASE_NAME, updatesTable, updatesTableName } from './database';
import { LibraryClosedError, StorageError, toStorageError } from './errors';
import { IncidentStorage, type IncidentStorageOptions } from './incidentStorage';
import { RelaySettings } from './networkSettings';
import { Preferences } from './preferences';
import { ReadModels } from './readModels';
import { RoomCredentials, type SecretSealer } from './roomCredentials';
import { SearchDigests } from './searchDigests';
import { StorageErrorChannel, type StorageErrorListener } from './storageErrors';
import { WriteTracker } from './writeTracker';

export interface LibraryOptions extends IncidentStorageOptions {
  /** IndexedDB database name; tests give each case its own. */
  readonly name?: string;
  /** An IndexedDB implementation to use instead of the global one (fake-indexeddb in Node). */
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
  /**
   * Chromium transaction durability. 'strict' (the default) flushes each commit to disk, so a
   * power cut does not take the last minutes of an incident's record with it.
   */
  readonly durability?: ChromeTransactionDurability;
  /** Seals room secrets at rest (the desktop app's safeStorage); without it they are stored plain. */
  readonly secrets?: SecretSealer;
}

export interface IncidentLibrary {
  /** The IndexedDB database name. */
  readonly name: string;
  readonly incidents: IncidentStorage;
  readonly preferences: Preferences;
  readonly roomCredentials: RoomCredentials;
  /** The team's TURN relay (its secret sealed like room secrets) and the relay credentials join codes brought. */
  readonly relay: RelaySettings;
  readonly searchDigests: SearchDigests;
  /** Attached files' bytes, per incident, by SHA-256. */
  readonly attachments: AttachmentStore;
  /** What each incident's room showed when it closed, shown at once on the next open (readModels.ts). */
  readonly readModels: ReadModels;
  /** Subscribes to failed writes (disk full, quota, I/O). Returns the unsubscribe function. */
  onStorageError(listener: StorageErrorListener): () => void;
  /** Saves and closes every open incident, then the database. Open handles become closed. */
  close(): Promise<void>;
}

export async function openLibrary(options: LibraryOptions = {}): Promise<IncidentLibrary> {
  const name = options.name ?? DEFAULT_DATABASE_NAME;
  const db = createDatabase({
    name,
    durability: options.durability ?? 'strict',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  });
  const errors = new StorageErrorChannel();
  let incidents: IncidentStorage | null = null;
  const tracker = new WriteTracker(updatesTableName(db), (failure) => {
    const error = toStorageError(failure.error, failure.incidentIds);
    incidents?.markUnsaved(error);
    errors.emit(error);
  });
  db.use(tracker.middleware());
  try {
    await db.open();
  } catch (error) {
    db.close();
    throw new StorageError(
      'open-failed',
      `Sitrep could not open its local database "${name}" (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}). ` +
        'If a newer version of Sitrep ran on this computer, update this one.',
      [],
      { cause: error },
    );
  }
  let closing: Promise<void> | null = null;
  const ensureOpen = (): void => {
    if (closing) throw new LibraryClosedError();
  };
  incidents = new IncidentStorage({ db, updates: updatesTable(db), tracker, errors, ensureOpen }, options);
  const storage = incidents;
  const readModels = new ReadModels(name, updatesTable(db), {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  });
  return {
    name,
    incidents: storage,
    preferences: new Preferences(db, ensureOpen),
    roomCredentials: new RoomCredentials(db, ensureOpen, options.secrets),
    relay: new RelaySettings(db, ensureOpen, options.secrets),
    searchDigests: new SearchDigests({ digests: db.digests, incidents: db.incidents, updates: updatesTable(db) }, ensureOpen),
    attachments: new AttachmentStore(db, ensureOpen),
    readModels,
    onStorageError: (listener) => errors.subscribe(listener),
    close: () => {
      closing ??= storage.closeAll().finally(() => {
        readModels.close();
        db.close();
      });
      return closing;
    },
  };
}
