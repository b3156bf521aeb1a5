// A time typed in front of a quick entry ("19:10 replication stopped") read as when it happened.
// The reader of the time itself (readTypedTime) is shared with the log back-fill (core/backfill).
//
// What counts as a time prefix, so that ordinary text is never eaten:
// - at the very start (after spaces): H:MM or HH:MM, optional :SS and a fraction, optional
//   "YYYY-MM-DD " or "YYYY-MM-DDT" (or "YYYY/MM/DD ") in front, optional am/pm ("7:10 pm", "7:10pm"), optional zone:
//   "Z" right after the time, an offset ("+09:00", "+0900", "-05") right after a time that has a
//   date or seconds (ISO 8601 style), or a word after one space: "UTC", "GMT", "UTC+2", "UTC-05:30"
//   or an IANA name Intl knows ("Europe/London"). The whole may sit in square brackets;
// - followed by whitespace (after an optional ":" as in "19:10: replication stopped"); one
//   dash between spaces after it ("19:10 - text") is taken as part of the separator.
// Not a prefix, text kept as typed: no colon ("1910 deploy"), letters or digits glued to the time
// ("19:10am-ish", "19:10x"), a range or a list ("10:00-11:00 window", "10:00 - 11:00",
// "19:10/19:20", "1:2:3"), a minute of one digit ("3:4 split"), nothing after the time ("19:10"),
// and day/month dates ("31/01 19:10"), which are ambiguous between locales.
// Refused with a problem: a well-placed prefix that is not a real time ("25:00 ", "2017-02-30
// 10:00 ", "13:10 pm "), a zone abbreviation (PST, IST, CST mean several zones), a wall time a
// spring-forward gap skipped, and a time more than a minute in the future.
import { refusalText, type RefusalParams } from './commands/refusals';
import { translator } from './i18n';
import { timeDisplay } from './time/display';
import { describeDuration } from './time/durations';
import { isValidTimeZone, resolveTimeZone } from './export/timeZone';
import type { EpochMs } from './model';
import {
  addDays,
  type CivilDate,
  type ClockZone,
  civilDateAt,
  formatCivilDate,
  isCivilDate,
  nominalInstant,
  type TimeOfDay,
  wallClockInstants,
} from './time/wallClock';

/** How far ahead of `now` a typed time may be: two laptops' clocks and a slow typist disagree by that much. */
export const FUTURE_TOLERANCE_MS = 60_000;

/** A time as written: its date when given, its time of day (24-hour), and its zone when stated. */
export interface TypedTime {
  readonly date: CivilDate | null;
  readonly time: TimeOfDay;
  /** The zone written with the time; null means the reader's zone (the caller's choice). */
  readonly zone: ClockZone | null;
  /** "UTC", "UTC+09:00" or the IANA name as written; null when no zone was written. */
  readonly zoneLabel: string | null;
  /** True when written with am/pm; false for a 24-hour (or unmarked) reading. */
  readonly twelveHour: boolean;
}

/** What readTypedTime found at a position: how many characters look like a time, and the time or why not. */
export type TypedTimeReading =
  | { readonly length: number; readonly time: TypedTime; readonly problem?: undefined }
  | { readonly length: number; readonly time?: undefined; readonly problem: string };

// Zone abbreviations people type; each names several zones (IST: India, Ireland, Israel), so
// guessing would silently move an entry by hours.
// biome-ignore format: a word list reads better in rows
const AMBIGUOUS_ZONE_ABBREVIATIONS = new Set([
  'EST', 'EDT', 'CST', 'CDT', 'MST', 'MDT', 'PST', 'PDT', 'AKST', 'AKDT', 'HST', 'AST', 'ADT', 'NST', 'NDT',
  'BST', 'IST', 'CET', 'CEST', 'EET', 'EEST', 'WET', 'WEST', 'MSK', 'JST', 'KST', 'HKT', 'SGT', 'AEST', 'AEDT',
  'ACST', 'ACDT', 'AWST', 'NZST', 'NZDT', 'BRT', 'ART', 'SAST', 'WIB', 'PHT', 'ICT',
]);

