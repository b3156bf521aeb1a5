// The peer-to-peer room an incident syncs through, kept on this computer only: the room secret
// must never travel inside the incident document (it would end up in every export).
import { MAX_SIGNALING_ADDRESSES, signalingAddressProblem } from '@core/joinCode';

export interface StoredRoom {
  readonly roomId: string;
  readonly secret: string;
  /** Signaling addresses that came with the join code (or the host's own, for the IC). */
  readonly signaling: readonly string[];
  /** True when this computer opened the room (declared the incident) and hosts its signaling. */
  readonly hosted: boolean;
}

const ROOM_ROW_PREFIX = 'room:';
const HEX_32 = /^[0-9a-f]{32}$/;

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
  return Object.freeze({ roomId: room.roomId, secret: room.secret, signaling: Object.freeze([...room.signaling]), hosted: room.hosted });
}

/** A stored row read back defensively: anything that no longer fits reads as no room at all. */
export function storedRoom(value: unknown): StoredRoom | null {
  if (typeof value !== 'object' || value === null) return null;
  const { roomId, secret, signaling, hosted } = value as Record<string, unknown>;
  if (typeof roomId !== 'string' || typeof secret !== 'string' || !Array.isArray(signaling)) return null;
  try {
    return checkStoredRoom({
      roomId,
      secret,
      signaling: signaling.filter((address): address is string => typeof address === 'string'),
      hosted: hosted === true,
    });
  } catch {
    // A damaged row is treated as "not in a room": the incident still opens, offline.
    return null;
  }
}
