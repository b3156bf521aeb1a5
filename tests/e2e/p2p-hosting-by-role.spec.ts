// Journey (issue 15, items 1 and 2): every desktop member can host the room's signaling. A
// responder who joined does not host until they switch "Host the room from this laptop" on; named
// deputy by the IC, their laptop hosts by itself, and when main reports the laptop's new addresses
// after a change of network the dialog and the room follow; once the incident is resolved nobody
// hosts it. Two real peers (their own browser processes, real signaling on 127.0.0.1, WebRTC
// inside the loopback-only namespace): the IC on the browser build, the responder on a fake
// desktop bridge that keeps main's hosting rules (role and switch) and records every call; main's
// LAN host itself is proven in tests/unit/hosting-by-role.test.ts and lan-address-watcher.test.ts.
// The fake's addresses are closed ports on loopback.
import { expect, test, type Page } from '@playwright/test';
import type { SignalingServer } from '../../src/main/signaling/server';
import { declareIncident, screenshotsAtLaptopSizes } from './support/app';
import {
  copyJoinCode,
  joinWithCode,
  openConnection,
  Peer,
  requireLoopbackOnlyNetwork,
  setSignalingAddress,
  startTestSignaling,
} from './support/p2p';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const ADDRESSES = ['ws://127.0.0.2:45301', 'ws://127.0.0.1:45301'];
const MOVED = ['ws://127.0.0.3:45301', 'ws://127.0.0.1:45301'];

let signaling: { server: SignalingServer; url: string };
const peers: Peer[] = [];

test.beforeAll(async () => {
  requireLoopbackOnlyNetwork();
  signaling = await startTestSignaling();
});

test.afterEach(async () => {
  for (const p of peers) expect(p.errors, `uncaught errors in ${p.name}'s page`).toEqual([]);
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});

test.afterAll(async () => {
  await signaling?.server.close();
});

/** Stands in for the preload bridge: a tiny main process with the LAN host's rules for hosting by role. */
function installFakeDesktop(initialAddresses: string[]): void {
  let addresses = [...initialAddresses];
  type Role = 'commander' | 'deputy' | 'member';
  type Choice = 'role' | 'on' | 'off';
  const choices = new Map<string, Choice>();
  const roles = new Map<string, Role>();
  const hosted = new Set<string>();
  const calls: unknown[][] = [];
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
  const record =
    <A extends unknown[], R>(name: string, body: (...args: A) => R) =>
    (...args: A) => {
      calls.push([name, ...args]);
      return Promise.resolve().then(() => body(...args));
    };
  const noop = () => () => {};
  // The laptop moved to another network: main reports the hosted rooms' new addresses.
  const move = (next: string[]) => {
    addresses = [...next];
    report();
  };
  Object.assign(window, {
    __fakeMain: { calls, hosted, move },
    sitrep: {
      appInfo: record('appInfo', () => ({ version: '0.0.0-test', platform: 'linux' })),
      saveFile: record('saveFile', () => ({ saved: false })),
      savePdf: record('savePdf', () => ({ saved: false })),
      notify: record('notify', () => undefined),
      openExternal: record('openExternal', () => undefined),
      hostRoom: record('hostRoom', (request: { roomId: string; role?: Role }) => {
        if (request.role) roles.set(request.roomId, request.role);
        const on = hostsBy(choiceOf(request.roomId), roleOf(request.roomId));
        host(request.roomId, on);
        return { signalingUrls: on ? [...addresses] : [], discoverable: false };
      }),
      stopHosting: record('stopHosting', ({ roomId }: { roomId: string }) => host(roomId, false)),
      hostingStatus: record('hostingStatus', ({ roomId }: { roomId: string }) => status(roomId)),
      setRoomHosting: record('setRoomHosting', (change: { roomId: string; hosting?: boolean }) => {
        if (change.hosting !== undefined) {
          const byRole = hostsBy('role', roleOf(change.roomId));
          choices.set(change.roomId, change.hosting === byRole ? 'role' : change.hosting ? 'on' : 'off');
        }
        if (!hostsBy(choiceOf(change.roomId), roleOf(change.roomId))) host(change.roomId, false);
        return status(change.roomId);
      }),
      discoverRooms: record('discoverRooms', () => []),
      lanSettings: record('lanSettings', () => ({ signalingPort: 45301, discoveryEnabled: true })),
      updateLanSettings: record('updateLanSettings', () => ({ signalingPort: 45301, discoveryEnabled: true })),
      secretStorageStatus: record('secretStorageStatus', () => ({ protected: true, backend: 'test' })),
      encryptSecret: record('encryptSecret', (secret: string) => btoa(secret)),
      decryptSecret: record('decryptSecret', (sealed: string) => atob(sealed)),
      takeJoinLink: record('takeJoinLink', () => null),
      onMenuCommand: noop,
      onJoinLink: noop,
      onHostingChanged: (listener: (change: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  });
}

type Call = [string, ...unknown[]];

async function mainCalls(page: Page, name: string): Promise<Call[]> {
  const calls = await page.evaluate(() => (window as unknown as { __fakeMain: { calls: unknown[][] } }).__fakeMain.calls);
  return (calls as Call[]).filter((call) => call[0] === name);
}

async function lastRoleGiven(page: Page): Promise<string | undefined> {
  const withRole = (await mainCalls(page, 'hostRoom')).map((call) => (call[1] as { role?: string }).role).filter(Boolean);
  return withRole.at(-1);
}

async function hostedRooms(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __fakeMain: { hosted: Set<string> } }).__fakeMain.hosted.size);
}

