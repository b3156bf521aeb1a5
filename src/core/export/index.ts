// The end-of-incident exporters: Markdown and HTML reports, the timeline as CSV, and the whole
// incident as versioned JSON (read back by ../import).
export { exportMarkdown, escapeMarkdownInline, escapeMarkdownBlock } from './markdown';
export { exportHtml, escapeHtml, HTML_CSP, type AttachmentBytes } from './html';
export { exportZip, ZIP_JSON_NAME } from './zip';
export { exportTimelineCsv, CSV_HEADER, UTF8_BOM, neutraliseFormula, quoteCsvField } from './csv';
export { exportJson } from './json';
export { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type IncidentExportDocument } from './format';
export { type ExportOptions, canonicalSnapshot } from './context';
export {
  type ExportTimeZone,
  TimeZoneError,
  resolveTimeZone,
  isValidTimeZone,
  formatZonedTime,
  formatZonedIso,
} from './timeZone';
