// Join codes: the one copyable string (or sitrep://join/ link) that carries everything a responder
// needs to reach an incident's room: the room id, the room secret and the signaling addresses.
//
// Layout of a version 1 code: `SITREP1-` then Crockford base32 of these bytes, in dash-separated
// groups of five characters:
//   room id (16 bytes) | room secret (16 bytes) | address count (1 byte, 1..8)
//   | per address: UTF-8 length (1 byte, 1..200) and UTF-8 bytes
//   | zero padding (0..4 bytes) | CRC-32 of everything before it (4 bytes, big-endian)
// The padding makes the byte count a multiple of five, so every base32 character carries five
// bits that the checksum covers: no character of a code can change without the checksum noticing
// (a CRC-32 detects every error burst of up to 32 bits, and one character is at most 5 bits).
import { base32crockford, hex } from '@scure/base';

export const JOIN_CODE_VERSION = 1;
export const JOIN_CODE_PREFIX = `SITREP${JOIN_CODE_VERSION}-`;
export const JOIN_LINK_PREFIX = 'sitrep://join/';
export const MAX_SIGNALING_ADDRESSES = 8;
export const MAX_SIGNALING_ADDRESS_LENGTH = 200;

const CREDENTIAL_BYTES = 16; // 128 bits each for the room id and the room secret
const CREDENTIAL_PATTERN = /^[0-9a-f]{32}$/;
const CHECKSUM_BYTES = 4;
const GROUP_LENGTH = 5;
const HEADER_BYTES = CREDENTIAL_BYTES * 2 + 1;
const MIN_PAYLOAD_BYTES = HEADER_BYTES + 1 + 'ws://x'.length + CHECKSUM_BYTES;
const MAX_PAYLOAD_BYTES = roundUpToFive(HEADER_BYTES + MAX_SIGNALING_ADDRESSES * (1 + MAX_SIGNALING_ADDRESS_LENGTH) + CHECKSUM_BYTES);
const MAX_BODY_CHARS = (MAX_PAYLOAD_BYTES / 5) * 8;
// Anything longer than this cannot be a code, even with generous whitespace: refuse it before
// doing any work on it.
const MAX_INPUT_CHARS = 2 * (JOIN_LINK_PREFIX.length + JOIN_CODE_PREFIX.length + MAX_BODY_CHARS * 2);

/** The room a responder is invited into. `roomId` and `secret` are 32 lowercase hex characters. */
export interface Invitation {
  readonly roomId: string;
  readonly secret: string;
  readonly signaling: readonly string[];
}

export interface RoomCredentials {
  readonly roomId: string;
  readonly secret: string;
}

export type JoinCodeProblem =
  | 'empty'
  | 'not-a-sitrep-code'
  | 'unsupported-version'
  | 'bad-characters'
  | 'truncated'
  | 'malformed'
  | 'checksum-mismatch'
  | 'bad-signaling-address'
  | 'too-long';

export type JoinCodeResult =
  | { readonly ok: true; readonly invitation: Invitation }
  | { readonly ok: false; readonly reason: JoinCodeProblem; readonly message: string };

/** Thrown by the encoders when asked to build a code that could not be joined. */
export class JoinCodeError extends Error {
  constructor(
    readonly reason: JoinCodeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'JoinCodeError';
  }
}

export function createRoomCredentials(): RoomCredentials {
  return { roomId: randomHex(CREDENTIAL_BYTES), secret: randomHex(CREDENTIAL_BYTES) };
}

/**
 * Why a signaling address cannot go into a join code, as a sentence, or null when it can.
 * Useful to the settings screen as well as to the encoder.
 */
export function signalingAddressProblem(address: string): string | null {
  if (address.length === 0) return 'A signaling address is empty.';
  if (address.length > MAX_SIGNALING_ADDRESS_LENGTH) {
    return `The signaling address "${shorten(address)}" is longer than ${MAX_SIGNALING_ADDRESS_LENGTH} characters.`;
  }
  // URL parsing silently drops tabs and line breaks, so refuse them (and spaces) up front.
  if (/[\s\u0000-\u001f\u007f]/.test(address)) {
    return `The signaling address "${shorten(address)}" contains spaces or control characters.`;
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `"${shorten(address)}" is not a valid address; it should look like ws://192.168.1.20:4444.`;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return `The signaling address "${shorten(address)}" does not start with ws:// or wss://.`;
  }
  if (url.hostname === '') return `The signaling address "${shorten(address)}" has no host.`;
  return null;
}

