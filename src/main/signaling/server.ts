// The signaling server responders' y-webrtc providers meet through: the incident commander's laptop
// runs it on the local network. It speaks y-webrtc's protocol (node_modules/y-webrtc/bin/server.js)
// but bounds everything a stranger on the network could use to exhaust it, and survives any input.
// Limits are per connection and per sender address first, so that one client (or one web page in
// a browser on the network) can never use up what the honest responders need; the global limits
// are only a last resort. A flooder loses its own messages and then its connection; a receiver
// that is behind misses messages but is never cut off because of what others sent it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { signalingAddressesFor } from './addresses';
import { LogSummary, type SummaryEvent } from './logSummary';
import { parseSignalingFrame, refusedMessage, type SignalingMessage } from './messages';
import { addressKey, isOwnAppOrigin, isThisMachine, parseAllowedOrigin } from './peerAddress';
import { MessageBudget, TokenBucket, type BucketRate, type Clock } from './rateLimit';
import { TopicSubscriptions } from './topics';

export type SignalingLogLevel = 'info' | 'warn' | 'error';
export type SignalingLog = (level: SignalingLogLevel, message: string) => void;

export interface SignalingServerOptions {
  /** Interface to bind: 127.0.0.1 for this machine only, 0.0.0.0 for the local network. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly maxMessageBytes?: number;
  /** Last resort: every connection together. One address alone never reaches it. */
  readonly maxConnections?: number;
  readonly maxConnectionsPerAddress?: number;
  readonly maxTopicsPerConnection?: number;
  /** Subscriptions all connections from one address may hold together. */
  readonly maxSubscriptionsPerAddress?: number;
  /** Last resort: distinct topics on the server. */
  readonly maxTopics?: number;
  /** Messages one connection may send: a burst, then a steady rate. */
  readonly connectionMessageRate?: BucketRate;
  readonly connectionByteRate?: BucketRate;
  /** The same, shared by every connection from one address. */
  readonly addressMessageRate?: BucketRate;
  readonly addressByteRate?: BucketRate;
  /** How many over-rate messages a connection may send (refilling slowly) before it is closed. */
  readonly floodTolerance?: BucketRate;
  /**
   * Browser origins allowed besides the app's own (no Origin, "null" or "file://" from the
   * desktop app's page, and pages on this machine's loopback), as scheme://host[:port].
   */
  readonly allowedOrigins?: readonly string[];
  /** Refusals and drops are summed up in one log line per this interval. */
  readonly logIntervalMs?: number;
  /**
   * Connections from this machine (127.0.0.1, ::1) skip the per-address and rate limits (true by
   * default): they are the commander's own app. The Origin check and the global caps still apply.
   */
  readonly trustThisMachine?: boolean;
  /** The clock the rate limits read (milliseconds); tests pass a fake one. */
  readonly now?: Clock;
  /** A connection that has not answered the previous ping when the next one is due is dropped. */
  readonly pingIntervalMs?: number;
  /** A receiver that falls this far behind is dropped rather than buffered for without limit. */
  readonly maxBufferedBytes?: number;
  /** How long close() waits for clients to acknowledge before cutting them off. */
  readonly closeGraceMs?: number;
  /** Defaults to warnings and errors on the console. */
  readonly log?: SignalingLog;
}

export interface SignalingServerStats {
  readonly connections: number;
  readonly topics: number;
  /** Malformed, binary, unknown or oversized messages that were dropped unrelayed. */
  readonly droppedMessages: number;
  /** Connections closed with 1013 because the server, or the sender's address, was full. */
  readonly refusedConnections: number;
  /** WebSocket upgrades refused with 403 because a foreign web page asked. */
  readonly refusedOrigins: number;
  /** Topics not subscribed because a topic limit was reached. */
  readonly refusedSubscriptions: number;
  /** Messages dropped because their sender (connection or address) was over its rate. */
  readonly rateLimitedMessages: number;
  /** Connections closed with 1008 for flooding past their tolerance. */
  readonly closedFlooders: number;
  /** Deliveries skipped because the receiver had not yet read what it was sent before. */
  readonly skippedDeliveries: number;
  /** Connections terminated for not answering pings. */
  readonly timedOutConnections: number;
}

