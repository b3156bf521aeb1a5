// Room secrets at rest: sealed by the platform's keyring where it protects the key, plain (and
// said so) where it does not; rows written before sealing keep opening and are sealed on first read.
import { Dexie } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import {
  RoomSecretUnavailableError,
  roomRowKey,
  type SecretSealer,
  type StoredRoom,
} from '../../src/renderer/sync/storage/roomCredentials';
import type { LibraryOptions } from '../../src/renderer/sync/storage';
import { testLibraries } from './support/libraries';

const { freshStore, open } = testLibraries('room-secrets-at-rest');

const ROOM: StoredRoom = {
  roomId: '0123456789abcdef0123456789abcdef',
  secret: 'fedcba9876543210fedcba9876543210',
  signaling: ['ws://192.168.1.20:4444'],
  hosted: false,
};

/** A fake keyring: reversible, but never leaves the secret's text in what it returns. */
function fakeSealer(status: { protected: boolean; backend: string } = { protected: true, backend: 'gnome_libsecret' }) {
  const state = { locked: false, failSeal: false };
  const sealer = {
    status: vi.fn(async () => status),
    seal: vi.fn(async (secret: string) => {
      if (state.failSeal) throw new Error('The keyring refused.');
      return Buffer.from(`k1:${[...secret].reverse().join('')}`).toString('base64');
    }),
    open: vi.fn(async (sealed: string) => {
      if (state.locked) throw new Error('The keyring is locked.');
      const text = Buffer.from(sealed, 'base64').toString();
      if (!text.startsWith('k1:')) throw new Error('Not sealed by this keyring.');
      return [...text.slice(3)].reverse().join('');
    }),
  } satisfies SecretSealer;
  return { sealer, state };
}

/** The row as IndexedDB holds it, read without Sitrep's code. */
async function rawRow(options: LibraryOptions, incidentId: string): Promise<Record<string, unknown> | undefined> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    const row = await raw.table('settings').get(roomRowKey(incidentId));
    return row?.value as Record<string, unknown> | undefined;
  } finally {
    raw.close();
  }
}

async function writeRawRow(options: LibraryOptions, incidentId: string, value: unknown): Promise<void> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    await raw.table('settings').put({ key: roomRowKey(incidentId), value });
  } finally {
    raw.close();
  }
}

