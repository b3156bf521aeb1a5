// Proves both platform adapters honour the PlatformAdapter contract, and getPlatform picks the right one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NearbyRoom, SitrepApi } from '../../src/shared/ipc';
import { createBrowserPlatform, mimeTypeFor } from '../../src/renderer/platform/browser';
import { createElectronPlatform } from '../../src/renderer/platform/electron';

interface FakeLink {
  href: string;
  download: string;
  rel: string;
  style: { display: string };
  click: () => void;
  remove: () => void;
}

let links: FakeLink[];
let clicked: { href: string; download: string; blob: Blob | undefined }[];
const blobs = new Map<string, Blob>();

beforeEach(() => {
  links = [];
  clicked = [];
  vi.stubGlobal('document', {
    createElement: (tag: string) => {
      expect(tag).toBe('a');
      const link: FakeLink = {
        href: '',
        download: '',
        rel: '',
        style: { display: '' },
        click: () => clicked.push({ href: link.href, download: link.download, blob: blobs.get(link.href) }),
        remove: () => links.splice(links.indexOf(link), 1),
      };
      return link;
    },
    body: { append: (link: FakeLink) => links.push(link) },
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const href = `blob:sitrep/${blobs.size}`;
    blobs.set(href, blob as Blob);
    return href;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation((href) => void blobs.delete(href));
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('browser platform', () => {
  const platform = createBrowserPlatform('1.2.3');

  it('is the browser kind and reports its version', async () => {
    expect(platform.kind).toBe('browser');
    await expect(platform.appInfo()).resolves.toEqual({ version: '1.2.3', platform: 'web' });
  });

  it('saves by downloading a blob with the suggested name, then cleans up', async () => {
    const result = await platform.saveFile({
      suggestedName: 'sev1-timeline.md',
      filters: [{ name: 'Markdown', extensions: ['md'] }],
      content: '# Timeline',
    });
    expect(result).toEqual({ saved: true });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('sev1-timeline.md');
    expect(clicked[0]?.blob?.type).toBe('text/markdown;charset=utf-8');
    await expect(clicked[0]?.blob?.text()).resolves.toBe('# Timeline');
    expect(links).toHaveLength(0);
    await vi.waitFor(() => expect(blobs.size).toBe(0));
  });

  it('saves bytes as they are', async () => {
    await platform.saveFile({ suggestedName: 'shot.png', filters: [], content: new Uint8Array([137, 80, 78, 71]) });
    const blob = clicked[0]?.blob;
    if (!blob) throw new Error('no file was saved');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes]).toEqual([137, 80, 78, 71]);
    expect(clicked[0]?.blob?.type).toBe('image/png');
  });

  it('refuses a file name with folders', async () => {
    await expect(platform.saveFile({ suggestedName: '../x.md', filters: [], content: '' })).rejects.toThrow(/must not contain folders/);
    expect(clicked).toHaveLength(0);
  });

  it('picks a MIME type from the extension', () => {
    expect(mimeTypeFor('review.HTML')).toBe('text/html;charset=utf-8');
    expect(mimeTypeFor('timeline.csv')).toBe('text/csv;charset=utf-8');
    expect(mimeTypeFor('incident.json')).toBe('application/json;charset=utf-8');
    expect(mimeTypeFor('noextension')).toBe('application/octet-stream');
  });

  it('opens http(s) and mailto links in a new tab without an opener', async () => {
    const open = vi.fn(() => null);
    vi.stubGlobal('window', { open });
    await platform.openExternal('https://status.example.com/');
    await platform.openExternal('mailto:comms@example.com');
    expect(open.mock.calls).toEqual([
      ['https://status.example.com/', '_blank', 'noopener,noreferrer'],
      ['mailto:comms@example.com', '_blank', 'noopener,noreferrer'],
    ]);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'sitrep://join/x'])('refuses to open %s', async (url) => {
    const open = vi.fn();
    vi.stubGlobal('window', { open });
    await expect(platform.openExternal(url)).rejects.toThrow(/only http, https and mailto/);
    expect(open).not.toHaveBeenCalled();
  });

  it('asks for notification permission once, then notifies', async () => {
    const shown: unknown[][] = [];
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = vi.fn(async () => {
        FakeNotification.permission = 'granted';
        return 'granted' as const;
      });
      constructor(...args: unknown[]) {
        shown.push(args);
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    await platform.notify('Status update due', 'SEV1 update overdue by 5 min');
    await platform.notify('Escalate', 'Page the engineering director');
    expect(FakeNotification.requestPermission).toHaveBeenCalledOnce();
    expect(shown).toEqual([
      ['Status update due', { body: 'SEV1 update overdue by 5 min' }],
      ['Escalate', { body: 'Page the engineering director' }],
    ]);
  });

  it('says why it cannot notify', async () => {
    // A stand-in for the browser's Notification constructor, which has a static permission.
    vi.stubGlobal(
      'Notification',
      Object.assign(() => undefined, { permission: 'denied' }),
    );
    await expect(platform.notify('t', 'b')).rejects.toThrow(/not allowed \(permission: denied\)/);
    vi.stubGlobal('Notification', undefined);
    await expect(platform.notify('t', 'b')).rejects.toThrow(/not supported in this browser/);
  });

  it('has no menu, but returns a working unsubscribe', () => {
    const unsubscribe = platform.onMenuCommand(() => {});
    expect(typeof unsubscribe).toBe('function');
    expect(() => unsubscribe()).not.toThrow();
  });
});

describe('electron platform', () => {
  const ROOM = '0123456789abcdef0123456789abcdef';
  function fakeBridge() {
    const unsubscribe = vi.fn();
    const bridge = {
      appInfo: vi.fn(async () => ({ version: '0.1.0', platform: 'linux' })),
      saveFile: vi.fn(async () => ({ saved: true as const, path: '/home/ic/x.md' })),
      savePdf: vi.fn(async () => ({ saved: true as const, path: '/home/ic/x.pdf' })),
      notify: vi.fn(async () => {}),
      openExternal: vi.fn(async () => {}),
      onMenuCommand: vi.fn(() => unsubscribe),
      hostRoom: vi.fn(async () => ({ signalingUrls: ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'], discoverable: true })),
      stopHosting: vi.fn(async () => {}),
      hostingStatus: vi.fn(async ({ roomId }: { roomId: string }) => ({
        roomId,
        hosting: true,
        hostingEnabled: true,
        hostingChoice: 'role' as const,
        role: null,
        addresses: ['ws://192.168.1.20:4444'],
        discoverable: true,
        announceTitle: false,
        discoveryEnabled: true,
      })),
      setRoomHosting: vi.fn(async ({ roomId }: { roomId: string }) => ({
        roomId,
        hosting: false,
        hostingEnabled: false,
        hostingChoice: 'role' as const,
        role: null,
        addresses: [] as string[],
        discoverable: false,
        announceTitle: false,
        discoveryEnabled: true,
      })),
      discoverRooms: vi.fn(async (_timeoutMs?: number) => [] as NearbyRoom[]),
      lanSettings: vi.fn(async () => ({ signalingPort: 4444, discoveryEnabled: true })),
      updateLanSettings: vi.fn(async () => ({ signalingPort: 4500, discoveryEnabled: true })),
      onJoinLink: vi.fn(() => unsubscribe),
      onHostingChanged: vi.fn(() => unsubscribe),
      takeJoinLink: vi.fn(async () => null as string | null),
      setMenuLanguage: vi.fn(async (_language: string) => undefined),
      secretStorageStatus: vi.fn(async () => ({ protected: true, backend: 'keychain' })),
      encryptSecret: vi.fn(async () => 'c2VhbGVk'),
      decryptSecret: vi.fn(async () => 'f'.repeat(32)),
    } satisfies SitrepApi;
    return { bridge, unsubscribe };
  }

  it('forwards every call to window.sitrep', async () => {
    const { bridge, unsubscribe } = fakeBridge();
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('electron');
    await expect(platform.appInfo()).resolves.toEqual({ version: '0.1.0', platform: 'linux' });
    const request = { suggestedName: 'x.md', filters: [], content: 'x' };
    await expect(platform.saveFile(request)).resolves.toEqual({ saved: true, path: '/home/ic/x.md' });
    expect(bridge.saveFile).toHaveBeenCalledWith(request);
    await platform.notify('Update due', 'SEV2');
    expect(bridge.notify).toHaveBeenCalledWith({ title: 'Update due', body: 'SEV2' });
    await platform.openExternal('https://example.com/');
    expect(bridge.openExternal).toHaveBeenCalledWith('https://example.com/');
    const listener = vi.fn();
    expect(platform.onMenuCommand(listener)).toBe(unsubscribe);
    expect(bridge.onMenuCommand).toHaveBeenCalledWith(listener);
  });

  it('passes main-process rejections through to the caller', async () => {
    const { bridge } = fakeBridge();
    bridge.openExternal.mockRejectedValueOnce(new Error('external:open: Refusing to open a "file:" link'));
    await expect(createElectronPlatform(bridge).openExternal('file:///x')).rejects.toThrow(/Refusing/);
  });

  it('forwards lan calls to window.sitrep and reports the LAN as available', async () => {
    const { bridge } = fakeBridge();
    const platform = createElectronPlatform(bridge);
    expect(platform.lanAvailable).toBe(true);
    const request = { roomId: ROOM, title: 'Checkout down', hostName: 'Ada' };
    await expect(platform.hostRoom(request)).resolves.toEqual({
      signalingUrls: ['ws://192.168.1.20:4444', 'ws://127.0.0.1:4444'],
      discoverable: true,
    });
    expect(bridge.hostRoom).toHaveBeenCalledWith(request);
    await platform.stopHosting(ROOM);
    expect(bridge.stopHosting).toHaveBeenCalledWith({ roomId: ROOM });
    await expect(platform.hostingStatus(ROOM)).resolves.toMatchObject({ hosting: true, addresses: ['ws://192.168.1.20:4444'] });
    expect(bridge.hostingStatus).toHaveBeenCalledWith({ roomId: ROOM });
    await expect(platform.setRoomHosting({ roomId: ROOM, hosting: false })).resolves.toMatchObject({ hostingEnabled: false });
    expect(bridge.setRoomHosting).toHaveBeenCalledWith({ roomId: ROOM, hosting: false });
    await platform.discoverRooms();
    await platform.discoverRooms(3000);
    // No argument at all when none was given: main's validator counts arguments.
    expect(bridge.discoverRooms.mock.calls).toEqual([[], [3000]]);
    await expect(platform.lanSettings()).resolves.toEqual({ signalingPort: 4444, discoveryEnabled: true });
    await platform.updateLanSettings({ signalingPort: 4500 });
    expect(bridge.updateLanSettings).toHaveBeenCalledWith({ signalingPort: 4500 });
  });

  it("strips Electron's remote-call prefix so the UI can show main's sentence", async () => {
    const { bridge } = fakeBridge();
    bridge.hostRoom.mockRejectedValueOnce(
      new Error("Error invoking remote method 'lan:host-room': LanHostError: Ports 4444 to 4448 are all in use on this computer."),
    );
    await expect(createElectronPlatform(bridge).hostRoom({ roomId: ROOM, title: 't', hostName: 'h' })).rejects.toThrow(
      /^Ports 4444 to 4448 are all in use on this computer\.$/,
    );
  });
});

describe('browser platform without a LAN host', () => {
  const ROOM = '0123456789abcdef0123456789abcdef';

  it('has no LAN host: configured addresses, nothing nearby, settings refused with a reason', async () => {
    const platform = createBrowserPlatform('1.2.3', { signalingUrls: ['ws://signal.example:4444'] });
    expect(platform.lanAvailable).toBe(false);
    await expect(platform.hostRoom({ roomId: ROOM, title: 't', hostName: 'h' })).resolves.toEqual({
      signalingUrls: ['ws://signal.example:4444'],
      discoverable: false,
    });
    await expect(platform.discoverRooms(1000)).resolves.toEqual([]);
    await expect(platform.stopHosting(ROOM)).resolves.toBeUndefined();
    await expect(platform.hostingStatus(ROOM)).resolves.toMatchObject({ hosting: false, addresses: [] });
    await expect(platform.setRoomHosting({ roomId: ROOM, hosting: true })).rejects.toThrow(/need the Sitrep desktop app/);
    await expect(platform.lanSettings()).rejects.toThrow(/need the Sitrep desktop app/);
    await expect(platform.updateLanSettings({ discoveryEnabled: false })).rejects.toThrow(/need the Sitrep desktop app/);
    await expect(createBrowserPlatform('1.2.3').hostRoom({ roomId: ROOM, title: 't', hostName: 'h' })).resolves.toEqual({
      signalingUrls: [],
      discoverable: false,
    });
  });
});

describe('getPlatform', () => {
  it('picks electron when window.sitrep exists', async () => {
    vi.resetModules();
    const bridge = { appInfo: vi.fn(), saveFile: vi.fn(), notify: vi.fn(), openExternal: vi.fn(), onMenuCommand: vi.fn() };
    vi.stubGlobal('window', { sitrep: bridge });
    const { getPlatform } = await import('../../src/renderer/platform/index');
    expect(getPlatform().kind).toBe('electron');
    expect(getPlatform()).toBe(getPlatform());
  });

  it('picks the browser otherwise, with the package version', async () => {
    vi.resetModules();
    vi.stubGlobal('window', {});
    const { getPlatform } = await import('../../src/renderer/platform/index');
    expect(getPlatform().kind).toBe('browser');
    const { version } = await import('../../package.json');
    await expect(getPlatform().appInfo()).resolves.toEqual({ version, platform: 'web' });
  });
});
