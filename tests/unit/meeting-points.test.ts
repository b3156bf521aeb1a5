// Meeting points (meetingPoints.ts): members tell each other where they host the room's signaling
// over the 'meeting-points' app channel, every member keeps what it learns with the room, and its
// room joins those addresses without dropping a connection. What arrives is read in full and
// bounded; the stored list gives a kept address up only to a live one. Also the signaling
// socket's visible backoff and the header's "Reconnecting, 3rd try in 8 s". Fake timers throughout.
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MAX_SIGNALING_ADDRESSES } from '../../src/core/joinCode';
import { describeNextTry, describeReconnecting, ordinal } from '../../src/renderer/features/room/ConnectionHealth';
import { IncidentSessions } from '../../src/renderer/sync/incidentSessions';
import { LEARN_DELAY_MS } from '../../src/renderer/sync/rooms/incidentNetwork';
import {
  decodeMeetingPoints,
  encodeMeetingPoints,
  MAX_MESSAGES_PER_MINUTE,
  MAX_STORED_PER_PEER,
  MEETING_POINTS_CHANNEL,
  MeetingPoints,
  mergeStoredAddresses,
} from '../../src/renderer/sync/rooms/meetingPoints';
import { PeerGuard } from '../../src/renderer/sync/rooms/peerGuard';
import { PeerRoom } from '../../src/renderer/sync/rooms/peerRoom';
import { RoomManager, watchNetworkReturn, type ProviderFactory, type RoomStatus } from '../../src/renderer/sync/rooms/roomManager';
import { SIGNALING_CONNECT_TIMEOUT_MS, SignalingSocket, type SocketLike } from '../../src/renderer/sync/rooms/signalingSocket';
import { FakeAppChannel, FakeProvider } from './support/fakeRoomProvider';
import { testLibraries } from './support/libraries';
import { MemoryPeers, MemorySignaling } from './support/memoryNetwork';

const ADDRESS = (n: number) => `ws://192.0.2.${n}:4444`;

function raw(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const varUint = (n: number) => raw((e) => encoding.writeVarUint(e, n));

describe('meeting-point messages', () => {
  it('carry canonical addresses and read back the same', () => {
    const addresses = [ADDRESS(1), 'wss://relay.example.org', 'ws://[::1]:4444'];
    expect(decodeMeetingPoints(encodeMeetingPoints(addresses))).toEqual({ ok: true, addresses });
    expect(decodeMeetingPoints(encodeMeetingPoints([]))).toEqual({ ok: true, addresses: [] });
  });

  it('refuse as hostile anything but canonical addresses within the bounds, read in full', () => {
    const hostile = (payload: Uint8Array) => {
      const decoded = decodeMeetingPoints(payload);
      expect(decoded.ok).toBe(false);
      return decoded.ok ? null : decoded;
    };
    const message = (addresses: string[], tail: number[] = []) =>
      raw((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, addresses.length);
        for (const a of addresses) encoding.writeVarString(e, a);
        for (const byte of tail) encoding.writeUint8(e, byte);
      });
    expect(hostile(message(['http://192.0.2.1:4444']))).toMatchObject({ hostile: true, problem: /not a canonical/ });
    expect(hostile(message(['ws://user:pw@192.0.2.1:4444']))).toMatchObject({ hostile: true });
    expect(hostile(message(['ws://192.0.2.1:4444/path']))).toMatchObject({ hostile: true });
    expect(hostile(message(['WS://192.0.2.1:4444']))).toMatchObject({ hostile: true });
    expect(hostile(message([ADDRESS(1), ADDRESS(1)]))).toMatchObject({ hostile: true, problem: /twice/ });
    expect(hostile(message([ADDRESS(1)], [0]))).toMatchObject({ hostile: true, problem: /bytes after/ });
    expect(hostile(message([ADDRESS(1)]).slice(0, 8))).toMatchObject({ hostile: true, problem: /ends early/ });
    const nine = Array.from({ length: MAX_SIGNALING_ADDRESSES + 1 }, (_, i) => ADDRESS(i + 1));
    expect(hostile(message(nine))).toMatchObject({ hostile: true, problem: /announced 9/ });
    expect(hostile(new Uint8Array(4096))).toMatchObject({ hostile: true, problem: /4096 bytes/ });
    // A count that claims millions is refused before anything is read.
    expect(hostile(Uint8Array.of(1, ...varUint(5_000_000)))).toMatchObject({ hostile: true });
    // A newer version is not wrong, only not understood.
    expect(hostile(Uint8Array.of(2, 0))).toMatchObject({ hostile: false });
  });

  it('are sent without what is not an address (own addresses are checked too)', () => {
    expect(decodeMeetingPoints(encodeMeetingPoints([ADDRESS(1), 'not an address', ADDRESS(1)]))).toEqual({
      ok: true,
      addresses: [ADDRESS(1)],
    });
  });
});

