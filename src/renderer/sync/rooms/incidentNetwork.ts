// One incident's life on the network: its stored room, the live peer-to-peer room, presence, who
// this laptop is in the incident (a joiner picks a roster person or adds themselves), and the
// re-keying of the room when the commander removes someone.
import { removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { addPerson, CommandError, linkDevice, markPersonLeft, type Actor } from '@core/commands';
import { createRoomCredentials, type Invitation } from '@core/joinCode';
import { readCollection, readIncidentInfo } from '@core/read';
import { collection, personSchema } from '@core/schema';
import { incidentCommander, rolesOf } from '@core/selectors';
import type { HostingRole } from '../../../shared/ipc';
import { ROOM_KEY_CHANNEL } from '../rekey/roomKeyMessages';
import { RoomKeyExchange, type RekeyResult } from '../rekey/roomKeyExchange';
import type { IncidentLibrary, StoredRoom } from '../storage';
import { parsePresence, PresenceTracker, publishPresence, type EditingSubject, type PresenceSnapshot } from './presence';
import type { AppChannel } from './appChannel';
import {
  MAX_JOINED_PER_PEER,
  MAX_ROOM_SIGNALING,
  MAX_STORED_PER_PEER,
  MEETING_POINTS_CHANNEL,
  MeetingPoints,
  mergeAddresses,
  mergeStoredAddresses,
} from './meetingPoints';
import type { RoomHandle, RoomManager, RoomStatus } from './roomManager';
import type { TFunction } from 'i18next';
import { RELAY_CREDENTIALS_CHANNEL, RelayExchange } from '@core/relay/relayExchange';

/**
 * A refusal of this laptop's identity step (who it writes as): a CommandError whose `message`
 * stays English for logs, and whose text(t) reads the room catalog (room:refusal.*).
 */
export class RoomRefusal extends CommandError {
  constructor(
    readonly roomKey: 'gone' | 'left' | 'creator' | 'settled',
    readonly roomParams: Readonly<Record<string, string>>,
    english: string,
  ) {
    super(english);
  }

  override text(t: TFunction): string {
    // Any instance's t reads any namespace with a "ns:" prefix; its type only knows its own namespace.
    const say = t as unknown as (key: `room:refusal.${RoomRefusal['roomKey']}`, params: Record<string, string>) => string;
    return say(`room:refusal.${this.roomKey}`, { ...this.roomParams });
  }
}

/**
 * Starts (or reuses) this computer's LAN signaling server for a room when this laptop hosts it
 * for that role (main decides: the IC and the deputy by default, anyone who switched it on);
 * resolves to its addresses, none when it does not host.
 */
export type HostSignaling = (room: { roomId: string; title: string; hostName: string; role: HostingRole }) => Promise<readonly string[]>;

/** Stored addresses are merged this long after what peers announce last changed, so a burst is one write. */
export const LEARN_DELAY_MS = 1000;

export interface NetworkSnapshot {
  /** The stored room, or null for an incident that has never been shared. */
  readonly room: StoredRoom | null;
  /** The live connection state, or null while there is no room. */
  readonly status: RoomStatus | null;
  /**
   * The room's live signaling addresses (what goes into the join code): this laptop's own hosted
   * ones first, then servers it is connected to, the configured ones, then what connected members
   * host; all the room's addresses while none of those is known. At most MAX_SIGNALING_ADDRESSES.
   */
  readonly signaling: readonly string[];
  /** This member's part as far as hosting goes (the IC and the deputy host by default). */
  readonly hostingRole: HostingRole;
  /** Why this computer could not host signaling, if it tried and failed. */
  readonly hostingProblem: string | null;
  /** Who this laptop is in the incident (see Identity). */
  readonly identity: Identity;
}

/**
 * Who this laptop is in the incident. `settled`: a roster person (the creator, or the person a
 * joiner picked or added). `waiting`: joined, the incident has not arrived yet. `choose`: it has
 * arrived and this laptop must say who it is before writing anything.
 */
export type Identity =
  | { readonly kind: 'settled'; readonly personId: string }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'choose'; readonly suggestedName: string };

