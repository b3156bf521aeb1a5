// An incident's network: rooms made at declaration, joins that reuse or create a local incident,
// and responders who say who they are once the incident arrives from a peer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addPerson, handOverCommand, recordEntry } from '../../src/core/commands';
import { encodeJoinCode, parseJoinInput } from '../../src/core/joinCode';
import { readSnapshot } from '../../src/core/read';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { declaredIncident } from './support/incident';
import { fakeProviders } from './support/fakeRoomProvider';
import { testLibraries } from './support/libraries';

const libraries = testLibraries('incident-network');
let managers: RoomManager[] = [];
afterEach(() => {
  for (const m of managers) m.closeAll();
  managers = [];
});

async function setup(me = { id: 'ic-profile', name: 'Avery IC' }, host?: () => Promise<string[]>) {
  const library = await libraries.open(libraries.freshStore());
  const providers = fakeProviders();
  const rooms = new RoomManager({ createProvider: providers.factory });
  managers.push(rooms);
  const sessions = new IncidentSessions(library, rooms, me, host ? { host } : {});
  return { library, sessions, made: providers.made };
}

describe('rooms for declared incidents', () => {
  it('gives every declared incident a hosted room and connects it once loaded', async () => {
    const { library, sessions, made } = await setup();
    await library.preferences.setSetting('signalingUrls', ['ws://127.0.0.1:4444']);
    const id = await sessions.declare({ title: 'Checkout errors', severity: 'SEV1', summary: '' });
    const room = await library.roomCredentials.get(id);
    expect(room).toMatchObject({ hosted: true, signaling: [] });
    expect(room?.roomId).toMatch(/^[0-9a-f]{32}$/);

    const session = await sessions.acquire(id);
    expect(made).toHaveLength(1);
    expect(made[0]!.config).toMatchObject({
      roomId: room!.roomId,
      secret: room!.secret,
      signaling: ['ws://127.0.0.1:4444'],
      iceServers: [],
    });
    // Connected only after load: the document the provider got already holds the incident.
    expect(readSnapshot(made[0]!.doc)?.incident.title).toBe('Checkout errors');

    const invitation = session.network.invitation();
    expect(invitation).toEqual({ roomId: room!.roomId, secret: room!.secret, signaling: ['ws://127.0.0.1:4444'] });
    const decoded = await parseJoinInput(await encodeJoinCode(invitation!));
    expect(decoded.ok && decoded.invitation).toEqual(invitation);
    await sessions.release(id);
    expect(made[0]!.destroyed).toBe(true);
  });

  it('puts the LAN addresses it hosts first, and says why when hosting fails', async () => {
    const { sessions } = await setup(undefined, async () => ['ws://192.0.2.5:4444', 'ws://127.0.0.1:4444']);
    const id = await sessions.declare({ title: 'Hosted', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    expect(session.network.snapshot().signaling).toEqual(['ws://192.0.2.5:4444', 'ws://127.0.0.1:4444']);
    await sessions.release(id);

    const failing = await setup(undefined, async () => {
      throw new Error('Ports 4444 to 4448 are all in use on this computer.');
    });
    const other = await failing.sessions.declare({ title: 'Not hosted', severity: 'SEV2', summary: '' });
    const opened = await failing.sessions.acquire(other);
    expect(opened.network.snapshot().hostingProblem).toMatch(/all in use/);
    expect(opened.network.invitation()).toBeNull();
    await failing.sessions.release(other);
  });

  it('reconnects open rooms with new network settings', async () => {
    const { library, sessions, made } = await setup();
    const id = await sessions.declare({ title: 'Settings', severity: 'SEV3', summary: '' });
    const session = await sessions.acquire(id);
    expect(session.network.invitation()).toBeNull();
    await library.preferences.setSetting('signalingUrls', ['ws://127.0.0.1:5555']);
    await library.preferences.setSetting('iceServers', [{ urls: 'stun:127.0.0.1:3478' }]);
    await sessions.applyNetworkSettings();
    expect(made).toHaveLength(2);
    expect(made[0]!.destroyed).toBe(true);
    expect(made[1]!.config).toMatchObject({ signaling: ['ws://127.0.0.1:5555'], iceServers: [{ urls: 'stun:127.0.0.1:3478' }] });
    expect(session.network.invitation()?.signaling).toEqual(['ws://127.0.0.1:5555']);
    await sessions.release(id);
  });
});

describe('joining', () => {
  const invitation = { roomId: 'd'.repeat(32), secret: 'e'.repeat(32), signaling: ['ws://127.0.0.1:4444'] };

  it('creates an empty local incident for a new room and reopens it on a second join', async () => {
    const { library, sessions } = await setup({ id: 'responder-profile', name: 'Blake Ortiz' });
    const id = await sessions.join(invitation);
    expect(await library.roomCredentials.get(id)).toMatchObject({ ...invitation, hosted: false });
    expect((await library.incidents.list()).map((e) => e.id)).toEqual([id]);
    // New addresses in a code for a known room are taken only as confirmed (the code may be forged).
    const moved = { ...invitation, signaling: ['ws://127.0.0.1:5555'] };
    await expect(sessions.join(moved)).rejects.toThrow(/not confirmed; nothing was changed/);
    expect((await library.roomCredentials.get(id))?.signaling).toEqual(['ws://127.0.0.1:4444']);
    const known = await sessions.knownRoom(moved);
    expect(known?.incidentId).toBe(id);
    const again = await sessions.join(moved, known!.changes);
    expect(again).toBe(id);
    expect((await library.roomCredentials.get(id))?.signaling).toEqual(['ws://127.0.0.1:5555']);
    expect(await library.incidents.list()).toHaveLength(1);
  });

  it('a confirmed code for a room open in this window reconnects it with the new secret and addresses', async () => {
    const { library, sessions, made } = await setup({ id: 'responder-profile', name: 'Blake Ortiz' });
    const id = await sessions.join(invitation);
    await sessions.acquire(id);
    expect(made.at(-1)!.config).toMatchObject({ secret: invitation.secret, signaling: ['ws://127.0.0.1:4444'] });
    const fresh = { ...invitation, secret: 'f'.repeat(32), signaling: ['ws://127.0.0.1:5555'] };
    const known = await sessions.knownRoom(fresh);
    await sessions.join(fresh, known!.changes);
    // What the Join dialog does for an incident open behind it.
    await sessions.applyNetworkSettings();
    expect(made.at(-1)!.config).toMatchObject({ secret: 'f'.repeat(32), signaling: ['ws://127.0.0.1:5555'] });
    expect((await library.roomCredentials.get(id))?.secret).toBe('f'.repeat(32));
    await sessions.release(id);
  });

  it('does not add the responder on its own once the incident arrives: they say who they are first', async () => {
    const { sessions, made } = await setup({ id: 'responder-profile', name: 'Blake Ortiz' });
    const id = await sessions.join(invitation);
    const session = await sessions.acquire(id);
    expect(session.snapshot()).toBeNull();

    // The IC's document arrives through the room (identity-rekey.test.ts covers the choice).
    const room = made.at(-1)!;
    const { doc: icDoc } = declaredIncident();
    Y.applyUpdate(room.doc, Y.encodeStateAsUpdate(icDoc), 'remote');
    expect(session.snapshot()!.people.map((p) => p.name)).toEqual(['Avery IC']);
    expect(session.network.identity()).toEqual({ kind: 'choose', suggestedName: 'Blake Ortiz' });
    await session.network.joinAsNewPerson('Blake Ortiz');
    const snapshot = session.snapshot()!;
    expect(snapshot.people.map((p) => p.name).sort()).toEqual(['Avery IC', 'Blake Ortiz']);
    expect(snapshot.timeline.filter((e) => e.text === 'Blake Ortiz joined the incident')).toHaveLength(1);
    await sessions.release(id);
  });

  it('says when a handover changes whether this laptop hosts by default, and re-reads the roles only when they changed', async () => {
    const { sessions, made } = await setup();
    const id = await sessions.declare({ title: 'Handover', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    const doc = made.at(-1)!.doc;
    expect(session.network.snapshot().hostingRole).toBe('commander');
    const ic = { id: 'ic-profile', name: 'Avery IC' };
    const bo = addPerson(doc, { name: 'Bo' }, ic);
    const before = session.network.snapshot();
    const reads = vi.spyOn(session.network, 'hostingRoleNow');
    recordEntry(doc, { kind: 'note', text: 'Not about roles' }, ic);
    expect(reads).not.toHaveBeenCalled();
    expect(session.network.snapshot()).toBe(before);
    handOverCommand(doc, { toPersonId: bo }, ic);
    expect(reads).toHaveBeenCalled();
    expect(session.network.snapshot().hostingRole).toBe('member');
    reads.mockRestore();
    await sessions.release(id);
  });

  it('does not add the commander again in their own incident', async () => {
    const { sessions } = await setup();
    const id = await sessions.declare({ title: 'Mine', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    expect(session.snapshot()!.people).toHaveLength(1);
    await sessions.release(id);
  });
});

describe('network settings', () => {
  it('refuse bad signaling addresses and ICE servers with a sentence', async () => {
    const { library } = await setup();
    await expect(library.preferences.setSetting('signalingUrls', ['http://127.0.0.1:4444'])).rejects.toThrow(/does not start with ws:\/\//);
    await expect(library.preferences.setSetting('signalingUrls', ['ws://a', 'ws://a'])).rejects.toThrow(/listed twice/);
    await expect(library.preferences.setSetting('iceServers', [{ urls: 'turn:127.0.0.1:3478' }])).rejects.toThrow(
      /needs a username and a credential/,
    );
    await expect(library.preferences.setSetting('iceServers', [{ urls: 'https://x' }])).rejects.toThrow(/not a STUN or TURN address/);
    expect(await library.preferences.getSetting('iceServers')).toEqual([]);
    expect(await library.preferences.getSetting('signalingUrls')).toEqual([]);
  });

  it('a damaged room row reads as no room, and the incident still opens', async () => {
    const { library, sessions } = await setup();
    const id = await sessions.declare({ title: 'Damaged room', severity: 'SEV2', summary: '' });
    await library.roomCredentials.save(id, { roomId: 'f'.repeat(32), secret: 'f'.repeat(32), signaling: [], hosted: true });
    await expect(library.roomCredentials.save(id, { roomId: 'nope', secret: 'f'.repeat(32), signaling: [], hosted: true })).rejects.toThrow(
      /32 lowercase hexadecimal/,
    );
    expect(await library.roomCredentials.get(id)).not.toBeNull();
  });
});
