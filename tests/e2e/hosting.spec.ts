// Journey: the commander's laptop hosts signaling only while it hosts an active room, and shows it.
// The desktop app's main process cannot run here, so one test runs the real renderer over a fake
// `window.sitrep` bridge that keeps hosting state as main's LAN host does and records every call
// (the LAN host itself is proven in tests/unit/lan-host.test.ts); the other shows what the plain
// browser build says. The fake's addresses are closed ports on loopback: nothing leaves 127.0.0.x.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BrowserProfile, completeFirstRun, declareIncident, screenshotsAtLaptopSizes, StillClock } from './support/app';

const START = new Date('2026-03-02T09:00:00Z');
const ADDRESSES = ['ws://127.0.0.2:45201', 'ws://127.0.0.1:45201'];

/** Stands in for the preload bridge: a tiny main process with the LAN host's hosting rules. */
function installFakeDesktop(addresses: string[]): void {
  type Choice = { hosting: boolean; announceTitle: boolean };
  const choices = new Map<string, Choice>();
  const hosted = new Set<string>();
  const calls: unknown[][] = [];
  const choiceOf = (roomId: string): Choice => choices.get(roomId) ?? { hosting: true, announceTitle: false };
  const status = (roomId: string) => ({
    roomId,
    hosting: hosted.has(roomId),
    hostingEnabled: choiceOf(roomId).hosting,
    addresses: hosted.has(roomId) ? [...addresses] : [],
    discoverable: hosted.has(roomId),
    announceTitle: choiceOf(roomId).announceTitle,
    discoveryEnabled: true,
  });
  const record =
    <A extends unknown[], R>(name: string, body: (...args: A) => R) =>
    (...args: A) => {
      calls.push([name, ...args]);
      return Promise.resolve().then(() => body(...args));
    };
  const noop = () => () => {};
  Object.assign(window, {
    __fakeMain: { calls, hosted },
    sitrep: {
      appInfo: record('appInfo', () => ({ version: '0.0.0-test', platform: 'linux' })),
      saveFile: record('saveFile', () => ({ saved: false })),
      savePdf: record('savePdf', () => ({ saved: false })),
      notify: record('notify', () => undefined),
      openExternal: record('openExternal', () => undefined),
      hostRoom: record('hostRoom', (request: { roomId: string }) => {
        if (!choiceOf(request.roomId).hosting) return { signalingUrls: [], discoverable: false };
        hosted.add(request.roomId);
        return { signalingUrls: [...addresses], discoverable: true };
      }),
      stopHosting: record('stopHosting', ({ roomId }: { roomId: string }) => {
        hosted.delete(roomId);
      }),
      hostingStatus: record('hostingStatus', ({ roomId }: { roomId: string }) => status(roomId)),
      setRoomHosting: record('setRoomHosting', (change: { roomId: string; hosting?: boolean; announceTitle?: boolean }) => {
        const before = choiceOf(change.roomId);
        choices.set(change.roomId, {
          hosting: change.hosting ?? before.hosting,
          announceTitle: change.announceTitle ?? before.announceTitle,
        });
        if (change.hosting === false) hosted.delete(change.roomId);
        return status(change.roomId);
      }),
      discoverRooms: record('discoverRooms', () => []),
      lanSettings: record('lanSettings', () => ({ signalingPort: 45201, discoveryEnabled: true })),
      updateLanSettings: record('updateLanSettings', () => ({ signalingPort: 45201, discoveryEnabled: true })),
      secretStorageStatus: record('secretStorageStatus', () => ({ protected: true, backend: 'test' })),
      encryptSecret: record('encryptSecret', (secret: string) => btoa(secret)),
      decryptSecret: record('decryptSecret', (sealed: string) => atob(sealed)),
      takeJoinLink: record('takeJoinLink', () => null),
      onMenuCommand: noop,
      onJoinLink: noop,
    },
  });
}

type Call = [string, ...unknown[]];

async function mainCalls(page: Page, name: string): Promise<Call[]> {
  const calls = await page.evaluate(() => (window as unknown as { __fakeMain: { calls: unknown[][] } }).__fakeMain.calls);
  return (calls as Call[]).filter((call) => call[0] === name);
}

async function hostedRooms(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __fakeMain: { hosted: Set<string> } }).__fakeMain.hosted.size);
}

