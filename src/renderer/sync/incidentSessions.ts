// Owns the open incidents outside React: one document, store, undo history, command set and
// network per incident. It holds the only count of an incident's lifetime: every view that
// shows an incident acquires it and releases it, the first acquire opens it in storage (plain
// open, one read) and the last release closes it. React strict mode's double mount therefore
// never opens an incident twice.
import { declareIncident, type Actor, type DeclareIncidentInput } from '@core/commands';
import { readSeverityChanges } from '@core/conflicts';
import { newId } from '@core/ids';
import { importIncidentIntoDoc } from '@core/import';
import { createRoomCredentials, type Invitation, type KnownRoomChanges } from '@core/joinCode';
import type { IncidentSnapshot } from '@core/model';
import { readSnapshot } from '@core/read';
import { createIncidentStore, type IncidentStore } from '@core/store';
import { createUndoHistory } from '@core/undo';
import { bindCommands } from '../state/incidentCommands';
import type { IncidentSession } from '../state/incidentContext';
import { IncidentNetwork, type HostSignaling } from './rooms/incidentNetwork';
import type { RoomManager } from './rooms/roomManager';
import { IncidentInUseError, type IncidentLibrary, type OpenIncident, type SaveStateSource } from './storage';
import type { KnownRoom } from './storage/roomCredentials';

export interface IncidentSessionsOptions {
  /** Present in the desktop app: hosts signaling on the local network for rooms declared here. */
  readonly host?: HostSignaling;
  /** Present in the desktop app: stops announcing a hosted room nearby (its signaling keeps running). */
  readonly withdraw?: (roomId: string) => Promise<void>;
}

interface Opened {
  readonly session: IncidentSession;
  /** The session's store with its document and destroy, which React never sees. */
  readonly store: IncidentStore;
  readonly handle: OpenIncident;
}

interface Entry {
  refs: number;
  readonly ready: Promise<Opened>;
  /** The user chose to close without saving (after exporting a copy): the last release closes anyway. */
  discarding: boolean;
}

/**
 * An incident whose last release could not save it: no view shows it, but its document stays
 * open, with the changes in it, until a save succeeds or the user discards it.
 */
interface Held {
  readonly opened: Opened;
  error: unknown;
}

/** An open incident whose changes are not all stored on this computer. */
export interface UnsavedIncident {
  readonly id: string;
  /** True when no view shows it any more: only the failed save keeps it open. */
  readonly held: boolean;
  /** Why it is not saved, for the message. */
  readonly error: unknown;
}

export class IncidentSessionsDisposedError extends Error {
  override readonly name = 'IncidentSessionsDisposedError';
  constructor() {
    super('Sitrep is shutting down; the incident was not opened.');
  }
}

export class IncidentSessions {
  private readonly open = new Map<string, Entry>();
  /** The incidents open right now, shown or held, for what the UI reads synchronously (save state). */
  private readonly opened = new Map<string, Opened>();
  private readonly held = new Map<string, Held>();
  private readonly unsavedListeners = new Set<() => void>();
  /** Last releases still closing, by incident: a new acquire of the same incident waits for it. */
  private readonly closing = new Map<string, Promise<void>>();
  private disposal: Promise<void> | null = null;
  private readonly host: HostSignaling | undefined;
  private readonly withdraw: ((roomId: string) => Promise<void>) | undefined;

  constructor(
    private readonly library: IncidentLibrary,
    /** Shared by every session; the app builds one at start-up, tests pass one with fake providers. */
    private readonly rooms: RoomManager,
    private readonly me: Actor,
    options: IncidentSessionsOptions = {},
  ) {
    this.host = options.host;
    this.withdraw = options.withdraw;
  }

