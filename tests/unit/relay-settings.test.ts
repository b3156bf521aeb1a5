// The team's relay in Network settings: the shared secret is validated, sealed at rest like room
// secrets and never read back whole; a member derives its own 12 h credential and a joiner's
// 24 h one (checked against Node's HMAC, as coturn computes it); a member without the secret
// uses, and passes on, the credential its join code brought until it expires; and the room opens
// with the relay among its ICE servers.
import { createHmac } from 'node:crypto';
import Dexie from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelayInvitation } from '../../src/core/joinCode';
import {
  iceServersFor,
  JOINER_RELAY_TTL_SECONDS,
  MEMBER_RELAY_TTL_SECONDS,
  RELAY_RENEW_BEFORE_MS,
  relayForJoinCode,
  relayUserName,
} from '../../src/core/relay/iceServers';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import type { LibraryOptions } from '../../src/renderer/sync/storage';
import { relaySecretProblem } from '../../src/renderer/sync/storage/networkSettings';
import type { SecretSealer } from '../../src/renderer/sync/storage/roomCredentials';
import { fakeProviders } from './support/fakeRoomProvider';
import { testLibraries } from './support/libraries';

const libraries = testLibraries('relay-settings');
const SECRET = 'north-sea-relay-3f1c9e07d2b84a65';
const RELAY = 'turns:relay.example.org:5349';
const NOW = Date.UTC(2026, 11, 2, 13, 30, 15, 999);
const NOW_S = Math.floor(NOW / 1000);
const ROOM_ID = '0123456789abcdef0123456789abcdef';

const coturnPassword = (secret: string, username: string): string => createHmac('sha1', secret).update(username).digest('base64');

function codeRelay(expiresAt: number): RelayInvitation {
  const username = `${expiresAt}:joiner`;
  return { url: RELAY, username, credential: coturnPassword(SECRET, username), expiresAt };
}

/** A fake keyring that never leaves the secret's text in what it returns. */
function fakeSealer(): SecretSealer {
  return {
    status: vi.fn(async () => ({ protected: true, backend: 'gnome_libsecret' })),
    seal: vi.fn(async (secret: string) => Buffer.from(`k1:${[...secret].reverse().join('')}`).toString('base64')),
    open: vi.fn(async (sealed: string) => [...Buffer.from(sealed, 'base64').toString().slice(3)].reverse().join('')),
  };
}

async function rawRow(options: LibraryOptions, key: string): Promise<unknown> {
  const raw = new Dexie(options.name!, { indexedDB: options.indexedDB!, IDBKeyRange });
  await raw.open();
  try {
    return (await raw.table('settings').get(key))?.value;
  } finally {
    raw.close();
  }
}

describe('the relay secret', () => {
  it.each([
    ['short', /has 5 characters; .* at least 16/],
    ['has a space in the middle!!', /spaces or characters outside printable ASCII/],
    ['ünïcode-secret-that-is-long', /outside printable ASCII/],
    ['x'.repeat(257), /longer than 256/],
  ])('refuses %j with a sentence', (secret, message) => {
    expect(relaySecretProblem(secret)).toMatch(message);
  });

  it('accepts what openssl rand -hex 32 makes', () => {
    expect(relaySecretProblem('9f'.repeat(32))).toBeNull();
  });
});

describe('credentials for the room', () => {
  it('a member with the secret derives its own 12 h credential, as coturn recomputes it', async () => {
    const servers = await iceServersFor(
      { relay: { url: RELAY, secret: SECRET }, roomRelay: codeRelay(NOW_S + 60), name: 'Zoë Ortiz' },
      NOW,
    );
    const username = `${NOW_S + MEMBER_RELAY_TTL_SECONDS}:Zoe-Ortiz`;
    expect(servers).toEqual([{ urls: RELAY, username, credential: coturnPassword(SECRET, username) }]);
  });

  it('a member without the secret uses the code’s credential until it expires, then none', async () => {
    const relay = codeRelay(NOW_S + 3600);
    const inputs = { relay: null, roomRelay: relay, name: 'Blake' };
    expect(await iceServersFor(inputs, NOW)).toEqual([{ urls: RELAY, username: relay.username, credential: relay.credential }]);
    expect(await iceServersFor(inputs, (NOW_S + 3600) * 1000)).toEqual([]);
    expect(await iceServersFor({ relay: null, roomRelay: null, name: 'Blake' }, NOW)).toEqual([]);
  });

  it('a join code gets a 24 h joiner credential, or the one this member was given, never the secret', async () => {
    const fresh = await relayForJoinCode({ relay: { url: RELAY, secret: SECRET }, roomRelay: null }, NOW);
    expect(fresh).toEqual(codeRelay(NOW_S + JOINER_RELAY_TTL_SECONDS));
    expect(JSON.stringify(fresh)).not.toContain(SECRET);
    const passed = codeRelay(NOW_S + 60);
    expect(await relayForJoinCode({ relay: null, roomRelay: passed }, NOW)).toBe(passed);
    expect(await relayForJoinCode({ relay: null, roomRelay: passed }, (NOW_S + 60) * 1000)).toBeNull();
  });

  it('names are made safe for coturn and the code', () => {
    expect(relayUserName('Avery IC')).toBe('Avery-IC');
    expect(relayUserName('::::')).toBe('member');
    expect(relayUserName('x'.repeat(80))).toHaveLength(32);
  });
});

