// Where failed writes go: every part of the library reports to one channel, and the app shows
// what reaches it (a toast); a failure is never dropped, even before anyone listens.
import type { StorageError } from './errors';

export type StorageErrorListener = (error: StorageError) => void;

export class StorageErrorChannel {
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