const WAITING: Identity = Object.freeze({ kind: 'waiting' });

const EMPTY_PRESENCE: PresenceSnapshot = Object.freeze({ online: new Map(), devices: new Map(), lastSeen: new Map(), rejected: 0 });

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
  private snapshotValue: NetworkSnapshot = Object.freeze({
    room: null,
    status: null,
    signaling: [],
    hostingRole: 'member',
    hostingProblem: null,
    identity: WAITING,
  });
  /** This laptop's own signaling addresses for the room (where it hosts it now), LAN first. */
  private hosted: readonly string[] = [];
  /** The network settings' signaling addresses, read at connect. */
  private configured: readonly string[] = [];
  private meetingPoints: MeetingPoints | null = null;
  private learnTimer: ReturnType<typeof setTimeout> | null = null;
  private connectedServers = '';
  private exchange: RoomKeyExchange | null = null;
  /** Fresh relay credentials to and from peers (relayExchange.ts). */
  private relayExchange: RelayExchange | null = null;
  private relayRenewal: ReturnType<typeof setTimeout> | null = null;
  /** The roster person this laptop acts as, once known; null: the profile, not yet anyone in the roster. */
  private personId: string | null = null;
  private identityValue: Identity = WAITING;
  /**
   * Who acts when this laptop changes the incident: the roster person it is, by their roster name.
   * Read at each command, so the choice made in the dialog applies to commands bound before it.
   */
  readonly actor: Actor;
  private hostingProblem: string | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly presenceListeners = new Set<() => void>();
  private unsubscribeStatus: (() => void) | null = null;
  private unsubscribePresence: (() => void) | null = null;
  private local: { panel: string | null; editing: EditingSubject | null } = { panel: null, editing: null };
  private stopped = false;
  /** Counts connects: one that a later connect (new settings) overtook while it waited gives way. */
  private connects = 0;
  private readonly onDocUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    this.checkIdentity();
    // A handover makes this laptop (or stops it being) one that hosts by default. Only a change to
    // the roles can: reading every tenure on each update would delay the update's send to peers
    // (the room's listener runs after this one). A change of who we are emits on its own.
    const roles = collection(this.deps.doc, 'roles') as unknown as Parameters<Y.Transaction['changedParentTypes']['has']>[0];
    if (!transaction.changedParentTypes.has(roles)) return;
    if (this.hostingRoleNow() !== this.snapshotValue.hostingRole) this.emit();
  };

  constructor(private readonly deps: IncidentNetworkDeps) {
    const network = this;
    const actor: Actor = {
      get id() {
        return network.personId ?? deps.me.id;
      },
      get name() {
        return network.rosterName(network.personId ?? deps.me.id) ?? deps.me.name;
      },
      ...(deps.me.now ? { now: deps.me.now } : {}),
    };
    this.actor = actor;
  }

  /** Loads the stored room and connects to it. Call once the stored document has loaded. */
  async start(): Promise<void> {
    await this.load();
    await this.join();
  }

  /** The first half of start: the stored room and who this laptop is in it; no network yet. */
  async load(): Promise<void> {
    this.room = await this.deps.library.roomCredentials.get(this.deps.incidentId);
    // The creator (and an incident never shared) is the profile; a joiner is whom they chose.
    this.personId = this.room && !this.room.hosted ? (this.room.personId ?? null) : this.deps.me.id;
    this.deps.doc.on('update', this.onDocUpdate);
    this.checkIdentity();
  }

  /** The second half of start: connects to the stored room (the incident opens without waiting for it). */
  async join(): Promise<void> {
    if (this.room) await this.connect();
    else this.emit();
  }

  identity(): Identity {
    return this.identityValue;
  }

  /**
   * Links this laptop to a person already in the roster (one person may use several laptops):
   * from now on it writes as them. Refused, with a message, for someone who left or is gone.
   */
  async joinAs(personId: string): Promise<void> {
    const room = this.requireJoiner();
    const person = collection(this.deps.doc, 'people').get(personId);
    if (!(person instanceof Y.Map)) throw new RoomRefusal('gone', {}, 'That person is no longer in the incident.');
    const name = String(personSchema.get(person, 'name'));
    if (personSchema.get(person, 'status') === 'left') {
      throw new RoomRefusal(
        'left',
        { name },
        `${name} has left this incident. Ask the incident commander to put ${name} back on duty, or add yourself.`,
      );
    }
    await this.saveRoom({ ...room, personId });
    this.settle(personId);
    linkDevice(this.deps.doc, { personId }, this.actor);
  }

  /** Adds this laptop's user to the roster as a new person (a name already there is refused). */
  async joinAsNewPerson(name: string): Promise<void> {
    const room = this.requireJoiner();
    const id = this.deps.me.id;
    const me: Actor = { ...this.deps.me, name };
    // Validates (and refuses a duplicate name) before anything is stored.
    addPerson(this.deps.doc, { id, name }, me);
    this.settle(id);
    await this.saveRoom({ ...room, personId: id });
  }

  /**
   * Removes a person (incident commander only): marks them as left, gives every other connected
   * laptop a new room secret over the encrypted peer connections, and moves to it. The removed
   * person's laptops keep the old secret, which no one answers any more.
   */
  async removeParticipant(personId: string): Promise<RekeyResult | null> {
    const { doc } = this.deps;
    // The command checks it all (commander only, not oneself) before the room changes.
    markPersonLeft(doc, { personId, removed: true }, this.actor);
    const room = this.room;
    if (!room) return null;
    const exchange = this.exchange;
    const result = exchange
      ? await exchange.announce(personId, this.actor.id)
      : { secret: createRoomCredentials().secret, sentTo: [], acknowledged: [], leftOut: [], unidentified: [] };
    await this.replaceSecret(result.secret);
    return result;
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
    this.settle(this.personId ?? this.deps.me.id);
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

  /** The open room's app channel of that name (the same object while the room stays open), or null without a room; re-read on `subscribe`. */
  appChannel(name: string): AppChannel | null {
    return this.handle?.appChannel(name) ?? null;
  }

  /**
   * This laptop's hosted addresses for the room changed (it started or stopped hosting, its server
   * moved, its network changed): peers are told, and the room and the join code follow, without
   * touching the peer connections.
   */
  setHostedAddresses(addresses: readonly string[]): void {
    const next = mergeAddresses([addresses]);
    if (next.length === this.hosted.length && next.every((address, i) => address === this.hosted[i])) return;
    this.hosted = Object.freeze(next);
    this.meetingPoints?.setOwn(this.hosted);
    this.followMeetingPoints();
  }

  /**
   * Who hosts a signaling address of the room, for the connection dialog: this laptop, a member
   * who announced it (by their name in presence, null until known), or nobody known (configured,
   * or kept from before).
   */
  hostOf(address: string): { readonly kind: 'self' } | { readonly kind: 'member'; readonly name: string | null } | null {
    if (this.hosted.includes(address)) return { kind: 'self' };
    const peerId = this.meetingPoints?.announcerOf(address) ?? null;
    const handle = this.handle;
    if (peerId === null || !handle) return null;
    const clientId = handle.appChannel(MEETING_POINTS_CHANNEL).clientIdOf(peerId);
    const presence = clientId === null ? null : parsePresence(clientId, handle.awareness.getStates().get(clientId));
    return { kind: 'member', name: presence?.name ?? null };
  }

  /** The member's part for hosting: commander, deputy, or member (see HostingRole). */
  hostingRoleNow(): HostingRole {
    const roles = rolesOf(readCollection(this.deps.doc, 'roles'), this.actor.id);
    if (roles.includes('incident-commander')) return 'commander';
    if (roles.includes('deputy')) return 'deputy';
    // The laptop that declared the incident, before any role is recorded.
    if (this.room?.hosted && !incidentCommander(readCollection(this.deps.doc, 'roles'))) return 'commander';
    return 'member';
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
    // The stored room too: a join code confirmed in the Join dialog may have changed its secret or addresses.
    this.room = (await this.deps.library.roomCredentials.get(this.deps.incidentId)) ?? this.room;
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
    this.deps.doc.off('update', this.onDocUpdate);
    this.closeRoom();
    this.listeners.clear();
    this.presenceListeners.clear();
  }

  /**
   * A re-key usually follows a removal: addresses the removed person announced may be among those
   * kept, so only what is proven now (this laptop's own, the servers it is connected to, the
   * configured ones) is kept; members announce theirs again in the new room. When none is proven,
   * the old list stays rather than none.
   */
  private signalingAfterRekey(room: StoredRoom): readonly string[] {
    const connected = (this.handle?.status().servers ?? []).filter((server) => server.connected).map((server) => server.url);
    const proven = mergeAddresses([this.hosted, connected, this.configured]);
    return proven.length > 0 ? proven : room.signaling;
  }

  /** The room's addresses: own, configured, what connected members host, then what was kept. */
  private roomSignaling(room: StoredRoom): string[] {
    const announced = (this.meetingPoints?.announcements() ?? []).map((list) => list.slice(0, MAX_JOINED_PER_PEER));
    return mergeAddresses([this.hosted, this.configured, ...announced, room.signaling], MAX_ROOM_SIGNALING);
  }

  /** What the join code carries: the addresses known to be live now, own first. */
  private liveSignaling(): readonly string[] {
    const handle = this.handle;
    if (!handle) return [];
    const connected = handle
      .status()
      .servers.filter((server) => server.connected)
      .map((server) => server.url);
    // Each member's first few (its LAN addresses), so that one member cannot fill the code.
    const announced = (this.meetingPoints?.announcements() ?? []).map((list) => list.slice(0, MAX_STORED_PER_PEER));
    // The configured servers too, connected or not yet: the team chose them (a relay outside the network).
    const live = mergeAddresses([this.hosted, connected, this.configured, ...announced]);
    return live.length > 0 ? live : mergeAddresses([handle.signaling()]);
  }

  /** Own or announced addresses changed: the room joins them and they are kept with the room. */
  private followMeetingPoints(): void {
    const room = this.room;
    if (room && this.handle) this.handle.setSignaling(this.roomSignaling(room));
    this.scheduleLearn();
    this.emit();
  }

  private scheduleLearn(): void {
    if (this.learnTimer || this.stopped || !this.room) return;
    this.learnTimer = setTimeout(() => {
      this.learnTimer = null;
      this.learn().catch((error: unknown) => console.error('Sitrep: could not keep the room’s meeting points', error));
    }, LEARN_DELAY_MS);
  }

  /** Keeps the live addresses with the stored room (bounded; a kept address gives way only to a live one). */
  private async learn(): Promise<void> {
    const room = this.room;
    const handle = this.handle;
    if (!room || !handle || this.stopped) return;
    const connected = handle
      .status()
      .servers.filter((server) => server.connected)
      .map((server) => server.url);
    const live = { proven: [...this.hosted, ...connected], announced: this.meetingPoints?.announcements() ?? [] };
    const stored = await this.deps.library.roomCredentials.learnAddresses(this.deps.incidentId, room.roomId, (kept) =>
      mergeStoredAddresses(kept, live),
    );
    // The room may have changed meanwhile (a new secret); only its address list is taken.
    if (stored && this.room?.roomId === room.roomId) this.room = { ...this.room, signaling: stored };
  }

  /** A server connected or went: the join code follows, and one newly reached is kept with the room. */
  private onStatus(): void {
    const connected = (this.handle?.status().servers ?? [])
      .filter((server) => server.connected)
      .map((server) => server.url)
      .join(' ');
    if (connected !== this.connectedServers) {
      this.connectedServers = connected;
      if (connected) this.scheduleLearn();
    }
    this.emit();
  }

  private async connect(): Promise<void> {
    const room = this.room;
    if (!room || this.stopped) return;
    const attempt = ++this.connects;
    const settings = await this.deps.library.preferences.getSettings();
    // The team's relay (docs/relay.md): a credential derived for this member, or the one its join code brought.
    const relay = await this.deps.library.relay.iceServersAndRenewal(room.roomId, this.deps.me.name).catch((error: unknown) => {
      console.error('Sitrep: the relay could not be read; the room opens without it', error);
      return { servers: [], renewAt: null };
    });
    let hosted: readonly string[] = [];
    this.hostingProblem = null;
    // A resolved or closed incident is not hosted: no signaling server, no announcement (issue 12).
    const phase = readIncidentInfo(this.deps.doc)?.phase;
    // Every member asks; main hosts only for the IC, the deputy, and whoever switched it on.
    if (this.deps.host && phase !== 'resolved' && phase !== 'closed') {
      try {
        const title = readIncidentInfo(this.deps.doc)?.title ?? 'Incident';
        hosted = await this.deps.host({ roomId: room.roomId, title, hostName: this.deps.me.name, role: this.hostingRoleNow() });
      } catch (error) {
        console.error('Sitrep: could not host signaling for the room', error);
        this.hostingProblem = error instanceof Error ? error.message : String(error);
      }
    }
    if (this.stopped || attempt !== this.connects) return;
    // The room opens once: a connect that overtook an earlier one replaces its room.
    this.closeRoom();
    this.hosted = Object.freeze(mergeAddresses([hosted]));
    this.configured = Object.freeze([...settings.signalingUrls]);
    // LAN addresses first (what other laptops can reach), then configured ones, then the room's own.
    const signaling = this.roomSignaling(room);
    const handle = this.deps.rooms.open(this.deps.doc, {
      roomId: room.roomId,
      secret: room.secret,
      signaling,
      iceServers: [...settings.iceServers, ...relay.servers],
    });
    // Reconnects with a fresh relay credential before this one expires (coturn would stop relaying).
    if (relay.renewAt !== null) {
      this.relayRenewal = setTimeout(
        () => this.applySettings().catch((error: unknown) => console.error('Sitrep: renewing the relay credential failed', error)),
        Math.max(60_000, relay.renewAt - Date.now()),
      );
    }
    this.handle = handle;
    this.publish();
    this.tracker = new PresenceTracker(handle.awareness);
    this.unsubscribePresence = this.tracker.subscribe(() => {
      for (const listener of this.presenceListeners) listener();
    });
    this.meetingPoints = new MeetingPoints({
      channel: handle.appChannel(MEETING_POINTS_CHANNEL),
      onChange: () => this.followMeetingPoints(),
    });
    this.meetingPoints.setOwn(this.hosted);
    this.relayExchange = new RelayExchange({
      channel: handle.appChannel(RELAY_CREDENTIALS_CHANNEL),
      offer: () => this.deps.library.relay.offerForPeers(),
      onRelay: (relay) => {
        this.deps.library.relay
          .refreshRoomRelay(room.roomId, relay)
          .catch((error: unknown) => console.error('Sitrep: could not keep the relay credential a peer sent', error));
      },
    });
    this.unsubscribeStatus = handle.subscribe(() => this.onStatus());
    this.exchange = new RoomKeyExchange({
      channel: handle.appChannel(ROOM_KEY_CHANNEL),
      roomId: room.roomId,
      secret: () => this.room?.secret ?? room.secret,
      personOfClient: (clientId) => parsePresence(clientId, handle.awareness.getStates().get(clientId))?.userId ?? null,
      commander: () => incidentCommander(readCollection(this.deps.doc, 'roles'))?.personId ?? null,
      me: () => this.actor.id,
      onRekey: (secret) => {
        this.replaceSecret(secret).catch((error: unknown) => console.error('Sitrep: could not move to the new room key', error));
      },
      onRefused: (peerId, why) => console.warn(`Sitrep: refused a room-key message from peer ${peerId.slice(0, 8)}: ${why}`),
    });
    this.emit();
    for (const listener of this.presenceListeners) listener();
  }

  /** Always the whole presence, so a state cleared by a room closing elsewhere is whole again. */
  private publish(): void {
    if (this.handle) publishPresence(this.handle.awareness, { userId: this.actor.id, name: this.actor.name, ...this.local });
  }

  /** Stores the room's new secret and reconnects with it; the old secret reaches no one of ours. */
  private async replaceSecret(secret: string): Promise<void> {
    const room = this.room;
    if (!room || room.secret === secret || this.stopped) return;
    await this.saveRoom({ ...room, secret, signaling: this.signalingAfterRekey(room) });
    const awareness = this.handle?.awareness;
    this.closeRoom();
    // Everyone seen in the old room is gone from it; those who moved say so again in the new one.
    // (Otherwise a removed person would show online until their state timed out.)
    if (awareness) {
      const remote = [...awareness.getStates().keys()].filter((clientId) => clientId !== awareness.clientID);
      removeAwarenessStates(awareness, remote, 'rekey');
    }
    await this.connect();
  }

  private async saveRoom(room: StoredRoom): Promise<void> {
    await this.deps.library.roomCredentials.save(this.deps.incidentId, room);
    this.room = room;
    this.emit();
  }

  private requireJoiner(): StoredRoom {
    const room = this.room;
    if (!room || room.hosted) throw new RoomRefusal('creator', {}, 'This laptop opened the incident; it is already its creator.');
    if (this.identityValue.kind === 'settled') {
      throw new RoomRefusal('settled', {}, 'This laptop has already said who you are in this incident.');
    }
    return room;
  }

  private rosterName(personId: string): string | null {
    const record = collection(this.deps.doc, 'people').get(personId);
    return record instanceof Y.Map ? String(personSchema.get(record, 'name')) : null;
  }

  private settle(personId: string): void {
    this.personId = personId;
    this.setIdentity({ kind: 'settled', personId });
    this.publish();
  }

  private setIdentity(identity: Identity): void {
    const before = this.identityValue;
    if (
      before.kind === identity.kind &&
      (before.kind !== 'settled' || (identity.kind === 'settled' && before.personId === identity.personId))
    ) {
      return;
    }
    this.identityValue = Object.freeze(identity);
    this.emit();
  }

  /**
   * A joiner says who they are once the incident has arrived. A laptop already in the roster
   * under its profile (an earlier version added joiners that way) is that person.
   */
  private checkIdentity(): void {
    const { doc, me } = this.deps;
    if (this.personId !== null) {
      this.setIdentity({ kind: 'settled', personId: this.personId });
      return;
    }
    if (!readIncidentInfo(doc)) {
      this.setIdentity(WAITING);
      return;
    }
    if (collection(doc, 'people').has(me.id)) {
      const room = this.room;
      this.settle(me.id);
      if (room && !room.hosted) {
        this.saveRoom({ ...room, personId: me.id }).catch((error: unknown) => console.error('Sitrep: could not store who you are', error));
      }
      return;
    }
    this.setIdentity({ kind: 'choose', suggestedName: me.name });
  }

  private closeRoom(): void {
    this.meetingPoints?.destroy();
    this.meetingPoints = null;
    if (this.learnTimer) clearTimeout(this.learnTimer);
    this.learnTimer = null;
    this.exchange?.destroy();
    this.exchange = null;
    this.relayExchange?.stop();
    this.relayExchange = null;
    if (this.relayRenewal) clearTimeout(this.relayRenewal);
    this.relayRenewal = null;
    this.unsubscribeStatus?.();
    this.unsubscribePresence?.();
    this.unsubscribeStatus = this.unsubscribePresence = null;
    this.tracker?.destroy();
    this.tracker = null;
    if (this.handle) this.deps.rooms.close(this.handle);
    this.handle = null;
  }

  private emit(): void {
    this.snapshotValue = Object.freeze({
      room: this.room,
      status: this.handle?.status() ?? null,
      signaling: this.liveSignaling(),
      hostingRole: this.hostingRoleNow(),
      hostingProblem: this.hostingProblem,
      identity: this.identityValue,
    });
    for (const listener of [...this.listeners]) listener();
  }
}