export function encodeJoinCode(invitation: Invitation): string {
  const bytes = encodePayload(invitation);
  const body = base32crockford.encode(bytes);
  const groups: string[] = [];
  for (let i = 0; i < body.length; i += GROUP_LENGTH) groups.push(body.slice(i, i + GROUP_LENGTH));
  return JOIN_CODE_PREFIX + groups.join('-');
}

export function joinLinkForCode(code: string): string {
  return JOIN_LINK_PREFIX + code;
}

export function encodeJoinLink(invitation: Invitation): string {
  return joinLinkForCode(encodeJoinCode(invitation));
}

/** Reads what a responder pasted or typed: a join code or a sitrep://join/ link. */
export function parseJoinInput(text: string): JoinCodeResult {
  if (text.length > MAX_INPUT_CHARS) return failure('too-long');
  // Copy and paste from chat and mail brings line breaks, zero-width characters and "smart"
  // dashes; none of them can be part of a code, so they go before anything else is looked at.
  const compact = text.replace(INVISIBLE, '').replace(TYPOGRAPHIC_DASHES, '-');
  if (compact === '') return failure('empty');
  const code = compact.toLowerCase().startsWith(JOIN_LINK_PREFIX) ? compact.slice(JOIN_LINK_PREFIX.length).replace(/\/$/, '') : compact;
  return decodeJoinCode(code);
}

/** Decodes a join code (not a link); whitespace, case and line breaks are tolerated. */
export function decodeJoinCode(text: string): JoinCodeResult {
  if (text.length > MAX_INPUT_CHARS) return failure('too-long');
  const compact = text.replace(INVISIBLE, '').replace(TYPOGRAPHIC_DASHES, '-');
  if (compact === '') return failure('empty');

  const prefix = /^sitrep(\d{1,6})-/i.exec(compact);
  if (prefix === null) {
    // "SITREP1" alone is a code cut off right after its prefix.
    return failure(/^sitrep\d*$/i.test(compact) ? 'truncated' : 'not-a-sitrep-code');
  }
  const version = Number(prefix[1]);
  if (version !== JOIN_CODE_VERSION) {
    return failure('unsupported-version', unsupportedVersionMessage(version));
  }

  const body = compact.slice(prefix[0].length).replace(/-/g, '');
  if (body.length > MAX_BODY_CHARS) return failure('too-long');
  // Checked before upper-casing: some letters (such as "ß") upper-case into several.
  const badCharacter = [...body].find((ch) => !/^[0-9a-z]$/i.test(ch) || !CODE_CHARACTERS.has(ch.toUpperCase()));
  if (badCharacter !== undefined) {
    return failure('bad-characters', badCharactersMessage(badCharacter));
  }
  if (body.length === 0 || body.length % 8 !== 0) return failure('truncated');

  // Every character is checked above, and eight characters are exactly five bytes: this cannot throw.
  const bytes = base32crockford.decode(body);
  const contentEnd = bytes.length - CHECKSUM_BYTES;
  const stored = readUint32(bytes, contentEnd);
  if (crc32(bytes.subarray(0, contentEnd)) !== stored) {
    // Too short to hold even one address: most likely the end was cut off.
    return failure(bytes.length < MIN_PAYLOAD_BYTES ? 'truncated' : 'checksum-mismatch');
  }
  if (bytes.length < MIN_PAYLOAD_BYTES) return failure('malformed');

  return decodePayload(bytes.subarray(0, contentEnd));
}

// ---------------------------------------------------------------------------------------------
// Payload

