import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import * as decoding from 'lib0/decoding';
import { signalingAddressesFor } from '../../src/main/signaling/addresses';
import { parseSignalingMessage } from '../../src/main/signaling/messages';
import {
  SignalingServerStartError,
  startSignalingServer,
  type SignalingLogLevel,
  type SignalingServer,
  type SignalingServerOptions,
} from '../../src/main/signaling/server';
import { TopicSubscriptions } from '../../src/main/signaling/topics';

// Every wait is bounded; a test that hangs fails with a message instead. A safety net, not a
// bound on speed: each wait is for an event that does come, however loaded the machine.
const WAIT_MS = 15_000;

type Json = Record<string, unknown>;

interface TestClient {
  readonly socket: WebSocket;
  /** Parsed messages received and not yet taken. */
  readonly inbox: Json[];
  next(): Promise<Json>;
  send(message: unknown): void;
  /** Resolves once the server has handled everything this client sent before. */
  roundTrip(): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

const servers: SignalingServer[] = [];
const sockets: WebSocket[] = [];
let logged: { level: SignalingLogLevel; message: string }[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  logged = [];
});

async function startServer(options: Partial<SignalingServerOptions> = {}): Promise<SignalingServer> {
  const server = await startSignalingServer({
    host: '127.0.0.1',
    port: 0,
    closeGraceMs: 200,
    log: (level, message) => logged.push({ level, message }),
    ...options,
  });
  servers.push(server);
  return server;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function rawSocket(server: SignalingServer, options?: ClientOptions): WebSocket {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}`, options);
  sockets.push(socket);
  socket.on('error', () => {}); // failures show up as close events, which the tests check
  return socket;
}

function closedPromise(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

async function connect(server: SignalingServer, options?: ClientOptions): Promise<TestClient> {
  const socket = rawSocket(server, options);
  const inbox: Json[] = [];
  const waiting: ((message: Json) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Json;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const closed = closedPromise(socket);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('close', (code) => reject(new Error(`closed with ${code} before opening`)));
    }),
    'the connection to open',
  );
  const next = (): Promise<Json> => {
    const queued = inbox.shift();
    if (queued) return Promise.resolve(queued);
    return withTimeout(new Promise<Json>((resolve) => waiting.push(resolve)), 'a message');
  };
  return {
    socket,
    inbox,
    next,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async roundTrip() {
      socket.send(JSON.stringify({ type: 'ping' }));
      // A pong proves every earlier message from this client was handled, and that anything the
      // server sent this client before it has arrived: messages on one socket stay in order.
      const pending: Json[] = [];
      for (;;) {
        const message = await next();
        if (message.type === 'pong') break;
        pending.push(message);
      }
      inbox.unshift(...pending);
    },
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('relaying between subscribers', () => {
  it('delivers a publish to every subscriber of the topic, with the subscriber count, and to no one else', async () => {
    const server = await startServer();
    const [alice, bob, carol] = await Promise.all([connect(server), connect(server), connect(server)]);
    alice.send({ type: 'subscribe', topics: ['room-a'] });
    bob.send({ type: 'subscribe', topics: ['room-a', 'room-b'] });
    carol.send({ type: 'subscribe', topics: ['room-b'] });
    await Promise.all([alice.roundTrip(), bob.roundTrip(), carol.roundTrip()]);
    expect(server.stats()).toMatchObject({ connections: 3, topics: 2 });

    const published = { type: 'publish', topic: 'room-a', data: { type: 'announce', from: 'alice' } };
    alice.send(published);
    expect(await bob.next()).toEqual({ ...published, clients: 2 });
    // The sender hears its own message too, as with y-webrtc's reference server.
    expect(await alice.next()).toEqual({ ...published, clients: 2 });
    await carol.roundTrip();
    expect(carol.inbox).toEqual([]);
  });

  it('relays to subscribers even when the sender is not one of them', async () => {
    const server = await startServer();
    const [listener, outsider] = await Promise.all([connect(server), connect(server)]);
    listener.send({ type: 'subscribe', topics: ['room'] });
    await listener.roundTrip();
    outsider.send({ type: 'publish', topic: 'room', data: 'hello' });
    expect(await listener.next()).toEqual({ type: 'publish', topic: 'room', data: 'hello', clients: 1 });
    await outsider.roundTrip();
    expect(outsider.inbox).toEqual([]);
  });

  it('stops delivering after unsubscribe, and forgets empty topics', async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all([connect(server), connect(server)]);
    alice.send({ type: 'subscribe', topics: ['room'] });
    bob.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([alice.roundTrip(), bob.roundTrip()]);

    bob.send({ type: 'unsubscribe', topics: ['room'] });
    await bob.roundTrip();
    alice.send({ type: 'publish', topic: 'room', data: 'after' });
    expect(await alice.next()).toMatchObject({ data: 'after', clients: 1 });
    await bob.roundTrip();
    expect(bob.inbox).toEqual([]);

    alice.send({ type: 'unsubscribe', topics: ['room', 'never-subscribed'] });
    await alice.roundTrip();
    expect(server.stats().topics).toBe(0);
  });

  it('forgets the subscriptions of a connection that leaves', async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all([connect(server), connect(server)]);
    alice.send({ type: 'subscribe', topics: ['room', 'other'] });
    bob.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([alice.roundTrip(), bob.roundTrip()]);
    alice.socket.close();
    await alice.closed;
    await waitFor(() => server.stats().connections === 1, 'the server to notice the close');
    expect(server.stats().topics).toBe(1);
    bob.send({ type: 'publish', topic: 'room', data: 1 });
    expect(await bob.next()).toMatchObject({ clients: 1 });
  });

  it('answers ping with pong', async () => {
    const server = await startServer();
    const client = await connect(server);
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
  });
});

describe('bad input', () => {
  it('drops malformed messages without relaying them and keeps serving everyone', async () => {
    const server = await startServer();
    const [sender, listener] = await Promise.all([connect(server), connect(server)]);
    sender.send({ type: 'subscribe', topics: ['room'] });
    listener.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([sender.roundTrip(), listener.roundTrip()]);

    const malformed = [
      'not json',
      '{"type":"publish","topic":"room"', // cut off
      '[]',
      'null',
      '"publish"',
      '42',
      '{}',
      '{"type":42}',
      '{"type":"dance"}',
      '{"type":"subscribe"}',
      '{"type":"subscribe","topics":"room"}',
      '{"type":"subscribe","topics":["ok", 7]}',
      '{"type":"unsubscribe","topics":{"0":"room"}}',
      '{"type":"publish","data":"no topic"}',
      '{"type":"publish","topic":""}',
      '{"type":"publish","topic":["room"]}',
      `{"type":"publish","topic":"${'r'.repeat(300)}"}`,
      '{"type":"__proto__","topic":"room"}',
    ];
    for (const text of malformed) sender.send(text);
    sender.socket.send(Buffer.from(JSON.stringify({ type: 'publish', topic: 'room', data: 'binary' })), {
      binary: true,
    });
    await sender.roundTrip();

    expect(server.stats().droppedMessages).toBe(malformed.length + 1);
    expect(server.stats().topics).toBe(1); // the half-valid subscribe added nothing
    await listener.roundTrip();
    expect(listener.inbox).toEqual([]);
    expect(sender.inbox).toEqual([]);
    // No line per message: they are summed up in one line per interval (here: on close).
    expect(logged.filter((entry) => entry.level === 'warn')).toHaveLength(0);

    // Both are still served.
    sender.send({ type: 'publish', topic: 'room', data: 'still here' });
    expect(await listener.next()).toMatchObject({ data: 'still here', clients: 2 });
  });

  it('disconnects a client whose message is over the size limit, and serves the others', async () => {
    const server = await startServer({ maxMessageBytes: 1024 });
    const [big, listener] = await Promise.all([connect(server), connect(server)]);
    listener.send({ type: 'subscribe', topics: ['room'] });
    big.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([listener.roundTrip(), big.roundTrip()]);

    const justFits = JSON.stringify({ type: 'publish', topic: 'room', data: '' });
    const padding = 'x'.repeat(1024 - justFits.length);
    big.send({ type: 'publish', topic: 'room', data: padding });
    expect(await listener.next()).toMatchObject({ data: padding });

    big.send({ type: 'publish', topic: 'room', data: `${padding}x` });
    expect((await withTimeout(big.closed, 'the oversized sender to be closed')).code).toBe(1009);
    await listener.roundTrip();
    expect(listener.inbox).toEqual([]); // the oversized message was not relayed
    expect(server.stats().droppedMessages).toBe(1);
    await waitFor(() => server.stats().connections === 1, 'the oversized sender to be forgotten');

    listener.send({ type: 'publish', topic: 'room', data: 'alone' });
    expect(await listener.next()).toMatchObject({ data: 'alone', clients: 1 });
  });
});

describe('limits', () => {
  it('refuses connections over the limit with 1013 and a reason, and accepts again after one leaves', async () => {
    const server = await startServer({ maxConnections: 2 });
    const first = await connect(server);
    await connect(server);
    const extra = rawSocket(server);
    const refused = await withTimeout(closedPromise(extra), 'the extra connection to be refused');
    expect(refused.code).toBe(1013);
    expect(refused.reason).toMatch(/full/);
    expect(server.stats()).toMatchObject({ connections: 2, refusedConnections: 1 });

    first.socket.close();
    await waitFor(() => server.stats().connections === 1, 'a connection to leave');
    const replacement = await connect(server);
    await replacement.roundTrip();
    expect(server.stats().connections).toBe(2);
  });

  it('limits the topics one connection can follow', async () => {
    const server = await startServer({ maxTopicsPerConnection: 2 });
    const [greedy, other] = await Promise.all([connect(server), connect(server)]);
    greedy.send({ type: 'subscribe', topics: ['a', 'b', 'c'] });
    greedy.send({ type: 'subscribe', topics: ['a'] }); // already followed: no refusal
    other.send({ type: 'subscribe', topics: ['c'] });
    await Promise.all([greedy.roundTrip(), other.roundTrip()]);
    expect(server.stats()).toMatchObject({ topics: 3, refusedSubscriptions: 1 });

    // The refusal is answered, naming the topic and why.
    expect(await greedy.next()).toMatchObject({ type: 'refused', topic: 'c', reason: 'connection-limit' });
    other.send({ type: 'publish', topic: 'c', data: 'not for greedy' });
    expect(await other.next()).toMatchObject({ clients: 1 });
    await greedy.roundTrip();
    expect(greedy.inbox).toEqual([]);

    // Leaving one topic makes room for another.
    greedy.send({ type: 'unsubscribe', topics: ['a'] });
    greedy.send({ type: 'subscribe', topics: ['c'] });
    await greedy.roundTrip();
    other.send({ type: 'publish', topic: 'c', data: 'now for greedy' });
    expect(await greedy.next()).toMatchObject({ data: 'now for greedy', clients: 2 });
  });

  it('limits the number of topics on the server', async () => {
    const server = await startServer({ maxTopics: 3 });
    const [alice, bob] = await Promise.all([connect(server), connect(server)]);
    alice.send({ type: 'subscribe', topics: ['a', 'b', 'c'] });
    await alice.roundTrip();
    bob.send({ type: 'subscribe', topics: ['d', 'a'] });
    await bob.roundTrip();
    expect(server.stats()).toMatchObject({ topics: 3, refusedSubscriptions: 1 });
    expect(await bob.next()).toMatchObject({ type: 'refused', topic: 'd', reason: 'server-limit' });

    // Joining an existing topic is still possible.
    alice.send({ type: 'publish', topic: 'a', data: 'x' });
    expect(await bob.next()).toMatchObject({ clients: 2 });

    alice.send({ type: 'unsubscribe', topics: ['c'] });
    await alice.roundTrip();
    bob.send({ type: 'subscribe', topics: ['d'] });
    await bob.roundTrip();
    expect(server.stats()).toMatchObject({ topics: 3, refusedSubscriptions: 1 });
    expect(bob.inbox).toEqual([]);
  });

  it('rejects nonsensical options with a clear message', async () => {
    await expect(startSignalingServer({ host: '127.0.0.1', port: 70_000 })).rejects.toThrow(/0 to 65535/);
    await expect(startSignalingServer({ host: '', port: 0 })).rejects.toThrow(/host/);
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, maxConnections: 0 })).rejects.toThrow(/maxConnections/);
  });
});

describe('liveness', () => {
  it('terminates a connection that stops answering pings, and keeps one that answers', async () => {
    // Only the liveness interval is faked: each check runs when the test says, once the answering
    // client's pong has reached the server, so a stalled event loop cannot make it look silent.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const server = await startServer({ pingIntervalMs: 100 });
      const silent = await connect(server, { autoPong: false });
      const lively = await connect(server);
      for (let check = 1; check <= 5; check++) {
        const pinged = new Promise<void>((resolve) => lively.socket.once('ping', () => resolve()));
        vi.advanceTimersByTime(100);
        await withTimeout(pinged, `ping ${check}`);
        // ws answers a ping before it reports it, so this round trip follows the pong to the server.
        await lively.roundTrip();
        if (check === 1) expect(server.stats().timedOutConnections).toBe(0);
      }
      const closed = await withTimeout(silent.closed, 'the silent connection to be terminated');
      // Terminated without a close frame, at the second check; the answering client stays.
      expect(closed.code).toBe(1006);
      expect(lively.socket.readyState).toBe(WebSocket.OPEN);
      expect(server.stats()).toMatchObject({ connections: 1, timedOutConnections: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('start and close', () => {
  it('reports a port already in use clearly', async () => {
    const server = await startServer();
    const failure = await startSignalingServer({ host: '127.0.0.1', port: server.port }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SignalingServerStartError);
    expect((failure as SignalingServerStartError).code).toBe('EADDRINUSE');
    expect((failure as SignalingServerStartError).message).toMatch(/already in use/);
  });

  it('lists its address, and answers plain HTTP', async () => {
    const server = await startServer();
    expect(server.port).toBeGreaterThan(0);
    expect(server.host).toBe('127.0.0.1');
    expect(server.addresses()).toEqual([`ws://127.0.0.1:${server.port}`]);
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/Sitrep signaling server/);
  });

  it('close() closes every connection, including one that does not answer, and stops listening', async () => {
    const server = await startServer({ closeGraceMs: 100 });
    const [alice, bob, stuck] = await Promise.all([connect(server), connect(server), connect(server)]);
    alice.send({ type: 'subscribe', topics: ['room'] });
    await alice.roundTrip();
    stuck.socket.pause(); // will never read the close frame
    await withTimeout(server.close(), 'close()');
    expect((await withTimeout(alice.closed, 'alice to be closed')).code).toBe(1001);
    expect((await withTimeout(bob.closed, 'bob to be closed')).code).toBe(1001);
    stuck.socket.resume();
    await withTimeout(stuck.closed, 'the stuck client to be cut off');
    expect(server.stats()).toMatchObject({ connections: 0, topics: 0 });
    // close() twice is harmless.
    await server.close();

    const late = rawSocket(server);
    const refused = await withTimeout(closedPromise(late), 'a connection attempt after close');
    expect(refused.code).toBe(1006);
  });
});

