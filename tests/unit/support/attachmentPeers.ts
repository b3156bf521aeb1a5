// An in-memory stand-in for the room's 'attachments' app channel: nodes joined by links that
// deliver in order on later microtasks, a hostile report cutting the link like the guard does.
import type { AttachmentFiles, AttachmentPeers } from '../../../src/renderer/sync/attachments/attachmentSync';
import type { AttachmentMeta } from '../../../src/core/attachments';

export class FakeChannelNode implements AttachmentPeers {
  readonly links = new Map<string, FakeChannelNode>();
  readonly hostile: Array<{ peerId: string; reason: string }> = [];
  readonly sent: Array<{ to: string; payload: Uint8Array }> = [];
  private readonly messageListeners = new Set<(peerId: string, payload: Uint8Array) => void>();
  private readonly peerListeners = new Set<() => void>();
  /** Rewrites what this node sends (a lying peer); null drops the message. */
  outgoing: ((to: string, payload: Uint8Array) => Uint8Array | null) | null = null;

  constructor(readonly id: string) {}

  peers(): readonly string[] {
    return [...this.links.keys()];
  }
  send(peerId: string, payload: Uint8Array): boolean {
    const other = this.links.get(peerId);
    if (!other) return false;
    this.sent.push({ to: peerId, payload });
    const out = this.outgoing ? this.outgoing(peerId, payload) : payload;
    if (out) queueMicrotask(() => other.deliver(this.id, out));
    return true;
  }
  onMessage(listener: (peerId: string, payload: Uint8Array) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }
  onPeersChanged(listener: () => void): () => void {
    this.peerListeners.add(listener);
    return () => this.peerListeners.delete(listener);
  }
  reportHostile(peerId: string, reason: string): void {
    this.hostile.push({ peerId, reason });
    const other = this.links.get(peerId);
    if (other) unlink(this, other);
  }
  deliver(from: string, payload: Uint8Array): void {
    if (!this.links.has(from)) return;
    for (const listener of [...this.messageListeners]) listener(from, payload);
  }
  changed(): void {
    for (const listener of [...this.peerListeners]) listener();
  }
}

export function link(a: FakeChannelNode, b: FakeChannelNode): void {
  a.links.set(b.id, b);
  b.links.set(a.id, a);
  a.changed();
  b.changed();
}

export function unlink(a: FakeChannelNode, b: FakeChannelNode): void {
  a.links.delete(b.id);
  b.links.delete(a.id);
  a.changed();
  b.changed();
}

/** An incident's stored files in memory. */
export class MemoryFiles implements AttachmentFiles {
  readonly files = new Map<string, Uint8Array>();
  puts = 0;
  async get(sha256: string): Promise<Uint8Array | null> {
    return this.files.get(sha256) ?? null;
  }
  async present(sha256s: readonly string[]): Promise<Set<string>> {
    return new Set(sha256s.filter((sha) => this.files.has(sha)));
  }
  async put(meta: AttachmentMeta, bytes: Uint8Array): Promise<void> {
    this.puts += 1;
    this.files.set(meta.sha256, bytes.slice());
  }
}