describe('MeetingPoints on a room', () => {
  function setup() {
    const channel = new FakeAppChannel(MEETING_POINTS_CHANNEL);
    const changes = { count: 0 };
    const logged: string[] = [];
    let now = 0;
    const points = new MeetingPoints({
      channel,
      onChange: () => (changes.count += 1),
      log: (m) => logged.push(m),
      now: () => now,
    });
    const sentTo = (peerId: string) =>
      channel.sent.filter((s) => s.peerId === peerId).map((s) => decodeMeetingPoints(s.payload) as unknown as { addresses: string[] });
    return { channel, points, changes, logged, sentTo, tick: (ms: number) => (now += ms) };
  }

  it('tells each peer its addresses when it connects and whenever they change, "none" included', () => {
    const { channel, points, sentTo } = setup();
    points.setOwn([ADDRESS(1), 'ws://127.0.0.1:4444']);
    channel.setPeer('deputy', 7);
    expect(sentTo('deputy').map((m) => m.addresses)).toEqual([[ADDRESS(1), 'ws://127.0.0.1:4444']]);
    channel.setPeer('member', 8);
    points.setOwn([ADDRESS(2)]);
    points.setOwn([ADDRESS(2)]);
    points.setOwn([]);
    expect(sentTo('deputy').map((m) => m.addresses)).toEqual([[ADDRESS(1), 'ws://127.0.0.1:4444'], [ADDRESS(2)], []]);
    expect(sentTo('member').map((m) => m.addresses)).toEqual([[ADDRESS(1), 'ws://127.0.0.1:4444'], [ADDRESS(2)], []]);
  });

  it('keeps what connected peers announce, newest first, and forgets a peer that leaves', () => {
    const { channel, points, changes } = setup();
    channel.setPeer('ic', 1);
    channel.setPeer('deputy', 2);
    channel.deliver('ic', encodeMeetingPoints([ADDRESS(1)]));
    channel.deliver('deputy', encodeMeetingPoints([ADDRESS(2), ADDRESS(3)]));
    expect(points.announcements()).toEqual([[ADDRESS(2), ADDRESS(3)], [ADDRESS(1)]]);
    expect(changes.count).toBe(2);
    // The same again changes nothing; a move does.
    channel.deliver('ic', encodeMeetingPoints([ADDRESS(1)]));
    expect(changes.count).toBe(2);
    channel.deliver('ic', encodeMeetingPoints([ADDRESS(9)]));
    expect(points.announcements()).toEqual([[ADDRESS(9)], [ADDRESS(2), ADDRESS(3)]]);
    expect(changes.count).toBe(3);
    channel.setPeer('ic', undefined);
    expect(points.announcements()).toEqual([[ADDRESS(2), ADDRESS(3)]]);
    expect(changes.count).toBe(4);
  });

  it('cuts off a peer that sends garbage, and ignores one that sends too often', () => {
    const { channel, points, changes, logged, tick } = setup();
    channel.setPeer('liar', 3);
    // Version 1, one address, whose 200 bytes never come.
    channel.deliver('liar', Uint8Array.of(1, 1, 200, 1, 119, 115));
    expect(channel.hostile).toEqual([{ peerId: 'liar', reason: expect.stringMatching(/meeting-point/) }]);
    expect(points.announcements()).toEqual([]);
    expect(changes.count).toBe(0);

    channel.setPeer('chatty', 4);
    for (let i = 0; i < MAX_MESSAGES_PER_MINUTE + 5; i += 1) channel.deliver('chatty', encodeMeetingPoints([ADDRESS((i % 200) + 1)]));
    expect(points.announcements()).toEqual([[ADDRESS(MAX_MESSAGES_PER_MINUTE)]]);
    expect(logged).toEqual([expect.stringMatching(/beyond the rate/)]);
    tick(60_000);
    channel.deliver('chatty', encodeMeetingPoints([ADDRESS(250)]));
    expect(points.announcements()).toEqual([[ADDRESS(250)]]);
  });
});