describe('y-webrtc protocol compatibility', () => {
  it('relays exactly what y-webrtc signaling connections send, in the shape they read', async () => {
    const server = await startServer();
    const [peerA, peerB] = await Promise.all([connect(server), connect(server)]);
    const room = 'sitrep-0123456789abcdef0123456789abcdef';

    // SignalingConn on connect: subscribe to every open room, then announce in each.
    peerA.send({ type: 'subscribe', topics: [room] });
    peerB.send({ type: 'subscribe', topics: [room] });
    await Promise.all([peerA.roundTrip(), peerB.roundTrip()]);

    // Without a password the payload is an object ...
    const announce = { type: 'publish', topic: room, data: { type: 'announce', from: 'peer-a' } };
    peerA.send(announce);
    expect(await peerB.next()).toEqual({ ...announce, clients: 2 });
    expect(await peerA.next()).toEqual({ ...announce, clients: 2 });

    // ... with a password (Sitrep always sets one) it is a base64 string of the encrypted object.
    const signal = { type: 'publish', topic: room, data: 'AAdBRVMtR0NNDBI0VniavN7wEjRWeA==' };
    peerB.send(signal);
    expect(await peerA.next()).toEqual({ ...signal, clients: 2 });
    expect(await peerB.next()).toEqual({ ...signal, clients: 2 });

    // lib0's websocket client keeps the connection alive with a JSON ping.
    peerA.send({ type: 'ping' });
    expect(await peerA.next()).toEqual({ type: 'pong' });

    // WebrtcProvider.disconnect / destroy.
    peerB.send({ type: 'unsubscribe', topics: [room] });
    await peerB.roundTrip();
    peerA.send(announce);
    expect(await peerA.next()).toEqual({ ...announce, clients: 1 });
  });

  it('carries the real y-webrtc provider’s encrypted announce to another peer', async () => {
    const server = await startServer();
    const url = `ws://127.0.0.1:${server.port}`;
    const roomName = 'sitrep-room-under-test';
    const password = 'fedcba9876543210fedcba9876543210';

    const observer = await connect(server);
    observer.send({ type: 'subscribe', topics: [roomName] });
    await observer.roundTrip();

    // y-webrtc's signaling client uses the browser WebSocket; ws provides a compatible one.
    const globals = globalThis as { WebSocket?: unknown };
    const previousWebSocket = globals.WebSocket;
    globals.WebSocket = WebSocket;
    const Y = await import('yjs');
    const { WebrtcProvider } = await import('y-webrtc');
    const provider = new WebrtcProvider(roomName, new Y.Doc(), {
      signaling: [url],
      password,
      peerOpts: {},
    });
    try {
      const relayed = await observer.next();
      expect(relayed).toMatchObject({ type: 'publish', topic: roomName, clients: 2 });
      expect(typeof relayed.data).toBe('string');
      const announce = await decryptYWebrtcPayload(String(relayed.data), password, roomName);
      expect(announce).toEqual({ type: 'announce', from: provider.room?.peerId });
      expect(server.stats()).toMatchObject({ connections: 2, topics: 1, droppedMessages: 0 });
      // Leaving the room unsubscribes and closes the signaling connection.
      provider.disconnect();
      await waitFor(() => server.stats().connections === 1, 'the provider to disconnect');
      expect(server.stats()).toMatchObject({ topics: 1, droppedMessages: 0 });
    } finally {
      provider.disconnect();
      provider.destroy();
      globals.WebSocket = previousWebSocket;
    }
  });
});

