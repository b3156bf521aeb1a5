// Placing a log's times on the calendar. A log usually writes only times of day, so each is read
// on the day of the line before it (the first on the day of the caller's reference instant,
// usually the incident's start), and a time more than 12 hours earlier than the line before it
// means the clock went past midnight: the next day.
import { skippedTimeProblem, timeProblem, type TypedTime } from '../entryTime';
import type { EpochMs } from '../model';
import type { DayHint } from './types';
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
} from '../time/wallClock';

const ROLLOVER_MS = 12 * 3_600_000;

export type PlacedTime = { readonly at: EpochMs; readonly problem?: undefined } | { readonly at?: undefined; readonly problem: string };

/** The reading of `time` on `date`'s calendar day nearest after `previous`: in a fall-back overlap the first not before it. */
function onDay(date: CivilDate, time: TimeOfDay, zone: ClockZone, previous: EpochMs): EpochMs | null {
  const instants = wallClockInstants(date, time, zone);
  if (instants.length === 0) return null;
  return instants.find((instant) => instant >= previous) ?? instants[instants.length - 1]!;
}

function placeTimeOfDay(time: TimeOfDay, zone: ClockZone, zoneLabel: string, previous: EpochMs): PlacedTime {
  let day = civilDateAt(previous, zone);
  // A time a spring-forward gap swallowed is still ordered where it would have been, so that
  // the problem names the right day.
  const sameDay = onDay(day, time, zone, previous) ?? nominalInstant(day, time, zone);
  if (sameDay < previous - ROLLOVER_MS) day = addDays(day, 1);
  const at = onDay(day, time, zone, previous);
  return at === null ? { problem: skippedTimeProblem(day, time, zoneLabel) } : { at };
}

const HALF_YEAR_MS = 183 * 86_400_000;

/** The date a divider names; a divider without a year is in the year that puts it nearest `previous`. */
function hintedDate(hint: DayHint, previous: EpochMs, zone: ClockZone): CivilDate | string {
  const before = civilDateAt(previous, zone);
  let date: CivilDate = { year: hint.year ?? before.year, month: hint.month, day: hint.day };
  if (hint.year === null) {
    const gap = Date.UTC(2000, date.month - 1, date.day) - Date.UTC(2000, before.month - 1, before.day);
    if (gap < -HALF_YEAR_MS) date = { ...date, year: date.year + 1 };
    else if (gap > HALF_YEAR_MS) date = { ...date, year: date.year - 1 };
  }
  return isCivilDate(date) ? date : timeProblem('entryTime.notADate', { date: formatCivilDate(date) });
}

function placeDated(date: CivilDate, time: TimeOfDay, zone: ClockZone, zoneLabel: string, previous: EpochMs): PlacedTime {
  const instants = wallClockInstants(date, time, zone);
  if (instants.length === 0) return { problem: skippedTimeProblem(date, time, zoneLabel) };
  // In a fall-back overlap, the first reading not before the line above, else the first.
  return { at: instants.find((instant) => instant >= previous) ?? instants[0]! };
}

/**
 * Places one written time after `previous` (the line above's time, or the reference instant):
 * a dated time as written; a time of day on the day `day` names (a Slack divider) or else as the
 * top of this file says. `eitherHalfOfDay` tries both 9:04 am and pm and keeps the one nearer
 * `previous`. `readerZone` is used when the time states none.
 */
export function placeLogTime(
  written: TypedTime,
  previous: EpochMs,
  readerZone: ClockZone & { readonly kind: 'iana' },
  eitherHalfOfDay: boolean,
  day: DayHint | null = null,
): PlacedTime {
  const zone = written.zone ?? readerZone;
  const zoneLabel = written.zoneLabel ?? readerZone.name;
  const date = written.date ?? (day ? hintedDate(day, previous, zone) : null);
  if (typeof date === 'string') return { problem: date };
  const hour = written.time.hour;
  const hours = eitherHalfOfDay && hour <= 12 ? [hour % 12, (hour % 12) + 12] : [hour];
  const placed = hours.map((candidate) => {
    const time = { ...written.time, hour: candidate };
    return date ? placeDated(date, time, zone, zoneLabel, previous) : placeTimeOfDay(time, zone, zoneLabel, previous);
  });
  const readable = placed.filter((reading): reading is { at: EpochMs } => reading.at !== undefined);
  if (readable.length === 0) return placed[0]!;
  return readable.reduce((best, reading) => (Math.abs(reading.at - previous) < Math.abs(best.at - previous) ? reading : best));
}
