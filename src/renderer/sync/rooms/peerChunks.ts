// Splits large peer messages into chunks that fit a WebRTC data channel, and joins them again.
// Chromium refuses data-channel messages over 256 KiB, and sync step 2 carries everything a
// joining peer lacks as one message: without this, an incident past a few hundred kilobytes
// never reaches a new responder.
//
// A chunk: byte 0 = MESSAGE_CHUNK (peerWire.ts), then big-endian uint32s: transfer
// id, chunk index, chunk count, total byte length; then the chunk's bytes. A data channel is
// ordered and reliable, and one send() call is split and sent without interleaving, so the chunks
// of a transfer arrive in order and back to back.
import { MESSAGE_CHUNK } from './peerWire';

const HEADER_BYTES = 17;
/** Well under Chromium's 256 KiB per message, and small enough to keep the channel responsive. */
export const CHUNK_PAYLOAD_BYTES = 64 * 1024;

export function isChunk(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[0] === MESSAGE_CHUNK;
}

let nextTransferId = 1;

/** The message itself when it fits, or its chunks. */
export function splitMessage(message: Uint8Array, payloadBytes = CHUNK_PAYLOAD_BYTES): Uint8Array[] {
  if (message.length <= payloadBytes) return [message];
  const count = Math.ceil(message.length / payloadBytes);
  const transferId = nextTransferId++ >>> 0;
  const chunks: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const part = message.subarray(index * payloadBytes, Math.min(message.length, (index + 1) * payloadBytes));
    const chunk = new Uint8Array(HEADER_BYTES + part.length);
    const view = new DataView(chunk.buffer);
    chunk[0] = MESSAGE_CHUNK;
    view.setUint32(1, transferId);
    view.setUint32(5, index);
    view.setUint32(9, count);
    view.setUint32(13, message.length);
    chunk.set(part, HEADER_BYTES);
    chunks.push(chunk);
  }
  return chunks;
}

export type ChunkResult =
  | { readonly state: 'pending' }
  | { readonly state: 'complete'; readonly message: Uint8Array }
  | { readonly state: 'invalid'; readonly reason: 'oversized' | 'malformed'; readonly detail: string };

const PENDING: ChunkResult = Object.freeze({ state: 'pending' });

/** Joins one connection's chunks; anything out of order or inconsistent is refused. */
export class ChunkAssembler {
  private transfer: { id: number; count: number; total: number; next: number; filled: number; bytes: Uint8Array } | null = null;

  constructor(private readonly maxMessageBytes: number) {}

  receive(chunk: Uint8Array): ChunkResult {
    if (chunk.length <= HEADER_BYTES || chunk[0] !== MESSAGE_CHUNK) return this.invalid('malformed', 'a chunk without its header');
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const id = view.getUint32(1);
    const index = view.getUint32(5);
    const count = view.getUint32(9);
    const total = view.getUint32(13);
    const part = chunk.subarray(HEADER_BYTES);
    if (index === 0) {
      if (this.transfer) return this.invalid('malformed', 'a new chunked message before the last one ended');
      if (total > this.maxMessageBytes) return this.invalid('oversized', `a chunked message of ${total} bytes`);
      if (count < 2 || total <= 0 || count > Math.ceil(total / 1024) + 1) return this.invalid('malformed', 'an impossible chunk count');
      this.transfer = { id, count, total, next: 0, filled: 0, bytes: new Uint8Array(total) };
    }
    const transfer = this.transfer;
    if (!transfer || transfer.id !== id || transfer.next !== index || transfer.count !== count || transfer.total !== total) {
      return this.invalid('malformed', 'a chunk out of order');
    }
    if (transfer.filled + part.length > transfer.total) return this.invalid('malformed', 'chunks longer than announced');
    transfer.bytes.set(part, transfer.filled);
    transfer.filled += part.length;
    transfer.next += 1;
    if (transfer.next < transfer.count) return PENDING;
    this.transfer = null;
    if (transfer.filled !== transfer.total) return this.invalid('malformed', 'chunks shorter than announced');
    return { state: 'complete', message: transfer.bytes };
  }

  private invalid(reason: 'oversized' | 'malformed', detail: string): ChunkResult {
    this.transfer = null;
    return { state: 'invalid', reason, detail };
  }
}
