// Attachments reach peers in bounded, verified chunks: a lying peer is cut and the file comes
// from another; sizes and counts are bounded; a silent peer times out (fake timers).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentMeta,
  CHUNK_BYTES,
  decodeAttachmentMessage,
  encodeAttachmentMessage,
  sha256Hex,
} from '../../src/core/attachments';
import { AttachmentSync, type AttachmentSyncOptions } from '../../src/renderer/sync/attachments/attachmentSync';
import { FakeChannelNode, link, MemoryFiles } from './support/attachmentPeers';

async function makeFile(size: number, seed: number, name = `file-${seed}.png`): Promise<{ meta: AttachmentMeta; bytes: Uint8Array }> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7) & 0xff;
  return { meta: { sha256: await sha256Hex(bytes), name, type: 'image/png', size }, bytes };
}

interface Node {
  readonly channel: FakeChannelNode;
  readonly files: MemoryFiles;
  readonly sync: AttachmentSync;
  readonly errors: unknown[];
}

const nodes: Node[] = [];

function node(id: string, referenced: readonly AttachmentMeta[], options: Partial<AttachmentSyncOptions> = {}): Node {
  const channel = new FakeChannelNode(id);
  const files = new MemoryFiles();
  const errors: unknown[] = [];
  const sync = new AttachmentSync({ peers: channel, files, referenced: () => referenced, onError: (e) => errors.push(e), ...options });
  const made = { channel, files, sync, errors };
  nodes.push(made);
  return made;
}

/** Lets queued messages, hashing and stores run; bounded so a bug fails the test instead of hanging it. */
async function until(condition: () => boolean, rounds = 20_000): Promise<void> {
  for (let i = 0; i < rounds && !condition(); i++) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

async function idle(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  for (const n of nodes.splice(0)) n.sync.destroy();
  vi.useRealTimers();
});

describe('attachment messages', () => {
  it('round-trips every message and refuses malformed ones', async () => {
    const sha = 'a'.repeat(64);
    const chunk = { type: 'chunk', sha256: sha, index: 2, count: 3, bytes: new Uint8Array([1, 2, 3]) } as const;
    expect(decodeAttachmentMessage(encodeAttachmentMessage(chunk))).toEqual(chunk);
    expect(decodeAttachmentMessage(encodeAttachmentMessage({ type: 'have', sha256: sha, size: 5 }))).toEqual({
      type: 'have',
      sha256: sha,
      size: 5,
    });
    expect(() => decodeAttachmentMessage(encodeAttachmentMessage({ type: 'want', sha256: 'not-a-hash' }))).toThrow(/SHA-256/);
    expect(() => decodeAttachmentMessage(encodeAttachmentMessage({ type: 'have', sha256: sha, size: ATTACHMENT_MAX_BYTES + 1 }))).toThrow(
      /over the limit/,
    );
    expect(() => decodeAttachmentMessage(encodeAttachmentMessage({ ...chunk, index: 3 }))).toThrow(/chunk 3 of 3/);
    expect(() => decodeAttachmentMessage(encodeAttachmentMessage({ ...chunk, bytes: new Uint8Array(CHUNK_BYTES + 1) }))).toThrow(
      /chunk of/,
    );
    expect(() => decodeAttachmentMessage(new Uint8Array([9]))).toThrow();
    const trailing = new Uint8Array([...encodeAttachmentMessage({ type: 'want', sha256: sha }), 0]);
    expect(() => decodeAttachmentMessage(trailing)).toThrow(/trailing/);
  });
});

