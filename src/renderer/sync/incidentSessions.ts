// Owns the open incidents outside React: one document, store and undo history per incident,
// reference-counted so that React strict mode's double mount never opens an incident twice.
// The peer-to-peer room for an incident will hang off the same session.
import { declareIncident, type Actor, type DeclareIncidentInput } from '@core/commands';
import { newId } from '@core/ids';
import { createIncidentStore } from '@core/store';
import { createUndoHistory } from '@core/undo';
import type { IncidentSession } from '../state/incidentContext';
import type { IncidentLibrary, OpenIncident } from './storage';

interface Entry {
  refs: number;
  ready: Promise<{ session: IncidentSession; handle: OpenIncident }>;
}

export class IncidentSessions {
  private readonly open = new Map<string, Entry>();
  private readonly closing = new Set<Promise<void>>();

  constructor(
    private readonly library: IncidentLibrary,
    private readonly me: Actor,
  ) {}

  /** Opens (or shares) an incident; every acquire needs one release. */
  acquire(incidentId: string): Promise<IncidentSession> {
    let entry = this.open.get(incidentId);
    if (!entry) {
      const ready = this.library.openIncident(incidentId).then((handle) => ({
        handle,
        session: {
          id: incidentId,
          doc: handle.doc,
          store: createIncidentStore(handle.doc),
          me: this.me,
          history: createUndoHistory(handle.doc, this.me),
        },
      }));
      entry = { refs: 0, ready };
      this.open.set(incidentId, entry);
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
    } catch (error) {
      await handle.close();
      await this.library.deleteIncident(id);
      throw error;
    }
    await handle.close();
    return id;
  }
}
