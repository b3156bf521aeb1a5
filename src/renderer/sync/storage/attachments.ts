// Attached files on this computer: their bytes, content-addressed (SHA-256) per incident, in the
// library's database beside the incident's document. The document holds only their metadata.
import { ATTACHMENT_MAX_BYTES, type AttachmentMeta, formatBytes, isSha256, sha256Hex, tooLargeMessage } from '@core/attachments';
import type { SitrepDatabase } from './database';
import { checkIncidentId, isQuotaExceeded } from './errors';

/** One attached file's bytes, stored once per incident under its SHA-256 (storage version 3). */
export interface AttachmentRow {
  readonly incidentId: string;
  /** Lower-case hex SHA-256 of `bytes`, checked before the row is written. */
  readonly sha256: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly bytes: Uint8Array;
  /** When it was stored on this computer (UTC epoch ms). */
  readonly storedAt: number;
}

/** A file that could not be stored; the message says why and what to do. Nothing was attached. */
export class AttachmentStoreError extends Error {
  override readonly name = 'AttachmentStoreError';
}

export type AttachmentStoredListener = (incidentId: string, sha256: string) => void;

export class AttachmentStore {
  private readonly listeners = new Set<AttachmentStoredListener>();

  constructor(
    private readonly db: SitrepDatabase,
    private readonly ensureOpen: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores a file's bytes for an incident after checking them against its metadata (size and
   * SHA-256). Storing a file already there is a no-op. Refusals throw AttachmentStoreError.
   */
  async put(incidentId: string, meta: AttachmentMeta, bytes: Uint8Array): Promise<void> {
    this.ensureOpen();
    checkIncidentId(incidentId);
    if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AttachmentStoreError(tooLargeMessage(meta.name, bytes.length));
    if (bytes.length !== meta.size) {
      throw new AttachmentStoreError(`"${meta.name}" is ${formatBytes(bytes.length)}, not the ${formatBytes(meta.size)} recorded for it.`);
    }
    const actual = await sha256Hex(bytes);
    if (actual !== meta.sha256) throw new AttachmentStoreError(`"${meta.name}" does not match its SHA-256; it was not stored.`);
    const row: AttachmentRow = {
      incidentId,
      sha256: meta.sha256,
      name: meta.name,
      type: meta.type,
      size: meta.size,
      // A copy that owns exactly its bytes (a subarray would store the whole buffer behind it).
      bytes: bytes.slice(),
      storedAt: this.now(),
    };
    try {
      await this.db.attachments.put(row);
    } catch (error) {
      if (isQuotaExceeded(error)) {
        throw new AttachmentStoreError(
          `"${meta.name}" (${formatBytes(meta.size)}) could not be stored: the disk is full or the storage quota is used up. ` +
            'Free some disk space and attach it again.',
          { cause: error },
        );
      }
      throw new AttachmentStoreError(
        `"${meta.name}" could not be stored on this computer (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}).`,
        { cause: error },
      );
    }
    for (const listener of [...this.listeners]) listener(incidentId, meta.sha256);
  }

  /** The stored file, or null when this computer does not have it (yet). */
  async get(incidentId: string, sha256: string): Promise<AttachmentRow | null> {
    this.ensureOpen();
    if (!isSha256(sha256)) return null;
    const row = await this.db.attachments.get([incidentId, sha256]);
    return row && row.bytes instanceof Uint8Array && row.bytes.length === row.size ? row : null;
  }

  async has(incidentId: string, sha256: string): Promise<boolean> {
    this.ensureOpen();
    if (!isSha256(sha256)) return false;
    return (await this.db.attachments.where('[incidentId+sha256]').equals([incidentId, sha256]).count()) > 0;
  }

  /** Which of these files this computer has for the incident. */
  async present(incidentId: string, sha256s: readonly string[]): Promise<Set<string>> {
    this.ensureOpen();
    const keys = [...new Set(sha256s.filter(isSha256))].map((sha) => [incidentId, sha] as [string, string]);
    if (keys.length === 0) return new Set();
    const found = await this.db.attachments.where('[incidentId+sha256]').anyOf(keys).primaryKeys();
    return new Set(found.map(([, sha]) => sha));
  }

  /** Deletes every file of an incident (its other rows go in incidentStorage.delete, in one transaction). */
  async deleteForIncident(incidentId: string): Promise<number> {
    this.ensureOpen();
    return this.db.attachments.where('incidentId').equals(incidentId).delete();
  }

  /** Called after each file stored (attached here, or received from a peer). Returns unsubscribe. */
  onStored(listener: AttachmentStoredListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
