// Proves the LAN host starts the signaling server lazily (with a port fallback) and stops it when no
// room is hosted any more, keeps the commander's per-room choices (hosting off, title announced),
// lists the right join-code addresses, announces and withdraws rooms over mDNS without the secret
// (and without the title unless turned on), reads nearby rooms defensively, honours its settings
// file, and closes everything on quit.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { closeLanHostOnQuit } from '../../src/main/lan/close-on-quit';
import { withdrawRoomsWithPage } from '../../src/main/lan/hosting-follows-page';
import {
  createLanHost,
  joinCodeSignalingUrls,
  LanHostError,
  type LanHost,
  type LanHostOptions,
  type NetworkInterfaceTable,
} from '../../src/main/lan/lan-host';
import {
  MAX_TITLE_BYTES,
  readAnnouncement,
  SITREP_SERVICE_TYPE,
  truncateUtf8,
  type MdnsBrowser,
  type MdnsResponder,
  type MdnsServiceAnnouncement,
} from '../../src/main/lan/mdns';
import { DEFAULT_LAN_SETTINGS, LAN_SETTINGS_FILE_NAME, loadLanSettings } from '../../src/main/lan/settings';
import { SignalingServerStartError, type SignalingServer } from '../../src/main/signaling/server';

// A safety net for waits on events that do come, not a bound on speed: generous for a loaded machine.
const WAIT_MS = 15_000;
const ROOM_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ROOM_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const SECRET = '5ec4e75ec4e75ec4e75ec4e75ec4e75e';
const NOW = Date.UTC(2025, 0, 15, 9, 30);

let folder: string;
let settingsPath: string;
let logged: { level: string; message: string }[];
const hosts: LanHost[] = [];
const blockers: Server[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sitrep-lan-'));
  settingsPath = join(folder, LAN_SETTINGS_FILE_NAME);
  logged = [];
});

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.close()));
  await Promise.all(blockers.splice(0).map((blocker) => new Promise((resolve) => blocker.close(resolve))));
  await rm(folder, { recursive: true, force: true });
});

const log: LanHostOptions['log'] = (level, message) => logged.push({ level, message });

function lanHost(options: Partial<LanHostOptions> = {}): LanHost {
  const host = createLanHost({ settingsPath, bindHost: '127.0.0.1', log, now: () => NOW, ...options });
  hosts.push(host);
  return host;
}

async function writeSettings(value: unknown): Promise<void> {
  await writeFile(settingsPath, typeof value === 'string' ? value : JSON.stringify(value));
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function listenOn(port: number): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Occupies `count` consecutive ports on 127.0.0.1 and returns the first (bounded retries). */
async function occupyConsecutivePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const taken: Server[] = [];
    for (let port = base; port < base + count; port++) {
      const server = await listenOn(port);
      if (server === null) break;
      taken.push(server);
    }
    if (taken.length === count) {
      blockers.push(...taken);
      return base;
    }
    await Promise.all(taken.map((server) => new Promise((resolve) => server.close(resolve))));
  }
  throw new Error(`could not occupy ${count} consecutive ports`);
}

/** A free port now (it could be taken again before use, which these tests tolerate by retrying). */
async function freePort(): Promise<number> {
  const server = await listenOn(0);
  if (server === null) throw new Error('no free port');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function ping(url: string): Promise<unknown> {
  return withTimeout(
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'ping' })));
      socket.once('message', (data) => {
        socket.close();
        resolve(JSON.parse(String(data)));
      });
      socket.once('error', reject);
    }),
    `a pong from ${url}`,
  );
}

function iface(address: string, options: Partial<NetworkInterfaceInfo> = {}): NetworkInterfaceInfo {
  const family = address.includes(':') ? 'IPv6' : 'IPv4';
  return {
    address,
    netmask: family === 'IPv4' ? '255.255.255.0' : 'ffff:ffff:ffff:ffff::',
    family,
    mac: '02:42:ac:11:00:02',
    internal: false,
    cidr: null,
    ...(family === 'IPv6' ? { scopeid: 0 } : {}),
    ...options,
  } as NetworkInterfaceInfo;
}

const LAPTOP_INTERFACES: NetworkInterfaceTable = {
  lo: [iface('127.0.0.1', { internal: true }), iface('::1', { internal: true })],
  wlan0: [iface('192.168.1.20'), iface('fe80::1c2b:3aff:fe4d:5e6f')],
  eth0: [iface('169.254.3.4')],
  tun0: [iface('10.8.0.7')],
};

