// Proves every lan:* IPC argument from the renderer is validated with a clear message before the
// LAN host sees it, and that the handlers hand validated arguments to the LanHost.
import { describe, expect, it, vi } from 'vitest';
import { ipcArgumentValidators, IpcArgumentError } from '../../src/main/ipc-validators';
import { createLanIpcHandlers } from '../../src/main/lan/ipc-handlers';
import type { LanHost } from '../../src/main/lan/lan-host';

const ROOM = '0123456789abcdef0123456789abcdef';
const v = ipcArgumentValidators;
const hostRequest = { roomId: ROOM, title: 'Checkout down', hostName: 'Ada' };

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
      discover: vi.fn(async () => []),
      signalingUrls: vi.fn(() => []),
      listeningPort: vi.fn(() => null),
      settings: vi.fn(async () => ({ signalingPort: 4444, discoveryEnabled: true })),
      updateSettings: vi.fn(async () => ({ signalingPort: 4500, discoveryEnabled: true })),
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
