// Watches every write to the library's IndexedDB, so that callers can wait for writes to land
// and no failed write goes unreported (y-dexie writes document updates fire-and-forget).
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { isDiskFailure } from './errors';

export interface WriteFailure {
  readonly error: unknown;
  /** Incidents whose document updates were in the failed write. */
  readonly incidentIds: readonly string[];
}

type TrackedTransaction = DBCoreTransaction & EventTarget & { readonly error: DOMException | null };

function isIdbTransaction(transaction: DBCoreTransaction): transaction is TrackedTransaction {
  return typeof (transaction as Partial<EventTarget>).addEventListener === 'function';
}

function incidentIdOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { k } = value as { k?: unknown };
  return typeof k === 'string' ? k : null;
}

export class WriteTracker {
  private readonly pending = new Set<Promise<void>>();
  private readonly incidentsByTransaction = new WeakMap<object, Set<string>>();
  private readonly reported = new WeakSet<object>();

  constructor(
    private readonly updatesTable: string,
    private readonly onFailure: (failure: WriteFailure) => void,
  ) {}

  /** Resolves once every readwrite transaction started before the call has committed or aborted. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** Reports a failure once, however many layers (request, transaction, y-dexie) see it. */
  report(error: unknown, incidentIds: readonly string[]): void {
    for (let current: unknown = error, depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
      if (this.reported.has(current)) return;
      current = (current as { inner?: unknown }).inner;
    }
    for (let current: unknown = error, depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
      this.reported.add(current);
      current = (current as { inner?: unknown }).inner;
    }
    this.onFailure({ error, incidentIds });
  }

  /** Below y-dexie (level 50) so that its document writes pass through, above Dexie's own layers. */
  middleware(): Middleware<DBCore> {
    return {
      stack: 'dbcore',
      name: 'SitrepWriteTracker',
      level: 5,
      create: (down) => ({
        ...down,
        transaction: (stores, mode, options) => {
          const transaction = down.transaction(stores, mode, options);
          if (mode === 'readwrite' && isIdbTransaction(transaction)) this.track(transaction);
          return transaction;
        },
        table: (name) => this.wrapTable(down.table(name)),
      }),
    };
  }

  private track(transaction: TrackedTransaction): void {
    const done = new Promise<void>((resolve) => {
      transaction.addEventListener('complete', () => resolve());
      transaction.addEventListener('abort', () => {
        // An abort without an error is Dexie undoing a failed operation, already reported below.
        if (transaction.error) this.report(transaction.error, [...(this.incidentsByTransaction.get(transaction) ?? [])]);
        resolve();
      });
    });
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }

  private wrapTable(table: DBCoreTable): DBCoreTable {
    const isDocumentWrite = table.name === this.updatesTable;
    return {
      ...table,
      mutate: (request: DBCoreMutateRequest): Promise<DBCoreMutateResponse> => {
        const values = 'values' in request ? request.values : [];
        const incidentIds = isDocumentWrite ? values.map(incidentIdOf) : [];
        const known = incidentIds.filter((id): id is string => id !== null);
        if (known.length > 0) {
          const set = this.incidentsByTransaction.get(request.trans) ?? new Set<string>();
          for (const id of known) set.add(id);
          this.incidentsByTransaction.set(request.trans, set);
        }
        return table.mutate(request).then(
          (response) => {
            for (const [index, error] of Object.entries(response.failures)) {
              if (!error || !(isDocumentWrite || isDiskFailure(error))) continue;
              const id = incidentIds[Number(index)];
              this.report(error, id ? [id] : []);
            }
            return response;
          },
          (error: unknown) => {
            if (isDocumentWrite || isDiskFailure(error)) this.report(error, known);
            throw error;
          },
        );
      },
    };
  }
}
