// Re-keying a room over its own encrypted connections (the 'room-key' app channel). The incident
// commander's laptop announces a new secret to every connected laptop except the removed person's,
// waits (bounded) for their acknowledgements and then moves to the new secret; each member checks
// the announcement, acknowledges it, and moves once the commander's laptop has gone or the bound
// has passed. The removed laptops are left alone with the old secret, which no one uses any more.
import type { AppChannel } from '../rooms/appChannel';
import {
  decodeRoomKeyMessage,
  encodeRoomKeyMessage,
  randomHex32,
  RoomKeyMessageError,
  secretFingerprint,
  type RekeyMessage,
} from './roomKeyMessages';

/** How long the commander waits for acknowledgements, and a member for the commander to move. */
export const REKEY_SWITCH_BOUND_MS = 3_000;

export type RekeyRefusal = 'malformed' | 'other-room' | 'not-commander' | 'replayed' | 'unexpected-ack';

export interface RoomKeyExchangeDeps {
  readonly channel: AppChannel;
  readonly roomId: string;
  /** The room secret in use now. */
  readonly secret: () => string;
  /** The roster person a laptop says it is in its presence (awareness), or null when it has said nothing valid. */
  readonly personOfClient: (clientId: number) => string | null;
  /** The incident commander in the document now, or null. */
  readonly commander: () => string | null;
  /** The roster person this laptop is. */
  readonly me: () => string;
  /** A checked re-key from the commander: store the new secret and reconnect with it. */
  readonly onRekey: (secret: string) => void;
  /** A refused message, for the log and the tests. */
  readonly onRefused?: (peerId: string, why: RekeyRefusal) => void;
  readonly boundMs?: number;
}

export interface RekeyResult {
  readonly secret: string;
  /** Peers the new secret was sent to. */
  readonly sentTo: readonly string[];
  /** Of those, the ones that acknowledged it in time. */
  readonly acknowledged: readonly string[];
  /** The removed person's connected laptops, which got nothing. */
  readonly leftOut: readonly string[];
  /** Connected laptops that got nothing because they have not said who they are (they need a fresh code). */
  readonly unidentified: readonly string[];
}

interface Pending {
  readonly id: string;
  readonly waiting: Set<string>;
  readonly acknowledged: Set<string>;
  readonly done: () => void;
}

export class RoomKeyExchange {
  private readonly unsubscribe: Array<() => void>;
  private readonly seen = new Set<string>();
  private pending: Pending | null = null;
  /** A member's move to a new secret, waiting for the commander's laptop to go first. */
  private switching: { readonly from: string; readonly secret: string; readonly timer: ReturnType<typeof setTimeout> } | null = null;
  private destroyed = false;
  refused = 0;

  constructor(private readonly deps: RoomKeyExchangeDeps) {
    this.unsubscribe = [
      deps.channel.onMessage((peerId, payload) => this.receive(peerId, payload)),
      deps.channel.onPeersChanged(() => this.peersChanged()),
    ];
  }

  /** The person on a connected peer's laptop, from its presence. */
  personOf(peerId: string): string | null {
    const clientId = this.deps.channel.clientIdOf(peerId);
    return clientId === null ? null : this.deps.personOfClient(clientId);
  }

