// Self-contained, printable HTML export of the incident report: no scripts, no external
// resources, a Content-Security-Policy that forbids both, and every text HTML-escaped.
import { base64 } from '@scure/base';
import { formatBytes, isInlineImage } from '../attachments/metadata';
import type { IncidentSnapshot } from '../model';
import { compareEntries } from '../read';
import { entryText as eventText } from '../events/entryText';
import { exportContext, type ExportContext, type ExportOptions } from './context';
import { buildReport, type Report, type ReportBlock, type ReportSection } from './report';
import { formatZonedTime } from './timeZone';

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_HTML_ESCAPE = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Escapes text for element content and quoted attributes. Control characters other than tab,
 * line feed and carriage return cannot appear in HTML text and become U+FFFD.
 */
export function escapeHtml(text: string): string {
  // Most cells need nothing: one test instead of two replacements.
  if (!NEEDS_HTML_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

// Print rules: entries never split across pages, headings stay with what follows, table
// headers repeat on each page, and nothing relies on colour (states are words, warnings boxed).
const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 2rem auto; max-width: 62rem; padding: 0 1.5rem; color: #111; background: #fff;
  font: 10.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", sans-serif; }
h1 { font-size: 1.8em; margin: 0 0 .5em; overflow-wrap: anywhere; }
h2 { font-size: 1.35em; margin: 1.8em 0 .6em; padding-bottom: .2em; border-bottom: 2px solid #111; }
h3 { font-size: 1.1em; margin: 1.4em 0 .5em; overflow-wrap: anywhere; }
h1, h2, h3, .caption { break-after: avoid; page-break-after: avoid; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 1em; }
.empty { font-style: italic; color: #444; }
.warning { border: 2px solid #111; border-left-width: 6px; padding: .4em .7em; margin: .8em 0; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0 0 1em; }
dl.fields dt { font-weight: 600; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.caption { font-weight: 600; margin: 1em 0 .3em; }
table { width: 100%; border-collapse: collapse; margin: 0 0 1em; }
th, td { border: 1px solid #777; padding: .3em .45em; text-align: start; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; }
tr, .hypothesis > dl, .warning { break-inside: avoid; page-break-inside: avoid; }
.hypothesis { border-top: 1px solid #bbb; }
td.time { font-variant-numeric: tabular-nums; }
footer { margin-top: 2.5em; border-top: 1px solid #777; padding-top: .5em; font-size: .9em; color: #333; }
@page { margin: 18mm 16mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  th { background: none; }
  thead { display: table-header-group; }
  .empty, footer { color: #000; }
}
`;

function renderBlock(report: Report, block: ReportBlock, sectionTitle: string): string {
  switch (block.type) {
    case 'text':
      return `<p class="text" dir="auto">${escapeHtml(block.text)}</p>`;
    case 'empty':
      return `<p class="empty">${escapeHtml(block.text)}</p>`;
    case 'warning':
      return `<p class="warning" role="note" dir="auto"><strong>${escapeHtml(report.t('export:report.warning'))}</strong> ${escapeHtml(block.text)}</p>`;
    case 'fields':
      return `<dl class="fields">\n${block.fields
        .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd dir="auto">${escapeHtml(value)}</dd>`)
        .join('\n')}\n</dl>`;
    case 'table': {
      const timeColumn = block.columns.map((_, index) => block.timeColumns.has(index));
      const head = block.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
      const rows = block.rows
        .map(
          (cells) =>
            `<tr>${cells.map((cell, i) => `<td${timeColumn[i] ? ' class="time"' : ''} dir="auto">${escapeHtml(cell)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      const caption = block.caption === sectionTitle ? '' : `<p class="caption">${escapeHtml(block.caption)}</p>\n`;
      return `${caption}<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
  }
}

function renderSection(report: Report, section: ReportSection, level: number): string {
  const tag = `h${Math.min(level, 6)}`;
  const parts = [`<${tag} dir="auto">${escapeHtml(section.title)}</${tag}>`];
  for (const block of section.blocks) parts.push(renderBlock(report, block, section.title));
  for (const sub of section.subsections) parts.push(renderSection(report, sub, level + 1));
  const cls = level === 3 && section.id.startsWith('hypothesis-') ? ' class="hypothesis"' : '';
  return `<section id="${escapeHtml(section.id)}"${cls}>\n${parts.join('\n')}\n</section>`;
}

// Added only to reports that have attachments, so the others stay byte for byte as before.
const ATTACHMENT_STYLE = `
figure.attachment { margin: 0 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
figure.attachment img { display: block; max-width: 100%; height: auto; border: 1px solid #777; }
figure.attachment figcaption { margin-top: .3em; overflow-wrap: anywhere; }
`;

/** Attached files' bytes by SHA-256, for the exports that carry them (HTML embeds images, ZIP holds all). */
export type AttachmentBytes = ReadonlyMap<string, Uint8Array>;

/**
 * The evidence section: every attached file in timeline order, images embedded as data: URLs
 * (the only images the report's CSP allows), other files named with their size and SHA-256.
 * Absent when nothing is attached, so reports without attachments stay as they were.
 */
function attachmentsSection(ctx: ExportContext, files: AttachmentBytes): string {
  const { snapshot, zone, t, locale } = ctx;
  const entries = [...snapshot.timeline].sort(compareEntries).filter((entry) => (entry.attachments ?? []).length > 0);
  if (entries.length === 0) return '';
  const figures: string[] = [];
  for (const entry of entries) {
    const text = eventText(entry, ctx.translate);
    const context = `${formatZonedTime(entry.at, zone, locale)}: ${text.length > 140 ? `${text.slice(0, 139)}…` : text}`;
    for (const file of entry.attachments) {
      const bytes = files.get(file.sha256);
      const details = t('export:report.attachmentDetails', {
        name: file.name,
        type: file.type || t('export:report.unknownType'),
        size: formatBytes(file.size),
        hash: file.sha256,
      });
      const caption = `<figcaption dir="auto"><strong>${escapeHtml(details)}</strong><br>${escapeHtml(context)}</figcaption>`;
      if (bytes && isInlineImage(file.type)) {
        figures.push(
          `<figure class="attachment"><img src="data:${file.type};base64,${base64.encode(bytes)}" alt="${escapeHtml(file.name)}">\n${caption}</figure>`,
        );
      } else {
        const note = bytes ? t('export:report.notAnImage') : t('export:report.fileMissing');
        figures.push(`<figure class="attachment"><p class="empty">${escapeHtml(note)}</p>\n${caption}</figure>`);
      }
    }
  }
  return `<section id="attachments">\n<h2>${escapeHtml(t('export:report.section.attachments'))}</h2>\n${figures.join('\n')}\n</section>`;
}

export function exportHtml(snapshot: IncidentSnapshot, options: ExportOptions, files: AttachmentBytes = new Map()): string {
  const ctx = exportContext(snapshot, options);
  const report = buildReport(ctx);
  const evidence = attachmentsSection(ctx, files);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(report.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.t('export:report.documentTitle', { title: report.title }))}</title>`,
    `<style>${evidence === '' ? STYLE : `${STYLE}${ATTACHMENT_STYLE}`}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1 dir="auto">${escapeHtml(report.title)}</h1>`,
    renderBlock(report, report.header, ''),
    '</header>',
    '<main>',
    ...report.sections.map((section) => renderSection(report, section, 2)),
    ...(evidence === '' ? [] : [evidence]),
    '</main>',
    `<footer dir="auto">${escapeHtml(report.footer)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
