// The export's speed-ups (compiled messages per key and language, escaping that skips text with
// nothing to escape, offsets formatted once) must not change a byte. A seeded 2,000-entry SEV1
// (the bench's scenario: every kind of automatic entry, pasted logs, backdated entries) is
// exported in each language through the cached translator and through i18next itself; the
// escaping is compared with the previous implementation on seeded hostile text.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { simulateTimeline } from '../../scripts/bench/sev1Scenario';
import { escapeHtml, escapeMarkdownBlock, escapeMarkdownInline } from '../../src/core/export';
import type * as ExportModule from '../../src/core/export';
import type * as I18nModule from '../../src/core/i18n';
import { LANGUAGES, type Language } from '../../src/core/i18n';
import type { IncidentSnapshot } from '../../src/core/model';
import { readSnapshot } from '../../src/core/read';
import { seededRandom } from '../support/seededRandom';

const ZONES = ['America/New_York', 'Asia/Kolkata'] as const;
const NOW = Date.UTC(2026, 10, 21, 0, 0, 0);

function incident(): IncidentSnapshot {
  const doc = new Y.Doc();
  simulateTimeline(doc, { entries: 2_000, seed: 13, startAt: Date.UTC(2026, 10, 20, 0, 0, 0) });
  const snapshot = readSnapshot(doc);
  doc.destroy();
  if (!snapshot) throw new Error('the simulated incident did not read back');
  return snapshot;
}

type Exports = Record<string, string>;

function exportAll(exporters: typeof ExportModule, snapshot: IncidentSnapshot): Exports {
  const out: Exports = {};
  for (const language of LANGUAGES) {
    for (const timeZone of ZONES) {
      const options = { now: NOW, timeZone, language, generatedBy: 'Sitrep test' } as const;
      out[`${language} ${timeZone} md`] = exporters.exportMarkdown(snapshot, options);
      out[`${language} ${timeZone} html`] = exporters.exportHtml(snapshot, options);
      out[`${language} ${timeZone} csv`] = exporters.exportTimelineCsv(snapshot, options);
    }
  }
  out.json = exporters.exportJson(snapshot, { now: NOW });
  return out;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('exports are byte-identical with the caches', () => {
  afterAll(() => {
    vi.doUnmock('../../src/core/i18n/index.ts');
    vi.resetModules();
  });

  it('in every language and zone, a seeded 2,000-entry incident exports as through i18next itself', async () => {
    const snapshot = incident();
    expect(snapshot.timeline.filter((entry) => entry.kind === 'event').length).toBeGreaterThan(500);
    const cached = await import('../../src/core/export');
    const first = exportAll(cached, snapshot);
    // A second export reads every cache warm.
    const second = exportAll(cached, snapshot);

    // The same exporters in a fresh module graph whose translator is i18next's own `t`.
    vi.resetModules();
    vi.doMock('../../src/core/i18n/index.ts', async (importOriginal) => {
      const original = await importOriginal<typeof I18nModule>();
      const instances = new Map<string, ReturnType<typeof original.createI18n>>();
      return {
        ...original,
        translator: (language: Language) => {
          let instance = instances.get(language);
          if (!instance) {
            instance = original.createI18n(language);
            instances.set(language, instance);
          }
          return instance.t;
        },
      };
    });
    const uncachedModule = await import('../../src/core/export');
    expect(uncachedModule.exportMarkdown).not.toBe(cached.exportMarkdown);
    const uncached = exportAll(uncachedModule, snapshot);

    expect(Object.keys(first)).toHaveLength(LANGUAGES.length * ZONES.length * 3 + 1);
    for (const name of Object.keys(first)) {
      // Hashes first, so a mismatch names the export without printing megabytes.
      expect(sha(first[name]!), name).toBe(sha(uncached[name]!));
      expect(sha(second[name]!), name).toBe(sha(uncached[name]!));
    }
    // The languages really differ (the comparison is not of four English copies).
    expect(new Set(LANGUAGES.map((language) => sha(first[`${language} ${ZONES[0]} md`]!))).size).toBe(LANGUAGES.length);
  }, 120_000);
});

// The escaping as it was before the fast paths, kept here as the reference.
const REF_LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;
function refEscapeLine(line: string): string {
  let out = line.trimStart().replace(/[\\`*_[\]<>|~&#$]/g, '\\$&');
  out = out.replace(/:\/\//g, '\\://').replace(/\b(www)\./gi, '$1\\.');
  out = out.replace(/^[+\-=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return out;
}
function refInline(text: string): string {
  return refEscapeLine(text.split(REF_LINE_BREAK).join(' '));
}
function refBlock(text: string): string {
  const paragraphs: string[][] = [[]];
  for (const raw of text.split(REF_LINE_BREAK)) {
    const line = raw.trim();
    const current = paragraphs[paragraphs.length - 1]!;
    if (line === '') {
      if (current.length > 0) paragraphs.push([]);
    } else {
      current.push(refEscapeLine(line));
    }
  }
  return paragraphs
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\\\n'))
    .join('\n\n');
}
const REF_HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function refHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => REF_HTML[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
}

describe('escaping with fast paths', () => {
  const PIECES = [
    'a',
    'Z',
    ' ',
    '\t',
    '\u00a0',
    '\u3000',
    '\ufeff',
    '1',
    '42',
    '123456789',
    '1234567890',
    '.',
    ')',
    '+',
    '-',
    '=',
    '*',
    '_',
    '`',
    '[',
    ']',
    '<',
    '>',
    '|',
    '~',
    '&',
    '#',
    '$',
    '\\',
    ':',
    '//',
    '://',
    'www.',
    'WWW.',
    'xwww.',
    'http',
    '\r',
    '\n',
    '\r\n',
    '\u0085',
    '\u2028',
    '\u2029',
    '\u0000',
    '\u0007',
    '\u000b',
    '\u001f',
    '\u007f',
    '"',
    "'",
    'データベース',
    'ошибка',
    '数据库',
  ];

  it('gives what the previous escaping gave, on seeded hostile text', () => {
    const random = seededRandom(2026);
    for (let i = 0; i < 20_000; i++) {
      const length = random.int(0, 8);
      let text = '';
      for (let j = 0; j < length; j++) text += random.pick(PIECES);
      expect(escapeMarkdownInline(text), JSON.stringify(text)).toBe(refInline(text));
      expect(escapeMarkdownBlock(text), JSON.stringify(text)).toBe(refBlock(text));
      expect(escapeHtml(text), JSON.stringify(text)).toBe(refHtml(text));
    }
  });
});
