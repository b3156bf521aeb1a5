// The signaling server under attack from the same network: one client holding thousands of
// connections and topics, flooders on a room's topic, web pages from foreign origins, and a
// flood of refusals that must not flood the log. All traffic stays on 127.0.0.x: each "machine"
// connects from its own loopback address (Linux routes all of 127/8 to the loopback interface).
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import { LogSummary } from '../../src/main/signaling/logSummary';
import { addressKey, isOwnAppOrigin, parseAllowedOrigin } from '../../src/main/signaling/peerAddress';
import { TokenBucket } from '../../src/main/signaling/rateLimit';
import {
  CONNECTION_MESSAGE_RATE,
  FLOOD_TOLERANCE,
  MAX_CONNECTIONS_PER_ADDRESS,
  MAX_SUBSCRIPTIONS_PER_ADDRESS,
  startSignalingServer,
  type SignalingLogLevel,
  type SignalingServer,
  type SignalingServerOptions,
} from '../../src/main/signaling/server';

// A safety net for waits on events that do come, never a bound on speed.
const WAIT_MS = 20_000;
const ATTACKER = '127.0.0.2';

type Json = Record<string, unknown>;

const servers: SignalingServer[] = [];
const sockets: WebSocket[] = [];
let logged: { level: SignalingLogLevel; message: string }[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  logged = [];
});

/** The rate limits read this clock; it stands still unless a test moves it, so no refill depends on speed. */
let clockMs = 0;