const TIME_SHAPE = /(?:(\d{4})([-/])(\d{2})\2(\d{2})([T ]))?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?/y;
const MERIDIEM = /(\s?)([AaPp])\.?[Mm]\.?(?![\p{L}\p{N}])/uy;
const ZULU = /Z(?![\p{L}\p{N}])/uy;
const ATTACHED_OFFSET = /([+-])(\d{2})(?::?(\d{2}))?(?![\p{L}\p{N}:])/uy;
const UTC_WORD = /[ \t](?:UTC|GMT)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?(?![\p{L}\p{N}:])/uy;
const IANA_WORD = /[ \t]([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)(?![\p{L}\p{N}/])/uy;
const CAPITAL_WORD = /[ \t]([A-Z]{2,5})(?![\p{L}\p{N}])/uy;
// What may not follow a time for it to stand alone: a range ("10:00-11:00", "10:00 – 11:00"),
// a list or a decimal ("19:10/19:20", "19:10.5", "1:2:3").
const CONTINUED = /(?:\s?[-–—~]\s?\d|[/.,:]\d|[\p{L}\p{N}])/uy;

function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const two = (n: number) => String(n).padStart(2, '0');
  return `UTC${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

function offsetZone(sign: string, hours: string, minutes: string | undefined): ClockZone | string {
  const h = Number(hours);
  const m = Number(minutes ?? '0');
  if (h > 14 || m > 59)
    return timeProblem('entryTime.notAnOffset', { offset: `${sign}${hours}${minutes === undefined ? '' : `:${minutes}`}` });
  return { kind: 'offset', minutes: (sign === '-' ? -1 : 1) * (h * 60 + m) };
}

/**
 * Reads a time written at `index` of `text` (nothing is skipped first). Returns null when there
 * is no time shape there, or when the time runs on into a range, list, decimal or word (see the
 * rules at the top of this file). Otherwise returns the length of the time as written (with its
 * am/pm and zone) and either the time or, for a time shape that is not a real time, a problem
 * sentence. The caller decides what may follow.
 */
export function readTypedTime(text: string, index = 0): TypedTimeReading | null {
  const shape = matchAt(TIME_SHAPE, text, index);
  if (!shape) return null;
  const [, year, dateSeparator, month, day, , hourText, minuteText, secondText, fraction] = shape;
  let end = index + shape[0].length;
  const hasDate = year !== undefined;
  let hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? '0');
  let problem: string | null = null;

  let twelveHour = false;
  const meridiem = matchAt(MERIDIEM, text, end);
  if (meridiem) {
    twelveHour = true;
    end += meridiem[0].length;
    const pm = meridiem[2]!.toLowerCase() === 'p';
    if (hour < 1 || hour > 12) problem = timeProblem('entryTime.twelveHour', { time: `${shape[0]}${meridiem[0]}` });
    else hour = (hour % 12) + (pm ? 12 : 0);
  }

  let zone: ClockZone | null = null;
  let zoneLabel: string | null = null;
  const zulu = matchAt(ZULU, text, end);
  const attached = !zulu && (hasDate || secondText !== undefined) ? matchAt(ATTACHED_OFFSET, text, end) : null;
  const utcWord = !zulu && !attached ? matchAt(UTC_WORD, text, end) : null;
  const ianaWord = !zulu && !attached && !utcWord ? matchAt(IANA_WORD, text, end) : null;
  if (zulu) {
    zone = { kind: 'offset', minutes: 0 };
    zoneLabel = 'UTC';
    end += zulu[0].length;
  } else if (attached || utcWord) {
    const found = (attached ?? utcWord)!;
    end += found[0].length;
    const offset = found[1] === undefined ? { kind: 'offset' as const, minutes: 0 } : offsetZone(found[1], found[2]!, found[3]);
    if (typeof offset === 'string') problem ??= offset;
    else {
      zone = offset;
      zoneLabel = offsetLabel(offset.kind === 'offset' ? offset.minutes : 0);
    }
  } else if (ianaWord && isValidTimeZone(ianaWord[1]!)) {
    end += ianaWord[0].length;
    zone = { kind: 'iana', name: resolveTimeZone(ianaWord[1]!) };
    zoneLabel = zone.name;
  } else {
    const capital = matchAt(CAPITAL_WORD, text, end);
    if (capital && AMBIGUOUS_ZONE_ABBREVIATIONS.has(capital[1]!)) {
      end += capital[0].length;
      problem ??= timeProblem('entryTime.ambiguousZone', { zone: capital[1]! });
    }
  }

  if (matchAt(CONTINUED, text, end)) return null;

  if (hour > 23 || minute > 59 || second > 59) problem ??= timeProblem('entryTime.notTimeOfDay', { time: shape[0] });
  const date = hasDate ? { year: Number(year), month: Number(month), day: Number(day) } : null;
  if (date && !isCivilDate(date))
    problem ??= timeProblem('entryTime.notADate', { date: `${year}${dateSeparator}${month}${dateSeparator}${day}` });
  const length = end - index;
  if (problem) return { length, problem };
  const millisecond = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return { length, time: { date, time: { hour, minute, second, millisecond }, zone, zoneLabel, twelveHour } };
}

/** "19:10" or "19:10:30" as typed, for problem sentences. */
function formatTimeOfDay(time: TimeOfDay): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(time.hour)}:${two(time.minute)}${time.second ? `:${two(time.second)}` : ''}`;
}