function stubServer(port: number, host = '0.0.0.0'): SignalingServer & { closed: boolean } {
  const stub = {
    port,
    host,
    closed: false,
    addresses: () => [],
    close: async () => {
      stub.closed = true;
    },
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
  };
  return stub;
}

/**
 * A pretend local network: every responder's announcements are heard by every browser, shaped as
 * bonjour-service's browser reports them (name, type, port, txt, addresses, referer).
 */
class FakeNetwork {
  readonly announcements = new Map<string, { announcement: MdnsServiceAnnouncement; address: string }>();
  /** Whatever else is on the network, malformed or hostile. */
  readonly strangers: unknown[] = [];

  responder(address: string): FakeResponder {
    return new FakeResponder(this, address);
  }

  heard(): unknown[] {
    const services = [...this.announcements.values()].map(({ announcement, address }) => ({
      name: announcement.name,
      type: announcement.type,
      protocol: 'tcp',
      port: announcement.port,
      host: 'ic-laptop',
      fqdn: `${announcement.name}._${announcement.type}._tcp.local`,
      txt: { ...announcement.txt },
      addresses: [address],
      referer: { address, family: 'IPv4', port: 5353, size: 300 },
    }));
    return [...services, ...this.strangers];
  }
}

class FakeResponder implements MdnsResponder {
  readonly published = new Set<string>();
  browsers: { type: string; updates: number; stopped: boolean }[] = [];
  unpublishedAll = false;
  destroyed = false;

  constructor(
    private readonly network: FakeNetwork,
    private readonly address: string,
  ) {}

  publish(announcement: MdnsServiceAnnouncement) {
    if (this.destroyed) throw new Error('publish after destroy');
    this.network.announcements.set(announcement.name, { announcement, address: this.address });
    this.published.add(announcement.name);
    return {
      stop: async () => {
        this.network.announcements.delete(announcement.name);
        this.published.delete(announcement.name);
      },
    };
  }

  find(type: string): MdnsBrowser {
    const record = { type, updates: 0, stopped: false };
    this.browsers.push(record);
    const network = this.network;
    return {
      get services() {
        return network.heard();
      },
      update: () => {
        record.updates++;
      },
      stop: () => {
        record.stopped = true;
      },
    };
  }

  async unpublishAll() {
    this.unpublishedAll = true;
    for (const name of this.published) this.network.announcements.delete(name);
    this.published.clear();
  }

  async destroy() {
    this.destroyed = true;
  }
}