export interface SignalingServer {
  readonly port: number;
  readonly host: string;
  /** The ws:// addresses responders can use (for a join code). */
  addresses(): string[];
  close(): Promise<void>;
  stats(): SignalingServerStats;
}

/** Starting failed; `code` is Node's (EADDRINUSE, EACCES, EADDRNOTAVAIL, ...) when there is one. */
export class SignalingServerStartError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'SignalingServerStartError';
  }
}

/** WebSocket close codes this server uses (RFC 6455 section 7.4 and the IANA registry). */
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_TRY_AGAIN_LATER = 1013;

/** A signaling message is an SDP offer or answer (a few KiB) or an ICE candidate; 64 KiB is ample. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/**
 * A laptop opens one connection per signaling address (at most 8 in a join code) per open room;
 * 32 lets it keep four rooms open at once, and keeps one address to 1/16 of the server.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 32;
/** Last resort. Each connection may buffer MAX_BUFFERED_BYTES, so this bounds memory to ~512 MiB. */
export const MAX_CONNECTIONS = 512;
/** A connection follows one topic per room; 32 rooms open on one laptop is already far-fetched. */
export const MAX_TOPICS_PER_CONNECTION = 32;
/** Four rooms' worth of connections each following a few topics; 1/8 of the server's topics. */
export const MAX_SUBSCRIPTIONS_PER_ADDRESS = 128;
/** Last resort; a topic costs a map entry, so this guards memory, not fairness. */
export const MAX_TOPICS = 1024;
/**
 * A commander joining a room of 30 sends an offer or answer and ~10 ICE candidates per peer
 * within a second or two (~330 messages); 500 at once covers that, then 50 a second.
 */
export const CONNECTION_MESSAGE_RATE: BucketRate = Object.freeze({ capacity: 500, perSecond: 50 });
/** SDP and candidates are small: 1 MiB at once, then 256 KiB a second, per connection. */
export const CONNECTION_BYTE_RATE: BucketRate = Object.freeze({ capacity: 1024 * 1024, perSecond: 256 * 1024 });
/** Shared by one address's connections: two rooms joining at full speed at the same moment. */
export const ADDRESS_MESSAGE_RATE: BucketRate = Object.freeze({ capacity: 1000, perSecond: 100 });
export const ADDRESS_BYTE_RATE: BucketRate = Object.freeze({ capacity: 2 * 1024 * 1024, perSecond: 512 * 1024 });
/**
 * An honest client over its rate (a burst of candidates) loses a few messages, which its
 * connection retries cover; one that goes on sending past 100 refused messages, beyond 2 a
 * second, is flooding and is closed.
 */
export const FLOOD_TOLERANCE: BucketRate = Object.freeze({ capacity: 100, perSecond: 2 });
/** A receiver this far behind misses messages (it is not cut off: the flood is not its fault). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** One summary line a minute at most, however much a stranger makes the server refuse. */
export const LOG_INTERVAL_MS = 60_000;
/** A subscribe message can carry thousands of topics; only this many refusals are answered. */
export const MAX_REFUSAL_REPLIES_PER_MESSAGE = 8;

const DEFAULTS = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  maxConnections: MAX_CONNECTIONS,
  maxConnectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
  maxTopicsPerConnection: MAX_TOPICS_PER_CONNECTION,
  maxSubscriptionsPerAddress: MAX_SUBSCRIPTIONS_PER_ADDRESS,
  maxTopics: MAX_TOPICS,
  pingIntervalMs: 30_000,
  maxBufferedBytes: MAX_BUFFERED_BYTES,
  closeGraceMs: 1_000,
  logIntervalMs: LOG_INTERVAL_MS,
} as const;

