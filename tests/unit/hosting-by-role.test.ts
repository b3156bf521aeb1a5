// Every desktop member can host the room (issue 15, item 1): the IC and the deputy by default,
// anyone else once they switch it on, nobody for a resolved or closed incident. The role is read
// from the document by the renderer (IncidentNetwork.hostingRoleNow; the E2E
// p2p-hosting-by-role.spec.ts drives it through a real roster); the switch is kept per room by
// main, which hosts or withdraws accordingly. Also the IPC validators for the new fields and the preload's check of main's
// lan:hosting-changed event.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcArgumentValidators, IpcArgumentError } from '../../src/main/ipc-validators';
import { createLanHost, type LanHost } from '../../src/main/lan/lan-host';
import { LAN_SETTINGS_FILE_NAME } from '../../src/main/lan/settings';
import type { SignalingServer } from '../../src/main/signaling/server';
import { buildSitrepApi, readHostingChanged } from '../../src/preload/api';
import { hostingHint, shouldHostRoom } from '../../src/renderer/features/room/hostingByRole';
import { createBrowserPlatform } from '../../src/renderer/platform/browser';
import { createElectronPlatform } from '../../src/renderer/platform/electron';
import {
  hostsRoomByChoice,
  MAX_HOSTED_ROOMS_IN_EVENT,
  type HostingChanged,
  type HostingChoice,
  type HostingRole,
  type SitrepApi,
} from '../../src/shared/ipc';

const ROOM = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

describe('whether this laptop hosts', () => {
  const cases: [HostingRole, HostingChoice, boolean][] = [
    ['commander', 'role', true],
    ['deputy', 'role', true],
    ['member', 'role', false],
    ['member', 'on', true],
    ['commander', 'off', false],
    ['deputy', 'off', false],
    ['deputy', 'on', true],
  ];
  it.each(cases)('a %s whose switch is %s hosts: %s', (role, choice, hosts) => {
    expect(hostsRoomByChoice(choice, role)).toBe(hosts);
    for (const phase of ['declared', 'investigating', 'mitigating', 'monitoring', undefined]) {
      expect(shouldHostRoom({ phase, role, choice })).toBe(hosts);
    }
  });

  it('never for a resolved or closed incident, whatever the role or switch', () => {
    for (const phase of ['resolved', 'closed']) {
      for (const [role, choice] of cases) expect(shouldHostRoom({ phase, role, choice })).toBe(false);
      expect(hostingHint({ phase, role: 'commander', choice: 'on' })).toBe(
        `The incident is ${phase}: no laptop hosts it any more. Reopen it to host it again.`,
      );
    }
  });

  it('says why under the switch', () => {
    expect(hostingHint({ phase: 'investigating', role: 'deputy', choice: 'role' })).toMatch(/^On because you are the deputy/);
    expect(hostingHint({ phase: 'investigating', role: 'member', choice: 'role' })).toMatch(
      /^Off: the incident commander and the deputy host/,
    );
    expect(hostingHint({ phase: 'investigating', role: 'member', choice: 'on' })).toMatch(/^On: you switched it on/);
    expect(hostingHint({ phase: 'investigating', role: 'commander', choice: 'off' })).toMatch(
      /^Off: you switched it off, although the incident/,
    );
  });
});

