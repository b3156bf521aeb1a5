// The peer guard: every message a peer sends is read in full before y-webrtc sees it; a peer that
// keeps sending bad ones, or one oversized one, is cut off and kept out; the document stays whole.
import { EventEmitter } from 'node:events';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addPerson, createTask, recordEntry } from '../../src/core/commands';
import { readSnapshot } from '../../src/core/read';
import { describeDroppedPeer, PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { RoomManager } from '../../src/renderer/sync/rooms/roomManager';
import { DEFAULT_MESSAGE_LIMITS, inspectPeerMessage, type LocalAwareness } from '../../src/renderer/sync/rooms/peerMessage';
import { hostileMessages } from '../e2e/support/hostileMessages';
import { fakeProviders } from './support/fakeRoomProvider';
import { declaredIncident } from './support/incident';

const self: LocalAwareness = { clientID: 7, clock: 3 };

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function syncStep2(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep2(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(awareness: Awareness): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]));
  return encoding.toUint8Array(encoder);
}

/** Reads a message the way y-webrtc 10's readMessage does (src/y-webrtc.js), unguarded. */
function yWebrtcReader(doc: Y.Doc, awareness: Awareness, replies: Uint8Array[]) {
  return (data: Uint8Array) => {
    const decoder = decoding.createDecoder(data);
    const encoder = encoding.createEncoder();
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      encoding.writeVarUint(encoder, 0);
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, doc, 'peer');
      if (syncType === syncProtocol.messageYjsSyncStep1) replies.push(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'peer');
    } else if (type === 3) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]));
      replies.push(encoding.toUint8Array(encoder));
    } else {
      throw new Error(`y-webrtc would have choked on message type ${type}`);
    }
  };
}

/** A y-webrtc WebrtcConn as the guard sees it: a remote peer id and a simple-peer EventEmitter. */
class FakeConn {
  readonly peer = new EventEmitter();
  destroyed = 0;
  connected = true;
  synced = true;
  constructor(readonly remotePeerId: string, reader: (data: Uint8Array) => void) {
    this.peer.on('data', reader);
  }
  destroy() {
    this.destroyed += 1;
  }
  /** What simple-peer does when the data channel delivers a message. */
  receive(data: unknown) {
    this.peer.emit('data', data);
  }
}

function room(...conns: FakeConn[]) {
  return { webrtcConns: new Map<string, unknown>(conns.map((conn) => [conn.remotePeerId, conn])) };
}

const awareness = new Awareness(new Y.Doc());

function quietGuard(limits = {}) {
  const logged: string[] = [];
  let clock = 1_000;
  const guard = new PeerGuard({ limits, now: () => (clock += 1), log: (message) => logged.push(message) });
  return { guard, logged };
}

