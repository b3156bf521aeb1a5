// Each peer message is decoded once: the guard checks a document update's bytes without building
// it (scanUpdate), and Yjs builds it once when the room applies it. The scan must agree with Yjs's
// own reading on where an update breaks, so that what it lets through is still applied all or
// nothing, and it must never refuse an update Yjs reads.
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addPerson, createTask, recordEntry } from '../../src/core/commands';
import { PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { inspectPeerMessage, scanStateVector, scanUpdate } from '../../src/renderer/sync/rooms/peerMessage';
import { PeerRoom } from '../../src/renderer/sync/rooms/peerRoom';
import { MESSAGE_SYNC } from '../../src/renderer/sync/rooms/peerWire';
import { declaredIncident } from './support/incident';
import { MemoryPeers, MemorySignaling } from './support/memoryNetwork';

// Counts Yjs's decoding calls made by our code (the room and the guard import yjs; y-protocols
// is not inlined, so its calls are not counted: it decodes nothing on the receiving path).
vi.mock('yjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('yjs')>();
  return {
    ...actual,
    decodeUpdate: vi.fn(actual.decodeUpdate),
    decodeStateVector: vi.fn(actual.decodeStateVector),
    applyUpdate: vi.fn(actual.applyUpdate),
  };
});

const self = { clientID: 7, clock: 0 };

function throws(read: () => unknown): boolean {
  try {
    read();
    return false;
  } catch {
    return true;
  }
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Updates with every kind of struct and content Yjs writes, plus a hand-made legacy JSON content. */
function corpus(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const { doc, ic, clock } = declaredIncident();
  const personId = addPerson(doc, { name: 'Blake Ortiz' }, ic);
  for (let i = 0; i < 20; i++) {
    clock.advance(1000);
    recordEntry(doc, { kind: 'note', text: `Gateway 502s, sample ${i} — ünïcødé 🚨` }, ic);
  }
  createTask(doc, { title: 'Roll back deploy 4411', assigneeId: personId }, ic);
  updates.push(Y.encodeStateAsUpdate(doc));

  const rich = new Y.Doc();
  const text = rich.getText('text');
  text.insert(0, 'Checkout errors since 14:02');
  text.format(0, 8, { bold: true });
  text.insertEmbed(3, { image: 'graph.png' });
  text.delete(10, 4);
  const list = rich.getArray<unknown>('list');
  list.insert(0, [1, -7, 2 ** 40, 3.25, Number.NaN, 'text', true, false, null, { u: undefined, a: [1, { b: 'c' }] }, [[], {}]]);
  list.insert(0, [new Uint8Array([1, 2, 3]), { big: 10n, bytes: new Uint8Array([4, 5]) }]);
  list.delete(2, 3);
  const xml = rich.getXmlFragment('xml');
  const element = new Y.XmlElement('p');
  element.setAttribute('class', 'note');
  element.insert(0, [new Y.XmlText('hello')]);
  xml.insert(0, [element]);
  rich.getMap('nested').set('hook', new Y.XmlHook('hook'));
  rich.getMap('nested').set('map', new Y.Map());
  rich.getMap('nested').set('subdoc', new Y.Doc({ guid: 'sub-1', meta: { kind: 'attachment' } }));
  rich.getMap('nested').delete('map');
  updates.push(Y.encodeStateAsUpdate(rich));

  // Updates with a gap merge into one with a skip struct.
  const gappy = new Y.Doc();
  const parts: Uint8Array[] = [];
  gappy.on('update', (update: Uint8Array) => parts.push(update));
  for (let i = 0; i < 4; i++) gappy.getArray('a').insert(i, [i]);
  updates.push(Y.mergeUpdates([parts[0] as Uint8Array, parts[2] as Uint8Array]));
  // A deleted and collected item: GC structs and a delete set.
  const collected = new Y.Doc({ gc: true });
  collected.getArray('a').insert(0, ['x', 'y', 'z']);
  collected.getArray('a').delete(0, 2);
  updates.push(Y.encodeStateAsUpdate(collected));

  // ContentJSON (content 2), which Yjs still reads: one client, one struct in root array "a".
  const legacy = encoding.createEncoder();
  for (const n of [1, 1, 5, 0, 2, 1]) encoding.writeVarUint(legacy, n);
  encoding.writeVarString(legacy, 'a');
  encoding.writeVarUint(legacy, 2);
  encoding.writeVarString(legacy, '1');
  encoding.writeVarString(legacy, '"x"');
  encoding.writeVarUint(legacy, 0);
  updates.push(encoding.toUint8Array(legacy));
  return updates;
}

/** The scan let it through, Yjs's reading did not: applying must then change nothing. */
function expectAllOrNothing(update: Uint8Array): void {
  const doc = new Y.Doc();
  doc.getMap('timeline').set('kept', 'before');
  const before = Y.encodeStateAsUpdate(doc);
  if (throws(() => Y.applyUpdate(doc, update))) expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
}

describe('scanUpdate agrees with Yjs on what reads', () => {
  const updates = corpus();

  it('reads every kind of struct and content Yjs writes, and the hand-made JSON content', () => {
    for (const update of updates) {
      expect(() => Y.decodeUpdate(update)).not.toThrow();
      expect(() => scanUpdate(update)).not.toThrow();
    }
    const legacy = new Y.Doc();
    Y.applyUpdate(legacy, updates.at(-1) as Uint8Array);
    expect(legacy.getArray('a').toArray()).toEqual([1, 'x']);
  });

  it('refuses every cut-off update, at each byte, as Yjs does', () => {
    for (const update of updates) {
      for (let end = 0; end < update.length; end++) {
        const cut = update.subarray(0, end);
        expect({ end, scan: throws(() => scanUpdate(cut)) }).toEqual({ end, scan: throws(() => Y.decodeUpdate(cut)) });
      }
    }
  });

  it('never refuses a changed byte Yjs reads, and what it lets by that Yjs does not is applied all or nothing', () => {
    const next = random(20261202);
    let refusedByBoth = 0;
    for (let round = 0; round < 4000; round++) {
      const update = (updates[round % updates.length] as Uint8Array).slice();
      for (let flips = 1 + Math.floor(next() * 3); flips > 0; flips--)
        update[Math.floor(next() * update.length)] = Math.floor(next() * 256);
      const scanRefuses = throws(() => scanUpdate(update));
      const yjsRefuses = throws(() => Y.decodeUpdate(update));
      if (scanRefuses) expect({ round, yjsRefuses }).toEqual({ round, yjsRefuses: true });
      if (scanRefuses && yjsRefuses) refusedByBoth += 1;
      if (!scanRefuses && yjsRefuses) expectAllOrNothing(update);
    }
    // The flips did break updates: the comparison was not vacuous.
    expect(refusedByBoth).toBeGreaterThan(500);
  });

  it('treats random bytes as Yjs does, and applies what it lets by all or nothing', () => {
    const next = random(7);
    for (let round = 0; round < 3000; round++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 256));
      if (throws(() => scanUpdate(bytes))) expect(throws(() => Y.decodeUpdate(bytes))).toBe(true);
      else expectAllOrNothing(bytes);
    }
  });

  it('reads a state vector as Yjs does', () => {
    const { doc } = declaredIncident();
    const vector = Y.encodeStateVector(doc);
    expect(() => scanStateVector(vector)).not.toThrow();
    for (let end = 0; end < vector.length; end++) expect(() => scanStateVector(vector.subarray(0, end))).toThrow();
  });
});