test('a responder hosts only once switched on, the deputy hosts by role and follows a change of network, and nobody hosts a resolved incident', async () => {
  const ic = new Peer('Avery Chen');
  const responder = new Peer('Blake Ortiz');
  peers.push(ic, responder);
  const [icPage, rPage] = await Promise.all([ic.start(), responder.start()]);
  // The responder's laptop runs the desktop app (here: the fake bridge), from its next load on.
  await responder.context?.addInitScript(installFakeDesktop, ADDRESSES);
  await rPage.reload();
  await expect(rPage.getByRole('button', { name: 'Join room' })).toBeVisible();

  await declareIncident(icPage, { title: 'Replica lag on orders-db', severity: 'SEV2' });
  await setSignalingAddress(icPage, signaling.url);
  await joinWithCode(rPage, await copyJoinCode(icPage));

  // A responder: main is told the role, and hosts nothing.
  await expect.poll(() => lastRoleGiven(rPage)).toBe('member');
  expect(await hostedRooms(rPage)).toBe(0);
  let dialog = await openConnection(rPage);
  const hostSwitch = dialog.getByRole('switch', { name: 'Host the room from this laptop' });
  await expect(hostSwitch).not.toBeChecked();
  await expect(dialog.getByText('Off: the incident commander and the deputy host the room.', { exact: false })).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Hosting addresses' })).toHaveCount(0);
  await screenshotsAtLaptopSizes(rPage, 'hosting-responder-off');

  // Switched on: it hosts, and says where.
  await hostSwitch.click();
  await expect(hostSwitch).toBeChecked();
  await expect(dialog.getByRole('list', { name: 'Hosting addresses' }).getByRole('listitem')).toHaveText(ADDRESSES);
  await expect(dialog.getByText('On: you switched it on.', { exact: false })).toBeVisible();
  expect(await hostedRooms(rPage)).toBe(1);
  expect((await mainCalls(rPage, 'setRoomHosting')).at(-1)?.[1]).toMatchObject({ hosting: true });
  await screenshotsAtLaptopSizes(rPage, 'hosting-responder-on');

  // Switched off again: withdrawn.
  await hostSwitch.click();
  await expect(hostSwitch).not.toBeChecked();
  expect(await hostedRooms(rPage)).toBe(0);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();

  // The IC names the responder deputy: their laptop hosts by itself.
  await icPage.getByRole('button', { name: 'Assign role', exact: true }).first().click();
  const assign = icPage.getByRole('dialog', { name: 'Assign role' });
  await assign.getByLabel('Role', { exact: true }).selectOption({ label: 'Deputy' });
  await assign.getByLabel('Person', { exact: true }).selectOption({ label: 'Blake Ortiz' });
  await assign.getByRole('button', { name: 'Assign role' }).click();
  await expect(assign).toBeHidden();
  await expect.poll(() => lastRoleGiven(rPage), { timeout: 30_000 }).toBe('deputy');
  await expect.poll(() => hostedRooms(rPage)).toBe(1);
  dialog = await openConnection(rPage);
  await expect(dialog.getByRole('switch', { name: 'Host the room from this laptop' })).toBeChecked();
  await expect(dialog.getByText('On because you are the deputy', { exact: false })).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Hosting addresses' }).getByRole('listitem')).toHaveText(ADDRESSES);
  await screenshotsAtLaptopSizes(rPage, 'hosting-deputy-on');

  // The deputy's laptop changes network: main reports it, the dialog and the room follow.
  await rPage.evaluate((next) => (window as unknown as { __fakeMain: { move(a: string[]): void } }).__fakeMain.move(next), MOVED);
  await expect(dialog.getByRole('list', { name: 'Hosting addresses' }).getByRole('listitem')).toHaveText(MOVED);
  await expect(dialog.getByText(`${MOVED[0]}:`, { exact: false })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // Resolved: nobody hosts it, and the switch says why and cannot be turned on.
  await icPage.getByLabel('Phase', { exact: true }).selectOption('resolved');
  await expect.poll(() => hostedRooms(rPage), { timeout: 30_000 }).toBe(0);
  dialog = await openConnection(rPage);
  const resolvedSwitch = dialog.getByRole('switch', { name: 'Host the room from this laptop' });
  await expect(resolvedSwitch).not.toBeChecked();
  await expect(resolvedSwitch).toBeDisabled();
  await expect(dialog.getByText('The incident is resolved: no laptop hosts it any more.', { exact: false })).toBeVisible();
  await screenshotsAtLaptopSizes(rPage, 'hosting-deputy-resolved');
});
