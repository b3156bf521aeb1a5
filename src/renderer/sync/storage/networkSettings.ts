// The network settings a room uses: extra signaling addresses, ICE (STUN/TURN) servers and the
// team's relay (a coturn with use-auth-secret, see docs/relay.md). All empty by default, so no
// third-party server is ever contacted unless configured.
import {
  MAX_SIGNALING_ADDRESSES,
  relayAddressProblem,
  relayInvitationProblem,
  signalingAddressProblem,
  type RelayInvitation,
} from '@core/joinCode';
import { iceServersFor, type RelayInputs, type RelaySetting, relayForJoinCode, relayRenewalAt } from '@core/relay/iceServers';
import type { TurnIceServer } from '@core/relay/turnCredentials';
import type { SitrepDatabase } from './database';
import type { SecretSealer } from './roomCredentials';

/** One ICE server as RTCPeerConnection takes it. */
export interface IceServerSetting {
  readonly urls: string;
  readonly username?: string;
  readonly credential?: string;
}

export const MAX_ICE_SERVERS = 8;
const ICE_URL = /^(stun|stuns|turn|turns):[^\s]{1,200}$/;

/** Why this list of signaling addresses cannot be saved, or null. */
export function signalingListProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'Signaling addresses must be a list.';
  if (value.length > MAX_SIGNALING_ADDRESSES) return `At most ${MAX_SIGNALING_ADDRESSES} signaling addresses fit in a join code.`;
  for (const address of value) {
    if (typeof address !== 'string') return 'Each signaling address must be text.';
    const problem = signalingAddressProblem(address);
    if (problem) return problem;
  }
  if (new Set(value).size !== value.length) return 'The same signaling address is listed twice.';
  return null;
}

/**
 * A problem the settings dialog shows: `key` under `room:settings` with `params`, rendered in the
 * UI's language; `message` (the Error's) is the English sentence for logs and storage checks.
 */
export class NetworkSettingsError extends Error {
  constructor(
    readonly key: NetworkSettingsIssueKey,
    readonly params: Readonly<Record<string, string | number>>,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkSettingsError';
  }
}

export type NetworkSettingsIssueKey =
  | 'iceTooMany'
  | 'iceNotAddress'
  | 'iceUsernameLong'
  | 'iceCredentialLong'
  | 'iceTurnNeedsCredential'
  | 'iceExtra'
  | 'relaySecretShort'
  | 'relaySecretLong'
  | 'relaySecretAscii'
  | 'relaySecretMissing'
  | 'relaySealedElsewhere'
  | 'relaySealedNotASecret';

export interface NetworkSettingsIssue {
  readonly key: NetworkSettingsIssueKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/** Why this list of ICE servers cannot be saved, or null. */
export function iceServersProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return 'ICE servers must be a list.';
  if (value.length > MAX_ICE_SERVERS) return iceServersIssue(value)?.message ?? null;
  for (const server of value) {
    if (typeof server !== 'object' || server === null) return 'Each ICE server must have an address.';
  }
  return iceServersIssue(value)?.message ?? null;
}

/** iceServersProblem for the dialog's servers, as a key and arguments (a list of objects, as parseIceServerLines makes). */
function iceServersIssue(value: readonly unknown[]): NetworkSettingsIssue | null {
  if (value.length > MAX_ICE_SERVERS) {
    return { key: 'iceTooMany', params: { max: MAX_ICE_SERVERS }, message: `At most ${MAX_ICE_SERVERS} ICE servers can be configured.` };
  }
  for (const server of value) {
    const { urls, username, credential } = server as Record<string, unknown>;
    if (typeof urls !== 'string' || !ICE_URL.test(urls)) {
      const address = String(urls).slice(0, 60);
      return {
        key: 'iceNotAddress',
        params: { address },
        message: `"${address}" is not a STUN or TURN address; it should look like stun:host:3478 or turn:host:3478.`,
      };
    }
    if (username !== undefined && (typeof username !== 'string' || username.length > 200))
      return { key: 'iceUsernameLong', params: {}, message: 'An ICE username must be text of at most 200 characters.' };
    if (credential !== undefined && (typeof credential !== 'string' || credential.length > 200))
      return { key: 'iceCredentialLong', params: {}, message: 'An ICE credential must be text of at most 200 characters.' };
    if (urls.startsWith('turn') && (username === undefined || credential === undefined)) {
      return {
        key: 'iceTurnNeedsCredential',
        params: { address: urls },
        message: `The TURN server ${urls} needs a username and a credential.`,
      };
    }
  }
  return null;
}

