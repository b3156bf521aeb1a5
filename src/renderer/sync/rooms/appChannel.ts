// The room's app channels: features send their own messages to peers over the room's existing
// encrypted WebRTC connections, by channel name, without touching the room itself. On the wire a
// message is [varUint MESSAGE_APP][varString channel][varUint8Array payload] (peerWire.ts), joined
// from chunks like any other and read in full by the guard before a channel's listeners see it.

/** What a feature holds of the room to talk to peers on its own channel. */
export interface AppChannel {
  /** Peer ids with an open connection now. */
  peers(): readonly string[];
  /** The remote peer's Yjs awareness clientID once known (to map a peer to a person through presence), else null. */
  clientIdOf(peerId: string): number | null;
  /** Sends to one peer; false when that peer is not connected (nothing is queued). Throws on a payload over MAX_APP_PAYLOAD_BYTES. */
  send(peerId: string, payload: Uint8Array): boolean;
  /** Each message on this channel: from which peer. Returns unsubscribe. */
  onMessage(listener: (peerId: string, payload: Uint8Array) => void): () => void;
  /** Called when a peer connects or disconnects. Returns unsubscribe. */
  onPeersChanged(listener: () => void): () => void;
  /**
   * Marks a peer hostile (sent something provably wrong): the connection is cut and the drop reported like other guard drops.
   * `reason` completes "Dropped a peer that …" in the connection dialog, e.g. "sent a file that does not match its hash".
   */
  reportHostile(peerId: string, reason: string): void;
}

/** A channel name: short, lower case, so it reads well in logs and cannot smuggle anything. */
export const APP_CHANNEL_NAME = /^[a-z0-9-]{1,32}$/;

/**
 * Largest payload of one app message. Large enough for a file chunk or a key bundle, small
 * enough that one message cannot make a peer hold much (it travels in data-channel chunks).
 */
export const MAX_APP_PAYLOAD_BYTES = 1024 * 1024;

export function isAppChannelName(name: string): boolean {
  return APP_CHANNEL_NAME.test(name);
}

/** Thrown for a channel name outside APP_CHANNEL_NAME: a programming error, not a network one. */
export class AppChannelNameError extends Error {
  constructor(name: string) {
    super(`"${name.slice(0, 40)}" is not an app channel name: 1 to 32 characters of a-z, 0-9 and -`);
    this.name = 'AppChannelNameError';
  }
}
