// Addresses that follow the laptop (issue 15, item 2, main side): the hosted addresses are listed
// the way a join code writes them; a change of the laptop's addresses while hosting is noticed on
// the interval (fake timers), reported once, and at once on resume or unlock-screen; nothing is
// reported without a change, and nothing is read once hosting stops.
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalSignalingAddress, MAX_SIGNALING_ADDRESSES } from '../../src/core/joinCode';
import { ADDRESS_CHECK_INTERVAL_MS, watchAddresses } from '../../src/main/lan/address-watcher';
import { canonicalWsUrl, hostedAddresses, type NetworkInterfaceTable } from '../../src/main/lan/hosted-addresses';
import { createLanHost, type LanHost, type LanHostOptions } from '../../src/main/lan/lan-host';
import type { MdnsResponder, MdnsServiceAnnouncement } from '../../src/main/lan/mdns';
import { LAN_SETTINGS_FILE_NAME } from '../../src/main/lan/settings';
import { checkAddressesOnWake } from '../../src/main/lan/wake-checks';
import type { SignalingServer } from '../../src/main/signaling/server';
import type { HostingChanged } from '../../src/shared/ipc';

const ROOM_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ROOM_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function iface(address: string, family: 'IPv4' | 'IPv6' = address.includes(':') ? 'IPv6' : 'IPv4', internal = false): NetworkInterfaceInfo {
  const base = { address, netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::', mac: '02:00:00:00:00:01', internal };
  return family === 'IPv4'
    ? { ...base, family, cidr: `${address}/24` }
    : { ...base, family, cidr: `${address}/64`, scopeid: address.startsWith('fe80') ? 2 : 0 };
}

const LOOPBACK = { lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)] };

describe('hosted addresses', () => {
  it('lists LAN IPv4 first, link-local IPv4 after, ws://127.0.0.1 last, in the canonical form a join code accepts', () => {
    const table: NetworkInterfaceTable = {
      ...LOOPBACK,
      eth0: [iface('169.254.7.9'), iface('192.168.1.20'), iface('fe80::1c2:3ff:fe44:5566')],
      wlan0: [iface('10.0.0.7'), iface('2001:db8::7')],
    };
    const urls = hostedAddresses('0.0.0.0', 4444, table);
    expect(urls).toEqual(['ws://192.168.1.20:4444', 'ws://10.0.0.7:4444', 'ws://169.254.7.9:4444', 'ws://127.0.0.1:4444']);
    for (const url of urls) expect(canonicalSignalingAddress(url)).toBe(url);
  });

  it('lists global and unique-local IPv6 only for a dual-stack bind, never link-local ones (they need a zone), bracketed and compressed', () => {
    const table: NetworkInterfaceTable = {
      ...LOOPBACK,
      eth0: [iface('192.168.1.20'), iface('fe80::1'), iface('2001:DB8:0:0:0:0:0:1'), iface('fd12:3456::9'), iface('::ffff:192.168.1.20')],
    };
    expect(hostedAddresses('::', 4444, table)).toEqual([
      'ws://192.168.1.20:4444',
      'ws://[2001:db8::1]:4444',
      'ws://[fd12:3456::9]:4444',
      'ws://127.0.0.1:4444',
    ]);
    for (const url of hostedAddresses('::', 4444, table)) expect(canonicalSignalingAddress(url)).toBe(url);
  });

  it('keeps to the addresses a join code holds, loopback kept last; a server bound to one address lists only it', () => {
    const many: NetworkInterfaceTable = { ...LOOPBACK };
    for (let i = 1; i <= 12; i++) many[`eth${i}`] = [iface(`10.0.${i}.2`)];
    const urls = hostedAddresses('0.0.0.0', 4444, many);
    expect(urls).toHaveLength(MAX_SIGNALING_ADDRESSES);
    expect(urls[0]).toBe('ws://10.0.1.2:4444');
    expect(urls.at(-1)).toBe('ws://127.0.0.1:4444');
    expect(new Set(urls).size).toBe(urls.length);
    expect(hostedAddresses('127.0.0.1', 4444, many)).toEqual(['ws://127.0.0.1:4444']);
    // The way src/core/joinCode.ts writes it: no default port.
    expect(canonicalWsUrl('192.168.1.20', 80)).toBe('ws://192.168.1.20');
  });
});

