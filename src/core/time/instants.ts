// Every way Sitrep writes a moment in time, in one place (exports write theirs in the zone the
// reviewer chose, through export/timeZone.ts). By default times follow the display (./display.ts):
// the UI language and the zone the window shows (its own or UTC). Texts people share (briefings,
// review drafts, status updates) pass their language and zone and name the zone they use.
import type { UiLanguage } from '../i18n';
import type { EpochMs } from '../model';
import { zonedParts } from '../export/timeZone';
import { displayFor, timeDisplay, type TimeDisplay } from './display';
import { isCivilDate, nominalInstant, wallClockInstants } from './wallClock';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale, zone and layout: building one costs far more than using it. */
function formatter(display: TimeDisplay, layout: 'clock' | 'dateTime' | 'date'): Intl.DateTimeFormat {
  const key = `${layout}|${display.locale}|${display.zone}`;
  let found = formatters.get(key);
  if (!found) {
    // A 24-hour clock (h23, never "24:05"), as incident rooms read time.
    const clock = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
    const date = { year: 'numeric', month: 'short', day: 'numeric' } as const;
    const options: Intl.DateTimeFormatOptions = layout === 'clock' ? clock : layout === 'date' ? date : { ...date, ...clock };
    found = new Intl.DateTimeFormat(display.locale, { ...options, timeZone: display.zone });
    formatters.set(key, found);
  }
  return found;
}

/** "14:05" in the display's zone and locale. */
export function formatClockTime(at: EpochMs, display: TimeDisplay = timeDisplay()): string {
  return formatter(display, 'clock').format(at);
}

/** "Mar 12, 2025, 14:05" (as the display's locale writes it: "2025年3月12日 14:05"), in the display's zone. */
export function formatDateTime(at: EpochMs, display: TimeDisplay = timeDisplay()): string {
  return formatter(display, 'dateTime').format(at);
}

/** "UTC", or "UTC+09:00" (the zone's offset at `at`): what says which zone a time is in. */
export function zoneLabel(at: EpochMs, zone: string = timeDisplay().zone): string {
  return zone === 'UTC' ? 'UTC' : `UTC${zonedParts(at, zone).offset}`;
}

/** "14:05 UTC+09:00": a clock time with the zone it is in. */
export function formatClockTimeInZone(at: EpochMs, display: TimeDisplay = timeDisplay()): string {
  return `${formatClockTime(at, display)} ${zoneLabel(at, display.zone)}`;
}

/** "Asia/Tokyo (UTC+09:00)", or "UTC": the zone a shared text's times are in, named once. */
export function describeZone(at: EpochMs, zone: string): string {
  return zone === 'UTC' ? 'UTC' : `${zone} (${zoneLabel(at, zone)})`;
}

// The UTC forms are cut from toISOString, which is ISO 8601 and the same in every runtime and
// locale; Intl would only add a way for the shared text to differ between laptops.

/** "14:05 UTC" */
export function formatUtcTime(at: EpochMs): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`;
}

/** "2025-03-12 13:52 UTC" */
export function formatUtcDateTime(at: EpochMs): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The date part of a shared text: ISO in English (as it always read), the locale's own form elsewhere. */
function sharedDate(at: EpochMs, zone: string, language: UiLanguage, isoDate: string): string {
  if (language === 'en' || language === 'en-XA') return isoDate;
  return formatter(displayFor(language, zone), 'date').format(at);
}

/**
 * "14:05 UTC+01:00" in `zone` (an IANA name, already resolved), with the date in front when it
 * is not the same day there as `now`: what a status update says, in the zone its author chose.
 */
export function formatZonedClock(at: EpochMs, now: EpochMs, zone: string, language: UiLanguage = 'en'): string {
  const parts = zonedParts(at, zone);
  const label = zone === 'UTC' ? 'UTC' : `UTC${parts.offset}`;
  const sameDay = zonedParts(now, zone).date === parts.date;
  return `${sameDay ? '' : `${sharedDate(at, zone, language, parts.date)} `}${parts.time.slice(0, 5)} ${label}`;
}

/** "2025-03-12 14:05 UTC+01:00" (or the locale's date): a date and time in `zone`, naming it, for the review draft. */
export function formatZonedDateTime(at: EpochMs, zone: string, language: UiLanguage = 'en'): string {
  const parts = zonedParts(at, zone);
  const label = zone === 'UTC' ? 'UTC' : `UTC${parts.offset}`;
  return `${sharedDate(at, zone, language, parts.date)} ${parts.time.slice(0, 5)} ${label}`;
}

/** Value for an <input type="datetime-local"> in the display's zone: "2025-03-12T14:05". */
export function toLocalInputValue(at: EpochMs, zone: string = timeDisplay().zone): string {
  const { date, time } = zonedParts(at, zone);
  return `${date}T${time.slice(0, 5)}`;
}

/**
 * Parses an <input type="datetime-local"> value (the display's zone); null when empty or invalid.
 * A repeated wall time (fall back) is the earlier instant; one the clocks skipped (spring forward)
 * is where it would have been, as Date did before.
 */
export function fromLocalInputValue(value: string, zone: string = timeDisplay().zone): EpochMs | null {
  const match = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0'] = match;
  const date = { year: Number(year), month: Number(month), day: Number(day) };
  const time = { hour: Number(hour), minute: Number(minute), second: Number(second), millisecond: Number(fraction.padEnd(3, '0')) };
  if (!isCivilDate(date) || time.hour > 23 || time.minute > 59 || time.second > 59) return null;
  const clock = { kind: 'iana', name: zone } as const;
  return wallClockInstants(date, time, clock)[0] ?? nominalInstant(date, time, clock);
}