  /** Opens (or shares) an incident; every acquire needs one release. */
  acquire(incidentId: string): Promise<IncidentSession> {
    if (this.disposal) return Promise.reject(new IncidentSessionsDisposedError());
    let entry = this.open.get(incidentId);
    if (!entry) {
      const previousClose = this.closing.get(incidentId) ?? Promise.resolve();
      // Opens once the previous close is done; a close that failed was reported to its release.
      const start = () => this.start(incidentId);
      const ready = previousClose.then(start, start);
      const created: Entry = { refs: 0, ready, discarding: false };
      entry = created;
      this.open.set(incidentId, created);
      ready.then(
        (opened) => this.opened.set(incidentId, opened),
        // A failed open must not stay cached: the next attempt tries again. The caller hears
        // of the failure through the promise returned below.
        () => {
          if (this.open.get(incidentId) === created) this.open.delete(incidentId);
        },
      );
    }
    entry.refs += 1;
    return entry.ready.then(({ session }) => session);
  }

  async release(incidentId: string): Promise<void> {
    const entry = this.open.get(incidentId);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    this.open.delete(incidentId);
    await this.close(incidentId, entry);
  }

  /** Whether the incident is open (or opening, or held unsaved) in this window; such an incident cannot be deleted. */
  isOpen(incidentId: string): boolean {
    return this.open.has(incidentId) || this.held.has(incidentId);
  }

  /** Open incidents here whose changes are not all stored: a failed write, or held after a failed save at close. */
  unsaved(): UnsavedIncident[] {
    const found: UnsavedIncident[] = [];
    for (const [id, entry] of this.open) {
      const state = entry.discarding ? null : this.opened.get(id)?.handle.saveState.current();
      if (state?.status === 'failed') found.push({ id, held: false, error: state.error });
    }
    for (const [id, { opened, error }] of this.held) {
      const state = opened.handle.saveState.current();
      found.push({ id, held: true, error: state.status === 'failed' ? state.error : error });
    }
    return found;
  }

  /** Called whenever the answer of `unsaved()` may have changed. */
  subscribeUnsaved(listener: () => void): () => void {
    this.unsavedListeners.add(listener);
    return () => this.unsavedListeners.delete(listener);
  }

  /** The session of an incident open here (shown or held), for exporting a copy of what is unsaved. */
  sessionOf(incidentId: string): IncidentSession | null {
    return this.isOpen(incidentId) ? (this.opened.get(incidentId)?.session ?? null) : null;
  }

  /**
   * Saves an open incident again, now. Resolves once everything is stored, closing it if only a
   * failed save held it open; rejects with the failure (and keeps it open) when it fails again.
   */
  async retrySave(incidentId: string): Promise<void> {
    const held = this.held.get(incidentId);
    const opened = held?.opened ?? (this.open.has(incidentId) ? this.opened.get(incidentId) : undefined);
    if (!opened) return; // Not open (or still opening): nothing unsaved here.
    const { handle } = opened;
    try {
      await handle.whenSaved();
    } catch (error) {
      if (held) held.error = error;
      this.notifyUnsaved();
      throw error;
    }
    // The indicator checks again on its own timer; the user asked now, and `unsaved()` reads it.
    await handle.saveState.retryNow();
    // Saved: a held incident closes (unless it was opened again meanwhile).
    if (held && this.held.get(incidentId) === held) {
      this.held.delete(incidentId);
      await this.trackClosing(incidentId, this.shutDown(incidentId, opened, false));
    } else {
      this.notifyUnsaved();
    }
  }

  /**
   * The user's explicit choice, after exporting a copy: close this incident without its unsaved
   * changes. A held incident closes now; one still shown closes at its last release.
   */
  async discardUnsaved(incidentId: string): Promise<void> {
    const held = this.held.get(incidentId);
    if (held) {
      this.held.delete(incidentId);
      await this.trackClosing(incidentId, this.shutDown(incidentId, held.opened, true));
      return;
    }
    const entry = this.open.get(incidentId);
    if (entry) entry.discarding = true;
    this.notifyUnsaved();
  }