/**
 * Reads "stun:host:3478" or "turn:host:3478 user secret" lines as typed in the settings dialog.
 * Throws a NetworkSettingsError naming the line when one does not fit (`params.line`, from 1).
 */
export function parseIceServerLines(text: string): IceServerSetting[] {
  const servers: IceServerSetting[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const [urls = '', username, credential, ...rest] = line.split(/\s+/);
    if (rest.length > 0) {
      throw new NetworkSettingsError(
        'iceExtra',
        { line: index + 1 },
        `Line ${index + 1}: expected an address, then optionally a username and a credential.`,
      );
    }
    const server: IceServerSetting =
      username === undefined ? { urls } : { urls, username, ...(credential === undefined ? {} : { credential }) };
    const problem = iceServersIssue([server]);
    if (problem)
      throw new NetworkSettingsError(problem.key, { ...problem.params, line: index + 1 }, `Line ${index + 1}: ${problem.message}`);
    servers.push(server);
  });
  const problem = iceServersIssue(servers);
  if (problem) throw new NetworkSettingsError(problem.key, problem.params, problem.message);
  return servers;
}

export function formatIceServerLines(servers: readonly IceServerSetting[]): string {
  return servers.map((s) => [s.urls, s.username, s.credential].filter((part) => part !== undefined).join(' ')).join('\n');
}

// ---------------------------------------------------------------------------------------------
// The relay

export const MIN_RELAY_SECRET_LENGTH = 16;
export const MAX_RELAY_SECRET_LENGTH = 256;

/** Why this text cannot be the relay's shared secret (coturn's static-auth-secret), or null. */
export function relaySecretProblem(secret: string): string | null {
  return relaySecretIssue(secret)?.message ?? null;
}

/** relaySecretProblem as a key and arguments, for the dialog to say in its language. */
export function relaySecretIssue(secret: string): NetworkSettingsIssue | null {
  if (secret.length < MIN_RELAY_SECRET_LENGTH) {
    return {
      key: 'relaySecretShort',
      params: { length: secret.length, min: MIN_RELAY_SECRET_LENGTH },
      message: `The relay secret has ${secret.length} characters; use the one from the relay's turnserver.conf, at least ${MIN_RELAY_SECRET_LENGTH} (docs/relay.md makes one with openssl rand -hex 32).`,
    };
  }
  if (secret.length > MAX_RELAY_SECRET_LENGTH) {
    return {
      key: 'relaySecretLong',
      params: { max: MAX_RELAY_SECRET_LENGTH },
      message: `The relay secret is longer than ${MAX_RELAY_SECRET_LENGTH} characters.`,
    };
  }
  if (!/^[\x21-\x7e]+$/.test(secret)) {
    return {
      key: 'relaySecretAscii',
      params: {},
      message: 'The relay secret contains spaces or characters outside printable ASCII, which turnserver.conf cannot hold.',
    };
  }
  return null;
}

/** What the settings dialog may show of the saved relay: the address and the secret's last four characters. */
export interface RelaySummary {
  readonly url: string;
  readonly secretEnding: string;
  /** False where the secret is stored as it is (no keyring: the browser build, Linux without one). */
  readonly sealed: boolean;
}

const RELAY_ROW_KEY = 'relay';
const ROOM_RELAY_ROW_PREFIX = 'relay-room:';
const HEX_32 = /^[0-9a-f]{32}$/;

interface RelayRow {
  readonly url: string;
  readonly secret?: string;
  readonly sealedSecret?: string;
}

