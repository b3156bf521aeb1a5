// Fresh relay credentials for members who only have a join code's. A member who holds the relay's
// shared secret sends each peer a newly derived joiner credential over the room's encrypted app
// channel 'relay-credentials' when the peer connects and again every few hours. The receiver keeps
// it in place of the one its code brought, so its next reconnect and the codes it shows still
// reach the relay after the code's own credential has expired. The shared secret never travels.
//
// A message is one version byte (1) followed by exactly one relay section, byte for byte as in a
// join code (docs/protocol.md). Only a member of the room can send one. A member could still lie,
// so a receiver takes a credential only for the relay it already uses (see RelaySettings.refreshRoomRelay),
// only while valid and not further ahead than a week, and cuts off a peer that sends a damaged message.
import { decodeRelaySection, encodeRelaySection, relayInvitationProblem, type RelayInvitation } from '../joinCode';
import { MAX_TURN_CREDENTIAL_TTL_SECONDS } from './turnCredentials';

export const RELAY_CREDENTIALS_CHANNEL = 'relay-credentials';
const VERSION = 1;
/** Well inside a joiner credential's 24 hours: a member who stays connected always holds one with most of a day left. */
export const RELAY_REFRESH_MS = 6 * 60 * 60 * 1000;
/** A message is a version byte and one relay section: under 300 bytes. */
export const MAX_RELAY_MESSAGE_BYTES = 320;

/** What the exchange needs of the room's app channel (AppChannel has it). */
export interface RelayChannel {
  peers(): readonly string[];
  send(peerId: string, payload: Uint8Array): boolean;
  onMessage(listener: (peerId: string, payload: Uint8Array) => void): () => void;
  onPeersChanged(listener: () => void): () => void;
  reportHostile(peerId: string, reason: string): void;
}

export interface RelayExchangeOptions {
  readonly channel: RelayChannel;
  /** A joiner credential derived now from this member's own secret, or null without one. */
  readonly offer: () => Promise<RelayInvitation | null>;
  /** A valid credential a peer sent; the receiver decides whether it is for a relay it uses. */
  readonly onRelay: (relay: RelayInvitation, peerId: string) => void;
  readonly now?: () => number;
}

export function encodeRelayMessage(relay: RelayInvitation): Uint8Array {
  const section = encodeRelaySection(relay);
  const message = new Uint8Array(1 + section.length);
  message[0] = VERSION;
  message.set(section, 1);
  return message;
}

export type DecodedRelayMessage =
  | { readonly ok: true; readonly relay: RelayInvitation }
  /** `hostile`: provably wrong (our own code never sends it); otherwise ignored (a newer version, an expired credential). */
  | { readonly ok: false; readonly hostile: boolean; readonly problem: string };

/** Reads a message in full and checks the credential against `now` (epoch milliseconds). */
export function decodeRelayMessage(payload: Uint8Array, now: number): DecodedRelayMessage {
  if (payload.length > MAX_RELAY_MESSAGE_BYTES)
    return { ok: false, hostile: true, problem: `sent a relay message of ${payload.length} bytes` };
  if (payload[0] !== VERSION) return { ok: false, hostile: false, problem: `a relay message of version ${payload[0] ?? 'none'}` };
  const relay = decodeRelaySection(payload.subarray(1));
  if (typeof relay === 'string') return { ok: false, hostile: true, problem: `sent a relay message that does not read: ${relay}` };
  const expired = relayInvitationProblem(relay, now);
  if (expired !== null) return { ok: false, hostile: false, problem: 'a relay credential that has already expired' };
  if (relay.expiresAt * 1000 > now + MAX_TURN_CREDENTIAL_TTL_SECONDS * 1000) {
    return { ok: false, hostile: false, problem: 'a relay credential valid for more than a week' };
  }
  return { ok: true, relay };
}

/** One room's exchange: sends offers to peers as they connect and on a timer, takes what peers send. */
export class RelayExchange {
  private readonly sentTo = new Set<string>();
  private readonly unsubscribers: (() => void)[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(private readonly options: RelayExchangeOptions) {
    const { channel } = options;
    this.unsubscribers.push(
      channel.onPeersChanged(() => this.offerToNewPeers()),
      channel.onMessage((peerId, payload) => this.receive(peerId, payload)),
    );
    this.timer = setInterval(() => this.offerTo(channel.peers()), RELAY_REFRESH_MS);
    this.offerToNewPeers();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }

  private offerToNewPeers(): void {
    const peers = this.options.channel.peers();
    for (const peerId of [...this.sentTo]) if (!peers.includes(peerId)) this.sentTo.delete(peerId);
    this.offerTo(peers.filter((peerId) => !this.sentTo.has(peerId)));
  }

  private offerTo(peers: readonly string[]): void {
    if (peers.length === 0) return;
    for (const peerId of peers) this.sentTo.add(peerId);
    this.options.offer().then(
      (relay) => {
        if (relay === null || this.stopped) return;
        const message = encodeRelayMessage(relay);
        for (const peerId of peers) this.options.channel.send(peerId, message);
      },
      (error: unknown) => console.error('Sitrep: could not derive a relay credential for peers', error),
    );
  }

  private receive(peerId: string, payload: Uint8Array): void {
    const decoded = decodeRelayMessage(payload, (this.options.now ?? Date.now)());
    if (decoded.ok) {
      this.options.onRelay(decoded.relay, peerId);
      return;
    }
    if (decoded.hostile) this.options.channel.reportHostile(peerId, decoded.problem);
    else console.warn(`Sitrep: ignored ${decoded.problem} from peer ${peerId.slice(0, 8)}`);
  }
}
