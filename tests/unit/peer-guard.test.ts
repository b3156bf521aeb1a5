// The peer guard: every message a peer sends is read in full before the room applies it; a peer
// that keeps sending bad ones, or one oversized one, is cut off and kept out; the document stays whole.
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addPerson, createTask, recordEntry } from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { MAX_APP_PAYLOAD_BYTES } from '../../src/renderer/sync/rooms/appChannel';
import { describeDroppedPeer, PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import {
  DEFAULT_MESSAGE_LIMITS,
  inspectPeerMessage,
  type LocalAwareness,
  type PeerMessage,
} from '../../src/renderer/sync/rooms/peerMessage';
import { PeerRoom } from '../../src/renderer/sync/rooms/peerRoom';
import { MESSAGE_APP, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../src/renderer/sync/rooms/peerWire';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { hostileMessages } from '../e2e/support/hostileMessages';
import { fakeProviders } from './support/fakeRoomProvider';
import { declaredIncident } from './support/incident';
import { MemoryPeers, MemorySignaling, type MemoryTransport } from './support/memoryNetwork';

const self: LocalAwareness = { clientID: 7, clock: 3 };

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function syncStep2(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(awareness: Awareness): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]));
  return encoding.toUint8Array(encoder);
}

/** Applies what the guard lets through to a document and a presence, as the room's reader does. */
function reader(doc: Y.Doc, awareness: Awareness) {
  return (message: PeerMessage) => {
    if (message.kind === 'sync-update') Y.applyUpdate(doc, message.update, 'peer');
    else if (message.kind === 'awareness') applyAwarenessUpdate(awareness, message.update, 'peer');
    else if (message.kind !== 'awareness-query' && message.kind !== 'sync-request') throw new Error(`the reader got ${message.kind}`);
  };
}

/** One guarded connection, as a room's link uses it: admit, then read, and a failed read counted. */
class GuardedConn {
  cuts = 0;
  private readonly connection;
  constructor(
    guard: PeerGuard,
    readonly peerId: string,
    private readonly read: (message: PeerMessage) => void,
    presence: Awareness,
  ) {
    this.connection = guard.connection({ peerId, cut: () => (this.cuts += 1) }, presence);
  }
  receive(data: unknown) {
    const message = this.connection.admit(data);
    if (!message) return;
    try {
      this.read(message);
    } catch (error) {
      this.connection.failed(error);
    }
  }
  close() {
    this.connection.close();
  }
}

const awareness = new Awareness(new Y.Doc());

function quietGuard(limits = {}) {
  const logged: string[] = [];
  let clock = 1_000;
  const guard = new PeerGuard({ limits, now: () => (clock += 1), log: (message) => logged.push(message) });
  return { guard, logged };
}

