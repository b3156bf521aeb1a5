// The messages peers exchange on the room's 'attachments' app channel. The receiver drives the
// transfer: it asks who has a file (`want`), picks one peer that answered `have`, and asks that
// peer for one chunk at a time (`get`, a few in flight), so no side ever holds or sends more than
// it asked for. A whole file comes from one peer, so a hash mismatch names the peer that lied.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ATTACHMENT_MAX_BYTES, isAttachmentSize, isSha256 } from './metadata';

/** Bytes per chunk (64 KiB): well under the app channel's 1 MiB payload limit. */
export const CHUNK_BYTES = 64 * 1024;
/** Chunks in a file of the largest size. */
export const MAX_CHUNKS = Math.ceil(ATTACHMENT_MAX_BYTES / CHUNK_BYTES);

export type AttachmentMessage =
  /** Who has this file? */
  | { readonly type: 'want'; readonly sha256: string }
  /** I have it, this many bytes. */
  | { readonly type: 'have'; readonly sha256: string; readonly size: number }
  /** I do not have it (or will not send it): ask someone else. */
  | { readonly type: 'none'; readonly sha256: string }
  /** Send me chunk `index`. */
  | { readonly type: 'get'; readonly sha256: string; readonly index: number }
  /** Chunk `index` of `count`. */
  | { readonly type: 'chunk'; readonly sha256: string; readonly index: number; readonly count: number; readonly bytes: Uint8Array };

const TAGS = { want: 0, have: 1, none: 2, get: 3, chunk: 4 } as const;

/** How many chunks a file of `size` bytes has (an empty file has one, empty). */
export function chunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / CHUNK_BYTES));
}

/** The bytes chunk `index` of a file of `size` bytes must have. */
export function chunkLength(size: number, index: number): number {
  return Math.max(0, Math.min(CHUNK_BYTES, size - index * CHUNK_BYTES));
}

export function chunkOf(bytes: Uint8Array, index: number): Uint8Array {
  return bytes.subarray(index * CHUNK_BYTES, Math.min(bytes.length, (index + 1) * CHUNK_BYTES));
}

export function encodeAttachmentMessage(message: AttachmentMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, TAGS[message.type]);
  encoding.writeVarString(encoder, message.sha256);
  switch (message.type) {
    case 'have':
      encoding.writeVarUint(encoder, message.size);
      break;
    case 'get':
      encoding.writeVarUint(encoder, message.index);
      break;
    case 'chunk':
      encoding.writeVarUint(encoder, message.index);
      encoding.writeVarUint(encoder, message.count);
      encoding.writeVarUint8Array(encoder, message.bytes);
      break;
    default:
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** A message that is not one of ours, or has values out of range: whoever sent it is hostile. */
export class MalformedAttachmentMessage extends Error {
  override readonly name = 'MalformedAttachmentMessage';
}

/** Reads a message in full and checks every value; throws MalformedAttachmentMessage otherwise. */
export function decodeAttachmentMessage(payload: Uint8Array): AttachmentMessage {
  let message: AttachmentMessage;
  try {
    const decoder = decoding.createDecoder(payload);
    const tag = decoding.readVarUint(decoder);
    const sha256 = decoding.readVarString(decoder);
    if (!isSha256(sha256)) throw new MalformedAttachmentMessage('the file hash is not a SHA-256');
    switch (tag) {
      case TAGS.want:
        message = { type: 'want', sha256 };
        break;
      case TAGS.have: {
        const size = decoding.readVarUint(decoder);
        if (!isAttachmentSize(size)) throw new MalformedAttachmentMessage(`a file of ${size} bytes is over the limit`);
        message = { type: 'have', sha256, size };
        break;
      }
      case TAGS.none:
        message = { type: 'none', sha256 };
        break;
      case TAGS.get: {
        const index = decoding.readVarUint(decoder);
        if (index >= MAX_CHUNKS) throw new MalformedAttachmentMessage(`chunk ${index} is past the largest file`);
        message = { type: 'get', sha256, index };
        break;
      }
      case TAGS.chunk: {
        const index = decoding.readVarUint(decoder);
        const count = decoding.readVarUint(decoder);
        const bytes = decoding.readVarUint8Array(decoder);
        if (count < 1 || count > MAX_CHUNKS || index >= count) throw new MalformedAttachmentMessage(`chunk ${index} of ${count}`);
        if (bytes.length > CHUNK_BYTES) throw new MalformedAttachmentMessage(`a chunk of ${bytes.length} bytes`);
        message = { type: 'chunk', sha256, index, count, bytes };
        break;
      }
      default:
        throw new MalformedAttachmentMessage(`unknown message type ${tag}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedAttachmentMessage('trailing bytes');
  } catch (error) {
    if (error instanceof MalformedAttachmentMessage) throw error;
    throw new MalformedAttachmentMessage(`unreadable (${error instanceof Error ? error.message : String(error)})`);
  }
  return message;
}
