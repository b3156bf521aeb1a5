// The open incident's attachments as the UI uses them: adding files (size checked before they
// are read, hashed, stored on this computer), showing stored ones (object URLs), and the peer
// sync that brings missing ones. One per open incident session.
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentMeta,
  cleanFileName,
  normalizeMediaType,
  sha256Hex,
  tooLargeMessage,
} from '@core/attachments';
import type { TimelineEntry } from '@core/model';
import type { IncidentSession } from '../../state/incidentContext';
import { AttachmentSync, type AttachmentPeers, type TransferState } from '../../sync/attachments/attachmentSync';
import type { AttachmentStore } from '../../sync/storage';
import { uiI18n } from '../../i18n';

/** The app channel the sync talks on. */
export const ATTACHMENTS_CHANNEL = 'attachments';

/** How long object URLs outlive the last view that showed them (see subscribe). */
const URL_RELEASE_DELAY_MS = 10_000;

export type AddFilesResult = { ok: true; files: AttachmentMeta[] } | { ok: false; message: string };

export class IncidentAttachments {
  private readonly urls = new Map<string, Promise<string | null>>();
  private readonly listeners = new Set<() => void>();
  private sync: AttachmentSync | null = null;
  private version = 0;
  private offStored: (() => void) | null = null;

  constructor(
    private readonly session: IncidentSession,
    private readonly store: AttachmentStore,
  ) {}

  /** Every file the incident's timeline refers to, once each. */
  referenced(): AttachmentMeta[] {
    const seen = new Map<string, AttachmentMeta>();
    for (const entry of this.session.store.get('timeline') as readonly TimelineEntry[]) {
      for (const meta of entry.attachments) if (!seen.has(meta.sha256)) seen.set(meta.sha256, meta);
    }
    return [...seen.values()];
  }

  /**
   * Reads, hashes and stores files picked, pasted or dropped. All or nothing: a file over the
   * limit, or one that cannot be read or stored, refuses the lot with a message naming it.
   */
  async addFiles(files: readonly File[], options: { pasted?: boolean } = {}): Promise<AddFilesResult> {
    if (files.length === 0) return { ok: false, message: uiI18n().t('timeline:attachments.chooseFile') };
    const tooLarge = files.find((file) => file.size > ATTACHMENT_MAX_BYTES);
    if (tooLarge)
      return {
        ok: false,
        message: tooLargeMessage(tooLarge.name || uiI18n().t('refusals:attachment.unnamedFile'), tooLarge.size, uiI18n().t),
      };
    const metas: AttachmentMeta[] = [];
    for (const [index, file] of files.entries()) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch (error) {
        return {
          ok: false,
          message: uiI18n().t('timeline:attachments.unreadableFile', {
            name: cleanFileName(file.name),
            error: error instanceof Error ? error.message : String(error),
          }),
        };
      }
      const type = normalizeMediaType(file.type);
      const meta: AttachmentMeta = {
        sha256: await sha256Hex(bytes),
        name: options.pasted || file.name === '' ? pastedName(type, index) : cleanFileName(file.name),
        type,
        size: bytes.length,
      };
      try {
        await this.store.put(this.session.id, meta, bytes);
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
      metas.push(meta);
    }
    return { ok: true, files: metas };
  }

  private releaseTimer: ReturnType<typeof setTimeout> | null = null;

  /** An object URL for a stored file, or null while this computer does not have it. */
  url(meta: AttachmentMeta): Promise<string | null> {
    let url = this.urls.get(meta.sha256);
    if (!url) {
      url = this.store
        .get(this.session.id, meta.sha256)
        .then((row) =>
          row
            ? URL.createObjectURL(new Blob([row.bytes as Uint8Array<ArrayBuffer>], { type: row.type || 'application/octet-stream' }))
            : null,
        );
      this.urls.set(meta.sha256, url);
      // A miss is not kept: the next look after the file arrives asks the store again.
      void url.then((found) => {
        if (found === null && this.urls.get(meta.sha256) === url) this.urls.delete(meta.sha256);
      });
    }
    return url;
  }

  /** The stored bytes (for saving a copy and for exports), or null. */
  async bytes(sha256: string): Promise<Uint8Array | null> {
    return (await this.store.get(this.session.id, sha256))?.bytes ?? null;
  }

  /** Where a missing file's transfer stands, or null when none is running. */
  transfer(sha256: string): TransferState | null {
    return this.sync?.state(sha256) ?? null;
  }

  /** Changes when a file is stored or a transfer moves; for useSyncExternalStore. */
  snapshot(): number {
    return this.version;
  }

  /** While anyone listens, files stored for this incident (here or from a peer) are announced. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (this.releaseTimer !== null) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    this.offStored ??= this.store.onStored((incidentId, sha256) => {
      if (incidentId !== this.session.id) return;
      this.urls.delete(sha256);
      this.emit();
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.offStored?.();
      this.offStored = null;
      // Nothing shows the files any more: let the browser free them, but not at once. A list that
      // re-renders or a row the timeline re-mounts unsubscribes and subscribes again in one commit,
      // and a thumbnail still showing a URL revoked in between turns into a broken image.
      if (this.releaseTimer !== null) clearTimeout(this.releaseTimer);
      this.releaseTimer = setTimeout(() => {
        this.releaseTimer = null;
        if (this.listeners.size > 0) return;
        for (const url of this.urls.values()) void url.then((found) => found && URL.revokeObjectURL(found));
        this.urls.clear();
      }, URL_RELEASE_DELAY_MS);
    };
  }

  /** Runs the peer sync on the room's channel (null: no room); returns the stop function. */
  startSync(channel: AttachmentPeers | null): () => void {
    if (!channel) return () => undefined;
    const sync = new AttachmentSync({
      peers: channel,
      files: {
        get: (sha256) => this.bytes(sha256),
        present: (sha256s) => this.store.present(this.session.id, sha256s),
        put: (meta, bytes) => this.store.put(this.session.id, meta, bytes),
      },
      referenced: () => this.referenced(),
    });
    this.sync = sync;
    const offSync = sync.subscribe(() => this.emit());
    const offTimeline = this.session.store.subscribe('timeline', () => void sync.refresh());
    void sync.refresh();
    return () => {
      offSync();
      offTimeline();
      sync.destroy();
      if (this.sync === sync) this.sync = null;
      this.emit();
    };
  }

  private emit(): void {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }
}

/** A pasted screenshot comes as "image.png" whatever it shows; name it for when it was pasted instead. */
function pastedName(type: string, index: number): string {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const extension = type.startsWith('image/') ? type.slice(6).replace('jpeg', 'jpg').replace(/\+.*$/, '') : 'bin';
  return `pasted-${stamp}${index > 0 ? `-${index + 1}` : ''}.${extension}`;
}

const runtimes = new WeakMap<IncidentSession, IncidentAttachments>();

/** The attachments of an open incident session (one per session). */
export function attachmentsOf(session: IncidentSession, store: AttachmentStore): IncidentAttachments {
  let runtime = runtimes.get(session);
  if (!runtime) {
    runtime = new IncidentAttachments(session, store);
    runtimes.set(session, runtime);
  }
  return runtime;
}
