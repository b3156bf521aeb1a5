// Proves real mDNS (bonjour-service) announcements reach another LAN host and lead to a working
// signaling server. Multicast must never reach a real network from a test, so this runs only inside
// a loopback-only network namespace, for example:
//   unshare -rn sh -c 'ip link set lo up; ip link set lo multicast on; \
//     ip route add 224.0.0.0/4 dev lo; npx vitest run tests/unit/lan-mdns-loopback.test.ts'
import { mkdtemp, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createBonjourResponder } from '../../src/main/lan/bonjour';
import { createLanHost, type LanHost } from '../../src/main/lan/lan-host';
import type { NearbyRoom } from '../../src/shared/ipc';
import { LAN_SETTINGS_FILE_NAME } from '../../src/main/lan/settings';

const interfaceNames = Object.keys(networkInterfaces());
const loopbackOnly = interfaceNames.length === 1 && interfaceNames[0] === 'lo';
if (!loopbackOnly) {
  console.log(
    `[lan-mdns-loopback] skipped: real multicast is only sent inside a loopback-only network namespace, ` +
      `and this one has ${interfaceNames.join(', ')}. See the comment at the top of this file.`,
  );
}

const ROOM = 'c0ffeec0ffeec0ffeec0ffeec0ffee00';

describe.skipIf(!loopbackOnly)('mDNS on a loopback-only network', () => {
  let folder: string;
  let commander: LanHost;
  let responder: LanHost;
  const log = (level: string, message: string): void => {
    if (level !== 'info') console.log(`[lan-mdns-loopback] ${level}: ${message}`);
  };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sitrep-mdns-'));
    const settingsPath = (name: string): string => join(folder, name, LAN_SETTINGS_FILE_NAME);
    commander = createLanHost({
      settingsPath: settingsPath('commander'),
      bindHost: '127.0.0.1',
      createMdns: () => createBonjourResponder(log),
      log,
    });
    responder = createLanHost({
      settingsPath: settingsPath('responder'),
      bindHost: '127.0.0.1',
      createMdns: () => createBonjourResponder(log),
      log,
    });
    // A port of our own, so a signaling server already running on 4444 does not matter.
    await commander.updateSettings({ signalingPort: 20_000 + Math.floor(Math.random() * 40_000) });
  });

  afterAll(async () => {
    await Promise.all([commander?.close(), responder?.close()]);
    await rm(folder, { recursive: true, force: true });
  });

  const findRoom = async (title: string): Promise<NearbyRoom> => {
    // A discovery listens for a while and returns what answered in that time; on a loaded machine
    // the answer can come later, so look again until the room is found as expected (the test timeout is the net).
    for (;;) {
      const room = (await responder.discover(1_500)).find((candidate) => candidate.roomId === ROOM && candidate.title === title);
      if (room !== undefined) return room;
    }
  };

  it('finds a hosted room (unnamed unless the commander announces its title), reaches its server, and loses both once withdrawn', async () => {
    const hosted = await commander.hostRoom({ roomId: ROOM, title: 'Checkout down', hostName: 'Ada' });
    expect(hosted.discoverable).toBe(true);
    const port = commander.listeningPort();

    const unnamed = await findRoom(`Unnamed room ${ROOM.slice(0, 6)}`);
    expect(unnamed).toMatchObject({ hostName: '127.0.0.1', signalingUrls: [`ws://127.0.0.1:${port}`] });
    await commander.setRoomHosting({ roomId: ROOM, announceTitle: true });
    const room = await findRoom('Checkout down');
    expect(room).toMatchObject({ hostName: 'Ada', signalingUrls: [`ws://127.0.0.1:${port}`] });

    const ping = () =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(room.signalingUrls[0] as string);
        // A safety net against a server that never answers, not a bound on speed.
        const timer = setTimeout(() => reject(new Error('no pong within 15 s')), 15_000);
        socket.once('open', () => socket.send(JSON.stringify({ type: 'ping' })));
        socket.once('message', (data) => {
          clearTimeout(timer);
          socket.close();
          resolve(JSON.parse(String(data)));
        });
        socket.once('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
      });
    expect(await ping()).toEqual({ type: 'pong' });

    // The last hosted room withdrawn: no announcement, no server.
    await commander.withdraw(ROOM);
    const after = await responder.discover(1_000);
    expect(after.map((candidate) => candidate.roomId)).not.toContain(ROOM);
    expect(commander.listeningPort()).toBeNull();
    await expect(ping()).rejects.toThrow(/ECONNREFUSED/);
  });
});