describe('the address watcher', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function watched(initial: string[]) {
    let addresses = initial;
    const reports: { addresses: readonly string[]; before: readonly string[]; reason: string }[] = [];
    const logged: string[] = [];
    let reads = 0;
    let failure: Error | null = null;
    const watcher = watchAddresses({
      read: () => {
        reads++;
        if (failure) throw failure;
        return addresses;
      },
      onChange: (next, before, reason) => reports.push({ addresses: next, before, reason }),
      log: (_level, message) => logged.push(message),
    });
    return {
      watcher,
      reports,
      logged,
      reads: () => reads,
      set: (next: string[]) => {
        addresses = next;
      },
      fail: (error: Error | null) => {
        failure = error;
      },
    };
  }

  it('reports a change once, on the next interval, and nothing while nothing changes', () => {
    const w = watched(['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444']);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 5);
    expect(w.reports).toEqual([]);
    expect(w.reads()).toBe(6);

    w.set(['ws://172.20.10.3:4444', 'ws://127.0.0.1:4444']);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS - 1);
    expect(w.reports).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(w.reports).toEqual([
      {
        addresses: ['ws://172.20.10.3:4444', 'ws://127.0.0.1:4444'],
        before: ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'],
        reason: 'interval',
      },
    ]);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 10);
    expect(w.reports).toHaveLength(1);
    expect(w.watcher.current()).toEqual(['ws://172.20.10.3:4444', 'ws://127.0.0.1:4444']);
  });

  it('checks at once when asked (resume), and the interval then finds nothing new', () => {
    const w = watched(['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444']);
    w.set(['ws://127.0.0.1:4444']);
    expect(w.watcher.check('resume')).toBe(true);
    expect(w.reports).toEqual([
      { addresses: ['ws://127.0.0.1:4444'], before: ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'], reason: 'resume' },
    ]);
    expect(w.watcher.check('unlock-screen')).toBe(false);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 3);
    expect(w.reports).toHaveLength(1);
  });

  it('a failing read keeps the last addresses and is logged once until reads work again', () => {
    const w = watched(['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444']);
    w.fail(new Error('EPERM: getifaddrs'));
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 4);
    expect(w.reports).toEqual([]);
    expect(w.logged).toEqual(["LAN host: could not read this computer's network addresses: EPERM: getifaddrs"]);
    expect(w.watcher.current()).toEqual(['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444']);
    w.fail(null);
    w.set(['ws://10.8.0.2:4444', 'ws://127.0.0.1:4444']);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS);
    expect(w.reports.map((r) => r.addresses)).toEqual([['ws://10.8.0.2:4444', 'ws://127.0.0.1:4444']]);
  });

  it('reads nothing once stopped', () => {
    const w = watched(['ws://127.0.0.1:4444']);
    w.watcher.stop();
    const reads = w.reads();
    w.set(['ws://10.8.0.2:4444', 'ws://127.0.0.1:4444']);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 3);
    expect(w.watcher.check('resume')).toBe(false);
    expect(w.reads()).toBe(reads);
    expect(w.reports).toEqual([]);
  });

  it('resume and unlock-screen ask the LAN host to check at once', () => {
    const power = new EventEmitter();
    const checks: string[] = [];
    checkAddressesOnWake(power, { checkAddresses: (reason) => checks.push(reason) });
    power.emit('resume');
    power.emit('unlock-screen');
    expect(checks).toEqual(['resume', 'unlock-screen']);
  });
});

