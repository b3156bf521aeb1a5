// Short-lived TURN credentials for a relay that runs coturn with `use-auth-secret` (coturn's "TURN
// REST API" scheme): the username is `<expiry in unix seconds>:<name>` and the password is
// base64(HMAC-SHA1(shared secret, username)). coturn recomputes the password from the username
// with the same secret and refuses the credential once the expiry has passed, so a member can be
// given a credential that stops working by itself, and the shared secret never leaves the member
// that derives it. WebCrypto only, so the renderer, the main process and Node tests share it.

/** How long a derived credential is valid by default: a long incident shift. */
export const DEFAULT_TURN_CREDENTIAL_TTL_SECONDS = 12 * 60 * 60;
/** Longer-lived credentials are refused: one that leaks should not outlive the week. */
export const MAX_TURN_CREDENTIAL_TTL_SECONDS = 7 * 24 * 60 * 60;
/** coturn's default `rest-api-separator`; the name may not contain it, so the expiry reads back unambiguously. */
export const TURN_USERNAME_SEPARATOR = ':';
/** coturn keeps usernames in a fixed buffer; stay well inside it. */
export const MAX_TURN_NAME_LENGTH = 200;

export interface TurnCredential {
  /** `<expiry>:<name>`, the TURN username. */
  readonly username: string;
  /** base64(HMAC-SHA1(secret, username)), the TURN password. */
  readonly credential: string;
  /** Unix seconds after which the relay refuses the credential. */
  readonly expiresAt: number;
}

export interface TurnCredentialOptions {
  /** Epoch milliseconds now (tests pass a fixed clock). */
  readonly now?: number;
  readonly ttlSeconds?: number;
}

export class TurnCredentialError extends Error {
  override readonly name = 'TurnCredentialError';
}

/** Derives the credential `name` may use on the relay whose shared secret is `secret`. */
export async function deriveTurnCredential(secret: string, name: string, options: TurnCredentialOptions = {}): Promise<TurnCredential> {
  if (typeof secret !== 'string' || secret.length === 0) throw new TurnCredentialError('The relay secret is empty.');
  if (typeof name !== 'string' || name.length === 0) throw new TurnCredentialError('The TURN user name is empty.');
  if (name.length > MAX_TURN_NAME_LENGTH) {
    throw new TurnCredentialError(`The TURN user name is ${name.length} characters long; at most ${MAX_TURN_NAME_LENGTH} are allowed.`);
  }
  if (name.includes(TURN_USERNAME_SEPARATOR)) {
    throw new TurnCredentialError(`The TURN user name may not contain "${TURN_USERNAME_SEPARATOR}".`);
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new TurnCredentialError('The TURN user name may not contain control characters.');
  const ttl = options.ttlSeconds ?? DEFAULT_TURN_CREDENTIAL_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0 || ttl > MAX_TURN_CREDENTIAL_TTL_SECONDS) {
    throw new TurnCredentialError(
      `The credential lifetime must be a whole number of seconds from 1 to ${MAX_TURN_CREDENTIAL_TTL_SECONDS}.`,
    );
  }
  const now = options.now ?? Date.now();
  if (!Number.isFinite(now) || now < 0) throw new TurnCredentialError('The clock reads an impossible time.');
  const expiresAt = Math.floor(now / 1000) + ttl;
  const username = `${expiresAt}${TURN_USERNAME_SEPARATOR}${name}`;
  return Object.freeze({ username, credential: await hmacSha1Base64(secret, username), expiresAt });
}

/** An ICE server entry as the room takes it (one URL each, as in Network settings). */
export interface TurnIceServer {
  readonly urls: string;
  readonly username: string;
  readonly credential: string;
}

/** The ICE server entry for a relay (`turn:host:port`) with a derived credential; never the shared secret. */
export function turnIceServer(url: string, credential: TurnCredential): TurnIceServer {
  return { urls: url, username: credential.username, credential: credential.credential };
}

async function hmacSha1Base64(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let binary = '';
  for (const byte of signature) binary += String.fromCharCode(byte);
  return btoa(binary);
}
