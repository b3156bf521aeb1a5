// Join codes: the one copyable string (or sitrep://join/ link) that carries everything a responder
// needs to reach an incident's room: the room id, the room secret and the signaling addresses.
//
// Layout of a version 2 code: `SITREP2-` then Crockford base32 of these bytes, in dash-separated
// groups of five characters:
//   room id (16 bytes) | room secret (16 bytes) | address count (1 byte, 1..8)
//   | per address: length (1 byte, 1..200) and the address in its canonical ASCII form
//   | optionally a relay section: 0x01 | address length (1 byte) and the turn:/turns: address
//     | credential expiry (4 bytes, unix seconds, big-endian) | name length (1 byte) and the name
//     | HMAC-SHA1 credential (20 bytes)
//   | zero padding (0..4 bytes) | tag (10 bytes)
// tag = the first 10 bytes of HMAC-SHA-256, keyed by the 16 raw bytes of the room secret, over
// the ASCII label "sitrep join code v2", one zero byte, then every byte before the tag.
// The padding makes the byte count a multiple of five, so every base32 character carries five
// bits that the tag covers. The tag replaces version 1's CRC-32: anyone could recompute a CRC
// after changing an address; only someone holding the room secret can make a tag that checks
// against it, which is what lets a laptop that already knows a room tell a code from the room's
// members from one built from the public room id (see compareWithStoredRoom). Version 1 codes are
// refused with a request for a fresh code: they cannot be told apart from altered ones.
// The relay section carries a coturn time-limited credential (username `<expiry>:<name>`, see
// src/core/relay/turnCredentials.ts), never the relay's shared secret; a code without it is the
// same code as before the section existed (where the section starts, they had padding).
import { base32crockford, base64, hex } from '@scure/base';

export const JOIN_CODE_VERSION = 2;
export const JOIN_CODE_PREFIX = `SITREP${JOIN_CODE_VERSION}-`;
export const JOIN_LINK_PREFIX = 'sitrep://join/';
export const MAX_SIGNALING_ADDRESSES = 8;
export const MAX_SIGNALING_ADDRESS_LENGTH = 200;
/** Bytes of the HMAC-SHA-256 kept as the code's tag: 80 bits, so a guessed tag is right once in 2^80 tries. */
export const JOIN_CODE_TAG_BYTES = 10;
/** Domain separation: the same secret also keys the room's signaling, which must never produce a valid tag. */
export const JOIN_CODE_TAG_LABEL = 'sitrep join code v2';

const CREDENTIAL_BYTES = 16; // 128 bits each for the room id and the room secret
const CREDENTIAL_PATTERN = /^[0-9a-f]{32}$/;
const GROUP_LENGTH = 5;
const HEADER_BYTES = CREDENTIAL_BYTES * 2 + 1;
const MIN_PAYLOAD_BYTES = HEADER_BYTES + 1 + 'ws://x'.length + JOIN_CODE_TAG_BYTES;
/** The byte that starts the relay section after the addresses (padding is zeros, so it cannot be mistaken for it). */
const RELAY_SECTION = 0x01;
export const MAX_RELAY_ADDRESS_LENGTH = 200;
export const MAX_RELAY_NAME_LENGTH = 64;
const RELAY_CREDENTIAL_BYTES = 20; // HMAC-SHA1
const RELAY_NAME = /^[A-Za-z0-9._-]+$/;
const MAX_RELAY_SECTION_BYTES = 1 + 1 + MAX_RELAY_ADDRESS_LENGTH + 4 + 1 + MAX_RELAY_NAME_LENGTH + RELAY_CREDENTIAL_BYTES;
const MAX_PAYLOAD_BYTES = roundUpToFive(
  HEADER_BYTES + MAX_SIGNALING_ADDRESSES * (1 + MAX_SIGNALING_ADDRESS_LENGTH) + MAX_RELAY_SECTION_BYTES + JOIN_CODE_TAG_BYTES,
);
const MAX_BODY_CHARS = (MAX_PAYLOAD_BYTES / 5) * 8;
/**
 * Anything longer than this cannot be a code, even with generous whitespace: it is refused
 * before any work is done on it (the deep-link handler in main uses the same bound).
 */
export const MAX_JOIN_INPUT_CHARS = 2 * (JOIN_LINK_PREFIX.length + JOIN_CODE_PREFIX.length + MAX_BODY_CHARS * 2);

/** The room a responder is invited into. `roomId` and `secret` are 32 lowercase hex characters. */
export interface Invitation {
  readonly roomId: string;
  readonly secret: string;
  readonly signaling: readonly string[];
  /** A TURN relay the room can be reached through, with a credential that expires by itself. */
  readonly relay?: RelayInvitation;
}

/**
 * A relay as a join code carries it: the address and a coturn time-limited credential derived for
 * joiners (username `<expiresAt>:<name>`, credential base64(HMAC-SHA1(shared secret, username))).
 */
