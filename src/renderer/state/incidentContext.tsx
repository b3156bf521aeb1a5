// The open incident as React sees it: the read-only store, who "I" am, and the undo history.
// Components read through these hooks and write only through core commands.
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Actor } from '@core/commands';
import { CommandError } from '@core/commands';
import type { IncidentInfo } from '@core/model';
import type { ReadableCollection, RecordOf } from '@core/read';
import type { IncidentStore } from '@core/store';
import type { UndoHistory } from '@core/undo';
import type * as Y from 'yjs';
import type { IncidentNetwork } from '../sync/rooms/incidentNetwork';
import { useUiStore } from './uiStore';

export interface IncidentSession {
  readonly id: string;
  readonly doc: Y.Doc;
  readonly store: IncidentStore;
  readonly me: Actor;
  readonly history: UndoHistory;
  readonly network: IncidentNetwork;
}

export const IncidentContext = createContext<IncidentSession | null>(null);

export function useIncidentSession(): IncidentSession {
  const session = useContext(IncidentContext);
  if (!session) throw new Error('useIncidentSession is used outside an open incident');
  return session;
}

export function useCollection<C extends ReadableCollection>(name: C): readonly RecordOf<C>[] {
  const { store } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => store.subscribe(name, onChange), [store, name]),
    () => store.get(name),
  );
}

export function useIncidentInfo(): IncidentInfo | null {
  const { store } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => store.subscribe('incident', onChange), [store]),
    () => store.getIncident(),
  );
}

export type CommandOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs a core command on the open incident. A refusal (CommandError) comes back as a message
 * for the form that asked; anything unexpected is shown as a toast and logged, never swallowed.
 */
export function useCommand() {
  const session = useIncidentSession();
  const showToast = useUiStore((s) => s.showToast);
  return useCallback(
    <T,>(command: (doc: Y.Doc, me: Actor) => T, options: { toastRefusal?: boolean } = {}): CommandOutcome<T> => {
      try {
        return { ok: true, value: command(session.doc, session.me) };
      } catch (error) {
        if (error instanceof CommandError) {
          if (options.toastRefusal) showToast(error.message);
          return { ok: false, message: error.message };
        }
        console.error('Sitrep: a command failed unexpectedly', error);
        const message = `Something went wrong and the change was not made: ${error instanceof Error ? error.message : String(error)}`;
        showToast(message);
        return { ok: false, message };
      }
    },
    [session, showToast],
  );
}

/** The current time, re-read every `intervalMs` so clocks tick. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