  /**
   * Deletes an incident from this computer: its stored document, catalog row, room secret and
   * search digest. Refused with IncidentInUseError while it is open in this window. Peers who
   * still have the room open keep their own copies; only this computer forgets it.
   */
  async deleteIncident(incidentId: string): Promise<boolean> {
    if (this.isOpen(incidentId)) throw new IncidentInUseError(incidentId);
    // A last release still saving would write rows back after the delete. A close that failed
    // was reported to its release's caller; the delete goes ahead either way.
    await this.closing.get(incidentId)?.catch(() => undefined);
    // That close may have kept it open, unsaved: it is still in use.
    if (this.isOpen(incidentId)) throw new IncidentInUseError(incidentId);
    // A room hosted here stops being announced nearby under the deleted incident's title. First,
    // so that a failure leaves everything as it was; responders already in the room keep the
    // signaling server, which stays up.
    const room = await this.library.roomCredentials.get(incidentId);
    if (room?.hosted && this.withdraw) await this.withdraw(room.roomId);
    return this.library.incidents.delete(incidentId);
  }

  /** Whether the open incident's changes are committed to IndexedDB; null when it is not open. */
  saveStateOf(incidentId: string): SaveStateSource | null {
    return this.opened.get(incidentId)?.handle.saveState ?? null;
  }

  /** Reconnects every open room with the network settings as they are now saved. */
  async applyNetworkSettings(): Promise<void> {
    const sessions = await Promise.allSettled([...this.open.values()].map((entry) => entry.ready));
    await Promise.all(sessions.flatMap((result) => (result.status === 'fulfilled' ? [result.value.session.network.applySettings()] : [])));
  }

