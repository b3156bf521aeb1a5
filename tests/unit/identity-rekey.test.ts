// Who a joining laptop is in the incident, and re-keying the room when the commander removes
// someone: the key messages, their checks (garbage, replays, anyone but the commander), and the
// network moving to the new secret.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addPerson, assignRole, markPersonLeft } from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { RoomKeyExchange, type RoomKeyExchangeDeps } from '../../src/renderer/sync/rekey/roomKeyExchange';
import {
  decodeRoomKeyMessage,
  encodeRoomKeyMessage,
  MAX_ROOM_KEY_MESSAGE_BYTES,
  ROOM_KEY_CHANNEL,
  RoomKeyMessageError,
  secretFingerprint,
  type RekeyMessage,
} from '../../src/renderer/sync/rekey/roomKeyMessages';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { FakeAppChannel, fakeProviders } from './support/fakeRoomProvider';
import { declaredIncident } from './support/incident';
import { testLibraries } from './support/libraries';

const libraries = testLibraries('identity-rekey');
let managers: RoomManager[] = [];
afterEach(() => {
  for (const m of managers) m.closeAll();
  managers = [];
  vi.useRealTimers();
});

async function setup(me = { id: 'responder-profile', name: 'Aiko Tanaka' }) {
  const library = await libraries.open(libraries.freshStore());
  const providers = fakeProviders();
  const rooms = new RoomManager({ createProvider: providers.factory });
  managers.push(rooms);
  const sessions = new IncidentSessions(library, rooms, me);
  return { library, sessions, made: providers.made };
}

const invitation = { roomId: 'd'.repeat(32), secret: 'e'.repeat(32), signaling: ['ws://127.0.0.1:4444'] };

/** The IC's incident with Aiko already added (holding a task), as a joiner's first sync brings it. */
function icIncident() {
  const incident = declaredIncident();
  const aiko = addPerson(incident.doc, { name: 'Aiko' }, incident.ic);
  return { ...incident, aiko };
}

