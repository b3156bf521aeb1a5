// Proves navigation stays on our own page and window.open only ever reaches the system browser for safe links.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { guardNavigation, navigationGuard, windowOpenHandler } from '../../src/main/navigation';
import { isOwnPageUrl, resolveRendererLocation, type RendererLocation } from '../../src/main/renderer-location';

const fileLocation = resolveRendererLocation({ mainDir: '/opt/sitrep/out/main', devServerUrl: undefined, isPackaged: true });
const devLocation: RendererLocation = { kind: 'dev-server', origin: 'http://localhost:5173', url: 'http://localhost:5173/' };
const OWN_PAGE = 'file:///opt/sitrep/out/renderer/index.html';

function navigate(location: RendererLocation, url: string): boolean {
  const event = { preventDefault: vi.fn() };
  navigationGuard(location, () => {})(event as never, url);
  return event.preventDefault.mock.calls.length === 0;
}

describe('renderer location', () => {
  it('points at the built index next to the main bundle', () => {
    expect(fileLocation).toEqual({ kind: 'file', indexPath: '/opt/sitrep/out/renderer/index.html', url: OWN_PAGE });
  });

  it('follows ELECTRON_RENDERER_URL only when not packaged', () => {
    const dev = resolveRendererLocation({ mainDir: '/x/out/main', devServerUrl: 'http://localhost:5173/', isPackaged: false });
    expect(dev).toEqual(devLocation);
    const packaged = resolveRendererLocation({ mainDir: '/x/out/main', devServerUrl: 'https://evil.test/', isPackaged: true });
    expect(packaged.kind).toBe('file');
  });

  it('rejects a dev server URL that is not http(s)', () => {
    expect(() => resolveRendererLocation({ mainDir: '/x', devServerUrl: 'file:///etc/passwd', isPackaged: false })).toThrow(
      /must be http\(s\)/,
    );
  });

  it('recognises our page with a hash or query and nothing else', () => {
    expect(isOwnPageUrl(OWN_PAGE, fileLocation)).toBe(true);
    expect(isOwnPageUrl(`${OWN_PAGE}#/incident/abc?tab=timeline`, fileLocation)).toBe(true);
    expect(isOwnPageUrl('file:///opt/sitrep/out/renderer/other.html', fileLocation)).toBe(false);
    expect(isOwnPageUrl('file:///opt/sitrep/out/renderer/../renderer/index.html', fileLocation)).toBe(true);
    expect(isOwnPageUrl('file:///etc/passwd', fileLocation)).toBe(false);
    expect(isOwnPageUrl('file://evil.test/opt/sitrep/out/renderer/index.html', fileLocation)).toBe(false);
    expect(isOwnPageUrl('not a url', fileLocation)).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/#/x', devLocation)).toBe(true);
    expect(isOwnPageUrl('http://localhost:5174/', devLocation)).toBe(false);
    expect(isOwnPageUrl('http://127.0.0.1:5173/', devLocation)).toBe(false);
  });
});

describe('will-navigate guard', () => {
  it('allows our own page', () => {
    expect(navigate(fileLocation, `${OWN_PAGE}#/library`)).toBe(true);
    expect(navigate(devLocation, 'http://localhost:5173/index.html')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'sitrep://join/abc',
    'about:blank',
  ])('denies %s from the packaged page', (url) => {
    expect(navigate(fileLocation, url)).toBe(false);
  });

  it('denies a foreign origin in development', () => {
    expect(navigate(devLocation, 'https://example.com/')).toBe(false);
  });
});

describe('window.open handler', () => {
  function open(url: string) {
    const openExternal = vi.fn(async (_url: string) => {});
    const log = vi.fn();
    const response = windowOpenHandler(openExternal, log)({ url });
    return { response, openExternal, log };
  }

  it.each(['https://status.example.com/incidents/42', 'http://intranet.local/runbook', 'mailto:oncall@example.com?subject=SEV1'])(
    'denies the window and opens %s outside the app',
    (url) => {
      const { response, openExternal } = open(url);
      expect(response).toEqual({ action: 'deny' });
      expect(openExternal).toHaveBeenCalledExactlyOnceWith(new URL(url).href);
    },
  );

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<h1>hi</h1>',
    'sitrep://join/abc',
    'smb://share/file',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox',
    'https://status.example.com@evil.test/',
    '',
    'not a url',
  ])('denies %s and never opens it', (url) => {
    const { response, openExternal, log } = open(url);
    expect(response).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('blocked window.open'));
  });

  it('logs, rather than throws, when the system cannot open a link', async () => {
    const log = vi.fn();
    windowOpenHandler(async () => Promise.reject(new Error('no browser')), log)({ url: 'https://example.com/' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser')));
  });
});

describe('guardNavigation wiring', () => {
  it('hooks navigation, redirects, webviews and window.open on a web contents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    guardNavigation(
      contents as never,
      fileLocation,
      async () => {},
      () => {},
    );
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();

    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation, 'https://example.com/');
    expect(navigation.preventDefault).toHaveBeenCalled();

    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'https://example.com/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();

    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => unknown;
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
  });
});
