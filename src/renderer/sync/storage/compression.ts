// Compacted update rows are stored gzip-compressed: the merged document of a day-long incident
// is mostly text and shrinks about sevenfold. gzip rather than deflate-raw because its CRC-32
// and length trailer turn a damaged row into a clear error instead of wrong bytes handed to Yjs.
// A row says so with `c: 'gzip'`; rows without it hold the Yjs update as it is (every row
// written before compression existed, and every live edit), so both forms read.
import { gunzipSync } from 'fflate';
import type { CompressedFormat } from './rows';

export const COMPRESSED_FORMAT: CompressedFormat = 'gzip';

/** A stored row's bytes that are not what its marker says they are. */
export class CompressedRowError extends Error {
  override readonly name = 'CompressedRowError';
}

function singleChunkStream(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      // Stored rows are never backed by a SharedArrayBuffer.
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<Uint8Array> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let length = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value);
    length += next.value.byteLength;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** True where the platform compresses natively (Chromium, Electron, Node 18+). */
export function canCompress(): boolean {
  return typeof CompressionStream === 'function';
}

/** gzip of `update` with the platform's CompressionStream. */
export async function compressUpdate(update: Uint8Array): Promise<Uint8Array> {
  return collect(singleChunkStream(update).pipeThrough(new CompressionStream(COMPRESSED_FORMAT)));
}

/**
 * The Yjs update inside a compressed row, with the platform's DecompressionStream (native, about
 * twice as fast as inflating in JavaScript), or in JavaScript where there is none.
 */
export async function inflateRow(bytes: Uint8Array, format: unknown): Promise<Uint8Array> {
  checkFormat(format);
  if (typeof DecompressionStream !== 'function') return inflateRowSync(bytes, format);
  try {
    return await collect(singleChunkStream(bytes).pipeThrough(new DecompressionStream(COMPRESSED_FORMAT)));
  } catch (error) {
    throw new CompressedRowError(`its compressed bytes are damaged (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}

/**
 * The same, synchronously, for callers that decode rows they read themselves. fflate does not
 * check gzip's CRC-32, so it is checked here: damaged bytes never reach Yjs.
 */
export function inflateRowSync(bytes: Uint8Array, format: unknown): Uint8Array {
  checkFormat(format);
  let inflated: Uint8Array;
  try {
    inflated = gunzipSync(bytes);
  } catch (error) {
    throw new CompressedRowError(`its compressed bytes are damaged (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const expectedCrc = view.getUint32(bytes.byteLength - 8, true);
  const expectedLength = view.getUint32(bytes.byteLength - 4, true);
  if (crc32(inflated) !== expectedCrc || inflated.byteLength >>> 0 !== expectedLength) {
    throw new CompressedRowError('its compressed bytes are damaged (checksum mismatch)');
  }
  return inflated;
}

function checkFormat(format: unknown): asserts format is CompressedFormat {
  if (format !== COMPRESSED_FORMAT) {
    throw new CompressedRowError(`it is compressed as ${JSON.stringify(format)}, which this version of Sitrep cannot read`);
  }
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as in gzip's trailer. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
