// Every way Sitrep writes a duration, in one place: metrics, exports, briefings, status updates,
// countdowns and the incident clock. Words come from the `time` catalog in the reader's language
// (by default the display's, see ./display.ts; exports and shared texts pass their own).
// The compact and clock forms are spelled out here because Intl.DurationFormat, which would do
// them, is not in Node 20 (where core runs under the unit tests) and they must read the same in
// exports made anywhere.
import type { TFunction } from 'i18next';
import { translator, type UiLanguage } from '../i18n';
import { timeDisplay } from './display';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The `time` catalog of `language` (the display's when omitted). */
function timeWords(language: UiLanguage | undefined): TFunction<['time']> {
  // Keys carry their namespace ("time:…"): the translator's default namespace is `common`.
  return translator(language ?? timeDisplay().language) as unknown as TFunction<['time']>;
}

interface DurationParts {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

/** Whole days, hours, minutes and seconds of `|ms|`, truncated toward zero. */
function durationParts(ms: number): DurationParts {
  const abs = Math.abs(ms);
  return {
    days: Math.floor(abs / DAY),
    hours: Math.floor((abs % DAY) / HOUR),
    minutes: Math.floor((abs % HOUR) / MINUTE),
    seconds: Math.floor((abs % MINUTE) / SECOND),
  };
}

/**
 * A compact duration for people: "45s", "4m 12s", "1h 05m", "2d 3h" (metrics, exports, the
 * review); "4分12秒", "4 мин 12 с" in other languages. Truncates toward zero (a duration is
 * never shown as longer than it was); negative durations get a leading "-".
 */
export function formatDuration(ms: number, language?: UiLanguage): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration needs a finite number of milliseconds, got ${ms}.`);
  const t = timeWords(language);
  // "-0s" would read as a typo; under a second either way is just "0s".
  const sign = ms < 0 && Math.abs(ms) >= SECOND ? '-' : '';
  const { days, hours, minutes, seconds } = durationParts(ms);
  // Numbers go in as strings: ICU would group them ("1,000") and drop the padding.
  if (days > 0) return sign + t('time:compact.days', { days: String(days), hours: String(hours) });
  if (hours > 0) return sign + t('time:compact.hours', { hours: String(hours), minutes: pad2(minutes) });
  if (minutes > 0) return sign + t('time:compact.minutes', { minutes: String(minutes), seconds: pad2(seconds) });
  return sign + t('time:compact.seconds', { seconds: String(seconds) });
}

/** "1h 05m", "12m", "0m": to the minute, for time on duty and the handoff briefing; never negative. */
export function formatHoursMinutes(ms: number, language?: UiLanguage): string {
  const t = timeWords(language);
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  const hours = Math.floor(minutes / 60);
  return hours
    ? t('time:compact.hours', { hours: String(hours), minutes: pad2(minutes % 60) })
    : t('time:compact.minutesOnly', { minutes: String(minutes) });
}

/** "4:32", or "1:02:03" past an hour: a countdown or an overdue time, whole seconds, sign dropped (the same in every language). */
export function formatTimer(ms: number): string {
  const { days, hours, minutes, seconds } = durationParts(ms);
  const allHours = days * 24 + hours;
  return allHours ? `${allHours}:${pad2(minutes)}:${pad2(seconds)}` : `${minutes}:${pad2(seconds)}`;
}

/** "0:04:32", or "1d 02:03:04" past a day: the incident clock; never negative. */
export function formatElapsed(ms: number, language?: UiLanguage): string {
  const { days, hours, minutes, seconds } = durationParts(Math.max(0, ms));
  if (!days) return `${hours}:${pad2(minutes)}:${pad2(seconds)}`;
  return timeWords(language)('time:compact.elapsedDays', { days: String(days), clock: `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}` });
}

type WordUnit = 'minutes' | 'hours' | 'days';

// No grouping: "1000 hours", as the text always read (not "1,000 hours").
function unitInWords(unit: WordUnit, count: number, language: UiLanguage | undefined): string {
  return timeWords(language)(`time:words.${unit}`, { count, n: String(count) });
}

/** "5 minutes", "1 minute", "90 minutes": a whole number of minutes, as the timeline says it. */
export function minutesInWords(minutes: number, language?: UiLanguage): string {
  return unitInWords('minutes', minutes, language);
}

/** "30 minutes", "4 hours", "1 day", "90 minutes": whole minutes in the largest unit that divides them (the policy). */
export function describeMinutes(minutes: number, language?: UiLanguage): string {
  if (minutes % (24 * 60) === 0) return unitInWords('days', minutes / (24 * 60), language);
  if (minutes % 60 === 0) return unitInWords('hours', minutes / 60, language);
  return unitInWords('minutes', minutes, language);
}

/** "45 minutes", "1 hour", "2 hours 5 minutes": to the nearest minute, for status updates. */
export function describeDuration(ms: number, language?: UiLanguage): string {
  const total = Math.max(0, Math.round(ms / MINUTE));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return unitInWords('minutes', minutes, language);
  if (!minutes) return unitInWords('hours', hours, language);
  return timeWords(language)('time:words.hoursAndMinutes', {
    hours: unitInWords('hours', hours, language),
    minutes: unitInWords('minutes', minutes, language),
  });
}

/** "just now", "4m ago", "2h ago", "3d ago": for last-seen times, where seconds would only be noise. */
export function formatTimeAgo(ms: number, language?: UiLanguage): string {
  const t = timeWords(language);
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return t('time:ago.justNow');
  if (minutes < 60) return t('time:ago.minutes', { n: String(minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time:ago.hours', { n: String(hours) });
  return t('time:ago.days', { n: String(Math.floor(hours / 24)) });
}
