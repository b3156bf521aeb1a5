// Large peer messages cross a data channel as chunks and are joined exactly; bad chunks are refused.
import { describe, expect, it } from 'vitest';
import { ChunkAssembler, CHUNK_PAYLOAD_BYTES, isChunk, splitMessage } from '../../src/renderer/sync/rooms/peerChunks';
import { MESSAGE_CHUNK, MESSAGE_SYNC } from '../../src/renderer/sync/rooms/peerWire';

function message(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) bytes[i] = (i * 31 + 7) % 251;
  bytes[0] = MESSAGE_SYNC;
  return bytes;
}

describe('splitMessage and ChunkAssembler', () => {
  it('leaves a message that fits alone', () => {
    const small = message(1000);
    expect(splitMessage(small)).toEqual([small]);
    expect(isChunk(small)).toBe(false);
  });

  it('splits a 1 MiB document into chunks under the data-channel limit and joins them exactly', () => {
    const big = message(1024 * 1024 + 123);
    const chunks = splitMessage(big);
    expect(chunks.length).toBe(Math.ceil(big.length / CHUNK_PAYLOAD_BYTES));
    for (const chunk of chunks) {
      expect(isChunk(chunk)).toBe(true);
      expect(chunk.length).toBeLessThan(256 * 1024);
    }
    const assembler = new ChunkAssembler(64 * 1024 * 1024);
    const results = chunks.map((chunk) => assembler.receive(chunk));
    expect(results.slice(0, -1).every((r) => r.state === 'pending')).toBe(true);
    const last = results.at(-1)!;
    expect(last.state).toBe('complete');
    if (last.state === 'complete') expect(last.message).toEqual(big);
    // The assembler is ready for the next transfer.
    const again = splitMessage(message(300_000))
      .map((chunk) => assembler.receive(chunk))
      .at(-1)!;
    expect(again.state).toBe('complete');
  });

  it('refuses chunks out of order, missing, or announcing more than the limit', () => {
    const chunks = splitMessage(message(300_000));
    const skipping = new ChunkAssembler(1024 * 1024);
    skipping.receive(chunks[0]!);
    expect(skipping.receive(chunks[2]!)).toMatchObject({ state: 'invalid', reason: 'malformed' });

    const tooBig = new ChunkAssembler(100_000);
    expect(tooBig.receive(chunks[0]!)).toMatchObject({ state: 'invalid', reason: 'oversized' });

    const headless = new ChunkAssembler(1024 * 1024);
    expect(headless.receive(new Uint8Array([MESSAGE_CHUNK, 1, 2]))).toMatchObject({ state: 'invalid', reason: 'malformed' });

    const other = splitMessage(message(300_000));
    const mixed = new ChunkAssembler(1024 * 1024);
    mixed.receive(chunks[0]!);
    expect(mixed.receive(other[1]!)).toMatchObject({ state: 'invalid', reason: 'malformed' });
  });

  it('refuses a chunk whose bytes run past the announced length', () => {
    const chunks = splitMessage(message(200_000));
    const padded = new Uint8Array(chunks.at(-1)!.length + 10);
    padded.set(chunks.at(-1)!);
    const assembler = new ChunkAssembler(1024 * 1024);
    for (const chunk of chunks.slice(0, -1)) assembler.receive(chunk);
    expect(assembler.receive(padded)).toMatchObject({ state: 'invalid', reason: 'malformed' });
  });
});
