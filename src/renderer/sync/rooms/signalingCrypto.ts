// What a room publishes through a signaling server, and where: nothing a server or anyone
// without the room secret can read, follow or replay.
//
// - The topic is derived from the secret, so the room id (which discovery announces and a join
//   code carries) gives nobody a topic to subscribe to: an HMAC-SHA-256 of the room id.
// - Each message is sealed with AES-GCM under a key derived from the secret; the plaintext is
//   lib0's `writeAny` encoding of the message's fields plus a freshness proof: when it was sealed
//   (`sentAt`, ms since the epoch) and a random `nonce`. A message older or newer than the window
//   is refused, and so is one whose nonce was already seen within it: a recorded message replayed
//   a minute or a day later opens nothing.
//
// Keys (all from the same master, so one derivation per room opening):
//   master   = PBKDF2-HMAC-SHA-256(password = UTF-8 secret, salt = UTF-8 "sitrep-room-v1:" + room id, 100,000 rounds, 256 bits)
//   topicKey = HKDF-SHA-256(master, salt = empty, info = "sitrep signaling topic v1"), an HMAC-SHA-256 key
//   sealKey  = HKDF-SHA-256(master, salt = empty, info = "sitrep signaling seal v1"), an AES-GCM-256 key
//   topic    = "sitrep1." + base64url, unpadded, of HMAC-SHA-256(topicKey, UTF-8 room id)
// A sealed message: lib0 var-string SEAL_FORMAT, var-bytes IV (12 random bytes), var-bytes AES-GCM
// ciphertext with its 16-byte tag. This is no longer y-webrtc's (it used the secret and room id as
// PBKDF2 password and salt directly, the room id as topic, and had no freshness): a y-webrtc peer
// cannot join a Sitrep room, by design.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** The label that starts every sealed message; y-webrtc's were "AES-GCM". */
export const SEAL_FORMAT = 'sitrep-signal-v1';
export const TOPIC_PREFIX = 'sitrep1.';
const PBKDF2_ROUNDS = 100_000;
const SALT_PREFIX = 'sitrep-room-v1:';
const TOPIC_INFO = 'sitrep signaling topic v1';
const SEAL_INFO = 'sitrep signaling seal v1';
const IV_BYTES = 12;
export const NONCE_BYTES = 16;

/**
 * How far a message's `sentAt` may be from this computer's clock. Wide enough for laptops whose
 * clocks drift (NTP keeps them within seconds; a laptop that has been offline for days, within
 * a minute or so), narrow enough that a recording is useless soon after.
 */
export const FRESHNESS_WINDOW_MS = 2 * 60_000;
/**
 * Nonces remembered at once. An honest room publishes a few dozen messages a minute per peer;
 * only a holder of the secret can make messages with new nonces, so reaching this means a member
 * is flooding, and new messages are refused (not old nonces forgotten) until some expire.
 */
export const MAX_REMEMBERED_NONCES = 20_000;

const utf8 = new TextEncoder();

export interface RoomKeys {
  /** The signaling topic this room subscribes and publishes to. */
  readonly topic: string;
  readonly sealKey: CryptoKey;
}

/**
 * Derived keys kept in memory per room and secret: PBKDF2 runs once per secret in this window,
 * not on every open and reconnect. A few rooms at most; the oldest goes first. A failed
 * derivation is not kept.
 */
const derived = new Map<string, Promise<RoomKeys>>();
export const MAX_DERIVED_ROOM_KEYS = 16;

/** Derives the room's topic and sealing key from its secret (PBKDF2 takes a moment; see `derived`). */
export function deriveRoomKeys(secret: string, roomId: string): Promise<RoomKeys> {
  const key = `${roomId}\u0000${secret}`;
  const known = derived.get(key);
  if (known) return known;
  const keys = deriveRoomKeysNow(secret, roomId);
  derived.set(key, keys);
  if (derived.size > MAX_DERIVED_ROOM_KEYS) derived.delete(derived.keys().next().value as string);
  keys.catch(() => {
    if (derived.get(key) === keys) derived.delete(key);
  });
  return keys;
}

async function deriveRoomKeysNow(secret: string, roomId: string): Promise<RoomKeys> {
  const subtle = crypto.subtle;
  const password = await subtle.importKey('raw', utf8.encode(secret), 'PBKDF2', false, ['deriveBits']);
  const masterBits = await subtle.deriveBits(
    { name: 'PBKDF2', salt: utf8.encode(SALT_PREFIX + roomId), iterations: PBKDF2_ROUNDS, hash: 'SHA-256' },
    password,
    256,
  );
  const master = await subtle.importKey('raw', masterBits, 'HKDF', false, ['deriveKey']);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8.encode(info) });
  const topicKey = await subtle.deriveKey(hkdf(TOPIC_INFO), master, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
  const sealKey = await subtle.deriveKey(hkdf(SEAL_INFO), master, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const mac = new Uint8Array(await subtle.sign('HMAC', topicKey, utf8.encode(roomId)));
  return { topic: TOPIC_PREFIX + base64url(mac), sealKey };
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/** Fields of a signaling message; `sentAt` and `nonce` are added when it is sealed. */
export type SignalFields = { readonly [field: string]: encoding.AnyEncodable };

/** Seals a message with its freshness proof: `sentAt` (now) and a new random `nonce`. */
export async function sealSignal(fields: SignalFields, key: CryptoKey, now: number = Date.now()): Promise<Uint8Array> {
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
  const plain = encoding.createEncoder();
  encoding.writeAny(plain, { ...fields, sentAt: now, nonce });
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoding.toUint8Array(plain)));
  const sealed = encoding.createEncoder();
  encoding.writeVarString(sealed, SEAL_FORMAT);
  encoding.writeVarUint8Array(sealed, iv);
  encoding.writeVarUint8Array(sealed, cipher);
  return encoding.toUint8Array(sealed);
}

