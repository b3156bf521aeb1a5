// Presence: who is in the room right now, which panel they are on and which record they are
// editing. It is Yjs awareness (fast-changing and never stored), and every remote state is
// untrusted input: a malformed one is ignored, never shown.
import type { Awareness } from 'y-protocols/awareness';
import { COLLECTIONS, type CollectionName } from '@core/model';
import { cleanName } from '@core/names';

export interface EditingSubject {
  readonly collection: CollectionName;
  readonly id: string;
}

/** What this computer publishes about its user. */
export interface LocalPresence {
  readonly userId: string;
  readonly name: string;
  readonly panel: string | null;
  readonly editing: EditingSubject | null;
}

export interface PeerPresence extends LocalPresence {
  readonly clientId: number;
  /** When this client last changed its presence (its own clock; for ordering only). */
  readonly activeAt: number;
}

export interface PresenceSnapshot {
  /** Everyone online, one entry per user (a person with two windows or laptops counts once). */
  readonly online: ReadonlyMap<string, PeerPresence>;
  /** How many devices (awareness clients) each online user is on, counting this one when it is theirs. */
  readonly devices: ReadonlyMap<string, number>;
  /** When each user who was online in this session was last seen (our clock). */
  readonly lastSeen: ReadonlyMap<string, number>;
  /** Remote states that were ignored because they did not fit. */
  readonly rejected: number;
}

const PRESENCE_VERSION = 1;
const MAX_TEXT = 120;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function shortText(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT ? value : null;
}

/** Reads one remote awareness state, or null when it is not a Sitrep presence we can trust. */
export function parsePresence(clientId: number, state: unknown): PeerPresence | null {
  if (typeof state !== 'object' || state === null) return null;
  const record = state as Record<string, unknown>;
  if (record.v !== PRESENCE_VERSION) return null;
  const userId = typeof record.userId === 'string' && ID_PATTERN.test(record.userId) ? record.userId : null;
  // A peer's name loses bidirectional controls like every name (src/core/names.ts).
  const name = shortText(typeof record.name === 'string' ? cleanName(record.name) : null);
  if (!userId || !name) return null;
  const panel = record.panel === null || record.panel === undefined ? null : shortText(record.panel);
  let editing: EditingSubject | null = null;
  if (typeof record.editing === 'object' && record.editing !== null) {
    const { collection, id } = record.editing as Record<string, unknown>;
    if ((COLLECTIONS as readonly unknown[]).includes(collection) && typeof id === 'string' && ID_PATTERN.test(id)) {
      editing = { collection: collection as CollectionName, id };
    }
  }
  const activeAt = typeof record.activeAt === 'number' && Number.isFinite(record.activeAt) ? record.activeAt : 0;
  return Object.freeze({ clientId, userId, name, panel, editing, activeAt });
}

/** Publishes the local user's presence, merged into what was published before. */
export function publishPresence(awareness: Awareness, presence: Partial<LocalPresence>, now = Date.now()): void {
  const previous = (awareness.getLocalState() ?? {}) as Record<string, unknown>;
  awareness.setLocalState({ ...previous, ...presence, v: PRESENCE_VERSION, activeAt: now });
}

/**
 * Follows an awareness instance and keeps a frozen snapshot for `useSyncExternalStore`:
 * who is online, and when people who went away were last seen.
 */
export class PresenceTracker {
  private snapshot: PresenceSnapshot = Object.freeze({ online: new Map(), devices: new Map(), lastSeen: new Map(), rejected: 0 });
  private readonly lastSeen = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private rejected = 0;
  private readonly onChange = () => this.recompute();

  constructor(
    private readonly awareness: Awareness,
    private readonly now: () => number = Date.now,
  ) {
    awareness.on('change', this.onChange);
    this.recompute();
  }

  get(): PresenceSnapshot {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    this.listeners.clear();
  }

  private recompute(): void {
    const online = new Map<string, PeerPresence>();
    const devices = new Map<string, number>();
    let rejectedNow = 0;
    const ownUserId = parsePresence(this.awareness.clientID, this.awareness.getLocalState())?.userId;
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const presence = parsePresence(clientId, state);
      if (!presence) {
        rejectedNow += 1;
        continue;
      }
      devices.set(presence.userId, (devices.get(presence.userId) ?? (presence.userId === ownUserId ? 1 : 0)) + 1);
      const known = online.get(presence.userId);
      if (!known || known.activeAt < presence.activeAt) online.set(presence.userId, presence);
    }
    const at = this.now();
    // Everyone who was online and is not any more was last seen now; those online are seen now.
    for (const userId of this.snapshot.online.keys()) if (!online.has(userId)) this.lastSeen.set(userId, at);
    for (const userId of online.keys()) this.lastSeen.set(userId, at);
    this.rejected = Math.max(this.rejected, rejectedNow);
    this.snapshot = Object.freeze({ online, devices, lastSeen: new Map(this.lastSeen), rejected: this.rejected });
    for (const listener of [...this.listeners]) listener();
  }
}