/**
 * A problem sentence (refusals catalog) in the language the window shows times in, English
 * outside a window: problems are read by the person typing, next to the times they typed.
 */
export function timeProblem(key: string, params: RefusalParams = {}): string {
  return refusalText(key, params, translator(timeDisplay().language));
}

/** The sentence for a wall time that a spring-forward gap skipped. */
export function skippedTimeProblem(date: CivilDate, time: TimeOfDay, zoneLabel: string): string {
  return timeProblem('entryTime.skipped', { date: formatCivilDate(date), time: formatTimeOfDay(time), zone: zoneLabel });
}

/** What the quick-entry box's text says about when the entry happened. */
export interface EntryTimePrefix {
  /** When it happened (epoch ms), or null when the text has no time prefix or it was refused. */
  readonly at: EpochMs | null;
  /** The text without its time prefix; the text exactly as typed when at is null. */
  readonly text: string;
  /** The zone the time was read in ("UTC", "UTC+09:00", an IANA name); set whenever at is. */
  readonly zoneLabel?: string;
  /** Why a time prefix was refused (a sentence for the person typing); at is then null. */
  readonly problem?: string;
}

const PREFIX_SEPARATOR = /:?[ \t\u00a0\u3000]+(?:[-–—][ \t\u00a0\u3000]+)?/y;

/**
 * Reads a time prefix from what a person typed in the quick-entry box (rules at the top of this
 * file). `now` is the current instant; `zone` is the person's IANA zone, used when the prefix
 * names none. A time of day without a date is the most recent such wall time in that zone not
 * more than a minute ahead of now ("23:50" typed at 00:10 is yesterday's). Returns the instant
 * and the remaining text, or `{ at: null, text: typed }` when there is no prefix, or the same
 * with `problem` when a prefix was found but refused (not a real time, ambiguous zone, skipped
 * by a clock change, or more than a minute in the future). Throws TimeZoneError for a `zone`
 * Intl does not know (a caller's mistake, not the typist's).
 */
export function parseEntryTimePrefix(typed: string, now: EpochMs, zone: string): EntryTimePrefix {
  const readerZone: ClockZone = { kind: 'iana', name: resolveTimeZone(zone) };
  const untouched: EntryTimePrefix = { at: null, text: typed };
  let index = 0;
  while (index < typed.length && /\s/.test(typed[index]!)) index += 1;
  const bracketed = typed[index] === '[';
  if (bracketed) index += 1;
  const reading = readTypedTime(typed, index);
  if (!reading) return untouched;
  let end = index + reading.length;
  if (bracketed) {
    if (typed[end] !== ']') return untouched;
    end += 1;
  }
  const separator = matchAt(PREFIX_SEPARATOR, typed, end);
  if (!separator) return untouched;
  const text = typed.slice(end + separator[0].length);
  if (reading.problem !== undefined) return { ...untouched, problem: reading.problem };

  const typedTime = reading.time;
  const clockZone = typedTime.zone ?? readerZone;
  const zoneLabel = typedTime.zoneLabel ?? readerZone.name;
  let at: EpochMs;
  if (typedTime.date) {
    const instants = wallClockInstants(typedTime.date, typedTime.time, clockZone);
    // In a fall-back overlap the earlier reading: the first time the clock showed it.
    if (instants.length === 0) return { ...untouched, problem: skippedTimeProblem(typedTime.date, typedTime.time, zoneLabel) };
    at = instants[0]!;
  } else {
    const latest = now + FUTURE_TOLERANCE_MS;
    const today = civilDateAt(now, clockZone);
    let best: { at: EpochMs; skipped: CivilDate | null } | null = null;
    for (const offset of [1, 0, -1, -2]) {
      const date = addDays(today, offset);
      const instants = wallClockInstants(date, typedTime.time, clockZone);
      const candidates = instants.length
        ? instants.map((instant) => ({ at: instant, skipped: null }))
        : [{ at: nominalInstant(date, typedTime.time, clockZone), skipped: date }];
      for (const candidate of candidates) if (candidate.at <= latest && (!best || candidate.at > best.at)) best = candidate;
    }
    // Two days back always holds a reading, so best is set.
    if (!best) throw new Error('No earlier day held the typed time of day.');
    if (best.skipped) return { ...untouched, problem: skippedTimeProblem(best.skipped, typedTime.time, zoneLabel) };
    at = best.at;
  }
  if (at > now + FUTURE_TOLERANCE_MS) {
    return {
      ...untouched,
      problem: timeProblem('entryTime.inFuture', { duration: describeDuration(at - now) }),
    };
  }
  return { at, text, zoneLabel };
}