function relayRow(value: unknown): RelayRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const { url, secret, sealedSecret } = value as Record<string, unknown>;
  if (typeof url !== 'string' || relayAddressProblem(url) !== null) return null;
  if (typeof sealedSecret === 'string' && sealedSecret.length > 0 && sealedSecret.length <= 4096) return { url, sealedSecret };
  if (typeof secret === 'string' && relaySecretProblem(secret) === null) return { url, secret };
  return null;
}

function storedRoomRelay(value: unknown): RelayInvitation | null {
  if (typeof value !== 'object' || value === null) return null;
  const { url, username, credential, expiresAt } = value as Record<string, unknown>;
  if (typeof url !== 'string' || relayAddressProblem(url) !== null) return null;
  if (typeof username !== 'string' || typeof credential !== 'string' || typeof expiresAt !== 'number') return null;
  if (!username.startsWith(`${expiresAt}:`) || username.length > 100 || credential.length > 100) return null;
  return { url, username, credential, expiresAt };
}

/**
 * The team's relay on this computer: its address and shared secret (sealed with the platform's
 * keyring like room secrets, see roomCredentials.ts), and per room the relay credential a join
 * code brought, for members who do not have the secret. Rows live in the library's key-value table.
 */
export class RelaySettings {
  constructor(
    private readonly db: SitrepDatabase,
    private readonly ensureOpen: () => void,
    private readonly sealer?: SecretSealer,
  ) {}

  /** The address and the secret's ending, never the secret; null without a relay. */
  async summary(): Promise<RelaySummary | null> {
    this.ensureOpen();
    const row = relayRow((await this.db.settings.get(RELAY_ROW_KEY))?.value);
    if (row === null) return null;
    const secret = row.secret ?? (await this.open(row));
    return { url: row.url, secretEnding: secret.slice(-4), sealed: row.sealedSecret !== undefined };
  }

  /** The relay with its secret opened, for deriving credentials; null without one. */
  async get(): Promise<RelaySetting | null> {
    this.ensureOpen();
    const row = relayRow((await this.db.settings.get(RELAY_ROW_KEY))?.value);
    if (row === null) return null;
    return { url: row.url, secret: row.secret ?? (await this.open(row)) };
  }

  /**
   * Saves the relay. `secret` undefined keeps the saved one (the dialog never shows it back); an
   * empty address removes the relay. Throws with a sentence, writing nothing, when a value does not fit.
   */
  async save(url: string, secret: string | undefined): Promise<void> {
    this.ensureOpen();
    if (url === '') {
      await this.db.settings.delete(RELAY_ROW_KEY);
      return;
    }
    const addressProblem = relayAddressProblem(url);
    if (addressProblem) throw new Error(addressProblem);
    let plain = secret;
    if (plain === undefined) {
      const saved = await this.get();
      if (saved === null) {
        throw new NetworkSettingsError(
          'relaySecretMissing',
          {},
          'Enter the relay secret (static-auth-secret in its turnserver.conf) to use the relay.',
        );
      }
      plain = saved.secret;
    }
    const secretProblem = relaySecretProblem(plain);
    if (secretProblem) throw new Error(secretProblem);
    const sealed = await this.trySeal(plain);
    await this.db.settings.put({ key: RELAY_ROW_KEY, value: sealed === null ? { url, secret: plain } : { url, sealedSecret: sealed } });
  }

  /** The relay credential a join code gave this room, while it is valid. */
  async roomRelay(roomId: string, now: number): Promise<RelayInvitation | null> {
    this.ensureOpen();
    const relay = storedRoomRelay((await this.db.settings.get(ROOM_RELAY_ROW_PREFIX + roomId))?.value);
    return relay !== null && relayInvitationProblem(relay, now) === null ? relay : null;
  }

