// One connection to a signaling server (signalingSocket.ts): it reconnects after a failure with a
// growing pause, pings while connected, starts again when the server goes quiet, and hands on
// only what parses. Time is Vitest's fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingSocket, type SocketLike } from '../../src/renderer/sync/rooms/signalingSocket';

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

function setup() {
  const sockets: FakeSocket[] = [];
  const events = { opened: 0, changed: 0, messages: [] as unknown[] };
  const logged: string[] = [];
  const socket = new SignalingSocket(
    'ws://127.0.0.1:4444',
    { opened: () => (events.opened += 1), changed: () => (events.changed += 1), message: (message) => events.messages.push(message) },
    () => {
      const made = new FakeSocket();
      sockets.push(made);
      return made;
    },
    (message) => logged.push(message),
  );
  return { socket, sockets, events, logged };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SignalingSocket', () => {
  it('counts failed attempts and tries again after a growing pause, then reports the connection', () => {
    const { socket, sockets, events } = setup();
    expect(sockets).toHaveLength(1);
    sockets[0]!.onerror?.();
    sockets[0]!.onclose?.();
    expect(socket.failures).toBe(1);
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.onclose?.();
    expect(socket.failures).toBe(2);
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sockets[2]!.onopen?.();
    expect(socket).toMatchObject({ connected: true, failures: 0 });
    expect(events.opened).toBe(1);
    expect(events.changed).toBe(3);
    socket.close();
  });

  it('pings while connected and starts again when the server has gone quiet for 30 s', () => {
    const { socket, sockets, logged } = setup();
    sockets[0]!.onopen?.();
    vi.advanceTimersByTime(15_000);
    expect(sockets[0]!.sent).toEqual([{ type: 'ping' }]);
    vi.advanceTimersByTime(15_000);
    expect(socket.connected).toBe(true);
    vi.advanceTimersByTime(15_000);
    expect(sockets[0]!.closed).toBe(true);
    expect(socket.connected).toBe(false);
    expect(logged).toEqual([expect.stringMatching(/went quiet; reconnecting/)]);
    // At once (Node's timers wait at least 1 ms).
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    socket.close();
  });

  it('hands on parsed messages, logs a frame that is not JSON, and keeps a pong as a sign of life', () => {
    const { socket, sockets, events, logged } = setup();
    sockets[0]!.onopen?.();
    sockets[0]!.onmessage?.({ data: '{"type":"publish","topic":"t","data":"x"}' });
    sockets[0]!.onmessage?.({ data: 'not json' });
    sockets[0]!.onmessage?.({ data: new Uint8Array(3) });
    expect(events.messages).toEqual([{ type: 'publish', topic: 't', data: 'x' }]);
    expect(logged).toEqual([expect.stringMatching(/not JSON/)]);
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(15_000);
      sockets[0]!.onmessage?.({ data: '{"type":"pong"}' });
    }
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('stops for good on close: no more attempts, nothing sent', () => {
    const { socket, sockets } = setup();
    sockets[0]!.onopen?.();
    socket.close();
    expect(sockets[0]!.closed).toBe(true);
    expect(socket.send({ type: 'ping' })).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});
