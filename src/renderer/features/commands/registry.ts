// Who can run each declared action right now. A component registers what an action means while
// it is mounted (open its own dialog, focus its field); unmounted, the action is not offered.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ActionId } from './actions';

export interface Registration {
  run: () => void;
  /** Why it cannot run now (shown in the palette, disabled); null when it can. */
  unavailable: string | null;
}

/** Extra palette entries that come from data (the incidents on Home), not from the declaration. */
export interface DataItem {
  key: string;
  label: string;
  /** Text from the document inside the label (a title), drawn isolated so its direction marks stay inside it. */
  quoted?: { before: string; text: string; after: string };
  keywords: readonly string[];
  /** What the row shows beside the label; the keywords when absent, nothing when empty. */
  detail?: string;
  run: () => void;
}

export class ActionRegistry {
  // A stack per action: the latest mounted registration wins, an earlier one returns when it unmounts.
  private readonly registrations = new Map<string, Registration[]>();
  private readonly dataItems = new Map<string, { heading: string; items: readonly DataItem[] }>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  register(id: ActionId, registration: Registration): () => void {
    const stack = this.registrations.get(id) ?? [];
    stack.push(registration);
    this.registrations.set(id, stack);
    this.changed();
    return () => {
      const current = this.registrations.get(id) ?? [];
      const index = current.lastIndexOf(registration);
      if (index >= 0) current.splice(index, 1);
      if (current.length === 0) this.registrations.delete(id);
      this.changed();
    };
  }

  setData(source: string, heading: string, items: readonly DataItem[]): () => void {
    const entry = { heading, items };
    this.dataItems.set(source, entry);
    this.changed();
    return () => {
      if (this.dataItems.get(source) === entry) this.dataItems.delete(source);
      this.changed();
    };
  }

  get(id: string): Registration | null {
    const stack = this.registrations.get(id);
    return stack && stack.length > 0 ? stack[stack.length - 1]! : null;
  }

  canRun(id: string): boolean {
    const registration = this.get(id);
    return registration !== null && registration.unavailable === null;
  }

  /** Runs the action if it can run now; false (and nothing happens) otherwise. */
  run(id: string): boolean {
    const registration = this.get(id);
    if (!registration || registration.unavailable !== null) return false;
    registration.run();
    return true;
  }

  data(): Array<{ heading: string; items: readonly DataItem[] }> {
    return [...this.dataItems.values()].filter((d) => d.items.length > 0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/** The app's one registry (one renderer window, one palette). */
export const actionRegistry = new ActionRegistry();

/** Re-renders when what can run changes; returns a number that changes with it. */
export function useRegistryVersion(registry: ActionRegistry = actionRegistry): number {
  return useSyncExternalStore(registry.subscribe, registry.snapshot);
}

/**
 * Offers an action while the calling component is mounted. `run` may change every render (it is
 * read when the action runs); `unavailable` is the reason it cannot run now, or null.
 */
export function useAction(id: ActionId, run: () => void, unavailable: string | null = null): void {
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  useEffect(() => actionRegistry.register(id, { run: () => latest.current(), unavailable }), [id, unavailable]);
}

/** Offers data items (incidents to open) in the palette while mounted. */
export function useDataItems(source: string, heading: string, items: readonly DataItem[]): void {
  useEffect(() => actionRegistry.setData(source, heading, items), [source, heading, items]);
}