  /** Keeps a code's relay credential for its room, unless the room already has one that lasts longer. */
  async rememberRoomRelay(roomId: string, relay: RelayInvitation): Promise<void> {
    this.ensureOpen();
    if (!HEX_32.test(roomId)) throw new Error('A room id is 32 lowercase hexadecimal characters.');
    const key = ROOM_RELAY_ROW_PREFIX + roomId;
    await this.db.transaction('rw', this.db.settings, async () => {
      const kept = storedRoomRelay((await this.db.settings.get(key))?.value);
      if (kept !== null && kept.url === relay.url && kept.expiresAt >= relay.expiresAt) return;
      await this.db.settings.put({ key, value: { ...relay } });
    });
  }

  /**
   * Takes a fresher credential a member sent (relayExchange.ts) for the relay this room already
   * uses from its code, even an expired one; anything else (another relay, an older credential) is
   * left alone, so a member cannot point this laptop at a relay of its choosing. True when kept.
   */
  async refreshRoomRelay(roomId: string, relay: RelayInvitation): Promise<boolean> {
    this.ensureOpen();
    const key = ROOM_RELAY_ROW_PREFIX + roomId;
    return this.db.transaction('rw', this.db.settings, async () => {
      const kept = storedRoomRelay((await this.db.settings.get(key))?.value);
      if (kept === null || kept.url !== relay.url || kept.expiresAt >= relay.expiresAt) return false;
      await this.db.settings.put({ key, value: { ...relay } });
      return true;
    });
  }

  /** A joiner credential to send to peers: derived now when this computer has the secret, else null (codes' credentials are not passed around). */
  async offerForPeers(now: number = Date.now()): Promise<RelayInvitation | null> {
    const relay = await this.get();
    return relay === null ? null : relayForJoinCode({ relay, roomRelay: null }, now);
  }

  /** What iceServersFor and relayForJoinCode need for this room; a relay secret that cannot be opened counts as none, said on the console. */
  async inputs(roomId: string, name: string, now: number): Promise<RelayInputs> {
    let relay: RelaySetting | null = null;
    try {
      relay = await this.get();
    } catch (error) {
      console.error('Sitrep: the relay secret could not be opened; the room uses the relay from its join code, if any', error);
    }
    return { relay, roomRelay: await this.roomRelay(roomId, now), name };
  }

  /** The relay ICE servers for this member in this room now (see iceServersFor). */
  async iceServers(roomId: string, name: string, now: number = Date.now()): Promise<TurnIceServer[]> {
    return iceServersFor(await this.inputs(roomId, name, now), now);
  }

  /** The relay ICE servers, and when the room should reconnect to renew them (see relayRenewalAt), or null. */
  async iceServersAndRenewal(
    roomId: string,
    name: string,
    now: number = Date.now(),
  ): Promise<{ servers: TurnIceServer[]; renewAt: number | null }> {
    const inputs = await this.inputs(roomId, name, now);
    return { servers: await iceServersFor(inputs, now), renewAt: relayRenewalAt(inputs, now) };
  }

  /** The relay a join code for this room carries now, or null (see relayForJoinCode). */
  async forJoinCode(roomId: string, now: number = Date.now()): Promise<RelayInvitation | null> {
    return relayForJoinCode(await this.inputs(roomId, '', now), now);
  }

  private async open(row: RelayRow): Promise<string> {
    if (row.sealedSecret === undefined) return row.secret ?? '';
    if (!this.sealer)
      throw new NetworkSettingsError(
        'relaySealedElsewhere',
        {},
        "The relay secret is sealed with a desktop computer's keyring and cannot be read here; enter it again.",
      );
    const secret = await this.sealer.open(row.sealedSecret);
    const problem = relaySecretProblem(secret);
    if (problem) {
      throw new NetworkSettingsError(
        'relaySealedNotASecret',
        {},
        'The sealed relay secret opened to something that is not a relay secret; enter it again.',
      );
    }
    return secret;
  }

  private async trySeal(secret: string): Promise<string | null> {
    if (!this.sealer) return null;
    try {
      if (!(await this.sealer.status()).protected) return null;
      return await this.sealer.seal(secret);
    } catch (error) {
      // As for room secrets: the relay keeps working with the secret stored plain; said on the console.
      console.error('Sitrep: sealing the relay secret failed; it is stored unsealed', error);
      return null;
    }
  }
}
