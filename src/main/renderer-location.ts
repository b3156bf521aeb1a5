// Where the renderer page lives, and the one test for "is this URL our own page".
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'file'; indexPath: string; url: string } | { kind: 'dev-server'; origin: string; url: string };

export interface RendererLocationInput {
  /** The folder of the built main bundle (out/main). */
  mainDir: string;
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
  /** A packaged app never follows the dev-server variable: it would load any page it names. */
  isPackaged: boolean;
}

export function resolveRendererLocation(input: RendererLocationInput): RendererLocation {
  if (!input.isPackaged && input.devServerUrl !== undefined && input.devServerUrl !== '') {
    let devUrl: URL;
    try {
      devUrl = new URL(input.devServerUrl);
    } catch {
      throw new Error(`ELECTRON_RENDERER_URL is not a URL: ${JSON.stringify(input.devServerUrl)}`);
    }
    if (devUrl.protocol !== 'http:' && devUrl.protocol !== 'https:') {
      throw new Error(`ELECTRON_RENDERER_URL must be http(s), got ${JSON.stringify(devUrl.protocol)}`);
    }
    return { kind: 'dev-server', origin: devUrl.origin, url: devUrl.href };
  }
  const indexPath = join(input.mainDir, '..', 'renderer', 'index.html');
  return { kind: 'file', indexPath, url: pathToFileURL(indexPath).href };
}

/** True for our renderer page itself (any hash or query), false for everything else. */
export function isOwnPageUrl(candidate: string, location: RendererLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') return url.origin === location.origin;
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  try {
    return fileURLToPath(url) === location.indexPath;
  } catch {
    return false;
  }
}
