// Proves every IPC call checks its sender frame and validates its arguments before main acts on them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebFrameMain } from 'electron';

const electron = vi.hoisted(() => {
  const notifications: { options: { title: string; body: string }; shown: boolean }[] = [];
  class Notification {
    static isSupported = () => true;
    shown = false;
    constructor(public options: { title: string; body: string }) {
      notifications.push(this);
    }
    on() {
      return this;
    }
    show() {
      this.shown = true;
    }
  }
  return {
    notifications,
    Notification,
    app: { getVersion: () => '9.8.7', getPath: (_name: string) => '/home/ic/Documents' },
    dialog: { showSaveDialog: async (..._args: unknown[]) => ({ canceled: true, filePath: '' }) },
    shell: { openExternal: async (_url: string) => {} },
  };
});
vi.mock('electron', () => electron);

const { assertTrustedSender, guardedHandler, registerIpcHandlers, IPC_CHANNELS, sendToRenderer } = await import('../../src/main/ipc');
const { ipcArgumentValidators, IpcArgumentError, MAX_SAVE_FILE_BYTES } = await import('../../src/main/ipc-validators');
const { createMainIpcHandlers } = await import('../../src/main/ipc-handlers');
const { resolveRendererLocation } = await import('../../src/main/renderer-location');

const location = resolveRendererLocation({ mainDir: '/opt/sitrep/out/main', devServerUrl: undefined, isPackaged: true });
const OWN_PAGE = 'file:///opt/sitrep/out/renderer/index.html#/incident/1';
const mainFrame = (url: string) => ({ senderFrame: { url, parent: null } as unknown as WebFrameMain });
const subFrame = (url: string) => ({ senderFrame: { url, parent: {} } as unknown as WebFrameMain });

const saveRequest = {
  suggestedName: 'sev1-timeline.md',
  filters: [{ name: 'Markdown', extensions: ['md'] }],
  content: '# Timeline',
};

function fakeHandlers() {
  return {
    'app:info': vi.fn(() => ({ version: '1.0.0', platform: 'linux' })),
    'file:save': vi.fn(async () => ({ saved: false as const })),
    'file:save-pdf': vi.fn(async () => ({ saved: false as const })),
    'notify:show': vi.fn(),
    'external:open': vi.fn(async () => {}),
    'lan:host-room': vi.fn(async () => ({ signalingUrls: ['ws://127.0.0.1:4444'], discoverable: false })),
    'lan:stop-hosting': vi.fn(async () => {}),
    'lan:hosting-status': vi.fn(async ({ roomId }: { roomId: string }) => ({
      roomId,
      hosting: false,
      hostingEnabled: true,
      hostingChoice: 'role' as const,
      role: null,
      addresses: [],
      discoverable: false,
      announceTitle: false,
      discoveryEnabled: true,
    })),
    'lan:set-room-hosting': vi.fn(async ({ roomId }: { roomId: string }) => ({
      roomId,
      hosting: false,
      hostingEnabled: false,
      hostingChoice: 'role' as const,
      role: null,
      addresses: [],
      discoverable: false,
      announceTitle: false,
      discoveryEnabled: true,
    })),
    'lan:discover': vi.fn(async () => []),
    'lan:settings': vi.fn(async () => ({ signalingPort: 4444, discoveryEnabled: true })),
    'lan:update-settings': vi.fn(async () => ({ signalingPort: 4444, discoveryEnabled: true })),
    'secrets:status': vi.fn(() => ({ protected: true, backend: 'keychain' })),
    'secrets:encrypt': vi.fn(() => 'c2VhbGVk'),
    'secrets:decrypt': vi.fn(() => 'f'.repeat(32)),
    'deep-link:take': vi.fn(() => null),
    'app:set-menu-language': vi.fn(() => undefined),
  };
}

beforeEach(() => {
  electron.notifications.length = 0;
  vi.restoreAllMocks();
});

