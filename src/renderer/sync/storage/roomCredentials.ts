// The peer-to-peer room an incident syncs through, kept on this computer only: the room secret
// must never travel inside the incident document (it would end up in every export).
import {
  compareWithStoredRoom,
  hasChanges,
  MAX_SIGNALING_ADDRESSES,
  sameChanges,
  signalingAddressProblem,
  type Invitation,
  type KnownRoomChanges,
} from '@core/joinCode';
import type { SitrepDatabase } from './database';
import { checkIncidentId } from './errors';

export interface StoredRoom {
  readonly roomId: string;
  readonly secret: string;
  /** Signaling addresses that came with the join code (or the host's own, for the IC). */
  readonly signaling: readonly string[];
  /** True when this computer opened the room (declared the incident) and hosts its signaling. */
  readonly hosted: boolean;
  /** The roster person this laptop is in the incident, once chosen (joiners only; see identity). */
  readonly personId?: string;
}

const ROOM_ROW_PREFIX = 'room:';
const HEX_32 = /^[0-9a-f]{32}$/;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function roomRowKey(incidentId: string): string {
  return ROOM_ROW_PREFIX + incidentId;
}

export function incidentIdOfRoomRow(key: string): string | null {
  return key.startsWith(ROOM_ROW_PREFIX) ? key.slice(ROOM_ROW_PREFIX.length) : null;
}

export { ROOM_ROW_PREFIX };

/** A room this computer already has, found by the room id of a join code. */
export interface KnownRoom {
  readonly incidentId: string;
  /** This computer opened the room: a code never changes it (the Invite dialog shows its own code). */
  readonly hosted: boolean;
  /** What accepting the code would change; nothing when hosted. */
  readonly changes: KnownRoomChanges;
}

/** Refused: a code would change a known room in ways the user has not confirmed. Nothing was written. */
export class UnconfirmedRoomChangeError extends Error {
  override readonly name = 'UnconfirmedRoomChangeError';
  constructor() {
    super('This join code would change a room this computer already knows, and that change was not confirmed; nothing was changed.');
  }
}

/** Validates a room before it is stored; throws with a sentence that says what is wrong. */
export function checkStoredRoom(room: StoredRoom): StoredRoom {
  if (!HEX_32.test(room.roomId)) throw new Error('A room id is 32 lowercase hexadecimal characters.');
  if (!HEX_32.test(room.secret)) throw new Error('A room secret is 32 lowercase hexadecimal characters.');
  if (room.signaling.length > MAX_SIGNALING_ADDRESSES) {
    throw new Error(`A room can list at most ${MAX_SIGNALING_ADDRESSES} signaling addresses.`);
  }
  for (const address of room.signaling) {
    const problem = signalingAddressProblem(address);
    if (problem) throw new Error(problem);
  }
  if (room.personId !== undefined && !PERSON_ID.test(room.personId)) throw new Error('A person id is 1 to 64 letters, digits, - or _.');
  const personId = room.personId === undefined ? {} : { personId: room.personId };
  return Object.freeze({
    roomId: room.roomId,
    secret: room.secret,
    signaling: Object.freeze([...room.signaling]),
    hosted: room.hosted,
    ...personId,
  });
}

/** A stored row read back defensively: anything that no longer fits reads as no room at all. */
export function storedRoom(value: unknown): StoredRoom | null {
  if (typeof value !== 'object' || value === null) return null;
  const { roomId, secret, signaling, hosted, personId } = value as Record<string, unknown>;
  if (typeof roomId !== 'string' || typeof secret !== 'string' || !Array.isArray(signaling)) return null;
  try {
    return checkStoredRoom({
      roomId,
      secret,
      signaling: signaling.filter((address): address is string => typeof address === 'string'),
      hosted: hosted === true,
      ...(typeof personId === 'string' ? { personId } : {}),
    });
  } catch {
    // A damaged row is treated as "not in a room": the incident still opens, offline.
    return null;
  }
}

/** Each incident's room, in the library's key-value table (deleted with the incident). */
export class RoomCredentials {
  constructor(
    private readonly db: SitrepDatabase,
    private readonly ensureOpen: () => void,
  ) {}

  /** The peer-to-peer room this incident syncs through, or null when it has none. */
  async get(incidentId: string): Promise<StoredRoom | null> {
    this.ensureOpen();
    checkIncidentId(incidentId);
    const row = await this.db.settings.get(roomRowKey(incidentId));
    return storedRoom(row?.value);
  }

  async save(incidentId: string, room: StoredRoom): Promise<void> {
    this.ensureOpen();
    checkIncidentId(incidentId);
    const checked = checkStoredRoom(room);
    await this.db.settings.put({ key: roomRowKey(incidentId), value: { ...checked, signaling: [...checked.signaling] } });
  }

  /** The room of this invitation if this computer already has it, with what accepting the code would change. */
  async knownRoom(invitation: Invitation): Promise<KnownRoom | null> {
    const incidentId = await this.findIncidentByRoom(invitation.roomId);
    if (incidentId === null) return null;
    const room = await this.get(incidentId);
    if (room === null) return null;
    const changes = room.hosted
      ? { secretChanged: false, addedAddresses: [], removedAddresses: [] }
      : compareWithStoredRoom(room, invitation);
    return { incidentId, hosted: room.hosted, changes };
  }

  /**
   * Takes a known room's secret and addresses from a join code, but only the changes the user
   * confirmed (`confirmed` is what knownRoom showed them): a code built from the public room id
   * must never rewrite where this computer looks for its peers unasked. A hosted room is never
   * changed by a code. Throws UnconfirmedRoomChangeError, writing nothing, when the changes differ.
   */
  async adopt(incidentId: string, invitation: Invitation, confirmed: KnownRoomChanges | null): Promise<void> {
    const room = await this.get(incidentId);
    if (room === null || room.roomId !== invitation.roomId || room.hosted) return;
    const changes = compareWithStoredRoom(room, invitation);
    if (!hasChanges(changes)) return;
    if (confirmed === null || !sameChanges(changes, confirmed)) throw new UnconfirmedRoomChangeError();
    await this.save(incidentId, { ...room, secret: invitation.secret, signaling: invitation.signaling });
  }

  /** The local incident already joined to this room, so joining twice reopens it. */
  async findIncidentByRoom(roomId: string): Promise<string | null> {
    this.ensureOpen();
    const rows = await this.db.settings.where('key').startsWith(ROOM_ROW_PREFIX).toArray();
    for (const row of rows) {
      const room = storedRoom(row.value);
      const incidentId = incidentIdOfRoomRow(row.key);
      if (room?.roomId === roomId && incidentId && (await this.db.incidents.get(incidentId))) return incidentId;
    }
    return null;
  }
}
