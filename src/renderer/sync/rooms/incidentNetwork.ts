// One incident's life on the network: its stored room, the live peer-to-peer room, presence, and
// the join bookkeeping (a responder who joins is added to the incident's people).
import type * as Y from 'yjs';
import { addPerson, CommandError, type Actor } from '@core/commands';
import { createRoomCredentials, MAX_SIGNALING_ADDRESSES, type Invitation } from '@core/joinCode';
import { readIncidentInfo } from '@core/read';
import { collection } from '@core/schema';
import type { IncidentLibrary, StoredRoom } from '../storage';
import { PresenceTracker, publishPresence, type EditingSubject, type PresenceSnapshot } from './presence';
import type { RoomHandle, RoomManager, RoomStatus } from './roomManager';

/** Starts (or reuses) this computer's LAN signaling server for a room; resolves to its addresses. */
export type HostSignaling = (room: { roomId: string; title: string; hostName: string }) => Promise<readonly string[]>;

export interface NetworkSnapshot {
  /** The stored room, or null for an incident that has never been shared. */
  readonly room: StoredRoom | null;
  /** The live connection state, or null while there is no room. */
  readonly status: RoomStatus | null;
  /** The signaling addresses the room uses now (what goes into the join code). */
  readonly signaling: readonly string[];
  /** Why this computer could not host signaling, if it tried and failed. */
  readonly hostingProblem: string | null;
}

const EMPTY_PRESENCE: PresenceSnapshot = Object.freeze({ online: new Map(), lastSeen: new Map(), rejected: 0 });

export interface IncidentNetworkDeps {
  readonly incidentId: string;
  readonly doc: Y.Doc;
  readonly me: Actor;
  readonly library: IncidentLibrary;
  readonly rooms: RoomManager;
  readonly host?: HostSignaling;
}

export class IncidentNetwork {
  private room: StoredRoom | null = null;
  private handle: RoomHandle | null = null;
  private tracker: PresenceTracker | null = null;
  private snapshotValue: NetworkSnapshot = Object.freeze({ room: null, status: null, signaling: [], hostingProblem: null });
  private hostingProblem: string | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly presenceListeners = new Set<() => void>();
  private unsubscribeStatus: (() => void) | null = null;
  private unsubscribePresence: (() => void) | null = null;
  private local: { panel: string | null; editing: EditingSubject | null } = { panel: null, editing: null };
  private stopped = false;
  /** Counts connects: one that a later connect (new settings) overtook while it waited gives way. */
  private connects = 0;
  private readonly onDocUpdate = () => this.joinAsPerson();

  constructor(private readonly deps: IncidentNetworkDeps) {}

  /** Loads the stored room and connects to it. Call once the stored document has loaded. */
  async start(): Promise<void> {
    this.room = await this.deps.library.roomCredentials.get(this.deps.incidentId);
    if (this.room) await this.connect();
    else this.emit();
  }

