// What one export produces: the file's text from the core exporters, its suggested name
// (`<date>-<slug>-timeline.<ext>`) and the save dialog filter. Plain TypeScript, tested in Node.
import {
  type AttachmentBytes,
  exportHtml,
  exportJson,
  exportMarkdown,
  exportTimelineCsv,
  exportZip,
  resolveTimeZone,
  type ExportOptions,
} from '@core/export';
import { formatZonedIso } from '@core/export/timeZone';
import type { IncidentInfo, IncidentSnapshot } from '@core/model';
import type { SaveFileFilter } from '../../../shared/ipc';

export const EXPORT_FORMATS = ['markdown', 'html', 'pdf', 'csv', 'json', 'zip'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  readonly label: string;
  readonly extension: string;
  readonly hint: string;
}

export const FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  markdown: { label: 'Markdown', extension: 'md', hint: 'The whole report, for a review document or a wiki.' },
  html: { label: 'HTML', extension: 'html', hint: 'One self-contained page that prints well.' },
  pdf: { label: 'PDF', extension: 'pdf', hint: 'The HTML report printed to PDF.' },
  csv: { label: 'CSV', extension: 'csv', hint: 'The timeline for a spreadsheet: UTC time, local time, author, kind, text.' },
  json: { label: 'JSON', extension: 'json', hint: 'The whole incident; Sitrep imports it back. Times stay UTC.' },
  zip: { label: 'ZIP (JSON + files)', extension: 'zip', hint: 'The JSON export and every attached file, named by its SHA-256.' },
};

/** Formats whose output depends on the chosen time zone (JSON keeps UTC epoch milliseconds). */
export function usesTimeZone(format: ExportFormat): boolean {
  return format !== 'json' && format !== 'zip';
}

/** Formats that carry attached files (HTML and PDF embed images; ZIP holds every file). */
export function carriesAttachments(format: ExportFormat): boolean {
  return format === 'html' || format === 'pdf' || format === 'zip';
}

/** In characters (code points): 60 CJK characters are 180 bytes, well inside a file name's 255. */
const MAX_SLUG_LENGTH = 60;

/**
 * "Checkout failing for most customers!" -> "checkout-failing-for-most-customers";
 * "データベース障害" stays "データベース障害" and "Отказ кластера" is "отказ-кластера". Every
 * script's letters, marks and digits are kept (a voicing mark or a й is part of the letter, not
 * decoration), in NFC, the form macOS, Windows and Linux all show the same; everything else,
 * including every character a file system refuses (/ \ : * ? " < > | and controls), becomes a dash.
 */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .normalize('NFC');
  const characters = Array.from(slug);
  const cut =
    characters.length > MAX_SLUG_LENGTH
      ? characters
          .slice(0, MAX_SLUG_LENGTH)
          .join('')
          .replace(/-+[^-]*$/, '')
      : slug;
  // A cut can leave a mark without its letter, or a dash at the end.
  const clean = cut.replace(/^\p{M}+/u, '').replace(/-+$/, '');
  return clean || 'incident';
}

/** `<date the incident started, in the chosen zone>-<slug>-timeline.<ext>`. */
export function suggestedFileName(incident: Pick<IncidentInfo, 'title' | 'startedAt'>, format: ExportFormat, zone: string): string {
  const date = formatZonedIso(incident.startedAt, resolveTimeZone(zone)).slice(0, 10);
  return `${date}-${slugOf(incident.title)}-timeline.${FORMAT_INFO[format].extension}`;
}

export interface ExportFile {
  readonly suggestedName: string;
  readonly filters: SaveFileFilter[];
  readonly content: string | Uint8Array;
}

/**
 * Renders the export. Throws TimeZoneError for an unknown zone. PDF is its HTML, printed by the
 * host. `files` holds the attached files' bytes this computer has (see carriesAttachments).
 */
export function renderExport(
  snapshot: IncidentSnapshot,
  format: ExportFormat,
  options: ExportOptions,
  files: AttachmentBytes = new Map(),
): ExportFile {
  const zone = options.timeZone ?? 'UTC';
  const info = FORMAT_INFO[format];
  const content = (() => {
    switch (format) {
      case 'markdown':
        return exportMarkdown(snapshot, options);
      case 'html':
      case 'pdf':
        return exportHtml(snapshot, options, files);
      case 'csv':
        return exportTimelineCsv(snapshot, options);
      case 'json':
        return exportJson(snapshot, options);
      case 'zip':
        return exportZip(snapshot, options, files);
    }
  })();
  return {
    suggestedName: suggestedFileName(snapshot.incident, format, zone),
    filters: [{ name: info.label, extensions: [info.extension] }],
    content,
  };
}
