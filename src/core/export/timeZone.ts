// Time zones for exports: validating the zone the reviewer chose and writing instants in it
// with their UTC offset, using only Intl so the same code runs in Node and Chromium.
// Kept apart from core/time: already Intl-only, with a per-window offset cache exports need for speed.
import type { EpochMs } from '../model';

/** 'UTC', 'local' (the zone of the machine running the export), or an IANA zone name. */
export type ExportTimeZone = 'UTC' | 'local' | (string & {});

export class TimeZoneError extends Error {
  constructor(readonly zone: string) {
    super(`"${zone}" is not a time zone this system knows. Use UTC, local, or an IANA zone name such as Europe/Paris or America/New_York.`);
    this.name = 'TimeZoneError';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // en-US with h23 gives numeric parts we reassemble ourselves; locale-specific layouts
    // (day/month order, separators) never reach the output.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * Turns the chosen zone into an IANA name ('UTC' for UTC, the runtime's zone for 'local', any
 * other name as given once Intl accepts it). Throws TimeZoneError for a name Intl does not know.
 */
export function resolveTimeZone(zone: ExportTimeZone | undefined): string {
  if (zone === undefined || zone === 'UTC') return 'UTC';
  if (zone === 'local') return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (typeof zone !== 'string' || zone.trim() === '') throw new TimeZoneError(String(zone));
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    // The name as chosen, not Intl's canonical one: engines disagree on it (Node's ICU turns
    // Asia/Kolkata into Asia/Calcutta), and the export must read the same everywhere.
    return zone;
  } catch (error) {
    if (error instanceof RangeError) throw new TimeZoneError(zone);
    throw error;
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    resolveTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

export interface ZonedParts {
  /** YYYY-MM-DD in the zone. */
  readonly date: string;
  /** HH:MM:SS (24-hour) in the zone. */
  readonly time: string;
  /** Offset from UTC at that instant, "+05:30", "-04:00" or "+00:00". */
  readonly offset: string;
}

function formatOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hours = String(Math.floor(abs / 3600)).padStart(2, '0');
  const minutes = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const seconds = abs % 60;
  // Only pre-1900 local mean times have second offsets; ISO 8601 allows ±hh:mm:ss for them.
  return `${sign}${hours}:${minutes}${seconds === 0 ? '' : `:${String(seconds).padStart(2, '0')}`}`;
}

/**
 * Offsets by zone and 15-minute window. formatToParts costs microseconds per call, which a
 * 10,000-entry export pays several times per entry; an offset only changes at a zone's
 * transitions, so one lookup serves every instant of a window whose two ends agree.
 */
const OFFSET_WINDOW_MS = 15 * 60_000;
const MAX_CACHED_WINDOWS = 50_000;
const offsetWindows = new Map<string, Map<number, number | null>>();

/** The zone's UTC offset (s) for every instant of the window holding `at`; null if it changes inside. */
function windowOffset(at: EpochMs, zone: string): number | null {
  let windows = offsetWindows.get(zone);
  if (!windows) {
    windows = new Map();
    offsetWindows.set(zone, windows);
  }
  const window = Math.floor(at / OFFSET_WINDOW_MS);
  let offset = windows.get(window);
  if (offset === undefined) {
    if (windows.size >= MAX_CACHED_WINDOWS) windows.clear();
    const start = window * OFFSET_WINDOW_MS;
    const first = exactZonedParts(start, zone).offsetSeconds;
    const last = exactZonedParts(start + OFFSET_WINDOW_MS - 1000, zone).offsetSeconds;
    offset = first === last ? first : null;
    windows.set(window, offset);
  }
  return offset;
}

/** The wall-clock date, time and UTC offset of an instant in an IANA zone (already resolved). */
export function zonedParts(at: EpochMs, zone: string): ZonedParts {
  if (!Number.isFinite(at)) throw new RangeError(`Cannot format the time ${at}: not a finite number.`);
  const offset = at >= 0 ? windowOffset(at, zone) : null;
  if (offset === null) {
    const exact = exactZonedParts(at, zone);
    return Object.freeze({ date: exact.date, time: exact.time, offset: formatOffset(exact.offsetSeconds) });
  }
  // The wall clock is the instant shifted by the offset, read as UTC (to the second, as Intl does).
  const wall = new Date(Math.floor(at / 1000) * 1000 + offset * 1000);
  return Object.freeze({
    date: `${String(wall.getUTCFullYear()).padStart(4, '0')}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())}`,
    time: `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())}`,
    offset: offsetText(offset),
  });
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Formatted offsets by seconds: a zone has a handful, and an export formats tens of thousands of times. */
const offsetTexts = new Map<number, string>();

function offsetText(offsetSeconds: number): string {
  let text = offsetTexts.get(offsetSeconds);
  if (text === undefined) {
    text = formatOffset(offsetSeconds);
    offsetTexts.set(offsetSeconds, text);
  }
  return text;
}

function exactZonedParts(at: EpochMs, zone: string): { date: string; time: string; offsetSeconds: number } {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(at)) parts[part.type] = part.value;
  const field = (type: string): number => Number(parts[type] ?? 'NaN');
  const year = field('year');
  // Some engines write midnight as hour 24 even with h23; both mean 00.
  const hour = field('hour') % 24;
  const wallClockAsUtc = Date.UTC(year, field('month') - 1, field('day'), hour, field('minute'), field('second'));
  const offsetSeconds = Math.round((wallClockAsUtc - Math.floor(at / 1000) * 1000) / 1000);
  return {
    date: `${String(year).padStart(4, '0')}-${parts.month}-${parts.day}`,
    time: `${String(hour).padStart(2, '0')}:${parts.minute}:${parts.second}`,
    offsetSeconds,
  };
}

const localDateFormats = new Map<string, Intl.DateTimeFormat>();
const localDates = new Map<string, string>();
const MAX_CACHED_DATES = 10_000;

/**
 * "2024/03/12" (ja), "12.03.2024" (ru): a calendar date (YYYY-MM-DD, already in the export's zone)
 * as the locale writes it in numbers. An incident spans few dates, so each is formatted once.
 */
export function formatLocalDate(date: string, locale: string): string {
  const key = `${locale}|${date}`;
  let text = localDates.get(key);
  if (text === undefined) {
    let format = localDateFormats.get(locale);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
      localDateFormats.set(locale, format);
    }
    const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
    const d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);
    text = format.format(d);
    if (localDates.size >= MAX_CACHED_DATES) localDates.clear();
    localDates.set(key, text);
  }
  return text;
}

/**
 * "2024-03-12 10:05:09 -04:00": what the Markdown and HTML exports show. English keeps ISO dates
 * (as every export has read); another locale writes the date its own way ("2024/03/12", "12.03.2024").
 */
export function formatZonedTime(at: EpochMs, zone: string, locale = 'en'): string {
  const { date, time, offset } = zonedParts(at, zone);
  return `${locale === 'en' ? date : formatLocalDate(date, locale)} ${time} ${offset}`;
}

/** "2024-03-12T10:05:09-04:00": ISO 8601 with the offset, for machine-readable columns. */
export function formatZonedIso(at: EpochMs, zone: string): string {
  const { date, time, offset } = zonedParts(at, zone);
  return `${date}T${time}${offset}`;
}
