// Reads one message a peer sent over WebRTC, fully, before the room applies it: y-protocols reads
// messages without any guard, so a truncated or foreign one throws part way, and a Yjs update
// that breaks off in its delete set is applied half way.
//
// Each message is decoded once: the reading here checks a document update's bytes without
// building anything (Yjs builds the update's structs when it applies it, and builds them all
// before it integrates any), and hands the room the parts it read, so the room does not read the
// framing again.
import * as decoding from 'lib0/decoding';
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

/** A message the guard read and found sound, in the parts the room applies. */
export type PeerMessage =
  /** Sync step 1: the peer's encoded state vector; the room answers with what the peer lacks. */
  | { readonly kind: 'sync-request'; readonly stateVector: Uint8Array }
  /** Sync step 2 (`step2`: the peer's answer to our request) or an update; `update` is a Yjs v1 update. */
  | { readonly kind: 'sync-update'; readonly step2: boolean; readonly update: Uint8Array }
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  | { readonly kind: 'awareness-query' }
  | { readonly kind: 'app'; readonly channel: string; readonly payload: Uint8Array };

export type Inspection =
  | {
      readonly ok: true;
      readonly kind: PeerMessageKind /** Presence client ids an awareness message speaks for. */;
      readonly clientIDs?: readonly number[];
      /** What the room applies: the parts read here (views into the message, not copies). */
      readonly message: PeerMessage;
    }
  | { readonly ok: false; readonly reason: 'oversized' | 'malformed'; readonly detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const AWARENESS_QUERY: PeerMessage = Object.freeze({ kind: 'awareness-query' });

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
      const problem = decodes(() => scanStateVector(payload), 'a state vector');
      return problem ? malformed(problem) : { ok: true, kind: 'sync-request', message: { kind: 'sync-request', stateVector: payload } };
    }
    case SYNC_STEP_2:
    case SYNC_UPDATE: {
      // Reading the whole update (structs and delete set) first is what makes applying it all or
      // nothing: Yjs integrates the structs before it reads the delete set.
      const problem = decodes(() => scanUpdate(payload), 'a document update');
      return problem
        ? malformed(problem)
        : { ok: true, kind: 'sync-update', message: { kind: 'sync-update', step2: type === SYNC_STEP_2, update: payload } };
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
  const payload = decoding.readUint8Array(decoder, payloadLength);
  return { ok: true, kind: 'app', message: { kind: 'app', channel, payload } };
}

function inspectAwareness(decoder: decoding.Decoder, self: LocalAwareness, limits: PeerMessageLimits): Inspection {
  const bytes = decoding.readVarUint8Array(decoder);
  const update = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(update);
  if (count > limits.maxAwarenessStates) return malformed(`${count} presence states in one message`);
  const clientIDs: number[] = [];
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(update);
    clientIDs.push(clientID);
    const clock = decoding.readVarUint(update);
    const json = decoding.readVarUint8Array(update);
    if (json.length > limits.maxPresenceStateBytes) return malformed(`a presence state of ${json.length} bytes`);
    let state: unknown;
    try {
      state = JSON.parse(utf8.decode(json));
    } catch {
      return malformed('a presence state that is not JSON');
    }
    if (clientID === self.clientID && state !== null && clock > self.clock) {
      return malformed('a presence state in the name of this computer');
    }
  }
  return { ok: true, kind: 'awareness', clientIDs, message: { kind: 'awareness', update: bytes } };
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
        return { ok: true, kind: 'awareness-query', message: AWARENESS_QUERY };
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

// The scan below follows the layout Yjs 13 reads in an update (v1 encoding: readClientsStructRefs,
// readItemContent and readDeleteSet in yjs; lib0's readAny). It builds nothing: it checks that
// every length and number is there and that each kind of struct and content is one Yjs knows, so
// that Yjs's own reading, when the room applies the update, finds the delete set where the scan did.

