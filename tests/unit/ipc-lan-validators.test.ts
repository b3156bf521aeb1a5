// Proves every lan:* IPC argument from the renderer is validated with a clear message before the
// LAN host sees it, and that the handlers hand validated arguments to the LanHost.
import { describe, expect, it, vi } from 'vitest';
import { ipcArgumentValidators, IpcArgumentError } from '../../src/main/ipc-validators';
import { createLanIpcHandlers } from '../../src/main/lan/ipc-handlers';
import type { LanHost } from '../../src/main/lan/lan-host';

const ROOM = '0123456789abcdef0123456789abcdef';
const v = ipcArgumentValidators;
const hostRequest = { roomId: ROOM, title: 'Checkout down', hostName: 'Ada' };
const STATUS = {
  roomId: ROOM,
  hosting: true,
  hostingEnabled: true,
  hostingChoice: 'role' as const,
  role: null,
  addresses: ['ws://127.0.0.1:4444'],
  discoverable: false,
  announceTitle: false,
  discoveryEnabled: true,
};

describe('lan:host-room', () => {
  it('accepts a room id, a title and a host name', () => {
    expect(v['lan:host-room']([hostRequest])).toEqual([hostRequest]);
    expect(v['lan:host-room']([{ ...hostRequest, title: '' }])).toEqual([{ ...hostRequest, title: '' }]);
  });

  it.each([
    [[], /expected 1 argument, got 0/],
    [[hostRequest, hostRequest], /expected 1 argument, got 2/],
    [[ROOM], /the host request must be an object, got string/],
    [[null], /must be an object, got null/],
    [[{ ...hostRequest, roomId: 42 }], /roomId must be a string, got number/],
    [[{ ...hostRequest, roomId: ROOM.toUpperCase() }], /roomId must be 32 lowercase hex characters/],
    [[{ ...hostRequest, roomId: `${ROOM}0` }], /roomId is 33 characters long; the limit is 32/],
    [[{ ...hostRequest, roomId: '../../etc/passwd' }], /roomId must be 32 lowercase hex characters/],
    [[{ ...hostRequest, title: 'x'.repeat(201) }], /title is 201 characters long; the limit is 200/],
    [[{ ...hostRequest, title: undefined }], /title must be a string, got undefined/],
    [[{ ...hostRequest, hostName: 'x'.repeat(101) }], /hostName is 101 characters long; the limit is 100/],
    [[{ ...hostRequest, secret: 'abc' }], /unexpected field\(s\): secret/],
  ])('rejects %j', (raw, message) => {
    expect(() => v['lan:host-room'](raw)).toThrow(IpcArgumentError);
    expect(() => v['lan:host-room'](raw)).toThrow(message);
    expect(() => v['lan:host-room'](raw)).toThrow(/^lan:host-room: /);
  });
});

describe('lan:stop-hosting', () => {
  it('accepts a room id', () => {
    expect(v['lan:stop-hosting']([{ roomId: ROOM }])).toEqual([{ roomId: ROOM }]);
  });

  it.each([
    [[ROOM], /the request must be an object, got string/],
    [[{ roomId: 'abc' }], /roomId must be 32 lowercase hex characters, got "abc"/],
    [[{ roomId: ROOM, all: true }], /unexpected field\(s\): all/],
    [[], /expected 1 argument, got 0/],
  ])('rejects %j', (raw, message) => {
    expect(() => v['lan:stop-hosting'](raw)).toThrow(message);
  });
});

describe('lan:hosting-status and lan:set-room-hosting', () => {
  it('accept a room id, and a change of hosting and of the announced title', () => {
    expect(v['lan:hosting-status']([{ roomId: ROOM }])).toEqual([{ roomId: ROOM }]);
    expect(v['lan:set-room-hosting']([{ roomId: ROOM, hosting: false }])).toEqual([{ roomId: ROOM, hosting: false }]);
    expect(v['lan:set-room-hosting']([{ roomId: ROOM, announceTitle: true, hosting: true }])).toEqual([
      { roomId: ROOM, hosting: true, announceTitle: true },
    ]);
  });

  it.each([
    [[{ roomId: 'abc', hosting: false }], /roomId must be 32 lowercase hex characters/],
    [[{ roomId: ROOM, hosting: 'no' }], /hosting must be true or false, got string/],
    [[{ roomId: ROOM, announceTitle: 1 }], /announceTitle must be true or false, got number/],
    [[{ roomId: ROOM, title: 'x' }], /unexpected field\(s\): title/],
    [[], /expected 1 argument, got 0/],
  ])('set-room-hosting rejects %j', (raw, message) => {
    expect(() => v['lan:set-room-hosting'](raw)).toThrow(message);
    expect(() => v['lan:set-room-hosting'](raw)).toThrow(/^lan:set-room-hosting: /);
  });

  it('hosting-status rejects anything but one room id', () => {
    expect(() => v['lan:hosting-status']([{ roomId: ROOM, extra: 1 }])).toThrow(/unexpected field/);
    expect(() => v['lan:hosting-status']([])).toThrow(/expected 1 argument/);
  });
});

