// What a hostile peer sends over a room's WebRTC connection: a seeded stream of malformed,
// oversized and out-of-schema room messages (peerWire.ts), the same stream for the same seed. Used by the
// peer-guard unit test (every message through the guard) and the hostile-peer P2P test.
import * as Y from 'yjs';
import { mulberry32 as seededRandom } from '../../support/seededRandom';
import {
  MESSAGE_AWARENESS as AWARENESS,
  MESSAGE_BC_PEER_ID as BC_PEER_ID,
  MESSAGE_QUERY_AWARENESS as QUERY_AWARENESS,
  MESSAGE_SYNC as SYNC,
  SYNC_STEP_1 as STEP_1,
  SYNC_STEP_2 as STEP_2,
  SYNC_UPDATE as UPDATE,
} from '../../../src/renderer/sync/rooms/peerWire';
import { COLLECTIONS as DOCUMENT_COLLECTIONS } from '../../../src/core/model';

/** Every collection of the document, and the review's five whys: where a hostile update aims. */
const COLLECTIONS: readonly string[] = [...DOCUMENT_COLLECTIONS, 'reviewWhys'];
const FIELDS = [
  'id',
  'text',
  'kind',
  'at',
  'recordedAt',
  'seq',
  'authorId',
  'authorName',
  'event',
  'subject',
  'name',
  'title',
  'status',
  'severity',
  'assigneeId',
  'ownerId',
  'role',
  'holderId',
  'since',
  'until',
  'order',
  'question',
  'answer',
  'evidence',
  'checks',
];

/** What the guard should make of a message: refuse it, let it through, or either (it depends). */
export type Expectation = 'bad' | 'valid' | 'either';

export interface HostileMessage {
  readonly kind: string;
  readonly bytes: Uint8Array;
  readonly expect: Expectation;
}

export interface HostileOptions {
  readonly seed: number;
  readonly count: number;
  /** Size of the oversized messages: past the guard's limit, or as large as the channel carries. */
  readonly oversizedBytes: number;
  /** Awareness client ids of the peers under attack, for presence states forged in their name. */
  readonly victimClientIds?: readonly number[];
}