  snapshot(): NetworkSnapshot {
    return this.snapshotValue;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  presence(): PresenceSnapshot {
    return this.tracker?.get() ?? EMPTY_PRESENCE;
  }

  subscribePresence(listener: () => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  /** Gives an incident that was never shared a room of its own, hosted by this computer. */
  async openRoom(): Promise<void> {
    if (this.room) return;
    const credentials = createRoomCredentials();
    const room: StoredRoom = { ...credentials, signaling: [], hosted: true };
    await this.deps.library.roomCredentials.save(this.deps.incidentId, room);
    this.room = room;
    await this.connect();
  }

  /** What a responder needs to join, or null when there is no room or no address to reach it. */
  invitation(): Invitation | null {
    const { room, signaling } = this.snapshotValue;
    if (!room || signaling.length === 0) return null;
    return { roomId: room.roomId, secret: room.secret, signaling };
  }

  reconnect(): void {
    this.handle?.reconnect();
    // The room clears our presence when it disconnects; say again who we are.
    this.publish();
  }

  /** Leaves the network while staying in the room (the incident keeps working offline). */
  disconnect(): void {
    this.handle?.disconnect();
  }

  /** Re-reads the network settings (signaling addresses, ICE servers) and reconnects with them. */
  async applySettings(): Promise<void> {
    if (!this.room) return;
    this.closeRoom();
    await this.connect();
  }

  setPanel(panel: string | null): void {
    if (this.local.panel === panel) return;
    this.local = { ...this.local, panel };
    this.publish();
  }

  setEditing(editing: EditingSubject | null): void {
    this.local = { ...this.local, editing };
    this.publish();
  }

  stop(): void {
    this.stopped = true;
    this.closeRoom();
    this.listeners.clear();
    this.presenceListeners.clear();
  }

  private async connect(): Promise<void> {
    const room = this.room;
    if (!room || this.stopped) return;
    const attempt = ++this.connects;
    const settings = await this.deps.library.preferences.getSettings();
    let hosted: readonly string[] = [];
    this.hostingProblem = null;
    if (room.hosted && this.deps.host) {
      try {
        const title = readIncidentInfo(this.deps.doc)?.title ?? 'Incident';
        hosted = await this.deps.host({ roomId: room.roomId, title, hostName: this.deps.me.name });
      } catch (error) {
        console.error('Sitrep: could not host signaling for the room', error);
        this.hostingProblem = error instanceof Error ? error.message : String(error);
      }
    }
    if (this.stopped || attempt !== this.connects) return;
    // The room opens once: a connect that overtook an earlier one replaces its room.
    this.closeRoom();
    // LAN addresses first (what other laptops can reach), then the room's own, then configured ones.
    const signaling = [...new Set([...hosted, ...room.signaling, ...settings.signalingUrls])].slice(0, MAX_SIGNALING_ADDRESSES);
    const handle = this.deps.rooms.open(this.deps.doc, {
      roomId: room.roomId,
      secret: room.secret,
      signaling,
      iceServers: settings.iceServers,
    });
    this.handle = handle;
    this.publish();
    this.tracker = new PresenceTracker(handle.awareness);
    this.unsubscribePresence = this.tracker.subscribe(() => {
      for (const listener of this.presenceListeners) listener();
    });
    this.unsubscribeStatus = handle.subscribe(() => this.emit());
    if (!room.hosted) {
      this.deps.doc.on('update', this.onDocUpdate);
      this.joinAsPerson();
    }
    this.emit();
    for (const listener of this.presenceListeners) listener();
  }

  /** Always the whole presence, so a state cleared by a room closing elsewhere is whole again. */
  private publish(): void {
    if (this.handle) publishPresence(this.handle.awareness, { userId: this.deps.me.id, name: this.deps.me.name, ...this.local });
  }

  private closeRoom(): void {
    this.deps.doc.off('update', this.onDocUpdate);
    this.unsubscribeStatus?.();
    this.unsubscribePresence?.();
    this.unsubscribeStatus = this.unsubscribePresence = null;
    this.tracker?.destroy();
    this.tracker = null;
    if (this.handle) this.deps.rooms.close(this.handle);
    this.handle = null;
  }

  /**
   * A responder who joined is added to the incident's people (which records it in the
   * timeline) as soon as the declared incident has arrived from a peer, and only once.
   */
  private joinAsPerson(): void {
    const { doc, me } = this.deps;
    if (!readIncidentInfo(doc)) return;
    if (collection(doc, 'people').has(me.id)) {
      doc.off('update', this.onDocUpdate);
      return;
    }
    try {
      addPerson(doc, { id: me.id, name: me.name }, me);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      console.warn('Sitrep: could not add you to the incident', error.message);
    }
    doc.off('update', this.onDocUpdate);
  }

  private emit(): void {
    this.snapshotValue = Object.freeze({
      room: this.room,
      status: this.handle?.status() ?? null,
      signaling: this.handle?.config.signaling ?? [],
      hostingProblem: this.hostingProblem,
    });
    for (const listener of [...this.listeners]) listener();
  }
}