describe('who you are in this incident', () => {
  it('asks once the incident has arrived, and writes nothing as a new person before the answer', async () => {
    const { sessions, made } = await setup();
    const id = await sessions.join(invitation);
    const session = await sessions.acquire(id);
    expect(session.network.identity()).toEqual({ kind: 'waiting' });
    const { doc: icDoc } = icIncident();
    Y.applyUpdate(made.at(-1)!.doc, Y.encodeStateAsUpdate(icDoc), 'remote');
    expect(session.network.identity()).toEqual({ kind: 'choose', suggestedName: 'Aiko Tanaka' });
    expect(
      session
        .snapshot()!
        .people.map((p) => p.name)
        .sort(),
    ).toEqual(['Aiko', 'Avery IC']);
    // Nothing was written by this laptop.
    expect(Y.encodeStateVector(made.at(-1)!.doc)).toEqual(Y.encodeStateVector(icDoc));
    await sessions.release(id);
  });

  it('links this laptop to a person the IC added: it writes as them and is not asked again', async () => {
    const { library, sessions, made } = await setup();
    const id = await sessions.join(invitation);
    let session = await sessions.acquire(id);
    const { doc: icDoc, aiko } = icIncident();
    Y.applyUpdate(made.at(-1)!.doc, Y.encodeStateAsUpdate(icDoc), 'remote');
    await session.network.joinAs(aiko);
    expect(session.network.identity()).toEqual({ kind: 'settled', personId: aiko });
    expect(session.me.id).toBe(aiko);
    expect(session.me.name).toBe('Aiko');
    session.commands.recordEntry({ kind: 'note', text: 'Replica lag is 40 minutes' });
    const snapshot = session.snapshot()!;
    expect(snapshot.people).toHaveLength(2);
    const note = snapshot.timeline.find((e) => e.text === 'Replica lag is 40 minutes');
    expect([note?.authorId, note?.authorName]).toEqual([aiko, 'Aiko']);
    expect(snapshot.timeline.some((e) => e.text === 'Aiko joined the room from a laptop' && e.authorId === aiko)).toBe(true);
    expect((await library.roomCredentials.get(id))?.personId).toBe(aiko);
    // Presence says who this laptop is.
    expect(made.at(-1)!.awareness.getLocalState()).toMatchObject({ userId: aiko, name: 'Aiko' });
    await expect(session.network.joinAs(aiko)).rejects.toThrow(/already said who you are/);

    await sessions.release(id);
    session = await sessions.acquire(id);
    expect(session.network.identity()).toEqual({ kind: 'settled', personId: aiko });
    expect(session.me.id).toBe(aiko);
    await sessions.release(id);
  });

  it('adds this laptop as a new person, refusing a name already in the roster', async () => {
    const { library, sessions, made } = await setup();
    const id = await sessions.join(invitation);
    const session = await sessions.acquire(id);
    Y.applyUpdate(made.at(-1)!.doc, Y.encodeStateAsUpdate(icIncident().doc), 'remote');
    await expect(session.network.joinAsNewPerson(' aiko ')).rejects.toThrow(/^Aiko is already in this incident\. Pick Aiko/);
    expect(session.network.identity().kind).toBe('choose');
    expect(session.snapshot()!.people).toHaveLength(2);
    await session.network.joinAsNewPerson('Aiko Tanaka');
    expect(session.network.identity()).toEqual({ kind: 'settled', personId: 'responder-profile' });
    expect(
      session
        .snapshot()!
        .people.map((p) => p.name)
        .sort(),
    ).toEqual(['Aiko', 'Aiko Tanaka', 'Avery IC']);
    expect((await library.roomCredentials.get(id))?.personId).toBe('responder-profile');
    await sessions.release(id);
  });

  it('refuses to link to someone who left', async () => {
    const { sessions, made } = await setup();
    const id = await sessions.join(invitation);
    const session = await sessions.acquire(id);
    const { doc: icDoc, aiko, ic } = icIncident();
    markPersonLeft(icDoc, { personId: aiko }, ic);
    Y.applyUpdate(made.at(-1)!.doc, Y.encodeStateAsUpdate(icDoc), 'remote');
    await expect(session.network.joinAs(aiko)).rejects.toThrow(/Aiko has left this incident/);
    expect(session.network.identity().kind).toBe('choose');
    await sessions.release(id);
  });

  it('never asks the creator', async () => {
    const { sessions } = await setup({ id: 'ic-profile', name: 'Avery IC' });
    const id = await sessions.declare({ title: 'Mine', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    expect(session.network.identity()).toEqual({ kind: 'settled', personId: 'ic-profile' });
    expect(session.snapshot()!.people).toHaveLength(1);
    await sessions.release(id);
  });
});

describe('room-key messages', () => {
  const rekey: RekeyMessage = {
    type: 'rekey',
    id: 'a'.repeat(32),
    roomId: 'b'.repeat(32),
    previous: 'c'.repeat(32),
    secret: 'f'.repeat(32),
    by: 'ic-1',
  };

  it('round-trip', () => {
    expect(decodeRoomKeyMessage(encodeRoomKeyMessage(rekey))).toEqual(rekey);
    expect(decodeRoomKeyMessage(encodeRoomKeyMessage({ type: 'ack', id: 'a'.repeat(32) }))).toEqual({ type: 'ack', id: 'a'.repeat(32) });
  });

  const text = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
  const good = {
    v: 1,
    type: 'rekey',
    id: 'a'.repeat(32),
    roomId: 'b'.repeat(32),
    previous: 'c'.repeat(32),
    secret: 'f'.repeat(32),
    by: 'ic-1',
  };
  it.each([
    ['not UTF-8', new Uint8Array([0xff, 0xfe, 0x00])],
    ['not JSON', text('rekey please')],
    ['an array', text([good])],
    ['another version', text({ ...good, v: 2 })],
    ['an unknown type', text({ ...good, type: 'promote' })],
    ['an extra field', text({ ...good, extra: 1 })],
    ['a missing field', text({ ...good, by: undefined })],
    ['a short secret', text({ ...good, secret: 'f'.repeat(31) })],
    ['an upper-case secret', text({ ...good, secret: 'F'.repeat(32) })],
    ['a person id with markup', text({ ...good, by: '<b>' })],
    ['a malformed ack', text({ v: 1, type: 'ack', id: 'x' })],
    ['an oversized message', new Uint8Array(MAX_ROOM_KEY_MESSAGE_BYTES + 1)],
  ])('refuses %s', (_what, payload) => {
    expect(() => decodeRoomKeyMessage(payload)).toThrowError(RoomKeyMessageError);
  });

  it('fingerprints a secret per room, without showing it', () => {
    const a = secretFingerprint('b'.repeat(32), 'f'.repeat(32));
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toContain('f'.repeat(8));
    expect(secretFingerprint('b'.repeat(32), 'e'.repeat(32))).not.toBe(a);
    expect(secretFingerprint('d'.repeat(32), 'f'.repeat(32))).not.toBe(a);
  });
});

describe('re-keying between laptops', () => {
  const roomId = 'b'.repeat(32);
  const oldSecret = '1'.repeat(32);

  /** One laptop's exchange over a fake channel; `people` maps awareness client ids to roster people. */
  function laptop(people: Record<number, string>, commander: string, overrides: Partial<RoomKeyExchangeDeps> = {}, me = 'mia') {
    const channel = new FakeAppChannel(ROOM_KEY_CHANNEL);
    let secret = oldSecret;
    const rekeyed: string[] = [];
    const refused: string[] = [];
    const exchange = new RoomKeyExchange({
      channel,
      roomId,
      secret: () => secret,
      personOfClient: (clientId) => people[clientId] ?? null,
      commander: () => commander,
      me: () => me,
      onRekey: (next) => {
        rekeyed.push(next);
        secret = next;
      },
      onRefused: (_peer, why) => refused.push(why),
      ...overrides,
    });
    return { channel, exchange, rekeyed, refused, secret: () => secret };
  }

  /** Lets the async handlers (SHA-256) finish. */
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('the commander sends the new secret to everyone but the removed person; members acknowledge and move', async () => {
    vi.useFakeTimers();
    // On the IC's laptop: peer "m" is Mia (client 2), "r" is Rex being removed (client 3), "u" said nothing yet.
    const ic = laptop({ 2: 'mia', 3: 'rex' }, 'ic', {}, 'ic');
    ic.channel.setPeer('m', 2);
    ic.channel.setPeer('r', 3);
    ic.channel.setPeer('u', null);
    // On Mia's laptop the IC's laptop is peer "i" (client 1).
    const mia = laptop({ 1: 'ic' }, 'ic');
    mia.channel.setPeer('i', 1);

    const announced = ic.exchange.announce('rex', 'ic');
    await settle();
    expect(ic.channel.sent.map((s) => s.peerId)).toEqual(['m']);
    const message = decodeRoomKeyMessage(ic.channel.sent[0]!.payload) as RekeyMessage;
    expect(message).toMatchObject({ type: 'rekey', roomId, by: 'ic', previous: secretFingerprint(roomId, oldSecret) });

    mia.channel.deliver('i', ic.channel.sent[0]!.payload);
    await settle();
    // Mia acknowledges at once, and keeps the old room until the IC's laptop has moved.
    expect(mia.channel.sent.map((s) => decodeRoomKeyMessage(s.payload))).toEqual([{ type: 'ack', id: message.id }]);
    expect(mia.rekeyed).toEqual([]);
    ic.channel.deliver('m', mia.channel.sent[0]!.payload);
    const result = await announced;
    expect(result).toMatchObject({ secret: message.secret, sentTo: ['m'], acknowledged: ['m'], leftOut: ['r'], unidentified: ['u'] });
    expect(result.secret).not.toBe(oldSecret);

    mia.channel.setPeer('i', undefined);
    expect(mia.rekeyed).toEqual([message.secret]);
    expect(mia.refused).toEqual([]);

    // The same message again (a replay) names a secret no longer in use: refused, nothing changes.
    mia.channel.setPeer('i', 1);
    mia.channel.deliver('i', ic.channel.sent[0]!.payload);
    await settle();
    expect(mia.refused).toEqual(['replayed']);
    expect(mia.rekeyed).toEqual([message.secret]);
    expect(mia.channel.hostile).toEqual([]);
  });

  it('waits a bounded time: for acknowledgements on the commander side, for the commander to move on the member side', async () => {
    vi.useFakeTimers();
    const ic = laptop({ 2: 'mia' }, 'ic', {}, 'ic');
    ic.channel.setPeer('m', 2);
    let done = false;
    const announced = ic.exchange.announce('rex', 'ic').then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await announced).acknowledged).toEqual([]);

    const mia = laptop({ 1: 'ic' }, 'ic');
    mia.channel.setPeer('i', 1);
    mia.channel.deliver('i', ic.channel.sent[0]!.payload);
    await settle();
    expect(mia.rekeyed).toEqual([]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(mia.rekeyed).toHaveLength(1);
  });

  it('refuses a re-key from anyone but the commander, by the document and by presence', async () => {
    vi.useFakeTimers();
    const previous = secretFingerprint(roomId, oldSecret);
    const forged = (by: string) =>
      encodeRoomKeyMessage({ type: 'rekey', id: '9'.repeat(32), roomId, previous, secret: '7'.repeat(32), by });
    // Rex (client 3) is not the commander; he claims to be, or names himself.
    const mia = laptop({ 1: 'ic', 3: 'rex' }, 'ic');
    mia.channel.setPeer('r', 3);
    mia.channel.deliver('r', forged('ic'));
    mia.channel.deliver('r', forged('rex'));
    // A laptop that has not said who it is cannot re-key either.
    mia.channel.setPeer('x', null);
    mia.channel.deliver('x', forged('ic'));
    await settle();
    expect(mia.refused).toEqual(['not-commander', 'not-commander', 'not-commander']);
    // With no commander in the document, no one can.
    const orphan = laptop({ 1: 'ic' }, 'ic', { commander: () => null });
    orphan.channel.setPeer('i', 1);
    orphan.channel.deliver('i', forged('ic'));
    await settle();
    expect(orphan.refused).toEqual(['not-commander']);
    // A member claiming the commander's identity in their presence does not move the commander's laptop.
    const commanderLaptop = laptop({ 3: 'ic' }, 'ic', {}, 'ic');
    commanderLaptop.channel.setPeer('r', 3);
    commanderLaptop.channel.deliver('r', forged('ic'));
    expect(commanderLaptop.refused).toEqual(['not-commander']);
    expect(commanderLaptop.rekeyed).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect([...mia.rekeyed, ...orphan.rekeyed]).toEqual([]);
  });

  it('treats garbage and a key for another room as hostile', async () => {
    vi.useFakeTimers();
    const mia = laptop({ 1: 'ic' }, 'ic');
    mia.channel.setPeer('i', 1);
    mia.channel.deliver('i', new TextEncoder().encode('{"v":1,"type":"rekey"}'));
    await settle();
    expect(mia.channel.hostile).toEqual([{ peerId: 'i', reason: 'sent a malformed room-key message' }]);
    mia.channel.setPeer('i', 1);
    const previous = secretFingerprint(roomId, oldSecret);
    mia.channel.deliver(
      'i',
      encodeRoomKeyMessage({ type: 'rekey', id: '9'.repeat(32), roomId: 'c'.repeat(32), previous, secret: '7'.repeat(32), by: 'ic' }),
    );
    await settle();
    expect(mia.channel.hostile.at(-1)).toEqual({ peerId: 'i', reason: 'sent a room key for another room' });
    // A stray acknowledgement is refused but not hostile (it may arrive after the bound).
    mia.channel.deliver('i', encodeRoomKeyMessage({ type: 'ack', id: '5'.repeat(32) }));
    await settle();
    expect(mia.refused).toEqual(['malformed', 'other-room', 'unexpected-ack']);
    expect(mia.channel.hostile).toHaveLength(2);
    expect(mia.rekeyed).toEqual([]);
  });
});

describe('removing a participant', () => {
  it('marks them left, sends the new secret to the others only, stores it and reconnects with it', async () => {
    const { library, sessions, made } = await setup({ id: 'ic-profile', name: 'Avery IC' });
    const id = await sessions.declare({ title: 'Replication lag', severity: 'SEV1', summary: '' });
    const session = await sessions.acquire(id);
    const before = (await library.roomCredentials.get(id))!;
    const provider = made.at(-1)!;
    const aiko = session.commands.addPerson({ name: 'Aiko' });
    const rex = session.commands.addPerson({ name: 'Rex' });
    // Their laptops are connected: presence says who each is.
    const states = provider.awareness.getStates();
    states.set(2001, { v: 1, userId: aiko, name: 'Aiko', activeAt: 1 });
    states.set(2002, { v: 1, userId: rex, name: 'Rex', activeAt: 1 });
    const channel = provider.appChannel(ROOM_KEY_CHANNEL);
    channel.setPeer('aiko-laptop', 2001);
    channel.setPeer('rex-laptop', 2002);

    // Only the commander may: Aiko's laptop would be refused by the command itself.
    const removing = session.network.removeParticipant(rex);
    await vi.waitFor(() => expect(channel.sent).toHaveLength(1));
    expect(channel.sent[0]!.peerId).toBe('aiko-laptop');
    const message = decodeRoomKeyMessage(channel.sent[0]!.payload) as RekeyMessage;
    channel.deliver('aiko-laptop', encodeRoomKeyMessage({ type: 'ack', id: message.id }));
    const result = await removing;
    expect(result).toMatchObject({ sentTo: ['aiko-laptop'], acknowledged: ['aiko-laptop'], leftOut: ['rex-laptop'], unidentified: [] });
    // The people seen in the old room are not shown online from it any more.
    expect([...made.at(-1)!.awareness.getStates().keys()]).toEqual([made.at(-1)!.awareness.clientID]);

    const after = (await library.roomCredentials.get(id))!;
    expect(after.secret).toBe(message.secret);
    expect(after.secret).not.toBe(before.secret);
    expect(after.roomId).toBe(before.roomId);
    // The old room is closed and a new one opened with the new secret.
    expect(provider.destroyed).toBe(true);
    expect(made.at(-1)!.config.secret).toBe(message.secret);
    expect(session.network.snapshot().room?.secret).toBe(message.secret);

    const snapshot = readSnapshot(made.at(-1)!.doc)!;
    expect(snapshot.people.find((p) => p.id === rex)?.status).toBe('left');
    const removal = snapshot.timeline.find((e) => e.event === 'person.removed');
    expect(removal?.text).toBe('Rex was removed from the room by Avery IC; the room was re-keyed');
    // The secret is never in the document.
    expect(JSON.stringify(snapshot)).not.toContain(message.secret);
    expect(JSON.stringify(snapshot)).not.toContain(before.secret);
    await sessions.release(id);
  });

  it('is refused to anyone but the commander, and changes nothing', async () => {
    const { library, sessions, made } = await setup();
    const id = await sessions.join(invitation);
    const session = await sessions.acquire(id);
    const { doc: icDoc, aiko, ic } = icIncident();
    const rex = addPerson(icDoc, { name: 'Rex' }, ic);
    assignRole(icDoc, { role: 'scribe', personId: aiko }, ic);
    Y.applyUpdate(made.at(-1)!.doc, Y.encodeStateAsUpdate(icDoc), 'remote');
    await session.network.joinAs(aiko);
    await expect(session.network.removeParticipant(rex)).rejects.toThrow('Only the incident commander can remove Rex.');
    expect((await library.roomCredentials.get(id))?.secret).toBe(invitation.secret);
    expect(made.at(-1)!.appChannel(ROOM_KEY_CHANNEL).sent).toEqual([]);
    await sessions.release(id);
  });
});