  /**
   * Sends a new secret to every connected laptop but `removedPersonId`'s and waits, at most the
   * bound, for their acknowledgements. The caller stores the secret and reconnects with it.
   */
  async announce(removedPersonId: string, me: string): Promise<RekeyResult> {
    const { channel, roomId } = this.deps;
    const previous = secretFingerprint(roomId, this.deps.secret());
    const secret = randomHex32();
    const id = randomHex32();
    const message: RekeyMessage = { type: 'rekey', id, roomId, previous, secret, by: me };
    const payload = encodeRoomKeyMessage(message);
    const sentTo: string[] = [];
    const leftOut: string[] = [];
    const unidentified: string[] = [];
    for (const peerId of channel.peers()) {
      const person = this.personOf(peerId);
      // A laptop that has not said who it is might be the removed person's: it gets nothing.
      if (person === null) unidentified.push(peerId);
      else if (person === removedPersonId) leftOut.push(peerId);
      else if (channel.send(peerId, payload)) sentTo.push(peerId);
    }
    this.seen.add(id);
    const acknowledged = new Set<string>();
    if (sentTo.length > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => finish(), this.deps.boundMs ?? REKEY_SWITCH_BOUND_MS);
        const finish = () => {
          clearTimeout(timer);
          if (this.pending?.id === id) this.pending = null;
          resolve();
        };
        this.pending = { id, waiting: new Set(sentTo), acknowledged, done: finish };
      });
    }
    return { secret, sentTo, acknowledged: [...acknowledged], leftOut, unidentified };
  }

  destroy(): void {
    this.destroyed = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    if (this.switching) clearTimeout(this.switching.timer);
    this.switching = null;
    this.pending?.done();
  }

  private refuse(peerId: string, why: RekeyRefusal, hostile?: string): void {
    this.refused += 1;
    if (hostile) this.deps.channel.reportHostile(peerId, hostile);
    this.deps.onRefused?.(peerId, why);
  }

  private receive(peerId: string, payload: Uint8Array): void {
    if (this.destroyed) return;
    let message: ReturnType<typeof decodeRoomKeyMessage>;
    try {
      message = decodeRoomKeyMessage(payload);
    } catch (error) {
      if (!(error instanceof RoomKeyMessageError)) throw error;
      this.refuse(peerId, 'malformed', 'sent a malformed room-key message');
      return;
    }
    if (message.type === 'ack') {
      const pending = this.pending;
      if (!pending || pending.id !== message.id || !pending.waiting.delete(peerId)) {
        this.refuse(peerId, 'unexpected-ack');
        return;
      }
      pending.acknowledged.add(peerId);
      if (pending.waiting.size === 0) pending.done();
      return;
    }
    if (message.roomId !== this.deps.roomId) {
      this.refuse(peerId, 'other-room', 'sent a room key for another room');
      return;
    }
    // Only the commander's laptop re-keys: by the document's commander and the sender's presence.
    const sender = this.personOf(peerId);
    const commander = this.deps.commander();
    if (sender === null || commander === null || sender !== commander || message.by !== sender) {
      this.refuse(peerId, 'not-commander');
      return;
    }
    // Presence is self-declared: a member could claim to be the commander. The commander's own
    // laptops therefore take no re-key from another laptop (a second laptop of theirs needs a fresh code).
    if (this.deps.me() === commander) {
      this.refuse(peerId, 'not-commander');
      return;
    }
    // Valid once: it must replace the secret in use now, and not have been seen before.
    const current = secretFingerprint(this.deps.roomId, this.deps.secret());
    if (this.seen.has(message.id) || message.previous !== current || message.secret === this.deps.secret() || this.switching) {
      this.refuse(peerId, 'replayed');
      return;
    }
    this.seen.add(message.id);
    this.deps.channel.send(peerId, encodeRoomKeyMessage({ type: 'ack', id: message.id }));
    // Move once the commander's laptop has moved (so the acknowledgement gets through), or at the bound.
    const timer = setTimeout(() => this.switchNow(), this.deps.boundMs ?? REKEY_SWITCH_BOUND_MS);
    this.switching = { from: peerId, secret: message.secret, timer };
    this.peersChanged();
  }

  private peersChanged(): void {
    const pending = this.pending;
    if (pending) {
      // A laptop that went away will not acknowledge; stop waiting for it.
      const connected = new Set(this.deps.channel.peers());
      for (const peerId of [...pending.waiting]) if (!connected.has(peerId)) pending.waiting.delete(peerId);
      if (pending.waiting.size === 0) pending.done();
    }
    if (this.switching && !this.deps.channel.peers().includes(this.switching.from)) this.switchNow();
  }

  private switchNow(): void {
    const switching = this.switching;
    if (!switching || this.destroyed) return;
    clearTimeout(switching.timer);
    this.switching = null;
    this.deps.onRekey(switching.secret);
  }
}
