// The room manager: plain open and close (the incident's session counts its lifetime), one room
// per room id, and a status a person can read.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomAlreadyOpenError, RoomInUseError, RoomManager, type RoomConfig } from '../../src/renderer/sync/rooms/roomManager';
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
  const rooms = new RoomManager({ createProvider: providers.factory });
  managers.push(rooms);
  return { rooms, made: providers.made };
}
afterEach(() => {
  for (const m of managers) m.closeAll();
  managers = [];
});

describe('RoomManager', () => {
  it('opens a room once and ends it on close; opening again makes a new one', () => {
    const { rooms, made } = manager();
    const doc = new Y.Doc();
    const handle = rooms.open(doc, config);
    expect(made).toHaveLength(1);
    expect(rooms.openRooms()).toBe(1);
    rooms.close(handle);
    expect(made[0]!.destroyed).toBe(true);
    expect(rooms.openRooms()).toBe(0);
    // Closing again (after closeAll at shutdown, say) does nothing.
    rooms.close(handle);
    rooms.open(doc, config);
    expect(made).toHaveLength(2);
  });

  it('refuses a second open of a room that is open, with a clear error', () => {
    const { rooms, made } = manager();
    const doc = new Y.Doc();
    rooms.open(doc, config);
    expect(() => rooms.open(doc, config)).toThrow(RoomAlreadyOpenError);
    expect(() => rooms.open(doc, config)).toThrow(/already open for this incident; close it before opening it again/);
    expect(() => rooms.open(new Y.Doc(), config)).toThrow(RoomInUseError);
    expect(() => rooms.open(new Y.Doc(), config)).toThrow(/already open for another incident/);
    expect(made).toHaveLength(1);
  });

  it('passes the room config and a guard that outlives the room', () => {
    const { rooms, made } = manager();
    const doc = new Y.Doc();
    const handle = rooms.open(doc, { ...config, iceServers: [{ urls: 'stun:127.0.0.1:3478' }] });
    expect(made[0]!.config.secret).toBe(config.secret);
    expect(made[0]!.config.iceServers).toEqual([{ urls: 'stun:127.0.0.1:3478' }]);
    rooms.close(handle);
    rooms.open(doc, config);
    expect(made[1]!.context.guard).toBe(made[0]!.context.guard);
    expect(made[1]!.awareness).toBe(made[0]!.awareness);
  });

  it('reports signaling connecting, connected, unreachable and none', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const provider = made[0]!;
    expect(handle.status()).toMatchObject({ signaling: 'connecting', peers: 0, offline: true });

    let notified = 0;
    handle.subscribe(() => (notified += 1));
    provider.set({
      servers: [
        { url: config.signaling[0]!, connected: true, failures: 0 },
        { url: config.signaling[1]!, connected: false, failures: 0 },
      ],
    });
    expect(handle.status()).toMatchObject({ signaling: 'connected', offline: false });
    expect(notified).toBe(1);
    // The same state again is no news.
    provider.set({});
    expect(notified).toBe(1);

    provider.set({
      servers: [
        { url: config.signaling[0]!, connected: false, failures: 2 },
        { url: config.signaling[1]!, connected: false, failures: 1 },
      ],
    });
    expect(handle.status()).toMatchObject({ signaling: 'unreachable', offline: true });
    expect(handle.status().servers.map((s) => s.failures)).toEqual([2, 1]);

    const alone = rooms.open(new Y.Doc(), { ...config, roomId: 'c'.repeat(32), signaling: [] });
    expect(alone.status().signaling).toBe('none');
  });

  it('counts connected peers, is online with a peer even without signaling, and shows foreign signals', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const provider = made[0]!;
    provider.set({ peers: 1, synced: true });
    expect(handle.status()).toMatchObject({ peers: 1, synced: true, offline: false });
    provider.set({ peers: 2, synced: false, foreignSignals: 3 });
    expect(handle.status()).toMatchObject({ peers: 2, synced: false, foreignSignals: 3 });
  });

  it('goes offline on request and comes back with a fresh connection on reconnect', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const provider = made[0]!;
    provider.set({ peers: 1, synced: true });
    handle.disconnect();
    expect(handle.status()).toMatchObject({ paused: true, offline: true, peers: 0, servers: [] });
    expect(provider.disconnects).toBe(1);

    handle.reconnect();
    expect(provider.connects).toBe(2);
    expect(handle.status().paused).toBe(false);
    expect(handle.status().servers.map((s) => s.url)).toEqual(config.signaling);
  });

  it("hands out the room's app channels by name, the same one for each call and across a reconnect", () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    const channel = handle.appChannel('attachments');
    expect(channel).toBe(made[0]!.channels.get('attachments'));
    handle.reconnect();
    expect(handle.appChannel('attachments')).toBe(channel);
    expect(handle.appChannel('room-key')).not.toBe(channel);
  });

  it('stops listening to the room when it ends and clears our presence', () => {
    const { rooms, made } = manager();
    const handle = rooms.open(new Y.Doc(), config);
    handle.awareness.setLocalState({ name: 'Avery' });
    expect(made[0]!.listenerCount()).toBe(1);
    rooms.close(handle);
    expect(made[0]!.listenerCount()).toBe(0);
    expect(handle.awareness.getLocalState()).toBeNull();
  });
});
