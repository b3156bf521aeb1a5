// Which TURN relay a room uses, and with which credential. A member who holds the relay's shared
// secret (Network settings) derives a short-lived credential for itself and a longer one for the
// join codes it shows; a member who only has a code's credential uses that one until it expires.
// The shared secret itself never leaves this module's callers: only derived credentials come out.
import { relayInvitationProblem, type RelayInvitation } from '../joinCode';
import { deriveTurnCredential, turnIceServer, type TurnIceServer } from './turnCredentials';

/** A member's own credential: one incident shift; the room derives a new one when it reconnects. */
export const MEMBER_RELAY_TTL_SECONDS = 12 * 60 * 60;
/** A member's own credential is renewed (the room reconnects) this long before it expires: coturn refuses refreshes after. */
export const RELAY_RENEW_BEFORE_MS = 60 * 60 * 1000;

/** What a join code carries: long enough to be used the next day, short enough that a leaked code stops working. */
export const JOINER_RELAY_TTL_SECONDS = 24 * 60 * 60;

/** The relay as configured in Network settings, with its secret already unsealed. */
export interface RelaySetting {
  /** `turn:host:port` or `turns:host:port`. */
  readonly url: string;
  /** coturn's static-auth-secret. */
  readonly secret: string;
}

export interface RelayInputs {
  /** This computer's configured relay, or null. */
  readonly relay: RelaySetting | null;
  /** The relay a join code gave this room, or null (used only without a configured relay). */
  readonly roomRelay: RelayInvitation | null;
  /** Who asks; becomes the name in the TURN user name (coturn logs it). Any text: it is made safe here. */
  readonly name: string;
}

/** A name coturn and the join code accept: letters, digits, ".", "_" and "-", at most 32. */
export function relayUserName(name: string): string {
  const safe = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return safe === '' ? 'member' : safe;
}

/**
 * The ICE servers the relay adds for this member at `now` (epoch milliseconds): a credential
 * derived from the shared secret when this computer has it, else the code's credential while it
 * is valid, else none (no third party is contacted unless the team configured one).
 */
export async function iceServersFor(inputs: RelayInputs, now: number): Promise<TurnIceServer[]> {
  if (inputs.relay !== null) {
    const credential = await deriveTurnCredential(inputs.relay.secret, relayUserName(inputs.name), {
      now,
      ttlSeconds: MEMBER_RELAY_TTL_SECONDS,
    });
    return [turnIceServer(inputs.relay.url, credential)];
  }
  const relay = inputs.roomRelay;
  if (relay !== null && relayInvitationProblem(relay, now) === null) {
    return [{ urls: relay.url, username: relay.username, credential: relay.credential }];
  }
  return [];
}

/**
 * When the room should reconnect to get a fresh credential (epoch milliseconds), or null: only a
 * member with the shared secret can derive one, and coturn stops refreshing an allocation whose
 * credential has expired, so a relayed connection would otherwise die with it.
 */
export function relayRenewalAt(inputs: RelayInputs, now: number): number | null {
  return inputs.relay === null ? null : now + MEMBER_RELAY_TTL_SECONDS * 1000 - RELAY_RENEW_BEFORE_MS;
}

/**
 * The relay a join code shown at `now` carries: freshly derived for joiners when this computer
 * has the shared secret, else passed on from the code this member joined with while it is valid.
 */
export async function relayForJoinCode(inputs: Omit<RelayInputs, 'name'>, now: number): Promise<RelayInvitation | null> {
  if (inputs.relay !== null) {
    const credential = await deriveTurnCredential(inputs.relay.secret, 'joiner', { now, ttlSeconds: JOINER_RELAY_TTL_SECONDS });
    return { url: inputs.relay.url, ...credential };
  }
  const relay = inputs.roomRelay;
  return relay !== null && relayInvitationProblem(relay, now) === null ? relay : null;
}