describe('the LAN host follows the laptop’s addresses while it hosts', () => {
  let folder: string;
  const hosts: LanHost[] = [];

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sitrep-watch-'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(hosts.splice(0).map((host) => host.close()));
    await rm(folder, { recursive: true, force: true });
  });

  function stubServer(port: number): SignalingServer {
    return {
      port,
      host: '0.0.0.0',
      addresses: () => [],
      close: async () => {},
      stats: () => ({
        connections: 0,
        topics: 0,
        droppedMessages: 0,
        refusedConnections: 0,
        refusedOrigins: 0,
        refusedSubscriptions: 0,
        rateLimitedMessages: 0,
        closedFlooders: 0,
        skippedDeliveries: 0,
        timedOutConnections: 0,
      }),
    } as unknown as SignalingServer;
  }

  function hostOn(table: () => NetworkInterfaceTable, options: Partial<LanHostOptions> = {}) {
    const changes: HostingChanged[] = [];
    let reads = 0;
    const host = createLanHost({
      ...options,
      settingsPath: join(folder, LAN_SETTINGS_FILE_NAME),
      networkInterfaces: () => {
        reads++;
        return table();
      },
      startServer: async ({ port }) => stubServer(port),
      onHostingChanged: (change) => changes.push(change),
      log: () => {},
    });
    hosts.push(host);
    return { host, changes, reads: () => reads };
  }

  it('reports hosting, each change of address once (interval or resume), and the withdrawal; nothing is read after', async () => {
    let table: NetworkInterfaceTable = { ...LOOPBACK, wlan0: [iface('192.168.1.20')] };
    const { host, changes, reads } = hostOn(() => table);
    await host.updateSettings({ discoveryEnabled: false });

    await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada', role: 'deputy' });
    await host.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada', role: 'commander' });
    const office = ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'];
    expect(changes).toEqual([
      { rooms: [{ roomId: ROOM_A, addresses: office }] },
      {
        rooms: [
          { roomId: ROOM_A, addresses: office },
          { roomId: ROOM_B, addresses: office },
        ],
      },
    ]);

    // Nothing changes: nothing is reported, however long it hosts, nor when a room is hosted again (a rename).
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 10);
    await host.hostRoom({ roomId: ROOM_A, title: 'A renamed', hostName: 'Ada' });
    expect(changes).toHaveLength(2);

    // The laptop moves to a phone's hotspot: one report on the next interval, with both rooms.
    table = { ...LOOPBACK, wlan0: [iface('172.20.10.3')] };
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS);
    const hotspot = ['ws://172.20.10.3:4444', 'ws://127.0.0.1:4444'];
    expect(changes.at(-1)).toEqual({
      rooms: [
        { roomId: ROOM_A, addresses: hotspot },
        { roomId: ROOM_B, addresses: hotspot },
      ],
    });
    expect(changes).toHaveLength(3);
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 5);
    expect(changes).toHaveLength(3);
    expect((await host.hostingStatus(ROOM_A)).addresses).toEqual(hotspot);

    // Woken from sleep on another network: reported at once, before any interval.
    table = { ...LOOPBACK, eth0: [iface('10.8.0.2')] };
    host.checkAddresses('resume');
    expect(changes).toHaveLength(4);
    expect(changes.at(-1)?.rooms[0]?.addresses).toEqual(['ws://10.8.0.2:4444', 'ws://127.0.0.1:4444']);
    host.checkAddresses('unlock-screen');
    expect(changes).toHaveLength(4);

    // Withdrawn one by one: each reported; once none is hosted the addresses are not read any more.
    await host.withdraw(ROOM_A);
    expect(changes.at(-1)).toEqual({ rooms: [{ roomId: ROOM_B, addresses: ['ws://10.8.0.2:4444', 'ws://127.0.0.1:4444'] }] });
    await host.withdraw(ROOM_B);
    expect(changes.at(-1)).toEqual({ rooms: [] });
    const readsWhenStopped = reads();
    table = { ...LOOPBACK, eth0: [iface('10.9.9.9')] };
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 5);
    host.checkAddresses('resume');
    expect(reads()).toBe(readsWhenStopped);
    expect(changes).toHaveLength(6);
  });

  it('announces its rooms again on a new network, from a new mDNS responder (the old one joined the old interfaces)', async () => {
    const responders: { published: string[]; stopped: number; destroyed: boolean }[] = [];
    const createMdns = (): MdnsResponder => {
      const record = { published: [] as string[], stopped: 0, destroyed: false };
      responders.push(record);
      return {
        publish: (service: MdnsServiceAnnouncement) => {
          record.published.push(service.name);
          return { stop: async () => void record.stopped++ };
        },
        find: () => ({ services: [], update: () => {}, stop: () => {} }),
        unpublishAll: async () => {},
        destroy: async () => {
          record.destroyed = true;
        },
      };
    };
    let table: NetworkInterfaceTable = { ...LOOPBACK, wlan0: [iface('192.168.1.20')] };
    const { host } = hostOn(() => table, { createMdns });
    await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada', role: 'commander' });
    expect(responders).toHaveLength(1);
    expect(responders[0]?.published).toEqual([`sitrep-${ROOM_A}`]);

    // Nothing changes: nothing is announced again.
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 5);
    await host.hostingStatus(ROOM_A);
    expect(responders).toHaveLength(1);

    table = { ...LOOPBACK, wlan0: [iface('172.20.10.3')] };
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS);
    // Hosting calls are taken one at a time: this one runs after the new announcement.
    expect(await host.hostingStatus(ROOM_A)).toMatchObject({
      discoverable: true,
      addresses: ['ws://172.20.10.3:4444', 'ws://127.0.0.1:4444'],
    });
    expect(responders).toHaveLength(2);
    expect(responders[0]).toMatchObject({ stopped: 1, destroyed: true });
    expect(responders[1]?.published).toEqual([`sitrep-${ROOM_A}`]);
  });

  it('a room not hosted for its role reports nothing and reads no addresses', async () => {
    const { host, changes, reads } = hostOn(() => ({ ...LOOPBACK, wlan0: [iface('192.168.1.20')] }));
    await host.updateSettings({ discoveryEnabled: false });
    expect(await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada', role: 'member' })).toEqual({
      signalingUrls: [],
      discoverable: false,
    });
    vi.advanceTimersByTime(ADDRESS_CHECK_INTERVAL_MS * 3);
    host.checkAddresses('resume');
    expect(changes).toEqual([]);
    expect(reads()).toBe(0);
  });
});
