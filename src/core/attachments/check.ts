// Checks the metadata of files about to be attached to a timeline entry (commands/entries.ts).
import { CommandError } from '../commands/command';
import {
  ATTACHMENTS_PER_ENTRY,
  type AttachmentMeta,
  cleanFileName,
  isAttachmentSize,
  isSha256,
  normalizeMediaType,
  tooLargeParams,
} from './metadata';

/** Checks files about to be attached to an entry that already carries `present`; returns them cleaned. */
export function checkAttachments(files: readonly AttachmentMeta[], present: readonly AttachmentMeta[]): AttachmentMeta[] {
  const seen = new Set(present.map((meta) => meta.sha256));
  const out: AttachmentMeta[] = [];
  for (const file of files) {
    if (!isSha256(file.sha256)) throw new CommandError('attachment.noChecksum', { name: cleanFileName(String(file.name)) });
    if (typeof file.size !== 'number' || file.size < 0 || !Number.isInteger(file.size)) {
      throw new CommandError('attachment.noSize', { name: cleanFileName(String(file.name)) });
    }
    if (!isAttachmentSize(file.size)) throw new CommandError('attachment.tooLarge', tooLargeParams(String(file.name), file.size));
    if (seen.has(file.sha256)) continue;
    seen.add(file.sha256);
    out.push(
      Object.freeze({
        sha256: file.sha256,
        name: cleanFileName(String(file.name)),
        type: normalizeMediaType(String(file.type)),
        size: file.size,
      }),
    );
  }
  if (seen.size > ATTACHMENTS_PER_ENTRY) {
    throw new CommandError('attachment.tooMany', { max: ATTACHMENTS_PER_ENTRY });
  }
  return out;
}
