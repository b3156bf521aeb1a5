// The peer-to-peer room an incident syncs through, kept on this computer only: the room secret
// must never travel inside the incident document (it would end up in every export).
import { MAX_SIGNALING_ADDRESSES, signalingAddressProblem } from '@core/joinCode';
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
