// Room keys are derived with PBKDF2 once per room and secret in a window, not on every open.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveRoomKeys, MAX_DERIVED_ROOM_KEYS } from '../../src/renderer/sync/rooms/signalingCrypto';

const ROOM = 'a'.repeat(32);

afterEach(() => vi.restoreAllMocks());

describe('room keys', () => {
  it('are derived once per room and secret, and again for another secret or room', async () => {
    const pbkdf2 = vi.spyOn(crypto.subtle, 'deriveBits');
    const secret = `cache-${'1'.repeat(26)}`;
    const first = await deriveRoomKeys(secret, ROOM);
    const again = await deriveRoomKeys(secret, ROOM);
    expect(again).toBe(first);
    expect(pbkdf2).toHaveBeenCalledTimes(1);
    const other = await deriveRoomKeys(`cache-${'2'.repeat(26)}`, ROOM);
    expect(other.topic).not.toBe(first.topic);
    await deriveRoomKeys(secret, 'b'.repeat(32));
    expect(pbkdf2).toHaveBeenCalledTimes(3);
  });

  it('keep only the most recent rooms, and never a failed derivation', async () => {
    const secrets = Array.from({ length: MAX_DERIVED_ROOM_KEYS + 1 }, (_, i) => `evict-${String(i).padStart(26, '0')}`);
    for (const secret of secrets) await deriveRoomKeys(secret, ROOM);
    const pbkdf2 = vi.spyOn(crypto.subtle, 'deriveBits');
    await deriveRoomKeys(secrets[secrets.length - 1]!, ROOM);
    expect(pbkdf2).toHaveBeenCalledTimes(0);
    await deriveRoomKeys(secrets[0]!, ROOM);
    expect(pbkdf2).toHaveBeenCalledTimes(1);

    pbkdf2.mockRejectedValueOnce(new Error('no crypto today'));
    await expect(deriveRoomKeys(`fails-${'3'.repeat(26)}`, ROOM)).rejects.toThrow('no crypto today');
    const retried = await deriveRoomKeys(`fails-${'3'.repeat(26)}`, ROOM);
    expect(retried.topic).toEqual(expect.any(String));
  });
});
