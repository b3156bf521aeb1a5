// Reads one message a peer sent over WebRTC, fully, before the room applies it: y-protocols reads
// messages without any guard, so a truncated or foreign one throws part way, and a Yjs update
// that breaks off in its delete set is applied half way.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { isAppChannelName, MAX_APP_PAYLOAD_BYTES } from './appChannel';
import {
  MESSAGE_APP,
  MESSAGE_AWARENESS,
  MESSAGE_BC_PEER_ID,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from './peerWire';

export interface PeerMessageLimits {
  /**
   * Largest message read at all. A peer sends the whole document missing on the other side as
   * one sync message when peers meet; 3,000 notes and 300 tasks encode to about 1 MiB, so 4 MiB
   * leaves room for a long incident while bounding what one message can make us decode and hold.
   * (Chromium's data channels refuse messages over 256 KiB, so this is a backstop for other stacks.)
   */
  readonly maxMessageBytes: number;
  /** A Sitrep presence is about 300 bytes of JSON; anything far larger is not one. */
  readonly maxPresenceStateBytes: number;
  /** Presence states in one awareness message: a room holds at most 30 peers, each relaying others. */
  readonly maxAwarenessStates: number;
}

export const DEFAULT_MESSAGE_LIMITS: PeerMessageLimits = Object.freeze({
  maxMessageBytes: 4 * 1024 * 1024,
  maxPresenceStateBytes: 8 * 1024,
  maxAwarenessStates: 512,
});

/** Who this computer is in the room's awareness, to refuse a peer speaking for it. */
export interface LocalAwareness {
  readonly clientID: number;
  /** Our own presence clock: a peer relaying our state never has a newer one. */
  readonly clock: number;
}

export type PeerMessageKind = 'sync-request' | 'sync-update' | 'awareness' | 'awareness-query' | 'app';

export type Inspection =
  | {
      readonly ok: true;
      readonly kind: PeerMessageKind /** Presence client ids an awareness message speaks for. */;
      readonly clientIDs?: readonly number[];
    }
  | { readonly ok: false; readonly reason: 'oversized' | 'malformed'; readonly detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function malformed(detail: string): Inspection {
  return { ok: false, reason: 'malformed', detail };
}

function decodes(read: () => void, what: string): string | null {
  try {
    read();
    return null;
  } catch (error) {
    return `${what} does not decode (${error instanceof Error ? error.message : String(error)})`;
  }
}

function inspectSync(decoder: decoding.Decoder): Inspection {
  const type = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (type) {
    case SYNC_STEP_1: {
      const problem = decodes(() => Y.decodeStateVector(payload), 'a state vector');
      return problem ? malformed(problem) : { ok: true, kind: 'sync-request' };
    }
    case SYNC_STEP_2:
    case SYNC_UPDATE: {
      // Decoding the whole update (structs and delete set) first is what makes applying it all or
      // nothing: Yjs integrates the structs before it reads the delete set.
      const problem = decodes(() => Y.decodeUpdate(payload), 'a document update');
      return problem ? malformed(problem) : { ok: true, kind: 'sync-update' };
    }
    default:
      return malformed(`unknown sync message type ${type}`);
  }
}

function inspectApp(decoder: decoding.Decoder, length: number): Inspection {
  const channel = decoding.readVarString(decoder);
  if (!isAppChannelName(channel)) return malformed(`an app message on a channel named ${JSON.stringify(channel.slice(0, 40))}`);
  // The payload's length is read first so that a huge one is refused before it is copied anywhere.
  const payloadLength = decoding.readVarUint(decoder);
  if (payloadLength > MAX_APP_PAYLOAD_BYTES) return malformed(`an app message of ${payloadLength} bytes on ${channel}`);
  // lib0 reads a view without checking the end (a view into a larger buffer reads past it).
  const rest = length - decoder.pos;
  if (payloadLength > rest) return malformed(`an app message on ${channel} cut short (${rest} of ${payloadLength} bytes)`);
  if (payloadLength < rest) return malformed(`${rest - payloadLength} bytes after an app message on ${channel}`);
  return { ok: true, kind: 'app' };
}

function inspectAwareness(decoder: decoding.Decoder, self: LocalAwareness, limits: PeerMessageLimits): Inspection {
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const count = decoding.readVarUint(update);
  if (count > limits.maxAwarenessStates) return malformed(`${count} presence states in one message`);
  const clientIDs: number[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(update);
    clientIDs.push(clientID);
    const clock = decoding.readVarUint(update);
    const bytes = decoding.readVarUint8Array(update);
    if (bytes.length > limits.maxPresenceStateBytes) return malformed(`a presence state of ${bytes.length} bytes`);
    let state: unknown;
    try {
      state = JSON.parse(utf8.decode(bytes));
    } catch {
      return malformed('a presence state that is not JSON');
    }
    if (clientID === self.clientID && state !== null && clock > self.clock) {
      return malformed('a presence state in the name of this computer');
    }
  }
  return { ok: true, kind: 'awareness', clientIDs };
}

/** Decides whether a message from a peer may reach the document and the presence. Never throws. */
export function inspectPeerMessage(data: unknown, self: LocalAwareness, limits: PeerMessageLimits = DEFAULT_MESSAGE_LIMITS): Inspection {
  if (!(data instanceof Uint8Array)) return malformed(`a ${typeof data} instead of binary data`);
  if (data.length > limits.maxMessageBytes) {
    return { ok: false, reason: 'oversized', detail: `${data.length} bytes, more than the ${limits.maxMessageBytes} allowed` };
  }
  if (data.length === 0) return malformed('an empty message');
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return inspectSync(decoder);
      case MESSAGE_AWARENESS:
        return inspectAwareness(decoder, self, limits);
      case MESSAGE_QUERY_AWARENESS:
        return { ok: true, kind: 'awareness-query' };
      case MESSAGE_APP:
        return inspectApp(decoder, data.length);
      case MESSAGE_BC_PEER_ID:
        // y-webrtc sends it only between tabs of one browser; it has no meaning over WebRTC.
        return malformed('a browser-tab message over WebRTC');
      default:
        return malformed(`unknown message type ${type}`);
    }
  } catch (error) {
    // lib0's decoder throws when a length or an integer runs past the end of the message.
    return malformed(`truncated or unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
}