const RATE_DEFAULTS = {
  connectionMessageRate: CONNECTION_MESSAGE_RATE,
  connectionByteRate: CONNECTION_BYTE_RATE,
  addressMessageRate: ADDRESS_MESSAGE_RATE,
  addressByteRate: ADDRESS_BYTE_RATE,
  floodTolerance: FLOOD_TOLERANCE,
} as const;

type Settings = Required<Omit<SignalingServerOptions, 'log' | 'now' | 'allowedOrigins' | 'trustThisMachine'>>;

interface Sender {
  connections: number;
  readonly budget: MessageBudget;
}

interface Connection {
  readonly socket: WebSocket;
  readonly remote: string;
  /** The per-address key (the IPv4 address, or the IPv6 /64). */
  readonly address: string;
  /** From this machine: no per-address or rate limits (see trustThisMachine). */
  readonly trusted: boolean;
  /** What its subscriptions count against: its address, or itself when trusted. */
  readonly subscriptionKey: string;
  readonly sender: Sender;
  readonly budget: MessageBudget;
  readonly tolerance: TokenBucket;
  answeredLastPing: boolean;
  /** Set once the server has decided to close it: nothing it sends is handled any more. */
  closing: boolean;
}

export async function startSignalingServer(options: SignalingServerOptions): Promise<SignalingServer> {
  const settings: Settings = {
    host: options.host,
    port: options.port,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
    maxConnections: options.maxConnections ?? DEFAULTS.maxConnections,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? DEFAULTS.maxConnectionsPerAddress,
    maxTopicsPerConnection: options.maxTopicsPerConnection ?? DEFAULTS.maxTopicsPerConnection,
    maxSubscriptionsPerAddress: options.maxSubscriptionsPerAddress ?? DEFAULTS.maxSubscriptionsPerAddress,
    maxTopics: options.maxTopics ?? DEFAULTS.maxTopics,
    pingIntervalMs: options.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
    closeGraceMs: options.closeGraceMs ?? DEFAULTS.closeGraceMs,
    logIntervalMs: options.logIntervalMs ?? DEFAULTS.logIntervalMs,
    connectionMessageRate: options.connectionMessageRate ?? RATE_DEFAULTS.connectionMessageRate,
    connectionByteRate: options.connectionByteRate ?? RATE_DEFAULTS.connectionByteRate,
    addressMessageRate: options.addressMessageRate ?? RATE_DEFAULTS.addressMessageRate,
    addressByteRate: options.addressByteRate ?? RATE_DEFAULTS.addressByteRate,
    floodTolerance: options.floodTolerance ?? RATE_DEFAULTS.floodTolerance,
  };
  validateSettings(settings);
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map(parseAllowedOrigin));
  const log: SignalingLog = options.log ?? consoleLog;
  const now: Clock = options.now ?? (() => performance.now());
  const summary = new LogSummary(settings.logIntervalMs, (line) => log('warn', line));

  const connections = new Map<WebSocket, Connection>();
  const senders = new Map<string, Sender>();
  const subscriptions = new TopicSubscriptions<Connection>(settings, (connection) => connection.subscriptionKey);
  const trustThisMachine = options.trustThisMachine ?? true;
  let trustedConnections = 0;
  const counters = {
    droppedMessages: 0,
    refusedConnections: 0,
    refusedOrigins: 0,
    refusedSubscriptions: 0,
    rateLimitedMessages: 0,
    closedFlooders: 0,
    skippedDeliveries: 0,
    timedOutConnections: 0,
  };
  let closing: Promise<void> | null = null;
  const note = (event: SummaryEvent, address: string, count = 1): void => summary.note(event, address, count);

  // Event handlers run this so that no input, however odd, can throw out of them and take the
  // main process down.
  const guarded =
    <A extends unknown[]>(what: string, handler: (...args: A) => void) =>
    (...args: A): void => {
      try {
        handler(...args);
      } catch (error) {
        log('error', `Signaling server: unexpected failure while ${what}: ${describe(error)}`);
      }
    };

  const dropMessage = (connection: Connection, _problem: string): void => {
    counters.droppedMessages++;
    note('malformed-message', connection.address);
  };

  /**
   * Sends unless a relayed message finds the receiver behind: then it misses that message, and
   * stays connected. Answers to its own requests (pong, refused) are tiny, bounded by its own
   * rate, and always sent.
   */
  const send = (receiver: Connection, text: string, relayed = false): void => {
    const { socket } = receiver;
    if (socket.readyState !== WebSocket.OPEN || receiver.closing) return;
    if (relayed && socket.bufferedAmount > settings.maxBufferedBytes) {
      counters.skippedDeliveries++;
      note('lagging-receiver-skipped', receiver.address);
      return;
    }
    socket.send(text, (error) => {
      if (error) log('info', `Signaling server: could not send to ${receiver.remote}: ${describe(error)}`);
    });
  };

  const closeFlooder = (connection: Connection): void => {
    connection.closing = true;
    counters.closedFlooders++;
    note('flooder-closed', connection.address);
    // It hears nothing more either, at once; the slots it held are freed when it is gone.
    subscriptions.removeConnection(connection);
    connection.socket.close(CLOSE_POLICY_VIOLATION, 'Sitrep signaling server: sending too fast');
    setTimeout(() => connection.socket.terminate(), settings.closeGraceMs).unref();
  };

  /** Whether the sender may send this message now; spends its budget when it may. */
  const withinRate = (connection: Connection, size: number): boolean => {
    if (connection.trusted) return true;
    if (connection.budget.allows(size) && connection.sender.budget.allows(size)) {
      connection.budget.spend(size);
      connection.sender.budget.spend(size);
      return true;
    }
    counters.rateLimitedMessages++;
    note('rate-limited-message', connection.address);
    if (!connection.tolerance.take()) closeFlooder(connection);
    return false;
  };

  const handleMessage = (connection: Connection, message: SignalingMessage): void => {
    switch (message.type) {
      case 'subscribe': {
        let replies = 0;
        for (const topic of message.topics) {
          const outcome = subscriptions.subscribe(connection, topic);
          if (outcome === 'subscribed' || outcome === 'already-subscribed') continue;
          counters.refusedSubscriptions++;
          note('subscription-refused', connection.address);
          if (replies++ < MAX_REFUSAL_REPLIES_PER_MESSAGE) send(connection, refusedMessage(topic, outcome));
        }
        break;
      }
      case 'unsubscribe':
        for (const topic of message.topics) subscriptions.unsubscribe(connection, topic);
        break;
      case 'publish': {
        // As y-webrtc's reference server: every subscriber gets it (the sender too, if it is
        // subscribed; y-webrtc ignores its own messages), with the subscriber count added.
        const receivers = subscriptions.subscribers(message.topic);
        if (receivers.size === 0) break;
        const text = JSON.stringify({ ...message.message, clients: receivers.size });
        for (const receiver of receivers) send(receiver, text, true);
        break;
      }
      case 'ping':
        send(connection, JSON.stringify({ type: 'pong' }));
        break;
    }
  };

  const acceptConnection = (socket: WebSocket, request: IncomingMessage): void => {
    const remote = `${request.socket.remoteAddress ?? 'unknown'}:${request.socket.remotePort ?? '?'}`;
    const address = addressKey(request.socket.remoteAddress);
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // ws has already closed the connection with 1009 (message too big).
        counters.droppedMessages++;
        note('oversized-message', address);
      } else {
        log('info', `Signaling server: connection error from ${remote}: ${describe(error)}`);
      }
    });
    if (closing !== null) {
      socket.close(CLOSE_GOING_AWAY, 'Sitrep signaling server is shutting down');
      return;
    }
    const trusted = trustThisMachine && isThisMachine(address);
    const known = senders.get(address);
    if (!trusted && (known?.connections ?? 0) >= settings.maxConnectionsPerAddress) {
      counters.refusedConnections++;
      note('connection-refused-address', address);
      socket.close(CLOSE_TRY_AGAIN_LATER, 'Sitrep signaling server: too many connections from your address');
      return;
    }
    if (connections.size >= settings.maxConnections) {
      counters.refusedConnections++;
      note('connection-refused-full', address);
      socket.close(CLOSE_TRY_AGAIN_LATER, 'Sitrep signaling server is full; try again later');
      return;
    }
    const sender: Sender = known ?? {
      connections: 0,
      budget: new MessageBudget(settings.addressMessageRate, settings.addressByteRate, now),
    };
    sender.connections++;
    senders.set(address, sender);
    const connection: Connection = {
      socket,
      remote,
      address,
      trusted,
      subscriptionKey: trusted ? `this machine #${++trustedConnections}` : address,
      sender,
      budget: new MessageBudget(settings.connectionMessageRate, settings.connectionByteRate, now),
      tolerance: new TokenBucket(settings.floodTolerance, now),
      answeredLastPing: true,
      closing: false,
    };
    connections.set(socket, connection);
    socket.on('pong', () => {
      connection.answeredLastPing = true;
    });
    socket.on(
      'message',
      guarded('reading a message', (data: RawData, isBinary: boolean) => {
        if (!connections.has(socket) || connection.closing) return;
        if (!withinRate(connection, frameBytes(data))) return;
        const parsed = parseSignalingFrame(data, isBinary);
        if (parsed.ok) handleMessage(connection, parsed.message);
        else dropMessage(connection, parsed.problem);
      }),
    );
    socket.on(
      'close',
      guarded('closing a connection', () => {
        if (!connections.delete(socket)) return;
        subscriptions.removeConnection(connection);
        sender.connections--;
        if (sender.connections === 0) senders.delete(address);
      }),
    );
  };

  const checkLiveness = (): void => {
    for (const connection of connections.values()) {
      if (!connection.answeredLastPing) {
        counters.timedOutConnections++;
        note('timed-out', connection.address);
        connection.socket.terminate();
        continue;
      }
      connection.answeredLastPing = false;
      try {
        connection.socket.ping();
      } catch (error) {
        log('info', `Signaling server: could not ping ${connection.remote}: ${describe(error)}`);
        connection.socket.terminate();
      }
    }
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  wss.on('connection', guarded('accepting a connection', acceptConnection));
  wss.on('error', (error) => log('error', `Signaling server: ${describe(error)}`));

  const http: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Sitrep signaling server. Connect with a WebSocket.\n');
  });
  http.on(
    'upgrade',
    guarded('upgrading a connection', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const origin = request.headers.origin;
      if (!isOwnAppOrigin(origin) && !allowedOrigins.has(origin ?? '')) {
        // A web page elsewhere (any browser on the network) may not use the server: refused
        // before the WebSocket exists, so it costs no connection slot.
        counters.refusedOrigins++;
        note('origin-refused', addressKey(request.socket.remoteAddress));
        socket.on('error', () => {});
        socket.end(
          'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n' +
            'Sitrep signaling server: web pages from this origin may not connect.\n',
        );
        return;
      }
      wss.handleUpgrade(request, socket, head, (webSocket) => wss.emit('connection', webSocket, request));
    }),
  );

  await listen(http, settings.host, settings.port);
  http.on('error', (error) => log('error', `Signaling server: ${describe(error)}`));
  const port = (http.address() as AddressInfo).port;
  const livenessTimer = setInterval(guarded('checking connections', checkLiveness), settings.pingIntervalMs);
  livenessTimer.unref();
  log('info', `Signaling server listening on ${settings.host}:${port}.`);

  const shutDown = async (): Promise<void> => {
    clearInterval(livenessTimer);
    summary.stop();
    // Stop accepting first, then ask every client to leave, then cut off whoever lingers.
    const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
    const sockets = [...wss.clients];
    const allClosed = Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) resolve();
            else socket.once('close', () => resolve());
          }),
      ),
    );
    for (const socket of sockets) socket.close(CLOSE_GOING_AWAY, 'Sitrep signaling server is shutting down');
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => {
      graceTimer = setTimeout(resolve, settings.closeGraceMs);
    });
    await Promise.race([allClosed, graceOver]);
    clearTimeout(graceTimer);
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    http.closeAllConnections();
    await httpClosed;
    // Whatever was counted while closing goes into a last summary line.
    summary.stop();
    log('info', `Signaling server on ${settings.host}:${port} closed.`);
  };

  return {
    port,
    host: settings.host,
    addresses: () => signalingAddressesFor(settings.host, port),
    close: () => (closing ??= shutDown()),
    stats: () => ({
      connections: connections.size,
      topics: subscriptions.topicCount,
      ...counters,
    }),
  };
}

