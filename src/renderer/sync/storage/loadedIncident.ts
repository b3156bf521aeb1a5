// One open incident document and its persistence: every change is written as an update row,
// the catalog row and search digest follow the document, and the whole document is saved
// again when a write of its updates was lost.
import { Dexie } from 'dexie';
import * as Y from 'yjs';
import { catalogFieldsOf, sameCatalogFields, type CatalogFields } from './catalog';
import type { SitrepDatabase } from './database';
import type { UpdatesTable } from './rows';
import { type StorageError, toStorageError } from './errors';
import { SaveStateTracker } from './saveState';
import type { WriteTracker } from './writeTracker';
import { digestOfOpenDocument } from '@core/incidentDigest';
import { digestRowOf, lastStoredRow } from './searchDigests';

/**
 * How often an open incident rewrites its search digest while it changes. The digest reads the
 * whole timeline, so not on every change; what the last interval adds before a window closes is
 * rebuilt from the stored rows when Home next lists the digests (searchDigests.ts).
 */
export const DIGEST_INTERVAL_MS = 30_000;

export interface LoadedIncidentContext {
  readonly db: SitrepDatabase;
  readonly updates: UpdatesTable;
  readonly tracker: WriteTracker;
  readonly catalogThrottleMs: number;
  readonly now: () => number;
  /** For failures of background work (the throttled catalog write), which has no caller to throw to. */
  readonly reportError: (error: unknown, incidentIds: readonly string[]) => void;
}

export class LoadedIncident {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private catalogDirty = false;
  /** The search digest is rewritten on save, not on every throttled catalog write: it reads the whole timeline. */
  private digestDirty = false;
  private lastDigestAt: number | null = null;
  private lastChangeAt = 0;
  private flushing: Promise<void> = Promise.resolve();
  /** Set when a write of this document's updates failed: the stored copy misses something. */
  private unsaved: StorageError | null = null;
  private released = false;
  /**
   * What the "All changes saved" indicator shows: document writes only, not the catalog row.
   * A failure report arrives inside Dexie's zone of the failed transaction; the check it starts
   * must not inherit that dead transaction, so it runs outside any.
   */
  readonly saveState = new SaveStateTracker({ commit: () => Dexie.ignoreTransaction(() => this.documentSaved()) });

  /** Starts writing every change of `doc` (already loaded from storage) to storage. */
  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private readonly context: LoadedIncidentContext,
  ) {
    doc.on('updateV2', this.onDocumentUpdate);
  }

  /** Stores a change made before this took over the document (the schema migration on open). */
  storeUpdate(update: Uint8Array): void {
    this.onDocumentUpdate(update);
  }

  /** Called by the library when a write carrying this document's updates failed. */
  markUnsaved(error: StorageError): void {
    this.unsaved = error;
    this.saveState.failed(error);
  }

  /** Brings the catalog row up to date after a load (a crash may have lost the last throttled write). */
  async reconcileCatalog(row: CatalogFields): Promise<void> {
    const fields = catalogFieldsOf(this.doc);
    if (!sameCatalogFields(row, fields)) await this.context.db.incidents.update(this.id, { ...fields });
    // An incident stored before digests existed, or one whose last save was cut short.
    this.digestDirty = (await this.context.db.digests.get(this.id)) === undefined;
  }

  /** Resolves when every change made so far is committed to IndexedDB, catalog row included. */
  async save(): Promise<void> {
    await this.flush();
    await this.writeDigest();
    await this.documentSaved();
  }

  /** Resolves when every document change made so far is committed; the catalog row may lag. */
  async documentSaved(): Promise<void> {
    await this.context.tracker.settled();
    if (this.unsaved) {
      await this.resave();
      await this.context.tracker.settled();
    }
    if (this.unsaved) throw this.unsaved;
  }

  /** Saves, then destroys the document. Rejects if the last changes could not be saved. */
  async dispose(): Promise<void> {
    try {
      await this.save();
    } finally {
      this.released = true;
      this.saveState.stop();
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.doc.off('updateV2', this.onDocumentUpdate);
      this.doc.destroy();
    }
  }

  private readonly onDocumentUpdate = (update: Uint8Array): void => {
    if (this.released) return;
    // Each change is its own write transaction, started now (outside any transaction whose
    // callback made the change), so that whenSaved, which waits for the transactions started
    // before it, covers it. The tracker reports a failure once, however many layers see it.
    Dexie.ignoreTransaction(() => this.context.updates.add({ k: this.id, u: update, f: 1 })).catch((error: unknown) =>
      this.context.tracker.report(error, [this.id]),
    );
    this.saveState.changed();
    this.catalogDirty = true;
    this.digestDirty = true;
    this.lastChangeAt = this.context.now();
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) => this.context.reportError(error, [this.id]));
    }, this.context.catalogThrottleMs);
  };

  /** Writes the pending catalog change and retries a lost document write; one flush at a time. */
  private flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const run = async (): Promise<void> => {
      if (this.catalogDirty) await this.writeCatalog();
      if (this.unsaved) await this.resave();
      if (this.digestDirty && (this.lastDigestAt === null || this.context.now() - this.lastDigestAt >= DIGEST_INTERVAL_MS)) {
        await this.writeDigest();
      }
    };
    this.flushing = this.flushing.then(run, run);
    return this.flushing;
  }

  private async writeCatalog(): Promise<void> {
    this.catalogDirty = false;
    try {
      await this.context.db.incidents.update(this.id, { ...catalogFieldsOf(this.doc), updatedAt: this.lastChangeAt });
    } catch (error) {
      this.catalogDirty = true;
      throw error;
    }
  }

  private async writeDigest(): Promise<void> {
    if (!this.digestDirty) return;
    this.digestDirty = false;
    this.lastDigestAt = this.context.now();
    try {
      // Read before the digest is taken: every row up to it is in the document by then.
      const through = await lastStoredRow(this.context.updates, this.id);
      const digest = digestOfOpenDocument(this.doc);
      if (digest) await this.context.db.digests.put(digestRowOf(this.id, digest, this.context.now(), through ?? undefined));
    } catch (error) {
      this.digestDirty = true;
      throw error;
    }
  }

  /** Stores the whole document as one update, covering whatever earlier failed writes missed. */
  private async resave(): Promise<void> {
    this.unsaved = null;
    try {
      await this.context.updates.add({ k: this.id, u: Y.encodeStateAsUpdateV2(this.doc), f: 1 });
    } catch (error) {
      // The tracker has usually marked it already, with the same error.
      this.unsaved ??= toStorageError(error, [this.id]);
      throw this.unsaved;
    }
  }
}
