// Meeting points: every member whose laptop hosts the room's signaling tells its peers where,
// over the room's encrypted app channel 'meeting-points', when a peer connects and whenever its
// addresses change. Members keep what they learn with the room (roomCredentials.learnAddresses)
// and connect to all of it, so the room outlives the laptop that declared it and follows a laptop
// whose addresses change.
//
// A message is [varUint version = 1][varUint count][varString address]×count, nothing after.
// Only a member of the room (a peer with the secret) can send one; it can still lie, so what
// arrives is bounded (MAX_SIGNALING_ADDRESSES canonical addresses, a small payload), a malformed
// one cuts the peer off, and what it announces is only ever added beside what works
// (/work/briefs/security-W1.md says what a lying member can do).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { canonicalSignalingAddress, MAX_SIGNALING_ADDRESS_LENGTH, MAX_SIGNALING_ADDRESSES, signalingAddressProblem } from '@core/joinCode';
import type { AppChannel } from './appChannel';

export const MEETING_POINTS_CHANNEL = 'meeting-points';
const VERSION = 1;
/** Version, count, and each address with its length prefix: a full message is under 2 KiB. */
export const MAX_MEETING_POINTS_BYTES = 2 + MAX_SIGNALING_ADDRESSES * (2 + MAX_SIGNALING_ADDRESS_LENGTH);
/** Addresses one peer can add to what this laptop stores: an honest laptop's first (LAN) addresses fit, one liar cannot fill the list. */
export const MAX_STORED_PER_PEER = 3;
/** Addresses of one peer's that the room joins: a laptop's LAN, VPN and loopback addresses fit; one liar cannot crowd out the rest. */
export const MAX_JOINED_PER_PEER = 4;
/** Signaling servers a room connects to at once: its own, the configured ones, and what peers announce. */
export const MAX_ROOM_SIGNALING = 2 * MAX_SIGNALING_ADDRESSES;
/** Peers whose announcements are kept: more than a room connects to (30). */
const MAX_ANNOUNCING_PEERS = 32;
/** Messages one peer may send in a minute; an honest one sends one per connect and per address change. */
export const MAX_MESSAGES_PER_MINUTE = 20;

/** True for an address as the join code and the stored room keep it: canonical, and with no problem. */
export function isMeetingPoint(address: string): boolean {
  return canonicalSignalingAddress(address) === address && signalingAddressProblem(address) === null;
}

export function encodeMeetingPoints(addresses: readonly string[]): Uint8Array {
  const valid = [...new Set(addresses.filter(isMeetingPoint))].slice(0, MAX_SIGNALING_ADDRESSES);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, VERSION);
  encoding.writeVarUint(encoder, valid.length);
  for (const address of valid) encoding.writeVarString(encoder, address);
  return encoding.toUint8Array(encoder);
}

export type DecodedMeetingPoints =
  | { readonly ok: true; readonly addresses: readonly string[] }
  /** `hostile`: provably wrong (our own code never sends it); otherwise a newer version, ignored. */
  | { readonly ok: false; readonly hostile: boolean; readonly problem: string };

/** Reads a message in full; anything but canonical addresses, within the bounds, with nothing after, is refused. */
export function decodeMeetingPoints(payload: Uint8Array): DecodedMeetingPoints {
  const refuse = (problem: string): DecodedMeetingPoints => ({ ok: false, hostile: true, problem });
  if (payload.length > MAX_MEETING_POINTS_BYTES) return refuse(`sent a meeting-point message of ${payload.length} bytes`);
  const decoder = decoding.createDecoder(payload);
  try {
    const version = decoding.readVarUint(decoder);
    if (version !== VERSION) return { ok: false, hostile: false, problem: `a meeting-point message of version ${version}` };
    const count = decoding.readVarUint(decoder);
    if (count > MAX_SIGNALING_ADDRESSES) return refuse(`announced ${count} meeting points`);
    const addresses: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const address = decoding.readVarString(decoder);
      if (!isMeetingPoint(address)) return refuse('announced a meeting point that is not a canonical ws:// or wss:// address');
      if (addresses.includes(address)) return refuse('announced the same meeting point twice');
      addresses.push(address);
    }
    if (decoding.hasContent(decoder)) return refuse('sent a meeting-point message with bytes after its addresses');
    return { ok: true, addresses: Object.freeze(addresses) };
  } catch {
    return refuse('sent a meeting-point message that ends early');
  }
}

/**
 * One list of addresses from several, in order of preference, without duplicates or anything
 * that fails signalingAddressProblem, at most `limit` long: the earlier lists win the places.
 */
export function mergeAddresses(lists: readonly (readonly string[])[], limit: number = MAX_SIGNALING_ADDRESSES): string[] {
  const merged: string[] = [];
  for (const list of lists) {
    for (const address of list) {
      if (merged.length >= limit) return merged;
      if (!merged.includes(address) && isMeetingPoint(address)) merged.push(address);
    }
  }
  return merged;
}

/**
 * What a room keeps after learning addresses: the live ones first (this laptop's own, the servers
 * it is connected to, then what connected peers announce, each peer's first few), then what it
 * kept before. A stored address only gives way to a live one, and only when the list is full.
 */
