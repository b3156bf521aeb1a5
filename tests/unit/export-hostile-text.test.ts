// Text typed by responders can never turn into markup, script or a spreadsheet formula in any
// export, and it survives the trip: CSV parses back to the original texts.
import { describe, expect, it } from 'vitest';
import { escapeHtml, exportHtml, exportMarkdown, exportTimelineCsv, HTML_CSP } from '../../src/core/export';
import { HOSTILE_TEXTS, hostileIncident } from '../fixtures/incident-hostile-text';
import { parseExportedCsv } from '../support/strictCsv';

const options = { timeZone: 'UTC', now: Date.parse('2025-06-01T12:00:00Z'), generatedBy: '<b>Sitrep</b>' } as const;

const FORMULA_START = /^[=+\-@\t\r]/;
/** Undoes the single-quote prefix the exporter adds in front of formula characters. */
const unprefix = (field: string): string => (field.startsWith("'") && FORMULA_START.test(field.slice(1)) ? field.slice(1) : field);

describe('CSV export of hostile text', () => {
  const csv = exportTimelineCsv(hostileIncident, options);
  const rows = parseExportedCsv(csv);

  it('is strict RFC 4180 with CRLF line endings and parses back to the original texts', () => {
    expect(rows[0]).toEqual(['utc_time', 'local_time', 'author', 'kind', 'text', 'said_by', 'correction']);
    expect(rows).toHaveLength(hostileIncident.timeline.length + 1);
    hostileIncident.timeline.forEach((entry, index) => {
      const row = rows[index + 1]!;
      expect(row).toHaveLength(7);
      expect(row[0]).toBe(new Date(entry.at).toISOString());
      expect(row[1]).toBe(new Date(entry.at).toISOString().replace(/\.\d{3}Z$/, '+00:00'));
      expect(unprefix(row[2]!)).toBe(entry.authorName);
      expect(row[3]).toBe(entry.kind);
      expect(unprefix(row[4]!)).toBe(entry.text);
      expect(row.slice(5)).toEqual(['', '']);
    });
  });

  it('neutralises every field that starts with a formula character', () => {
    for (const row of rows) for (const field of row) expect(field).not.toMatch(FORMULA_START);
    const texts = rows.slice(1).map((row) => row[4]);
    expect(texts).toContain("'=cmd|' /C calc'!A0");
    expect(texts).toContain("'+1");
    expect(texts).toContain("'-1");
    expect(texts).toContain("'@SUM(1)");
    expect(texts).toContain("'\tTAB first");
    expect(texts).toContain("'\rCR first");
    // The raw line: quoted because of the CR, prefixed inside the quotes.
    expect(csv).toContain(`,"'\rCR first",,\r\n`);
    expect(csv).toContain(`,"""quoted"", with, commas",,\r\n`);
  });
});

/** Characters of a Markdown text that are not escaped by a backslash. */
function unescaped(md: string): string {
  let out = '';
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\' && i + 1 < md.length && /[!-/:-@[-`{-~]/.test(md[i + 1]!)) {
      out += '\u0000\u0000';
      i++;
    } else {
      out += md[i];
    }
  }
  return out;
}

const unescapeMarkdown = (md: string): string => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;

