// One rule for time: the formatters follow the display (the UI language and the window's zone)
// unless a text passes its own; durations and relative times in the reader's language. Every
// zone is passed explicitly: nothing here depends on the machine's zone.
import { afterEach, describe, expect, it } from 'vitest';
import { intlLocaleFor, resetTimeDisplay, setTimeDisplay, timeDisplay, displayFor } from '../../src/core/time/display';
import {
  describeDuration,
  describeMinutes,
  formatDuration,
  formatElapsed,
  formatHoursMinutes,
  formatTimeAgo,
} from '../../src/core/time/durations';
import {
  describeZone,
  formatClockTime,
  formatClockTimeInZone,
  formatDateTime,
  formatZonedClock,
  formatZonedDateTime,
  zoneLabel,
} from '../../src/core/time/instants';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const at = Date.UTC(2025, 2, 12, 13, 52, 41, 500);

afterEach(() => resetTimeDisplay());

describe('the display the formatters follow', () => {
  it('is English in UTC until a window sets it, and follows every change', () => {
    expect(timeDisplay()).toMatchObject({ language: 'en', zone: 'UTC' });
    expect(formatClockTime(at)).toBe('13:52');
    setTimeDisplay({ language: 'ja', locale: 'ja', zone: 'Asia/Tokyo' });
    expect(formatClockTime(at)).toBe('22:52');
    expect(formatDateTime(at)).toBe('2025年3月12日 22:52');
    expect(formatClockTimeInZone(at)).toBe('22:52 UTC+09:00');
    expect(formatDuration(4 * M + 12_000)).toBe('4分12秒');
    expect(formatTimeAgo(3 * H)).toBe('3時間前');
    setTimeDisplay({ language: 'ru', locale: 'ru', zone: 'UTC' });
    expect(formatClockTimeInZone(at)).toBe('13:52 UTC');
    expect(formatDateTime(at)).toBe('12 мар. 2025 г., 13:52');
    expect(formatTimeAgo(30_000)).toBe('только что');
  });

  it('never writes midnight as 24:00', () => {
    expect(formatClockTime(Date.UTC(2025, 0, 1, 0, 5), displayFor('en', 'UTC'))).toBe('00:05');
  });

  it('takes a regional locale the system prefers only for the same language', () => {
    expect(intlLocaleFor('en', ['en-GB', 'ja-JP'])).toBe('en-GB');
    expect(intlLocaleFor('ja', ['en-GB', 'ja-JP'])).toBe('ja-JP');
    expect(intlLocaleFor('zh-CN', ['zh-TW', 'zh-Hans-SG'])).toBe('zh-Hans-SG');
    expect(intlLocaleFor('ru', ['en-US'])).toBe('ru');
    expect(intlLocaleFor('en-XA', [])).toBe('en');
    expect(formatDateTime(at, { ...displayFor('en', 'UTC'), locale: 'en-GB' })).toBe('12 Mar 2025, 13:52');
  });

  it('names a zone by its offset at that instant', () => {
    expect(zoneLabel(at, 'UTC')).toBe('UTC');
    expect(zoneLabel(at, 'America/New_York')).toBe('UTC-04:00');
    expect(zoneLabel(Date.UTC(2025, 0, 12), 'America/New_York')).toBe('UTC-05:00');
    expect(describeZone(at, 'Asia/Kolkata')).toBe('Asia/Kolkata (UTC+05:30)');
    expect(describeZone(at, 'UTC')).toBe('UTC');
  });
});

describe('durations in four languages', () => {
  const table: Array<[string, (language: 'en' | 'ja' | 'zh-CN' | 'ru') => string, Record<string, string>]> = [
    ['compact', (l) => formatDuration(H + 5 * M + 59_000, l), { en: '1h 05m', ja: '1時間05分', 'zh-CN': '1小时05分', ru: '1 ч 05 мин' }],
    ['compact days', (l) => formatDuration(2 * D + 3 * H, l), { en: '2d 3h', ja: '2日3時間', 'zh-CN': '2天3小时', ru: '2 д 3 ч' }],
    ['negative', (l) => formatDuration(-45_000, l), { en: '-45s', ja: '-45秒', 'zh-CN': '-45秒', ru: '-45 с' }],
    ['to the minute', (l) => formatHoursMinutes(12 * M, l), { en: '12m', ja: '12分', 'zh-CN': '12分', ru: '12 мин' }],
    [
      'incident clock',
      (l) => formatElapsed(D + 2 * H + 3 * M + 4_000, l),
      { en: '1d 02:03:04', ja: '1日 02:03:04', 'zh-CN': '1天 02:03:04', ru: '1 д 02:03:04' },
    ],
    [
      'in words',
      (l) => describeDuration(2 * H + 5 * M, l),
      { en: '2 hours 5 minutes', ja: '2時間5分', 'zh-CN': '2小时5分钟', ru: '2 часа 5 минут' },
    ],
    ['one minute', (l) => describeDuration(M, l), { en: '1 minute', ja: '1分', 'zh-CN': '1分钟', ru: '1 минута' }],
    ['policy units', (l) => describeMinutes(1440 * 5, l), { en: '5 days', ja: '5日', 'zh-CN': '5天', ru: '5 дней' }],
    ['no grouping', (l) => describeMinutes(60 * 1001, l), { en: '1001 hours', ja: '1001時間', 'zh-CN': '1001小时', ru: '1001 час' }],
    ['time ago', (l) => formatTimeAgo(4 * M, l), { en: '4m ago', ja: '4分前', 'zh-CN': '4分钟前', ru: '4 мин назад' }],
  ];
  for (const [name, format, expected] of table) {
    it(name, () => {
      for (const language of ['en', 'ja', 'zh-CN', 'ru'] as const) expect(format(language), language).toBe(expected[language]);
    });
  }

  it('Russian plural forms for 1, 2–4, 5–20, 21, 22', () => {
    expect([1, 2, 5, 11, 21, 22].map((n) => describeMinutes(n, 'ru'))).toEqual([
      '1 минута',
      '2 минуты',
      '5 минут',
      '11 минут',
      '21 минута',
      '22 минуты',
    ]);
  });
});

describe('shared texts name their zone and write dates for their language', () => {
  it('a status update clock: ISO dates in English, the locale’s own elsewhere', () => {
    const later = at + 20 * H;
    expect(formatZonedClock(at, later, 'Asia/Tokyo', 'en')).toBe('2025-03-12 22:52 UTC+09:00');
    expect(formatZonedClock(at, later, 'Asia/Tokyo', 'ja')).toBe('2025年3月12日 22:52 UTC+09:00');
    expect(formatZonedClock(at, later, 'Europe/Moscow', 'ru')).toBe('12 мар. 2025 г. 16:52 UTC+03:00');
    expect(formatZonedClock(at, at, 'Asia/Shanghai', 'zh-CN')).toBe('21:52 UTC+08:00');
  });

  it('the review draft’s date and time', () => {
    expect(formatZonedDateTime(at, 'UTC', 'en')).toBe('2025-03-12 13:52 UTC');
    expect(formatZonedDateTime(at, 'Asia/Shanghai', 'zh-CN')).toBe('2025年3月12日 21:52 UTC+08:00');
  });
});