describe('inspectPeerMessage', () => {
  it('lets through what an honest peer sends', () => {
    const { doc, ic } = declaredIncident();
    recordEntry(doc, { kind: 'note', text: 'Paging payments' }, ic);
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ v: 1, userId: 'u1', name: 'Blake', panel: null, editing: null, activeAt: 5 });
    // Each comes with the parts the room applies, read once here.
    expect(inspectPeerMessage(syncStep1(doc), self)).toEqual({
      ok: true,
      kind: 'sync-request',
      message: { kind: 'sync-request', stateVector: Y.encodeStateVector(doc) },
    });
    const update = Y.encodeStateAsUpdate(doc);
    expect(inspectPeerMessage(syncStep2(doc), self)).toEqual({
      ok: true,
      kind: 'sync-update',
      message: { kind: 'sync-update', step2: true, update },
    });
    expect(inspectPeerMessage(syncUpdate(update), self)).toEqual({
      ok: true,
      kind: 'sync-update',
      message: { kind: 'sync-update', step2: false, update },
    });
    const presence = encodeAwarenessUpdate(awareness, [awareness.clientID]);
    expect(inspectPeerMessage(awarenessMessage(awareness), self)).toEqual({
      ok: true,
      kind: 'awareness',
      clientIDs: [awareness.clientID],
      message: { kind: 'awareness', update: presence },
    });
    expect(inspectPeerMessage(Uint8Array.of(3), self)).toEqual({ ok: true, kind: 'awareness-query', message: { kind: 'awareness-query' } });
  });

  it('refuses what is not a room message, naming the problem', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"type":"sync"}', /a string instead of binary/],
      [new Uint8Array(0), /empty/],
      [Uint8Array.of(9), /unknown message type 9/],
      [Uint8Array.of(0xff, 0xff), /truncated or unreadable \(Unexpected end of array\)/],
      [Uint8Array.of(4, 1, 3, 97, 98, 99), /browser-tab message over WebRTC/],
      [Uint8Array.of(0, 7, 0), /unknown sync message type 7/],
      [Uint8Array.of(0, 2, 50, 1, 2), /truncated or unreadable/],
      [Uint8Array.of(0, 0, 2, 5, 1), /state vector does not decode/],
      [Uint8Array.of(0, 2, 3, 9, 9, 9), /document update does not decode/],
    ];
    for (const [data, detail] of cases) {
      const inspection = inspectPeerMessage(data, self);
      expect(inspection.ok).toBe(false);
      if (!inspection.ok) expect(inspection.detail).toMatch(detail);
    }
  });

  it('refuses presence that is not JSON, too large, too many, or in our name with a newer clock', () => {
    const message = (states: Array<[number, number, string]>) => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, states.length);
      for (const [clientID, clock, json] of states) {
        encoding.writeVarUint(update, clientID);
        encoding.writeVarUint(update, clock);
        encoding.writeVarString(update, json);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
      return encoding.toUint8Array(encoder);
    };
    const detail = (data: Uint8Array) => {
      const inspection = inspectPeerMessage(data, self);
      return inspection.ok ? 'ok' : inspection.detail;
    };
    expect(detail(message([[99, 1, '{"v":1,']]))).toMatch(/not JSON/);
    expect(detail(message([[99, 1, JSON.stringify({ name: 'x'.repeat(9000) })]]))).toMatch(/presence state of \d+ bytes/);
    expect(detail(message(Array.from({ length: 513 }, (_, i): [number, number, string] => [i + 100, 1, 'null'])))).toMatch(
      /513 presence states/,
    );
    expect(detail(message([[self.clientID, self.clock + 1, '{"v":1,"name":"Impostor"}']]))).toMatch(/in the name of this computer/);
    // A peer relaying our own state back (same clock) or saying we left is what honest peers do.
    expect(detail(message([[self.clientID, self.clock, '{"v":1,"name":"Me"}']]))).toBe('ok');
    expect(detail(message([[self.clientID, self.clock + 1, 'null']]))).toBe('ok');
    // Out of schema but well formed: the presence parser ignores it later; the guard lets it by.
    expect(
      detail(
        message([
          [99, 1, '[1,2,3]'],
          [100, 4, '{"v":"1","name":42}'],
        ]),
      ),
    ).toBe('ok');
  });

  it('calls a message past the size limit oversized', () => {
    const data = new Uint8Array(DEFAULT_MESSAGE_LIMITS.maxMessageBytes + 1);
    const inspection = inspectPeerMessage(data, self);
    expect(inspection).toMatchObject({ ok: false, reason: 'oversized' });
  });

  it('is what makes an update all or nothing: Yjs applies the structs of an update whose delete set is cut off', () => {
    const { doc, ic } = declaredIncident();
    const entryId = recordEntry(doc, { kind: 'note', text: 'Will be deleted' }, ic);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    doc.getMap('timeline').delete(entryId);
    doc.getMap('notes-extra').set('k', 'a struct that comes before the delete set');
    const update = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other));
    const cut = update.subarray(0, update.length - 1);
    // Unguarded: the cut update throws, yet its new struct is in the document and the delete is not.
    expect(() => Y.applyUpdate(other, cut)).toThrow();
    expect(other.getMap('notes-extra').get('k')).toBe('a struct that comes before the delete set');
    expect(other.getMap('timeline').has(entryId)).toBe(true);
    // Guarded: the message never reaches the document.
    expect(inspectPeerMessage(syncUpdate(cut), self)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/document update does not decode/),
    });
  });
});

