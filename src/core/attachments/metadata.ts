// What the document knows of an attached file: its SHA-256, name, media type and size. The bytes
// never enter the Y.Doc: they live in IndexedDB beside it and travel to peers on request.
import { refusalText, type RefusalParams } from '../commands/refusals';
import { translator, type TFunction } from '../i18n';

/** Largest file that can be attached (10 MB); larger ones are refused with a message saying so. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many files on one entry, so one entry cannot grow without bound. */
export const ATTACHMENTS_PER_ENTRY = 20;
export const ATTACHMENT_NAME_MAX = 200;
const TYPE_MAX = 100;

/** Lower-case hex SHA-256: 64 characters. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A media type such as image/png; anything else is stored as '' (unknown). */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

export interface AttachmentMeta {
  /** Lower-case hex SHA-256 of the bytes; the file's identity everywhere. */
  readonly sha256: string;
  /** The file name as the person gave it (or a made-up one for a pasted screenshot). */
  readonly name: string;
  /** Media type, such as image/png; '' when unknown. */
  readonly type: string;
  /** Bytes. */
  readonly size: number;
}

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

export function isAttachmentSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= ATTACHMENT_MAX_BYTES;
}

/** A media type as given by the browser, lower-cased without parameters; '' when it is not one. */
export function normalizeMediaType(type: string): string {
  const bare = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return bare.length <= TYPE_MAX && MEDIA_TYPE.test(bare) ? bare : '';
}

/** A file name made safe to show and to use in a ZIP: no folders, no control characters, bounded. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, ATTACHMENT_NAME_MAX);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

/** "3.4 MB", "820 KB", "12 bytes". */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} ${size === 1 ? 'byte' : 'bytes'}`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** The parameters of refusals:attachment.tooLarge for a file over the limit, naming it and both sizes. */
export function tooLargeParams(name: string, size: number): RefusalParams {
  return { name: cleanFileName(name), megabytes: Math.round((size / (1024 * 1024)) * 10) / 10, bytes: size, max: ATTACHMENT_MAX_BYTES };
}

/** The message for a file over the limit, in the language of `t` (English by default, for logs). */
export function tooLargeMessage(name: string, size: number, t: TFunction = translator('en')): string {
  return refusalText('attachment.tooLarge', tooLargeParams(name, size), t);
}

/** Images a browser shows safely inline (SVG is left out: it is a document, not a picture). */
const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

export function isInlineImage(type: string): boolean {
  return INLINE_IMAGE_TYPES.has(type);
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
};

/** The file's extension, from its name when it has a plain one, else from its type, else 'bin'. */
export function extensionOf(meta: Pick<AttachmentMeta, 'name' | 'type'>): string {
  const fromName = /\.([a-z0-9]{1,8})$/i.exec(meta.name)?.[1]?.toLowerCase();
  return fromName ?? EXTENSIONS[meta.type] ?? 'bin';
}

/** Where a file goes in a ZIP export: attachments/<sha256>.<ext>. */
export function zipPathOf(meta: Pick<AttachmentMeta, 'sha256' | 'name' | 'type'>): string {
  return `attachments/${meta.sha256}.${extensionOf(meta)}`;
}
