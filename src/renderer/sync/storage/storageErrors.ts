// Where failed writes go: every part of the library reports to one channel, and the app shows
// what reaches it (a toast); a failure is never dropped, even before anyone listens. The same
// failure seen again soon after (a timed retry while the disk stays full, or another write of the
// same change) is not shown again: it is on screen already, and the save indicator still says so.
import type { StorageError } from './errors';

export type StorageErrorListener = (error: StorageError) => void;

export interface StorageErrorChannelOptions {
  readonly now?: () => number;
  /** An identical failure within this long of the last one shown is not shown again (default 60 s). */
  readonly repeatWindowMs?: number;
}

export class StorageErrorChannel {
  private readonly listeners = new Set<StorageErrorListener>();
  /** When each distinct failure (kind, message, incidents) was last shown. */
  private readonly lastShown = new Map<string, number>();
  private readonly now: () => number;
  private readonly repeatWindowMs: number;

  constructor(options: StorageErrorChannelOptions = {}) {
    this.now = options.now ?? Date.now;
    this.repeatWindowMs = options.repeatWindowMs ?? 60_000;
  }

  subscribe(listener: StorageErrorListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(error: StorageError): void {
    if (this.isRepeat(error)) return;
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

  private isRepeat(error: StorageError): boolean {
    const now = this.now();
    for (const [key, at] of this.lastShown) if (now - at >= this.repeatWindowMs) this.lastShown.delete(key);
    const key = `${error.kind}\n${error.message}\n${[...error.incidentIds].sort().join('\n')}`;
    if (this.lastShown.has(key)) return true;
    this.lastShown.set(key, now);
    return false;
  }
}