describe('the stored list of addresses', () => {
  it('puts live addresses first, keeps what it had after them, and drops what is not an address', () => {
    const stored = [ADDRESS(50), ADDRESS(51)];
    expect(
      mergeStoredAddresses(stored, { proven: ['ws://127.0.0.1:4444', ADDRESS(50)], announced: [[ADDRESS(1), 'junk'], [ADDRESS(2)]] }),
    ).toEqual(['ws://127.0.0.1:4444', ADDRESS(50), ADDRESS(1), ADDRESS(2), ADDRESS(51)]);
  });

  it('lets one peer place only its first few, so one member cannot push out every kept address', () => {
    const stored = [ADDRESS(50), ADDRESS(51), ADDRESS(52), ADDRESS(53), ADDRESS(54)];
    const liar = Array.from({ length: MAX_SIGNALING_ADDRESSES }, (_, i) => ADDRESS(100 + i));
    const merged = mergeStoredAddresses(stored, { proven: [], announced: [liar] });
    expect(merged).toHaveLength(MAX_SIGNALING_ADDRESSES);
    expect(merged.slice(0, MAX_STORED_PER_PEER)).toEqual(liar.slice(0, MAX_STORED_PER_PEER));
    expect(merged.slice(MAX_STORED_PER_PEER)).toEqual(stored);
  });

  it('gives a kept address up only when live ones fill the list', () => {
    const stored = Array.from({ length: 8 }, (_, i) => ADDRESS(50 + i));
    expect(mergeStoredAddresses(stored, { proven: [], announced: [] })).toEqual(stored);
    expect(mergeStoredAddresses(stored, { proven: [ADDRESS(1)], announced: [[ADDRESS(2)]] })).toEqual([
      ADDRESS(1),
      ADDRESS(2),
      ...stored.slice(0, 6),
    ]);
  });
});

const libraries = testLibraries('meeting-points');

describe('roomCredentials.learnAddresses', () => {
  it('changes only the address list, in one step, and refuses a list that breaks the rules', async () => {
    const library = await libraries.open(libraries.freshStore());
    const id = 'inc-1';
    const room = { roomId: 'a'.repeat(32), secret: 'b'.repeat(32), signaling: [ADDRESS(1)], hosted: false, personId: 'p1' };
    await library.roomCredentials.save(id, room);
    const learned = await library.roomCredentials.learnAddresses(id, room.roomId, (kept) => [ADDRESS(2), ...kept]);
    expect(learned).toEqual([ADDRESS(2), ADDRESS(1)]);
    expect(await library.roomCredentials.get(id)).toEqual({ ...room, signaling: [ADDRESS(2), ADDRESS(1)] });
    // Another room id (a re-key raced it, or a stale call): nothing changes.
    expect(await library.roomCredentials.learnAddresses(id, 'c'.repeat(32), () => [ADDRESS(3)])).toBeNull();
    await expect(library.roomCredentials.learnAddresses(id, room.roomId, () => ['http://192.0.2.9'])).rejects.toThrow();
    const nine = Array.from({ length: 9 }, (_, i) => ADDRESS(i + 10));
    await expect(library.roomCredentials.learnAddresses(id, room.roomId, () => nine)).rejects.toThrow(/at most 8/);
    expect((await library.roomCredentials.get(id))?.signaling).toEqual([ADDRESS(2), ADDRESS(1)]);
    await library.close();
  });
});

