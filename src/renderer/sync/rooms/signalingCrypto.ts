// Seals what a room publishes through a signaling server, so that the server and anyone without
// the room secret learn nothing (who announces, what connection offers say). The format is
// y-webrtc 10's with a `password` (a fact of the wire, kept so y-webrtc peers can join): AES-GCM
// with a key derived by PBKDF2 (SHA-256, 100,000 rounds, salted with the room id), framed as
// lib0 var-string "AES-GCM", var-bytes IV, var-bytes ciphertext, and the plaintext is lib0's
// `writeAny` encoding of the message.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const ALGORITHM = 'AES-GCM';
const PBKDF2_ROUNDS = 100_000;
const IV_BYTES = 12;

const utf8 = new TextEncoder();

export function deriveRoomKey(secret: string, roomId: string): Promise<CryptoKey> {
  return crypto.subtle
    .importKey('raw', utf8.encode(secret), 'PBKDF2', false, ['deriveKey'])
    .then((material) =>
      crypto.subtle.deriveKey(
        { name: 'PBKDF2', salt: utf8.encode(roomId), iterations: PBKDF2_ROUNDS, hash: 'SHA-256' },
        material,
        { name: ALGORITHM, length: 256 },
        false,
        ['encrypt', 'decrypt'],
      ),
    );
}

export async function sealSignal(message: encoding.AnyEncodable, key: CryptoKey): Promise<Uint8Array> {
  const plain = encoding.createEncoder();
  encoding.writeAny(plain, message);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: ALGORITHM, iv }, key, encoding.toUint8Array(plain)));
  const sealed = encoding.createEncoder();
  encoding.writeVarString(sealed, ALGORITHM);
  encoding.writeVarUint8Array(sealed, iv);
  encoding.writeVarUint8Array(sealed, cipher);
  return encoding.toUint8Array(sealed);
}

/** Thrown when a sealed message is not ours to read: another secret, or not sealed at all. */
export class ForeignSignalError extends Error {
  constructor(detail: string) {
    super(`A signaling message this room cannot open: ${detail}`);
    this.name = 'ForeignSignalError';
  }
}

/** Opens a sealed message; rejects with ForeignSignalError when it was sealed with another key or is damaged. */
export async function openSignal(sealed: Uint8Array, key: CryptoKey): Promise<unknown> {
  let iv: Uint8Array<ArrayBuffer>;
  let cipher: Uint8Array<ArrayBuffer>;
  try {
    const decoder = decoding.createDecoder(sealed);
    const algorithm = decoding.readVarString(decoder);
    if (algorithm !== ALGORITHM) throw new Error(`sealed with "${algorithm.slice(0, 20)}"`);
    // Copies: WebCrypto wants buffers of their own, not views into the message.
    iv = decoding.readVarUint8Array(decoder).slice();
    cipher = decoding.readVarUint8Array(decoder).slice();
  } catch (error) {
    throw new ForeignSignalError(error instanceof Error ? error.message : String(error));
  }
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: ALGORITHM, iv }, key, cipher));
  } catch {
    // WebCrypto's OperationError: the authentication tag does not match this room's key.
    throw new ForeignSignalError('sealed with another room secret');
  }
  try {
    return decoding.readAny(decoding.createDecoder(plain));
  } catch (error) {
    throw new ForeignSignalError(`its content does not decode (${error instanceof Error ? error.message : String(error)})`);
  }
}
