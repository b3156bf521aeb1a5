// The incident library: every incident stored on this computer, each one Y.Doc persisted by
// y-dexie, plus the local profile and app settings.
import type { ChromeTransactionDurability } from 'dexie';
import { DexieYProvider } from 'y-dexie';
import type * as Y from 'yjs';
import { migrateDocument, readSchemaVersion, SchemaVersionError } from '@core/schema';
import { compareCatalogEntries, toCatalogEntry, type CatalogEntry } from './catalog';
import { compactStoredUpdates, countStoredUpdates, type CompactionResult } from './compaction';
import {
  createDatabase,
  DEFAULT_DATABASE_NAME,
  updatesTable,
  updatesTableName,
  type IncidentRow,
  type SitrepDatabase,
  type UnreadableReason,
  type UpdatesTable,
} from './database';
import {
  IncidentAlreadyExistsError,
  IncidentInUseError,
  IncidentNotFoundError,
  InvalidIncidentIdError,
  LibraryClosedError,
  newerVersionDetail,
  StorageError,
  toStorageError,
  UnreadableIncidentError,
} from './errors';
import { LoadedIncident } from './loadedIncident';
import {
  checkDisplayName,
  checkSetting,
  DEFAULT_SETTINGS,
  newProfileId,
  PROFILE_KEY,
  SETTING_KEYS,
  settingRowKey,
  storedProfile,
  storedSetting,
  type AppSettings,
  type Profile,
  type SettingKey,
} from './preferences';
import { DamagedDocumentError, inspectStoredDocument, readUpdateRows } from './storedDocument';
import { toIncidentDigest } from './searchDigests';
import type { IncidentDigest } from '@core/incidentDigest';
import type { SaveStateSource } from './saveState';
import { WriteTracker } from './writeTracker';
import { checkStoredRoom, incidentIdOfRoomRow, ROOM_ROW_PREFIX, roomRowKey, storedRoom, type StoredRoom } from './roomCredentials';

export interface LibraryOptions {
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
  /** At most one catalog write per open incident per this many ms (default 1000). */
  readonly catalogThrottleMs?: number;
  /** Compact on open when more stored update rows than this (default 500). */
  readonly compactOnOpenAbove?: number;
  /** Compact on the last close when more stored update rows than this (default 1: always merge). */
  readonly compactOnCloseAbove?: number;
  /** Clock for `updatedAt` (UTC epoch ms). */
  readonly now?: () => number;
}

/** A handle on an open incident. Handles on the same incident share one Y.Doc. */
export interface OpenIncident {
  readonly id: string;
  /** Fully loaded from storage; connect peers to it only now. Destroyed after the last close. */
  readonly doc: Y.Doc;
  readonly closed: boolean;
  /** Resolves when every change made so far is committed to IndexedDB (and the catalog row follows). */
  whenSaved(): Promise<void>;
  /** "Saving…", "saved" (committed to IndexedDB) or "failed", for the save indicator. */
  readonly saveState: SaveStateSource;
  /** Releases this handle; the last one saves, drops the document and compacts its storage. */
  close(): Promise<void>;
}

export type StorageErrorListener = (error: StorageError) => void;

/** Origin of the schema migration run after load, so undo managers can leave it out. */
export const MIGRATION_ORIGIN = 'sitrep-storage-migration';

const MAX_ID_LENGTH = 256;

function checkIncidentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH || /\p{Cc}/u.test(id)) {
    throw new InvalidIncidentIdError(id);
  }
}

interface Slot {
  refs: number;
  readonly ready: Promise<LoadedIncident>;
  disposal: Promise<void> | null;
}

class StorageErrorChannel {
  private readonly listeners = new Set<StorageErrorListener>();

  subscribe(listener: StorageErrorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(error: StorageError): void {
    if (this.listeners.size === 0) {
      // Nobody is listening yet (early in startup): the console is the last place it can show.
      console.error(error);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(error);
      } catch (listenerError) {
        queueMicrotask(() => {
          throw listenerError;
        });
      }
    }
  }
}

