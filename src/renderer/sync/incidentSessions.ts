// Owns the open incidents outside React: one document, store and undo history per incident,
// reference-counted so that React strict mode's double mount never opens an incident twice.
// Each session also owns the incident's network: its peer-to-peer room and presence.
import { declareIncident, type Actor, type DeclareIncidentInput } from '@core/commands';
import { newId } from '@core/ids';
import { createRoomCredentials, type Invitation } from '@core/joinCode';
import { createIncidentStore } from '@core/store';
import { createUndoHistory } from '@core/undo';
import type { IncidentSession } from '../state/incidentContext';
import { IncidentNetwork, type HostSignaling } from './rooms/incidentNetwork';
import { RoomManager } from './rooms/roomManager';
import type { IncidentLibrary, OpenIncident, SaveStateSource } from './storage';

export interface IncidentSessionsOptions {
  /** Shared by every session; tests and benches pass one with Node WebRTC. */
  readonly rooms?: RoomManager;
  /** Present in the desktop app: hosts signaling on the local network for rooms declared here. */
  readonly host?: HostSignaling;
}

interface Entry {
  refs: number;
  ready: Promise<{ session: IncidentSession; handle: OpenIncident }>;
}

export class IncidentSessions {
  private readonly open = new Map<string, Entry>();
  /** Handles of the incidents open right now, for what the UI reads synchronously (save state). */
  private readonly handles = new Map<string, OpenIncident>();
  private readonly closing = new Set<Promise<void>>();

  readonly rooms: RoomManager;
  private readonly host: HostSignaling | undefined;

  constructor(
    private readonly library: IncidentLibrary,
    private readonly me: Actor,
    options: IncidentSessionsOptions = {},
  ) {
    this.rooms = options.rooms ?? new RoomManager();
    this.host = options.host;
  }

  /** Opens (or shares) an incident; every acquire needs one release. */
  acquire(incidentId: string): Promise<IncidentSession> {
    let entry = this.open.get(incidentId);
    if (!entry) {
      const ready = this.library.openIncident(incidentId).then(async (handle) => {
        // The room connects only now that the stored document has loaded, so the first
        // exchange with peers carries everything this computer has.
        const network = new IncidentNetwork({ incidentId, doc: handle.doc, me: this.me, library: this.library, rooms: this.rooms, host: this.host });
        try {
          await network.start();
        } catch (error) {
          network.stop();
          await handle.close();
          throw error;
        }
        return {
          handle,
          session: {
            id: incidentId,
            doc: handle.doc,
            store: createIncidentStore(handle.doc),
            me: this.me,
            history: createUndoHistory(handle.doc, this.me),
            network,
          },
        };
      });
      entry = { refs: 0, ready };
      this.open.set(incidentId, entry);
      // A failed open reaches the caller through `ready` below; here there is nothing to record.
      ready.then(({ handle }) => this.handles.set(incidentId, handle), () => undefined);
      // A failed open must not stay cached: the next attempt tries again.
      ready.catch(() => this.open.delete(incidentId));
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
    const closed = entry.ready.then(async ({ session, handle }) => {
      if (this.handles.get(incidentId) === handle) this.handles.delete(incidentId);
      session.network.stop();
      session.history.destroy();
      session.store.destroy();
      await handle.close();
    });
    this.closing.add(closed);
    try {
      await closed;
    } finally {
      this.closing.delete(closed);
    }
  }

  /** Whether the open incident's changes are committed to IndexedDB; null when it is not open. */
  saveStateOf(incidentId: string): SaveStateSource | null {
    return this.handles.get(incidentId)?.saveState ?? null;
  }

  /** Reconnects every open room with the network settings as they are now saved. */
  async applyNetworkSettings(): Promise<void> {
    const sessions = await Promise.allSettled([...this.open.values()].map((entry) => entry.ready));
    await Promise.all(sessions.flatMap((result) => (result.status === 'fulfilled' ? [result.value.session.network.applySettings()] : [])));
  }

  /** Resolves once every incident being closed is saved, so the library lists it as it is now. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.closing]);
  }

  /** Declares a new incident, stored before this resolves; returns its id. */
  async declare(input: Omit<DeclareIncidentInput, 'id'>): Promise<string> {
    const id = newId(16);
    const handle = await this.library.createIncident(id);
    try {
      declareIncident(handle.doc, { ...input, id }, this.me);
      await handle.whenSaved();
      // Every declared incident has a room from the start, so the join code is one click away.
      await this.library.saveRoom(id, { ...createRoomCredentials(), signaling: [], hosted: true });
    } catch (error) {
      await handle.close();
      await this.library.deleteIncident(id);
      throw error;
    }
    await handle.close();
    return id;
  }

  /**
   * Joins the room of an invitation: reopens the incident already joined to that room, or adds
   * an empty one that fills in from the first peer it meets. Resolves to the local incident id.
   */
  async join(invitation: Invitation): Promise<string> {
    const known = await this.library.findIncidentByRoom(invitation.roomId);
    if (known) {
      // A newer code may carry new addresses (the IC's laptop moved networks): keep them.
      const room = await this.library.getRoom(known);
      if (room && !room.hosted) await this.library.saveRoom(known, { ...room, signaling: invitation.signaling });
      return known;
    }
    const id = newId(16);
    const handle = await this.library.createIncident(id);
    await handle.close();
    try {
      await this.library.saveRoom(id, { roomId: invitation.roomId, secret: invitation.secret, signaling: invitation.signaling, hosted: false });
    } catch (error) {
      await this.library.deleteIncident(id);
      throw error;
    }
    return id;
  }
}