describe('inspectPeerMessage', () => {
  it('lets through what an honest y-webrtc peer sends', () => {
    const { doc, ic } = declaredIncident();
    recordEntry(doc, { kind: 'note', text: 'Paging payments' }, ic);
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ v: 1, userId: 'u1', name: 'Blake', panel: null, editing: null, activeAt: 5 });
    expect(inspectPeerMessage(syncStep1(doc), self)).toEqual({ ok: true, kind: 'sync-request' });
    expect(inspectPeerMessage(syncStep2(doc), self)).toEqual({ ok: true, kind: 'sync-update' });
    expect(inspectPeerMessage(syncUpdate(Y.encodeStateAsUpdate(doc)), self)).toEqual({ ok: true, kind: 'sync-update' });
    expect(inspectPeerMessage(awarenessMessage(awareness), self)).toEqual({ ok: true, kind: 'awareness', clientIDs: [awareness.clientID] });
    expect(inspectPeerMessage(Uint8Array.of(3), self)).toEqual({ ok: true, kind: 'awareness-query' });
  });

  it('refuses what is not a y-webrtc message, naming the problem', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['{"type":"sync"}', /a string instead of binary/],
      [new Uint8Array(0), /empty/],
      [Uint8Array.of(9), /unknown message type 9/],
      [Uint8Array.of(0xff, 0xff), /truncated/],
      [Uint8Array.of(4, 1, 3, 97, 98, 99), /browser-tab message over WebRTC/],
      [Uint8Array.of(0, 7, 0), /unknown sync message type 7/],
      [Uint8Array.of(0, 2, 50, 1, 2), /truncated: it announces 50 bytes and holds 2/],
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
    expect(detail(message(Array.from({ length: 513 }, (_, i): [number, number, string] => [i + 100, 1, 'null'])))).toMatch(/513 presence states/);
    expect(detail(message([[self.clientID, self.clock + 1, '{"v":1,"name":"Impostor"}']]))).toMatch(/in the name of this computer/);
    // A peer relaying our own state back (same clock) or saying we left is what honest peers do.
    expect(detail(message([[self.clientID, self.clock, '{"v":1,"name":"Me"}']]))).toBe('ok');
    expect(detail(message([[self.clientID, self.clock + 1, 'null']]))).toBe('ok');
    // Out of schema but well formed: the presence parser ignores it later; the guard lets it by.
    expect(detail(message([[99, 1, '[1,2,3]'], [100, 4, '{"v":"1","name":42}']]))).toBe('ok');
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
    expect(inspectPeerMessage(syncUpdate(cut), self)).toMatchObject({ ok: false, detail: expect.stringMatching(/document update does not decode/) });
  });
});

