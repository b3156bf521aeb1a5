// The incidents stored on this computer: list, create, open, close, delete and compact. Open and
// close are plain: an incident is open at most once per library, and sharing an open incident
// between views is IncidentSessions' job (it holds the only count of an incident's lifetime).
import * as Y from 'yjs';
import { compareCatalogEntries, toCatalogEntry, type CatalogEntry } from './catalog';
import { compactDecodedUpdates, compactStoredUpdates, countStoredUpdates, type CompactionResult } from './compaction';
import type { SitrepDatabase } from './database';
import {
  checkIncidentId,
  IncidentAlreadyExistsError,
  IncidentAlreadyOpenError,
  IncidentInUseError,
  IncidentNotFoundError,
  type StorageError,
  toStorageError,
  UnreadableIncidentError,
} from './errors';
import { LoadedIncident } from './loadedIncident';
import { roomRowKey } from './roomCredentials';
import type { IncidentRow, UnreadableReason, UpdatesTable } from './rows';
import type { SaveStateSource } from './saveState';
import type { StorageErrorChannel } from './storageErrors';
import { DamagedDocumentError, type DecodedDocument, decodeStoredDocument, inflateRows, readStoredRows } from './storedDocument';
import type { WriteTracker } from './writeTracker';

export interface IncidentStorageOptions {
  /** At most one catalog write per open incident per this many ms (default 1000). */
  readonly catalogThrottleMs?: number;
  /** Compact on open when more stored update rows than this (default 500). */
  readonly compactOnOpenAbove?: number;
  /** Compact on close when more stored update rows than this (default 1: always merge). */
  readonly compactOnCloseAbove?: number;
  /** Clock for `updatedAt` (UTC epoch ms). */
  readonly now?: () => number;
}

/** An open incident: its document, loaded and migrated, until `close`. */
export interface OpenIncident {
  readonly id: string;
  /** Fully loaded from storage; connect peers to it only now. Destroyed by `close`. */
  readonly doc: Y.Doc;
  readonly closed: boolean;
  /** Resolves when every change made so far is committed to IndexedDB (and the catalog row follows). */
  whenSaved(): Promise<void>;
  /** "Saving…", "saved" (committed to IndexedDB) or "failed", for the save indicator. */
  readonly saveState: SaveStateSource;
  /** Saves, drops the document and compacts its storage. A second call returns the first one's promise. */
  close(): Promise<void>;
}

/** Origin of the schema migration run on open, so undo managers can leave it out. */
export const MIGRATION_ORIGIN = 'sitrep-storage-migration';

interface OpenEntry {
  readonly ready: Promise<LoadedIncident>;
  disposal: Promise<void> | null;
}

export interface IncidentStorageContext {
  readonly db: SitrepDatabase;
  readonly updates: UpdatesTable;
  readonly tracker: WriteTracker;
  readonly errors: StorageErrorChannel;
  readonly ensureOpen: () => void;
}

export class IncidentStorage {
  private readonly db: SitrepDatabase;
  private readonly updates: UpdatesTable;
  /** Incidents opening or open, by id. */
  private readonly opened = new Map<string, OpenEntry>();
  /** The loaded ones among them, for what must be reached synchronously (a failed write). */
  private readonly loaded = new Map<string, LoadedIncident>();
  /** Closes still saving or compacting; an open or delete of the same incident waits for them. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly catalogThrottleMs: number;
  private readonly compactOnOpenAbove: number;
  private readonly compactOnCloseAbove: number;

  constructor(
    private readonly context: IncidentStorageContext,
    options: IncidentStorageOptions = {},
  ) {
    this.db = context.db;
    this.updates = context.updates;
    this.now = options.now ?? Date.now;
    this.catalogThrottleMs = options.catalogThrottleMs ?? 1000;
    this.compactOnOpenAbove = options.compactOnOpenAbove ?? 500;
    this.compactOnCloseAbove = options.compactOnCloseAbove ?? 1;
  }

  /** Active incidents first, then the most recently changed. Unreadable ones are listed too. */
  async list(): Promise<CatalogEntry[]> {
    this.context.ensureOpen();
    const rows = await this.db.incidents.toArray();
    return rows.map(toCatalogEntry).sort(compareCatalogEntries);
  }

