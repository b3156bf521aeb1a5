// CSV export of the timeline (RFC 4180), safe to open in a spreadsheet: text that a spreadsheet
// would run as a formula is neutralised per the OWASP CSV injection guidance.
import type { IncidentSnapshot } from '../model';
import { exportContext, type ExportOptions } from './context';
import { entryText } from '../events/entryText';
import { entryCorrection } from './report';
import { formatZonedIso } from './timeZone';

export const CSV_HEADER = ['utc_time', 'local_time', 'author', 'kind', 'text', 'said_by', 'correction'] as const;

/** Starts the CSV by default: Excel otherwise guesses a legacy encoding (see ExportOptions). */
export const UTF8_BOM = '\uFEFF';

/** Leading characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a field that a spreadsheet would evaluate with a single quote, shown as text. */
export function neutraliseFormula(field: string): string {
  return FORMULA_START.test(field) ? `'${field}` : field;
}

/** Quotes a field when RFC 4180 requires it: a comma, double quote, CR or LF inside. */
export function quoteCsvField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function csvRow(fields: readonly string[]): string {
  return fields.map((field) => quoteCsvField(neutraliseFormula(field))).join(',');
}

/**
 * One row per timeline entry in timeline order, with column names, kinds and automatic entries in
 * the export's language (English names are the machine-friendly ones, `utc_time`…). `utc_time` is ISO 8601 UTC with milliseconds;
 * `local_time` is the same instant in the chosen zone with its offset, to the second. Records
 * end in CRLF, including the last. UTF-8 text, starting with a byte order mark unless
 * `csvByteOrderMark` is false.
 */
export function exportTimelineCsv(snapshot: IncidentSnapshot, options: ExportOptions): string {
  const { snapshot: ordered, zone, t, translate } = exportContext(snapshot, options);
  // The same seven columns in every language; only their names and the kind's word are translated.
  const lines = [csvRow(CSV_HEADER.map((column) => t(`export:csv.${column}`)))];
  for (const entry of ordered.timeline) {
    lines.push(
      csvRow([
        new Date(entry.at).toISOString(),
        formatZonedIso(entry.at, zone),
        entry.authorName,
        t(`export:csv.kindValue.${entry.kind}`),
        entryText(entry, translate),
        entry.saidById ? entry.saidByName : '',
        entryCorrection(entry, t),
      ]),
    );
  }
  return `${options.csvByteOrderMark === false ? '' : UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