async function openConnectionDialog(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Room connection' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function closeDialog(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

test('the desktop app hosts an active room, shows where, stops and starts on request, and stops when resolved or left', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await page.addInitScript(installFakeDesktop, ADDRESSES);
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout latency', severity: 'SEV2' });

    // Declaring hosts the room; the dialog says where, with the title not announced.
    await expect.poll(() => hostedRooms(page)).toBe(1);
    let dialog = await openConnectionDialog(page);
    await expect(dialog.getByText('Hosting signaling on')).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Hosting addresses' }).getByRole('listitem')).toHaveText(ADDRESSES);
    const announce = dialog.getByRole('switch', { name: 'Announce the title and my name nearby' });
    await expect(announce).not.toBeChecked();
    await expect(dialog.getByText('Off: laptops on this network see only “Unnamed room” at this laptop’s address.')).toBeVisible();
    await screenshotsAtLaptopSizes(page, 'hosting-on');

    // The commander announces the title, then stops hosting.
    await announce.click();
    await expect(announce).toBeChecked();
    expect((await mainCalls(page, 'setRoomHosting')).at(-1)?.[1]).toMatchObject({ announceTitle: true });
    await dialog.getByRole('button', { name: 'Stop hosting' }).click();
    await expect(dialog.getByText('Not hosting: you stopped hosting this room.', { exact: false })).toBeVisible();
    expect(await hostedRooms(page)).toBe(0);
    await screenshotsAtLaptopSizes(page, 'hosting-stopped');

    // Start hosting hosts it again.
    await dialog.getByRole('button', { name: 'Start hosting' }).click();
    await expect(dialog.getByText('Hosting signaling on')).toBeVisible();
    expect(await hostedRooms(page)).toBe(1);

    // The desktop's own hosting settings: the port, checked, and local discovery.
    await dialog.getByRole('button', { name: 'Network settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Network settings' });
    await expect(settings.getByLabel('Hosting port')).toHaveValue('45201');
    await expect(settings.getByRole('checkbox', { name: 'Local discovery' })).toBeChecked();
    await screenshotsAtLaptopSizes(page, 'hosting-network-settings');
    await settings.getByLabel('Hosting port').fill('80');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings.getByText('The hosting port must be a whole number from 1024 to 65535, not “80”.')).toBeVisible();
    expect(await mainCalls(page, 'updateLanSettings')).toEqual([]);
    await settings.getByLabel('Hosting port').fill('45210');
    await settings.getByRole('checkbox', { name: 'Local discovery' }).uncheck();
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect(settings).toBeHidden();
    expect(await mainCalls(page, 'updateLanSettings')).toEqual([['updateLanSettings', { signalingPort: 45210, discoveryEnabled: false }]]);
    dialog = page.getByRole('dialog', { name: 'Room connection' });
    if (await dialog.isVisible()) await closeDialog(dialog);

    // Resolving stops hosting; the dialog says why and offers no start.
    await page.getByLabel('Phase', { exact: true }).selectOption('resolved');
    await expect.poll(() => hostedRooms(page)).toBe(0);
    dialog = await openConnectionDialog(page);
    await expect(dialog.getByText('Not hosting: the incident is resolved', { exact: false })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Start hosting' })).toHaveCount(0);
    await screenshotsAtLaptopSizes(page, 'hosting-resolved');
    await closeDialog(dialog);

    // Reopening hosts again; leaving the incident withdraws it.
    await page.getByLabel('Phase', { exact: true }).selectOption('monitoring');
    await expect.poll(() => hostedRooms(page)).toBe(1);
    await page.getByRole('button', { name: '← Incidents' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
    await expect.poll(() => hostedRooms(page)).toBe(0);
    const roomIds = new Set((await mainCalls(page, 'stopHosting')).map((call) => (call[1] as { roomId: string }).roomId));
    expect(roomIds.size).toBe(1);
  } finally {
    await profile.dispose();
  }
});

test('the browser build says that it does not host signaling', async () => {
  const profile = new BrowserProfile();
  try {
    const page = await profile.start();
    await StillClock.start(page, START);
    await completeFirstRun(page, 'Avery Commander');
    await declareIncident(page, { title: 'Checkout latency', severity: 'SEV2' });
    const dialog = await openConnectionDialog(page);
    await expect(
      dialog.getByText('This browser does not host signaling; the Sitrep desktop app hosts it on the local network.'),
    ).toBeVisible();
    await expect(dialog.getByRole('button', { name: /hosting/ })).toHaveCount(0);
    await screenshotsAtLaptopSizes(page, 'hosting-browser');
  } finally {
    await profile.dispose();
  }
});