describe('inspectPeerMessage on app messages', () => {
  const app = (channel: string, payload: Uint8Array, trailing: number[] = []) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_APP);
    encoding.writeVarString(encoder, channel);
    encoding.writeVarUint8Array(encoder, payload);
    for (const byte of trailing) encoding.writeUint8(encoder, byte);
    return encoding.toUint8Array(encoder);
  };
  const detail = (data: Uint8Array) => {
    const inspection = inspectPeerMessage(data, self);
    return inspection.ok ? inspection.kind : inspection.detail;
  };

  it('lets through a message on a well-named channel with a payload up to 1 MiB', () => {
    expect(MESSAGE_APP).toBe(0x70);
    expect(detail(app('attachments', Uint8Array.of(1, 2, 3)))).toBe('app');
    expect(detail(app('room-key', new Uint8Array(0)))).toBe('app');
    expect(detail(app('a'.repeat(32), new Uint8Array(MAX_APP_PAYLOAD_BYTES)))).toBe('app');
  });

  it('refuses a bad channel name, a payload over 1 MiB, a cut-off payload and bytes after the payload', () => {
    expect(detail(app('', Uint8Array.of(1)))).toMatch(/channel named ""/);
    expect(detail(app('a'.repeat(33), Uint8Array.of(1)))).toMatch(/channel named "a{33}"/);
    expect(detail(app('Attachments', Uint8Array.of(1)))).toMatch(/channel named "Attachments"/);
    expect(detail(app('room_key', Uint8Array.of(1)))).toMatch(/channel named/);
    expect(detail(app('room key', Uint8Array.of(1)))).toMatch(/channel named/);
    expect(detail(app('attachments', new Uint8Array(MAX_APP_PAYLOAD_BYTES + 1)))).toMatch(/app message of 1048577 bytes on attachments/);
    const whole = app('attachments', Uint8Array.of(1, 2, 3, 4));
    expect(detail(whole.subarray(0, whole.length - 2))).toMatch(/cut short \(2 of 4 bytes\)/);
    // A view into a larger buffer: lib0 alone would read past the message's end.
    const inLarger = new Uint8Array(whole.length + 8);
    inLarger.set(whole);
    expect(detail(inLarger.subarray(0, whole.length - 1))).toMatch(/cut short/);
    expect(detail(app('attachments', Uint8Array.of(1), [0, 0]))).toMatch(/2 bytes after an app message/);
    expect(detail(Uint8Array.of(MESSAGE_APP, 5, 97))).toMatch(/truncated or unreadable/);
  });
});

