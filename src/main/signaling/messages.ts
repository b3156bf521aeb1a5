// What a signaling client may send, in the y-webrtc signaling protocol, checked from raw frames.
// Everything arriving here comes from an unauthenticated peer on the network: nothing is trusted.

/** Longer than any room name y-webrtc or Sitrep uses, short enough to keep the topic map small. */
export const MAX_TOPIC_LENGTH = 256;

export type SignalingMessage =
  | { readonly type: 'subscribe'; readonly topics: readonly string[] }
  | { readonly type: 'unsubscribe'; readonly topics: readonly string[] }
  /** `message` is the whole parsed object, relayed as is (y-webrtc puts its payload in `data`). */
  | { readonly type: 'publish'; readonly topic: string; readonly message: Record<string, unknown> }
  | { readonly type: 'ping' };

export type ParsedSignalingMessage =
  | { readonly ok: true; readonly message: SignalingMessage }
  | { readonly ok: false; readonly problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads one WebSocket frame as `ws` hands it over (text frames arrive as Buffers too). */
export function parseSignalingFrame(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ParsedSignalingMessage {
  // The protocol is JSON text; binary frames are never part of it.
  if (isBinary) return invalid('binary frame');
  let text: string;
  try {
    text = utf8.decode(Array.isArray(data) ? Buffer.concat(data) : data);
  } catch {
    return invalid('text frame that is not UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid('not JSON');
  }
  return parseSignalingMessage(value);
}

export function parseSignalingMessage(value: unknown): ParsedSignalingMessage {
  if (!isPlainObject(value)) return invalid('not a JSON object');
  switch (value.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = value.topics;
      if (!Array.isArray(topics)) return invalid(`${value.type} without a topics array`);
      if (!topics.every(isTopic)) return invalid(`${value.type} with a topic that is not a short string`);
      return { ok: true, message: { type: value.type, topics } };
    }
    case 'publish':
      if (!isTopic(value.topic)) return invalid('publish without a valid topic');
      return { ok: true, message: { type: 'publish', topic: value.topic, message: value } };
    case 'ping':
      return { ok: true, message: { type: 'ping' } };
    default:
      return invalid(typeof value.type === 'string' ? `unknown type "${value.type.slice(0, 40)}"` : 'no type');
  }
}

function isTopic(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_TOPIC_LENGTH;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(problem: string): ParsedSignalingMessage {
  return { ok: false, problem };
}

/** Why a subscription was refused, as the `reason` of a `refused` message. */
export type RefusalReason = 'connection-limit' | 'address-limit' | 'server-limit';

const REFUSAL_TEXT: Readonly<Record<RefusalReason, string>> = {
  'connection-limit': 'this connection follows as many rooms as one connection may',
  'address-limit': 'connections from your address follow as many rooms as one address may',
  'server-limit': 'the server holds as many rooms as it can; try again later',
};

/**
 * What the server answers a refused subscription with. Not part of y-webrtc's protocol: clients
 * that read only `publish` and `pong` (y-webrtc, Sitrep's own room) ignore it; a person reading
 * a log learns why the room stays silent.
 */
export function refusedMessage(topic: string, reason: RefusalReason): string {
  return JSON.stringify({ type: 'refused', topic, reason, message: `Not subscribed: ${REFUSAL_TEXT[reason]}.` });
}