/** Splits a table row on its unescaped pipes. */
function cells(row: string): string[] {
  const plain = unescaped(row);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < plain.length; i++) {
    if (plain[i] === '|') {
      parts.push(row.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(row.slice(start));
  return parts.slice(1, -1).map((cell) => cell.trim());
}

describe('Markdown export of hostile text', () => {
  const md = exportMarkdown(hostileIncident, options);
  const plain = unescaped(md);

  it('has no live HTML, link, image, code, entity or autolink', () => {
    for (const char of ['<', '[', ']', '`', '&', '~', '$']) expect(plain).not.toContain(char);
    expect(plain).not.toContain('://');
    expect(plain).not.toMatch(/www\./i);
    // What the hostile texts tried is still there, only inert.
    expect(md).toContain('\\[click\\](javascript:alert(1))');
    expect(md).toContain('\\<script\\>alert(1)\\</script\\>');
  });

  it('starts no block construct inside a text block', () => {
    const summary = md.split('## Summary\n\n')[1]!.split('\n\n## ')[0]!;
    const lines = summary.split('\n');
    expect(lines.length).toBeGreaterThan(HOSTILE_TEXTS.length);
    for (const line of lines) {
      if (line === '') continue;
      expect(line).not.toMatch(/^(\s|[#>+\-=*_|<`~]|\d{1,9}[.)])/);
    }
    // Every line ends in a hard break except the last of a paragraph.
    expect(summary).toContain('line one\\\nline two\\\nline three\\\nline four\\\n');
  });

  it('keeps every table row to its columns and every cell reads back as the text', () => {
    const timeline = md.split('## Timeline\n\n')[1]!.split('\n\n')[1]!.split('\n');
    const rows = timeline.slice(2);
    expect(rows).toHaveLength(hostileIncident.timeline.length);
    rows.forEach((row, index) => {
      const entry = hostileIncident.timeline[index]!;
      const [time, author, , text] = cells(row);
      expect(cells(row)).toHaveLength(4);
      expect(time).toBe(`2025-06-01 08:${String(10 + index).padStart(2, '0')}:00 +00:00`);
      // The documented rule: line breaks become spaces, leading whitespace is dropped.
      const flat = (s: string): string => s.split(LINE_BREAK).join(' ').trimStart();
      expect(unescapeMarkdown(text!)).toBe(flat(entry.text));
      expect(unescapeMarkdown(author!)).toBe(flat(entry.authorName));
    });
  });

  it('keeps hostile review text inert: no block construct in the root cause, five whys cells read back', () => {
    const rootCause = md.split('### Root cause\n\n')[1]!.split('\n\n### ')[0]!;
    const lines = rootCause.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(HOSTILE_TEXTS.length);
    for (const line of lines) expect(line).not.toMatch(/^(\s|[#>+\-=*_|<`~]|\d{1,9}[.)])/);
    const whys = md.split('### Five whys\n\n')[1]!.split('\n\n')[0]!.split('\n').slice(2);
    expect(whys).toHaveLength(hostileIncident.review.fiveWhys.length);
    const flat = (s: string): string => s.split(LINE_BREAK).join(' ').trimStart();
    whys.forEach((row, index) => {
      const why = hostileIncident.review.fiveWhys[index]!;
      expect(cells(row)).toHaveLength(3);
      const [step, question, answer] = cells(row);
      expect(step).toBe(String(index + 1));
      expect(unescapeMarkdown(question!)).toBe(flat(why.question));
      expect(unescapeMarkdown(answer!)).toBe(flat(why.answer));
    });
    for (const heading of ['Summary', 'Impact', 'What went well', 'What went badly', 'Lessons']) {
      const body = md.split(`### ${heading}\n\n`)[1]!.split('\n\n#')[0]!;
      expect(unescaped(body)).not.toMatch(/[<[\]`&~$]/);
    }
  });

  it('escapes the title heading', () => {
    expect(md.split('\n')[0]).toBe('# \\<script\\>alert(1)\\</script\\>');
  });
});

describe('HTML export of hostile text', () => {
  const html = exportHtml(hostileIncident, options);
  const ALLOWED_TAGS = new Set(
    'html head meta title style body header h1 h2 h3 h4 dl dt dd main section p strong table thead tbody tr th td footer'.split(' '),
  );
  const ALLOWED_ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'dir', 'class', 'scope', 'id', 'role']);

  it('contains only the tags and attributes the exporter writes', () => {
    const body = html.replace(/^<!DOCTYPE html>\n/, '');
    const tags = [...body.matchAll(/<(\/?)([^\s>/]+)([^>]*)>/g)];
    expect(tags.length).toBeGreaterThan(100);
    for (const [, , name, attributes] of tags) {
      expect(ALLOWED_TAGS, `tag <${name}>`).toContain(name!.toLowerCase());
      const rest = attributes!.replace(/\s([a-z-]+)="[^"]*"/g, (_, attribute: string) => {
        expect(ALLOWED_ATTRIBUTES, `attribute ${attribute} on <${name}>`).toContain(attribute);
        return '';
      });
      expect(rest.trim()).toBe('');
    }
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    // "onerror=" survives only as visible text, never inside a tag.
    for (const [tag] of tags) expect(tag).not.toMatch(/\son\w+=/i);
  });

  it('shows every hostile text escaped, and no text outside an escaped form', () => {
    for (const text of HOSTILE_TEXTS) expect(html).toContain(escapeHtml(text));
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot;, with, commas');
    expect(html).toContain('quote &#39; and &quot; and `');
    expect(html).toContain('&amp;lt;script&amp;gt; &amp;amp; entities');
    expect(html).toContain('&lt;b&gt;Sitrep&lt;/b&gt;');
  });

  it('escapes every review field and five whys cell', () => {
    const { review } = hostileIncident;
    const section = (id: string): string => html.split(`<section id="${id}">`)[1]!.split('</section>')[0]!;
    expect(section('root-cause')).toContain(`<p class="text" dir="auto">${escapeHtml(review.rootCause)}</p>`);
    expect(section('review-summary')).toContain(escapeHtml(review.summary));
    expect(section('lessons')).toContain(escapeHtml(review.lessons));
    for (const why of review.fiveWhys) {
      expect(section('five-whys')).toContain(
        `<td dir="auto">${escapeHtml(why.question)}</td><td dir="auto">${escapeHtml(why.answer)}</td>`,
      );
    }
  });

  it('forbids scripts and remote resources with a CSP and holds no URL', () => {
    expect(HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    for (const [tag] of html.matchAll(/<[^>]*>/g)) expect(tag).not.toMatch(/\s(src|href|srcset|action|style)=/i);
    const css = html.split('<style>')[1]!.split('</style>')[0]!;
    expect(css).not.toMatch(/url\(|@import|@font-face/i);
  });

  it('marks user text dir="auto" so right-to-left text and overrides stay in their box', () => {
    for (const text of ['مرحبا بالعالم: الخدمة متوقفة', 'שלום עולם: השירות למטה', 'abc\u202Eevil.exe\u202C after override']) {
      const index = html.indexOf(`>${escapeHtml(text)}<`);
      expect(index, text).toBeGreaterThan(0);
      const openTag = html.slice(html.lastIndexOf('<', index), index + 1);
      expect(openTag).toContain('dir="auto"');
    }
    for (const cell of html.match(/<td[^>]*>/g) ?? []) expect(cell).toContain('dir="auto"');
    expect(html).toContain('<h1 dir="auto">');
  });

  it('replaces control characters that HTML cannot hold', () => {
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('a\uFFFDb\uFFFDc\td\ne');
  });
});