  /** Resolves once every incident being closed is saved, so the library lists it as it is now. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.closing.values()]);
  }

  /**
   * Closes every open incident whatever its count (the app is quitting), saving each; later
   * acquires are refused. Resolves when all are saved and closed; rejects, after trying every
   * one, when one could not be saved.
   */
  dispose(): Promise<void> {
    this.disposal ??= (async () => {
      const entries = [...this.open.entries()];
      const held = [...this.held.entries()];
      const alreadyClosing = [...this.closing.values()];
      this.open.clear();
      this.held.clear();
      // Quitting: nothing is held any more; a save that fails is reported by the rejection.
      const results = await Promise.allSettled([
        ...alreadyClosing,
        ...entries.map(([incidentId, entry]) => this.close(incidentId, entry, false)),
        ...held.map(([incidentId, { opened }]) => this.trackClosing(incidentId, this.shutDown(incidentId, opened, false))),
      ]);
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, `${failures.length} incidents could not be saved and closed.`);
    })();
    return this.disposal;
  }

  /** Declares a new incident, stored before this resolves; returns its id. */
  async declare(input: Omit<DeclareIncidentInput, 'id'>): Promise<string> {
    const id = newId(16);
    const handle = await this.library.incidents.create(id);
    try {
      declareIncident(handle.doc, { ...input, id }, this.me);
      await handle.whenSaved();
      // Every declared incident has a room from the start, so the join code is one click away.
      await this.library.roomCredentials.save(id, { ...createRoomCredentials(), signaling: [], hosted: true });
    } catch (error) {
      await this.discard(handle);
      throw error;
    }
    await handle.close();
    return id;
  }

  /**
   * Stores an imported incident (a JSON export) as a new incident under its own id and returns
   * that id. Rejects, having removed whatever it started to write, when the id is taken or
   * storage fails.
   */
  async importSnapshot(snapshot: IncidentSnapshot): Promise<string> {
    const id = snapshot.incident.id;
    const handle = await this.library.incidents.create(id);
    try {
      importIncidentIntoDoc(handle.doc, snapshot);
      await handle.whenSaved();
    } catch (error) {
      await this.discard(handle);
      throw error;
    }
    await handle.close();
    return id;
  }

  /** The room of a join code when this computer already has it, with what the code would change. */
  knownRoom(invitation: Invitation): Promise<KnownRoom | null> {
    return this.library.roomCredentials.knownRoom(invitation);
  }

  /**
   * Joins the room of an invitation: reopens the incident already joined to that room, or adds
   * an empty one that fills in from the first peer it meets. Resolves to the local incident id.
   */
  async join(invitation: Invitation, confirmed: KnownRoomChanges | null = null): Promise<string> {
    const known = await this.library.roomCredentials.findIncidentByRoom(invitation.roomId);
    if (known) {
      // A newer code may carry new addresses or a new secret, but so may a forged one: only the
      // changes the user confirmed (see knownRoom) are kept; otherwise this throws, changing nothing.
      await this.library.roomCredentials.adopt(known, invitation, confirmed);
      return known;
    }
    const id = newId(16);
    const handle = await this.library.incidents.create(id);
    await handle.close();
    try {
      await this.library.roomCredentials.save(id, {
        roomId: invitation.roomId,
        secret: invitation.secret,
        signaling: invitation.signaling,
        hosted: false,
      });
    } catch (error) {
      await this.library.incidents.delete(id);
      throw error;
    }
    return id;
  }

  /** Removes an incident whose creation failed. The failure that led here is the caller's to report. */
  private async discard(handle: OpenIncident): Promise<void> {
    await handle.close().catch((error: unknown) => console.error('Sitrep: closing an incident that could not be created failed', error));
    await this.library.incidents.delete(handle.id);
  }

  private async start(incidentId: string): Promise<Opened> {
    // Held after a failed save: the same document, with the changes not yet stored.
    const held = this.held.get(incidentId);
    if (held) {
      this.held.delete(incidentId);
      this.notifyUnsaved();
      return held.opened;
    }
    const handle = await this.library.incidents.open(incidentId);
    const { doc } = handle;
    // The room connects only now that the stored document has loaded, so the first exchange
    // with peers carries everything this computer has.
    const network = new IncidentNetwork({ incidentId, doc, me: this.me, library: this.library, rooms: this.rooms, host: this.host });
    try {
      await network.start();
    } catch (error) {
      network.stop();
      await handle.close();
      throw error;
    }
    // Its save state feeds the "unsaved changes" question asked before anything closes.
    handle.saveState.subscribe(() => this.notifyUnsaved());
    const store = createIncidentStore(doc);
    const session: IncidentSession = {
      id: incidentId,
      store,
      // Who this laptop is in the incident: for a joiner, the roster person they chose.
      me: network.actor,
      commands: bindCommands(doc, network.actor),
      history: createUndoHistory(doc, network.actor),
      network,
      snapshot: () => readSnapshot(doc),
      severityChanges: () => readSeverityChanges(doc),
    };
    return { session, store, handle };
  }

  /** Saves and closes; when the save fails (and holding is allowed) the incident is held open instead. */
  private close(incidentId: string, entry: Entry, mayHold = true): Promise<void> {
    const closed = entry.ready.then(
      async (opened) => {
        if (mayHold && !entry.discarding && !(await this.savedOrHeld(incidentId, opened))) return;
        await this.shutDown(incidentId, opened, entry.discarding);
      },
      // It never opened: there is nothing to close, and its acquirer was told why.
      () => undefined,
    );
    return this.trackClosing(incidentId, closed);
  }

  /** True when everything is stored; otherwise holds the incident open with the failure. */
  private async savedOrHeld(incidentId: string, opened: Opened): Promise<boolean> {
    try {
      await opened.handle.whenSaved();
      return true;
    } catch (error) {
      // Reported already (the storage error toast); `unsaved()` keeps asking about it until resolved.
      this.held.set(incidentId, { opened, error });
      this.notifyUnsaved();
      return false;
    }
  }

  private async shutDown(incidentId: string, opened: Opened, discarding: boolean): Promise<void> {
    const { session, store, handle } = opened;
    if (this.opened.get(incidentId) === opened) this.opened.delete(incidentId);
    this.notifyUnsaved();
    session.network.stop();
    session.history.destroy();
    store.destroy();
    try {
      await handle.close();
    } catch (error) {
      if (!discarding) throw error;
      // Expected: the user chose to close without the changes that could not be saved.
      console.warn('Sitrep: closed without saving, as chosen; the unsaved changes are gone', error);
    }
  }

  private notifyUnsaved(): void {
    for (const listener of [...this.unsavedListeners]) listener();
  }

  /** A new acquire of the incident waits for this close. */
  private async trackClosing(incidentId: string, closed: Promise<void>): Promise<void> {
    this.closing.set(incidentId, closed);
    try {
      await closed;
    } finally {
      if (this.closing.get(incidentId) === closed) this.closing.delete(incidentId);
    }
  }
}
