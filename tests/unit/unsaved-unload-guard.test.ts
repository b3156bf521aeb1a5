// The window close is held up only while something is unsaved, and let through once resolved;
// main finishes a quit that the renderer held up once the renderer closes the window itself.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installUnloadGuard } from '../../src/renderer/features/unsaved/unloadGuard';

vi.mock('electron', () => ({ BrowserWindow: class {} }));
const { finishQuitHeldByRenderer } = await import('../../src/main/window');

function beforeUnload(target: EventTarget): Event {
  const event = new Event('beforeunload', { cancelable: true });
  target.dispatchEvent(event);
  return event;
}

describe('installUnloadGuard', () => {
  it('lets a close through when everything is saved', () => {
    const target = new EventTarget();
    const onHeld = vi.fn();
    installUnloadGuard(target, () => false, onHeld);
    expect(beforeUnload(target).defaultPrevented).toBe(false);
    expect(onHeld).not.toHaveBeenCalled();
  });

  it('holds a close up while something is unsaved and asks, until the user resolved it', () => {
    const target = new EventTarget();
    const onHeld = vi.fn();
    const guard = installUnloadGuard(target, () => true, onHeld);
    const event = beforeUnload(target);
    expect(event.defaultPrevented).toBe(true);
    expect(onHeld).toHaveBeenCalledTimes(1);

    guard.allowClose();
    expect(beforeUnload(target).defaultPrevented).toBe(false);
    expect(onHeld).toHaveBeenCalledTimes(1);
  });

  it('keeps later beforeunload listeners (a room leaving its peers) from acting on a close it holds up', () => {
    const target = new EventTarget();
    let unsaved = true;
    const guard = installUnloadGuard(
      target,
      () => unsaved,
      () => undefined,
    );
    const leaveRoom = vi.fn();
    target.addEventListener('beforeunload', leaveRoom);
    beforeUnload(target);
    expect(leaveRoom).not.toHaveBeenCalled();
    unsaved = false;
    beforeUnload(target);
    expect(leaveRoom).toHaveBeenCalledTimes(1);
    guard.dispose();
  });

  it('stops listening once disposed', () => {
    const target = new EventTarget();
    const guard = installUnloadGuard(
      target,
      () => true,
      () => undefined,
    );
    guard.dispose();
    expect(beforeUnload(target).defaultPrevented).toBe(false);
  });
});

describe('finishQuitHeldByRenderer', () => {
  function fakes() {
    const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
    const window = Object.assign(new EventEmitter(), { webContents: new EventEmitter() });
    finishQuitHeldByRenderer(app, window);
    return { app, window };
  }

  it('finishes a quit that the renderer held up, once the renderer closes the window', () => {
    const { app, window } = fakes();
    app.emit('before-quit');
    window.webContents.emit('will-prevent-unload');
    expect(app.quit).not.toHaveBeenCalled();
    window.emit('closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('before-quit')).toBe(0);
  });

  it('does not quit when only the window close was held up', () => {
    const { app, window } = fakes();
    window.webContents.emit('will-prevent-unload');
    window.emit('closed');
    expect(app.quit).not.toHaveBeenCalled();
  });
});
