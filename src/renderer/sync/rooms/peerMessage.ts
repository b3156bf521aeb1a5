// Reads one message a peer sent over WebRTC, fully, before y-webrtc sees it: y-webrtc reads
// messages without any guard, so a truncated or foreign one throws inside the data channel's
// handler, and a Yjs update that breaks off in its delete set is applied half way.
import * as Y from 'yjs';

/** Message types of y-webrtc 10 (src/y-webrtc.js). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const MESSAGE_BC_PEER_ID = 4;
/** Sync message types of y-protocols/sync. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export interface PeerMessageLimits {
  /**
   * Largest message read at all. y-webrtc sends the whole document missing on the other side as
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

export type PeerMessageKind = 'sync-request' | 'sync-update' | 'awareness' | 'awareness-query';

export type Inspection =
  | { readonly ok: true; readonly kind: PeerMessageKind; /** Presence client ids an awareness message speaks for. */ readonly clientIDs?: readonly number[] }
  | { readonly ok: false; readonly reason: 'oversized' | 'malformed'; readonly detail: string };

class Truncated extends Error {}

/** A cursor over the message with lib0's variable-length integer encoding. */
class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  varUint(): number {
    let num = 0;
    let mult = 1;
    while (this.pos < this.bytes.length) {
      const byte = this.bytes[this.pos++]!;
      num += (byte & 0x7f) * mult;
      mult *= 128;
      if (byte < 0x80) return num;
      if (num > Number.MAX_SAFE_INTEGER) throw new Truncated('an integer too large');
    }
    throw new Truncated('it ends in the middle of an integer');
  }

  varBytes(): Uint8Array {
    const length = this.varUint();
    if (length > this.bytes.length - this.pos) throw new Truncated(`it announces ${length} bytes and holds ${this.bytes.length - this.pos}`);
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }
}

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

function inspectSync(reader: Reader): Inspection {
  const type = reader.varUint();
  const payload = reader.varBytes();
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

function inspectAwareness(reader: Reader, self: LocalAwareness, limits: PeerMessageLimits): Inspection {
  const update = new Reader(reader.varBytes());
  const count = update.varUint();
  if (count > limits.maxAwarenessStates) return malformed(`${count} presence states in one message`);
  const clientIDs: number[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = update.varUint();
    clientIDs.push(clientID);
    const clock = update.varUint();
    const bytes = update.varBytes();
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

/** Decides whether a message from a peer may reach y-webrtc. Never throws. */
export function inspectPeerMessage(data: unknown, self: LocalAwareness, limits: PeerMessageLimits = DEFAULT_MESSAGE_LIMITS): Inspection {
  if (!(data instanceof Uint8Array)) return malformed(`a ${typeof data} instead of binary data`);
  if (data.length > limits.maxMessageBytes) {
    return { ok: false, reason: 'oversized', detail: `${data.length} bytes, more than the ${limits.maxMessageBytes} allowed` };
  }
  if (data.length === 0) return malformed('an empty message');
  try {
    const reader = new Reader(data);
    const type = reader.varUint();
    switch (type) {
      case MESSAGE_SYNC:
        return inspectSync(reader);
      case MESSAGE_AWARENESS:
        return inspectAwareness(reader, self, limits);
      case MESSAGE_QUERY_AWARENESS:
        return { ok: true, kind: 'awareness-query' };
      case MESSAGE_BC_PEER_ID:
        // Only ever sent between tabs of one browser; over WebRTC it would let a peer make us
        // ignore other peers' signaling (y-webrtc skips peers it believes are local tabs).
        return malformed('a browser-tab message over WebRTC');
      default:
        return malformed(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof Truncated) return malformed(`truncated: ${error.message}`);
    return malformed(`unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
}
