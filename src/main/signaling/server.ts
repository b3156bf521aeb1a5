// The signaling server responders' y-webrtc providers meet through: the incident commander's laptop
// runs it on the local network. It speaks y-webrtc's protocol (node_modules/y-webrtc/bin/server.js)
// but bounds everything a stranger on the network could use to exhaust it, and survives any input.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { signalingAddressesFor } from './addresses';
import { parseSignalingFrame, type SignalingMessage } from './messages';
import { TopicSubscriptions } from './topics';

export type SignalingLogLevel = 'info' | 'warn' | 'error';
export type SignalingLog = (level: SignalingLogLevel, message: string) => void;

export interface SignalingServerOptions {
  /** Interface to bind: 127.0.0.1 for this machine only, 0.0.0.0 for the local network. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly maxMessageBytes?: number;
  readonly maxConnections?: number;
  readonly maxTopicsPerConnection?: number;
  readonly maxTopics?: number;
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
  /** Connections closed with 1013 because the server was full. */
  readonly refusedConnections: number;
  /** Topics not subscribed because a topic limit was reached. */
  readonly refusedSubscriptions: number;
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
export const CLOSE_TRY_AGAIN_LATER = 1013;

const DEFAULTS = {
  maxMessageBytes: 64 * 1024,
  maxConnections: 256,
  maxTopicsPerConnection: 32,
  maxTopics: 1024,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  closeGraceMs: 1_000,
} as const;

type Settings = Required<Omit<SignalingServerOptions, 'log'>>;

interface Connection {
  readonly socket: WebSocket;
  readonly remote: string;
  answeredLastPing: boolean;
  /** Only the first dropped message of a connection is logged; the rest are counted. */
  reportedDroppedMessage: boolean;
}

export async function startSignalingServer(options: SignalingServerOptions): Promise<SignalingServer> {
  const settings: Settings = {
    host: options.host,
    port: options.port,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
    maxConnections: options.maxConnections ?? DEFAULTS.maxConnections,
    maxTopicsPerConnection: options.maxTopicsPerConnection ?? DEFAULTS.maxTopicsPerConnection,
    maxTopics: options.maxTopics ?? DEFAULTS.maxTopics,
    pingIntervalMs: options.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
    closeGraceMs: options.closeGraceMs ?? DEFAULTS.closeGraceMs,
  };
  validateSettings(settings);
  const log: SignalingLog = options.log ?? consoleLog;

  const connections = new Map<WebSocket, Connection>();
  const subscriptions = new TopicSubscriptions<Connection>(settings);
  const counters = {
    droppedMessages: 0,
    refusedConnections: 0,
    refusedSubscriptions: 0,
    timedOutConnections: 0,
  };
  let closing: Promise<void> | null = null;

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

  const dropMessage = (connection: Connection, problem: string): void => {
    counters.droppedMessages++;
    if (!connection.reportedDroppedMessage) {
      connection.reportedDroppedMessage = true;
      log('warn', `Signaling server: dropped a message from ${connection.remote} (${problem}); further ones from it are only counted.`);
    }
  };

  const send = (receiver: Connection, text: string): void => {
    const { socket } = receiver;
    if (socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > settings.maxBufferedBytes) {
      log('warn', `Signaling server: ${receiver.remote} is not reading its messages; disconnecting it.`);
      socket.terminate();
      return;
    }
    socket.send(text, (error) => {
      if (error) log('info', `Signaling server: could not send to ${receiver.remote}: ${describe(error)}`);
    });
  };

  const handleMessage = (connection: Connection, message: SignalingMessage): void => {
    switch (message.type) {
      case 'subscribe':
        for (const topic of message.topics) {
          const outcome = subscriptions.subscribe(connection, topic);
          if (outcome === 'connection-limit' || outcome === 'server-limit') {
            counters.refusedSubscriptions++;
            log(
              'warn',
              outcome === 'connection-limit'
                ? `Signaling server: ${connection.remote} already follows ${settings.maxTopicsPerConnection} rooms; refused another.`
                : `Signaling server: ${settings.maxTopics} rooms are open; refused a new one from ${connection.remote}.`,
            );
          }
        }
        break;
      case 'unsubscribe':
        for (const topic of message.topics) subscriptions.unsubscribe(connection, topic);
        break;
      case 'publish': {
        // As y-webrtc's reference server: every subscriber gets it (the sender too, if it is
        // subscribed; y-webrtc ignores its own messages), with the subscriber count added.
        const receivers = subscriptions.subscribers(message.topic);
        if (receivers.size === 0) break;
        const text = JSON.stringify({ ...message.message, clients: receivers.size });
        for (const receiver of receivers) send(receiver, text);
        break;
      }
      case 'ping':
        send(connection, JSON.stringify({ type: 'pong' }));
        break;
    }
  };

  const acceptConnection = (socket: WebSocket, request: IncomingMessage): void => {
    const remote = `${request.socket.remoteAddress ?? 'unknown'}:${request.socket.remotePort ?? '?'}`;
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        // ws has already closed the connection with 1009 (message too big).
        counters.droppedMessages++;
        log('warn', `Signaling server: ${remote} sent a message over ${settings.maxMessageBytes} bytes; disconnected it.`);
      } else {
        log('info', `Signaling server: connection error from ${remote}: ${describe(error)}`);
      }
    });
    if (closing !== null) {
      socket.close(CLOSE_GOING_AWAY, 'Sitrep signaling server is shutting down');
      return;
    }
    if (connections.size >= settings.maxConnections) {
      counters.refusedConnections++;
      log('warn', `Signaling server: full (${settings.maxConnections} connections); refused ${remote}.`);
      socket.close(CLOSE_TRY_AGAIN_LATER, 'Sitrep signaling server is full; try again later');
      return;
    }
    const connection: Connection = { socket, remote, answeredLastPing: true, reportedDroppedMessage: false };
    connections.set(socket, connection);
    socket.on('pong', () => {
      connection.answeredLastPing = true;
    });
    socket.on(
      'message',
      guarded('reading a message', (data: RawData, isBinary: boolean) => {
        if (!connections.has(socket)) return;
        const parsed = parseSignalingFrame(data, isBinary);
        if (parsed.ok) handleMessage(connection, parsed.message);
        else dropMessage(connection, parsed.problem);
      }),
    );
    socket.on(
      'close',
      guarded('closing a connection', () => {
        connections.delete(socket);
        subscriptions.removeConnection(connection);
      }),
    );
  };

  const checkLiveness = (): void => {
    for (const connection of connections.values()) {
      if (!connection.answeredLastPing) {
        counters.timedOutConnections++;
        log('info', `Signaling server: ${connection.remote} stopped answering; disconnecting it.`);
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
    'maxTopicsPerConnection',
    'maxTopics',
    'pingIntervalMs',
    'maxBufferedBytes',
    'closeGraceMs',
  ] as const) {
    const value = settings[name];
    if (!Number.isInteger(value) || value < (name === 'closeGraceMs' ? 0 : 1)) {
      throw new RangeError(`The signaling server option ${name} must be a positive whole number, not ${String(value)}.`);
    }
  }
}

function consoleLog(level: SignalingLogLevel, message: string): void {
  if (level === 'error') console.error(message);
  else if (level === 'warn') console.warn(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