export function mergeStoredAddresses(
  stored: readonly string[],
  live: { readonly proven: readonly string[]; readonly announced: readonly (readonly string[])[] },
): string[] {
  return mergeAddresses([live.proven, ...live.announced.map((list) => list.slice(0, MAX_STORED_PER_PEER)), stored]);
}

interface Announcement {
  readonly addresses: readonly string[];
  /** Arrival order: the most recent announcement comes first. */
  readonly seq: number;
}

export interface MeetingPointsOptions {
  readonly channel: AppChannel;
  /** Something peers announced changed (an address came, moved or went). */
  readonly onChange: () => void;
  readonly log?: (message: string) => void;
  /** For the rate bound; tests move it. */
  readonly now?: () => number;
}

/** One room's meeting points: what this laptop hosts (sent to every peer) and what its peers host. */
export class MeetingPoints {
  private own: readonly string[] = [];
  private readonly announced = new Map<string, Announcement>();
  /** Peers this laptop has told its addresses since they connected. */
  private told = new Set<string>();
  private readonly recent = new Map<string, number[]>();
  private seq = 0;
  private ignored = 0;
  private readonly log: (message: string) => void;
  private readonly now: () => number;
  private readonly unsubscribe: Array<() => void>;

  constructor(private readonly options: MeetingPointsOptions) {
    this.log = options.log ?? ((message) => console.warn(message));
    this.now = options.now ?? Date.now;
    const { channel } = options;
    this.unsubscribe = [
      channel.onMessage((peerId, payload) => this.receive(peerId, payload)),
      channel.onPeersChanged(() => this.peersChanged()),
    ];
    this.peersChanged();
  }

  /** This laptop's own hosted addresses; every connected peer is told when they change. */
  setOwn(addresses: readonly string[]): void {
    const next = Object.freeze(mergeAddresses([addresses]));
    if (next.length === this.own.length && next.every((address, i) => address === this.own[i])) return;
    this.own = next;
    this.told = new Set();
    this.tellPeers();
  }

  ownAddresses(): readonly string[] {
    return this.own;
  }

  /** What each connected peer announces, the most recent announcement first. */
  announcements(): readonly (readonly string[])[] {
    return [...this.announced.values()].sort((a, b) => b.seq - a.seq).map((entry) => entry.addresses);
  }

  /** The peer that announced an address (the most recent announcement wins), or null. */
  announcerOf(address: string): string | null {
    let found: Announcement | null = null;
    let peer: string | null = null;
    for (const [peerId, entry] of this.announced) {
      if (entry.addresses.includes(address) && (found === null || entry.seq > found.seq)) {
        found = entry;
        peer = peerId;
      }
    }
    return peer;
  }

  destroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.announced.clear();
  }

  private peersChanged(): void {
    const peers = new Set(this.options.channel.peers());
    let changed = false;
    for (const peerId of [...this.announced.keys()]) {
      if (!peers.has(peerId)) {
        this.announced.delete(peerId);
        changed = true;
      }
    }
    for (const peerId of [...this.told]) if (!peers.has(peerId)) this.told.delete(peerId);
    for (const peerId of [...this.recent.keys()]) if (!peers.has(peerId)) this.recent.delete(peerId);
    this.tellPeers();
    if (changed) this.options.onChange();
  }

  /** Tells each connected peer not told yet (an empty list too: "I host nothing now"). */
  private tellPeers(): void {
    const message = encodeMeetingPoints(this.own);
    for (const peerId of this.options.channel.peers()) {
      if (this.told.has(peerId)) continue;
      if (this.options.channel.send(peerId, message)) this.told.add(peerId);
    }
  }

  private receive(peerId: string, payload: Uint8Array): void {
    if (!this.withinRate(peerId)) return;
    const decoded = decodeMeetingPoints(payload);
    if (!decoded.ok) {
      if (decoded.hostile) this.options.channel.reportHostile(peerId, decoded.problem);
      else this.ignore(decoded.problem);
      return;
    }
    // The channel delivers only from this room's connections; one still opening counts (its
    // first message may beat our own "connected"), and it is forgotten if it never connects.
    if (!this.announced.has(peerId) && this.announced.size >= MAX_ANNOUNCING_PEERS) {
      this.ignore('a meeting-point message beyond the number of peers a room keeps');
      return;
    }
    const before = this.announced.get(peerId)?.addresses;
    this.announced.set(peerId, { addresses: decoded.addresses, seq: ++this.seq });
    if (before && before.length === decoded.addresses.length && before.every((address, i) => address === decoded.addresses[i])) return;
    this.options.onChange();
  }

  private withinRate(peerId: string): boolean {
    const now = this.now();
    const times = (this.recent.get(peerId) ?? []).filter((at) => now - at < 60_000);
    if (times.length >= MAX_MESSAGES_PER_MINUTE) {
      this.recent.set(peerId, times);
      this.ignore('meeting-point messages beyond the rate an honest laptop sends');
      return false;
    }
    times.push(now);
    this.recent.set(peerId, times);
    return true;
  }

  private ignore(what: string): void {
    this.ignored += 1;
    if (this.ignored === 1 || this.ignored % 100 === 0)
      this.log(`Sitrep: ignored ${this.ignored} meeting-point message(s) (the last: ${what})`);
  }
}