export async function openLibrary(options: LibraryOptions = {}): Promise<IncidentLibrary> {
  const name = options.name ?? DEFAULT_DATABASE_NAME;
  const db = createDatabase({
    name,
    durability: options.durability ?? 'strict',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  });
  const channel = new StorageErrorChannel();
  let library: IncidentLibrary | null = null;
  const tracker = new WriteTracker(updatesTableName(db), (failure) => {
    const error = toStorageError(failure.error, failure.incidentIds);
    library?.markUnsaved(error);
    channel.emit(error);
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
  library = new IncidentLibrary(db, tracker, channel, options);
  return library;
}

export class IncidentLibrary {
  private readonly updates: UpdatesTable;
  private readonly slots = new Map<string, Slot>();
  private readonly loaded = new Map<string, LoadedIncident>();
  /** Last closes still saving or compacting; an open of the same incident waits for them. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly catalogThrottleMs: number;
  private readonly compactOnOpenAbove: number;
  private readonly compactOnCloseAbove: number;
  private isClosed = false;

  /** Use `openLibrary`. */
  constructor(
    private readonly db: SitrepDatabase,
    private readonly tracker: WriteTracker,
    private readonly channel: StorageErrorChannel,
    options: LibraryOptions,
  ) {
    this.updates = updatesTable(db);
    this.now = options.now ?? Date.now;
    this.catalogThrottleMs = options.catalogThrottleMs ?? 1000;
    this.compactOnOpenAbove = options.compactOnOpenAbove ?? 500;
    this.compactOnCloseAbove = options.compactOnCloseAbove ?? 1;
  }

  get name(): string {
    return this.db.name;
  }

  /** Subscribes to failed writes (disk full, quota, I/O). Returns the unsubscribe function. */
  onStorageError(listener: StorageErrorListener): () => void {
    return this.channel.subscribe(listener);
  }

  /** Active incidents first, then the most recently changed. Unreadable ones are listed too. */
  async listIncidents(): Promise<CatalogEntry[]> {
    this.assertOpen();
    const rows = await this.db.incidents.toArray();
    return rows.map(toCatalogEntry).sort(compareCatalogEntries);
  }

  /**
   * The search digest of every stored incident that has one (declared, and readable when it was
   * last saved). Kept in step on every save and close, so search never opens a document.
   */
  async listSearchDigests(): Promise<IncidentDigest[]> {
    this.assertOpen();
    const rows = await this.db.digests.toArray();
    return rows.map(toIncidentDigest).filter((digest): digest is IncidentDigest => digest !== null);
  }

  async getIncident(id: string): Promise<CatalogEntry | null> {
    this.assertOpen();
    checkIncidentId(id);
    const row = await this.db.incidents.get(id);
    return row ? toCatalogEntry(row) : null;
  }

  async hasIncident(id: string): Promise<boolean> {
    return (await this.getIncident(id)) !== null;
  }

  /**
   * Adds an empty incident under `id` (a new one about to be declared, or one joined from a
   * peer and waiting for its first sync) and opens it.
   */
  async createIncident(id: string): Promise<OpenIncident> {
    this.assertOpen();
    checkIncidentId(id);
    const at = this.now();
    await this.db.transaction('rw', this.db.incidents, async () => {
      if (await this.db.incidents.get(id)) throw new IncidentAlreadyExistsError(id);
      await this.db.incidents.add({ id, title: '', severity: null, phase: null, declaredAt: null, updatedAt: at, createdAt: at });
    });
    return this.openIncident(id);
  }

  /**
   * Opens a stored incident, resolving once its document is fully loaded and migrated.
   * Rejects with UnreadableIncidentError when the stored data is damaged or from a newer app.
   */
  async openIncident(id: string): Promise<OpenIncident> {
    this.assertOpen();
    checkIncidentId(id);
    let slot = this.slots.get(id);
    if (!slot) {
      const created: Slot = { refs: 0, ready: this.load(id), disposal: null };
      this.slots.set(id, created);
      created.ready.catch(() => {
        if (this.slots.get(id) === created) this.slots.delete(id);
      });
      slot = created;
    }
    slot.refs += 1;
    let loaded: LoadedIncident;
    try {
      loaded = await slot.ready;
    } catch (error) {
      slot.refs -= 1;
      throw error;
    }
    return this.handleOn(slot, loaded);
  }

  /** Merges the incident's stored updates into one, atomically. Safe while it is open. */
  async compactIncident(id: string): Promise<CompactionResult> {
    this.assertOpen();
    checkIncidentId(id);
    try {
      return await compactStoredUpdates(this.db, this.updates, id);
    } catch (error) {
      if (!(error instanceof DamagedDocumentError)) throw error;
      const row = await this.db.incidents.get(id);
      await this.markUnreadable(id, 'damaged', error.message);
      throw new UnreadableIncidentError(id, row?.title || null, 'damaged', error.message, { cause: error });
    }
  }

  /** How many update rows the incident has in storage (1 after compaction). */
  async storedUpdateCount(id: string): Promise<number> {
    this.assertOpen();
    checkIncidentId(id);
    return countStoredUpdates(this.updates, id);
  }

  /** Deletes an incident and its document for good. Returns false when there was none. */
  async deleteIncident(id: string): Promise<boolean> {
    this.assertOpen();
    checkIncidentId(id);
    if (this.slots.has(id)) throw new IncidentInUseError(id);
    await this.closing.get(id);
    return this.db.transaction('rw', [this.db.incidents, this.updates, this.db.settings, this.db.digests], async () => {
      const existed = (await this.db.incidents.get(id)) !== undefined;
      await this.db.digests.delete(id);
      await this.db.settings.delete(roomRowKey(id));
      await this.updates.where('k').equals(id).delete();
      await this.db.incidents.delete(id);
      return existed;
    });
  }

  async getProfile(): Promise<Profile | null> {
    this.assertOpen();
    const row = await this.db.settings.get(PROFILE_KEY);
    return storedProfile(row?.value);
  }

  /** Saves the display name (trimmed, 1 to 60 characters); the profile id is made once and kept. */
  async saveProfile(displayName: string): Promise<Profile> {
    this.assertOpen();
    const name = checkDisplayName(displayName);
    return this.db.transaction('rw', this.db.settings, async () => {
      const row = await this.db.settings.get(PROFILE_KEY);
      const stored = row?.value as { id?: unknown } | undefined;
      const id = typeof stored?.id === 'string' && stored.id !== '' ? stored.id : newProfileId();
      const profile: Profile = Object.freeze({ id, displayName: name });
      await this.db.settings.put({ key: PROFILE_KEY, value: { id, displayName: name } });
      return profile;
    });
  }

  async getSetting<K extends SettingKey>(key: K): Promise<AppSettings[K]> {
    this.assertOpen();
    checkSetting(key, DEFAULT_SETTINGS[key]);
    const row = await this.db.settings.get(settingRowKey(key));
    return row ? storedSetting(key, row.value) : DEFAULT_SETTINGS[key];
  }

  async getSettings(): Promise<AppSettings> {
    this.assertOpen();
    const rows = await this.db.settings.bulkGet(SETTING_KEYS.map(settingRowKey));
    const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    SETTING_KEYS.forEach((key, index) => {
      const row = rows[index];
      if (row) settings[key] = storedSetting(key, row.value);
    });
    return Object.freeze(settings as unknown as AppSettings);
  }

  async setSetting<K extends SettingKey>(key: K, value: AppSettings[K]): Promise<void> {
    this.assertOpen();
    const checked = checkSetting(key, value);
    await this.db.settings.put({ key: settingRowKey(key), value: checked });
  }

  /** The peer-to-peer room this incident syncs through, or null when it has none. */
  async getRoom(incidentId: string): Promise<StoredRoom | null> {
    this.assertOpen();
    checkIncidentId(incidentId);
    const row = await this.db.settings.get(roomRowKey(incidentId));
    return storedRoom(row?.value);
  }

  async saveRoom(incidentId: string, room: StoredRoom): Promise<void> {
    this.assertOpen();
    checkIncidentId(incidentId);
    const checked = checkStoredRoom(room);
    await this.db.settings.put({ key: roomRowKey(incidentId), value: { ...checked, signaling: [...checked.signaling] } });
  }

  /** The local incident already joined to this room, so joining twice reopens it. */
  async findIncidentByRoom(roomId: string): Promise<string | null> {
    this.assertOpen();
    const rows = await this.db.settings.where('key').startsWith(ROOM_ROW_PREFIX).toArray();
    for (const row of rows) {
      const room = storedRoom(row.value);
      const incidentId = incidentIdOfRoomRow(row.key);
      if (room?.roomId === roomId && incidentId && (await this.db.incidents.get(incidentId))) return incidentId;
    }
    return null;
  }

  /** Saves and closes every open incident, then the database. Open handles become closed. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    const disposals = [...this.slots.values()].map(async (slot) => {
      let loaded: LoadedIncident;
      try {
        loaded = await slot.ready;
      } catch {
        return; // Its open already rejected to the caller; nothing is loaded.
      }
      slot.refs = 0;
      await this.dispose(slot, loaded);
    });
    const results = await Promise.allSettled([...disposals, ...this.closing.values()]);
    for (const result of results) {
      if (result.status === 'rejected') this.channel.emit(toStorageError(result.reason, []));
    }
    this.db.close();
  }

  /** Called when a write of an open incident's updates failed. */
  markUnsaved(error: StorageError): void {
    for (const id of error.incidentIds) this.loaded.get(id)?.markUnsaved(error);
  }

  private assertOpen(): void {
    if (this.isClosed) throw new LibraryClosedError();
  }

  private handleOn(slot: Slot, loaded: LoadedIncident): OpenIncident {
    let closing: Promise<void> | null = null;
    return {
      id: loaded.id,
      doc: loaded.doc,
      get closed() {
        return closing !== null || slot.disposal !== null;
      },
      whenSaved: () => slot.disposal ?? loaded.save(),
      saveState: loaded.saveState,
      close: () => {
        closing ??= this.release(slot, loaded);
        return closing;
      },
    };
  }

  private release(slot: Slot, loaded: LoadedIncident): Promise<void> {
    if (slot.disposal) return slot.disposal;
    slot.refs -= 1;
    if (slot.refs > 0) return Promise.resolve();
    return this.dispose(slot, loaded);
  }

  private dispose(slot: Slot, loaded: LoadedIncident): Promise<void> {
    if (slot.disposal) return slot.disposal;
    const { id } = loaded;
    if (this.slots.get(id) === slot) this.slots.delete(id);
    const disposal = (async () => {
      try {
        await loaded.dispose();
      } finally {
        if (this.loaded.get(id) === loaded) this.loaded.delete(id);
        await this.compactAfterClose(id);
      }
    })();
    slot.disposal = disposal;
    const settled = disposal.then(
      () => undefined,
      () => undefined,
    );
    this.closing.set(id, settled);
    void settled.then(() => {
      if (this.closing.get(id) === settled) this.closing.delete(id);
    });
    return disposal;
  }

  private async compactAfterClose(id: string): Promise<void> {
    try {
      if ((await countStoredUpdates(this.updates, id)) > this.compactOnCloseAbove) {
        await compactStoredUpdates(this.db, this.updates, id);
      }
    } catch (error) {
      // Nobody awaits this part of a close for its result; the stored rows are intact either way.
      this.channel.emit(toStorageError(error, [id]));
    }
  }

  private async load(id: string): Promise<LoadedIncident> {
    await this.closing.get(id);
    const row = await this.db.incidents.get(id);
    if (!row) throw new IncidentNotFoundError(id);
    const rows = await readUpdateRows(this.updates, id);
    const check = inspectStoredDocument(rows);
    if (!check.readable) {
      await this.markUnreadable(id, check.reason, check.detail);
      throw new UnreadableIncidentError(id, row.title || null, check.reason, check.detail, { cause: check.cause });
    }
    if (rows.length > this.compactOnOpenAbove) {
      // A failed compaction leaves the rows as they were: open anyway, just slower.
      await compactStoredUpdates(this.db, this.updates, id).catch((error: unknown) =>
        this.channel.emit(toStorageError(error, [id])),
      );
    }
    const doc = row.doc;
    const provider = DexieYProvider.load(doc);
    try {
      await provider.whenLoaded;
      migrateDocument(doc, MIGRATION_ORIGIN);
    } catch (error) {
      DexieYProvider.release(doc);
      if (error instanceof SchemaVersionError) {
        const detail = newerVersionDetail(readSchemaVersion(doc));
        await this.markUnreadable(id, 'newer-version', detail);
        throw new UnreadableIncidentError(id, row.title || null, 'newer-version', detail, { cause: error });
      }
      throw error;
    }
    const loaded = new LoadedIncident(id, doc, provider, {
      db: this.db,
      updates: this.updates,
      tracker: this.tracker,
      catalogThrottleMs: this.catalogThrottleMs,
      now: this.now,
      reportError: (error, incidentIds) => this.channel.emit(toStorageError(error, incidentIds)),
    });
    this.loaded.set(id, loaded);
    try {
      if (row.unreadable) await this.db.incidents.update(id, { unreadable: undefined });
      await loaded.reconcileCatalog(row);
    } catch (error) {
      this.loaded.delete(id);
      await loaded.dispose().catch(() => undefined);
      throw error;
    }
    return loaded;
  }

  /** Remembers in the catalog why an incident could not be opened. Its data stays untouched. */
  private async markUnreadable(id: string, reason: UnreadableReason, detail: string): Promise<void> {
    try {
      await this.db.incidents.update(id, { unreadable: { reason, detail, at: this.now() } } satisfies Partial<IncidentRow>);
    } catch (error) {
      this.channel.emit(toStorageError(error, [id]));
    }
  }
}