/** A fake room that follows setSignaling, as PeerRoom does. */
class MovableProvider extends FakeProvider {
  moves: string[][] = [];
  setSignaling(urls: readonly string[]): void {
    this.moves.push([...urls]);
    this.set({ servers: urls.map((url) => this.servers.find((s) => s.url === url) ?? { url, connected: false, failures: 0 }) });
  }
}

describe('a member learning meeting points', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('joins what a connected member announces, keeps it with the room, and puts live addresses in the join code', async () => {
    const library = await libraries.open(libraries.freshStore());
    const made: MovableProvider[] = [];
    const factory: ProviderFactory = (doc, config, awareness, context) => {
      const provider = new MovableProvider(doc, config, awareness, context);
      made.push(provider);
      return provider;
    };
    const rooms = new RoomManager({ createProvider: factory });
    const sessions = new IncidentSessions(library, rooms, { id: 'responder', name: 'Blake' });
    const invitation = { roomId: 'd'.repeat(32), secret: 'e'.repeat(32), signaling: ['ws://127.0.0.1:4444'] };
    const id = await sessions.join(invitation);
    const session = await sessions.acquire(id);
    const provider = made.at(-1)!;
    const channel = provider.appChannel(MEETING_POINTS_CHANNEL);
    // Nothing is live yet: the code carries the room's addresses.
    expect(session.network.invitation()?.signaling).toEqual(['ws://127.0.0.1:4444']);

    // The deputy connects and says where it hosts; this member tells it it hosts nothing.
    channel.setPeer('deputy', 2);
    expect(channel.sent.map((s) => decodeMeetingPoints(s.payload))).toEqual([{ ok: true, addresses: [] }]);
    channel.deliver('deputy', encodeMeetingPoints([ADDRESS(7), 'ws://127.0.0.1:4555']));
    expect(provider.moves.at(-1)).toEqual([ADDRESS(7), 'ws://127.0.0.1:4555', 'ws://127.0.0.1:4444']);
    expect(session.network.invitation()?.signaling).toEqual([ADDRESS(7), 'ws://127.0.0.1:4555']);
    // The dialog can say whose laptop it is (the name once presence has it).
    expect(session.network.hostOf(ADDRESS(7))).toEqual({ kind: 'member', name: null });
    expect(session.network.hostOf('ws://127.0.0.1:4444')).toBeNull();
    // The original server connects: it is live too.
    provider.set({ servers: provider.servers.map((s) => (s.url === 'ws://127.0.0.1:4444' ? { ...s, connected: true } : s)) });
    expect(session.network.invitation()?.signaling).toEqual(['ws://127.0.0.1:4444', ADDRESS(7), 'ws://127.0.0.1:4555']);

    // Kept with the room once the burst is over.
    expect((await library.roomCredentials.get(id))?.signaling).toEqual(['ws://127.0.0.1:4444']);
    await vi.advanceTimersByTimeAsync(LEARN_DELAY_MS);
    await vi.waitFor(async () =>
      expect((await library.roomCredentials.get(id))?.signaling).toEqual(['ws://127.0.0.1:4444', ADDRESS(7), 'ws://127.0.0.1:4555']),
    );

    // The deputy leaves: its addresses stay with the room (it may come back) but are no longer "live".
    channel.setPeer('deputy', undefined);
    expect(session.network.invitation()?.signaling).toEqual(['ws://127.0.0.1:4444']);
    expect(made).toHaveLength(1);
    await sessions.release(id);
    rooms.closeAll();
    await library.close();
  });

  it('joins only a member’s first four addresses and puts only its first three in the join code', async () => {
    const library = await libraries.open(libraries.freshStore());
    const made: MovableProvider[] = [];
    const factory: ProviderFactory = (doc, config, awareness, context) => {
      const provider = new MovableProvider(doc, config, awareness, context);
      made.push(provider);
      return provider;
    };
    const rooms = new RoomManager({ createProvider: factory });
    const sessions = new IncidentSessions(library, rooms, { id: 'responder', name: 'Blake' });
    const id = await sessions.join({ roomId: 'd'.repeat(32), secret: 'e'.repeat(32), signaling: [ADDRESS(99)] });
    const session = await sessions.acquire(id);
    const provider = made.at(-1)!;
    const channel = provider.appChannel(MEETING_POINTS_CHANNEL);
    channel.setPeer('crowd', 5);
    const eight = Array.from({ length: MAX_SIGNALING_ADDRESSES }, (_, i) => ADDRESS(i + 1));
    channel.deliver('crowd', encodeMeetingPoints(eight));
    expect(provider.moves.at(-1)).toEqual([...eight.slice(0, 4), ADDRESS(99)]);
    expect(session.network.invitation()?.signaling).toEqual(eight.slice(0, 3));
    await sessions.release(id);
    rooms.closeAll();
    await library.close();
  });

  it('tells peers its own hosted addresses when they change, without reopening the room', async () => {
    const library = await libraries.open(libraries.freshStore());
    const made: MovableProvider[] = [];
    const factory: ProviderFactory = (doc, config, awareness, context) => {
      const provider = new MovableProvider(doc, config, awareness, context);
      made.push(provider);
      return provider;
    };
    const rooms = new RoomManager({ createProvider: factory });
    const roles: string[] = [];
    const host = async (room: { role: string }) => {
      roles.push(room.role);
      return [ADDRESS(1)];
    };
    const sessions = new IncidentSessions(library, rooms, { id: 'ic', name: 'Avery' }, { host, withdraw: async () => {} });
    const id = await sessions.declare({ title: 'Moving', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    expect(roles).toEqual(['commander']);
    const provider = made.at(-1)!;
    const channel = provider.appChannel(MEETING_POINTS_CHANNEL);
    channel.setPeer('deputy', 2);
    session.network.setHostedAddresses([ADDRESS(2), 'ws://127.0.0.1:4600']);
    expect(channel.sent.map((s) => decodeMeetingPoints(s.payload))).toEqual([
      { ok: true, addresses: [ADDRESS(1)] },
      { ok: true, addresses: [ADDRESS(2), 'ws://127.0.0.1:4600'] },
    ]);
    expect(provider.moves.at(-1)).toEqual([ADDRESS(2), 'ws://127.0.0.1:4600']);
    expect(session.network.hostOf(ADDRESS(2))).toEqual({ kind: 'self' });
    expect(session.network.invitation()?.signaling).toEqual([ADDRESS(2), 'ws://127.0.0.1:4600']);
    expect(made).toHaveLength(1);
    expect(provider.destroyed).toBe(false);
    await sessions.release(id);
    rooms.closeAll();
    await library.close();
  });
});

describe('a re-key', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('keeps only the addresses proven now, so what a removed member announced is not kept', async () => {
    const library = await libraries.open(libraries.freshStore());
    const made: MovableProvider[] = [];
    const factory: ProviderFactory = (doc, config, awareness, context) => {
      const provider = new MovableProvider(doc, config, awareness, context);
      made.push(provider);
      return provider;
    };
    const rooms = new RoomManager({ createProvider: factory });
    const sessions = new IncidentSessions(
      library,
      rooms,
      { id: 'ic', name: 'Avery' },
      { host: async () => [ADDRESS(1)], withdraw: async () => {} },
    );
    const id = await sessions.declare({ title: 'Re-keyed', severity: 'SEV2', summary: '' });
    const session = await sessions.acquire(id);
    const rex = session.commands.addPerson({ name: 'Rex' });
    const channel = made.at(-1)!.appChannel(MEETING_POINTS_CHANNEL);
    channel.setPeer('rex-laptop', 9);
    channel.deliver('rex-laptop', encodeMeetingPoints([ADDRESS(66), ADDRESS(67)]));
    await vi.advanceTimersByTimeAsync(LEARN_DELAY_MS);
    await vi.waitFor(async () =>
      expect((await library.roomCredentials.get(id))?.signaling).toEqual([ADDRESS(1), ADDRESS(66), ADDRESS(67)]),
    );

    await session.network.removeParticipant(rex);
    expect((await library.roomCredentials.get(id))?.signaling).toEqual([ADDRESS(1)]);
    expect(made.at(-1)!.config.signaling).toEqual([ADDRESS(1)]);
    await sessions.release(id);
    rooms.closeAll();
    await library.close();
  });
});