describe('PeerGuard', () => {
  it('passes good messages to y-webrtc and keeps bad ones from it', () => {
    const { guard, logged } = quietGuard();
    const seen: unknown[] = [];
    const conn = new FakeConn('peer-a', (data) => seen.push(data));
    guard.scan(room(conn), awareness);
    const good = Uint8Array.of(3);
    conn.receive(good);
    conn.receive(Uint8Array.of(9));
    conn.receive('text');
    expect(seen).toEqual([good]);
    expect(conn.peer.listenerCount('data')).toBe(1);
    expect(logged).toEqual([expect.stringMatching(/ignored a message from peer peer-a: unknown message type 9/)]);
    // Scanning again does not wrap twice.
    guard.scan(room(conn), awareness);
    conn.receive(good);
    expect(seen).toEqual([good, good]);
  });

  it('catches a message that throws while applied and counts it, instead of an uncaught error', () => {
    const { guard, logged } = quietGuard({ badMessagesBeforeDrop: 2 });
    const conn = new FakeConn('peer-b', () => {
      throw new Error('observer failed');
    });
    guard.scan(room(conn), awareness);
    expect(() => conn.receive(Uint8Array.of(3))).not.toThrow();
    expect(logged[0]).toMatch(/failed while applied: observer failed/);
    expect(() => conn.receive(Uint8Array.of(3))).not.toThrow();
    expect(guard.dropped()).toMatchObject([{ peerId: 'peer-b', reason: 'malformed', count: 2 }]);
  });

  it('drops a peer after 20 malformed messages, says so, and ignores what it still sends', () => {
    const { guard } = quietGuard();
    const seen: unknown[] = [];
    const conn = new FakeConn('peer-c', (data) => seen.push(data));
    let notified = 0;
    guard.subscribe(() => (notified += 1));
    guard.scan(room(conn), awareness);
    for (let i = 0; i < 19; i++) conn.receive(Uint8Array.of(42));
    expect(guard.dropped()).toEqual([]);
    expect(conn.destroyed).toBe(0);
    conn.receive(Uint8Array.of(42));
    expect(conn.destroyed).toBe(1);
    expect(notified).toBe(1);
    const [dropped] = guard.dropped();
    expect(dropped).toEqual({ peerId: 'peer-c', reason: 'malformed', count: 20, at: 1_001 });
    expect(describeDroppedPeer(dropped!)).toBe('Dropped a peer that sent 20 malformed messages');
    conn.receive(Uint8Array.of(3));
    expect(seen).toEqual([]);
  });

  it('drops a peer at once for one oversized message', () => {
    const { guard } = quietGuard({ maxMessageBytes: 1024 });
    const conn = new FakeConn('peer-d', () => {});
    guard.scan(room(conn), awareness);
    conn.receive(new Uint8Array(1025));
    expect(conn.destroyed).toBe(1);
    expect(guard.dropped()).toMatchObject([{ peerId: 'peer-d', reason: 'oversized', count: 1 }]);
    expect(describeDroppedPeer(guard.dropped()[0]!)).toBe('Dropped a peer that sent an oversized message');
  });

  it('counts requests past the allowance per connection as bad: each one makes us send the whole document', () => {
    const { guard } = quietGuard({ requestsPerConnection: 2, badMessagesBeforeDrop: 3 });
    let answered = 0;
    const conn = new FakeConn('peer-e', () => (answered += 1));
    guard.scan(room(conn), awareness);
    for (let i = 0; i < 5; i++) conn.receive(Uint8Array.of(3));
    expect(answered).toBe(2);
    expect(guard.dropped()).toMatchObject([{ peerId: 'peer-e', count: 3 }]);
  });

  it('cuts off a dropped peer on sight and keeps it out with a placeholder that never connects', () => {
    const { guard } = quietGuard({ badMessagesBeforeDrop: 1 });
    const first = new FakeConn('peer-f', () => {});
    const honest = new FakeConn('peer-g', () => {});
    const list = room(first, honest);
    guard.scan(list, awareness);
    first.receive(Uint8Array.of(42));
    expect(first.destroyed).toBe(1);
    // y-webrtc removes a closed connection from its list; it later opens a new one for the same id.
    list.webrtcConns.delete('peer-f');
    const again = new FakeConn('peer-f', () => {});
    list.webrtcConns.set('peer-f', again);
    guard.scan(list, awareness);
    expect(again.destroyed).toBe(1);
    expect(honest.destroyed).toBe(0);
    list.webrtcConns.delete('peer-f');
    guard.scan(list, awareness);
    const stand = list.webrtcConns.get('peer-f') as { connected: boolean; synced: boolean; peer: { signal(s: unknown): void } };
    expect(stand).toMatchObject({ connected: false, synced: true });
    // y-webrtc answers an offer from that peer through the entry it has: nothing happens.
    expect(() => stand.peer.signal({ type: 'offer' })).not.toThrow();
    guard.scan(list, awareness);
    expect(list.webrtcConns.get('peer-f')).toBe(stand);
  });

  it('gives placeholders to only a few dropped peers, so they cannot fill the room', () => {
    const { guard } = quietGuard({ badMessagesBeforeDrop: 1, placeholders: 2 });
    const conns = ['p1', 'p2', 'p3'].map((id) => new FakeConn(id, () => {}));
    const list = room(...conns);
    guard.scan(list, awareness);
    for (const conn of conns) conn.receive(Uint8Array.of(42));
    list.webrtcConns.clear();
    guard.scan(list, awareness);
    expect([...list.webrtcConns.keys()]).toEqual(['p1', 'p2']);
    expect(guard.dropped()).toHaveLength(3);
  });

  it("forgets the presences only a dropped peer spoke for, and keeps ones another peer also relays", () => {
    const { guard } = quietGuard({ badMessagesBeforeDrop: 1 });
    const doc = new Y.Doc();
    const ours = new Awareness(doc);
    const read = yWebrtcReader(doc, ours, []);
    const honest = new FakeConn('honest', read);
    const hostile = new FakeConn('hostile', read);
    guard.scan(room(honest, hostile), ours);
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

  it('never throws from a scan, whatever the room looks like', () => {
    const { guard } = quietGuard();
    for (const shape of [null, undefined, 42, {}, { webrtcConns: 'x' }, { webrtcConns: new Map([['a', null], ['b', { remotePeerId: 'b', peer: 3 }]]) }]) {
      expect(() => guard.scan(shape, awareness)).not.toThrow();
    }
  });
});

describe('the room manager with the guard', () => {
  it('guards a connection as soon as the provider reports it, and the status lists the dropped peer', () => {
    const providers = fakeProviders();
    const rooms = new RoomManager({ createProvider: providers.factory, statusIntervalMs: 60_000 });
    const config = { roomId: 'a'.repeat(32), secret: 'b'.repeat(32), signaling: [], iceServers: [] };
    const warn = console.warn;
    console.warn = () => {};
    try {
      const handle = rooms.open(new Y.Doc(), config);
      let notified = 0;
      handle.subscribe(() => (notified += 1));
      const provider = providers.made[0]!;
      const seen: unknown[] = [];
      const conn = new FakeConn('mallory', (data) => seen.push(data));
      provider.room.webrtcConns.set(conn.remotePeerId, conn);
      provider.emit('peers');
      expect(handle.status().peers).toBe(1);
      for (let i = 0; i < 20; i++) conn.receive(Uint8Array.of(77));
      expect(seen).toEqual([]);
      expect(conn.destroyed).toBeGreaterThanOrEqual(1);
      expect(handle.status().droppedPeers).toMatchObject([{ peerId: 'mallory', reason: 'malformed', count: 20 }]);
      expect(notified).toBeGreaterThanOrEqual(1);
      // The room closes and opens again (new settings): the peer is still dropped.
      rooms.close(handle);
      const again = rooms.open(new Y.Doc(), config);
      expect(again.status().droppedPeers).toHaveLength(1);
    } finally {
      console.warn = warn;
      rooms.closeAll();
    }
  });
});

describe('10,000 hostile messages through the guard into a real document', () => {
  it('keeps every record whole and lets no error out', () => {
    const { doc, ic, clock } = declaredIncident();
    const personId = addPerson(doc, { name: 'Blake Ortiz' }, ic);
    clock.advance(1000);
    createTask(doc, { title: 'Roll back deploy 4411', assigneeId: personId }, ic);
    recordEntry(doc, { kind: 'note', text: 'Gateway 502s since 14:02' }, ic);
    const before = readSnapshot(doc)!;
    const awareness = new Awareness(doc);
    awareness.setLocalState({ v: 1, userId: ic.id, name: ic.name, panel: null, editing: null, activeAt: 1 });

    // A guard that never drops, so that every message is read: the point is what gets through.
    const { guard } = quietGuard({ badMessagesBeforeDrop: Number.POSITIVE_INFINITY, requestsPerConnection: 50 });
    const replies: Uint8Array[] = [];
    const conn = new FakeConn('hostile', yWebrtcReader(doc, awareness, replies));
    const local = () => ({ clientID: awareness.clientID, clock: awareness.meta.get(awareness.clientID)?.clock ?? 0 });
    guard.scan(room(conn), awareness);

    const verdicts = new Map<string, { refused: number; passed: number }>();
    const surprises: string[] = [];
    let refusedTotal = 0;
    const loud = console.error;
    const errors: unknown[] = [];
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      for (const message of hostileMessages({ seed: 20261121, count: 10_000, oversizedBytes: DEFAULT_MESSAGE_LIMITS.maxMessageBytes + 1, victimClientIds: [awareness.clientID] })) {
        conn.receive(message.bytes);
        const inspection = inspectPeerMessage(message.bytes, local());
        const refused = inspection.ok ? 0 : 1;
        const tally = verdicts.get(message.kind) ?? { refused: 0, passed: 0 };
        tally.refused += refused;
        tally.passed += 1 - refused;
        verdicts.set(message.kind, tally);
        const expected = message.kind === 'oversized' ? 'bad' : message.expect;
        if ((expected === 'bad' && !refused) || (expected === 'valid' && refused)) surprises.push(`${message.kind}: ${inspection.ok ? 'passed' : inspection.detail}`);
        refusedTotal += refused;
      }
    } finally {
      console.error = loud;
    }
    expect(surprises).toEqual([]);
    // y-protocols logs an update it could not apply; with the guard in front none reaches it.
    expect(errors).toEqual([]);
    expect([...verdicts.keys()].length).toBeGreaterThanOrEqual(18);
    expect(refusedTotal).toBeGreaterThan(3000);

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
