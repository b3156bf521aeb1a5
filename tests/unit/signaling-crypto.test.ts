// The room's signaling crypto (signalingCrypto.ts): the topic and the sealing key derive from the
// secret exactly as documented (checked against Node's own crypto, so another program can follow
// the description), and every sealed message carries a freshness proof that refuses replays, old
// recordings and clocks too far off, with bounded memory.
import { createDecipheriv, createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import {
  deriveRoomKeys,
  FRESHNESS_WINDOW_MS,
  Freshness,
  MAX_REMEMBERED_NONCES,
  openSignal,
  SEAL_FORMAT,
  sealSignal,
} from '../../src/renderer/sync/rooms/signalingCrypto';

const ROOM = '0123456789abcdef0123456789abcdef';
const SECRET = 'fedcba9876543210fedcba9876543210';
const T0 = Date.UTC(2026, 11, 2, 14, 0, 0);

/** The documented derivation, step by step, with Node's crypto instead of WebCrypto. */
function documented(secret: string, roomId: string) {
  const master = pbkdf2Sync(secret, `sitrep-room-v1:${roomId}`, 100_000, 32, 'sha256');
  const topicKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'sitrep signaling topic v1', 32));
  const sealKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'sitrep signaling seal v1', 32));
  const topic = `sitrep1.${createHmac('sha256', topicKey).update(roomId).digest('base64url')}`;
  return { topic, sealKey };
}

function openWithNode(sealed: Uint8Array, key: Buffer): unknown {
  const decoder = decoding.createDecoder(sealed);
  expect(decoding.readVarString(decoder)).toBe(SEAL_FORMAT);
  const iv = decoding.readVarUint8Array(decoder);
  const cipher = decoding.readVarUint8Array(decoder);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(cipher.subarray(cipher.length - 16));
  const plain = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
  return decoding.readAny(decoding.createDecoder(new Uint8Array(plain)));
}

describe('topic and key derivation', () => {
  it('derives the topic and the sealing key as documented; the room id alone gives neither', async () => {
    const keys = await deriveRoomKeys(SECRET, ROOM);
    const expected = documented(SECRET, ROOM);
    expect(keys.topic).toBe(expected.topic);
    expect(keys.topic).toMatch(/^sitrep1\.[A-Za-z0-9_-]{43}$/);
    expect(keys.topic).not.toContain(ROOM);
    const sealed = await sealSignal({ type: 'announce', from: 'peer-1', session: 5 }, keys.sealKey, T0);
    expect(openWithNode(sealed, expected.sealKey)).toEqual({
      type: 'announce',
      from: 'peer-1',
      session: 5,
      sentAt: T0,
      nonce: expect.any(String),
    });
  });

  it('gives another topic for another secret or another room, and the same for the same pair', async () => {
    const [a, again, otherSecret, otherRoom] = await Promise.all([
      deriveRoomKeys(SECRET, ROOM),
      deriveRoomKeys(SECRET, ROOM),
      deriveRoomKeys('0'.repeat(32), ROOM),
      deriveRoomKeys(SECRET, 'f'.repeat(32)),
    ]);
    expect(again.topic).toBe(a.topic);
    expect(new Set([a.topic, otherSecret.topic, otherRoom.topic]).size).toBe(3);
  });
});