/** Why an opened message is refused: `foreign` (not sealed with this room's key), or its freshness proof. */
export type RefusedSignal = 'foreign' | 'stale' | 'replayed' | 'flooded';

export type OpenedSignal =
  | { readonly ok: true; readonly message: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: RefusedSignal; readonly detail: string };

function refused(reason: RefusedSignal, detail: string): OpenedSignal {
  return { ok: false, reason, detail };
}

/**
 * Opens a sealed message and checks its freshness proof; never rejects. A message is accepted
 * once: its nonce is remembered by `freshness` until it would be refused as stale anyway.
 */
export async function openSignal(sealed: Uint8Array, key: CryptoKey, freshness: Freshness): Promise<OpenedSignal> {
  let iv: Uint8Array<ArrayBuffer>;
  let cipher: Uint8Array<ArrayBuffer>;
  try {
    const decoder = decoding.createDecoder(sealed);
    const format = decoding.readVarString(decoder);
    if (format !== SEAL_FORMAT) return refused('foreign', `sealed as "${format.slice(0, 20)}"`);
    // Copies: WebCrypto wants buffers of their own, not views into the message.
    iv = decoding.readVarUint8Array(decoder).slice();
    cipher = decoding.readVarUint8Array(decoder).slice();
  } catch (error) {
    return refused('foreign', `not a sealed message (${describe(error)})`);
  }
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher));
  } catch {
    // WebCrypto's OperationError: the authentication tag does not match this room's key.
    return refused('foreign', 'sealed with another room secret');
  }
  let message: unknown;
  try {
    message = decoding.readAny(decoding.createDecoder(plain));
  } catch (error) {
    return refused('foreign', `its content does not decode (${describe(error)})`);
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return refused('foreign', 'its content is not a message');
  const { sentAt, nonce } = message as Record<string, unknown>;
  const verdict = freshness.check(sentAt, nonce);
  if (verdict !== 'fresh') return refused(verdict, describeVerdict(verdict, sentAt, freshness.now()));
  return { ok: true, message: message as Record<string, unknown> };
}

function describeVerdict(verdict: Exclude<FreshnessVerdict, 'fresh'>, sentAt: unknown, now: number): string {
  if (verdict === 'replayed') return 'a message already received (a replay)';
  if (verdict === 'flooded') return `more than ${MAX_REMEMBERED_NONCES} messages in the freshness window`;
  if (typeof sentAt !== 'number') return 'no time it was sent';
  return `sent ${Math.round((now - sentAt) / 1000)} s from this computer's clock, outside the ${FRESHNESS_WINDOW_MS / 1000} s window`;
}

export type FreshnessVerdict = 'fresh' | Exclude<RefusedSignal, 'foreign'>;

/** The freshness check of one room: the window on `sentAt` and the nonces seen within it. */
export class Freshness {
  /** Nonce → the time (this computer's clock) after which its message is stale anyway. */
  private readonly seen = new Map<string, number>();

  constructor(
    readonly now: () => number = Date.now,
    private readonly windowMs: number = FRESHNESS_WINDOW_MS,
    private readonly maxNonces: number = MAX_REMEMBERED_NONCES,
  ) {}

  /** Nonces held now (for tests: memory stays bounded). */
  remembered(): number {
    return this.seen.size;
  }

  check(sentAt: unknown, nonce: unknown): FreshnessVerdict {
    const now = this.now();
    if (typeof sentAt !== 'number' || !Number.isFinite(sentAt) || Math.abs(now - sentAt) > this.windowMs) return 'stale';
    if (typeof nonce !== 'string' || nonce.length < 16 || nonce.length > 64) return 'stale';
    const expiry = this.seen.get(nonce);
    if (expiry !== undefined && expiry >= now) return 'replayed';
    if (this.seen.size >= this.maxNonces) this.forgetExpired(now);
    if (this.seen.size >= this.maxNonces) return 'flooded';
    // Its message stays acceptable until sentAt + window on this clock: remember it that long.
    this.seen.set(nonce, sentAt + this.windowMs);
    // Now and then, so that a quiet room does not hold a busy hour's nonces.
    if (this.seen.size % 1024 === 0) this.forgetExpired(now);
    return 'fresh';
  }

  private forgetExpired(now: number): void {
    for (const [nonce, expiry] of this.seen) if (expiry < now) this.seen.delete(nonce);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
