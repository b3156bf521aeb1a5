// Owns the open incidents outside React: one document, store, undo history, command set and
// network per incident. It holds the only count of an incident's lifetime: every view that
// shows an incident acquires it and releases it, the first acquire opens it in storage (plain
// open, one read) and the last release closes it. React strict mode's double mount therefore
// never opens an incident twice.
//
// Opening does not wait for the network (the room joins in the background), and an incident
// with a fresh saved read model (storage/readModels.ts) is shown from it at once, before its
// document is read and decoded; the session then switches to the live document (openingSession.ts).
import { declareIncident, type Actor, type DeclareIncidentInput } from '@core/commands';
import { readSeverityChanges } from '@core/conflicts';
import { newId } from '@core/ids';
import { importIncidentIntoDoc } from '@core/import';
import { createRoomCredentials, type Invitation, type KnownRoomChanges } from '@core/joinCode';
import type { IncidentSnapshot } from '@core/model';
import { readSnapshot } from '@core/read';
import { readModelOf, type IncidentReadModel } from '@core/readModel';
import { readSchemaVersion } from '@core/schema';
import { createIncidentStore, type IncidentStore } from '@core/store';
import { createUndoHistory } from '@core/undo';
import { bindCommands } from '../state/incidentCommands';
import type { IncidentSession } from '../state/incidentContext';
import { OpeningSession } from './openingSession';
import { IncidentNetwork, type HostSignaling } from './rooms/incidentNetwork';
import type { RoomManager } from './rooms/roomManager';
import { IncidentInUseError, type IncidentLibrary, type OpenIncident, type SaveStateSource } from './storage';
import type { KnownRoom } from './storage/roomCredentials';

export interface IncidentSessionsOptions {
  /** Present in the desktop app: hosts signaling on the local network for rooms declared here. */
  readonly host?: HostSignaling;
  /** Present in the desktop app: stops announcing a hosted room nearby (its signaling keeps running). */
  readonly withdraw?: (roomId: string) => Promise<void>;
  /**
   * The app's way of opening (off by default, so that an acquire resolves with everything up):
   * an incident with a fresh saved read model big enough to matter is shown from it before its
   * document is decoded, the room joins in the background, and read models are saved.
   */
  readonly openFast?: boolean;
  /** With openFast: a read model shorter than this is not shown ahead of the document (default EARLY_SHOW_MIN_CHARS). */
  readonly earlyShowMinChars?: number;
  /** With openFast: how long after an open without a fresh read model one is saved (default READ_MODEL_DELAY_MS). */
  readonly readModelDelayMs?: number;
  /**
   * Runs `task` once the room shown from a read model has been painted, so that decoding the
   * document does not delay that first frame. Default: after the next animation frame.
   */
  readonly afterPaint?: (task: () => void) => void;
}

/**
 * User Timing marks for the bench (scripts/bench): the document of an opened incident is live,
 * and a read model was saved. One of each at a time; nothing in the app reads them.
 */
export const LIVE_MARK = 'sitrep:incident-live';
export const READ_MODEL_SAVED_MARK = 'sitrep:read-model-saved';

function mark(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(name);
  performance.mark(name);
}

/** After the next frame is produced (a task queued from a frame callback), or at once where there are no frames. */
function afterNextFrame(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(task, 0));
  else setTimeout(task, 0);
}

interface Opened {
  readonly session: IncidentSession;
  /** The session's store with its document and destroy, which React never sees. */
  readonly store: IncidentStore;
  readonly handle: OpenIncident;
  /** Present when the session was first shown from a read model. */
  readonly opening: OpeningSession | null;
}

interface Entry {
  refs: number;
  /** The document is loaded: what closing and saving wait for. */
  readonly ready: Promise<Opened>;
  /** The session can be shown: from a fresh read model, or once the document is loaded. */
  readonly shown: Promise<IncidentSession>;
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

/**
 * A read model shorter than this (as JSON) is not shown ahead of the document: so small an
 * incident decodes in a few milliseconds, and the room would only flicker from one to the other.
 * About 500 timeline entries.
 */
export const EARLY_SHOW_MIN_CHARS = 256 * 1024;

/** How long after an open without a fresh read model one is saved (the room settles first). */
export const READ_MODEL_DELAY_MS = 2_000;

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
  private readonly afterPaint: (task: () => void) => void;
  private readonly openFast: boolean;
  private readonly earlyShowMinChars: number;
  private readonly readModelDelayMs: number;

  constructor(
    private readonly library: IncidentLibrary,
    /** Shared by every session; the app builds one at start-up, tests pass one with fake providers. */
    private readonly rooms: RoomManager,
    private readonly me: Actor,
    options: IncidentSessionsOptions = {},
  ) {
    this.host = options.host;
    this.withdraw = options.withdraw;
    this.afterPaint = options.afterPaint ?? afterNextFrame;
    this.openFast = options.openFast ?? false;
    this.earlyShowMinChars = options.earlyShowMinChars ?? EARLY_SHOW_MIN_CHARS;
    this.readModelDelayMs = options.readModelDelayMs ?? READ_MODEL_DELAY_MS;
  }

