// Whether an open incident's changes are durably in IndexedDB, for the "All changes saved"
// indicator. It says saved only after the write transactions holding every change so far have
// completed (with 'strict' durability: flushed to disk), and a failed write shows until a later
// save succeeds.
import { type StorageError, toStorageError } from './errors';

export type SaveState =
  | { readonly status: 'saved' }
  | { readonly status: 'saving' }
  | { readonly status: 'failed'; readonly error: StorageError };

/** Read side, for the UI: the current state and a change signal (fits useSyncExternalStore). */
export interface SaveStateSource {
  current(): SaveState;
  subscribe(listener: () => void): () => void;
  /**
   * After a failure: check again now instead of at the next timed retry (the user asked to retry).
   * Resolves once that check is done, so the state read then is up to date.
   */
  retryNow(): Promise<void>;
}

const SAVED: SaveState = Object.freeze({ status: 'saved' });
const SAVING: SaveState = Object.freeze({ status: 'saving' });

export interface SaveStateTrackerOptions {
  /** Resolves once every change made before the call is committed; rejects if one was lost. */
  readonly commit: () => Promise<void>;
  /** After a failure with nothing new to save, try again this often (default 5000 ms). */
  readonly retryMs?: number;
}

export class SaveStateTracker implements SaveStateSource {
  private state: SaveState = SAVED;
  /** Bumped by every change; a commit proves "saved" only if no change came after it started. */
  private generation = 0;
  private checking = false;
  /** The check running now, if any. */
  private inflight: Promise<void> = Promise.resolve();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly listeners = new Set<() => void>();
  private readonly retryMs: number;

  constructor(private readonly options: SaveStateTrackerOptions) {
    this.retryMs = options.retryMs ?? 5000;
  }

  current(): SaveState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change was made that is not known to be stored yet. */
  changed(): void {
    if (this.stopped) return;
    this.generation += 1;
    // A failure stays on screen until a save succeeds: "Saving…" would hide that data is at risk.
    if (this.state.status === 'saved') this.set(SAVING);
    this.check();
  }

  /** A write carrying this incident's changes failed (reported by the storage layer). */
  failed(error: StorageError): void {
    if (this.stopped) return;
    this.set({ status: 'failed', error });
    this.check();
  }

  async retryNow(): Promise<void> {
    if (this.state.status !== 'failed') return;
    // A check already running may have started before whatever fixed the failure.
    await this.inflight;
    if (this.state.status !== 'failed') return;
    this.check();
    await this.inflight;
  }

  /** The incident was closed: no more checks, no more retries. */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.listeners.clear();
  }

  private check(): void {
    if (this.checking || this.stopped) return;
    this.checking = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const generation = this.generation;
    // A microtask later, so that the write of the change that called us has been started.
    this.inflight = Promise.resolve()
      .then(() => this.options.commit())
      .then(
        () => {
          this.checking = false;
          if (this.stopped) return;
          if (generation === this.generation) this.set(SAVED);
          else this.check();
        },
        (error: unknown) => {
          this.checking = false;
          if (this.stopped) return;
          this.set({ status: 'failed', error: toStorageError(error, []) });
          if (generation !== this.generation) this.check();
          else this.retryTimer = setTimeout(() => this.check(), this.retryMs);
        },
      );
  }

  private set(next: SaveState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}