describe('a room decodes each message once', () => {
  let rooms: PeerRoom[] = [];
  afterEach(() => {
    for (const room of rooms) room.destroy();
    rooms = [];
  });

  it('applies each update a peer sends with one Yjs read and no separate decode', async () => {
    const signaling = new MemorySignaling();
    const peers = new MemoryPeers();
    const join = (doc: Y.Doc) => {
      const room = new PeerRoom(doc, new Awareness(doc), {
        roomId: 'c'.repeat(32),
        secret: 'd'.repeat(32),
        signaling: ['ws://memory.test'],
        iceServers: [],
        guard: new PeerGuard({ log: () => {} }),
        openPeer: peers.opener().openPeer,
        openSocket: signaling.openSocket,
        log: () => {},
      });
      rooms.push(room);
      return room;
    };
    const { doc: icDoc, ic } = declaredIncident();
    const responderDoc = new Y.Doc();
    const icRoom = join(icDoc);
    const responderRoom = join(responderDoc);
    await vi.waitFor(() => expect(responderRoom.state()).toMatchObject({ peers: 1, synced: true }), { timeout: 60_000, interval: 5 });
    await vi.waitFor(() => expect(icRoom.state()).toMatchObject({ peers: 1, synced: true }), { timeout: 60_000, interval: 5 });

    const decodeUpdate = vi.mocked(Y.decodeUpdate);
    const decodeStateVector = vi.mocked(Y.decodeStateVector);
    const applyUpdate = vi.mocked(Y.applyUpdate);
    decodeUpdate.mockClear();
    decodeStateVector.mockClear();
    applyUpdate.mockClear();
    const sent: Uint8Array[] = [];
    icDoc.on('update', (update: Uint8Array) => sent.push(update));
    for (let i = 0; i < 25; i++) recordEntry(icDoc, { kind: 'note', text: `Note ${i}` }, ic);
    await vi.waitFor(() => expect(Y.encodeStateVector(responderDoc)).toEqual(Y.encodeStateVector(icDoc)), { timeout: 60_000, interval: 5 });

    expect(sent).toHaveLength(25);
    expect(decodeUpdate).not.toHaveBeenCalled();
    expect(decodeStateVector).not.toHaveBeenCalled();
    // One read of each message, into the responder's document: the bytes the commander sent.
    const applied = applyUpdate.mock.calls.filter(([doc]) => doc === responderDoc).map(([, update]) => update);
    expect(applied).toEqual(sent);
  });

  it('hands the room the update the message carries, as a view, not a copy', () => {
    const { doc } = declaredIncident();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
    const message = encoding.toUint8Array(encoder);
    const inspection = inspectPeerMessage(message, self);
    expect(inspection.ok).toBe(true);
    if (!inspection.ok || inspection.message.kind !== 'sync-update') throw new Error('not an update');
    expect(inspection.message.update.buffer).toBe(message.buffer);
    expect(inspection.message.update).toEqual(Y.encodeStateAsUpdate(doc));
  });
});
