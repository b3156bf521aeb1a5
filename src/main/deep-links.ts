// sitrep://join/<code> links: the installers register the scheme; this module reads the links the
// system hands over (macOS 'open-url', the argv of a second launch on Windows and Linux, the argv
// of the first launch everywhere), checks each like a typed code and holds the code until the
// renderer asks for it. The renderer only prefills the Join dialog with it: joining always waits
// for the user's click, and the code's tag is checked there (main never holds the room secret).
import { JOIN_LINK_PREFIX, readJoinInput } from '../core/joinCode';
import { MAX_JOIN_LINK_CODE_LENGTH } from '../shared/ipc';

export type DeepLinkSource = 'open-url' | 'second-instance' | 'first-launch';

export type DeepLinkReading = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly problem: string };

/**
 * Reads one link: its length, the sitrep://join/ prefix, then the code's prefix, characters,
 * length and layout (everything but the tag, which needs Web Crypto and is checked in the
 * renderer before anything is joined). Returns the code without the link prefix.
 */
export function readDeepLink(url: unknown): DeepLinkReading {
  if (typeof url !== 'string') return { ok: false, problem: 'not text' };
  if (url.length > JOIN_LINK_PREFIX.length + MAX_JOIN_LINK_CODE_LENGTH)
    return { ok: false, problem: `longer than ${MAX_JOIN_LINK_CODE_LENGTH} characters` };
  if (!url.toLowerCase().startsWith(JOIN_LINK_PREFIX)) return { ok: false, problem: `not a ${JOIN_LINK_PREFIX} link` };
  // Browsers may add a trailing slash; nothing else is taken away (a code has no other punctuation).
  const code = url.slice(JOIN_LINK_PREFIX.length).replace(/\/$/, '');
  const reading = readJoinInput(code);
  if (!reading.ok) return { ok: false, problem: `${reading.reason}: ${reading.message}` };
  return { ok: true, code };
}

/**
 * The link in a launch's command line, if any. Windows and Linux pass it as one argument of its
 * own (Chromium may put switches before it); only the first sitrep:// argument counts.
 */
export function deepLinkInArgv(argv: readonly unknown[]): string | null {
  for (const arg of argv) {
    if (typeof arg === 'string' && arg.toLowerCase().startsWith('sitrep://')) return arg;
  }
  return null;
}

export interface DeepLinkRouterOptions {
  /** Sends a code to the renderer that is listening; false when there is no window to send to. */
  send(code: string): boolean;
  /** Brings the window forward (a link clicked elsewhere should show the app). */
  focus(): void;
  log(message: string): void;
}

export interface DeepLinkRouter {
  /** A link from the system. Bad links are logged (shortened) and dropped; good ones reach the renderer once. */
  receive(url: unknown, source: DeepLinkSource): void;
  /** The renderer starts listening: it takes the code that came before (once), and later ones are sent to it. */
  take(): string | null;
  /** The window went away (reloaded or closed): codes wait again until the next take. */
  rendererGone(): void;
}

export function createDeepLinkRouter(options: DeepLinkRouterOptions): DeepLinkRouter {
  // Only the latest link is kept: a user who clicked two links meant the second.
  let queued: string | null = null;
  let listening = false;
  return {
    receive(url, source) {
      const reading = readDeepLink(url);
      if (!reading.ok) {
        const shown = typeof url === 'string' ? JSON.stringify(url.length > 80 ? `${url.slice(0, 77)}...` : url) : typeof url;
        options.log(`ignored a ${source} link ${shown}: ${reading.problem}`);
        return;
      }
      if (listening && options.send(reading.code)) {
        options.focus();
        return;
      }
      queued = reading.code;
      options.focus();
    },
    take() {
      listening = true;
      const code = queued;
      queued = null;
      return code;
    },
    rendererGone() {
      listening = false;
    },
  };
}

/** The part of Electron's app that links arrive through. */
export interface DeepLinkApp {
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

/**
 * Listens for links: macOS 'open-url' (call before 'ready': a click that launches the app fires it
 * early), and the link this launch was started with (Windows and Linux pass it in argv). The
 * second launch's argv reaches `router` through claimSingleInstance's callback.
 */
export function listenForDeepLinks(app: DeepLinkApp, router: Pick<DeepLinkRouter, 'receive'>, launchArgv: readonly unknown[]): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    router.receive(url, 'open-url');
  });
  const launchLink = deepLinkInArgv(launchArgv);
  if (launchLink !== null) router.receive(launchLink, 'first-launch');
}