export interface RelayInvitation {
  /** `turn:host:port` or `turns:host:port`. */
  readonly url: string;
  readonly username: string;
  readonly credential: string;
  /** Unix seconds after which the relay refuses the credential. */
  readonly expiresAt: number;
}

export interface RoomCredentials {
  readonly roomId: string;
  readonly secret: string;
}

export type JoinCodeProblem =
  | 'empty'
  | 'not-a-sitrep-code'
  | 'outdated-version'
  | 'unsupported-version'
  | 'bad-characters'
  | 'truncated'
  | 'malformed'
  | 'not-authentic'
  | 'bad-signaling-address'
  | 'bad-relay'
  | 'too-long';

/**
 * Why a code (or an address for one) cannot be used, for people: `code` is a stable key, rendered
 * by the UI through its catalog (`room:joinCode.<code>`) with `params`; `detail`, when present, is
 * rendered first and passed to it as the `detail` argument. The English sentence is `message`.
 */
export interface JoinCodeMessage {
  readonly code: JoinCodeMessageCode;
  readonly params: JoinCodeParams;
  readonly detail?: JoinCodeMessage;
}

export type JoinCodeParams = Readonly<Record<string, string | number>>;

/** A refusal: the reason (for code), the message's key and arguments (for the UI), and English (for logs). */
export interface JoinCodeFailure extends JoinCodeMessage {
  readonly ok: false;
  readonly reason: JoinCodeProblem;
  readonly message: string;
}

export type JoinCodeResult = { readonly ok: true; readonly invitation: Invitation } | JoinCodeFailure;

/** A code read without checking its tag: what main may look at, and the first half of parseJoinInput. */
export type JoinCodeReading =
  | { readonly ok: true; readonly invitation: Invitation; readonly signed: Uint8Array; readonly tag: Uint8Array }
  | JoinCodeFailure;

/** Thrown by the encoders when asked to build a code that could not be joined. */
export class JoinCodeError extends Error {
  readonly code: JoinCodeMessageCode;
  readonly params: JoinCodeParams;
  readonly detail?: JoinCodeMessage;
  constructor(
    readonly reason: JoinCodeProblem,
    said: JoinCodeMessage,
  ) {
    super(englishJoinCodeMessage(said));
    this.name = 'JoinCodeError';
    this.code = said.code;
    this.params = said.params;
    if (said.detail) this.detail = said.detail;
  }
}

export function createRoomCredentials(): RoomCredentials {
  return { roomId: randomHex(CREDENTIAL_BYTES), secret: randomHex(CREDENTIAL_BYTES) };
}

/**
 * An address written the one way Sitrep writes it: `ws://` or `wss://`, the host (lower case,
 * IDN as punycode, IPv6 in brackets) and the port when it is not the scheme's default. Null when
 * the text is not a signaling address at all or carries anything else (see signalingAddressProblem).
 */
export function canonicalSignalingAddress(address: string): string | null {
  const parsed = parseAddress(address);
  return parsed instanceof URL ? `${parsed.protocol}//${parsed.host}` : null;
}

/**
 * Why a signaling address cannot go into a join code, as a sentence, or null when it can. Only
 * the canonical form is accepted: a user name, password, path, query or fragment could steer a
 * responder's laptop somewhere the host part does not say, and two spellings of one address
 * would read as a change of address to a laptop that already knows the room.
 * Used by the settings screen and the stored rooms as well as by the codes.
 */
export function signalingAddressProblem(address: string): string | null {
  const issue = signalingAddressIssue(address);
  return issue === null ? null : englishJoinCodeMessage(issue);
}

/** signalingAddressProblem as a key and arguments, for the UI to say in its language. */
export function signalingAddressIssue(address: string): JoinCodeMessage | null {
  const parsed = parseAddress(address);
  if (!(parsed instanceof URL)) return parsed;
  const canonical = `${parsed.protocol}//${parsed.host}`;
  if (canonical !== address) return said('address.notCanonical', { address: shorten(address), canonical });
  return null;
}