describe('signaling server', () => {
  it('starts only when a room is first hosted, on the configured port, and answers y-webrtc pings', async () => {
    let started = 0;
    const port = await freePort();
    await writeSettings({ signalingPort: port, discoveryEnabled: false });
    const host = lanHost({
      startServer: async (options) => {
        started++;
        const { startSignalingServer } = await import('../../src/main/signaling/server');
        return startSignalingServer({ ...options, closeGraceMs: 100 });
      },
    });
    expect(host.listeningPort()).toBeNull();
    expect(host.signalingUrls()).toEqual([]);
    expect(started).toBe(0);

    const result = await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    expect(host.listeningPort()).toBe(port);
    expect(result).toEqual({ signalingUrls: [`ws://127.0.0.1:${port}`], discoverable: false });
    await expect(ping(result.signalingUrls[0] as string)).resolves.toEqual({ type: 'pong' });

    await host.hostRoom({ roomId: ROOM_B, title: 'Second', hostName: 'Ada' });
    expect(started).toBe(1);

    await host.close();
    expect(host.listeningPort()).toBeNull();
    await expect(ping(`ws://127.0.0.1:${port}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('starts once when two rooms are hosted at the same moment', async () => {
    let started = 0;
    const host = lanHost({
      startServer: async () => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return stubServer(4444, '127.0.0.1');
      },
    });
    await Promise.all([
      host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' }),
      host.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada' }),
    ]);
    expect(started).toBe(1);
  });

  it('moves on to the next port when the configured one is taken', async () => {
    const taken = await occupyConsecutivePorts(1);
    await writeSettings({ signalingPort: taken, discoveryEnabled: false });
    const host = lanHost();
    const { signalingUrls } = await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    const port = host.listeningPort() as number;
    expect(port).toBeGreaterThan(taken);
    expect(port).toBeLessThanOrEqual(taken + 4);
    expect(signalingUrls).toEqual([`ws://127.0.0.1:${port}`]);
    await expect(ping(`ws://127.0.0.1:${port}`)).resolves.toEqual({ type: 'pong' });
    expect(logged.some(({ message }) => message.includes(`port ${taken} is taken`))).toBe(true);
  });

  it('says clearly when every port it may try is taken, and can try again later', async () => {
    const base = await occupyConsecutivePorts(3);
    await writeSettings({ signalingPort: base, discoveryEnabled: false });
    const host = lanHost({ portAttempts: 3 });
    const hosting = host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    await expect(hosting).rejects.toThrow(LanHostError);
    await expect(hosting).rejects.toThrow(
      `Ports ${base} to ${base + 2} are all in use on this computer. Choose another signaling port in the network settings.`,
    );
    expect(host.listeningPort()).toBeNull();

    // Freeing a port is enough: the failed start is not remembered.
    const blocker = blockers.shift() as Server;
    await new Promise((resolve) => blocker.close(resolve));
    await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    expect(host.listeningPort()).toBe(base);
  });

  it('does not try other ports for errors other than a taken port', async () => {
    const tried: number[] = [];
    const host = lanHost({
      startServer: async ({ port }) => {
        tried.push(port);
        throw new SignalingServerStartError('Not allowed to listen on port 4444 on 0.0.0.0; choose a port above 1023.', 'EACCES');
      },
    });
    await expect(host.hostRoom({ roomId: ROOM_A, title: 't', hostName: 'h' })).rejects.toThrow(/Not allowed to listen/);
    expect(tried).toEqual([DEFAULT_LAN_SETTINGS.signalingPort]);
  });

  it('binds every interface by default', async () => {
    const binds: string[] = [];
    const host = createLanHost({
      settingsPath,
      log,
      networkInterfaces: () => LAPTOP_INTERFACES,
      startServer: async ({ host: bind, port }) => {
        binds.push(bind);
        return stubServer(port, bind);
      },
    });
    hosts.push(host);
    await host.hostRoom({ roomId: ROOM_A, title: 't', hostName: 'h' });
    expect(binds).toEqual(['0.0.0.0']);
  });
});

describe('hosting only while hosting', () => {
  let network: FakeNetwork;
  let servers: ReturnType<typeof stubServer>[];
  let responders: FakeResponder[];

  beforeEach(() => {
    network = new FakeNetwork();
    servers = [];
    responders = [];
  });

  function commanderHost(options: Partial<LanHostOptions> = {}): LanHost {
    return lanHost({
      networkInterfaces: () => LAPTOP_INTERFACES,
      startServer: async ({ port }) => {
        const server = stubServer(port);
        servers.push(server);
        return server;
      },
      createMdns: () => {
        const responder = network.responder('192.168.1.20');
        responders.push(responder);
        return responder;
      },
      ...options,
    });
  }

  const running = (): number => servers.filter((server) => !server.closed).length;

  it('runs the server and discovery while a room is hosted, and stops both when the last one is withdrawn', async () => {
    const host = commanderHost();
    await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' });
    await host.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada' });
    expect(running()).toBe(1);
    await host.withdraw(ROOM_A); // resolved or closed: B is still hosted
    expect(running()).toBe(1);
    expect([...network.announcements.keys()]).toEqual([`sitrep-${ROOM_B}`]);
    await host.withdraw(ROOM_B);
    expect(running()).toBe(0);
    expect(host.listeningPort()).toBeNull();
    expect(host.signalingUrls()).toEqual([]);
    expect(network.announcements.size).toBe(0);
    expect(responders[0]?.destroyed).toBe(true);
    await expect(host.hostingStatus(ROOM_B)).resolves.toEqual({
      roomId: ROOM_B,
      hosting: false,
      hostingEnabled: true,
      hostingChoice: 'role',
      role: null,
      addresses: [],
      discoverable: false,
      announceTitle: false,
      discoveryEnabled: true,
    });
    // Opening it again (or reopening the incident) starts them again.
    await host.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada' });
    expect(running()).toBe(1);
    expect(servers).toHaveLength(2);
    await expect(host.hostingStatus(ROOM_B)).resolves.toMatchObject({
      hosting: true,
      addresses: ['ws://192.168.1.20:4444', 'ws://10.8.0.7:4444', 'ws://169.254.3.4:4444', 'ws://127.0.0.1:4444'],
      discoverable: true,
    });
  });

  it('stops hosting a room the commander turns off, remembers it across restarts, and hosts it again once turned on', async () => {
    const host = commanderHost();
    await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' });
    await expect(host.setRoomHosting({ roomId: ROOM_A, hosting: false })).resolves.toMatchObject({ hosting: false, hostingEnabled: false });
    expect(running()).toBe(0);
    expect(network.announcements.size).toBe(0);
    // A reconnect asks to host it again: still off, nothing starts.
    await expect(host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' })).resolves.toEqual({
      signalingUrls: [],
      discoverable: false,
    });
    expect(servers).toHaveLength(1);
    await host.close();

    const restarted = commanderHost();
    await expect(restarted.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' })).resolves.toEqual({
      signalingUrls: [],
      discoverable: false,
    });
    expect(servers).toHaveLength(1);
    await restarted.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada' }); // other rooms are not affected
    expect(running()).toBe(1);
    await restarted.setRoomHosting({ roomId: ROOM_A, hosting: true });
    const again = await restarted.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' });
    expect(again.signalingUrls.at(-1)).toBe('ws://127.0.0.1:4444');
    expect(JSON.parse(await readFile(join(folder, 'lan-rooms.json'), 'utf8'))).toEqual({ rooms: {} }); // back to the defaults
  });

  it('withdraws every room when the window that hosted them goes away', async () => {
    const host = commanderHost();
    await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' });
    await host.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada' });
    await host.withdrawAll();
    expect(running()).toBe(0);
    expect(network.announcements.size).toBe(0);
  });

  it('takes hosting and withdrawing one at a time, so the last call wins', async () => {
    const host = commanderHost({
      startServer: async ({ port }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const server = stubServer(port);
        servers.push(server);
        return server;
      },
    });
    await Promise.all([
      host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' }),
      host.withdraw(ROOM_A),
      host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' }),
    ]);
    expect(running()).toBe(1);
    await expect(host.hostingStatus(ROOM_A)).resolves.toMatchObject({ hosting: true });
  });

  it('a laptop that only searches closes its mDNS socket after the search', async () => {
    const responder = commanderHost();
    await responder.discover(100);
    await responder.hostingStatus(ROOM_A); // runs after the search's clean-up, which is queued the same way
    expect(responders[0]?.destroyed).toBe(true);
    expect(servers).toHaveLength(0);
  });

  it('reads a damaged choices file as the defaults, with a warning', async () => {
    await writeFile(
      join(folder, 'lan-rooms.json'),
      JSON.stringify({
        rooms: { [ROOM_A]: { hosting: false, announceTitle: false }, nope: { hosting: false }, [ROOM_B]: { hosting: 'no' } },
      }),
    );
    const host = commanderHost();
    await expect(host.hostingStatus(ROOM_A)).resolves.toMatchObject({ hostingEnabled: false });
    await expect(host.hostingStatus(ROOM_B)).resolves.toMatchObject({ hostingEnabled: true });
    expect(logged).toContainEqual({ level: 'warn', message: expect.stringMatching(/skipped 2 malformed entries/) });
    await writeFile(join(folder, 'lan-rooms.json'), '{ not json');
    await expect(commanderHost().hostingStatus(ROOM_A)).resolves.toMatchObject({ hostingEnabled: true });
  });
});