describe('sender frame check', () => {
  it('accepts the main frame of our own page', () => {
    expect(() => assertTrustedSender('app:info', mainFrame(OWN_PAGE), location)).not.toThrow();
  });

  it('refuses a subframe, even one showing our page', () => {
    expect(() => assertTrustedSender('app:info', subFrame(OWN_PAGE), location)).toThrow(/only the app's main frame/);
  });

  it('refuses a foreign page and a destroyed frame', () => {
    expect(() => assertTrustedSender('app:info', mainFrame('https://evil.test/'), location)).toThrow(
      /sender https:\/\/evil\.test\/ is not the Sitrep page/,
    );
    expect(() => assertTrustedSender('app:info', mainFrame('file:///tmp/index.html'), location)).toThrow(/not the Sitrep page/);
    expect(() => assertTrustedSender('app:info', { senderFrame: null }, location)).toThrow(/frame is gone/);
  });

  it('accepts only the dev server origin in development', () => {
    const dev = resolveRendererLocation({ mainDir: '/x', devServerUrl: 'http://localhost:5173', isPackaged: false });
    expect(() => assertTrustedSender('app:info', mainFrame('http://localhost:5173/'), dev)).not.toThrow();
    expect(() => assertTrustedSender('app:info', mainFrame(OWN_PAGE), dev)).toThrow(/not the Sitrep page/);
  });
});

describe('guarded handlers', () => {
  it('never runs the handler for a wrong sender', async () => {
    const handlers = fakeHandlers();
    const handle = guardedHandler('external:open', handlers, location);
    await expect(handle(mainFrame('https://evil.test/'), 'https://example.com/')).rejects.toThrow(/not the Sitrep page/);
    expect(handlers['external:open']).not.toHaveBeenCalled();
  });

  it('never runs the handler for invalid arguments', async () => {
    const handlers = fakeHandlers();
    const handle = guardedHandler('file:save', handlers, location);
    await expect(handle(mainFrame(OWN_PAGE), { ...saveRequest, suggestedName: '../../.bashrc' })).rejects.toThrow(IpcArgumentError);
    expect(handlers['file:save']).not.toHaveBeenCalled();
  });

  it('passes validated arguments through and returns the result', async () => {
    const handlers = fakeHandlers();
    await expect(guardedHandler('app:info', handlers, location)(mainFrame(OWN_PAGE))).resolves.toEqual({
      version: '1.0.0',
      platform: 'linux',
    });
    await guardedHandler('external:open', handlers, location)(mainFrame(OWN_PAGE), 'https://example.com/runbook');
    expect(handlers['external:open']).toHaveBeenCalledWith('https://example.com/runbook');
  });

  it('registers exactly the contract channels', () => {
    const ipcMain = { handle: vi.fn() };
    registerIpcHandlers(ipcMain as never, fakeHandlers(), location);
    const registered = ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(registered.sort()).toEqual([
      'app:info',
      'app:set-menu-language',
      'deep-link:take',
      'external:open',
      'file:save',
      'file:save-pdf',
      'lan:discover',
      'lan:host-room',
      'lan:hosting-status',
      'lan:set-room-hosting',
      'lan:settings',
      'lan:stop-hosting',
      'lan:update-settings',
      'notify:show',
      'secrets:decrypt',
      'secrets:encrypt',
      'secrets:status',
    ]);
    expect(IPC_CHANNELS.sort()).toEqual(registered);
  });

  it('sends typed events only to a live renderer', () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    sendToRenderer(contents, 'menu:command', 'join-room');
    expect(contents.send).toHaveBeenCalledWith('menu:command', 'join-room');
    const gone = { send: vi.fn(), isDestroyed: () => true };
    sendToRenderer(gone, 'menu:command', 'join-room');
    expect(gone.send).not.toHaveBeenCalled();
  });
});