  async get(id: string): Promise<CatalogEntry | null> {
    this.context.ensureOpen();
    checkIncidentId(id);
    const row = await this.db.incidents.get(id);
    return row ? toCatalogEntry(row) : null;
  }

  async has(id: string): Promise<boolean> {
    return (await this.get(id)) !== null;
  }

  /**
   * Adds an empty incident under `id` (a new one about to be declared, or one joined from a
   * peer and waiting for its first sync) and opens it.
   */
  async create(id: string): Promise<OpenIncident> {
    this.context.ensureOpen();
    checkIncidentId(id);
    const at = this.now();
    await this.db.transaction('rw', this.db.incidents, async () => {
      if (await this.db.incidents.get(id)) throw new IncidentAlreadyExistsError(id);
      await this.db.incidents.add({ id, title: '', severity: null, phase: null, declaredAt: null, updatedAt: at, createdAt: at });
    });
    return this.open(id);
  }

  /**
   * Opens a stored incident, resolving once its document is loaded and migrated. Rejects with
   * UnreadableIncidentError when the stored data is damaged or from a newer app, and with
   * IncidentAlreadyOpenError when it is open already.
   */
  async open(id: string): Promise<OpenIncident> {
    this.context.ensureOpen();
    checkIncidentId(id);
    if (this.opened.has(id)) throw new IncidentAlreadyOpenError(id);
    const entry: OpenEntry = { ready: this.load(id), disposal: null };
    this.opened.set(id, entry);
    let loaded: LoadedIncident;
    try {
      loaded = await entry.ready;
    } catch (error) {
      if (this.opened.get(id) === entry) this.opened.delete(id);
      throw error;
    }
    return this.handleOn(entry, loaded);
  }

  /** Merges the incident's stored updates into one, atomically. Safe while it is open. */
  async compact(id: string): Promise<CompactionResult> {
    this.context.ensureOpen();
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
    this.context.ensureOpen();
    checkIncidentId(id);
    return countStoredUpdates(this.updates, id);
  }

  /**
   * Takes an incident out of Home's active list on this computer; it stays searchable and can be
   * restored. Only the catalog row changes (the shared document does not), so it is allowed
   * while the incident is open. Archiving an archived incident keeps its first date.
   */
  async archive(id: string): Promise<CatalogEntry> {
    return this.setArchived(id, true);
  }

  /** Puts an archived incident back in Home's list. */
  async restore(id: string): Promise<CatalogEntry> {
    return this.setArchived(id, false);
  }

  private async setArchived(id: string, archived: boolean): Promise<CatalogEntry> {
    this.context.ensureOpen();
    checkIncidentId(id);
    return this.db.transaction('rw', this.db.incidents, async () => {
      const row = await this.db.incidents.get(id);
      if (!row) throw new IncidentNotFoundError(id);
      const archivedAt = archived ? (toCatalogEntry(row).archivedAt ?? this.now()) : undefined;
      await this.db.incidents.update(id, { archivedAt } satisfies Partial<IncidentRow>);
      return toCatalogEntry({ ...row, archivedAt });
    });
  }

  /** Deletes an incident, its document, room, search digest and attached files for good. Returns false when there was none. */
  async delete(id: string): Promise<boolean> {
    this.context.ensureOpen();
    checkIncidentId(id);
    if (this.opened.has(id)) throw new IncidentInUseError(id);
    await this.closing.get(id);
    const tables = [this.db.incidents, this.updates, this.db.settings, this.db.digests, this.db.attachments];
    return this.db.transaction('rw', tables, async () => {
      const existed = (await this.db.incidents.get(id)) !== undefined;
      await this.db.digests.delete(id);
      await this.db.attachments.where('incidentId').equals(id).delete();
      await this.db.settings.delete(roomRowKey(id));
      await this.updates.where('k').equals(id).delete();
      await this.db.incidents.delete(id);
      return existed;
    });
  }

  /** Called when a write of an open incident's updates failed. */
  markUnsaved(error: StorageError): void {
    for (const id of error.incidentIds) this.loaded.get(id)?.markUnsaved(error);
  }

