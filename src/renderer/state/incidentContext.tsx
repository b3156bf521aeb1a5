// The open incident as React sees it: the read-only store, who "I" am, the undo history and the
// incident's commands. Components read through these hooks and write only through the commands;
// none of them holds the Y.Doc.
import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Actor } from '@core/commands';
import { CommandError } from '@core/commands';
import type { SeverityChange } from '@core/conflicts';
import type { IncidentInfo, IncidentSnapshot } from '@core/model';
import type { ReadableCollection, RecordOf } from '@core/read';
import type { IncidentStore } from '@core/store';
import type { UndoHistory } from '@core/undo';
import type { IncidentNetwork } from '../sync/rooms/incidentNetwork';
import { refusalMessage, type IncidentCommands } from './incidentCommands';
import { useUiStore } from './uiStore';

/** The store's reads and change signals; its document and its end belong to the session's owner. */
export type IncidentReads = Omit<IncidentStore, 'doc' | 'destroy'>;

export interface IncidentSession {
  readonly id: string;
  readonly store: IncidentReads;
  readonly me: Actor;
  /** Every change to the incident, bound to it and to `me`; see useCommand. */
  readonly commands: IncidentCommands;
  readonly history: UndoHistory;
  readonly network: IncidentNetwork;
  /** The whole incident as plain data at this instant (for exports); null until it is declared. */
  snapshot(): IncidentSnapshot | null;
  /** The severity changes recorded in the incident, for the authority-conflict check. */
  severityChanges(): readonly SeverityChange[];
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

/** When this incident was imported from a file, or null for one run here; its timers never fire. */
export function useImportedAt(): number | null {
  const { store } = useIncidentSession();
  return useSyncExternalStore(
    useCallback((onChange) => store.subscribe('incident', onChange), [store]),
    () => store.getImportedAt(),
  );
}

export type CommandOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs a command on the open incident: `run((commands) => commands.assignTask({ taskId, assigneeId }))`.
 * A refusal (CommandError) comes back as a message for the form that asked; anything unexpected
 * is shown as a toast and logged, never swallowed.
 */
export function useCommand() {
  const { commands } = useIncidentSession();
  const showToast = useUiStore((s) => s.showToast);
  return useCallback(
    <T,>(command: (commands: IncidentCommands) => T, options: { toastRefusal?: boolean } = {}): CommandOutcome<T> => {
      try {
        return { ok: true, value: command(commands) };
      } catch (error) {
        if (error instanceof CommandError) {
          const message = refusalMessage(error);
          if (options.toastRefusal) showToast(message);
          return { ok: false, message };
        }
        console.error('Sitrep: a command failed unexpectedly', error);
        const message = `Something went wrong and the change was not made: ${error instanceof Error ? error.message : String(error)}`;
        showToast(message);
        return { ok: false, message };
      }
    },
    [commands, showToast],
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