  /** Opens (or shares) an incident; every acquire needs one release. */
  acquire(incidentId: string): Promise<IncidentSession> {
    if (this.disposal) return Promise.reject(new IncidentSessionsDisposedError());
    let entry = this.open.get(incidentId);
    if (!entry) {
      const previousClose = this.closing.get(incidentId) ?? Promise.resolve();
      let show: (session: IncidentSession) => void = () => undefined;
      const shownEarly = new Promise<IncidentSession>((resolve) => (show = resolve));
      // Opens once the previous close is done; a close that failed was reported to its release.
      const start = () => this.start(incidentId, show);
      const ready = previousClose.then(start, start);
      // Whichever comes first; a load that fails before anything was shown fails the acquire.
      const shown = Promise.race([shownEarly, ready.then(({ session }) => session)]);
      const created: Entry = { refs: 0, ready, shown, discarding: false };
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
    return entry.shown;
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
    const deleted = await this.library.incidents.delete(incidentId);
    // Harmless if it stays (it no longer matches any stored row), so a failure is only logged.
    await this.library.readModels
      .delete(incidentId)
      .catch((error: unknown) => console.error('Sitrep: the deleted incident’s saved read model could not be removed', error));
    return deleted;
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

  private async start(incidentId: string, show: (session: IncidentSession) => void): Promise<Opened> {
    // Held after a failed save: the same document, with the changes not yet stored.
    const held = this.held.get(incidentId);
    if (held) {
      this.held.delete(incidentId);
      this.notifyUnsaved();
      return held.opened;
    }
    const [saved, room] = this.openFast
      ? await Promise.all([
          this.library.readModels.load(incidentId, this.earlyShowMinChars).catch((error: unknown) => {
            // The model only saves time; the document is read as before.
            console.error('Sitrep: the saved read model could not be read; opening from the document', error);
            return null;
          }),
          this.library.roomCredentials.get(incidentId),
        ])
      : [null, null];
    let opening: OpeningSession | null = null;
    if (saved?.fresh) {
      // The creator (and an incident never shared) is the profile; a joiner is whom they chose.
      const personId = room && !room.hosted ? (room.personId ?? null) : this.me.id;
      opening = new OpeningSession(incidentId, saved.model, this.me, personId, room);
      show(opening.session);
      // The room is rendered from the model first; the decode below would hold that frame back.
      await new Promise<void>((resolve) => this.afterPaint(resolve));
    }
    try {
      const opened = await this.load(incidentId, opening);
      mark(LIVE_MARK);
      if (this.openFast && !saved?.fresh) this.saveReadModelSoon(incidentId, opened);
      return opened;
    } catch (error) {
      opening?.fail(error);
      throw error;
    }
  }

  /** Loads the document and builds the live session (or switches the one shown from a read model to it). */
  private async load(incidentId: string, opening: OpeningSession | null): Promise<Opened> {
    const handle = await this.library.incidents.open(incidentId);
    const { doc } = handle;
    // The room connects only after the stored document has loaded, so the first exchange with
    // peers carries everything this computer has; the incident does not wait for it to connect.
    const network = new IncidentNetwork({ incidentId, doc, me: this.me, library: this.library, rooms: this.rooms, host: this.host });
    try {
      await network.load();
    } catch (error) {
      network.stop();
      await handle.close();
      throw error;
    }
    const joined = network.join();
    if (this.openFast) {
      joined.catch((error: unknown) => console.error('Sitrep: the room could not connect; the incident stays open here', error));
    } else {
      try {
        await joined;
      } catch (error) {
        network.stop();
        await handle.close();
        throw error;
      }
    }
    // Its save state feeds the "unsaved changes" question asked before anything closes.
    handle.saveState.subscribe(() => this.notifyUnsaved());
    const store = createIncidentStore(doc);
    const parts = {
      store,
      commands: bindCommands(doc, network.actor),
      history: createUndoHistory(doc, network.actor),
      network,
      snapshot: () => readSnapshot(doc),
      severityChanges: () => readSeverityChanges(doc),
    };
    if (opening) {
      // The room is on screen already: let input in between building the store and re-rendering the room.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      opening.attach(parts);
      return { session: opening.session, store, handle, opening };
    }
    const session: IncidentSession = {
      id: incidentId,
      ...parts,
      // Who this laptop is in the incident: for a joiner, the roster person they chose.
      me: network.actor,
    };
    return { session, store, handle, opening: null };
  }

  /** What the room shows now, as a read model; null before the incident is declared. */
  private readModelNow(incidentId: string, opened: Opened): IncidentReadModel | null {
    const { store, session, handle } = opened;
    return readModelOf(incidentId, store, {
      schemaVersion: readSchemaVersion(handle.doc),
      severityChanges: session.severityChanges(),
      authority: session.commands.readAuthority(),
    });
  }

  /**
   * An incident opened without a fresh read model gets one soon after, off the opening's path, so
   * that the next open is quick even if this window is never closed cleanly.
   */
  private saveReadModelSoon(incidentId: string, opened: Opened): void {
    setTimeout(() => {
      if (this.opened.get(incidentId) !== opened) return; // Closed meanwhile: the close saves it.
      this.library.readModels
        .saveOpen(incidentId, () => (this.opened.get(incidentId) === opened ? this.readModelNow(incidentId, opened) : null))
        .then(() => mark(READ_MODEL_SAVED_MARK))
        .catch((error: unknown) => console.error('Sitrep: the read model could not be saved; the next open reads the document', error));
    }, this.readModelDelayMs);
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
    opened.opening?.detach();
    // Taken before the store goes; saved once the close has stored (and compacted) everything in it.
    const model = discarding || !this.openFast ? null : this.readModelNow(incidentId, opened);
    store.destroy();
    try {
      await handle.close();
    } catch (error) {
      if (!discarding) throw error;
      // Expected: the user chose to close without the changes that could not be saved.
      console.warn('Sitrep: closed without saving, as chosen; the unsaved changes are gone', error);
    }
    if (model) {
      await this.library.readModels
        .saveClosed(incidentId, model)
        .then(() => mark(READ_MODEL_SAVED_MARK))
        .catch((error: unknown) => console.error('Sitrep: the read model could not be saved; the next open reads the document', error));
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