  /** Saves and closes every open incident (for the library's close); open handles become closed. */
  async closeAll(): Promise<void> {
    const disposals = [...this.opened.values()].map(async (entry) => {
      let loaded: LoadedIncident;
      try {
        loaded = await entry.ready;
      } catch {
        return; // Its open already rejected to the caller; nothing is loaded.
      }
      await this.close(entry, loaded);
    });
    const results = await Promise.allSettled([...disposals, ...this.closing.values()]);
    for (const result of results) {
      if (result.status === 'rejected') this.context.errors.emit(toStorageError(result.reason, []));
    }
  }

  private handleOn(entry: OpenEntry, loaded: LoadedIncident): OpenIncident {
    return {
      id: loaded.id,
      doc: loaded.doc,
      get closed() {
        return entry.disposal !== null;
      },
      whenSaved: () => entry.disposal ?? loaded.save(),
      saveState: loaded.saveState,
      close: () => this.close(entry, loaded),
    };
  }

  private close(entry: OpenEntry, loaded: LoadedIncident): Promise<void> {
    if (entry.disposal) return entry.disposal;
    const { id } = loaded;
    if (this.opened.get(id) === entry) this.opened.delete(id);
    const disposal = (async () => {
      try {
        await loaded.dispose();
      } finally {
        if (this.loaded.get(id) === loaded) this.loaded.delete(id);
        await this.compactAfterClose(id);
      }
    })();
    entry.disposal = disposal;
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
      this.context.errors.emit(toStorageError(error, [id]));
    }
  }

  /** Reads the catalog row and the update rows in one transaction, and decodes them once. */
  private async load(id: string): Promise<LoadedIncident> {
    await this.closing.get(id);
    const { row, stored } = await this.db.transaction('r', [this.db.incidents, this.updates], async () => ({
      row: await this.db.incidents.get(id),
      stored: await readStoredRows(this.updates, id),
    }));
    if (!row) throw new IncidentNotFoundError(id);
    // Compacted rows are stored compressed: inflated here, after the read transaction.
    let decoded: DecodedDocument;
    try {
      decoded = decodeStoredDocument(await inflateRows(stored), MIGRATION_ORIGIN);
    } catch (error) {
      if (!(error instanceof DamagedDocumentError)) throw error;
      decoded = { readable: false, reason: 'damaged', detail: error.message, cause: error };
    }
    if (!decoded.readable) {
      await this.markUnreadable(id, decoded.reason, decoded.detail);
      throw new UnreadableIncidentError(id, row.title || null, decoded.reason, decoded.detail, { cause: decoded.cause });
    }
    const { doc } = decoded;
    let compacted = false;
    if (stored.length > this.compactOnOpenAbove) {
      // From the document just decoded, which holds the migration too. A failed compaction
      // leaves the rows as they were: open anyway, just slower next time.
      try {
        const result = await compactDecodedUpdates(
          this.db,
          this.updates,
          id,
          stored.map((row) => row.i),
          Y.encodeStateAsUpdateV2(doc),
        );
        compacted = result.after < result.before;
      } catch (error) {
        this.context.errors.emit(toStorageError(error, [id]));
      }
    }
    const loaded = new LoadedIncident(id, doc, {
      db: this.db,
      updates: this.updates,
      tracker: this.context.tracker,
      catalogThrottleMs: this.catalogThrottleMs,
      now: this.now,
      reportError: (error, incidentIds) => this.context.errors.emit(toStorageError(error, incidentIds)),
    });
    this.loaded.set(id, loaded);
    if (decoded.migration && !compacted) loaded.storeUpdate(decoded.migration);
    try {
      if (row.unreadable) await this.db.incidents.update(id, { unreadable: undefined });
      await loaded.reconcileCatalog(row);
    } catch (error) {
      this.loaded.delete(id);
      await loaded.dispose().catch((disposeError: unknown) => this.context.errors.emit(toStorageError(disposeError, [id])));
      throw error;
    }
    return loaded;
  }

  /** Remembers in the catalog why an incident could not be opened. Its data stays untouched. */
  private async markUnreadable(id: string, reason: UnreadableReason, detail: string): Promise<void> {
    try {
      await this.db.incidents.update(id, { unreadable: { reason, detail, at: this.now() } } satisfies Partial<IncidentRow>);
    } catch (error) {
      this.context.errors.emit(toStorageError(error, [id]));
    }
  }
}