describe('RelaySettings', () => {
  it('seals the secret at rest and shows back only its last four characters', async () => {
    const options = libraries.freshStore({ secrets: fakeSealer() });
    const library = await libraries.open(options);
    await library.relay.save(RELAY, SECRET);
    const row = (await rawRow(options, 'relay')) as Record<string, unknown>;
    expect(row.url).toBe(RELAY);
    expect(row.secret).toBeUndefined();
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(await library.relay.summary()).toEqual({ url: RELAY, secretEnding: '4a65', sealed: true });
    expect(await library.relay.get()).toEqual({ url: RELAY, secret: SECRET });
  });

  it('keeps the saved secret when none is typed, removes the relay with an empty address, and writes nothing it refuses', async () => {
    const options = libraries.freshStore();
    const library = await libraries.open(options);
    await expect(library.relay.save(RELAY, undefined)).rejects.toThrow(/Enter the relay secret/);
    await library.relay.save(RELAY, SECRET);
    expect(await library.relay.summary()).toMatchObject({ sealed: false });
    await library.relay.save('turn:relay.example.org:3478', undefined);
    expect(await library.relay.get()).toEqual({ url: 'turn:relay.example.org:3478', secret: SECRET });
    await expect(library.relay.save('turn:relay.example.org', 'another-secret-0123456789')).rejects.toThrow(/has no port/);
    await expect(library.relay.save(RELAY, 'short')).rejects.toThrow(/at least 16/);
    expect(await library.relay.get()).toEqual({ url: 'turn:relay.example.org:3478', secret: SECRET });
    await library.relay.save('', undefined);
    expect(await library.relay.get()).toBeNull();
    expect(await rawRow(options, 'relay')).toBeUndefined();
  });

  it('keeps the relay a code brought per room, the longer-lived one, and forgets it once expired', async () => {
    const library = await libraries.open(libraries.freshStore());
    await library.relay.rememberRoomRelay(ROOM_ID, codeRelay(NOW_S + 7200));
    await library.relay.rememberRoomRelay(ROOM_ID, codeRelay(NOW_S + 3600));
    expect(await library.relay.roomRelay(ROOM_ID, NOW)).toEqual(codeRelay(NOW_S + 7200));
    expect(await library.relay.roomRelay(ROOM_ID, (NOW_S + 7200) * 1000)).toBeNull();
    expect(await library.relay.forJoinCode(ROOM_ID, NOW)).toEqual(codeRelay(NOW_S + 7200));
    await expect(library.relay.rememberRoomRelay('not-a-room', codeRelay(NOW_S))).rejects.toThrow(/room id/);
  });
});

describe('the room', () => {
  let managers: RoomManager[] = [];
  afterEach(() => {
    for (const manager of managers) manager.closeAll();
    managers = [];
  });

  it('opens with the relay among its ICE servers, with this member’s derived credential, and renews it an hour before it expires', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const library = await libraries.open(libraries.freshStore());
      const providers = fakeProviders();
      const rooms = new RoomManager({ createProvider: providers.factory });
      managers.push(rooms);
      const sessions = new IncidentSessions(library, rooms, { id: 'ic-profile', name: 'Avery IC' }, {});
      await library.preferences.setSetting('iceServers', [{ urls: 'stun:127.0.0.1:3478' }]);
      await library.relay.save(RELAY, SECRET);
      const id = await sessions.declare({ title: 'Checkout errors', severity: 'SEV1', summary: '' });
      await sessions.acquire(id);
      const username = `${NOW_S + MEMBER_RELAY_TTL_SECONDS}:Avery-IC`;
      expect(providers.made[0]!.config.iceServers).toEqual([
        { urls: 'stun:127.0.0.1:3478' },
        { urls: RELAY, username, credential: coturnPassword(SECRET, username) },
      ]);
      await vi.advanceTimersByTimeAsync(MEMBER_RELAY_TTL_SECONDS * 1000 - RELAY_RENEW_BEFORE_MS - 1000);
      expect(providers.made).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1000);
      await vi.waitFor(() => expect(providers.made).toHaveLength(2));
      expect(providers.made[0]!.destroyed).toBe(true);
      // Derived when the renewal ran: 11 hours on (and whatever waitFor's polling added), valid for another 12.
      const fresh = providers.made[1]!.config.iceServers.find((server) => server.urls === RELAY);
      const expiry = Number(fresh?.username?.split(':')[0]);
      expect(expiry - (NOW_S + 2 * MEMBER_RELAY_TTL_SECONDS - RELAY_RENEW_BEFORE_MS / 1000)).toBeGreaterThanOrEqual(0);
      expect(expiry - (NOW_S + 2 * MEMBER_RELAY_TTL_SECONDS - RELAY_RENEW_BEFORE_MS / 1000)).toBeLessThan(10);
      expect(fresh).toEqual({ urls: RELAY, username: `${expiry}:Avery-IC`, credential: coturnPassword(SECRET, `${expiry}:Avery-IC`) });
      await sessions.release(id);
    } finally {
      vi.useRealTimers();
    }
  });
});
