// The room manager: one provider per room whatever React does, and a status a person can read.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomInUseError, RoomManager, type RoomConfig } from '../../src/renderer/sync/rooms/roomManager';
import { fakeProviders } from './support/fakeRoomProvider';

const config: RoomConfig = {
  roomId: 'a'.repeat(32),
  secret: 'b'.repeat(32),
  signaling: ['ws://127.0.0.1:4444', 'ws://192.0.2.10:4444'],
  iceServers: [],
};

let managers: RoomManager[] = [];
function manager() {
  const providers = fakeProviders();
  const rooms = new RoomManager({ createProvider: providers.factory, statusIntervalMs: 60_000 });
  managers.push(rooms);
  return { rooms, made: providers.made };
}
afterEach(() => {
  managers.forEach((m) => m.closeAll());
  managers = [];
});

describe('RoomManager', () => {
  it('opens one provider per room, shared by every open, ended by the last close', () => {
    const { rooms, made } = manager();
    const doc = new Y.Doc();
    const first = rooms.open(doc, config);
    const second = rooms.open(doc, config);
    expect(second).toBe(first);
    expect(made).toHaveLength(1);
    rooms.close(first);
    expect(made[0]!.destroyed).toBe(false);
    rooms.close(second);
    expect(made[0]!.destroyed).toBe(true);
    expect(rooms.openRooms()).toBe(0);
    // Opening again after the last close makes a new provider.
    rooms.open(doc, config);
    expect(made).toHaveLength(2);
  });

  it('refuses the same room for another document with a clear error', () => {
    const { rooms } = manager();
    rooms.open(new Y.Doc(), config);
    expect(() => rooms.open(new Y.Doc(), config)).toThrow(RoomInUseError);
    expect(() => rooms.open(new Y.Doc(), config)).toThrow(/already open for another incident/);
  });

  it('passes the secret as password material and the configured ICE servers only', () => {
    const { rooms, made } = manager();
    rooms.open(new Y.Doc(), { ...config, iceServers: [{ urls: 'stun:127.0.0.1:3478' }] });
    expect(made[0]!.config.secret).toBe(config.secret);
    expect(made[0]!.config.iceServers).toEqual([{ urls: 'stun:127.0.0.1:3478' }]);
  });

  it('reports signaling connecting, connected, unreachable and none', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const provider = made[0]!;
    expect(handle.status()).toMatchObject({ signaling: 'connecting', peers: 0, offline: true });

    let notified = 0;
    handle.subscribe(() => (notified += 1));
    provider.conn(config.signaling[0]!).connected = true;
    provider.conn(config.signaling[0]!).emit('connect');
    expect(handle.status()).toMatchObject({ signaling: 'connected', offline: false });
    expect(notified).toBe(1);

    provider.conn(config.signaling[0]!).connected = false;
    provider.conn(config.signaling[0]!).unsuccessfulReconnects = 2;
    provider.conn(config.signaling[1]!).unsuccessfulReconnects = 1;
    provider.conn(config.signaling[0]!).emit('disconnect');
    expect(handle.status()).toMatchObject({ signaling: 'unreachable', offline: true });
    expect(handle.status().servers.map((s) => s.failures)).toEqual([2, 1]);

    const alone = rooms.open(new Y.Doc(), { ...config, roomId: 'c'.repeat(32), signaling: [] });
    expect(alone.status().signaling).toBe('none');
  });

  it('counts only open peer connections and is online with a peer even without signaling', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const provider = made[0]!;
    provider.room.webrtcConns.set('p1', { connected: true, synced: true });
    provider.room.webrtcConns.set('p2', { connected: false, synced: false });
    provider.emit('peers');
    expect(handle.status()).toMatchObject({ peers: 1, synced: true, offline: false });
    provider.room.webrtcConns.set('p2', { connected: true, synced: false });
    provider.emit('peers');
    expect(handle.status()).toMatchObject({ peers: 2, synced: false });
  });

  it('goes offline on request and comes back with a fresh connection on reconnect', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const provider = made[0]!;
    provider.room.webrtcConns.set('p1', { connected: true, synced: true });
    handle.disconnect();
    expect(handle.status()).toMatchObject({ paused: true, offline: true, peers: 0, servers: [] });
    expect(provider.disconnects).toBe(1);

    handle.reconnect();
    expect(provider.connects).toBe(2);
    expect(handle.status().paused).toBe(false);
    // The list now holds old and new connections per address; the status shows each address once.
    expect(provider.signalingConns).toHaveLength(4);
    expect(handle.status().servers.map((s) => s.url)).toEqual(config.signaling);
    provider.conn(config.signaling[1]!).connected = true;
    provider.conn(config.signaling[1]!).emit('connect');
    expect(handle.status().signaling).toBe('connected');
  });

  it('stops listening to shared signaling connections when the room ends', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const conn = made[0]!.conn(config.signaling[0]!);
    expect(conn.listenerCount()).toBe(2);
    rooms.close(handle);
    expect(conn.listenerCount()).toBe(0);
    expect(handle.awareness.getLocalState()).toBeNull();
  });
});