async function startServer(options: Partial<SignalingServerOptions> = {}): Promise<SignalingServer> {
  clockMs = 0;
  const server = await startSignalingServer({
    host: '127.0.0.1',
    port: 0,
    closeGraceMs: 200,
    // Long enough that only close() writes the summary line, unless a test asks otherwise.
    logIntervalMs: 3_600_000,
    now: () => clockMs,
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
  socket.on('error', () => {});
  return socket;
}

type Outcome = { opened: true } | { opened: false; code: number; reason: string } | { opened: false; status: number };

/** Whether a connection opens, or how it is refused (a close code, or an HTTP status before the upgrade). */
function attempt(socket: WebSocket): Promise<Outcome> {
  return withTimeout(
    new Promise<Outcome>((resolve) => {
      // A refusal after the upgrade comes as a close right after the open; an accepted
      // connection answers a ping, so the pong tells the two apart without a timer.
      socket.once('open', () => socket.send(JSON.stringify({ type: 'ping' })));
      socket.on('message', (data) => {
        if ((JSON.parse(data.toString()) as Json).type === 'pong') resolve({ opened: true });
      });
      socket.once('unexpected-response', (_request, response) => {
        resolve({ opened: false, status: response.statusCode ?? 0 });
        socket.terminate();
      });
      socket.once('close', (code, reason) => resolve({ opened: false, code, reason: reason.toString() }));
    }),
    'a connection attempt to settle',
  );
}

interface Client {
  readonly socket: WebSocket;
  readonly inbox: Json[];
  next(): Promise<Json>;
  send(message: unknown): void;
  /** Resolves once the server has handled everything sent before (a ping's pong comes back in order). */
  roundTrip(): Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
}

async function connect(server: SignalingServer, localAddress: string, options: ClientOptions = {}): Promise<Client> {
  const socket = rawSocket(server, { localAddress, ...options });
  const inbox: Json[] = [];
  const waiting: ((message: Json) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Json;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
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

function warnings(): string[] {
  return logged.filter((entry) => entry.level !== 'info').map((entry) => entry.message);
}

describe('one client cannot take the server away', () => {
  it('holding 2,000 connections and 10,000 topics, it leaves an honest pair relaying within 3 s', { timeout: 120_000 }, async () => {
    const server = await startServer();

    // 2,000 connection attempts from one address, in waves so the test's own client stays tame.
    const outcomes: Outcome[] = [];
    for (let wave = 0; wave < 20; wave++) {
      outcomes.push(...(await Promise.all(Array.from({ length: 100 }, () => attempt(rawSocket(server, { localAddress: ATTACKER }))))));
    }
    const held = outcomes.filter((outcome) => outcome.opened).length;
    expect(held).toBe(MAX_CONNECTIONS_PER_ADDRESS);
    const refusals = outcomes.filter((outcome): outcome is { opened: false; code: number; reason: string } => !outcome.opened);
    expect(refusals).toHaveLength(2_000 - MAX_CONNECTIONS_PER_ADDRESS);
    expect(refusals.every((outcome) => outcome.code === 1013 && /too many connections from your address/.test(outcome.reason))).toBe(true);

    // 10,000 topics over the connections it holds.
    const attackers = sockets.filter((socket) => socket.readyState === WebSocket.OPEN);
    expect(attackers).toHaveLength(MAX_CONNECTIONS_PER_ADDRESS);
    const perConnection = Math.ceil(10_000 / attackers.length);
    attackers.forEach((socket, index) => {
      const topics = Array.from({ length: perConnection }, (_, n) => `attack-${index}-${n}`).slice(0, 10_000 - index * perConnection);
      socket.send(JSON.stringify({ type: 'subscribe', topics }));
    });
    await waitFor(() => server.stats().refusedSubscriptions === 10_000 - MAX_SUBSCRIPTIONS_PER_ADDRESS, 'the 10,000 subscriptions');
    expect(server.stats()).toMatchObject({ topics: MAX_SUBSCRIPTIONS_PER_ADDRESS, connections: MAX_CONNECTIONS_PER_ADDRESS });

    // Two honest laptops, each from its own address, still connect, meet and relay.
    const [alice, bob] = await Promise.all([connect(server, '127.0.0.3'), connect(server, '127.0.0.4')]);
    alice.send({ type: 'subscribe', topics: ['room-of-the-responders'] });
    bob.send({ type: 'subscribe', topics: ['room-of-the-responders'] });
    await Promise.all([alice.roundTrip(), bob.roundTrip()]);
    expect(alice.inbox).toEqual([]); // nothing refused
    const sentAt = Date.now();
    alice.send({ type: 'publish', topic: 'room-of-the-responders', data: 'offer' });
    expect(await bob.next()).toMatchObject({ type: 'publish', data: 'offer', clients: 2 });
    expect(Date.now() - sentAt).toBeLessThan(3_000);

    // Ten thousand refusals make no log line until the summary, which is one line.
    expect(warnings()).toEqual([]);
    await server.close();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/1968 connection\(s\) refused: too many from one address/);
    expect(warnings()[0]).toMatch(/9872 subscription\(s\) refused/);
    expect(warnings()[0]).toMatch(/127\.0\.0\.2/);
  });

  it('refuses a 33rd connection from one address, not from another', async () => {
    const server = await startServer({ maxConnectionsPerAddress: 2 });
    await connect(server, ATTACKER);
    await connect(server, ATTACKER);
    expect(await attempt(rawSocket(server, { localAddress: ATTACKER }))).toMatchObject({ opened: false, code: 1013 });
    const other = await connect(server, '127.0.0.3');
    await other.roundTrip();
    expect(server.stats()).toMatchObject({ connections: 3, refusedConnections: 1 });
  });

  it('counts subscriptions per address across its connections, and answers each refusal', async () => {
    const server = await startServer({ maxSubscriptionsPerAddress: 3, maxTopicsPerConnection: 2 });
    const [first, second] = await Promise.all([connect(server, ATTACKER), connect(server, ATTACKER)]);
    first.send({ type: 'subscribe', topics: ['a', 'b'] });
    await first.roundTrip();
    second.send({ type: 'subscribe', topics: ['c', 'd'] });
    await second.roundTrip();
    expect(second.inbox).toEqual([expect.objectContaining({ type: 'refused', topic: 'd', reason: 'address-limit' })]);
    expect(String(second.inbox[0]?.message)).toMatch(/your address/);
    expect(first.inbox).toEqual([]);
    // Another laptop is not held back by the first one's use.
    const honest = await connect(server, '127.0.0.3');
    honest.send({ type: 'subscribe', topics: ['d', 'e'] });
    await honest.roundTrip();
    expect(honest.inbox).toEqual([]);
    // Leaving frees the address's allowance.
    first.socket.close();
    await waitFor(() => server.stats().connections === 2, 'the first connection to leave');
    second.send({ type: 'subscribe', topics: ['d'] });
    await second.roundTrip();
    expect(second.inbox.slice(1)).toEqual([]);
  });
});

describe('this machine', () => {
  it('is not held to per-address or rate limits (the commander’s own app), unless told otherwise', async () => {
    // Three connections of two topics each: over both per-address caps had they applied.
    const server = await startServer({ maxConnectionsPerAddress: 2, maxSubscriptionsPerAddress: 2 });
    const own = await Promise.all([1, 2, 3].map(() => connect(server, '127.0.0.1')));
    for (const client of own) client.send({ type: 'subscribe', topics: ['room', 'other'] });
    for (let i = 0; i < CONNECTION_MESSAGE_RATE.capacity + FLOOD_TOLERANCE.capacity + 10; i++) {
      own[0]!.send({ type: 'publish', topic: 'nobody-here', data: i });
    }
    await Promise.all(own.map((client) => client.roundTrip()));
    expect(server.stats()).toMatchObject({ connections: 3, refusedConnections: 0, refusedSubscriptions: 0, rateLimitedMessages: 0 });
    // Still checked for origin.
    expect(await attempt(rawSocket(server, { localAddress: '127.0.0.1', origin: 'https://evil.example' }))).toEqual({
      opened: false,
      status: 403,
    });

    const strict = await startServer({ maxConnectionsPerAddress: 2, trustThisMachine: false });
    await connect(strict, '127.0.0.1');
    await connect(strict, '127.0.0.1');
    expect(await attempt(rawSocket(strict, { localAddress: '127.0.0.1' }))).toMatchObject({ opened: false, code: 1013 });
  });
});

describe('flooders on a room’s topic', () => {
  it('close the flooders and keep an honest reader connected and receiving the honest messages', { timeout: 60_000 }, async () => {
    const server = await startServer();
    const reader = await connect(server, '127.0.0.3');
    const honest = await connect(server, '127.0.0.4');
    const flooders = await Promise.all([5, 6, 7, 8].map((n) => connect(server, `127.0.0.${n}`)));
    for (const client of [reader, honest, ...flooders]) client.send({ type: 'subscribe', topics: ['room'] });
    await Promise.all([reader, honest, ...flooders].map((client) => client.roundTrip()));

    let fromFlooders = 0;
    const fromHonest: unknown[] = [];
    reader.socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Json;
      if (message.from === 'honest') fromHonest.push(message.data);
      else if (message.from === 'flooder') fromFlooders++;
    });

    // Each flooder sends 1,000 messages as fast as it can; the honest peer sends a few in between.
    // Small messages, so what does get through stays far below what the reader's side buffers.
    const padding = 'x'.repeat(200);
    for (let i = 0; i < 1_000; i++) {
      for (const flooder of flooders) flooder.send({ type: 'publish', topic: 'room', from: 'flooder', data: padding });
      if (i % 100 === 0) honest.send({ type: 'publish', topic: 'room', from: 'honest', data: `during ${i}` });
    }
    const closes = await withTimeout(Promise.all(flooders.map((flooder) => flooder.closed)), 'the flooders to be closed');
    expect(closes.every((close) => close.code === 1008 && /too fast/.test(close.reason))).toBe(true);

    // After the flood, everything the honest peer sends arrives, and the reader was never dropped.
    for (let i = 0; i < 5; i++) honest.send({ type: 'publish', topic: 'room', from: 'honest', data: `after ${i}` });
    await waitFor(() => fromHonest.filter((data) => String(data).startsWith('after')).length === 5, 'the honest messages');
    expect(reader.socket.readyState).toBe(WebSocket.OPEN);
    // The clock stood still: each flooder got through exactly its burst, no more.
    expect(fromFlooders).toBeLessThanOrEqual(4 * CONNECTION_MESSAGE_RATE.capacity);
    expect(server.stats()).toMatchObject({ closedFlooders: 4, rateLimitedMessages: 4 * (FLOOD_TOLERANCE.capacity + 1) });
    // The honest peer's messages sent during the flood arrived too (its own budget was never touched).
    expect(fromHonest.filter((data) => String(data).startsWith('during'))).toHaveLength(10);
  });

  it('a reader that stops reading misses messages but is not disconnected for what others sent it', { timeout: 60_000 }, async () => {
    // The sender here is allowed to send fast: this is about the receiver's side.
    const generous = { capacity: 64 * 1024 * 1024, perSecond: 1024 * 1024 };
    const server = await startServer({
      maxBufferedBytes: 64 * 1024,
      connectionByteRate: generous,
      addressByteRate: generous,
      connectionMessageRate: { capacity: 10_000, perSecond: 100 },
      addressMessageRate: { capacity: 10_000, perSecond: 100 },
    });
    const reader = await connect(server, '127.0.0.3');
    const sender = await connect(server, '127.0.0.4');
    reader.send({ type: 'subscribe', topics: ['room'] });
    await reader.roundTrip();
    reader.socket.pause();
    const padding = 'y'.repeat(16 * 1024);
    // 32 MiB: more than the kernel's socket buffers on both ends can hold for a reader that does not read.
    for (let i = 0; i < 2_000; i++) sender.send({ type: 'publish', topic: 'room', data: padding });
    await sender.roundTrip();
    await waitFor(() => server.stats().skippedDeliveries > 0, 'deliveries to the paused reader to be skipped');
    reader.socket.resume();
    await reader.roundTrip();
    expect(reader.socket.readyState).toBe(WebSocket.OPEN);
    reader.inbox.length = 0;
    sender.send({ type: 'publish', topic: 'room', data: 'still here' });
    expect(await reader.next()).toMatchObject({ data: 'still here' });
  });
});

describe('web pages', () => {
  it('refuses a page from a foreign origin before the WebSocket exists, and allows the app’s own', async () => {
    const server = await startServer({ allowedOrigins: ['https://sitrep.example.org'] });
    for (const origin of ['https://evil.example', 'http://192.168.1.9:5173', 'http://localhost.evil.example', 'chrome-extension://abc']) {
      expect(await attempt(rawSocket(server, { origin }))).toEqual({ opened: false, status: 403 });
    }
    expect(server.stats()).toMatchObject({ refusedOrigins: 4, connections: 0 });
    // The desktop app's file page ("null" or "file://"), a non-browser client, the dev server, a configured origin.
    for (const origin of ['null', 'file://', undefined, 'http://localhost:5173', 'http://127.0.0.1:4183', 'https://sitrep.example.org']) {
      expect(await attempt(rawSocket(server, origin === undefined ? {} : { origin }))).toEqual({ opened: true });
    }
    expect(server.stats().connections).toBe(6);
    await server.close();
    expect(warnings()).toEqual([expect.stringMatching(/4 web page connection\(s\) from a foreign origin refused/)]);
  });

  it('reads origins given on the command line strictly', () => {
    expect(parseAllowedOrigin('https://sitrep.example.org/')).toBe('https://sitrep.example.org');
    expect(parseAllowedOrigin('http://10.0.0.5:8080')).toBe('http://10.0.0.5:8080');
    expect(() => parseAllowedOrigin('sitrep.example.org')).toThrow(/not an origin/);
    expect(() => parseAllowedOrigin('https://sitrep.example.org/app')).toThrow(/only those/);
    expect(() => parseAllowedOrigin('ftp://x.org')).toThrow(/http or https/);
    expect(isOwnAppOrigin('http://127.0.0.1:5173')).toBe(true);
    expect(isOwnAppOrigin('http://[::1]:5173')).toBe(true);
    expect(isOwnAppOrigin('http://127.0.0.1.nip.io')).toBe(false);
    expect(isOwnAppOrigin('garbage')).toBe(false);
  });
});

describe('logs', () => {
  it('writes one summary line per interval however many refusals it counts', async () => {
    const server = await startServer({ logIntervalMs: 100, maxTopicsPerConnection: 1 });
    const client = await connect(server, ATTACKER);
    // 5,000 refusals in one message: counted in one go, summed up in one line.
    client.send({ type: 'subscribe', topics: Array.from({ length: 5_001 }, (_, n) => `t${n}`) });
    await client.roundTrip();
    await waitFor(() => warnings().length > 0, 'the summary line');
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^Signaling server: 5000 subscription\(s\) refused\. From 127\.0\.0\.2 \(5000\)\.$/);
    // Only the first 8 refusals of the message were answered.
    expect(client.inbox.filter((message) => message.type === 'refused')).toHaveLength(8);
    await server.close();
    expect(warnings()).toHaveLength(1); // nothing new to say on close
  });

  it('names at most three senders and counts the rest', () => {
    const lines: string[] = [];
    const summary = new LogSummary(3_600_000, (line) => lines.push(line));
    for (const [address, count] of [
      ['a', 5],
      ['b', 4],
      ['c', 3],
      ['d', 2],
      ['e', 1],
    ] as const)
      summary.note('malformed-message', address, count);
    summary.stop();
    expect(lines).toEqual(['Signaling server: 15 malformed message(s) dropped. From a (5), b (4), c (3) and 2 more.']);
  });
});

