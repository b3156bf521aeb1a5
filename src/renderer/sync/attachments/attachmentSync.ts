// Brings the files an incident's document refers to onto this computer, from peers, and answers
// peers who ask for files this computer has. Runs on the room's 'attachments' app channel.
//
// Receiving: for each missing file (at most `maxTransfers` at once) ask every connected peer
// `want`; take the first that answers `have` with the size the document records, and ask it for
// chunks, a few in flight at a time. A whole file comes from one peer, so when its SHA-256 does
// not match, or a chunk is provably wrong (its count or length), that peer is reported hostile
// (its connection is cut) and the file is fetched again from the next peer that has it.
// Everything is bounded: transfers, chunks in flight, the size (the document's, at most 10 MB),
// and the time a peer may take to answer or to send the next chunk.
import {
  type AttachmentMeta,
  type AttachmentMessage,
  CHUNK_BYTES,
  chunkCount,
  chunkLength,
  chunkOf,
  decodeAttachmentMessage,
  encodeAttachmentMessage,
  isAttachmentSize,
  MAX_CHUNKS,
  MalformedAttachmentMessage,
  sha256Hex,
} from '@core/attachments';

/** The part of the room's AppChannel (rooms/appChannel.ts) this needs; a fake stands in for it in tests. */
export interface AttachmentPeers {
  peers(): readonly string[];
  send(peerId: string, payload: Uint8Array): boolean;
  onMessage(listener: (peerId: string, payload: Uint8Array) => void): () => void;
  onPeersChanged(listener: () => void): () => void;
  reportHostile(peerId: string, reason: string): void;
}

/** This incident's stored files (AttachmentStore bound to one incident). */
export interface AttachmentFiles {
  get(sha256: string): Promise<Uint8Array | null>;
  present(sha256s: readonly string[]): Promise<Set<string>>;
  put(meta: AttachmentMeta, bytes: Uint8Array): Promise<void>;
}

export interface AttachmentSyncOptions {
  readonly peers: AttachmentPeers;
  readonly files: AttachmentFiles;
  /** Every file the document refers to (metadata), read when the sync looks for missing ones. */
  readonly referenced: () => readonly AttachmentMeta[];
  /** Files fetched at once (default 2). */
  readonly maxTransfers?: number;
  /** Chunk requests in flight per transfer (default 4). */
  readonly window?: number;
  /** How long peers have to answer `want` (default 5 s). */
  readonly answerTimeoutMs?: number;
  /** How long the sending peer may take for the next chunk before the next peer is tried (default 15 s). */
  readonly chunkTimeoutMs?: number;
  /** After no connected peer had a file: when to ask again (default 30 s; sooner when a peer connects). */
  readonly retryMs?: number;
  /** Chunks one peer may ask for at once (default 320, two 10 MB files), then… */
  readonly serveBurstChunks?: number;
  /** …this many more each second (default 80: 5 MB/s). Requests beyond are answered `none`. */
  readonly serveChunksPerSecond?: number;
  /** Reports what could not be done (a store that failed); defaults to console.error. */
  readonly onError?: (error: unknown) => void;
}

export type TransferState =
  | { readonly phase: 'asking' }
  | { readonly phase: 'receiving'; readonly received: number; readonly total: number };

interface Transfer {
  readonly meta: AttachmentMeta;
  readonly count: number;
  /** Peers asked `want` and not answered yet. */
  readonly pending: Set<string>;
  /** Peers that said `have`, in the order they answered, not tried yet. */
  readonly candidates: string[];
  /** Peers that failed or lied for this file; not asked again during this transfer. */
  readonly excluded: Set<string>;
  source: string | null;
  buffer: Uint8Array;
  received: Set<number>;
  next: number;
  readonly inFlight: Set<number>;
  timer: ReturnType<typeof setTimeout> | null;
  verifying: boolean;
}

/** Files kept in memory while a peer fetches them, so 160 chunk requests do not read IndexedDB 160 times. */
const SERVE_CACHE_FILES = 2;

