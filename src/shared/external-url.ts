// The one rule for which links may leave the app for the system browser or mail client.
// Used by main (window.open, the external:open call) and by the browser platform adapter.

export const EXTERNAL_URL_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

/** Generous for a mailto: with a prefilled status update, small enough to refuse abuse. */
export const MAX_EXTERNAL_URL_LENGTH = 8192;

export class ExternalUrlRejectedError extends Error {
  override name = 'ExternalUrlRejectedError';
}

/**
 * Returns the parsed URL when it may be opened outside the app, and throws an
 * `ExternalUrlRejectedError` that says why otherwise.
 */
export function parseExternalUrl(candidate: unknown): URL {
  if (typeof candidate !== 'string') {
    throw new ExternalUrlRejectedError(`External link must be a string, got ${describeType(candidate)}`);
  }
  if (candidate.length === 0) throw new ExternalUrlRejectedError('External link is empty');
  if (candidate.length > MAX_EXTERNAL_URL_LENGTH) {
    throw new ExternalUrlRejectedError(`External link is ${candidate.length} characters long; the limit is ${MAX_EXTERNAL_URL_LENGTH}`);
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new ExternalUrlRejectedError(`External link is not an absolute URL: ${abbreviate(candidate)}`);
  }
  if (!(EXTERNAL_URL_PROTOCOLS as readonly string[]).includes(url.protocol)) {
    throw new ExternalUrlRejectedError(`Refusing to open a "${url.protocol}" link; only http, https and mailto links can be opened`);
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') {
    throw new ExternalUrlRejectedError(`External link has no host: ${abbreviate(candidate)}`);
  }
  // "https://status.example.com@evil.test" reads like one site and opens another.
  if (url.username !== '' || url.password !== '') {
    throw new ExternalUrlRejectedError('Refusing to open a link that carries a user name or password');
  }
  return url;
}

export function isExternalUrlAllowed(candidate: unknown): boolean {
  try {
    parseExternalUrl(candidate);
    return true;
  } catch {
    return false;
  }
}

function abbreviate(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value;
}