describe('PeerRoom.setSignaling', () => {
  afterEach(() => vi.useRealTimers());

  it('moves to another server without dropping the peer connection, and peers meet again on it', async () => {
    const first = new MemorySignaling();
    const second = new MemorySignaling();
    const hubs: Record<string, MemorySignaling> = { 'ws://first.test:1': first, 'ws://second.test:2': second };
    const peers = new MemoryPeers();
    const join = () => {
      const doc = new Y.Doc();
      return new PeerRoom(doc, new Awareness(doc), {
        roomId: 'a'.repeat(32),
        secret: 'b'.repeat(32),
        signaling: ['ws://first.test:1'],
        iceServers: [],
        guard: new PeerGuard({ log: () => {} }),
        openPeer: peers.opener().openPeer,
        openSocket: (url) => hubs[url]!.openSocket(url),
        log: () => {},
      });
    };
    const a = join();
    const b = join();
    try {
      await vi.waitFor(() => expect([a.state().peers, b.state().peers]).toEqual([1, 1]), { timeout: 60_000, interval: 5 });
      a.setSignaling(['ws://second.test:2']);
      b.setSignaling(['ws://first.test:1', 'ws://second.test:2']);
      await vi.waitFor(
        () => {
          expect(a.state().servers).toEqual([{ url: 'ws://second.test:2', connected: true, failures: 0, refused: null }]);
          expect(b.state().servers.map((s) => s.connected)).toEqual([true, true]);
        },
        { timeout: 60_000, interval: 5 },
      );
      expect([a.state().peers, b.state().peers]).toEqual([1, 1]);
      expect(a.signaling()).toEqual(['ws://second.test:2']);
      // a unsubscribed from the first server (without a leave message, which would end its connections).
      expect([...first.sockets].filter((s) => s.topics.size > 0)).toHaveLength(1);
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});

describe('visible reconnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  class FakeSocket implements SocketLike {
    onopen: (() => void) | null = null;
    onclose: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onmessage: ((event: { readonly data: unknown }) => void) | null = null;
    readonly sent: unknown[] = [];
    closed = false;
    send(text: string) {
      this.sent.push(JSON.parse(text));
    }
    close() {
      this.closed = true;
    }
  }

  it('backs off 0.25, 1, 2, 4, 8 then 15 s, says when the next try is, and tries at once when asked', () => {
    vi.setSystemTime(0);
    const sockets: FakeSocket[] = [];
    const socket = new SignalingSocket('ws://127.0.0.1:4444', { opened() {}, changed() {}, message() {} }, () => {
      const made = new FakeSocket();
      sockets.push(made);
      return made;
    });
    const waits: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      sockets.at(-1)!.onclose?.();
      waits.push(socket.nextAttemptAt! - Date.now());
      vi.advanceTimersByTime(socket.nextAttemptAt! - Date.now());
    }
    expect(waits).toEqual([250, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect(sockets).toHaveLength(8);
    sockets.at(-1)!.onclose?.();
    expect(socket.failures).toBe(8);
    // The network came back: no waiting out the 15 s.
    socket.retryNow();
    expect(sockets).toHaveLength(9);
    expect(socket.nextAttemptAt).toBeNull();
    sockets.at(-1)!.onopen?.();
    expect(socket).toMatchObject({ connected: true, failures: 0, nextAttemptAt: null });
    // Connected: asked again, it pings (a dead connection then shows within the quiet bound).
    socket.retryNow();
    expect(sockets.at(-1)!.sent).toEqual([{ type: 'ping' }]);
    socket.close();
  });

  it('gives up on an attempt that never answers after 10 s, and on a stuck one when the network comes back', () => {
    vi.setSystemTime(0);
    const sockets: FakeSocket[] = [];
    const logged: string[] = [];
    const socket = new SignalingSocket(
      'ws://192.0.2.1:4444',
      { opened() {}, changed() {}, message() {} },
      () => {
        const made = new FakeSocket();
        sockets.push(made);
        return made;
      },
      (message) => logged.push(message),
    );
    // Nothing answers (a server on a network this laptop left).
    vi.advanceTimersByTime(SIGNALING_CONNECT_TIMEOUT_MS - 1);
    expect(socket.failures).toBe(0);
    vi.advanceTimersByTime(1);
    expect(socket.failures).toBe(1);
    expect(sockets[0]!.closed).toBe(true);
    expect(logged).toEqual(['Sitrep: the signaling server ws://192.0.2.1:4444 did not answer within 10 s']);
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2);
    // A fresh attempt is left alone; one stuck for a while is replaced at once.
    socket.retryNow();
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(3000);
    socket.retryNow();
    expect(sockets).toHaveLength(3);
    expect(sockets[1]!.closed).toBe(true);
    // The abandoned attempt's late events change nothing.
    sockets[1]!.onopen?.();
    expect(socket.connected).toBe(false);
    sockets[2]!.onopen?.();
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('retries when the network comes back, until unsubscribed', () => {
    const target = new EventTarget();
    let retries = 0;
    const stop = watchNetworkReturn(() => (retries += 1), target);
    target.dispatchEvent(new Event('online'));
    target.dispatchEvent(new Event('offline'));
    expect(retries).toBe(1);
    stop();
    target.dispatchEvent(new Event('online'));
    expect(retries).toBe(1);
  });

  const status = (servers: RoomStatus['servers'], more: Partial<RoomStatus> = {}): RoomStatus => ({
    roomId: 'a'.repeat(32),
    signaling: 'unreachable',
    servers,
    peers: 0,
    synced: false,
    offline: true,
    paused: false,
    foreignSignals: 0,
    droppedPeers: [],
    pendingConnections: 0,
    failingPeers: 0,
    gaveUpPeers: 0,
    nextRetryAt: null,
    lastFailure: null,
    staleSignals: 0,
    replayedSignals: 0,
    ...more,
  });
  const down = (url: string, failures: number, nextAttemptAt: number | null) => ({
    url,
    connected: false,
    failures,
    refused: null,
    nextAttemptAt,
  });

  it('says "Reconnecting, 3rd try in 8 s" for the server tried soonest, and nothing while connected or paused', () => {
    expect(ordinal(1)).toBe('1st');
    expect(ordinal(2)).toBe('2nd');
    expect(ordinal(3)).toBe('3rd');
    expect(ordinal(11)).toBe('11th');
    expect(ordinal(22)).toBe('22nd');
    const now = 100_000;
    expect(describeReconnecting(status([down('ws://a', 2, now + 7_200), down('ws://b', 5, now + 15_000)]), now)).toBe(
      'Reconnecting, 3rd try in 8 s',
    );
    expect(describeNextTry(down('ws://a', 0, null), now)).toBe('1st try now');
    // The first attempt is not a reconnection yet.
    expect(describeReconnecting(status([down('ws://a', 0, null)]), now)).toBeNull();
    expect(describeReconnecting(status([down('ws://a', 2, now + 1000)], { paused: true }), now)).toBeNull();
    expect(describeReconnecting(status([down('ws://a', 2, now + 1000)], { offline: false, peers: 1 }), now)).toBeNull();
  });
});