export class AttachmentSync {
  private readonly transfers = new Map<string, Transfer>();
  /** Files no connected peer had, until a peer connects or the retry time passes. */
  private readonly unavailable = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly serveCache = new Map<string, Uint8Array>();
  /** Chunks each peer may still ask for: a token bucket per peer. */
  private readonly serveBuckets = new Map<string, { tokens: number; at: number }>();
  private readonly serveBurst: number;
  private readonly serveRate: number;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: Array<() => void>;
  private refreshing: Promise<void> | null = null;
  /** Files known to be stored here, so a refresh looks up only the others. */
  private readonly stored = new Set<string>();
  /** The document's files by hash, as of the last refresh (see indexReferenced). */
  private referencedIndex = new Map<string, AttachmentMeta>();
  private refreshAgain = false;
  private destroyed = false;
  private readonly maxTransfers: number;
  private readonly window: number;
  private readonly answerTimeoutMs: number;
  private readonly chunkTimeoutMs: number;
  private readonly retryMs: number;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly options: AttachmentSyncOptions) {
    this.maxTransfers = options.maxTransfers ?? 2;
    this.window = options.window ?? 4;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 5_000;
    this.chunkTimeoutMs = options.chunkTimeoutMs ?? 15_000;
    this.retryMs = options.retryMs ?? 30_000;
    this.serveBurst = options.serveBurstChunks ?? 2 * MAX_CHUNKS;
    this.serveRate = options.serveChunksPerSecond ?? 80;
    this.onError = options.onError ?? ((error) => console.error('Sitrep: an attachment transfer failed', error));
    this.unsubscribe = [
      options.peers.onMessage((peerId, payload) => this.receive(peerId, payload)),
      options.peers.onPeersChanged(() => this.peersChanged()),
    ];
  }

  /** Where a missing file stands: being asked for, being received, or null (not being fetched now). */
  state(sha256: string): TransferState | null {
    const transfer = this.transfers.get(sha256);
    if (!transfer) return null;
    if (transfer.source === null) return { phase: 'asking' };
    return { phase: 'receiving', received: transfer.received.size, total: transfer.count };
  }

  /** Called when transfers start, progress or end. Returns unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks for referenced files this computer lacks and fetches them. Call when the document changes. */
  refresh(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.startMissing();
      } while (this.refreshAgain && !this.destroyed);
    })()
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  destroy(): void {
    this.destroyed = true;
    for (const off of this.unsubscribe) off();
    for (const transfer of this.transfers.values()) this.clearTimer(transfer);
    this.transfers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.serveCache.clear();
    this.listeners.clear();
  }

  private async startMissing(): Promise<void> {
    const referenced = this.indexReferenced();
    // Only files not yet known to be here are looked up; stored files are never removed while open.
    const unknown = [...referenced.keys()].filter((sha256) => !this.stored.has(sha256));
    if (unknown.length === 0) return;
    for (const sha256 of await this.options.files.present(unknown)) this.stored.add(sha256);
    if (this.destroyed) return;
    const present = this.stored;
    const connected = this.options.peers.peers();
    for (const [sha256, meta] of referenced) {
      if (this.transfers.size >= this.maxTransfers) break;
      if (present.has(sha256) || this.transfers.has(sha256) || this.unavailable.has(sha256)) continue;
      if (connected.length === 0) break;
      this.begin(meta, connected);
    }
  }

  /** Indexes the document's files by hash (at most 10 MB each; larger ones are never fetched or served). */
  private indexReferenced(): Map<string, AttachmentMeta> {
    const index = new Map<string, AttachmentMeta>();
    for (const meta of this.options.referenced()) if (isAttachmentSize(meta.size)) index.set(meta.sha256, meta);
    this.referencedIndex = index;
    return index;
  }

  private begin(meta: AttachmentMeta, connected: readonly string[]): void {
    const count = chunkCount(meta.size);
    const transfer: Transfer = {
      meta,
      count,
      pending: new Set(),
      candidates: [],
      excluded: new Set(),
      source: null,
      buffer: new Uint8Array(0),
      received: new Set(),
      next: 0,
      inFlight: new Set(),
      timer: null,
      verifying: false,
    };
    this.transfers.set(meta.sha256, transfer);
    const want = encodeAttachmentMessage({ type: 'want', sha256: meta.sha256 });
    for (const peerId of connected) if (this.options.peers.send(peerId, want)) transfer.pending.add(peerId);
    this.arm(transfer, this.answerTimeoutMs, () => this.giveUp(transfer));
    if (transfer.pending.size === 0) this.giveUp(transfer);
    else this.emit();
  }

  private receive(peerId: string, payload: Uint8Array): void {
    if (this.destroyed) return;
    let message: AttachmentMessage;
    try {
      message = decodeAttachmentMessage(payload);
    } catch (error) {
      if (error instanceof MalformedAttachmentMessage) {
        this.options.peers.reportHostile(peerId, `sent a malformed attachment message: ${error.message}`);
        return;
      }
      throw error;
    }
    switch (message.type) {
      case 'want':
      case 'get':
        void this.serve(peerId, message).catch((error: unknown) => this.onError(error));
        return;
      case 'have':
      case 'none':
        this.answer(peerId, message);
        return;
      case 'chunk':
        this.chunk(peerId, message);
        return;
    }
  }

  // Serving: only files this incident's document refers to and this computer stores for it.
  private async serve(peerId: string, message: Extract<AttachmentMessage, { type: 'want' | 'get' }>): Promise<void> {
    const { sha256 } = message;
    const none = () => this.options.peers.send(peerId, encodeAttachmentMessage({ type: 'none', sha256 }));
    // A file added since the last refresh is found by indexing once more.
    const meta = this.referencedIndex.get(sha256) ?? this.indexReferenced().get(sha256);
    if (!meta) {
      none();
      return;
    }
    if (message.type === 'want') {
      // Whether it is here is enough to answer; the bytes are read only when chunks are asked for.
      const here = this.stored.has(sha256) || (await this.options.files.present([sha256])).has(sha256);
      if (this.destroyed) return;
      if (here) this.options.peers.send(peerId, encodeAttachmentMessage({ type: 'have', sha256, size: meta.size }));
      else none();
      return;
    }
    // Each request costs a 64 KiB answer: a peer asking faster than any honest transfer is refused
    // (it then asks someone else), so a 3-byte request cannot make this laptop send without end.
    if (!this.takeServeToken(peerId)) {
      none();
      return;
    }
    const bytes = await this.bytesToServe(sha256);
    if (this.destroyed) return;
    const count = bytes ? chunkCount(bytes.length) : 0;
    if (!bytes || message.index >= count) {
      none();
      return;
    }
    this.options.peers.send(
      peerId,
      encodeAttachmentMessage({ type: 'chunk', sha256, index: message.index, count, bytes: chunkOf(bytes, message.index) }),
    );
  }

  private takeServeToken(peerId: string): boolean {
    const now = Date.now();
    const bucket = this.serveBuckets.get(peerId) ?? { tokens: this.serveBurst, at: now };
    bucket.tokens = Math.min(this.serveBurst, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * this.serveRate);
    bucket.at = now;
    this.serveBuckets.set(peerId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private async bytesToServe(sha256: string): Promise<Uint8Array | null> {
    const cached = this.serveCache.get(sha256);
    if (cached) {
      this.serveCache.delete(sha256);
      this.serveCache.set(sha256, cached);
      return cached;
    }
    const bytes = await this.options.files.get(sha256);
    if (!bytes) return null;
    this.serveCache.set(sha256, bytes);
    while (this.serveCache.size > SERVE_CACHE_FILES) this.serveCache.delete(this.serveCache.keys().next().value as string);
    return bytes;
  }

  private answer(peerId: string, message: Extract<AttachmentMessage, { type: 'have' | 'none' }>): void {
    const transfer = this.transfers.get(message.sha256);
    if (!transfer || transfer.verifying) return;
    if (message.type === 'none' && transfer.source === peerId) {
      // The peer sending it stopped having it: not a lie (it may have been deleted there).
      this.dropSource(transfer, null);
      return;
    }
    if (!transfer.pending.delete(peerId)) return;
    if (message.type === 'have') {
      // A size other than the document's is not provably a lie (the document's metadata came
      // from someone too), so that peer is simply not used for this file.
      if (message.size === transfer.meta.size) transfer.candidates.push(peerId);
      else transfer.excluded.add(peerId);
    }
    if (transfer.source === null) {
      if (transfer.candidates.length > 0) this.takeNextSource(transfer);
      else if (transfer.pending.size === 0) this.giveUp(transfer);
    }
  }

  private takeNextSource(transfer: Transfer): void {
    const connected = new Set(this.options.peers.peers());
    let next = transfer.candidates.shift();
    while (next !== undefined && (!connected.has(next) || transfer.excluded.has(next))) next = transfer.candidates.shift();
    if (next === undefined) {
      if (transfer.pending.size === 0) this.giveUp(transfer);
      else {
        transfer.source = null;
        this.arm(transfer, this.answerTimeoutMs, () => this.giveUp(transfer));
        this.emit();
      }
      return;
    }
    transfer.source = next;
    transfer.buffer = new Uint8Array(transfer.meta.size);
    transfer.received = new Set();
    transfer.next = 0;
    transfer.inFlight.clear();
    this.requestMore(transfer);
    this.emit();
  }

  private requestMore(transfer: Transfer): void {
    const source = transfer.source;
    if (source === null) return;
    while (transfer.inFlight.size < this.window && transfer.next < transfer.count) {
      const index = transfer.next;
      if (!this.options.peers.send(source, encodeAttachmentMessage({ type: 'get', sha256: transfer.meta.sha256, index }))) {
        this.dropSource(transfer, null);
        return;
      }
      transfer.inFlight.add(index);
      transfer.next += 1;
    }
    this.arm(transfer, this.chunkTimeoutMs, () => this.dropSource(transfer, null));
  }

  private chunk(peerId: string, message: Extract<AttachmentMessage, { type: 'chunk' }>): void {
    const transfer = this.transfers.get(message.sha256);
    // A chunk not asked for (a late one from a peer given up on) is ignored.
    if (!transfer || transfer.source !== peerId || !transfer.inFlight.has(message.index)) return;
    const expected = chunkLength(transfer.meta.size, message.index);
    if (message.count !== transfer.count || message.bytes.length !== expected) {
      this.dropSource(
        transfer,
        `sent chunk ${message.index} of "${transfer.meta.name}" as ${message.bytes.length} bytes of ${message.count} chunks, not ${expected} bytes of ${transfer.count}`,
      );
      return;
    }
    transfer.buffer.set(message.bytes, message.index * CHUNK_BYTES);
    transfer.inFlight.delete(message.index);
    transfer.received.add(message.index);
    if (transfer.received.size < transfer.count) {
      this.requestMore(transfer);
      this.emit();
      return;
    }
    this.clearTimer(transfer);
    transfer.verifying = true;
    void this.finish(transfer, peerId).catch((error: unknown) => this.onError(error));
  }

  /** Verifies a complete file from `source` and stores it; while this runs, peer changes leave the transfer alone. */
  private async finish(transfer: Transfer, source: string): Promise<void> {
    const bytes = transfer.buffer;
    const actual = await sha256Hex(bytes);
    if (this.destroyed || this.transfers.get(transfer.meta.sha256) !== transfer) return;
    transfer.verifying = false;
    if (actual !== transfer.meta.sha256) {
      transfer.source = source;
      this.dropSource(
        transfer,
        `sent "${transfer.meta.name}" whose SHA-256 does not match (got ${actual.slice(0, 12)}…, expected ${transfer.meta.sha256.slice(0, 12)}…)`,
      );
      return;
    }
    this.transfers.delete(transfer.meta.sha256);
    try {
      await this.options.files.put(transfer.meta, bytes);
      this.stored.add(transfer.meta.sha256);
    } catch (error) {
      // Not the peer's fault (the disk is full, say): reported, and tried again later.
      this.onError(error);
      this.markUnavailable(transfer.meta.sha256);
    }
    this.emit();
    if (!this.destroyed) void this.refresh();
  }

  /** The current source failed; `hostile` says how, when it provably lied. Then the next peer is tried. */
  private dropSource(transfer: Transfer, hostile: string | null): void {
    const source = transfer.source;
    if (source === null) return;
    transfer.excluded.add(source);
    transfer.source = null;
    transfer.inFlight.clear();
    this.clearTimer(transfer);
    // Cutting the peer may report a peer change at once, which can end this transfer.
    if (hostile !== null) this.options.peers.reportHostile(source, hostile);
    if (this.transfers.get(transfer.meta.sha256) === transfer) this.takeNextSource(transfer);
  }

  private giveUp(transfer: Transfer): void {
    if (this.transfers.get(transfer.meta.sha256) !== transfer) return;
    this.clearTimer(transfer);
    this.transfers.delete(transfer.meta.sha256);
    this.markUnavailable(transfer.meta.sha256);
    this.emit();
    void this.refresh();
  }

  private markUnavailable(sha256: string): void {
    this.unavailable.add(sha256);
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      this.unavailable.clear();
      void this.refresh();
    }, this.retryMs);
  }

  private peersChanged(): void {
    if (this.destroyed) return;
    const connected = new Set(this.options.peers.peers());
    for (const transfer of [...this.transfers.values()]) {
      if (transfer.verifying) continue;
      for (const peerId of [...transfer.pending]) if (!connected.has(peerId)) transfer.pending.delete(peerId);
      if (transfer.source !== null && !connected.has(transfer.source)) this.dropSource(transfer, null);
      else if (transfer.source === null && transfer.candidates.length === 0 && transfer.pending.size === 0 && !transfer.verifying) {
        this.giveUp(transfer);
      }
    }
    for (const peerId of [...this.serveBuckets.keys()]) if (!connected.has(peerId)) this.serveBuckets.delete(peerId);
    // A peer that just connected may have what nobody had.
    this.unavailable.clear();
    void this.refresh();
  }

  private arm(transfer: Transfer, ms: number, onTimeout: () => void): void {
    this.clearTimer(transfer);
    transfer.timer = setTimeout(() => {
      transfer.timer = null;
      if (this.transfers.get(transfer.meta.sha256) === transfer) onTimeout();
    }, ms);
  }

  private clearTimer(transfer: Transfer): void {
    if (transfer.timer) clearTimeout(transfer.timer);
    transfer.timer = null;
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