describe('pieces', () => {
  it('lists LAN IPv4 addresses and loopback when bound to every interface', () => {
    const interfaces = {
      lo: [
        { address: '127.0.0.1', family: 'IPv4', internal: true },
        { address: '::1', family: 'IPv6', internal: true },
      ],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
      wlan0: [{ address: '169.254.10.2', family: 'IPv4', internal: false }],
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
    } as unknown as Parameters<typeof signalingAddressesFor>[2];
    expect(signalingAddressesFor('0.0.0.0', 4444, interfaces)).toEqual([
      'ws://192.168.1.20:4444',
      'ws://172.17.0.1:4444',
      'ws://169.254.10.2:4444',
      'ws://127.0.0.1:4444',
    ]);
    expect(signalingAddressesFor('::', 4444, interfaces)).toContain('ws://127.0.0.1:4444');
    expect(signalingAddressesFor('192.168.1.20', 5555, interfaces)).toEqual(['ws://192.168.1.20:5555']);
    expect(signalingAddressesFor('::1', 5555, interfaces)).toEqual(['ws://[::1]:5555']);
  });

  it('keeps topic bookkeeping consistent', () => {
    const topics = new TopicSubscriptions<string>({ maxTopics: 2, maxTopicsPerConnection: 1, maxSubscriptionsPerAddress: 10 });
    expect(topics.subscribe('alice', 'a')).toBe('subscribed');
    expect(topics.subscribe('alice', 'a')).toBe('already-subscribed');
    expect(topics.subscribe('alice', 'b')).toBe('connection-limit');
    expect(topics.subscribe('bob', 'b')).toBe('subscribed');
    expect(topics.subscribe('carol', 'c')).toBe('server-limit');
    expect(topics.subscribe('carol', 'a')).toBe('subscribed');
    expect([...topics.subscribers('a')]).toEqual(['alice', 'carol']);
    topics.removeConnection('alice');
    topics.removeConnection('carol');
    expect(topics.topicCount).toBe(1);
    expect(topics.subscribe('carol', 'c')).toBe('subscribed');
  });

  it('counts subscriptions per address across connections, and frees them when they go', () => {
    // Connections are named "address/n" here.
    const topics = new TopicSubscriptions<string>({ maxTopics: 10, maxTopicsPerConnection: 5, maxSubscriptionsPerAddress: 2 }, (c) =>
      c.slice(0, c.indexOf('/')),
    );
    expect(topics.subscribe('x/1', 'a')).toBe('subscribed');
    expect(topics.subscribe('x/2', 'b')).toBe('subscribed');
    expect(topics.subscribe('x/2', 'c')).toBe('address-limit');
    expect(topics.subscribe('y/1', 'c')).toBe('subscribed');
    topics.unsubscribe('x/2', 'zzz'); // not followed: changes nothing
    expect(topics.subscriptionsFrom('x')).toBe(2);
    topics.removeConnection('x/1');
    expect(topics.subscriptionsFrom('x')).toBe(1);
    expect(topics.subscribe('x/2', 'c')).toBe('subscribed');
  });

  it('reads publish messages whole so that y-webrtc fields pass through', () => {
    const parsed = parseSignalingMessage({ type: 'publish', topic: 't', data: { a: 1 }, extra: true });
    expect(parsed).toEqual({
      ok: true,
      message: { type: 'publish', topic: 't', message: { type: 'publish', topic: 't', data: { a: 1 }, extra: true } },
    });
  });
});

/** y-webrtc's crypto (src/crypto.js), redone here so the test checks the wire format itself. */
async function decryptYWebrtcPayload(base64: string, secret: string, roomName: string): Promise<unknown> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', salt: encoder.encode(roomName), iterations: 100_000, hash: 'SHA-256' },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const envelope = decoding.createDecoder(new Uint8Array(Buffer.from(base64, 'base64')));
  expect(decoding.readVarString(envelope)).toBe('AES-GCM');
  const iv = decoding.readVarUint8Array(envelope);
  const cipher = decoding.readVarUint8Array(envelope);
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher));
  return decoding.readAny(decoding.createDecoder(plain));
}