function listen(http: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error & { code?: string }): void => {
      http.off('listening', onListening);
      reject(new SignalingServerStartError(startErrorMessage(host, port, error), error.code, { cause: error }));
    };
    const onListening = (): void => {
      http.off('error', onError);
      resolve();
    };
    http.once('error', onError);
    http.once('listening', onListening);
    http.listen(port, host);
  });
}

function startErrorMessage(host: string, port: number, error: Error & { code?: string }): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use: another signaling server or another program is running there. Stop it, or choose another port.`;
    case 'EACCES':
      return `Not allowed to listen on port ${port} on ${host}; choose a port above 1023.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine; choose one of its network addresses, 127.0.0.1 or 0.0.0.0.`;
    default:
      return `Could not start the signaling server on ${host}:${port}: ${error.message}`;
  }
}

function validateSettings(settings: Settings): void {
  if (typeof settings.host !== 'string' || settings.host.length === 0) {
    throw new RangeError('The signaling server needs a host to bind, such as 127.0.0.1 or 0.0.0.0.');
  }
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65_535) {
    throw new RangeError(`The signaling server port must be a whole number from 0 to 65535, not ${String(settings.port)}.`);
  }
  for (const name of [
    'maxMessageBytes',
    'maxConnections',
    'maxConnectionsPerAddress',
    'maxTopicsPerConnection',
    'maxSubscriptionsPerAddress',
    'maxTopics',
    'pingIntervalMs',
    'maxBufferedBytes',
    'closeGraceMs',
    'logIntervalMs',
  ] as const) {
    const value = settings[name];
    if (!Number.isInteger(value) || value < (name === 'closeGraceMs' ? 0 : 1)) {
      throw new RangeError(`The signaling server option ${name} must be a positive whole number, not ${String(value)}.`);
    }
  }
  for (const name of ['connectionMessageRate', 'connectionByteRate', 'addressMessageRate', 'addressByteRate', 'floodTolerance'] as const) {
    const { capacity, perSecond } = settings[name] ?? {};
    if (typeof capacity !== 'number' || typeof perSecond !== 'number' || !(capacity >= 1) || !(perSecond > 0)) {
      throw new RangeError(`The signaling server option ${name} needs a capacity of at least 1 and a positive perSecond.`);
    }
  }
  // A byte budget smaller than the largest message would refuse that message forever.
  for (const name of ['connectionByteRate', 'addressByteRate'] as const) {
    if (settings[name].capacity < settings.maxMessageBytes) {
      throw new RangeError(`The signaling server option ${name} must hold at least one message of maxMessageBytes.`);
    }
  }
}

function frameBytes(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

function consoleLog(level: SignalingLogLevel, message: string): void {
  if (level === 'error') console.error(message);
  else if (level === 'warn') console.warn(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
