// One connection to a signaling server, kept open: it reconnects after a failure with a growing
// pause, pings the server, and gives up on a connection that has gone quiet. The protocol is
// y-webrtc's (JSON text frames: subscribe, unsubscribe, publish, ping and pong); what arrives is
// parsed here and handed on as `unknown` for the room to validate.

/** The parts of a browser WebSocket this uses (Node tests and benches pass `ws`'s). */
export interface SocketLike {
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onerror: (() => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  send(text: string): void;
  close(): void;
}

export type OpenSocket = (url: string) => SocketLike;

/** The global WebSocket (the browser's; in Node tests and benches, `ws` installed as the global). */
export const openBrowserSocket: OpenSocket = (url) => {
  const socket = new WebSocket(url);
  const like: SocketLike = {
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
    send: (text) => socket.send(text),
    close: () => socket.close(),
  };
  socket.onopen = () => like.onopen?.();
  socket.onclose = () => like.onclose?.();
  socket.onerror = () => like.onerror?.();
  socket.onmessage = (event: MessageEvent<unknown>) => like.onmessage?.({ data: event.data });
  return like;
};

export interface SignalingSocketEvents {
  /** Connected, or lost the connection, or another attempt failed. */
  changed(): void;
  /** Just connected: subscribe and announce. */
  opened(): void;
  message(message: unknown): void;
}

/**
 * An attempt that has not opened by then failed: a server on a network this laptop left does not
 * answer at all, and the browser would wait minutes before saying so.
 */
export const SIGNALING_CONNECT_TIMEOUT_MS = 10_000;
/** A ping every 15 s; 30 s without a word from the server and the connection counts as dead. */
const PING_MS = 15_000;
const QUIET_MS = 30_000;
/**
 * Waits after 1, 2, 3… failures in a row: quick at first (the server may be starting), then
 * doubling to every 15 s, so a laptop that left for good costs little. A wake or a network
 * change does not wait for it (retryNow).
 */
export const SIGNALING_RETRY_MS: readonly number[] = Object.freeze([250, 1000, 2000, 4000, 8000, 15_000]);

export class SignalingSocket {
  connected = false;
  /** Failed attempts in a row; 0 once connected. */
  failures = 0;
  /** When the next attempt is due (epoch ms, Date.now's clock) while one waits, else null. */
  nextAttemptAt: number | null = null;
  private socket: SocketLike | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  /** The running attempt's timeout, and when it started. */
  private opening: ReturnType<typeof setTimeout> | null = null;
  private openingSince = 0;
  private readonly keepAlive: ReturnType<typeof setInterval>;
  private lastHeard = 0;
  private closed = false;

  constructor(
    readonly url: string,
    private readonly events: SignalingSocketEvents,
    private readonly open: OpenSocket = openBrowserSocket,
    private readonly log: (message: string) => void = (message) => console.warn(message),
  ) {
    this.keepAlive = setInterval(() => this.checkAlive(), PING_MS);
    this.attempt();
  }

  /** Sends one protocol message; false when not connected (the room announces again on connect). */
  send(message: Record<string, unknown>): boolean {
    if (!this.connected || !this.socket) return false;
    try {
      this.socket.send(JSON.stringify(message));
      return true;
    } catch (error) {
      this.log(`Sitrep: could not send to the signaling server ${this.url}: ${describe(error)}`);
      return false;
    }
  }

  /**
   * After a wake from sleep or a network change: a connection that is down is tried at once
   * rather than after its pause; one that seems up is pinged, so a dead one shows within the
   * quiet bound instead of lingering.
   */
  retryNow(): void {
    if (this.closed) return;
    if (this.connected) {
      this.send({ type: 'ping' });
      return;
    }
    if (this.socket) {
      // An attempt is under way; one begun a while ago may be stuck on the old network: start afresh.
      if (Date.now() - this.openingSince < 2000) return;
      const stuck = this.socket;
      this.abandon(stuck);
    }
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.attempt();
    this.events.changed();
  }

  /** Closes for good: no more attempts. */
  close(): void {
    this.closed = true;
    clearInterval(this.keepAlive);
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.nextAttemptAt = null;
    this.stopOpening();
    const socket = this.socket;
    this.socket = null;
    this.connected = false;
    if (socket) {
      detach(socket);
      socket.close();
    }
  }

  private attempt(): void {
    this.retry = null;
    this.nextAttemptAt = null;
    if (this.closed) return;
    let socket: SocketLike;
    try {
      socket = this.open(this.url);
    } catch (error) {
      // The browser refuses some addresses outright (a malformed one, a blocked port).
      this.log(`Sitrep: cannot open the signaling address ${this.url}: ${describe(error)}`);
      this.failed();
      return;
    }
    this.socket = socket;
    this.openingSince = Date.now();
    this.opening = setTimeout(() => {
      if (this.socket !== socket || this.connected) return;
      this.log(`Sitrep: the signaling server ${this.url} did not answer within ${SIGNALING_CONNECT_TIMEOUT_MS / 1000} s`);
      this.abandon(socket);
      this.failed();
    }, SIGNALING_CONNECT_TIMEOUT_MS);
    socket.onopen = () => {
      this.stopOpening();
      this.connected = true;
      this.failures = 0;
      this.lastHeard = Date.now();
      this.events.opened();
      this.events.changed();
    };
    socket.onmessage = (event) => {
      this.lastHeard = Date.now();
      if (typeof event.data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        this.log(`Sitrep: ignored a signaling frame from ${this.url} that is not JSON`);
        return;
      }
      this.events.message(message);
    };
    // A failed connection reports an error and then a close; act once.
    socket.onerror = socket.onclose = () => {
      if (this.socket === socket) this.lost(socket);
    };
  }

  /** Gives up on an attempt that has not opened, without counting it (the caller decides). */
  private abandon(socket: SocketLike): void {
    this.stopOpening();
    detach(socket);
    if (this.socket === socket) this.socket = null;
    try {
      socket.close();
    } catch (error) {
      this.log(`Sitrep: could not close an attempt to ${this.url}: ${describe(error)}`);
    }
  }

  private stopOpening(): void {
    if (this.opening) clearTimeout(this.opening);
    this.opening = null;
  }

  private lost(socket: SocketLike): void {
    this.stopOpening();
    detach(socket);
    this.socket = null;
    if (!this.connected) {
      this.failed();
      return;
    }
    this.connected = false;
    this.schedule(0);
    this.events.changed();
  }

  private failed(): void {
    this.failures += 1;
    this.schedule(SIGNALING_RETRY_MS[Math.min(this.failures, SIGNALING_RETRY_MS.length) - 1]!);
    this.events.changed();
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.retry) return;
    this.nextAttemptAt = Date.now() + delayMs;
    this.retry = setTimeout(() => this.attempt(), delayMs);
  }

  private checkAlive(): void {
    if (!this.connected || !this.socket) return;
    if (Date.now() - this.lastHeard > QUIET_MS) {
      // The server or the path to it went away without a close; start again.
      this.log(`Sitrep: the signaling server ${this.url} went quiet; reconnecting`);
      const socket = this.socket;
      this.lost(socket);
      socket.close();
      return;
    }
    this.send({ type: 'ping' });
  }
}

function detach(socket: SocketLike): void {
  socket.onopen = socket.onclose = socket.onerror = socket.onmessage = null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