/** The info byte's flags (lib0 binary.BIT8, BIT7, BIT6) and its content number (BITS5). */
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const CONTENT_BITS = 0x1f;
/** Type refs of ContentType (yjs typeRefs): 3 YXmlElement and 5 YXmlHook carry a name; 6 is the last. */
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;
const LAST_TYPE_REF = 6;

function byte(decoder: decoding.Decoder): number {
  if (decoder.pos >= decoder.arr.length) throw new Error('Unexpected end of array');
  return decoder.arr[decoder.pos++] as number;
}

function skip(decoder: decoding.Decoder, length: number): void {
  if (length > decoder.arr.length - decoder.pos) throw new Error('Unexpected end of array');
  decoder.pos += length;
}

/** A string or a byte array: its length, then that many bytes. */
function skipBytes(decoder: decoding.Decoder): void {
  skip(decoder, decoding.readVarUint(decoder));
}

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** One value in lib0's `writeAny` encoding. */
function skipAny(decoder: decoding.Decoder): void {
  const tag = byte(decoder);
  switch (tag) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return;
    case 125:
      decoding.readVarInt(decoder);
      return;
    case 124:
      skip(decoder, 4);
      return;
    case 123: // float64
    case 122: // bigint64
      skip(decoder, 8);
      return;
    case 119: // string
    case 116: // Uint8Array
      skipBytes(decoder);
      return;
    case 118: {
      const entries = decoding.readVarUint(decoder);
      for (let i = 0; i < entries; i++) {
        skipBytes(decoder);
        skipAny(decoder);
      }
      return;
    }
    case 117: {
      const items = decoding.readVarUint(decoder);
      for (let i = 0; i < items; i++) skipAny(decoder);
      return;
    }
    default:
      throw new Error(`unknown value tag ${tag}`);
  }
}

function skipContent(decoder: decoding.Decoder, content: number): void {
  switch (content) {
    case 1: // deleted: its length
      decoding.readVarUint(decoder);
      return;
    case 2: {
      // JSON: strings
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipBytes(decoder);
      return;
    }
    case 3: // binary
    case 4: // string
    case 5: // embed (JSON text)
      skipBytes(decoder);
      return;
    case 6: // format: key, JSON text
      skipBytes(decoder);
      skipBytes(decoder);
      return;
    case 7: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > LAST_TYPE_REF) throw new Error(`unknown type ${typeRef}`);
      if (typeRef === TYPE_XML_ELEMENT || typeRef === TYPE_XML_HOOK) skipBytes(decoder);
      return;
    }
    case 8: {
      const count = decoding.readVarUint(decoder);
      for (let i = 0; i < count; i++) skipAny(decoder);
      return;
    }
    case 9: // subdocument: guid, options
      skipBytes(decoder);
      skipAny(decoder);
      return;
    default:
      throw new Error(`unknown content ${content}`);
  }
}

/** Checks a Yjs v1 update end to end, structs then delete set, without building it; throws where it breaks. */
export function scanUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder); // client
    decoding.readVarUint(decoder); // first clock
    for (let s = 0; s < structs; s++) {
      const info = byte(decoder);
      const content = info & CONTENT_BITS;
      // 0: GC and 10: skip, each only a length.
      if (content === 0 || content === 10) {
        decoding.readVarUint(decoder);
        continue;
      }
      if (info & HAS_ORIGIN) skipId(decoder);
      if (info & HAS_RIGHT_ORIGIN) skipId(decoder);
      if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
        // The parent: a root type's name (1), or the id of the item holding it.
        if (decoding.readVarUint(decoder) === 1) skipBytes(decoder);
        else skipId(decoder);
        if (info & HAS_PARENT_SUB) skipBytes(decoder);
      }
      skipContent(decoder, content);
    }
  }
  const deleteClients = decoding.readVarUint(decoder);
  for (let c = 0; c < deleteClients; c++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    for (let r = 0; r < ranges; r++) skipId(decoder); // clock, length
  }
}

/** Checks an encoded state vector (client, clock pairs) without building it. */
export function scanStateVector(stateVector: Uint8Array): void {
  const decoder = decoding.createDecoder(stateVector);
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) skipId(decoder);
}
