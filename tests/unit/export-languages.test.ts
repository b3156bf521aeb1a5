// Exports in the reader's language and zone: one incident in English, Japanese, Simplified Chinese
// and Russian, in UTC and in Tokyo. Headings, labels, column names, dates and durations follow the
// language; what people wrote stays as written; the CSV keeps its byte order mark and its columns;
// JSON is data and has no language.
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, exportHtml, exportJson, exportMarkdown, exportTimelineCsv } from '../../src/core/export';
import type { Language } from '../../src/core/i18n';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';
import { parseExportedCsv } from '../support/strictCsv';

interface Expected {
  readonly timelineHeading: string;
  readonly metricsRow: string;
  readonly declaredUtc: string;
  readonly declaredTokyo: string;
  readonly csvHeader: readonly string[];
  readonly fact: string;
}

const FACT = 'Checkout error rate starts climbing (first 5xx spike on the checkout-api dashboard).';

const EXPECTED: Record<Language, Expected> = {
  en: {
    timelineHeading: '## Timeline',
    metricsRow: '| Time to mitigate | 55m 20s |',
    declaredUtc: '- **Declared:** 2025-03-12 14:02:10 +00:00 by Amara Okafor',
    declaredTokyo: '- **Declared:** 2025-03-12 23:02:10 +09:00 by Amara Okafor',
    csvHeader: ['utc_time', 'local_time', 'author', 'kind', 'text', 'said_by', 'correction'],
    fact: 'fact',
  },
  ja: {
    timelineHeading: '## タイムライン',
    metricsRow: '| 緩和までの時間 | 55分20秒 |',
    declaredUtc: '- **宣言:** 2025/03/12 14:02:10 +00:00（Amara Okafor）',
    declaredTokyo: '- **宣言:** 2025/03/12 23:02:10 +09:00（Amara Okafor）',
    csvHeader: ['UTC時刻', '現地時刻', '記入者', '種別', '内容', '発言者', '訂正'],
    fact: '事実',
  },
  'zh-CN': {
    timelineHeading: '## 时间线',
    metricsRow: '| 缓解用时 | 55分20秒 |',
    declaredUtc: '- **宣布:** 2025/03/12 14:02:10 +00:00（Amara Okafor）',
    declaredTokyo: '- **宣布:** 2025/03/12 23:02:10 +09:00（Amara Okafor）',
    csvHeader: ['UTC时间', '本地时间', '记录人', '类型', '内容', '发言人', '更正'],
    fact: '事实',
  },
  ru: {
    timelineHeading: '## Хронология',
    metricsRow: '| Время до смягчения | 55 мин 20 с |',
    // CommonMark: a number and a dot at the start of a cell would begin a list, hence the backslash.
    declaredUtc: '- **Объявлен:** 12\\.03.2025 14:02:10 +00:00, Amara Okafor',
    declaredTokyo: '- **Объявлен:** 12\\.03.2025 23:02:10 +09:00, Amara Okafor',
    csvHeader: ['время_utc', 'местное_время', 'автор', 'тип', 'текст', 'сказал', 'исправление'],
    fact: 'факт',
  },
};

const LANGUAGES = Object.keys(EXPECTED) as Language[];

describe.each(LANGUAGES)('the checkout outage exported in %s', (language) => {
  const expected = EXPECTED[language];
  const utc = { now: EXPORTED_AT, timeZone: 'UTC', language } as const;
  const tokyo = { now: EXPORTED_AT, timeZone: 'Asia/Tokyo', language } as const;

  it('Markdown: headings, a date in each zone and a duration in the language; what people wrote as written', () => {
    const md = exportMarkdown(checkoutOutage, utc);
    expect(md).toContain(`\n${expected.timelineHeading}\n`);
    expect(md).toContain(expected.metricsRow);
    expect(md).toContain(expected.declaredUtc);
    expect(exportMarkdown(checkoutOutage, tokyo)).toContain(expected.declaredTokyo);
    expect(md).toContain('first 5xx spike on the checkout-api dashboard');
    if (language !== 'en') expect(md).not.toContain('## Timeline');
  });

  it('HTML: the page says its language, and its time columns are marked whatever they are called', () => {
    const html = exportHtml(checkoutOutage, tokyo);
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(`<h2 dir="auto">${expected.timelineHeading.slice(3)}</h2>`);
    expect(html).toMatch(/<td class="time" dir="auto">[^<]*23:02:10 \+09:00<\/td>/);
  });

  it('CSV: byte order mark, the same seven columns, names and kinds in the language, ISO times in the zone', () => {
    const rows = parseExportedCsv(exportTimelineCsv(checkoutOutage, tokyo));
    expect(rows[0]).toEqual(expected.csvHeader);
    expect(rows[0]).toHaveLength(CSV_HEADER.length);
    expect(rows).toHaveLength(checkoutOutage.timeline.length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_HEADER.length);
    expect(rows[1]).toEqual(['2025-03-12T13:52:00.000Z', '2025-03-12T22:52:00+09:00', 'Amara Okafor', expected.fact, FACT, '', '']);
  });
});

describe('what does not depend on the language', () => {
  it('JSON is data: the same bytes in every language', () => {
    const english = exportJson(checkoutOutage, { now: EXPORTED_AT });
    for (const language of LANGUAGES) expect(exportJson(checkoutOutage, { now: EXPORTED_AT, language })).toBe(english);
  });

  it('English is the default, and a language it does not know exports in English', () => {
    const english = exportMarkdown(checkoutOutage, { now: EXPORTED_AT, language: 'en' });
    expect(exportMarkdown(checkoutOutage, { now: EXPORTED_AT })).toBe(english);
    expect(exportMarkdown(checkoutOutage, { now: EXPORTED_AT, language: 'fr' as Language })).toBe(english);
  });
});
