// Markdown export of the incident report (CommonMark + GitHub tables), with every piece of text
// escaped so that nothing a responder typed can become a heading, link, image or raw HTML.
import type { IncidentSnapshot } from '../model';
import type { ExportOptions } from './context';
import { reportFor, type Report, type ReportBlock, type ReportSection } from './report';

/** CR LF, CR, LF, and the Unicode line and paragraph separators and NEL all end a line. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;
const HAS_LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

/**
 * Characters escaped wherever they appear: they start emphasis, code, links, images, raw HTML,
 * entities, strikethrough, table cells, math and headings. CommonMark treats a backslash before
 * any ASCII punctuation as that literal character.
 */
const ALWAYS_ESCAPED = /[\\`*_[\]<>|~&#$]/g;

/**
 * Whatever escapeLine would change (a superset: some matches change nothing). Most cells of a big
 * timeline have none of it, and one test is cheaper than the five replacements.
 */
const MAY_NEED_ESCAPING = /[\\`*_[\]<>|~&#$]|:\/\/|www\.|^\s*(?:[+\-=]|\d{1,9}[.)])/i;

/** Escapes one line of text (no line breaks in it). */
function escapeLine(line: string): string {
  if (!MAY_NEED_ESCAPING.test(line)) return line.trimStart();
  let out = line.trimStart().replace(ALWAYS_ESCAPED, '\\$&');
  // GitHub turns bare "http://..." and "www..." into links; an escaped ":" or "." stops it.
  out = out.replace(/:\/\//g, '\\://').replace(/\b(www)\./gi, '$1\\.');
  // At the start of a line these begin lists, block quotes, thematic breaks and setext headings.
  out = out.replace(/^[+\-=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return out;
}

/**
 * For table cells, headings and list items, which must stay on one line: each line break
 * becomes one space, then the line is escaped.
 */
export function escapeMarkdownInline(text: string): string {
  return escapeLine(HAS_LINE_BREAK.test(text) ? text.split(LINE_BREAK).join(' ') : text);
}

/**
 * For free text: each line is escaped and ends in a hard line break ("\" before the newline);
 * blank lines separate paragraphs. Leading spaces are dropped, so nothing becomes code.
 */
export function escapeMarkdownBlock(text: string): string {
  const paragraphs: string[][] = [[]];
  for (const raw of text.split(LINE_BREAK)) {
    const line = raw.trim();
    const current = paragraphs[paragraphs.length - 1]!;
    if (line === '') {
      if (current.length > 0) paragraphs.push([]);
    } else {
      current.push(escapeLine(line));
    }
  }
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\\\n'))
    .join('\n\n');
}

function renderBlock(report: Report, block: ReportBlock, sectionTitle = ''): string {
  switch (block.type) {
    case 'text':
      return escapeMarkdownBlock(block.text);
    case 'empty':
      return `_${escapeMarkdownInline(block.text)}_`;
    case 'warning':
      return `> **${escapeMarkdownInline(report.t('export:report.warning'))}** ${escapeMarkdownInline(block.text)}`;
    case 'fields':
      return block.fields.map(([label, value]) => `- **${escapeMarkdownInline(label)}:** ${escapeMarkdownInline(value)}`).join('\n');
    case 'table': {
      const row = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdownInline).join(' | ')} |`;
      // A caption that repeats the section heading adds nothing.
      const caption = block.caption === sectionTitle ? [] : [`**${escapeMarkdownInline(block.caption)}**`, ''];
      return [...caption, row(block.columns), `|${block.columns.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
    }
  }
}

function renderSection(report: Report, section: ReportSection, level: number): string {
  const parts = [`${'#'.repeat(level)} ${escapeMarkdownInline(section.title)}`];
  for (const block of section.blocks) parts.push(renderBlock(report, block, section.title));
  for (const sub of section.subsections) parts.push(renderSection(report, sub, level + 1));
  return parts.join('\n\n');
}

export function exportMarkdown(snapshot: IncidentSnapshot, options: ExportOptions): string {
  const report = reportFor(snapshot, options);
  const parts = [`# ${escapeMarkdownInline(report.title)}`, renderBlock(report, report.header)];
  for (const section of report.sections) parts.push(renderSection(report, section, 2));
  parts.push('---', `_${escapeMarkdownInline(report.footer)}_`);
  return `${parts.join('\n\n')}\n`;
}
