// Journey (issue 15, items 1 and 2): the room outlives the laptop that declared it and follows a
// laptop whose address changes. Every member is a browser process of its own, meeting over real
// WebRTC inside the loopback-only namespace. The browser build hosts no server, so each "desktop"
// member gets a signaling server of its own, started here on 127.0.0.1, and a fake desktop bridge
// that keeps main's hosting rules (the IC and the deputy host by default) and reports that server
// as the laptop's hosted address, and its move as main's hosting-changed event.
import { expect, test, type Page } from '@playwright/test';
import { parseJoinInput } from '../../src/core/joinCode';
import { startSignalingServer, type SignalingServer } from '../../src/main/signaling/server';
import { declareIncident, screenshotsAtLaptopSizes } from './support/app';
import { addNote, copyJoinCode, joinWithCode, openConnection, Peer, requireLoopbackOnlyNetwork, sayWhoIAm } from './support/p2p';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const servers: SignalingServer[] = [];
const peers: Peer[] = [];

test.beforeAll(() => requireLoopbackOnlyNetwork());

test.afterEach(async () => {
  for (const p of peers) expect(p.errors, `uncaught errors in ${p.name}'s page`).toEqual([]);
  await Promise.all(peers.splice(0).map((p) => p.stop()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A laptop's own signaling server, on loopback, on a port of its own. */
async function laptopServer(port = 0): Promise<{ server: SignalingServer; url: string }> {
  const server = await startSignalingServer({ host: '127.0.0.1', port });
  servers.push(server);
  return { server, url: `ws://127.0.0.1:${server.port}` };
}

async function stopServer(server: SignalingServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.close();
}

/**
 * Stands in for the preload bridge of one laptop: main's rules for hosting by role (the IC and
 * the deputy host unless switched off; others only once switched on), hosting at `addresses`,
 * and `__fakeMain.move(addresses)` for the laptop's address changing (new network, new lease),
 * reported as main does, with the whole set of hosted rooms.
 */
function installFakeDesktop(initial: string[]): void {
  type Role = 'commander' | 'deputy' | 'member';
  type Choice = 'role' | 'on' | 'off';
  let addresses = [...initial];
  const choices = new Map<string, Choice>();
  const roles = new Map<string, Role>();
  const hosted = new Set<string>();
  const listeners = new Set<(change: unknown) => void>();
  const hostsBy = (choice: Choice, role: Role) => choice === 'on' || (choice === 'role' && role !== 'member');
  const choiceOf = (roomId: string): Choice => choices.get(roomId) ?? 'role';
  const roleOf = (roomId: string): Role => roles.get(roomId) ?? 'commander';
  const report = () => {
    const change = { rooms: [...hosted].map((roomId) => ({ roomId, addresses: [...addresses] })) };
    for (const listener of listeners) listener(change);
  };
  const host = (roomId: string, on: boolean) => {
    const before = hosted.has(roomId);
    if (on) hosted.add(roomId);
    else hosted.delete(roomId);
    if (before !== on) report();
  };
  const status = (roomId: string) => ({
    roomId,
    hosting: hosted.has(roomId),
    hostingEnabled: hostsBy(choiceOf(roomId), roleOf(roomId)),
    hostingChoice: choiceOf(roomId),
    role: roles.get(roomId) ?? null,
    addresses: hosted.has(roomId) ? [...addresses] : [],
    discoverable: false,
    announceTitle: false,
    discoveryEnabled: true,
  });
  const answer =
    <A extends unknown[], R>(body: (...args: A) => R) =>
    (...args: A) =>
      Promise.resolve().then(() => body(...args));
  const noop = () => () => {};
  Object.assign(window, {
    __fakeMain: {
      hosted,
      move(next: string[]) {
        addresses = [...next];
        report();
      },
    },
    sitrep: {
      appInfo: answer(() => ({ version: '0.0.0-test', platform: 'linux' })),
      saveFile: answer(() => ({ saved: false })),
      savePdf: answer(() => ({ saved: false })),
      notify: answer(() => undefined),
      openExternal: answer(() => undefined),
      hostRoom: answer((request: { roomId: string; role?: Role }) => {
        if (request.role) roles.set(request.roomId, request.role);
        const on = hostsBy(choiceOf(request.roomId), roleOf(request.roomId));
        host(request.roomId, on);
        return { signalingUrls: on ? [...addresses] : [], discoverable: false };
      }),
      stopHosting: answer(({ roomId }: { roomId: string }) => host(roomId, false)),
      hostingStatus: answer(({ roomId }: { roomId: string }) => status(roomId)),
      setRoomHosting: answer((change: { roomId: string; hosting?: boolean }) => {
        if (change.hosting !== undefined) {
          const byRole = hostsBy('role', roleOf(change.roomId));
          choices.set(change.roomId, change.hosting === byRole ? 'role' : change.hosting ? 'on' : 'off');
        }
        if (!hostsBy(choiceOf(change.roomId), roleOf(change.roomId))) host(change.roomId, false);
        return status(change.roomId);
      }),
      discoverRooms: answer(() => []),
      lanSettings: answer(() => ({ signalingPort: 45401, discoveryEnabled: false })),
      updateLanSettings: answer(() => ({ signalingPort: 45401, discoveryEnabled: false })),
      secretStorageStatus: answer(() => ({ protected: true, backend: 'test' })),
      encryptSecret: answer((secret: string) => btoa(secret)),
      decryptSecret: answer((sealed: string) => atob(sealed)),
      takeJoinLink: answer(() => null),
      onMenuCommand: noop,
      onJoinLink: noop,
      onHostingChanged: (listener: (change: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
}

/** A member on the desktop app (the fake bridge), hosting at `url` when its role or switch says so. */
async function desktopMember(name: string, url: string): Promise<{ peer: Peer; page: Page }> {
  const peer = new Peer(name);
  peers.push(peer);
  const page = await peer.start();
  await peer.context?.addInitScript(installFakeDesktop, [url]);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Join room' })).toBeVisible();
  return { peer, page };
}

async function browserMember(name: string): Promise<{ peer: Peer; page: Page }> {
  const peer = new Peer(name);
  peers.push(peer);
  return { peer, page: await peer.start() };
}

async function codeAddresses(code: string): Promise<readonly string[]> {
  const parsed = await parseJoinInput(code);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.invitation.signaling;
}

/** The connection dialog's line for one signaling server ("ws://…: reachable"). */
async function serverLine(page: Page, url: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Room connection' });
  if (!(await dialog.isVisible())) await openConnection(page);
  // The signaling list's line ("url: state"), not the hosting list's bare address.
  const line = dialog.getByRole('listitem').filter({ hasText: `${url}:` });
  return (await line.count()) === 0 ? '' : ((await line.first().textContent()) ?? '');
}

async function closeConnection(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Room connection' });
  if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

async function peersConnected(page: Page): Promise<number> {
  const dialog = page.getByRole('dialog', { name: 'Room connection' });
  if (!(await dialog.isVisible())) await openConnection(page);
  return Number(await dialog.getByLabel('Peers connected').textContent());
}

async function makeDeputy(icPage: Page, name: string): Promise<void> {
  await icPage.getByRole('button', { name: 'Assign role', exact: true }).first().click();
  const assign = icPage.getByRole('dialog', { name: 'Assign role' });
  await assign.getByLabel('Role', { exact: true }).selectOption({ label: 'Deputy' });
  await assign.getByLabel('Person', { exact: true }).selectOption({ label: name });
  await assign.getByRole('button', { name: 'Assign role' }).click();
  await expect(assign).toBeHidden();
}

const timeline = (page: Page) => page.getByRole('list', { name: 'Timeline' });

test('the IC leaves: a new member joins through the deputy’s laptop within 5 s, and the others keep syncing', async () => {
  const icServer = await laptopServer();
  const deputyServer = await laptopServer();
  const ic = await desktopMember('Avery Chen', icServer.url);
  const deputy = await desktopMember('Blake Ortiz', deputyServer.url);
  const casey = await browserMember('Casey Park');

  await declareIncident(ic.page, { title: 'Orders API returns 502', severity: 'SEV1' });
  // The IC's laptop hosts: its code carries its own server only.
  const icCode = await copyJoinCode(ic.page);
  expect(await codeAddresses(icCode)).toEqual([icServer.url]);
  await joinWithCode(deputy.page, icCode);
  await joinWithCode(casey.page, icCode);

  // Named deputy, Blake's laptop hosts by itself and tells the room where.
  await makeDeputy(ic.page, 'Blake Ortiz');
  await expect
    .poll(() => deputy.page.evaluate(() => (window as unknown as { __fakeMain: { hosted: Set<string> } }).__fakeMain.hosted.size))
    .toBe(1);
  // Casey (a browser, hosting nothing) learns the deputy's meeting point and joins it.
  await expect.poll(() => serverLine(casey.page, deputyServer.url), { timeout: 15_000 }).toMatch(/: reachable · Blake Ortiz’s laptop$/);
  await screenshotsAtLaptopSizes(casey.page, 'meeting-points-learned');
  await closeConnection(casey.page);

  // Any member's code carries the addresses live now, its own first.
  const deputyCode = await copyJoinCode(deputy.page);
  expect(await codeAddresses(deputyCode)).toEqual([deputyServer.url, icServer.url]);
  const caseyCode = await copyJoinCode(casey.page);
  expect(new Set(await codeAddresses(caseyCode))).toEqual(new Set([deputyServer.url, icServer.url]));

  // The IC closes the lid: their page and their laptop's server go.
  await ic.peer.stop();
  await stopServer(icServer.server);

  // A new member joins with the deputy's code: through the deputy's server, within 5 s.
  const dana = await browserMember('Dana Ruiz');
  await dana.page.getByRole('button', { name: 'Join room' }).click();
  const join = dana.page.getByRole('dialog', { name: 'Join a room' });
  await join.getByLabel('Join code').fill(deputyCode);
  const started = Date.now();
  await join.getByRole('button', { name: 'Join' }).click();
  await expect(dana.page.getByRole('dialog', { name: 'Who are you in this incident?' })).toBeVisible({ timeout: 5_000 });
  const joinedMs = Date.now() - started;
  console.log(`[meeting points] a new member joined through the deputy's server in ${joinedMs} ms (the IC's laptop gone)`);
  expect(joinedMs).toBeLessThan(5_000);
  await sayWhoIAm(dana.page, { newPerson: true });
  await expect.poll(() => serverLine(dana.page, deputyServer.url)).toMatch(/: reachable · Blake Ortiz’s laptop$/);
  await expect.poll(() => serverLine(dana.page, icServer.url)).toMatch(/unreachable/);
  await screenshotsAtLaptopSizes(dana.page, 'meeting-points-ic-gone');
  await closeConnection(dana.page);

  // The others keep syncing, each way.
  await addNote(casey.page, 'Rolled back orders-api to 4.18.2');
  await expect(timeline(deputy.page).getByText('Rolled back orders-api to 4.18.2')).toBeVisible({ timeout: 15_000 });
  await expect(timeline(dana.page).getByText('Rolled back orders-api to 4.18.2')).toBeVisible({ timeout: 15_000 });
  await addNote(deputy.page, '502 rate back under 0.1%');
  await expect(timeline(casey.page).getByText('502 rate back under 0.1%')).toBeVisible({ timeout: 15_000 });
  await expect(timeline(dana.page).getByText('502 rate back under 0.1%')).toBeVisible({ timeout: 15_000 });
});

test('the IC’s address changes: members follow it within 10 s, and a member that restarts finds the IC at the new address', async () => {
  const first = await laptopServer();
  const ic = await desktopMember('Avery Chen', first.url);
  const member = await browserMember('Blake Ortiz');
  await declareIncident(ic.page, { title: 'VPN concentrator flapping', severity: 'SEV2' });
  await joinWithCode(member.page, await copyJoinCode(ic.page));
  await expect.poll(() => peersConnected(member.page)).toBe(1);
  await closeConnection(member.page);

  // The IC's laptop moves to another network: its server now listens elsewhere; main reports it.
  const second = await laptopServer();
  await ic.page.evaluate((url) => (window as unknown as { __fakeMain: { move(a: string[]): void } }).__fakeMain.move([url]), second.url);
  await stopServer(first.server);
  const moved = Date.now();
  await expect.poll(() => serverLine(member.page, second.url), { timeout: 10_000 }).toMatch(/: reachable · Avery Chen’s laptop$/);
  console.log(`[meeting points] a member reached the IC's new address ${Date.now() - moved} ms after the move`);
  expect(await peersConnected(member.page)).toBe(1);
  await screenshotsAtLaptopSizes(member.page, 'meeting-points-moved');
  await closeConnection(member.page);
  // The IC's own code now carries the new address.
  expect(await codeAddresses(await copyJoinCode(ic.page))).toEqual([second.url]);

  // The member's laptop restarts (a wake, a crash): it reconnects through the address it learned,
  // with no new code, within 10 s.
  await expect
    .poll(() =>
      member.page.evaluate(async () => {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('sitrep');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('settings').objectStore('settings').getAll();
            request.onsuccess = () => resolve(request.result as unknown[]);
            request.onerror = () => reject(request.error);
          };
        });
        const room = rows.find((row) => String((row as { key: string }).key).startsWith('room:')) as { value: { signaling: string[] } };
        return room?.value.signaling ?? [];
      }),
    )
    .toContain(second.url);
  await member.page.reload();
  await member.page.getByRole('button', { name: /^SEV2 VPN concentrator flapping/ }).click();
  const reopened = Date.now();
  await expect.poll(() => peersConnected(member.page), { timeout: 10_000 }).toBe(1);
  console.log(`[meeting points] the restarted member reconnected in ${Date.now() - reopened} ms`);
  await closeConnection(member.page);
  await addNote(ic.page, 'Failed over to the standby concentrator');
  await expect(timeline(member.page).getByText('Failed over to the standby concentrator')).toBeVisible({ timeout: 15_000 });
});

test('a laptop alone with its signaling down says when it tries next, and tries at once when the network comes back', async () => {
  const server = await laptopServer();
  const ic = await desktopMember('Avery Chen', server.url);
  await declareIncident(ic.page, { title: 'Wi-Fi in the war room dropping', severity: 'SEV3' });
  const chip = ic.page.getByRole('button', { name: /^Connection:/ });
  await expect(chip).toHaveAccessibleName('Connection: Waiting for peers');
  // From here the page's timers run only when the test moves its clock: each retry happens when
  // the test says, whatever this machine's speed.
  await ic.page.clock.install();
  await ic.page.clock.pauseAt((await ic.page.evaluate(() => Date.now())) + 1000);
  const port = server.server.port;
  await stopServer(server.server);
  // The pauses before the 1st to 6th tries: at once, then 0.25, 1, 2 and 4 s (8 s before the 6th).
  for (const [i, pause] of [0, 250, 1000, 2000, 4000].entries()) {
    await ic.page.clock.runFor(pause + 1);
    const next = ['2nd', '3rd', '4th', '5th', '6th'][i];
    // The refused connection is a real network event that may come after the clock moved; what
    // it schedules then waits on the page's clock. So the clock moves on 1 ms at a time (far less
    // than the next pause) until the chip says the try failed.
    await expect(async () => {
      await ic.page.clock.runFor(1);
      await expect(chip).toHaveAccessibleName(new RegExp(`^Connection: Reconnecting, ${next} try in \\d+ s$`), { timeout: 100 });
    }).toPass({ timeout: 15_000 });
  }
  await expect(chip).toHaveAccessibleName(/^Connection: Reconnecting, 6th try in (8|9) s$/);
  await screenshotsAtLaptopSizes(ic.page, 'reconnecting');
  const dialog = await openConnection(ic.page);
  await expect(dialog.getByRole('listitem').filter({ hasText: `ws://127.0.0.1:${port}:` })).toHaveText(
    /unreachable \(5 attempts\), 6th try in (8|9) s · this laptop$/,
  );
  await screenshotsAtLaptopSizes(ic.page, 'reconnecting-dialog');
  await closeConnection(ic.page);
  // The network is back (the same port listens again) and the browser says so: the laptop tries
  // at once, with the page's clock standing still (the 8 s pause never runs out).
  servers.push(await startSignalingServer({ host: '127.0.0.1', port }));
  await ic.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(chip).toHaveAccessibleName('Connection: Waiting for peers', { timeout: 15_000 });
});