describe('PeerGuard', () => {
  it('passes good messages to the reader and keeps bad ones from it', () => {
    const { guard, logged } = quietGuard();
    const seen: unknown[] = [];
    const conn = new GuardedConn(guard, 'peer-a', (data) => seen.push(data), awareness);
    const good = Uint8Array.of(MESSAGE_QUERY_AWARENESS);
    conn.receive(good);
    conn.receive(Uint8Array.of(9));
    conn.receive('text');
    expect(seen).toEqual([{ kind: 'awareness-query' }]);
    expect(logged).toEqual([expect.stringMatching(/ignored a message from peer peer-a: unknown message type 9/)]);
  });

  it('never throws, whatever arrives', () => {
    const { guard } = quietGuard();
    const conn = new GuardedConn(guard, 'peer-x', () => {}, awareness);
    for (const data of [null, undefined, 42, {}, [1, 2], new ArrayBuffer(4), new Uint8Array(0), Uint8Array.of(0x7f, 1, 2)]) {
      expect(() => conn.receive(data)).not.toThrow();
    }
  });

  it('counts a message that throws while applied, instead of an uncaught error', () => {
    const { guard, logged } = quietGuard({ badMessagesBeforeDrop: 2 });
    const conn = new GuardedConn(
      guard,
      'peer-b',
      () => {
        throw new Error('observer failed');
      },
      awareness,
    );
    expect(() => conn.receive(Uint8Array.of(MESSAGE_QUERY_AWARENESS))).not.toThrow();
    expect(logged[0]).toMatch(/failed while applied: observer failed/);
    expect(() => conn.receive(Uint8Array.of(MESSAGE_QUERY_AWARENESS))).not.toThrow();
    expect(guard.dropped()).toMatchObject([{ peerId: 'peer-b', reason: 'malformed', count: 2 }]);
  });

  it('drops a peer after 20 malformed messages, says so, cuts it once and ignores what it still sends', () => {
    const { guard } = quietGuard();
    const seen: unknown[] = [];
    const conn = new GuardedConn(guard, 'peer-c', (data) => seen.push(data), awareness);
    let notified = 0;
    guard.subscribe(() => (notified += 1));
    for (let i = 0; i < 19; i++) conn.receive(Uint8Array.of(42));
    expect(guard.dropped()).toEqual([]);
    expect(guard.isDropped('peer-c')).toBe(false);
    expect(conn.cuts).toBe(0);
    conn.receive(Uint8Array.of(42));
    expect(conn.cuts).toBe(1);
    expect(notified).toBe(1);
    expect(guard.isDropped('peer-c')).toBe(true);
    const [dropped] = guard.dropped();
    expect(dropped).toEqual({ peerId: 'peer-c', reason: 'malformed', count: 20, at: 1_001 });
    expect(describeDroppedPeer(dropped!)).toBe('Dropped a peer that sent 20 malformed messages');
    conn.receive(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    conn.receive(Uint8Array.of(42));
    expect(seen).toEqual([]);
    expect(conn.cuts).toBe(1);
    // A new connection from the same peer id is refused as well (the room does not even make one).
    const again = new GuardedConn(guard, 'peer-c', (data) => seen.push(data), awareness);
    again.receive(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    expect(seen).toEqual([]);
  });

  it('drops a peer at once for one oversized message', () => {
    const { guard } = quietGuard({ maxMessageBytes: 1024 });
    const conn = new GuardedConn(guard, 'peer-d', () => {}, awareness);
    conn.receive(new Uint8Array(1025));
    expect(conn.cuts).toBe(1);
    expect(guard.dropped()).toMatchObject([{ peerId: 'peer-d', reason: 'oversized', count: 1 }]);
    expect(describeDroppedPeer(guard.dropped()[0]!)).toBe('Dropped a peer that sent an oversized message');
  });

  it('counts requests past the allowance per connection as bad: each one makes us send the whole document', () => {
    const { guard } = quietGuard({ requestsPerConnection: 2, badMessagesBeforeDrop: 3 });
    let answered = 0;
    const conn = new GuardedConn(guard, 'peer-e', () => (answered += 1), awareness);
    for (let i = 0; i < 5; i++) conn.receive(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    expect(answered).toBe(2);
    expect(guard.dropped()).toMatchObject([{ peerId: 'peer-e', count: 3 }]);
  });

  it('drops a peer a feature reports hostile at once, cut or already gone, and says what it did', () => {
    const { guard, logged } = quietGuard();
    const seen: unknown[] = [];
    const conn = new GuardedConn(guard, 'peer-a', (data) => seen.push(data), awareness);
    guard.reportHostile('peer-a', 'sent a file that does not match its hash');
    expect(conn.cuts).toBe(1);
    const dropped = guard.dropped()[0]!;
    expect(dropped).toMatchObject({ peerId: 'peer-a', reason: 'hostile', detail: 'sent a file that does not match its hash' });
    expect(describeDroppedPeer(dropped)).toBe('Dropped a peer that sent a file that does not match its hash');
    expect(logged).toEqual(['Sitrep: dropped peer peer-a, reported hostile: it sent a file that does not match its hash']);
    conn.receive(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
    expect(seen).toEqual([]);
    // Reported again: nothing more. A peer with no connection left is still kept out.
    guard.reportHostile('peer-a', 'again');
    guard.reportHostile('peer-gone', 'sent a forged key');
    expect(guard.dropped().map((peer) => [peer.peerId, peer.reason])).toEqual([
      ['peer-a', 'hostile'],
      ['peer-gone', 'hostile'],
    ]);
    expect(guard.isDropped('peer-gone')).toBe(true);
  });

  it('logs a drop listener that fails instead of throwing into the data channel', () => {
    const { guard, logged } = quietGuard({ badMessagesBeforeDrop: 1 });
    guard.subscribe(() => {
      throw new Error('listener broke');
    });
    const conn = new GuardedConn(guard, 'peer-h', () => {}, awareness);
    expect(() => conn.receive(Uint8Array.of(42))).not.toThrow();
    expect(logged).toContainEqual(expect.stringMatching(/a listener failed on a dropped peer: listener broke/));
  });

  it('forgets the presences only a dropped peer spoke for, and keeps ones another peer also relays', () => {
    const { guard } = quietGuard({ badMessagesBeforeDrop: 1 });
    const doc = new Y.Doc();
    const ours = new Awareness(doc);
    const read = reader(doc, ours);
    const honest = new GuardedConn(guard, 'honest', read, ours);
    const hostile = new GuardedConn(guard, 'hostile', read, ours);
    const presence = (clientID: number, name: string) => {
      const otherDoc = new Y.Doc();
      otherDoc.clientID = clientID;
      const other = new Awareness(otherDoc);
      other.setLocalState({ v: 1, userId: `u${clientID}`, name, panel: null, editing: null, activeAt: 1 });
      return awarenessMessage(other);
    };
    honest.receive(presence(500, 'Blake'));
    hostile.receive(presence(500, 'Blake'));
    hostile.receive(presence(600, 'Mallory'));
    expect([...ours.getStates().keys()].sort()).toEqual([500, 600, ours.clientID].sort());
    hostile.receive(Uint8Array.of(42));
    expect(guard.dropped()).toHaveLength(1);
    expect([...ours.getStates().keys()].sort()).toEqual([500, ours.clientID].sort());
  });

  it('does not count a closed connection as relaying a presence', () => {
    const { guard } = quietGuard({ badMessagesBeforeDrop: 1 });
    const doc = new Y.Doc();
    const ours = new Awareness(doc);
    const read = reader(doc, ours);
    const gone = new GuardedConn(guard, 'gone', read, ours);
    const hostile = new GuardedConn(guard, 'hostile', read, ours);
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ name: 'Mallory' });
    gone.receive(awarenessMessage(other));
    hostile.receive(awarenessMessage(other));
    gone.close();
    hostile.receive(Uint8Array.of(42));
    expect(ours.getStates().has(other.clientID)).toBe(false);
  });
});

describe('the room manager with the guard', () => {
  it('lists a dropped peer in the room status, and keeps it dropped across a reopen', () => {
    const providers = fakeProviders();
    const rooms = new RoomManager({ createProvider: providers.factory });
    const config = { roomId: 'a'.repeat(32), secret: 'b'.repeat(32), signaling: [], iceServers: [] };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const doc = new Y.Doc();
      const handle = rooms.open(doc, config);
      let notified = 0;
      handle.subscribe(() => (notified += 1));
      const { guard } = providers.made[0]!.context;
      const conn = new GuardedConn(guard, 'mallory', () => {}, handle.awareness);
      for (let i = 0; i < 20; i++) conn.receive(Uint8Array.of(77));
      expect(conn.cuts).toBe(1);
      expect(handle.status().droppedPeers).toMatchObject([{ peerId: 'mallory', reason: 'malformed', count: 20 }]);
      expect(notified).toBe(1);
      // The room closes and opens again (new settings): the peer is still dropped.
      rooms.close(handle);
      const again = rooms.open(doc, config);
      expect(again.status().droppedPeers).toHaveLength(1);
      expect(providers.made[1]!.context.guard.isDropped('mallory')).toBe(true);
    } finally {
      warn.mockRestore();
      rooms.closeAll();
    }
  });
});

let rooms: PeerRoom[] = [];
afterEach(() => {
  for (const room of rooms) room.destroy();
  rooms = [];
});

describe('10,000 hostile messages over a connection into a real room and document', () => {
  // Reads 10,000 messages twice (the tally and the guard): a generous bound for a loaded machine.
  it('keeps every record whole and lets no error out', { timeout: 120_000 }, async () => {
    const { doc, ic, clock } = declaredIncident();
    const personId = addPerson(doc, { name: 'Blake Ortiz' }, ic);
    clock.advance(1000);
    createTask(doc, { title: 'Roll back deploy 4411', assigneeId: personId }, ic);
    recordEntry(doc, { kind: 'note', text: 'Gateway 502s since 14:02' }, ic);
    const before = readSnapshot(doc)!;
    const awareness = new Awareness(doc);
    awareness.setLocalState({ v: 1, userId: ic.id, name: ic.name, panel: null, editing: null, activeAt: 1 });

    // The commander's room, with a guard that never drops for malformed messages, so that every
    // message is read: the point is what gets through. The hostile peer is a room whose raw
    // channel the test writes to.
    const signaling = new MemorySignaling();
    const peers = new MemoryPeers();
    const guard = new PeerGuard({ limits: { badMessagesBeforeDrop: Number.POSITIVE_INFINITY, requestsPerConnection: 50 }, log: () => {} });
    const roomOptions = {
      roomId: 'f'.repeat(32),
      secret: 'e'.repeat(32),
      signaling: ['ws://memory.test'],
      iceServers: [],
      openSocket: signaling.openSocket,
      log: () => {},
    };
    rooms.push(new PeerRoom(doc, awareness, { ...roomOptions, guard, openPeer: peers.opener().openPeer }));
    const hostileSide = peers.opener();
    const hostileDoc = new Y.Doc();
    rooms.push(
      new PeerRoom(hostileDoc, new Awareness(hostileDoc), {
        ...roomOptions,
        guard: new PeerGuard({ log: () => {} }),
        openPeer: hostileSide.openPeer,
      }),
    );
    await vi.waitFor(() => expect(hostileSide.opened.some((transport) => transport.connected)).toBe(true), { timeout: 60_000 });
    const channel = hostileSide.opened.find((transport) => transport.connected) as MemoryTransport;
    // It does not read the replies (whole documents, for its sync requests): only what we do counts.
    channel.deaf = true;

    const local = () => ({ clientID: awareness.clientID, clock: awareness.meta.get(awareness.clientID)?.clock ?? 0 });
    const verdicts = new Map<string, { refused: number; passed: number }>();
    const surprises: string[] = [];
    let refusedTotal = 0;
    const errors: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    try {
      for (const message of hostileMessages({
        seed: 20261121,
        count: 10_000,
        oversizedBytes: DEFAULT_MESSAGE_LIMITS.maxMessageBytes + 1,
        victimClientIds: [awareness.clientID],
      })) {
        const inspection = inspectPeerMessage(message.bytes, local());
        const refused = inspection.ok ? 0 : 1;
        const tally = verdicts.get(message.kind) ?? { refused: 0, passed: 0 };
        tally.refused += refused;
        tally.passed += 1 - refused;
        verdicts.set(message.kind, tally);
        const expected = message.kind === 'oversized' ? 'bad' : message.expect;
        if ((expected === 'bad' && !refused) || (expected === 'valid' && refused))
          surprises.push(`${message.kind}: ${inspection.ok ? 'passed' : inspection.detail}`);
        refusedTotal += refused;
        // One oversized message drops a peer at once (its own test); the flood is about the rest.
        if (message.kind !== 'oversized') channel.send(message.bytes);
      }
      // Delivered in order on later ticks: one more tick after the last and all have arrived.
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      error.mockRestore();
    }
    expect(surprises).toEqual([]);
    expect(errors).toEqual([]);
    expect([...verdicts.keys()].length).toBeGreaterThanOrEqual(18);
    expect(refusedTotal).toBeGreaterThan(3000);
    expect(guard.dropped()).toEqual([]);

    const after = readSnapshot(doc)!;
    expect(after.incident).toEqual(before.incident);
    for (const name of ['people', 'tasks', 'timeline'] as const) {
      const kept = new Map<string, unknown>(after[name].map((record) => [record.id, record]));
      for (const record of before[name]) expect(kept.get(record.id)).toEqual(record);
    }
    // Our own presence is still ours.
    expect(awareness.getLocalState()).toMatchObject({ userId: ic.id, name: ic.name });
  });
});
