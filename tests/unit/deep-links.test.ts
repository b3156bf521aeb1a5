// sitrep://join/ links under Node: what main accepts, from which source, and when the renderer gets it.
import { describe, expect, it, vi } from 'vitest';
import { encodeJoinLink } from '../../src/core/joinCode';
import { EventEmitter } from 'node:events';
import { createDeepLinkRouter, deepLinkInArgv, listenForDeepLinks, readDeepLink } from '../../src/main/deep-links';
import { claimSingleInstance } from '../../src/main/single-instance';
import { createElectronPlatform } from '../../src/renderer/platform/electron';

const invitation = {
  roomId: '0123456789abcdef0123456789abcdef',
  secret: 'fedcba9876543210fedcba9876543210',
  signaling: ['ws://192.168.1.20:4444'],
};
const link = await encodeJoinLink(invitation);
const code = link.slice('sitrep://join/'.length);
const otherLink = await encodeJoinLink({ ...invitation, signaling: ['ws://10.0.0.7:4444'] });

function router() {
  const sent: string[] = [];
  const logged: string[] = [];
  let windowOpen = true;
  const focus = vi.fn();
  const r = createDeepLinkRouter({
    send: (c) => {
      if (!windowOpen) return false;
      sent.push(c);
      return true;
    },
    focus,
    log: (message) => logged.push(message),
  });
  return { r, sent, logged, focus, closeWindow: () => (windowOpen = false) };
}

describe('reading a deep link', () => {
  it('accepts a join link and gives back its code, whatever the case of the scheme or a trailing slash', () => {
    expect(readDeepLink(link)).toEqual({ ok: true, code });
    expect(readDeepLink(`SITREP://JOIN/${code}/`)).toEqual({ ok: true, code });
  });

  it('refuses what is not a join link, a damaged code, or too much text, saying why', () => {
    const cases: [unknown, RegExp][] = [
      [42, /not text/],
      ['sitrep://open/whatever', /not a sitrep:\/\/join\/ link/],
      ['https://evil.example/sitrep://join/x', /not a sitrep:\/\/join\/ link/],
      [`sitrep://join/${code.slice(0, -3)}`, /^truncated/],
      ['sitrep://join/SITREP1-04HMA-SW9NF', /^outdated-version/],
      ['sitrep://join/hello', /^not-a-sitrep-code/],
      [`sitrep://join/${code.slice(0, -1)}*`, /^bad-characters/],
      [`sitrep://join/${'A'.repeat(5000)}`, /longer than 4096/],
    ];
    for (const [url, problem] of cases) {
      const reading = readDeepLink(url);
      expect(reading.ok, String(url).slice(0, 40)).toBe(false);
      if (!reading.ok) expect(reading.problem).toMatch(problem);
    }
  });

  it('finds the link among a launch command line, and nothing in one without it', () => {
    expect(deepLinkInArgv(['/opt/Sitrep/sitrep', '--no-sandbox', link])).toBe(link);
    expect(deepLinkInArgv(['C:\\Sitrep\\Sitrep.exe', '--allow-file-access-from-files', link.toUpperCase()])).toBe(link.toUpperCase());
    expect(deepLinkInArgv(['/opt/Sitrep/sitrep', '--user-data-dir=/tmp/x'])).toBeNull();
    expect(deepLinkInArgv([])).toBeNull();
  });
});

describe('routing links to the renderer', () => {
  it('queues a link that came before the window (first launch, macOS open-url before ready) until the renderer takes it, once', () => {
    const { r, sent } = router();
    r.receive(link, 'open-url');
    expect(sent).toEqual([]);
    expect(r.take()).toBe(code);
    expect(r.take()).toBeNull();
  });

  it('keeps only the latest of several early links', () => {
    const { r } = router();
    r.receive(otherLink, 'first-launch');
    r.receive(link, 'second-instance');
    expect(r.take()).toBe(code);
    expect(r.take()).toBeNull();
  });

  it('sends a link straight to a renderer that listens (second instance on Windows and Linux) and brings the window forward', () => {
    const { r, sent, focus } = router();
    expect(r.take()).toBeNull();
    r.receive(deepLinkInArgv(['/opt/Sitrep/sitrep', link]), 'second-instance');
    expect(sent).toEqual([code]);
    expect(focus).toHaveBeenCalled();
    expect(r.take()).toBeNull();
  });

  it('queues again once the renderer is gone (reload or closed window)', () => {
    const { r, sent, closeWindow } = router();
    r.take();
    r.rendererGone();
    r.receive(link, 'open-url');
    expect(sent).toEqual([]);
    expect(r.take()).toBe(code);
    // Listening, but the window was closed meanwhile: kept for the next window.
    closeWindow();
    r.receive(link, 'open-url');
    expect(r.take()).toBe(code);
  });

  it('drops and logs a bad link without disturbing a queued good one; nothing is sent', () => {
    const { r, sent, logged } = router();
    r.receive(link, 'first-launch');
    r.receive(`sitrep://join/${'Z'.repeat(300)}`, 'open-url');
    r.receive(undefined, 'second-instance');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/^ignored a open-url link "sitrep:\/\/join\/Z+\.\.\."/);
    expect(logged[0]!.length).toBeLessThan(400);
    expect(sent).toEqual([]);
    expect(r.take()).toBe(code);
  });
});

describe('the renderer side (Electron platform adapter)', () => {
  function bridge(taken: string | null) {
    const listeners = new Set<(code: string) => void>();
    return {
      listeners,
      takeJoinLink: vi.fn(async () => {
        const code = taken;
        taken = null;
        return code;
      }),
      onJoinLink: vi.fn((listener: (code: string) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }),
    };
  }

  it('delivers the link the app was opened with once, even when the first listener is gone before it arrives (strict mode)', async () => {
    const fake = bridge(code);
    const platform = createElectronPlatform(fake as never);
    const first = vi.fn();
    const stopFirst = platform.onJoinLink(first);
    stopFirst(); // React's strict mode unmounts at once
    const second = vi.fn();
    platform.onJoinLink(second);
    await vi.waitFor(() => expect(second).toHaveBeenCalledWith(code));
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    // Later links come through the event.
    for (const listener of fake.listeners) listener('SITREP2-LATER');
    expect(second).toHaveBeenLastCalledWith('SITREP2-LATER');
  });
});

describe('the three ways a link reaches the app', () => {
  function fakeApp() {
    return Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => true) });
  }

  it("macOS open-url (default handling prevented), the first launch's argv, and a second launch's argv", () => {
    const { r, sent } = router();
    const app = fakeApp();
    // First launch on Windows or Linux: the link is in argv; it waits for the renderer.
    listenForDeepLinks(app as never, r, ['/opt/Sitrep/sitrep', otherLink]);
    claimSingleInstance(
      app as never,
      () => null,
      (argv) => r.receive(deepLinkInArgv(argv), 'second-instance'),
    );
    expect(r.take()).toBe(otherLink.slice('sitrep://join/'.length));
    // macOS: the running app gets open-url.
    const event = { preventDefault: vi.fn() };
    app.emit('open-url', event, link);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(sent).toEqual([code]);
    // Windows and Linux: a second launch hands its argv to the first.
    app.emit('second-instance', {}, ['C:\\Sitrep\\Sitrep.exe', otherLink], 'C:\\');
    expect(sent).toEqual([code, otherLink.slice('sitrep://join/'.length)]);
    // A second launch without a link changes nothing.
    app.emit('second-instance', {}, ['C:\\Sitrep\\Sitrep.exe'], 'C:\\');
    expect(sent).toHaveLength(2);
  });
});