class Writer {
  private readonly bytes: number[] = [];
  varUint(value: number): this {
    let n = value;
    while (n > 0x7f) {
      this.bytes.push(0x80 | (n % 128));
      n = Math.floor(n / 128);
    }
    this.bytes.push(n);
    return this;
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.bytes.push(bytes[i]!);
    return this;
  }
  varBytes(bytes: Uint8Array): this {
    return this.varUint(bytes.length).raw(bytes);
  }
  varString(text: string): this {
    return this.varBytes(new TextEncoder().encode(text));
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

/** A message whose payload is one sync message: [SYNC, type, varBytes(payload)]. */
function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  return new Writer().varUint(SYNC).varUint(type).varBytes(payload).done();
}

function awarenessMessage(states: ReadonlyArray<{ clientID: number; clock: number; json: string }>): Uint8Array {
  const update = new Writer().varUint(states.length);
  for (const s of states) update.varUint(s.clientID).varUint(s.clock).varString(s.json);
  return new Writer().varUint(AWARENESS).varBytes(update.done()).done();
}

export function* hostileMessages(options: HostileOptions): Generator<HostileMessage> {
  const random = seededRandom(options.seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (length: number) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = int(256);
    return out;
  };
  const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(16)]).join('');
  const longText = (length: number) => 'Ω'.repeat(Math.ceil(length / 2)).slice(0, length);
  const clientId = () => 1 + int(0xfffffffe);
  /** A strict prefix of a message: always broken (every field of these formats is length-bound). */
  const truncated = (message: Uint8Array) => message.subarray(0, 1 + int(message.length - 1));
  const wrongValue = (): unknown =>
    pick<() => unknown>([
      () => 42,
      () => Number.NaN,
      () => Number.POSITIVE_INFINITY,
      () => -0,
      () => 2 ** 60,
      () => '',
      () => longText(1 + int(6000)),
      () => true,
      () => null,
      () => [1, 'two', { three: 3 }],
      () => ({ nested: { deeper: { deepest: hex(8) } } }),
      () => new Uint8Array([1, 2, 3]),
      () => new Y.Map(),
      () => new Y.Array(),
      () => new Y.Text('not where a string belongs'),
    ])();

  /** A valid Yjs update from a scratch document (its own client id): only new data, never edits. */
  const scratchUpdate = (write: (doc: Y.Doc) => void): Uint8Array => {
    const doc = new Y.Doc();
    doc.clientID = clientId();
    doc.transact(() => write(doc));
    const update = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return update;
  };
  const validUpdate = (): { kind: string; update: Uint8Array } =>
    pick<() => { kind: string; update: Uint8Array }>([
      () => ({ kind: 'record-not-a-map', update: scratchUpdate((doc) => doc.getMap(pick(COLLECTIONS)).set(hex(21), wrongValue())) }),
      () => ({
        kind: 'new-record-wrong-field-types',
        update: scratchUpdate((doc) => {
          const record = new Y.Map<unknown>();
          doc.getMap(pick(COLLECTIONS)).set(hex(21), record);
          for (let i = 0, n = 1 + int(8); i < n; i++) record.set(pick(FIELDS), wrongValue());
        }),
      }),
      () => ({
        kind: 'unknown-top-level-types',
        update: scratchUpdate((doc) => {
          doc.getMap(`junk-${hex(6)}`).set(hex(4), wrongValue());
          doc.getArray(`list-${hex(6)}`).push([1, 'x', null]);
          doc.getText(`text-${hex(6)}`).insert(0, longText(1 + int(200)));
        }),
      }),
      () => ({
        // A collection written as a list or a text: in our document these items land in the map's
        // list part, which no reader looks at.
        kind: 'collection-as-list',
        update: scratchUpdate((doc) => {
          const name = pick([...COLLECTIONS, 'meta', 'incident']);
          if (random() < 0.5) doc.getArray(name).push([hex(8), 7, null]);
          else doc.getText(name).insert(0, 'list where a map belongs');
        }),
      }),
      () => ({ kind: 'unknown-incident-field', update: scratchUpdate((doc) => doc.getMap('incident').set(`x-${hex(8)}`, wrongValue())) }),
    ])();

  const victims = options.victimClientIds ?? [];
  const outOfSchemaPresence = (): string =>
    JSON.stringify(
      pick<() => unknown>([
        () => ({ v: 1, userId: hex(12), name: longText(3000), panel: null, editing: null, activeAt: 1 }),
        () => ({ v: 1, userId: 42, name: ['Mallory'], panel: { x: 1 }, editing: 'tasks', activeAt: 'now' }),
        () => ({ v: '1', userId: '../../etc/passwd', name: '<img src=x onerror=alert(1)>' }),
        () => ({ v: 1, userId: hex(12), name: 'Mallory', editing: { collection: 'nope', id: '\u0000' }, activeAt: Number.MAX_VALUE }),
        () => [1, 2, 3],
        () => 'just a string',
        () => 12345,
        () => ({ deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown }),
        () => ({}),
      ])(),
    );

  for (let i = 0; i < options.count; i++) {
    const roll = int(100);
    if (roll < 8) {
      yield { kind: 'random-bytes', bytes: bytes(int(2000)), expect: 'either' };
    } else if (roll < 14) {
      yield {
        kind: 'unknown-message-type',
        bytes: new Writer()
          .varUint(5 + int(10_000))
          .raw(bytes(int(64)))
          .done(),
        expect: 'bad',
      };
    } else if (roll < 18) {
      yield { kind: 'tab-message-over-webrtc', bytes: new Writer().varUint(BC_PEER_ID).raw([1]).varString(hex(36)).done(), expect: 'bad' };
    } else if (roll < 24) {
      const sv = new Writer().varUint(2).varUint(clientId()).varUint(int(1000)).varUint(clientId()).varUint(int(1000)).done();
      yield { kind: 'truncated-sync-step-1', bytes: truncated(syncMessage(STEP_1, sv)), expect: 'bad' };
    } else if (roll < 34) {
      const { update } = validUpdate();
      yield { kind: 'truncated-sync-update', bytes: truncated(syncMessage(pick([STEP_2, UPDATE]), update)), expect: 'bad' };
    } else if (roll < 38) {
      yield { kind: 'unknown-sync-type', bytes: syncMessage(3 + int(100), bytes(int(64))), expect: 'bad' };
    } else if (roll < 44) {
      // Random bytes framed as an update: almost never a valid one, and if it is, it names a client nobody has.
      yield { kind: 'garbage-update', bytes: syncMessage(pick([STEP_2, UPDATE]), bytes(1 + int(300))), expect: 'either' };
    } else if (roll < 46) {
      // Filled with 0xff so that it is not a valid update either when it fits under the limit.
      const big = new Uint8Array(options.oversizedBytes).fill(0xff);
      big.set(
        new Writer()
          .varUint(SYNC)
          .varUint(UPDATE)
          .varUint(options.oversizedBytes - 8)
          .done(),
      );
      yield { kind: 'oversized', bytes: big, expect: 'either' };
    } else if (roll < 50) {
      yield {
        kind: 'awareness-garbage',
        bytes: new Writer()
          .varUint(AWARENESS)
          .varBytes(bytes(int(500)))
          .done(),
        expect: 'either',
      };
    } else if (roll < 54) {
      const json = pick(['{"v":1,', 'not json', '\u00ff\u00fe', '{"a":}', '']);
      yield { kind: 'awareness-not-json', bytes: awarenessMessage([{ clientID: clientId(), clock: 1 + int(99), json }]), expect: 'bad' };
    } else if (roll < 57) {
      const json = JSON.stringify({ v: 1, userId: hex(12), name: longText(20_000) });
      yield { kind: 'awareness-state-too-large', bytes: awarenessMessage([{ clientID: clientId(), clock: 1, json }]), expect: 'bad' };
    } else if (roll < 59) {
      const states = Array.from({ length: 600 + int(400) }, () => ({ clientID: clientId(), clock: 1, json: 'null' }));
      yield { kind: 'awareness-too-many-states', bytes: awarenessMessage(states), expect: 'bad' };
    } else if (roll < 62 && victims.length > 0) {
      const json = JSON.stringify({ v: 1, userId: hex(12), name: 'Impostor', panel: null, editing: null, activeAt: 1 });
      yield {
        kind: 'awareness-forged',
        bytes: awarenessMessage([{ clientID: pick(victims), clock: 2 ** 31 + int(1000), json }]),
        expect: 'bad',
      };
    } else if (roll < 74) {
      const states = Array.from({ length: 1 + int(4) }, () => ({
        clientID: clientId(),
        clock: 1 + int(1000),
        json: random() < 0.15 ? 'null' : outOfSchemaPresence(),
      }));
      yield { kind: 'awareness-out-of-schema', bytes: awarenessMessage(states), expect: 'valid' };
    } else if (roll < 76) {
      yield { kind: 'sync-request', bytes: syncMessage(STEP_1, new Writer().varUint(0).done()), expect: 'either' };
    } else if (roll < 77) {
      yield { kind: 'awareness-query', bytes: new Writer().varUint(QUERY_AWARENESS).done(), expect: 'either' };
    } else {
      const { kind, update } = validUpdate();
      yield { kind, bytes: syncMessage(pick([STEP_2, UPDATE]), update), expect: 'valid' };
    }
  }
}