const RELAY_ADDRESS = /^(turns?):(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(\d{1,5})$/;

/**
 * Why a relay address cannot be used, as a sentence, or null when it can: `turn:` or `turns:`, a
 * host name or IP address in lower case (IPv6 in brackets), and a port. No user name, query or
 * transport parameter: the credential travels beside it, and one way of writing keeps codes equal.
 */
export function relayAddressProblem(address: string): string | null {
  const issue = relayAddressIssue(address);
  return issue === null ? null : englishJoinCodeMessage(issue);
}

/** relayAddressProblem as a key and arguments, for the UI to say in its language. */
export function relayAddressIssue(address: string): JoinCodeMessage | null {
  const shown = { address: shorten(address) };
  if (address.length === 0) return said('relay.empty');
  if (address.length > MAX_RELAY_ADDRESS_LENGTH) return said('relay.tooLong', { ...shown, max: MAX_RELAY_ADDRESS_LENGTH });
  if (!/^turns?:/i.test(address)) return said('relay.scheme', shown);
  if (address.includes('@') || address.includes('?')) return said('relay.userOrQuery', shown);
  const match = RELAY_ADDRESS.exec(address);
  if (match === null) {
    if (/^turns?:\/\//i.test(address)) return said('relay.slashes', shown);
    if (!/:\d{1,5}$/.test(address)) return said('relay.noPort', shown);
    return said('relay.notHost', shown);
  }
  const port = Number(match[3]);
  if (port < 1 || port > 65_535) return said('relay.port', { ...shown, port: match[3] ?? '' });
  return null;
}

/** Why a code's relay credential cannot be used at `now` (epoch milliseconds), or null. */
export function relayInvitationProblem(relay: RelayInvitation, now: number): string | null {
  const issue = relayInvitationIssue(relay, now);
  return issue === null ? null : englishJoinCodeMessage(issue);
}

/** relayInvitationProblem as a key and arguments; `at` is the expiry in UTC, written the same in every language. */
export function relayInvitationIssue(relay: RelayInvitation, now: number): JoinCodeMessage | null {
  if (relay.expiresAt * 1000 > now) return null;
  return said('relay.expired', { at: new Date(relay.expiresAt * 1000).toISOString().replace('T', ' ').slice(0, 16) });
}

function parseAddress(address: string): URL | JoinCodeMessage {
  if (address.length === 0) return said('address.empty');
  const shown = { address: shorten(address) };
  if (address.length > MAX_SIGNALING_ADDRESS_LENGTH) return said('address.tooLong', { ...shown, max: MAX_SIGNALING_ADDRESS_LENGTH });
  // URL parsing silently drops tabs and line breaks, so refuse them (and spaces) up front.
  if (/[\s\u0000-\u001f\u007f]/.test(address)) return said('address.whitespace', shown);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return said('address.invalid', shown);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return said('address.scheme', shown);
  if (url.hostname === '') return said('address.noHost', shown);
  if (url.username !== '' || url.password !== '' || /^wss?:\/\/[^/?#]*@/i.test(address)) return said('address.credentials', shown);
  if (url.search !== '' || address.includes('?')) return said('address.query', shown);
  if (url.hash !== '' || address.includes('#')) return said('address.fragment', shown);
  if (url.pathname !== '/' && url.pathname !== '') return said('address.path', { ...shown, path: shorten(url.pathname) });
  return url;
}

export async function encodeJoinCode(invitation: Invitation): Promise<string> {
  const bytes = await encodePayload(invitation);
  const body = base32crockford.encode(bytes);
  const groups: string[] = [];
  for (let i = 0; i < body.length; i += GROUP_LENGTH) groups.push(body.slice(i, i + GROUP_LENGTH));
  return JOIN_CODE_PREFIX + groups.join('-');
}

export function joinLinkForCode(code: string): string {
  return JOIN_LINK_PREFIX + code;
}

export async function encodeJoinLink(invitation: Invitation): Promise<string> {
  return joinLinkForCode(await encodeJoinCode(invitation));
}

/** Reads what a responder pasted or typed: a join code or a sitrep://join/ link; checks its tag. */
export async function parseJoinInput(text: string): Promise<JoinCodeResult> {
  return verified(codeBytes(withoutLinkPrefix(text)));
}

/** Decodes a join code (not a link) and checks its tag; whitespace, case and line breaks are tolerated. */
export async function decodeJoinCode(text: string): Promise<JoinCodeResult> {
  return verified(codeBytes(text));
}

/**
 * Reads a code or link as far as it can be read without the tag: prefix, version, characters,
 * length, layout, addresses. Synchronous and dependency-free, so the main process can validate a
 * deep link with it; nothing read here may be trusted before parseJoinInput has checked the tag.
 */
export function readJoinInput(text: string): JoinCodeReading {
  const read = codeBytes(withoutLinkPrefix(text));
  if (!read.ok) return read;
  const payload = decodePayload(read.signed);
  return payload.ok ? { ...payload, signed: read.signed, tag: read.tag } : payload;
}

type CodeBytes = { readonly ok: true; readonly signed: Uint8Array; readonly tag: Uint8Array } | ReturnType<typeof failure>;

function withoutLinkPrefix(text: string): string {
  if (text.length > MAX_JOIN_INPUT_CHARS) return text; // refused as too long by codeBytes
  // Copy and paste from chat and mail brings line breaks, zero-width characters and "smart"
  // dashes; none of them can be part of a code, so they go before anything else is looked at.
  const compact = text.replace(INVISIBLE, '').replace(TYPOGRAPHIC_DASHES, '-');
  return compact.toLowerCase().startsWith(JOIN_LINK_PREFIX) ? compact.slice(JOIN_LINK_PREFIX.length).replace(/\/$/, '') : compact;
}

/** A code's bytes, split into the signed part and the tag; nothing inside is interpreted yet. */
function codeBytes(text: string): CodeBytes {
  if (text.length > MAX_JOIN_INPUT_CHARS) return failure('too-long');
  const compact = text.replace(INVISIBLE, '').replace(TYPOGRAPHIC_DASHES, '-');
  if (compact === '') return failure('empty');

  const prefix = /^sitrep(\d{1,6})-/i.exec(compact);
  if (prefix === null) {
    // "SITREP2" alone is a code cut off right after its prefix.
    return failure(/^sitrep\d*$/i.test(compact) ? 'truncated' : 'not-a-sitrep-code');
  }
  const version = Number(prefix[1]);
  if (version === 1) return failure('outdated-version');
  if (version !== JOIN_CODE_VERSION) {
    return failure(
      'unsupported-version',
      said(version > JOIN_CODE_VERSION ? 'refusal.newerVersion' : 'refusal.unknownVersion', { version: String(version) }),
    );
  }

  const body = compact.slice(prefix[0].length).replace(/-/g, '');
  if (body.length > MAX_BODY_CHARS) return failure('too-long');
  // Checked before upper-casing: some letters (such as "ß") upper-case into several.
  const badCharacter = [...body].find((ch) => !/^[0-9a-z]$/i.test(ch) || !CODE_CHARACTERS.has(ch.toUpperCase()));
  if (badCharacter !== undefined) return failure('bad-characters', badCharacterMessage(badCharacter));
  if (body.length === 0 || body.length % 8 !== 0) return failure('truncated');

  // Every character is checked above, and eight characters are exactly five bytes: this cannot throw.
  const bytes = base32crockford.decode(body);
  // Not even the credentials and a tag: cut off. (Longer but still short codes are judged by their tag.)
  if (bytes.length < HEADER_BYTES + JOIN_CODE_TAG_BYTES) return failure('truncated');
  const signedEnd = bytes.length - JOIN_CODE_TAG_BYTES;
  return { ok: true, signed: bytes.subarray(0, signedEnd), tag: bytes.subarray(signedEnd) };
}

/**
 * The tag first, so that a typo anywhere (in the count, an address, the padding) reads as a code
 * that does not check out rather than as a damaged one; the secret sits at a fixed offset.
 */
async function verified(read: CodeBytes): Promise<JoinCodeResult> {
  if (!read.ok) return read;
  const secret = bytesToHex(read.signed.subarray(CREDENTIAL_BYTES, CREDENTIAL_BYTES * 2));
  const expected = await joinCodeTag(secret, read.signed);
  if (!equalBytes(expected, read.tag)) {
    // Too short to hold even one address: most likely the end was cut off.
    return failure(read.signed.length + JOIN_CODE_TAG_BYTES < MIN_PAYLOAD_BYTES ? 'truncated' : 'not-authentic');
  }
  return decodePayload(read.signed);
}

/**
 * The tag of a code's bytes under a room secret (32 hex characters): the first
 * JOIN_CODE_TAG_BYTES bytes of HMAC-SHA-256(secret, label || 0x00 || signed).
 */
export async function joinCodeTag(secret: string, signed: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new JoinCodeError('malformed', said('encode.noWebCrypto'));
  }
  const key = await subtle.importKey('raw', toArrayBuffer(hexToBytes(secret)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const label = new TextEncoder().encode(JOIN_CODE_TAG_LABEL);
  const message = new Uint8Array(label.length + 1 + signed.length);
  message.set(label, 0);
  message.set(signed, label.length + 1);
  const mac = new Uint8Array(await subtle.sign('HMAC', key, toArrayBuffer(message)));
  return mac.slice(0, JOIN_CODE_TAG_BYTES);
}

// ---------------------------------------------------------------------------------------------
// A code for a room this computer already knows

/** What accepting a code would change in a room stored on this computer; empty when nothing. */
export interface KnownRoomChanges {
  /** The code carries another room secret (a re-key by the commander, or a code not made by the room). */
  readonly secretChanged: boolean;
  /** Signaling addresses the code has and the stored room has not, and the reverse. */
  readonly addedAddresses: readonly string[];
  readonly removedAddresses: readonly string[];
}

export function compareWithStoredRoom(
  stored: { readonly secret: string; readonly signaling: readonly string[] },
  invitation: Invitation,
): KnownRoomChanges {
  const before = new Set(stored.signaling);
  const after = new Set(invitation.signaling);
  return {
    secretChanged: stored.secret !== invitation.secret,
    addedAddresses: invitation.signaling.filter((address) => !before.has(address)),
    removedAddresses: stored.signaling.filter((address) => !after.has(address)),
  };
}

export function hasChanges(changes: KnownRoomChanges): boolean {
  return changes.secretChanged || changes.addedAddresses.length > 0 || changes.removedAddresses.length > 0;
}

/** Whether two change lists say the same thing (what the user confirmed is what would be written). */
export function sameChanges(a: KnownRoomChanges, b: KnownRoomChanges): boolean {
  const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((item, i) => item === y[i]);
  return (
    a.secretChanged === b.secretChanged && sameList(a.addedAddresses, b.addedAddresses) && sameList(a.removedAddresses, b.removedAddresses)
  );
}

// ---------------------------------------------------------------------------------------------
// Payload

async function encodePayload(invitation: Invitation): Promise<Uint8Array> {
  for (const [name, value] of [
    ['room id', invitation.roomId],
    ['room secret', invitation.secret],
  ] as const) {
    if (!CREDENTIAL_PATTERN.test(value)) {
      throw new JoinCodeError(
        'malformed',
        said('encode.credential', { which: name === 'room id' ? 'roomId' : 'secret', length: CREDENTIAL_BYTES * 2 }),
      );
    }
  }
  const addresses = invitation.signaling;
  if (addresses.length === 0) {
    throw new JoinCodeError('bad-signaling-address', said('encode.noAddress'));
  }
  if (addresses.length > MAX_SIGNALING_ADDRESSES) {
    throw new JoinCodeError('too-long', said('encode.tooMany', { max: MAX_SIGNALING_ADDRESSES, count: addresses.length }));
  }
  const encodedAddresses = addresses.map((address) => {
    const problem = signalingAddressIssue(address);
    if (problem !== null) throw new JoinCodeError('bad-signaling-address', problem);
    // Canonical addresses are ASCII (host names as punycode), so characters and bytes agree.
    return new TextEncoder().encode(address);
  });

  const relay = invitation.relay === undefined ? null : encodeRelay(invitation.relay);
  const contentLength = HEADER_BYTES + encodedAddresses.reduce((sum, bytes) => sum + 1 + bytes.length, 0) + (relay?.length ?? 0);
  const total = roundUpToFive(contentLength + JOIN_CODE_TAG_BYTES);
  const bytes = new Uint8Array(total); // zero-filled, which is the padding
  bytes.set(hexToBytes(invitation.roomId), 0);
  bytes.set(hexToBytes(invitation.secret), CREDENTIAL_BYTES);
  let offset = CREDENTIAL_BYTES * 2;
  bytes[offset++] = encodedAddresses.length;
  for (const address of encodedAddresses) {
    bytes[offset++] = address.length;
    bytes.set(address, offset);
    offset += address.length;
  }
  if (relay !== null) bytes.set(relay, offset);
  const signedEnd = total - JOIN_CODE_TAG_BYTES;
  bytes.set(await joinCodeTag(invitation.secret, bytes.subarray(0, signedEnd)), signedEnd);
  return bytes;
}

/** The relay section's bytes (type byte first), as in a join code; throws JoinCodeError when the relay cannot go into one. */
export function encodeRelaySection(relay: RelayInvitation): Uint8Array {
  return encodeRelay(relay);
}

/** Reads exactly one relay section (type byte first, nothing after): the relay, or why not, as a sentence. */
export function decodeRelaySection(bytes: Uint8Array): RelayInvitation | string {
  if (bytes[0] !== RELAY_SECTION || bytes.length > MAX_RELAY_SECTION_BYTES) return 'It is not a relay section.';
  const read = decodeRelay(bytes, 1);
  if (read === 'malformed') return 'The relay section is damaged.';
  if (!('relay' in read)) return englishJoinCodeMessage(read);
  return read.end === bytes.length ? read.relay : 'The relay section has bytes after its end.';
}

/** The relay section's bytes; throws JoinCodeError when the relay cannot go into a code. */
function encodeRelay(relay: RelayInvitation): Uint8Array {
  const problem = relayAddressIssue(relay.url);
  if (problem !== null) throw new JoinCodeError('bad-relay', problem);
  const separator = relay.username.indexOf(':');
  const expiry = relay.username.slice(0, separator);
  const name = relay.username.slice(separator + 1);
  if (
    separator < 1 ||
    expiry !== String(relay.expiresAt) ||
    !Number.isInteger(relay.expiresAt) ||
    relay.expiresAt < 1 ||
    relay.expiresAt > 0xffffffff
  ) {
    throw new JoinCodeError('bad-relay', said('encode.relayUsername'));
  }
  if (name.length < 1 || name.length > MAX_RELAY_NAME_LENGTH || !RELAY_NAME.test(name)) {
    throw new JoinCodeError('bad-relay', said('encode.relayName', { max: MAX_RELAY_NAME_LENGTH }));
  }
  let credential: Uint8Array;
  try {
    credential = base64.decode(relay.credential);
  } catch {
    credential = new Uint8Array(0);
  }
  if (credential.length !== RELAY_CREDENTIAL_BYTES) {
    throw new JoinCodeError('bad-relay', said('encode.relayCredential'));
  }
  const url = new TextEncoder().encode(relay.url);
  const bytes = new Uint8Array(1 + 1 + url.length + 4 + 1 + name.length + RELAY_CREDENTIAL_BYTES);
  let offset = 0;
  bytes[offset++] = RELAY_SECTION;
  bytes[offset++] = url.length;
  bytes.set(url, offset);
  offset += url.length;
  new DataView(bytes.buffer).setUint32(offset, relay.expiresAt);
  offset += 4;
  bytes[offset++] = name.length;
  bytes.set(new TextEncoder().encode(name), offset);
  offset += name.length;
  bytes.set(credential, offset);
  return bytes;
}

/** Reads a relay section from `start` (just past its type byte): the relay, "malformed", or why its address is unusable. */
function decodeRelay(content: Uint8Array, start: number): { relay: RelayInvitation; end: number } | 'malformed' | JoinCodeMessage {
  let offset = start;
  const urlLength = content[offset++] ?? 0;
  if (urlLength < 1 || urlLength > MAX_RELAY_ADDRESS_LENGTH || offset + urlLength > content.length) return 'malformed';
  let url: string;
  try {
    url = new TextDecoder('utf-8', { fatal: true }).decode(content.subarray(offset, offset + urlLength));
  } catch {
    return 'malformed';
  }
  offset += urlLength;
  if (offset + 4 + 1 > content.length) return 'malformed';
  const expiresAt = new DataView(content.buffer, content.byteOffset, content.byteLength).getUint32(offset);
  offset += 4;
  const nameLength = content[offset++] ?? 0;
  if (nameLength < 1 || nameLength > MAX_RELAY_NAME_LENGTH || offset + nameLength + RELAY_CREDENTIAL_BYTES > content.length)
    return 'malformed';
  const name = String.fromCharCode(...content.subarray(offset, offset + nameLength));
  offset += nameLength;
  if (!RELAY_NAME.test(name) || expiresAt === 0) return 'malformed';
  const credential = base64.encode(content.subarray(offset, offset + RELAY_CREDENTIAL_BYTES));
  offset += RELAY_CREDENTIAL_BYTES;
  const problem = relayAddressIssue(url);
  if (problem !== null) return problem;
  return { relay: { url, username: `${expiresAt}:${name}`, credential, expiresAt }, end: offset };
}

/** Reads the signed content (everything before the tag). */
function decodePayload(content: Uint8Array): JoinCodeResult {
  const roomId = bytesToHex(content.subarray(0, CREDENTIAL_BYTES));
  const secret = bytesToHex(content.subarray(CREDENTIAL_BYTES, CREDENTIAL_BYTES * 2));
  let offset = CREDENTIAL_BYTES * 2;
  const count = content[offset++] ?? 0;
  if (count < 1 || count > MAX_SIGNALING_ADDRESSES) return failure('malformed');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const signaling: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = content[offset++] ?? 0;
    if (length < 1 || length > MAX_SIGNALING_ADDRESS_LENGTH || offset + length > content.length) {
      return failure('malformed');
    }
    let address: string;
    try {
      address = decoder.decode(content.subarray(offset, offset + length));
    } catch {
      return failure('malformed');
    }
    offset += length;
    const problem = signalingAddressIssue(address);
    if (problem !== null) return failure('bad-signaling-address', said('refusal.badSignalingAddressIn', {}, problem));
    signaling.push(address);
  }
  let relay: RelayInvitation | undefined;
  if (content[offset] === RELAY_SECTION) {
    const read = decodeRelay(content, offset + 1);
    if (read === 'malformed') return failure('malformed');
    if (!('relay' in read)) return failure('bad-relay', said('refusal.badRelayIn', {}, read));
    relay = read.relay;
    offset = read.end;
  }
  const padding = content.subarray(offset);
  if (padding.length >= 5 || padding.some((byte) => byte !== 0)) return failure('malformed');
  return { ok: true, invitation: relay === undefined ? { roomId, secret, signaling } : { roomId, secret, signaling, relay } };
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * Every message in English, by key: the sentences logs and the English UI show. The English
 * catalog (src/locales/en/room.json, joinCode.*) holds the same sentences as ICU messages, and a
 * unit test holds the two equal, so the UI in English says exactly what the logs say.
 */
const ENGLISH = {
  'address.empty': () => 'A signaling address is empty.',
  'address.tooLong': (p) => `The signaling address "${p.address}" is longer than ${p.max} characters.`,
  'address.whitespace': (p) => `The signaling address "${p.address}" contains spaces or control characters.`,
  'address.invalid': (p) => `"${p.address}" is not a valid address; it should look like ws://192.168.1.20:4444.`,
  'address.scheme': (p) => `The signaling address "${p.address}" does not start with ws:// or wss://.`,
  'address.noHost': (p) => `The signaling address "${p.address}" has no host.`,
  'address.credentials': (p) =>
    `The signaling address "${p.address}" contains a user name or password; a signaling address is only ws:// or wss://, a host and a port.`,
  'address.query': (p) =>
    `The signaling address "${p.address}" has a query (a "?" part); a signaling address is only ws:// or wss://, a host and a port.`,
  'address.fragment': (p) =>
    `The signaling address "${p.address}" has a fragment (a "#" part); a signaling address is only ws:// or wss://, a host and a port.`,
  'address.path': (p) =>
    `The signaling address "${p.address}" has a path (${p.path}); a signaling address is only ws:// or wss://, a host and a port.`,
  'address.notCanonical': (p) =>
    `The signaling address "${p.address}" is not written the way Sitrep writes addresses; write it as ${p.canonical}.`,
  'relay.empty': () => 'The relay address is empty.',
  'relay.tooLong': (p) => `The relay address "${p.address}" is longer than ${p.max} characters.`,
  'relay.scheme': (p) => `The relay address "${p.address}" does not start with turn: or turns:; write it as turn:relay.example.org:3478.`,
  'relay.userOrQuery': (p) =>
    `The relay address "${p.address}" has a user name or a "?" part; write only turn: or turns:, the host and the port, as in turn:relay.example.org:3478.`,
  'relay.slashes': (p) => `The relay address "${p.address}" has "//"; write it as turn:relay.example.org:3478, without slashes.`,
  'relay.noPort': (p) => `The relay address "${p.address}" has no port; add it, as in turn:relay.example.org:3478 (or turns:…:5349).`,
  'relay.notHost': (p) =>
    `The relay address "${p.address}" is not a lower-case host name or IP address with a port, as in turn:relay.example.org:3478.`,
  'relay.port': (p) => `The relay address "${p.address}" has port ${p.port}; a port is from 1 to 65535.`,
  'relay.expired': (p) =>
    `The relay credential in this join code expired on ${p.at} UTC. The code still works on the same network as the room's members; from another network, ask a member for a fresh code from the Invite dialog.`,
  'refusal.empty': (p) => `There is no join code yet. Paste the code the incident commander shared (it starts with ${p.prefix}).`,
  'refusal.notASitrepCode': (p) =>
    `This is not a Sitrep join code. A join code starts with ${p.prefix} (or is a ${p.link} link); ask the incident commander to share it again.`,
  'refusal.outdatedVersion': (p) =>
    `This join code (SITREP1-) was made by an earlier version of Sitrep, whose codes could be altered without anyone noticing. Ask the incident commander for a fresh code from the Invite dialog (it starts with ${p.prefix}).`,
  'refusal.unsupportedVersion': () => 'This join code was made by a different version of Sitrep.',
  'refusal.newerVersion': (p) =>
    `This join code was made by a newer version of Sitrep (code format ${p.version}). Update Sitrep to join this incident.`,
  'refusal.unknownVersion': (p) =>
    `This join code uses a code format (${p.version}) that no version of Sitrep makes. Ask the incident commander to share the code again.`,
  'refusal.badCharacters': () => 'The join code contains characters that never appear in a join code.',
  'refusal.badCharacter': (p) =>
    `The join code contains "${p.character}", which never appears in a join code. Copy it again from the incident commander, or retype it carefully (it uses only letters, digits and dashes).`,
  'refusal.badCodePoint': (p) =>
    `The join code contains the character ${p.codePoint}, which never appears in a join code. Copy it again from the incident commander, or retype it carefully (it uses only letters, digits and dashes).`,
  'refusal.truncated': () =>
    'The join code has the wrong number of characters: part of it was probably cut off when it was copied, or a character was left out or added when typing. Copy the whole code again.',
  'refusal.malformed': () => 'The join code is damaged and cannot be read. Ask the incident commander to share a fresh code.',
  'refusal.notAuthentic': () =>
    'The join code does not check out: it was mistyped, cut off when it was copied, or altered. Copy it again from the incident commander, or compare it character by character with the original.',
  'refusal.badSignalingAddress': () =>
    'The join code contains a signaling address Sitrep cannot use; ask the incident commander to check the addresses they share.',
  'refusal.badSignalingAddressIn': (p) => `${p.detail} Ask the incident commander to check the addresses they share.`,
  'refusal.badRelay': () =>
    'The join code names a relay Sitrep cannot use; ask the member who shared it to check the relay in their network settings.',
  'refusal.badRelayIn': (p) => `${p.detail} Ask the member who shared the code to check the relay in their network settings.`,
  'refusal.tooLong': (p) =>
    `This text is too long to be a Sitrep join code. Copy only the code (it starts with ${p.prefix}) and paste it again.`,
  'encode.credential': (p) =>
    `The ${p.which === 'roomId' ? 'room id' : 'room secret'} must be ${p.length} lowercase hexadecimal characters, as createRoomCredentials makes it.`,
  'encode.noAddress': () =>
    'A join code needs at least one signaling address; start the local signaling server or add an address in the settings.',
  'encode.tooMany': (p) => `A join code can carry at most ${p.max} signaling addresses; ${p.count} were given.`,
  'encode.relayUsername': () =>
    'The relay credential must be a time-limited one: its user name is the expiry in unix seconds, ":" and a name.',
  'encode.relayName': (p) => `The relay user name must be 1 to ${p.max} letters, digits, ".", "_" or "-" after the expiry.`,
  'encode.relayCredential': () =>
    'The relay credential must be a base64 HMAC-SHA1 (20 bytes), as coturn derives it from the shared secret.',
  'encode.noWebCrypto': () =>
    'This window cannot check join codes: the browser offers no Web Crypto here (the page must be opened from localhost, a file or https).',
} satisfies Record<string, (params: Record<string, string | number>) => string>;

/** Every message key; the UI's catalog has `room:joinCode.<key>` for each (the compiler checks). */
export type JoinCodeMessageCode = keyof typeof ENGLISH;

/** The keys, for tests that compare the catalogs with the English here. */
export const JOIN_CODE_MESSAGE_CODES = Object.keys(ENGLISH) as readonly JoinCodeMessageCode[];

/** The English sentence of a message (its detail first, as the `detail` argument). */
export function englishJoinCodeMessage(message: JoinCodeMessage): string {
  const params = message.detail ? { ...message.params, detail: englishJoinCodeMessage(message.detail) } : message.params;
  return ENGLISH[message.code](params);
}

function said(code: JoinCodeMessageCode, params: JoinCodeParams = {}, detail?: JoinCodeMessage): JoinCodeMessage {
  return detail === undefined ? { code, params } : { code, params, detail };
}

/** Each refusal's message when nothing more specific is known. */
const REFUSALS: Record<JoinCodeProblem, JoinCodeMessage> = {
  empty: said('refusal.empty', { prefix: JOIN_CODE_PREFIX }),
  'not-a-sitrep-code': said('refusal.notASitrepCode', { prefix: JOIN_CODE_PREFIX, link: JOIN_LINK_PREFIX }),
  'outdated-version': said('refusal.outdatedVersion', { prefix: JOIN_CODE_PREFIX }),
  'unsupported-version': said('refusal.unsupportedVersion'),
  'bad-characters': said('refusal.badCharacters'),
  truncated: said('refusal.truncated'),
  malformed: said('refusal.malformed'),
  'not-authentic': said('refusal.notAuthentic'),
  'bad-signaling-address': said('refusal.badSignalingAddress'),
  'bad-relay': said('refusal.badRelay'),
  'too-long': said('refusal.tooLong', { prefix: JOIN_CODE_PREFIX }),
};

function failure(reason: JoinCodeProblem, message: JoinCodeMessage = REFUSALS[reason]): JoinCodeFailure {
  return { ok: false, reason, message: englishJoinCodeMessage(message), ...message };
}

function badCharacterMessage(character: string): JoinCodeMessage {
  return /^[\x21-\x7e]$/.test(character)
    ? said('refusal.badCharacter', { character })
    : said('refusal.badCodePoint', { codePoint: `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}` });
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// Crockford base32: no I, L, O or U, so codes read aloud or retyped are hard to get wrong; when
// typed anyway, I and L read as 1 and O as 0.
// Replaced our encoder and decoder with @scure/base's base32crockford: the same alphabet, upper
// case out, no padding (payloads are whole multiples of five bytes), and it reads I, L and O the
// same way, so every code made before still parses (join-code.test.ts holds two as fixtures).

/** Characters a code may contain once upper-cased: the alphabet plus the look-alikes I, L and O. */
const CODE_CHARACTERS: ReadonlySet<string> = new Set('0123456789ABCDEFGHJKMNPQRSTVWXYZILO');
// Whitespace (line breaks included), zero-width characters, soft hyphens and byte order marks.
const INVISIBLE = /[\s\u00ad\u200b-\u200d\u2060\ufeff]/g;
const TYPOGRAPHIC_DASHES = /[\u2010-\u2015\u2212]/g;

// ---------------------------------------------------------------------------------------------
// Small byte helpers

function roundUpToFive(n: number): number {
  return Math.ceil(n / 5) * 5;
}

function randomHex(byteCount: number): string {
  const bytes = new Uint8Array(byteCount);
  globalThis.crypto.getRandomValues(bytes);
  return bytesToHex(bytes);
}

// Hex through @scure/base as well (lower case out, as the credentials are written).
const bytesToHex = (bytes: Uint8Array): string => hex.encode(bytes);
const hexToBytes = (text: string): Uint8Array => hex.decode(text);

// WebCrypto takes an ArrayBuffer-backed view; copying also detaches the key from the caller's buffer.
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

/** Compares every byte whatever the first difference, so timing says nothing about where it is. */
function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