describe('room secrets at rest', () => {
  it('are sealed where the keyring protects the key: the stored row never holds the secret', async () => {
    const { sealer } = fakeSealer();
    const options = freshStore({ secrets: sealer });
    const library = await open(options);
    await library.roomCredentials.save('inc-1', ROOM);
    const row = await rawRow(options, 'inc-1');
    expect(row).not.toHaveProperty('secret');
    expect(typeof row?.sealedSecret).toBe('string');
    expect(JSON.stringify(row)).not.toContain(ROOM.secret);
    expect(await library.roomCredentials.get('inc-1')).toEqual(ROOM);
    expect(await library.roomCredentials.protection()).toEqual({ sealed: true, backend: 'gnome_libsecret' });
  });

  it('a plain row written before sealing keeps opening and is sealed on its first read', async () => {
    const { sealer } = fakeSealer();
    const options = freshStore({ secrets: sealer });
    const library = await open(options);
    await writeRawRow(options, 'old', { ...ROOM, signaling: [...ROOM.signaling] });
    expect(await library.roomCredentials.get('old')).toEqual(ROOM);
    const row = await rawRow(options, 'old');
    expect(row).not.toHaveProperty('secret');
    expect(JSON.stringify(row)).not.toContain(ROOM.secret);
    expect(await library.roomCredentials.get('old')).toEqual(ROOM);
  });

  it("stay plain, and say why, in the browser and on Linux without a keyring ('basic_text')", async () => {
    const browser = freshStore();
    const plainLibrary = await open(browser);
    await plainLibrary.roomCredentials.save('inc-1', ROOM);
    expect((await rawRow(browser, 'inc-1'))?.secret).toBe(ROOM.secret);
    expect(await plainLibrary.roomCredentials.protection()).toMatchObject({ sealed: false, backend: 'browser' });

    const { sealer } = fakeSealer({ protected: false, backend: 'basic_text' });
    const linux = freshStore({ secrets: sealer });
    const linuxLibrary = await open(linux);
    await linuxLibrary.roomCredentials.save('inc-1', ROOM);
    expect(await linuxLibrary.roomCredentials.get('inc-1')).toEqual(ROOM);
    expect((await rawRow(linux, 'inc-1'))?.secret).toBe(ROOM.secret);
    expect(sealer.seal).not.toHaveBeenCalled();
    const protection = await linuxLibrary.roomCredentials.protection();
    expect(protection).toMatchObject({ sealed: false, backend: 'basic_text' });
    if (!protection.sealed) expect(protection.reason).toMatch(/no keyring/);
  });

  it('a keyring that refuses to seal leaves the room working (stored plain) and is tried again on the next read', async () => {
    const { sealer, state } = fakeSealer();
    const options = freshStore({ secrets: sealer });
    const library = await open(options);
    state.failSeal = true;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await library.roomCredentials.save('inc-1', ROOM);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/sealing a room secret failed/), expect.any(Error));
    errors.mockRestore();
    expect((await rawRow(options, 'inc-1'))?.secret).toBe(ROOM.secret);
    state.failSeal = false;
    expect(await library.roomCredentials.get('inc-1')).toEqual(ROOM);
    expect(await rawRow(options, 'inc-1')).not.toHaveProperty('secret');
  });

  it('a locked keyring is reported with what to do, and finding a room by id needs no keyring', async () => {
    const { sealer, state } = fakeSealer();
    const options = freshStore({ secrets: sealer });
    const library = await open(options);
    await library.incidents.create('inc-1').then((handle) => handle.close());
    await library.roomCredentials.save('inc-1', ROOM);
    state.locked = true;
    await expect(library.roomCredentials.get('inc-1')).rejects.toThrow(RoomSecretUnavailableError);
    await expect(library.roomCredentials.get('inc-1')).rejects.toThrow(/Unlock the keyring/);
    expect(await library.roomCredentials.findIncidentByRoom(ROOM.roomId)).toBe('inc-1');
  });

  it('a sealed row copied to a browser profile is refused with a sentence, not read as garbage', async () => {
    const { sealer } = fakeSealer();
    const desktop = freshStore({ secrets: sealer });
    const library = await open(desktop);
    await library.roomCredentials.save('inc-1', ROOM);
    const sealedRow = await rawRow(desktop, 'inc-1');
    const browser = freshStore();
    const browserLibrary = await open(browser);
    await writeRawRow(browser, 'inc-1', sealedRow);
    await expect(browserLibrary.roomCredentials.get('inc-1')).rejects.toThrow(/join its room again with a fresh code/);
  });

  it('re-keying (a new secret saved over the old) seals the new secret; confirming a changed code does too', async () => {
    const { sealer } = fakeSealer();
    const options = freshStore({ secrets: sealer });
    const library = await open(options);
    await library.incidents.create('inc-1').then((handle) => handle.close());
    await library.roomCredentials.save('inc-1', ROOM);
    const rekeyed = { ...ROOM, secret: 'a'.repeat(32) };
    await library.roomCredentials.save('inc-1', rekeyed);
    expect(await library.roomCredentials.get('inc-1')).toEqual(rekeyed);
    expect(JSON.stringify(await rawRow(options, 'inc-1'))).not.toContain('a'.repeat(32));
    const invitation = { roomId: ROOM.roomId, secret: 'b'.repeat(32), signaling: ['ws://10.0.0.5:4444'] };
    const known = await library.roomCredentials.knownRoom(invitation);
    expect(known?.changes.secretChanged).toBe(true);
    await library.roomCredentials.adopt('inc-1', invitation, known!.changes);
    expect(await library.roomCredentials.get('inc-1')).toMatchObject({ secret: 'b'.repeat(32), signaling: ['ws://10.0.0.5:4444'] });
    expect(JSON.stringify(await rawRow(options, 'inc-1'))).not.toContain('b'.repeat(32));
  });

  it('addresses stored before they had to be canonical are read canonically; unusable ones are dropped', async () => {
    const options = freshStore();
    const library = await open(options);
    await writeRawRow(options, 'old', {
      ...ROOM,
      signaling: ['ws://192.168.1.20:4444/', 'WS://Signal.Example.org:4444', 'wss://u:p@evil.example', 'wss://x.example/path'],
    });
    expect((await library.roomCredentials.get('old'))?.signaling).toEqual(['ws://192.168.1.20:4444', 'ws://signal.example.org:4444']);
  });
});