describe('AttachmentSync', () => {
  it('fetches a missing multi-chunk file from a peer and stores it once its SHA-256 matches', async () => {
    const file = await makeFile(3 * CHUNK_BYTES + 123, 1);
    const have = node('have', [file.meta]);
    have.files.files.set(file.meta.sha256, file.bytes);
    const late = node('late', [file.meta]);
    link(have.channel, late.channel);
    await until(() => late.files.files.has(file.meta.sha256));
    expect(late.files.files.get(file.meta.sha256)).toEqual(file.bytes);
    expect(late.channel.hostile).toEqual([]);
    // Bounded: never more chunk requests in flight than the window, each chunk at most 64 KiB.
    const gets = late.channel.sent.map((s) => decodeAttachmentMessage(s.payload)).filter((m) => m.type === 'get');
    expect(gets).toHaveLength(4);
    const chunks = have.channel.sent.map((s) => decodeAttachmentMessage(s.payload)).filter((m) => m.type === 'chunk');
    expect(chunks.every((m) => m.type === 'chunk' && m.bytes.length <= CHUNK_BYTES)).toBe(true);
  });

  it('treats a peer whose file does not match its SHA-256 as hostile and takes the file from another peer', async () => {
    const file = await makeFile(2 * CHUNK_BYTES + 10, 2);
    const liar = node('liar', [file.meta]);
    liar.files.files.set(file.meta.sha256, file.bytes);
    // Same lengths, one byte changed in the last chunk: only the hash can tell.
    liar.channel.outgoing = (_to, payload) => {
      const message = decodeAttachmentMessage(payload);
      if (message.type !== 'chunk' || message.index !== 2) return payload;
      const bytes = message.bytes.slice();
      bytes[0] = (bytes[0] ?? 0) ^ 0xff;
      return encodeAttachmentMessage({ ...message, bytes });
    };
    const honest = node('honest', [file.meta]);
    honest.files.files.set(file.meta.sha256, file.bytes);
    const late = node('late', [file.meta]);
    link(liar.channel, late.channel); // the liar answers first
    link(honest.channel, late.channel);
    await until(() => late.files.files.has(file.meta.sha256));
    expect(late.files.files.get(file.meta.sha256)).toEqual(file.bytes);
    expect(late.channel.hostile).toHaveLength(1);
    expect(late.channel.hostile[0]?.peerId).toBe('liar');
    expect(late.channel.hostile[0]?.reason).toMatch(
      /^sent "file-2\.png" whose SHA-256 does not match \(got [0-9a-f]{12}…, expected [0-9a-f]{12}…\)$/,
    );
    expect(late.channel.peers()).toEqual(['honest']);
    expect(late.files.puts).toBe(1);
  });

  it('cuts a peer that sends a chunk of the wrong length at once, before any hashing', async () => {
    const file = await makeFile(CHUNK_BYTES + 5, 3);
    const liar = node('liar', [file.meta]);
    liar.files.files.set(file.meta.sha256, file.bytes);
    liar.channel.outgoing = (_to, payload) => {
      const message = decodeAttachmentMessage(payload);
      return message.type === 'chunk' && message.index === 0
        ? encodeAttachmentMessage({ ...message, bytes: message.bytes.subarray(1) })
        : payload;
    };
    const late = node('late', [file.meta]);
    link(liar.channel, late.channel);
    await until(() => late.channel.hostile.length === 1);
    expect(late.channel.hostile[0]?.reason).toMatch(/chunk 0 .* not 65536 bytes/);
    expect(late.files.files.size).toBe(0);
  });

  it('cuts a peer that sends a malformed message', async () => {
    const late = node('late', []);
    const other = new FakeChannelNode('garbage');
    link(other, late.channel);
    other.send('late', new Uint8Array([200, 1, 2]));
    await until(() => late.channel.hostile.length === 1);
    expect(late.channel.hostile[0]?.reason).toMatch(/malformed/);
  });

  it('does not use a peer whose size differs from the document, and never asks for a file over 10 MB', async () => {
    const file = await makeFile(1000, 4);
    const other = await makeFile(1001, 5);
    const wrongSize = node('wrong', [{ ...file.meta, size: 1001 }]);
    // This peer's document says 1001 bytes; it stores bytes of that length under the same hash.
    wrongSize.files.files.set(file.meta.sha256, other.bytes);
    const huge: AttachmentMeta = { sha256: 'b'.repeat(64), name: 'huge.bin', type: '', size: ATTACHMENT_MAX_BYTES + 1 };
    const late = node('late', [file.meta, huge]);
    link(wrongSize.channel, late.channel);
    await until(() => late.sync.state(file.meta.sha256) === null && late.channel.sent.length > 0);
    await idle();
    const asked = late.channel.sent.map((s) => decodeAttachmentMessage(s.payload));
    expect(asked.map((m) => m.type)).toEqual(['want']);
    expect(asked.some((m) => m.sha256 === huge.sha256)).toBe(false);
    expect(late.files.files.size).toBe(0);
    expect(late.channel.hostile).toEqual([]);
  });

  it('serves only files the document refers to', async () => {
    const file = await makeFile(100, 6);
    const holder = node('holder', []); // has the bytes, but its document does not refer to them
    holder.files.files.set(file.meta.sha256, file.bytes);
    const late = node('late', [file.meta]);
    link(holder.channel, late.channel);
    await until(() => holder.channel.sent.length === 1);
    expect(decodeAttachmentMessage(holder.channel.sent[0]!.payload).type).toBe('none');
    await idle();
    expect(late.files.files.size).toBe(0);
  });

  it('answers a peer asking for chunks faster than any transfer with none, within a burst and a rate', async () => {
    const file = await makeFile(100, 9);
    const holder = node('holder', [file.meta], { serveBurstChunks: 10, serveChunksPerSecond: 5 });
    holder.files.files.set(file.meta.sha256, file.bytes);
    const greedy = new FakeChannelNode('greedy');
    const answers: string[] = [];
    greedy.onMessage((_from, payload) => answers.push(decodeAttachmentMessage(payload).type));
    link(holder.channel, greedy);
    const get = encodeAttachmentMessage({ type: 'get', sha256: file.meta.sha256, index: 0 });
    for (let i = 0; i < 50; i++) greedy.send('holder', get);
    await until(() => answers.length === 50);
    expect(answers.filter((type) => type === 'chunk')).toHaveLength(10);
    expect(answers.filter((type) => type === 'none')).toHaveLength(40);
    await vi.advanceTimersByTimeAsync(1_000);
    for (let i = 0; i < 10; i++) greedy.send('holder', get);
    await until(() => answers.length === 60);
    expect(answers.slice(50).filter((type) => type === 'chunk')).toHaveLength(5);
  });

  it('moves on from a peer that stops sending after the chunk timeout, and asks again later when nobody had the file', async () => {
    const file = await makeFile(2 * CHUNK_BYTES, 7);
    const silent = node('silent', [file.meta]);
    silent.files.files.set(file.meta.sha256, file.bytes);
    silent.channel.outgoing = (_to, payload) => (decodeAttachmentMessage(payload).type === 'chunk' ? null : payload);
    const late = node('late', [file.meta], { chunkTimeoutMs: 15_000, retryMs: 30_000 });
    link(silent.channel, late.channel);
    await until(() => late.sync.state(file.meta.sha256)?.phase === 'receiving');
    await vi.advanceTimersByTimeAsync(14_999);
    expect(late.sync.state(file.meta.sha256)?.phase).toBe('receiving');
    await vi.advanceTimersByTimeAsync(1);
    await until(() => late.sync.state(file.meta.sha256) === null);
    expect(late.channel.hostile).toEqual([]); // slow is not hostile
    // Later, the peer sends again: the retry fetches the file.
    silent.channel.outgoing = null;
    const wantsBefore = late.channel.sent.filter((s) => decodeAttachmentMessage(s.payload).type === 'want').length;
    await vi.advanceTimersByTimeAsync(30_000);
    await until(() => late.files.files.has(file.meta.sha256));
    expect(late.channel.sent.filter((s) => decodeAttachmentMessage(s.payload).type === 'want').length).toBe(wantsBefore + 1);
  });

  it('gives up asking when no peer answers within the answer timeout', async () => {
    const file = await makeFile(10, 8);
    const mute = new FakeChannelNode('mute'); // runs no sync: never answers
    const late = node('late', [file.meta], { answerTimeoutMs: 5_000 });
    link(mute, late.channel);
    await until(() => late.sync.state(file.meta.sha256)?.phase === 'asking');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(late.sync.state(file.meta.sha256)?.phase).toBe('asking');
    await vi.advanceTimersByTimeAsync(1);
    expect(late.sync.state(file.meta.sha256)).toBeNull();
  });

  it('fetches at most two files at once', async () => {
    const files = await Promise.all([1, 2, 3, 4, 5].map((seed) => makeFile(CHUNK_BYTES + seed, 10 + seed)));
    const metas = files.map((f) => f.meta);
    const have = node('have', metas);
    for (const f of files) have.files.files.set(f.meta.sha256, f.bytes);
    const late = node('late', metas);
    let most = 0;
    late.sync.subscribe(() => {
      most = Math.max(most, metas.filter((m) => late.sync.state(m.sha256) !== null).length);
    });
    link(have.channel, late.channel);
    await until(() => late.files.files.size === 5);
    expect(most).toBe(2);
    for (const f of files) expect(late.files.files.get(f.meta.sha256)).toEqual(f.bytes);
  });
});