describe('main hosts by role and switch', () => {
  let folder: string;
  const hosts: LanHost[] = [];
  let started: number;
  let closed: number;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sitrep-role-'));
    started = 0;
    closed = 0;
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.close()));
    await rm(folder, { recursive: true, force: true });
  });

  function stubServer(port: number): SignalingServer {
    started++;
    return {
      port,
      host: '127.0.0.1',
      addresses: () => [],
      close: async () => {
        closed++;
      },
    } as unknown as SignalingServer;
  }

  async function lanHost(): Promise<LanHost> {
    const host = createLanHost({
      settingsPath: join(folder, LAN_SETTINGS_FILE_NAME),
      startServer: async ({ port }) => stubServer(port),
      log: () => {},
    });
    hosts.push(host);
    await host.updateSettings({ discoveryEnabled: false });
    return host;
  }

  const request = (role?: HostingRole) => ({ roomId: ROOM, title: 'Checkout errors', hostName: 'Blake', ...(role ? { role } : {}) });
  const HOSTED = { signalingUrls: ['ws://127.0.0.1:4444'], discoverable: false };
  const NOT_HOSTED = { signalingUrls: [], discoverable: false };
  const choicesFile = async () => JSON.parse(await readFile(join(folder, 'lan-rooms.json'), 'utf8'));

  it('hosts for the IC and the deputy by default; a member starts nothing', async () => {
    const host = await lanHost();
    expect(await host.hostRoom(request('member'))).toEqual(NOT_HOSTED);
    expect(started).toBe(0);
    expect(await host.hostingStatus(ROOM)).toMatchObject({ hosting: false, hostingEnabled: false, hostingChoice: 'role', role: 'member' });
    expect(await host.hostRoom(request('deputy'))).toEqual(HOSTED);
    expect(await host.hostingStatus(ROOM)).toMatchObject({ hosting: true, hostingEnabled: true, role: 'deputy' });
    expect(await host.hostRoom(request('commander'))).toEqual(HOSTED);
    expect(started).toBe(1);
  });

  it('a deputy who is no longer one is withdrawn (the server stops); a request without a role keeps the last one', async () => {
    const host = await lanHost();
    await host.hostRoom(request('deputy'));
    expect(await host.hostRoom(request('member'))).toEqual(NOT_HOSTED);
    expect(closed).toBe(1);
    expect(host.listeningPort()).toBeNull();
    // An older caller (the room reconnecting) does not bring it back.
    expect(await host.hostRoom(request())).toEqual(NOT_HOSTED);
    expect(started).toBe(1);
  });

  it('a laptop never told a role hosts as the one that declared the incident did', async () => {
    const host = await lanHost();
    expect(await host.hostRoom(request())).toEqual(HOSTED);
    expect((await host.hostingStatus(ROOM)).role).toBeNull();
  });

  it('a member who switches it on hosts, kept across restarts; switching it off again goes back to following the role', async () => {
    const host = await lanHost();
    await host.hostRoom(request('member'));
    expect(await host.setRoomHosting({ roomId: ROOM, hosting: true })).toMatchObject({ hostingChoice: 'on', hostingEnabled: true });
    expect(await choicesFile()).toEqual({ rooms: { [ROOM]: { hosting: 'on', announceTitle: false } } });
    expect(await host.hostRoom(request('member'))).toEqual(HOSTED);
    await host.close();

    const restarted = await lanHost();
    expect(await restarted.hostRoom(request('member'))).toEqual(HOSTED);
    expect(await restarted.setRoomHosting({ roomId: ROOM, hosting: false })).toMatchObject({
      hosting: false,
      hostingChoice: 'role',
      hostingEnabled: false,
    });
    expect(await choicesFile()).toEqual({ rooms: {} });
    // Named deputy later: the role now says host.
    expect(await restarted.hostRoom(request('deputy'))).toEqual(HOSTED);
  });

  it('an IC who switches it off is withdrawn and stays off as deputy; switching on again follows the role', async () => {
    const host = await lanHost();
    await host.hostRoom(request('commander'));
    expect(await host.setRoomHosting({ roomId: ROOM, hosting: false })).toMatchObject({ hosting: false, hostingChoice: 'off' });
    expect(closed).toBe(1);
    expect(await host.hostRoom(request('deputy'))).toEqual(NOT_HOSTED);
    expect(await host.setRoomHosting({ roomId: ROOM, hostingChoice: 'role' })).toMatchObject({
      hostingChoice: 'role',
      hostingEnabled: true,
    });
    expect(await host.hostRoom(request('deputy'))).toEqual(HOSTED);
    await expect(host.setRoomHosting({ roomId: ROOM, hosting: true, hostingChoice: 'on' })).rejects.toThrow(
      'Give either hosting or hostingChoice, not both.',
    );
  });

  it('reads a choices file written before hosting by role: off stays off, the old default follows the role', async () => {
    const OTHER = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    await writeFile(
      join(folder, 'lan-rooms.json'),
      JSON.stringify({ rooms: { [ROOM]: { hosting: false, announceTitle: false }, [OTHER]: { hosting: true, announceTitle: true } } }),
    );
    const host = await lanHost();
    expect(await host.hostingStatus(ROOM)).toMatchObject({ hostingChoice: 'off', hostingEnabled: false });
    expect(await host.hostingStatus(OTHER)).toMatchObject({ hostingChoice: 'role', announceTitle: true });
    expect(await host.hostRoom({ ...request('commander'), roomId: OTHER })).toEqual(HOSTED);
  });
});

