// Proves the data-folder override and the single-instance lock behave as the tests and users rely on.
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../src/main/single-instance';
import { resolveUserDataOverride, USER_DATA_ENV } from '../../src/main/user-data';

describe('user data folder override', () => {
  it('keeps the default when nothing is set', () => {
    expect(resolveUserDataOverride(['electron', '.'], {})).toBeUndefined();
  });

  it('reads --user-data-dir= from the command line', () => {
    expect(resolveUserDataOverride(['electron', '.', '--user-data-dir=/tmp/sitrep-a'], {})).toBe('/tmp/sitrep-a');
  });

  it('reads SITREP_USER_DATA from the environment', () => {
    expect(resolveUserDataOverride([], { [USER_DATA_ENV]: '/tmp/sitrep-b' })).toBe('/tmp/sitrep-b');
  });

  it('prefers the command line over the environment', () => {
    expect(resolveUserDataOverride(['--user-data-dir=/tmp/a'], { SITREP_USER_DATA: '/tmp/b' })).toBe('/tmp/a');
  });

  it('resolves a relative folder against the working directory and ignores blanks', () => {
    expect(resolveUserDataOverride(['--user-data-dir=data'], {}, '/work')).toBe(resolve('/work', 'data'));
    expect(resolveUserDataOverride(['--user-data-dir='], { SITREP_USER_DATA: '  ' })).toBeUndefined();
  });
});

describe('single instance', () => {
  function fakeApp(lock: boolean) {
    return Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => lock) });
  }

  it('reports when another instance already runs', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('focuses and restores the first window when a second instance starts', () => {
    const app = fakeApp(true);
    const window = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
    };
    expect(claimSingleInstance(app as never, () => window as never)).toBe(true);
    app.emit('second-instance', {}, ['sitrep'], '/');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('does nothing when the first instance has no window yet', () => {
    const app = fakeApp(true);
    claimSingleInstance(app as never, () => null);
    expect(() => app.emit('second-instance', {}, [], '/')).not.toThrow();
  });
});