describe('argument validators', () => {
  const v = ipcArgumentValidators;

  it('app:info takes no arguments', () => {
    expect(v['app:info']([])).toEqual([]);
    expect(() => v['app:info'](['x'])).toThrow('app:info: expected 0 arguments, got 1');
  });

  it('app:set-menu-language takes one language the menu speaks', () => {
    for (const language of ['en', 'ja', 'zh-CN', 'ru', 'en-XA']) expect(v['app:set-menu-language']([language])).toEqual([language]);
    for (const bad of ['fr', 'ja-JP', 'system', '', 42, null, { language: 'ja' }]) {
      expect(() => v['app:set-menu-language']([bad])).toThrow(IpcArgumentError);
    }
    expect(() => v['app:set-menu-language']([])).toThrow('expected 1 argument');
  });

  it('file:save accepts text and bytes', () => {
    expect(v['file:save']([saveRequest])).toEqual([saveRequest]);
    const bytes = new Uint8Array([1, 2, 3]);
    const [request] = v['file:save']([{ ...saveRequest, suggestedName: 'shot.png', content: bytes }]);
    expect(request.content).toBe(bytes);
    expect(v['file:save']([{ ...saveRequest, filters: [{ name: 'All', extensions: ['*'] }] }])).toHaveLength(1);
  });

  it.each([
    [[], /expected 1 argument, got 0/],
    [[null], /the save request must be an object, got null/],
    [[[saveRequest]], /must be an object, got an array/],
    [[{ ...saveRequest, suggestedName: 42 }], /suggestedName must be a string, got number/],
    [[{ ...saveRequest, suggestedName: '   ' }], /suggestedName is empty/],
    [[{ ...saveRequest, suggestedName: '../escape.md' }], /bare file name/],
    [[{ ...saveRequest, suggestedName: 'C:\\Windows\\x.md' }], /bare file name/],
    [[{ ...saveRequest, suggestedName: '..' }], /not a file name/],
    [[{ ...saveRequest, suggestedName: 'a'.repeat(201) }], /limit is 200/],
    [[{ ...saveRequest, filters: 'md' }], /filters must be an array, got string/],
    [[{ ...saveRequest, filters: [{ name: 'Markdown', extensions: [] }] }], /non-empty array/],
    [[{ ...saveRequest, filters: [{ name: 'Markdown', extensions: ['.md'] }] }], /without the dot/],
    [[{ ...saveRequest, filters: [{ name: 'Markdown', extensions: ['md'], extra: 1 }] }], /unexpected field\(s\): extra/],
    [[{ ...saveRequest, content: 42 }], /content must be a string or a Uint8Array, got number/],
    [[{ ...saveRequest, content: { length: 1 } }], /content must be a string or a Uint8Array, got object/],
    [[{ ...saveRequest, path: '/etc/passwd' }], /unexpected field\(s\): path/],
  ])('file:save rejects %j', (raw, message) => {
    expect(() => v['file:save'](raw)).toThrow(message);
    expect(() => v['file:save'](raw)).toThrow(/^file:save: /);
  });

  it('file:save refuses content over the size limit', () => {
    const huge = { byteLength: MAX_SAVE_FILE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(() => v['file:save']([{ ...saveRequest, content: huge }])).toThrow(/larger than/);
  });

  it('notify:show accepts a title and body', () => {
    expect(v['notify:show']([{ title: 'Status update due', body: 'SEV1: next update in 5 min' }])).toEqual([
      { title: 'Status update due', body: 'SEV1: next update in 5 min' },
    ]);
  });

  it.each([
    [[{ title: '', body: 'x' }], /title is empty/],
    [[{ title: 'x' }], /body must be a string, got undefined/],
    [[{ title: 'x'.repeat(201), body: '' }], /limit is 200/],
    [['Status update due'], /the notification must be an object, got string/],
    [[{ title: 'x', body: 'y', icon: '/etc/passwd' }], /unexpected field\(s\): icon/],
  ])('notify:show rejects %j', (raw, message) => {
    expect(() => v['notify:show'](raw)).toThrow(message);
  });

  it.each(['https://example.com/a?b=c', 'http://10.0.0.5:8080/', 'mailto:comms@example.com'])('external:open accepts %s', (url) => {
    expect(v['external:open']([url])).toEqual([new URL(url).href]);
  });

  it.each([
    ['javascript:alert(1)', /Refusing to open a "javascript:" link; only http, https and mailto/],
    ['file:///etc/passwd', /"file:" link/],
    ['data:text/html,x', /"data:" link/],
    ['sitrep://join/abc', /"sitrep:" link/],
    ['ms-settings:', /"ms-settings:" link/],
    ['https://user:pw@example.com/', /user name or password/],
    ['/relative/path', /not an absolute URL/],
    [42, /must be a string, got number/],
    ['', /empty/],
    [`https://example.com/${'a'.repeat(9000)}`, /limit is 8192/],
  ])('external:open rejects %s', (url, message) => {
    expect(() => v['external:open']([url])).toThrow(message);
    expect(() => v['external:open']([url])).toThrow(/^external:open: /);
  });
});

describe('main handler behaviour', () => {
  const window = { isDestroyed: () => false, isMinimized: () => false, restore: vi.fn(), focus: vi.fn() };

  it('app:info reports the app version and platform', () => {
    const handlers = createMainIpcHandlers({ getMainWindow: () => null });
    expect(handlers['app:info']()).toEqual({ version: '9.8.7', platform: process.platform });
  });

  it('file:save writes the chosen path and reports it', async () => {
    const showSaveDialog = vi
      .spyOn(electron.dialog, 'showSaveDialog')
      .mockResolvedValue({ canceled: false, filePath: '/home/ic/Documents/sev1.md' });
    const writeFile = vi.fn(async () => {});
    const handlers = createMainIpcHandlers({ getMainWindow: () => window as never, writeFile });
    await expect(handlers['file:save'](saveRequest)).resolves.toEqual({ saved: true, path: '/home/ic/Documents/sev1.md' });
    expect(writeFile).toHaveBeenCalledWith('/home/ic/Documents/sev1.md', '# Timeline');
    expect(showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ defaultPath: '/home/ic/Documents/sev1-timeline.md', filters: saveRequest.filters }),
    );
  });

  it('file:save writes nothing when the dialog is cancelled', async () => {
    vi.spyOn(electron.dialog, 'showSaveDialog').mockResolvedValue({ canceled: true, filePath: '' });
    const writeFile = vi.fn(async () => {});
    const handlers = createMainIpcHandlers({ getMainWindow: () => null, writeFile });
    await expect(handlers['file:save'](saveRequest)).resolves.toEqual({ saved: false });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('notify:show shows a desktop notification', () => {
    createMainIpcHandlers({ getMainWindow: () => null })['notify:show']({ title: 'Update due', body: 'SEV1' });
    expect(electron.notifications).toHaveLength(1);
    expect(electron.notifications[0]?.options).toEqual({ title: 'Update due', body: 'SEV1' });
    expect(electron.notifications[0]?.shown).toBe(true);
  });

  it('notify:show says so when the system has no notifications', () => {
    vi.spyOn(electron.Notification, 'isSupported').mockReturnValue(false);
    expect(() => createMainIpcHandlers({ getMainWindow: () => null })['notify:show']({ title: 't', body: 'b' })).toThrow(
      /not supported on this system/,
    );
  });

  it('external:open hands the validated URL to the shell', async () => {
    const openExternal = vi.spyOn(electron.shell, 'openExternal').mockResolvedValue();
    await createMainIpcHandlers({ getMainWindow: () => null })['external:open']('https://example.com/');
    expect(openExternal).toHaveBeenCalledWith('https://example.com/');
  });
});