describe('IPC: the role and the switch are validated', () => {
  const v = ipcArgumentValidators;
  const base = { roomId: ROOM, title: 'Checkout errors', hostName: 'Blake' };

  it('accepts a host request with or without a known role', () => {
    expect(v['lan:host-room']([base])).toEqual([base]);
    for (const role of ['commander', 'deputy', 'member'] as const)
      expect(v['lan:host-room']([{ ...base, role }])).toEqual([{ ...base, role }]);
  });

  it('refuses any other role, clearly', () => {
    expect(() => v['lan:host-room']([{ ...base, role: 'incident-commander' }])).toThrow(
      new IpcArgumentError('lan:host-room: role must be one of commander, deputy, member, got "incident-commander"'),
    );
    expect(() => v['lan:host-room']([{ ...base, role: 1 }])).toThrow(/role must be one of commander, deputy, member, got number/);
    expect(() => v['lan:host-room']([{ ...base, role: null }])).toThrow(/role must be one of/);
  });

  it('accepts a switch position and refuses others, or one given with hosting', () => {
    for (const hostingChoice of ['role', 'on', 'off'] as const) {
      expect(v['lan:set-room-hosting']([{ roomId: ROOM, hostingChoice }])).toEqual([{ roomId: ROOM, hostingChoice }]);
    }
    expect(() => v['lan:set-room-hosting']([{ roomId: ROOM, hostingChoice: 'auto' }])).toThrow(
      'lan:set-room-hosting: hostingChoice must be one of role, on, off, got "auto"',
    );
    expect(() => v['lan:set-room-hosting']([{ roomId: ROOM, hostingChoice: 'on', hosting: true }])).toThrow(
      'lan:set-room-hosting: give either hosting or hostingChoice, not both',
    );
    expect(() => v['lan:set-room-hosting']([{ roomId: ROOM, role: 'deputy' }])).toThrow(/unexpected field\(s\): role/);
  });
});

describe('preload: main’s hosting event is checked before the page sees it', () => {
  const good = { rooms: [{ roomId: ROOM, addresses: ['ws://192.168.1.20:4444', 'ws://[2001:db8::1]:4444', 'ws://127.0.0.1:4444'] }] };

  it('passes a well-formed event on as a copy', () => {
    const read = readHostingChanged(good);
    expect(read).toEqual(good);
    expect(read?.rooms[0]).not.toBe(good.rooms[0]);
    expect(readHostingChanged({ rooms: [] })).toEqual({ rooms: [] });
  });

  it('drops anything else', () => {
    const room = good.rooms[0] as { roomId: string; addresses: string[] };
    const bad: unknown[] = [
      null,
      'rooms',
      { rooms: 'none' },
      { rooms: [null] },
      { rooms: [{ ...room, roomId: 'ROOM' }] },
      { rooms: [{ ...room, addresses: 'ws://127.0.0.1:4444' }] },
      { rooms: [{ ...room, addresses: ['https://example.com'] }] },
      { rooms: [{ ...room, addresses: ['ws://user@10.0.0.1:4444'] }] },
      { rooms: [{ ...room, addresses: Array.from({ length: 9 }, (_, i) => `ws://10.0.0.${i}:4444`) }] },
      { rooms: Array.from({ length: MAX_HOSTED_ROOMS_IN_EVENT + 1 }, () => room) },
    ];
    for (const value of bad) expect(readHostingChanged(value)).toBeNull();
  });
});

describe('the hosting event reaches the page through the preload and the platform', () => {
  const change: HostingChanged = { rooms: [{ roomId: ROOM, addresses: ['ws://10.8.0.2:4444', 'ws://127.0.0.1:4444'] }] };

  function fakeIpc() {
    const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
    return {
      invoke: vi.fn(async () => undefined),
      on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
        return this;
      },
      removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
        listeners.get(channel)?.delete(listener);
        return this;
      },
      emit: (channel: string, payload: unknown) => {
        for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, payload);
      },
    };
  }

  it('relays main’s lan:hosting-changed, drops a malformed one with an error, and stops after unsubscribing', () => {
    const ipc = fakeIpc();
    const api = buildSitrepApi(ipc as unknown as Parameters<typeof buildSitrepApi>[0]);
    const heard: HostingChanged[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const unsubscribe = api.onHostingChanged((next) => heard.push(next));
      ipc.emit('lan:hosting-changed', change);
      ipc.emit('lan:hosting-changed', { rooms: [{ roomId: ROOM, addresses: ['javascript:alert(1)'] }] });
      expect(heard).toEqual([change]);
      expect(errors).toHaveBeenCalledWith('[sitrep] ignored a hosting change that does not fit its shape');
      unsubscribe();
      ipc.emit('lan:hosting-changed', change);
      expect(heard).toHaveLength(1);
    } finally {
      errors.mockRestore();
    }
  });

  it('is offered by the desktop platform when its bridge has it, and not by the browser', () => {
    const listeners: ((next: HostingChanged) => void)[] = [];
    const bridge = {
      onHostingChanged: (listener: (next: HostingChanged) => void) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    } as unknown as SitrepApi;
    const platform = createElectronPlatform(bridge);
    const heard: HostingChanged[] = [];
    const unsubscribe = platform.onHostingChanged?.((next) => heard.push(next));
    for (const listener of listeners) listener(change);
    expect(heard).toEqual([change]);
    unsubscribe?.();
    expect(listeners).toHaveLength(0);
    expect(createElectronPlatform({} as SitrepApi).onHostingChanged).toBeUndefined();
    expect(createBrowserPlatform('1.2.3').onHostingChanged).toBeUndefined();
  });
});
