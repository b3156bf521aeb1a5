// The saved read model of each incident (core/readModel.ts): what the room shows, stored when the
// incident closes, with the id of the last stored update row it covers. Opening shows it at once
// when no row was stored after it (`through` is still the last row); otherwise it is stale and
// the document, which is the truth, is loaded first.
//
// It lives in a small database of its own rather than in the library's: a read model is large
// (megabytes for a long SEV1) and only ever read whole, by id, on open; a table of the library
// would need a schema version of the library database (helper-owned storage write path), and
// the digest row is read in bulk by Home's search, which must not drag every read model along.
import { Dexie, type Table } from 'dexie';
import { decodeReadModel, encodeReadModel, type IncidentReadModel } from '@core/readModel';
import type { UpdatesTable } from './rows';
import { lastStoredRow } from './searchDigests';

interface ReadModelRow {
  readonly id: string;
  /** The last stored update row the model covers. */
  readonly through: number;
  /** The model as JSON (encodeReadModel). */
  readonly model: string;
  readonly savedAt: number;
}

export interface ReadModelOptions {
  readonly indexedDB?: IDBFactory;
  readonly IDBKeyRange?: typeof IDBKeyRange;
}

/** A model that may be shown on open; `fresh` is false when rows were stored after it. */
export type LoadedReadModel =
  | { readonly fresh: true; readonly model: IncidentReadModel }
  | { readonly fresh: false; readonly reason: string };

export class ReadModels {
  private readonly db: Dexie & { models: Table<ReadModelRow, string> };

  constructor(
    libraryName: string,
    private readonly updates: UpdatesTable,
    options: ReadModelOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.db = new Dexie(`${libraryName}-read-models`, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    }) as Dexie & { models: Table<ReadModelRow, string> };
    this.db.version(1).stores({ models: 'id' });
  }

  /**
   * The incident's model when it covers every stored row; otherwise why not (missing, stale,
   * damaged, or shorter than `minChars`: not worth showing ahead of the document).
   */
  async load(incidentId: string, minChars = 0): Promise<LoadedReadModel> {
    const [row, last] = await Promise.all([this.db.models.get(incidentId), lastStoredRow(this.updates, incidentId)]);
    if (!row) return { fresh: false, reason: 'none saved' };
    if (typeof row.model === 'string' && row.model.length < minChars) return { fresh: false, reason: 'small' };
    if (last === null || row.through !== last) return { fresh: false, reason: `stale (covers row ${row.through}, last is ${last})` };
    const model = decodeReadModel(row.model, incidentId);
    return model ? { fresh: true, model } : { fresh: false, reason: 'damaged or from another version' };
  }

  /** Saves the model of a closed incident: it covers every row stored now, compacted ones included. */
  async saveClosed(incidentId: string, model: IncidentReadModel): Promise<void> {
    const text = encodeReadModel(model);
    const through = await lastStoredRow(this.updates, incidentId);
    if (through !== null) await this.db.models.put({ id: incidentId, through, model: text, savedAt: this.now() });
  }

  /**
   * Saves the model of an open incident, taken by `take` right after the last stored row is read:
   * every row stored by then is in the document the model is taken from. A change made before
   * and stored after has a later row, so the next open finds the model stale, never wrong.
   */
  async saveOpen(incidentId: string, take: () => IncidentReadModel | null): Promise<void> {
    const through = await lastStoredRow(this.updates, incidentId);
    const model = take();
    if (through === null || model === null) return;
    await this.db.models.put({ id: incidentId, through, model: encodeReadModel(model), savedAt: this.now() });
  }

  async delete(incidentId: string): Promise<void> {
    await this.db.models.delete(incidentId);
  }

  close(): void {
    this.db.close();
  }
}
