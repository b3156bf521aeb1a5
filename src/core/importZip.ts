// Importing a ZIP export (src/core/export/zip.ts): its incident.json, read as a JSON import is,
// and the attached files it carries under attachments/<sha256>.<ext>. The archive is untrusted:
// only the members an export holds are inflated, each no larger than an attachment may be and
// all together under a cap, before anything is decompressed (a ZIP's sizes are its own claim,
// so inflating stops at the claimed size and the hash check catches a member that lied). A file
// is kept only when its bytes match the size and SHA-256 that the record names for it; one that
// does not is left out and named, so the evidence imported is the evidence that was exported.
import { type UnzipFileInfo, unzipSync } from 'fflate';
import { ATTACHMENT_MAX_BYTES, type AttachmentMeta, isSha256, sha256Hex, zipPathOf } from './attachments';
import { ZIP_JSON_NAME } from './export/zip';
import { parseIncidentExport, type ParseIncidentExportResult } from './import';
import type { IncidentSnapshot } from './model';
import { refusalText, type RefusalParams } from './commands/refusals';
import { translator } from './i18n';

/** The largest ZIP export read: the record plus its evidence (each file at most 10 MB). */
export const ZIP_IMPORT_MAX_BYTES = 512 * 1024 * 1024;
/** The most its members may hold once inflated, all together, by their own claim. */
export const ZIP_IMPORT_MAX_INFLATED = 1024 * 1024 * 1024;
/** The largest incident.json read (as for a JSON import). */
export const ZIP_JSON_MAX_BYTES = 64 * 1024 * 1024;

const ATTACHMENT_MEMBER = /^attachments\/([0-9a-f]{64})\.[a-z0-9]{1,8}$/;

/** True when the bytes start as a ZIP archive does (a local file header, or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  return (bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06);
}

/** An attached file from the archive whose bytes match what the record says of it. */
export interface ImportedFile {
  readonly meta: AttachmentMeta;
  readonly bytes: Uint8Array;
}

/** A file the record names that the archive holds, but not as recorded: it is not imported. */
export interface RejectedFile {
  readonly meta: AttachmentMeta;
  readonly reason: 'size' | 'hash' | 'tooLarge';
}

export type ZipImportResult =
  | {
      readonly ok: true;
      readonly snapshot: IncidentSnapshot;
      readonly exportedAt: number;
      readonly files: readonly ImportedFile[];
      readonly rejected: readonly RejectedFile[];
      /** Files the record names that the archive does not hold (the exporting computer lacked them). */
      readonly missing: readonly AttachmentMeta[];
    }
  | Extract<ParseIncidentExportResult, { ok: false }>;

function refused(key: string, params: RefusalParams = {}): Extract<ParseIncidentExportResult, { ok: false }> {
  // `message` is the English, for logs; the UI shows importProblemText(result, t) in the reader's language.
  return { ok: false, key, params, message: refusalText(key, params, translator('en')) };
}

/** Every distinct attached file the record names, by SHA-256 (the first metadata seen for each). */
function attachedFiles(snapshot: IncidentSnapshot): AttachmentMeta[] {
  const seen = new Map<string, AttachmentMeta>();
  for (const entry of snapshot.timeline) {
    for (const meta of entry.attachments ?? []) if (!seen.has(meta.sha256)) seen.set(meta.sha256, meta);
  }
  return [...seen.values()];
}

/**
 * Reads a ZIP export: refuses an archive that is not one (with a refusals-catalog key, as a JSON
 * import does), and otherwise returns the incident with the files that match the record.
 */
export async function readIncidentZip(bytes: Uint8Array): Promise<ZipImportResult> {
  if (bytes.length > ZIP_IMPORT_MAX_BYTES) return refused('import.zipTooBig', { size: Math.round(bytes.length / 1048576) });
  if (!looksLikeZip(bytes)) return refused('import.notZip');
  let inflated = 0;
  /** What the members an export writes claim to hold, refused ones included (said in the refusal). */
  let claimed = 0;
  let tooLarge = false;
  const oversized = new Set<string>();
  const take = (file: UnzipFileInfo): boolean => {
    const isJson = file.name === ZIP_JSON_NAME;
    const sha = ATTACHMENT_MEMBER.exec(file.name)?.[1];
    // Anything an export does not write (other paths, "../" names, folders) is never inflated.
    if (!isJson && sha === undefined) return false;
    claimed += file.originalSize;
    const limit = isJson ? ZIP_JSON_MAX_BYTES : ATTACHMENT_MAX_BYTES;
    if (file.originalSize > limit) {
      if (isJson) tooLarge = true;
      else oversized.add(sha!);
      return false;
    }
    inflated += file.originalSize;
    if (inflated > ZIP_IMPORT_MAX_INFLATED) {
      tooLarge = true;
      return false;
    }
    return true;
  };
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, { filter: take });
  } catch (error) {
    return refused('import.zipUnreadable', { detail: error instanceof Error ? error.message : String(error) });
  }
  if (tooLarge) return refused('import.zipTooBig', { size: Math.floor(Math.max(claimed, bytes.length) / 1048576) });
  const json = members[ZIP_JSON_NAME];
  if (!json) return refused('import.zipWithoutRecord', { name: ZIP_JSON_NAME });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return refused('import.notText');
  }
  const parsed = parseIncidentExport(text);
  if (!parsed.ok) return parsed;

  const files: ImportedFile[] = [];
  const rejected: RejectedFile[] = [];
  const missing: AttachmentMeta[] = [];
  for (const meta of attachedFiles(parsed.snapshot)) {
    if (!isSha256(meta.sha256)) continue; // The JSON import already refused such a record.
    if (oversized.has(meta.sha256)) {
      rejected.push({ meta, reason: 'tooLarge' });
      continue;
    }
    // The exporter names a file by its hash and an extension; look for the one this record implies, then any.
    const member =
      members[zipPathOf(meta)] ?? Object.entries(members).find(([name]) => ATTACHMENT_MEMBER.exec(name)?.[1] === meta.sha256)?.[1];
    if (!member) {
      missing.push(meta);
      continue;
    }
    if (member.length !== meta.size) rejected.push({ meta, reason: 'size' });
    else if ((await sha256Hex(member)) !== meta.sha256) rejected.push({ meta, reason: 'hash' });
    else files.push({ meta, bytes: member });
  }
  return { ok: true, snapshot: parsed.snapshot, exportedAt: parsed.exportedAt, files, rejected, missing };
}
