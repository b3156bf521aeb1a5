// Keeps every web contents on our own page: foreign navigation, new windows and <webview> are denied.
import type { Event, HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { parseExternalUrl } from '../shared/external-url';
import { isOwnPageUrl, type RendererLocation } from './renderer-location';

export type OpenExternal = (url: string) => Promise<void>;
type Log = (message: string) => void;

/** 'will-navigate' / 'will-redirect' listener: lets only our own page through. */
export function navigationGuard(location: RendererLocation, log: Log = console.warn) {
  return (event: Event, url: string): void => {
    if (isOwnPageUrl(url, location)) return;
    event.preventDefault();
    log(`[sitrep] blocked navigation away from the app to ${url}`);
  };
}

/**
 * `setWindowOpenHandler` handler: never opens an Electron window. Links the user may follow
 * (http, https, mailto) go to the system browser or mail client; anything else is dropped.
 */
export function windowOpenHandler(openExternal: OpenExternal, log: Log = console.warn) {
  return (details: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    let url: URL | undefined;
    try {
      url = parseExternalUrl(details.url);
    } catch (error) {
      log(`[sitrep] blocked window.open: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (url !== undefined) {
      const href = url.href;
      openExternal(href).catch((error: unknown) => {
        log(`[sitrep] could not open ${href} outside the app: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
    return { action: 'deny' };
  };
}

export function guardNavigation(
  contents: WebContents,
  location: RendererLocation,
  openExternal: OpenExternal,
  log: Log = console.warn,
): void {
  const guard = navigationGuard(location, log);
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[sitrep] blocked a <webview>');
  });
  contents.setWindowOpenHandler(windowOpenHandler(openExternal, log));
}
