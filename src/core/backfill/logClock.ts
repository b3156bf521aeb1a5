// Placing a log's times on the calendar. A log usually writes only times of day, so each is read
// on the day of the line before it (the first on the day of the caller's reference instant,
// usually the incident's start), and a time more than 12 hours earlier than the line before it
// means the clock went past midnight: the next day.
import { skippedTimeProblem, type TypedTime } from '../entryTime';
import type { EpochMs } from '../model';
import {
  addDays,
  type CivilDate,
  type ClockZone,
  civilDateAt,
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

/**
 * Places one written time: a dated time as written (the first reading in a fall-back overlap
 * unless a later one is not before `previous`), a time of day relative to `previous` (see the
 * top of this file). `eitherHalfOfDay` tries both 9:04 am and pm and keeps the one nearer
 * `previous`. `readerZone` is used when the time states none.
 */
export function placeLogTime(
  written: TypedTime,
  previous: EpochMs,
  readerZone: ClockZone & { readonly kind: 'iana' },
  eitherHalfOfDay: boolean,
): PlacedTime {
  const zone = written.zone ?? readerZone;
  const zoneLabel = written.zoneLabel ?? readerZone.name;
  if (written.date) {
    const instants = wallClockInstants(written.date, written.time, zone);
    if (instants.length === 0) return { problem: skippedTimeProblem(written.date, written.time, zoneLabel) };
    return { at: instants.find((instant) => instant >= previous) ?? instants[0]! };
  }
  if (!eitherHalfOfDay || written.time.hour > 12) return placeTimeOfDay(written.time, zone, zoneLabel, previous);
  const morning = { ...written.time, hour: written.time.hour % 12 };
  const afternoon = { ...written.time, hour: (written.time.hour % 12) + 12 };
  const placed = [placeTimeOfDay(morning, zone, zoneLabel, previous), placeTimeOfDay(afternoon, zone, zoneLabel, previous)];
  const readable = placed.filter((reading): reading is { at: EpochMs } => reading.at !== undefined);
  if (readable.length === 0) return placed[0]!;
  return readable.reduce((best, reading) => (Math.abs(reading.at - previous) < Math.abs(best.at - previous) ? reading : best));
}