describe('lan:discover', () => {
  it('takes an optional whole number of milliseconds', () => {
    expect(v['lan:discover']([])).toEqual([]);
    expect(v['lan:discover']([undefined])).toEqual([]);
    expect(v['lan:discover']([2000])).toEqual([2000]);
    expect(v['lan:discover']([100])).toEqual([100]);
    expect(v['lan:discover']([15_000])).toEqual([15_000]);
  });

  it.each([
    [[99], /from 100 to 15000, got 99/],
    [[15_001], /got 15001/],
    [[1.5], /whole number/],
    [[Number.NaN], /whole number/],
    [['2000'], /got "2000"/],
    [[{ timeoutMs: 2000 }], /whole number/],
    [[1000, 2000], /expected at most 1 argument, got 2/],
  ])('rejects %j', (raw, message) => {
    expect(() => v['lan:discover'](raw)).toThrow(message);
    expect(() => v['lan:discover'](raw)).toThrow(/^lan:discover: /);
  });
});

describe('lan settings', () => {
  it('lan:settings takes no arguments', () => {
    expect(v['lan:settings']([])).toEqual([]);
    expect(() => v['lan:settings']([{}])).toThrow('lan:settings: expected 0 arguments, got 1');
  });

  it('lan:update-settings accepts either field or both', () => {
    expect(v['lan:update-settings']([{ signalingPort: 4500 }])).toEqual([{ signalingPort: 4500 }]);
    expect(v['lan:update-settings']([{ discoveryEnabled: false }])).toEqual([{ discoveryEnabled: false }]);
    expect(v['lan:update-settings']([{ signalingPort: 65_535, discoveryEnabled: true }])).toEqual([
      { signalingPort: 65_535, discoveryEnabled: true },
    ]);
  });

  it.each([
    [[{ signalingPort: 80 }], /The signaling port must be from 1024 to 65535, not 80\./],
    [[{ signalingPort: 70_000 }], /not 70000/],
    [[{ signalingPort: '4444' }], /must be a whole number, not "4444"/],
    [[{ signalingPort: 4444.5 }], /must be a whole number/],
    [[{ discoveryEnabled: 'off' }], /discoveryEnabled must be true or false, got string/],
    [[{ bindHost: '0.0.0.0' }], /unexpected field\(s\): bindHost/],
    [[null], /the settings changes must be an object, got null/],
    [[], /expected 1 argument, got 0/],
  ])('lan:update-settings rejects %j', (raw, message) => {
    expect(() => v['lan:update-settings'](raw)).toThrow(message);
    expect(() => v['lan:update-settings'](raw)).toThrow(/^lan:update-settings: /);
  });
});

describe('lan handlers', () => {
  function fakeLanHost() {
    return {
      hostRoom: vi.fn(async () => ({ signalingUrls: ['ws://127.0.0.1:4444'], discoverable: true })),
      withdraw: vi.fn(async () => {}),
      withdrawAll: vi.fn(async () => {}),
      hostingStatus: vi.fn(async (roomId: string) => ({ ...STATUS, roomId })),
      setRoomHosting: vi.fn(async ({ roomId }: { roomId: string }) => ({ ...STATUS, roomId, hosting: false, hostingEnabled: false })),
      discover: vi.fn(async () => []),
      signalingUrls: vi.fn(() => []),
      listeningPort: vi.fn(() => null),
      settings: vi.fn(async () => ({ signalingPort: 4444, discoveryEnabled: true })),
      updateSettings: vi.fn(async () => ({ signalingPort: 4500, discoveryEnabled: true })),
      checkAddresses: vi.fn(() => {}),
      close: vi.fn(async () => {}),
    } satisfies LanHost;
  }

  it('hand each validated call to the LanHost', async () => {
    const lanHost = fakeLanHost();
    const handlers = createLanIpcHandlers(lanHost);
    await expect(handlers['lan:host-room'](hostRequest)).resolves.toEqual({
      signalingUrls: ['ws://127.0.0.1:4444'],
      discoverable: true,
    });
    expect(lanHost.hostRoom).toHaveBeenCalledWith(hostRequest);
    await handlers['lan:stop-hosting']({ roomId: ROOM });
    expect(lanHost.withdraw).toHaveBeenCalledWith(ROOM);
    await expect(handlers['lan:hosting-status']({ roomId: ROOM })).resolves.toMatchObject({ roomId: ROOM, hosting: true });
    expect(lanHost.hostingStatus).toHaveBeenCalledWith(ROOM);
    await expect(handlers['lan:set-room-hosting']({ roomId: ROOM, hosting: false })).resolves.toMatchObject({ hostingEnabled: false });
    expect(lanHost.setRoomHosting).toHaveBeenCalledWith({ roomId: ROOM, hosting: false });
    await handlers['lan:discover'](1500);
    expect(lanHost.discover).toHaveBeenCalledWith(1500);
    await handlers['lan:settings']();
    await handlers['lan:update-settings']({ signalingPort: 4500 });
    expect(lanHost.updateSettings).toHaveBeenCalledWith({ signalingPort: 4500 });
  });

  it('say plainly when no LanHost was given', () => {
    const handlers = createLanIpcHandlers(undefined);
    expect(() => handlers['lan:discover']()).toThrow('The local network host is not running in this window.');
  });
});
