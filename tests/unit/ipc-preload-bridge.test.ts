// Proves the preload exposes exactly the contract's calls as window.sitrep and relays only valid menu commands.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { SITREP_API_CHANNELS, SITREP_API_KEYS, type SitrepApi } from '../../src/shared/ipc';

const exposed = vi.hoisted(() => new Map<string, unknown>());
const ipcRenderer = vi.hoisted(() => {
  // Defined inside the hoisted block: imports are not yet available here.
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    invoke: vi.fn(async (..._args: unknown[]) => 'result'),
    on(channel: string, listener: (...args: unknown[]) => void) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return this;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      listeners.get(channel)?.delete(listener);
      return this;
    },
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, ...args);
    },
    count: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

await import('../../src/preload/index');
const api = exposed.get('sitrep') as SitrepApi;

describe('preload bridge', () => {
  it('exposes one global, window.sitrep', () => {
    expect([...exposed.keys()]).toEqual(['sitrep']);
  });

  it('exposes exactly the contract keys, all functions', () => {
    expect(Object.keys(api).sort()).toEqual([...SITREP_API_KEYS].sort());
    expect(Object.keys(api).sort()).toEqual([
      'appInfo',
      'decryptSecret',
      'discoverRooms',
      'encryptSecret',
      'hostRoom',
      'hostingStatus',
      'lanSettings',
      'notify',
      'onHostingChanged',
      'onJoinLink',
      'onMenuCommand',
      'openExternal',
      'saveFile',
      'savePdf',
      'secretStorageStatus',
      'setMenuLanguage',
      'setRoomHosting',
      'stopHosting',
      'takeJoinLink',
      'updateLanSettings',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('forwards each call to its contract channel with only the arguments', async () => {
    await api.appInfo();
    await api.saveFile({ suggestedName: 'a.md', filters: [], content: 'x' });
    await api.notify({ title: 't', body: 'b' });
    await api.openExternal('https://example.com/');
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [SITREP_API_CHANNELS.appInfo],
      [SITREP_API_CHANNELS.saveFile, { suggestedName: 'a.md', filters: [], content: 'x' }],
      [SITREP_API_CHANNELS.notify, { title: 't', body: 'b' }],
      [SITREP_API_CHANNELS.openExternal, 'https://example.com/'],
    ]);
  });

  it('relays valid menu commands without the IPC event, drops unknown ones, and unsubscribes', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const received: unknown[][] = [];
    const unsubscribe = api.onMenuCommand((...args: unknown[]) => received.push(args));
    ipcRenderer.emit('menu:command', 'declare-incident');
    ipcRenderer.emit('menu:command', 'rm -rf');
    ipcRenderer.emit('menu:command', 'toggle-theme');
    expect(received).toEqual([['declare-incident'], ['toggle-theme']]);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('unknown menu command'), 'rm -rf');
    unsubscribe();
    expect(ipcRenderer.count('menu:command')).toBe(0);
    ipcRenderer.emit('menu:command', 'join-room');
    expect(received).toHaveLength(2);
    error.mockRestore();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api.onMenuCommand('nope' as never)).toThrow(/needs a listener function/);
  });
});

// A sandboxed preload can only require a handful of Electron-provided modules, so the built
// bundle must have inlined everything else. Runs after `npm run build`.
const builtPreload = resolve(import.meta.dirname, '../../out/preload/index.cjs');
describe.skipIf(!existsSync(builtPreload))('built preload bundle (out/preload/index.cjs)', () => {
  it('requires nothing but electron', () => {
    const source = readFileSync(builtPreload, 'utf8');
    const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\bimport\s*\(/);
  });
});