describe('pieces', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(addressKey('192.168.1.7')).toBe('192.168.1.7');
    expect(addressKey('::ffff:192.168.1.7')).toBe('192.168.1.7');
    expect(addressKey('fe80::1:2:3:4%en0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('2001:db8:aa:bb:1::9')).toBe('2001:db8:aa:bb::/64');
    expect(addressKey('2001:db8:aa:bb:ffff:1:2:3')).toBe(addressKey('2001:0db8:00aa:00bb::1'));
    expect(addressKey('::1')).toBe('::1');
    expect(addressKey('::2')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('a token bucket spends its burst, then refills at its rate and never beyond its capacity', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 3, perSecond: 2 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now += 500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now -= 10_000; // a clock stepping back refills nothing
    expect(bucket.take()).toBe(false);
  });

  it('refuses rate limits that could never pass a full-size message', async () => {
    await expect(
      startSignalingServer({ host: '127.0.0.1', port: 0, maxMessageBytes: 2048, connectionByteRate: { capacity: 1024, perSecond: 1024 } }),
    ).rejects.toThrow(/connectionByteRate/);
    await expect(startSignalingServer({ host: '127.0.0.1', port: 0, floodTolerance: { capacity: 0, perSecond: 1 } })).rejects.toThrow(
      /floodTolerance/,
    );
  });
});