describe('sealed messages', () => {
  it('opens what it sealed, once, with a 16-byte random nonce', async () => {
    const { sealKey } = await deriveRoomKeys(SECRET, ROOM);
    const freshness = new Freshness(() => T0);
    const sealed = await sealSignal({ type: 'signal', to: 'b', signal: { type: 'offer', sdp: 'v=0' } }, sealKey, T0);
    const opened = await openSignal(sealed, sealKey, freshness);
    expect(opened).toEqual({
      ok: true,
      message: {
        type: 'signal',
        to: 'b',
        signal: { type: 'offer', sdp: 'v=0' },
        sentAt: T0,
        nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      },
    });
    expect(await openSignal(sealed, sealKey, freshness)).toMatchObject({ ok: false, reason: 'replayed' });
    // Two messages with the same fields are still two messages.
    const twice = await sealSignal({ type: 'signal', to: 'b', signal: { type: 'offer', sdp: 'v=0' } }, sealKey, T0);
    expect(await openSignal(twice, sealKey, freshness)).toMatchObject({ ok: true });
  });

  it('calls foreign what another key sealed, what y-webrtc sealed, and what is not sealed at all', async () => {
    const { sealKey } = await deriveRoomKeys(SECRET, ROOM);
    const other = await deriveRoomKeys('0'.repeat(32), ROOM);
    const freshness = new Freshness(() => T0);
    const byOther = await sealSignal({ type: 'announce', from: 'x', session: 1 }, other.sealKey, T0);
    expect(await openSignal(byOther, sealKey, freshness)).toMatchObject({
      ok: false,
      reason: 'foreign',
      detail: 'sealed with another room secret',
    });
    // y-webrtc frames its messages as "AES-GCM".
    const yWebrtcFramed = new Uint8Array([7, ...new TextEncoder().encode('AES-GCM'), 1, 0, 1, 0]);
    expect(await openSignal(yWebrtcFramed, sealKey, freshness)).toMatchObject({
      ok: false,
      reason: 'foreign',
      detail: 'sealed as "AES-GCM"',
    });
    expect(await openSignal(Uint8Array.of(0xff, 0xff), sealKey, freshness)).toMatchObject({ ok: false, reason: 'foreign' });
    expect(freshness.remembered()).toBe(0);
  });
});

describe('freshness', () => {
  const nonce = (i: number) => `nonce-${String(i).padStart(16, '0')}`;

  it('accepts a message sent within two minutes either side of this clock and refuses one outside', () => {
    let now = T0;
    const freshness = new Freshness(() => now);
    expect(FRESHNESS_WINDOW_MS).toBe(120_000);
    expect(freshness.check(T0, nonce(1))).toBe('fresh');
    expect(freshness.check(T0 - 120_000, nonce(2))).toBe('fresh');
    expect(freshness.check(T0 + 120_000, nonce(3))).toBe('fresh');
    expect(freshness.check(T0 - 120_001, nonce(4))).toBe('stale');
    expect(freshness.check(T0 + 120_001, nonce(5))).toBe('stale');
    // A recording replayed a day later.
    now = T0 + 24 * 3600_000;
    expect(freshness.check(T0, nonce(6))).toBe('stale');
    for (const missing of [undefined, '2026-12-02', Number.NaN, Number.POSITIVE_INFINITY])
      expect(freshness.check(missing, nonce(7))).toBe('stale');
    expect(freshness.check(now, undefined)).toBe('stale');
    expect(freshness.check(now, 'short')).toBe('stale');
  });

  it('refuses a replay within the window and forgets a nonce only once its message is stale anyway', () => {
    let now = T0;
    const freshness = new Freshness(() => now);
    expect(freshness.check(T0, nonce(1))).toBe('fresh');
    now = T0 + 119_000;
    expect(freshness.check(T0, nonce(1))).toBe('replayed');
    now = T0 + 120_001;
    expect(freshness.check(T0, nonce(1))).toBe('stale');
  });

  it('tolerates laptops whose clocks disagree by up to the window: a sender 90 s ahead, and one 90 s behind', () => {
    const receiver = new Freshness(() => T0);
    expect(receiver.check(T0 + 90_000, nonce(1))).toBe('fresh');
    expect(receiver.check(T0 - 90_000, nonce(2))).toBe('fresh');
    // A sender 3 minutes off is refused; the room counts these, so the dialog can say so.
    expect(receiver.check(T0 + 180_000, nonce(3))).toBe('stale');
  });

  it('holds a bounded number of nonces: a flood is refused rather than old nonces forgotten, and expired ones make room', () => {
    let now = T0;
    const freshness = new Freshness(() => now, FRESHNESS_WINDOW_MS, 100);
    for (let i = 0; i < 100; i++) expect(freshness.check(now, nonce(i))).toBe('fresh');
    expect(freshness.check(now, nonce(100))).toBe('flooded');
    // The first nonce is still remembered: its replay is refused, not let through.
    expect(freshness.check(now, nonce(0))).toBe('replayed');
    expect(freshness.remembered()).toBe(100);
    now = T0 + FRESHNESS_WINDOW_MS + 1;
    expect(freshness.check(now, nonce(101))).toBe('fresh');
    expect(freshness.remembered()).toBe(1);
    expect(MAX_REMEMBERED_NONCES).toBeGreaterThanOrEqual(10_000);
  });
});
