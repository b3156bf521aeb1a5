// The open incident as React sees it: the read-only store, who "I" am, the undo history and the
// incident's commands. Components read through these hooks and write only through the commands;
// none of them holds the Y.Doc.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
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
import { uiI18n } from '../i18n';

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

/** A command that failed for a reason other than a refusal (a bug), in the window's language. */
export function unexpectedFailureMessage(error: unknown): string {
  return uiI18n().t('app:shell.commandFailed', { error: error instanceof Error ? error.message : String(error) });
}

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
        const message = unexpectedFailureMessage(error);
        showToast(message);
        return { ok: false, message };
      }
    },
    [commands, showToast],
  );
}

interface Ticker {
  now: number;
  readonly listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
}

// One timer per interval, on the wall clock's boundaries, shared by every clock on screen: each
// useNow used to run its own interval at its own phase, so a 10,000-entry room re-rendered and
// re-laid out several times a second and many keystrokes shared a frame with one (issue 13).
const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

function scheduleTick(intervalMs: number, ticker: Ticker): void {
  const delay = intervalMs - (Date.now() % intervalMs);
  ticker.timer = setTimeout(() => {
    ticker.now = Date.now();
    for (const listener of ticker.listeners) listener();
    scheduleTick(intervalMs, ticker);
  }, delay);
}

function subscribeTicker(intervalMs: number, listener: () => void): () => void {
  const ticker = tickerFor(intervalMs);
  ticker.listeners.add(listener);
  if (ticker.timer === null) {
    // Idle until now: its time may be old; React re-reads the snapshot after subscribing.
    ticker.now = Date.now();
    scheduleTick(intervalMs, ticker);
  }
  return () => {
    ticker.listeners.delete(listener);
    if (ticker.listeners.size > 0) return;
    if (ticker.timer !== null) clearTimeout(ticker.timer);
    ticker.timer = null;
    tickers.delete(intervalMs);
  };
}

/** The current time, re-read every `intervalMs` (on the clock's boundaries, one timer for all) so clocks tick. */
export function useNow(intervalMs = 1000): number {
  const subscribe = useCallback((listener: () => void) => subscribeTicker(intervalMs, listener), [intervalMs]);
  return useSyncExternalStore(subscribe, () => tickerFor(intervalMs).now);
}