describe('join-code signaling addresses', () => {
  it('lists each LAN IPv4 address, link-local after the others, and 127.0.0.1 last', () => {
    expect(joinCodeSignalingUrls('0.0.0.0', 4444, LAPTOP_INTERFACES)).toEqual([
      'ws://192.168.1.20:4444',
      'ws://10.8.0.7:4444',
      'ws://169.254.3.4:4444',
      'ws://127.0.0.1:4444',
    ]);
  });

  it('keeps to the 8 addresses a join code holds, still ending with 127.0.0.1', () => {
    const many: NetworkInterfaceTable = {};
    for (let i = 1; i <= 12; i++) many[`eth${i}`] = [iface(`10.0.${i}.2`)];
    const urls = joinCodeSignalingUrls('0.0.0.0', 4444, many);
    expect(urls).toHaveLength(8);
    expect(urls[0]).toBe('ws://10.0.1.2:4444');
    expect(urls.at(-1)).toBe('ws://127.0.0.1:4444');
  });

  it('reads the interfaces again each time, so a network change shows in the next join code', async () => {
    let table: NetworkInterfaceTable = { wlan0: [iface('192.168.1.20')] };
    const host = lanHost({ networkInterfaces: () => table, startServer: async ({ port }) => stubServer(port) });
    await writeSettings({ discoveryEnabled: false });
    expect((await host.hostRoom({ roomId: ROOM_A, title: 't', hostName: 'h' })).signalingUrls).toEqual([
      'ws://192.168.1.20:4444',
      'ws://127.0.0.1:4444',
    ]);
    table = { wlan0: [iface('172.20.10.3')] };
    expect(host.signalingUrls()).toEqual(['ws://172.20.10.3:4444', 'ws://127.0.0.1:4444']);
  });
});

