// The messages of the 'room-key' app channel: the incident commander's laptop hands a new room
// secret to the remaining members after removing someone, and each member acknowledges it. They
// travel only over the room's encrypted peer connections, never in the document or an export.
//
// A message is UTF-8 JSON, read strictly: anything else is garbage from a member, refused.
// A re-key names the secret it replaces by a fingerprint, so it is valid exactly once: replayed
// after the switch (or from before an earlier one) it names a secret that is no longer current.

import { digest as sha256 } from 'lib0/hash/sha256';

export const ROOM_KEY_CHANNEL = 'room-key';
const VERSION = 1;
/** A re-key message is about 250 bytes; anything much larger is not one. */
export const MAX_ROOM_KEY_MESSAGE_BYTES = 1024;

const HEX_32 = /^[0-9a-f]{32}$/;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface RekeyMessage {
  readonly type: 'rekey';
  /** Random, names this re-key (its acknowledgement carries it back). */
  readonly id: string;
  readonly roomId: string;
  /** Fingerprint of the secret this replaces (secretFingerprint). */
  readonly previous: string;
  /** The new room secret. */
  readonly secret: string;
  /** The roster person (the incident commander) on whose laptop it was made. */
  readonly by: string;
}

export interface RekeyAck {
  readonly type: 'ack';
  readonly id: string;
}

export type RoomKeyMessage = RekeyMessage | RekeyAck;

export class RoomKeyMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoomKeyMessageError';
  }
}

export function encodeRoomKeyMessage(message: RoomKeyMessage): Uint8Array {
  const body =
    message.type === 'ack'
      ? { v: VERSION, type: 'ack', id: message.id }
      : {
          v: VERSION,
          type: 'rekey',
          id: message.id,
          roomId: message.roomId,
          previous: message.previous,
          secret: message.secret,
          by: message.by,
        };
  return new TextEncoder().encode(JSON.stringify(body));
}

function exactKeys(record: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(record);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(record, key));
}

/** Reads one message; throws RoomKeyMessageError with what is wrong. */
export function decodeRoomKeyMessage(payload: Uint8Array): RoomKeyMessage {
  if (payload.byteLength > MAX_ROOM_KEY_MESSAGE_BYTES) throw new RoomKeyMessageError('a room-key message is too large');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new RoomKeyMessageError('a room-key message is not JSON text');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RoomKeyMessageError('a room-key message is not an object');
  const record = value as Record<string, unknown>;
  if (record.v !== VERSION) throw new RoomKeyMessageError('a room-key message has an unknown version');
  if (record.type === 'ack') {
    if (!exactKeys(record, ['v', 'type', 'id']) || typeof record.id !== 'string' || !HEX_32.test(record.id)) {
      throw new RoomKeyMessageError('a room-key acknowledgement is malformed');
    }
    return { type: 'ack', id: record.id };
  }
  if (record.type !== 'rekey' || !exactKeys(record, ['v', 'type', 'id', 'roomId', 'previous', 'secret', 'by'])) {
    throw new RoomKeyMessageError('a room-key message has unknown fields');
  }
  const { id, roomId, previous, secret, by } = record;
  for (const hex of [id, roomId, previous, secret]) {
    if (typeof hex !== 'string' || !HEX_32.test(hex)) throw new RoomKeyMessageError('a room-key message has a malformed id or key');
  }
  if (typeof by !== 'string' || !PERSON_ID.test(by)) throw new RoomKeyMessageError('a room-key message names no person');
  return { type: 'rekey', id: id as string, roomId: roomId as string, previous: previous as string, secret: secret as string, by };
}

/** 128 random bits as 32 hex characters (a re-key's id; also the shape of a room secret). */
export function randomHex32(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Names a room secret without revealing it: SHA-256 of a labelled secret, 128 bits as hex. Peers
 * hold the secret anyway; the label keeps this value from matching any other use of it.
 */
export function secretFingerprint(roomId: string, secret: string): string {
  const digest = sha256(new TextEncoder().encode(`sitrep room-key v1\n${roomId}\n${secret}`));
  return Array.from(digest.slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