function encodePayload(invitation: Invitation): Uint8Array {
  for (const [name, value] of [
    ['room id', invitation.roomId],
    ['room secret', invitation.secret],
  ] as const) {
    if (!CREDENTIAL_PATTERN.test(value)) {
      throw new JoinCodeError(
        'malformed',
        `The ${name} must be ${CREDENTIAL_BYTES * 2} lowercase hexadecimal characters, as createRoomCredentials makes it.`,
      );
    }
  }
  const addresses = invitation.signaling;
  if (addresses.length === 0) {
    throw new JoinCodeError(
      'bad-signaling-address',
      'A join code needs at least one signaling address; start the local signaling server or add an address in the settings.',
    );
  }
  if (addresses.length > MAX_SIGNALING_ADDRESSES) {
    throw new JoinCodeError(
      'too-long',
      `A join code can carry at most ${MAX_SIGNALING_ADDRESSES} signaling addresses; ${addresses.length} were given.`,
    );
  }
  const encodedAddresses = addresses.map((address) => {
    const problem = signalingAddressProblem(address);
    if (problem !== null) throw new JoinCodeError('bad-signaling-address', problem);
    const utf8 = new TextEncoder().encode(address);
    if (utf8.length > MAX_SIGNALING_ADDRESS_LENGTH) {
      throw new JoinCodeError(
        'bad-signaling-address',
        `The signaling address "${shorten(address)}" is longer than ${MAX_SIGNALING_ADDRESS_LENGTH} bytes.`,
      );
    }
    return utf8;
  });

  const contentLength = HEADER_BYTES + encodedAddresses.reduce((sum, utf8) => sum + 1 + utf8.length, 0);
  const total = roundUpToFive(contentLength + CHECKSUM_BYTES);
  const bytes = new Uint8Array(total); // zero-filled, which is the padding
  bytes.set(hexToBytes(invitation.roomId), 0);
  bytes.set(hexToBytes(invitation.secret), CREDENTIAL_BYTES);
  let offset = CREDENTIAL_BYTES * 2;
  bytes[offset++] = encodedAddresses.length;
  for (const utf8 of encodedAddresses) {
    bytes[offset++] = utf8.length;
    bytes.set(utf8, offset);
    offset += utf8.length;
  }
  const contentEnd = total - CHECKSUM_BYTES;
  writeUint32(bytes, contentEnd, crc32(bytes.subarray(0, contentEnd)));
  return bytes;
}

/** Reads the checksummed content; reaching a problem here means a broken encoder, not a typo. */
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
    const problem = signalingAddressProblem(address);
    if (problem !== null) {
      return failure(
        'bad-signaling-address',
        `${problem} Sitrep can only reach signaling servers at ws:// or wss:// addresses; ask the incident commander to check the addresses they share.`,
      );
    }
    signaling.push(address);
  }
  const padding = content.subarray(offset);
  if (padding.length >= 5 || padding.some((byte) => byte !== 0)) return failure('malformed');
  return { ok: true, invitation: { roomId, secret, signaling } };
}

// ---------------------------------------------------------------------------------------------
// Messages

const MESSAGES: Record<JoinCodeProblem, string> = {
  empty: `There is no join code yet. Paste the code the incident commander shared (it starts with ${JOIN_CODE_PREFIX}).`,
  'not-a-sitrep-code': `This is not a Sitrep join code. A join code starts with ${JOIN_CODE_PREFIX} (or is a ${JOIN_LINK_PREFIX} link); ask the incident commander to share it again.`,
  'unsupported-version': 'This join code was made by a different version of Sitrep.',
  'bad-characters': 'The join code contains characters that never appear in a join code.',
  truncated:
    'The join code has the wrong number of characters: part of it was probably cut off when it was copied, or a character was left out or added when typing. Copy the whole code again.',
  malformed: 'The join code is damaged and cannot be read. Ask the incident commander to share a fresh code.',
  'checksum-mismatch':
    'The join code does not check out: it was probably mistyped or cut off when it was copied. Copy it again, or compare it character by character with the original.',
  'bad-signaling-address':
    'The join code contains a signaling address Sitrep cannot use; ask the incident commander to check the addresses they share.',
  'too-long': `This text is too long to be a Sitrep join code. Copy only the code (it starts with ${JOIN_CODE_PREFIX}) and paste it again.`,
};

function failure(reason: JoinCodeProblem, message: string = MESSAGES[reason]): JoinCodeResult {
  return { ok: false, reason, message };
}

function unsupportedVersionMessage(version: number): string {
  return version > JOIN_CODE_VERSION
    ? `This join code was made by a newer version of Sitrep (code format ${version}). Update Sitrep to join this incident.`
    : `This join code uses a code format (${version}) that no version of Sitrep makes. Ask the incident commander to share the code again.`;
}

function badCharactersMessage(character: string): string {
  const shown = /^[\x21-\x7e]$/.test(character)
    ? `"${character}"`
    : `the character U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `The join code contains ${shown}, which never appears in a join code. Copy it again from the incident commander, or retype it carefully (it uses only letters, digits and dashes).`;
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
// CRC-32 (IEEE 802.3, the one zip and PNG use), table-driven.
// Kept hand-written: ten lines, and no installed library has it in the browser (node:zlib's
// crc32 is Node-only; the unit test checks ours against it).

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

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

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0
  );
}

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}