describe('announcing rooms with mDNS', () => {
  let network: FakeNetwork;
  let responder: FakeResponder;
  let created: number;

  beforeEach(() => {
    network = new FakeNetwork();
    created = 0;
  });

  function announcingHost(options: Partial<LanHostOptions> = {}): LanHost {
    return lanHost({
      startServer: async ({ port }) => stubServer(port),
      networkInterfaces: () => LAPTOP_INTERFACES,
      createMdns: () => {
        created++;
        responder = network.responder('192.168.1.20');
        return responder;
      },
      ...options,
    });
  }

  it('announces a hosted room with only its id and port by default: no title, no host name, never the secret', async () => {
    const host = announcingHost();
    const result = await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada Lovelace' });
    expect(result.discoverable).toBe(true);
    expect(result.signalingUrls.at(-1)).toBe('ws://127.0.0.1:4444');
    const [only] = [...network.announcements.values()];
    expect(only?.announcement).toEqual({
      name: `sitrep-${ROOM_A}`,
      type: SITREP_SERVICE_TYPE,
      port: 4444,
      txt: { v: '2', room: ROOM_A, port: '4444' },
    });
    const multicast = JSON.stringify(only);
    for (const secretOrName of [SECRET, 'Checkout', 'Ada']) expect(multicast).not.toContain(secretOrName);
    // A joiner nearby sees a neutral name and the address it heard the room from.
    const rooms = await lanHost({ createMdns: () => network.responder('192.168.1.31') }).discover(100);
    expect(rooms).toEqual([
      { roomId: ROOM_A, title: 'Unnamed room aaaaaa', hostName: '192.168.1.20', signalingUrls: ['ws://192.168.1.20:4444'], seenAt: NOW },
    ]);
  });

  it('announces the title and host name once the commander turns that on for the room, and stops when turned off', async () => {
    const host = announcingHost();
    await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada Lovelace' });
    await expect(host.setRoomHosting({ roomId: ROOM_A, announceTitle: true })).resolves.toMatchObject({
      hosting: true,
      discoverable: true,
      announceTitle: true,
    });
    expect(network.announcements.get(`sitrep-${ROOM_A}`)?.announcement.txt).toEqual({
      v: '2',
      room: ROOM_A,
      title: 'Checkout down',
      host: 'Ada Lovelace',
      port: '4444',
    });
    await host.setRoomHosting({ roomId: ROOM_A, announceTitle: false });
    expect(network.announcements.get(`sitrep-${ROOM_A}`)?.announcement.txt).toEqual({ v: '2', room: ROOM_A, port: '4444' });
  });

  it('fits a long or multi-line title into one TXT string', async () => {
    const host = announcingHost();
    await host.setRoomHosting({ roomId: ROOM_A, announceTitle: true });
    const title = `Payments\n${'é'.repeat(150)}`;
    await host.hostRoom({ roomId: ROOM_A, title, hostName: 'Ada' });
    const sent = [...network.announcements.values()][0]?.announcement.txt.title as string;
    expect(Buffer.byteLength(sent, 'utf8')).toBeLessThanOrEqual(MAX_TITLE_BYTES);
    expect(sent.startsWith('Payments é')).toBe(true);
    expect(sent.endsWith('…')).toBe(true);
    expect(Buffer.byteLength(`title=${sent}`, 'utf8')).toBeLessThanOrEqual(255);
    expect(truncateUtf8('short', 10)).toBe('short');
  });

  it('withdraws a room, and re-hosting it replaces its announcement rather than adding one', async () => {
    const host = announcingHost();
    await host.setRoomHosting({ roomId: ROOM_A, announceTitle: true });
    await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down (EU only)', hostName: 'Ada' });
    await host.hostRoom({ roomId: ROOM_B, title: 'Second', hostName: 'Ada' });
    expect(network.announcements.size).toBe(2);
    expect(network.announcements.get(`sitrep-${ROOM_A}`)?.announcement.txt.title).toBe('Checkout down (EU only)');
    await host.withdraw(ROOM_A);
    expect([...network.announcements.keys()]).toEqual([`sitrep-${ROOM_B}`]);
    await host.withdraw(ROOM_A); // twice is harmless
    expect(created).toBe(1);
  });

  it('hosting the same room again as it is announced sends nothing new', async () => {
    const host = announcingHost();
    await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    const first = network.announcements.get(`sitrep-${ROOM_A}`);
    await expect(host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' })).resolves.toMatchObject({ discoverable: true });
    expect(network.announcements.get(`sitrep-${ROOM_A}`)).toBe(first);
  });

  it('finds rooms other hosts announce, with addresses to reach them, merged per room', async () => {
    const commander = announcingHost();
    await commander.setRoomHosting({ roomId: ROOM_A, announceTitle: true });
    await commander.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    // The same room heard through a second interface of the commander's laptop.
    network.strangers.push({
      name: `sitrep-${ROOM_A}`,
      port: 4444,
      txt: { v: '2', room: ROOM_A, title: 'Checkout down', host: 'Ada', port: '4444' },
      addresses: ['10.8.0.7', 'fe80::1'],
    });
    const responderHost = lanHost({ createMdns: () => network.responder('192.168.1.31') });
    const rooms = await responderHost.discover(100);
    expect(rooms).toEqual([
      {
        roomId: ROOM_A,
        title: 'Checkout down',
        hostName: 'Ada',
        signalingUrls: ['ws://192.168.1.20:4444', 'ws://10.8.0.7:4444'],
        seenAt: NOW,
      },
    ]);
  });

  it('asks twice within the time given and always stops browsing', async () => {
    const host = announcingHost();
    await host.discover(100);
    expect(responder.browsers).toEqual([{ type: SITREP_SERVICE_TYPE, updates: 1, stopped: true }]);
  });

  it('drops malformed and hostile announcements and says how many', async () => {
    const good = { v: '2', room: ROOM_B, title: 'DB failover', host: 'Grace', port: '5000' };
    network.strangers.push(
      { name: 'good', port: 5000, txt: good, addresses: ['192.168.1.40'] },
      null,
      'sitrep',
      { port: 5000, addresses: ['192.168.1.41'] },
      { port: 5000, txt: { ...good, v: '1' }, addresses: ['192.168.1.42'] },
      { port: 5000, txt: { ...good, room: 'not-a-room' }, addresses: ['192.168.1.43'] },
      { port: 5000, txt: { ...good, room: ROOM_B.toUpperCase() }, addresses: ['192.168.1.43'] },
      { port: 5000, txt: { ...good, title: 'x'.repeat(MAX_TITLE_BYTES + 1) }, addresses: ['192.168.1.44'] },
      { port: 5000, txt: { ...good, host: 'Grace\u0007\u001b[31m' }, addresses: ['192.168.1.45'] },
      { port: 5000, txt: { ...good, title: ['array'] }, addresses: ['192.168.1.46'] },
      { port: 5000, txt: { ...good, port: '5001' }, addresses: ['192.168.1.47'] },
      { port: 70_000, txt: { ...good, port: '70000' }, addresses: ['192.168.1.48'] },
      { port: '5000', txt: good, addresses: ['192.168.1.49'] },
      { port: 5000, txt: good, addresses: ['evil.example', 'ws://x', 42], referer: { address: 'nope' } },
      { port: 5000, txt: good },
      { port: 5000, txt: [good], addresses: ['192.168.1.50'] },
      { port: 5000, txt: Object.create({ v: '2', room: ROOM_B, title: 't', host: 'h', port: '5000' }), addresses: ['192.168.1.51'] },
    );
    const host = announcingHost();
    const rooms = await host.discover(100);
    expect(rooms).toEqual([
      { roomId: ROOM_B, title: 'DB failover', hostName: 'Grace', signalingUrls: ['ws://192.168.1.40:5000'], seenAt: NOW },
    ]);
    expect(logged).toContainEqual({
      level: 'info',
      message: 'Local discovery: ignored 16 malformed announcement(s), the first because: not an object.',
    });
  });

  it('reads a room announced without its title (missing, or empty and decoded as undefined) under a neutral name', () => {
    const base = { port: 5000, addresses: ['192.168.1.40'] };
    const heard = readAnnouncement({ ...base, txt: { v: '2', room: ROOM_B, title: undefined, host: 'Grace', port: '5000' } }, NOW);
    expect(heard).toMatchObject({ ok: true, room: { title: 'Unnamed room bbbbbb', hostName: 'Grace' } });
    expect(readAnnouncement({ ...base, txt: { v: '2', room: ROOM_B, port: '5000' } }, NOW)).toMatchObject({
      ok: true,
      room: { title: 'Unnamed room bbbbbb', hostName: '192.168.1.40' },
    });
    expect(readAnnouncement({ ...base, txt: { v: '2', room: ROOM_B, title: 7, port: '5000' } }, NOW)).toEqual({
      ok: false,
      problem: 'title is not text',
    });
  });

  it('with discovery turned off: hosts without announcing, refuses to search, never opens mDNS', async () => {
    await writeSettings({ discoveryEnabled: false });
    const host = announcingHost();
    await expect(host.hostRoom({ roomId: ROOM_A, title: 't', hostName: 'h' })).resolves.toMatchObject({ discoverable: false });
    await expect(host.discover(100)).rejects.toThrow('Local discovery is turned off in the network settings; paste the join code instead.');
    expect(created).toBe(0);
    expect(network.announcements.size).toBe(0);
  });

  it('turning discovery off withdraws and closes mDNS; turning it on announces hosted rooms again', async () => {
    const host = announcingHost();
    await host.hostRoom({ roomId: ROOM_A, title: 'Checkout down', hostName: 'Ada' });
    const first = responder;
    await expect(host.updateSettings({ discoveryEnabled: false })).resolves.toEqual({
      signalingPort: 4444,
      discoveryEnabled: false,
    });
    expect(network.announcements.size).toBe(0);
    expect(first.destroyed).toBe(true);
    await host.updateSettings({ discoveryEnabled: true });
    expect([...network.announcements.keys()]).toEqual([`sitrep-${ROOM_A}`]);
    expect(created).toBe(2);
  });

  it('still hosts when mDNS cannot start, and says why discovery is unavailable', async () => {
    const host = lanHost({
      startServer: async ({ port }) => stubServer(port),
      createMdns: () => {
        throw new Error('bind EADDRINUSE 0.0.0.0:5353');
      },
    });
    await expect(host.hostRoom({ roomId: ROOM_A, title: 't', hostName: 'h' })).resolves.toMatchObject({ discoverable: false });
    await expect(host.discover(100)).rejects.toThrow(
      'Local discovery is unavailable (bind EADDRINUSE 0.0.0.0:5353); paste the join code instead.',
    );
    expect(logged.some(({ level, message }) => level === 'warn' && message.includes('EADDRINUSE'))).toBe(true);
  });

  it('on quit withdraws every room, closes mDNS and the signaling server, then refuses new work', async () => {
    let server: ReturnType<typeof stubServer> | undefined;
    const host = announcingHost({ startServer: async ({ port }) => (server = stubServer(port)) });
    await host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' });
    await host.hostRoom({ roomId: ROOM_B, title: 'B', hostName: 'Ada' });
    await Promise.all([host.close(), host.close()]);
    expect(network.announcements.size).toBe(0);
    expect(responder.unpublishedAll).toBe(true);
    expect(responder.destroyed).toBe(true);
    expect(server?.closed).toBe(true);
    await expect(host.hostRoom({ roomId: ROOM_A, title: 'A', hostName: 'Ada' })).rejects.toThrow(/shutting down/);
    await expect(host.discover(100)).rejects.toThrow(/shutting down/);
  });
});

describe('settings file', () => {
  it('uses the defaults on first run without a warning', async () => {
    await expect(loadLanSettings(settingsPath, log)).resolves.toEqual({ signalingPort: 4444, discoveryEnabled: true });
    expect(logged).toEqual([]);
  });

  it.each([
    ['{"signalingPort": 45', /is not valid JSON/],
    ['[4444, true]', /does not hold an object/],
    ['null', /does not hold an object/],
  ])('falls back to the defaults with a warning for a corrupt file %j', async (text, warning) => {
    await writeSettings(text);
    await expect(loadLanSettings(settingsPath, log)).resolves.toEqual(DEFAULT_LAN_SETTINGS);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe('warn');
    expect(logged[0]?.message).toMatch(warning);
  });

  it('keeps the valid fields of a partly wrong file and warns about the rest', async () => {
    await writeSettings({ signalingPort: 80, discoveryEnabled: false });
    await expect(loadLanSettings(settingsPath, log)).resolves.toEqual({ signalingPort: 4444, discoveryEnabled: false });
    expect(logged).toEqual([
      { level: 'warn', message: 'LAN settings: The signaling port must be from 1024 to 65535, not 80. Using 4444.' },
    ]);
    logged = [];
    await writeSettings({ signalingPort: 5555, discoveryEnabled: 'yes' });
    await expect(loadLanSettings(settingsPath, log)).resolves.toEqual({ signalingPort: 5555, discoveryEnabled: true });
    expect(logged[0]?.message).toMatch(/discoveryEnabled must be true or false/);
  });

  it('warns when the file cannot be read at all', async () => {
    // A folder where the file should be: reading fails with EISDIR, not the first-run ENOENT.
    const unreadable = join(folder, 'a-folder');
    await mkdir(unreadable);
    await expect(loadLanSettings(unreadable, log)).resolves.toEqual(DEFAULT_LAN_SETTINGS);
    expect(logged[0]?.message).toMatch(/could not read/);
  });

  it('saves changes so the next start uses them, and refuses invalid ones', async () => {
    const host = lanHost();
    await expect(host.settings()).resolves.toEqual(DEFAULT_LAN_SETTINGS);
    await expect(host.updateSettings({ signalingPort: 4600 })).resolves.toEqual({ signalingPort: 4600, discoveryEnabled: true });
    await expect(host.updateSettings({ discoveryEnabled: false })).resolves.toEqual({ signalingPort: 4600, discoveryEnabled: false });
    expect(JSON.parse(await readFile(settingsPath, 'utf8'))).toEqual({ signalingPort: 4600, discoveryEnabled: false });
    await expect(lanHost().settings()).resolves.toEqual({ signalingPort: 4600, discoveryEnabled: false });
    await expect(host.updateSettings({ signalingPort: 99_999 })).rejects.toThrow(
      'The signaling port must be from 1024 to 65535, not 99999.',
    );
    await expect(host.settings()).resolves.toEqual({ signalingPort: 4600, discoveryEnabled: false });
  });

  it('applies a new port the next time the signaling server starts', async () => {
    const ports: number[] = [];
    const host = lanHost({
      startServer: async ({ port }) => {
        ports.push(port);
        return stubServer(port);
      },
    });
    await host.updateSettings({ signalingPort: 4700, discoveryEnabled: false });
    await host.hostRoom({ roomId: ROOM_A, title: 't', hostName: 'h' });
    expect(ports).toEqual([4700]);
  });
});

describe('closing on quit', () => {
  function fakeApp() {
    const emitter = new EventEmitter();
    const quit = vi.fn(() => {
      let prevented = false;
      emitter.emit('will-quit', { preventDefault: () => (prevented = true) });
      return prevented;
    });
    return Object.assign(emitter, { quit });
  }

  it('holds the quit until the LAN host has closed, then quits for real', async () => {
    const app = fakeApp();
    let finishClose: () => void = () => {};
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    closeLanHostOnQuit(app, { close }, log);
    app.quit();
    expect(app.quit.mock.results[0]?.value).toBe(true); // prevented: still closing
    app.quit(); // a second quit while closing waits for the same close
    expect(close).toHaveBeenCalledTimes(1);
    finishClose();
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = (): void => (app.quit.mock.calls.length >= 3 ? resolve() : void setTimeout(check, 1));
        check();
      }),
      'the real quit',
    );
    expect(app.quit.mock.results[2]?.value).toBe(false); // not prevented this time
  });

  it('still quits when closing fails, and logs why', async () => {
    const app = fakeApp();
    closeLanHostOnQuit(app, { close: async () => Promise.reject(new Error('socket stuck')) }, log);
    app.quit();
    await withTimeout(
      new Promise<void>((resolve) => {
        const check = (): void => (app.quit.mock.calls.length >= 2 ? resolve() : void setTimeout(check, 1));
        check();
      }),
      'the real quit',
    );
    expect(logged).toContainEqual({ level: 'error', message: 'LAN host did not close cleanly: socket stuck' });
  });
});

describe('hosting follows the page', () => {
  it('withdraws every hosted room when the page navigates, crashes or its window closes, and logs a failure', async () => {
    const window = Object.assign(new EventEmitter(), { webContents: new EventEmitter() });
    const withdrawAll = vi.fn(async () => {});
    withdrawRoomsWithPage(window, { withdrawAll }, log);
    window.webContents.emit('did-navigate-in-page'); // a hash change is the same page
    expect(withdrawAll).not.toHaveBeenCalled();
    window.webContents.emit('did-navigate');
    window.webContents.emit('render-process-gone');
    window.emit('closed');
    expect(withdrawAll).toHaveBeenCalledTimes(3);

    withdrawAll.mockRejectedValueOnce(new Error('mDNS socket closed'));
    window.webContents.emit('did-navigate');
    await vi.waitFor(() => expect(logged).toContainEqual({ level: 'warn', message: expect.stringMatching(/mDNS socket closed/) }));
  });
});
