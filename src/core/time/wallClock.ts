// The inverse of export/timeZone.ts's zonedParts: a date and time of day as a person wrote them,
// turned into the instants they name in an IANA zone or at a fixed UTC offset, with Intl only.
import type { EpochMs } from '../model';
import { zonedParts } from '../export/timeZone';

/** A calendar date with month 1–12, as written, in no zone. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A time of day on a 24-hour clock. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** Where a wall clock hangs: an IANA zone (offset follows its rules) or a fixed offset from UTC. */
export type ClockZone = { readonly kind: 'iana'; readonly name: string } | { readonly kind: 'offset'; readonly minutes: number };

const DAY_MS = 86_400_000;

/** The wall clock read as if it were UTC; years below 100 are kept as written (Date.UTC would add 1900). */
function wallAsUtc(date: CivilDate, time: TimeOfDay): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  d.setUTCHours(time.hour, time.minute, time.second, time.millisecond);
  return d.getTime();
}

/** True when the date exists on the proleptic Gregorian calendar (no 31 April, 29 February only in leap years). */
export function isCivilDate(date: CivilDate): boolean {
  if (!Number.isInteger(date.year) || !Number.isInteger(date.month) || !Number.isInteger(date.day)) return false;
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const d = new Date(wallAsUtc(date, { hour: 12, minute: 0, second: 0, millisecond: 0 }));
  return d.getUTCDate() === date.day && d.getUTCMonth() === date.month - 1;
}

/** The calendar date `days` after (or before, when negative) `date`. */
export function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(wallAsUtc(date, { hour: 12, minute: 0, second: 0, millisecond: 0 }) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The zone's offset from UTC, in seconds, at the instant `at` (an IANA name Intl accepts). */
export function offsetSecondsAt(at: EpochMs, zone: string): number {
  // zonedParts writes it as "+05:30", or "+00:01:15" for a pre-1900 local mean time.
  const { offset } = zonedParts(at, zone);
  const [hours = 0, minutes = 0, seconds = 0] = offset.slice(1).split(':').map(Number);
  return (offset.startsWith('-') ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
}

/** The calendar date the wall clock in `zone` shows at the instant `at`. */
export function civilDateAt(at: EpochMs, zone: ClockZone): CivilDate {
  const shifted = at + (zone.kind === 'offset' ? zone.minutes * 60_000 : offsetSecondsAt(at, zone.name) * 1000);
  const d = new Date(shifted);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Every instant at which the wall clock in `zone` reads `date` `time`, ascending: one on most
 * days, none inside a spring-forward gap, two inside a fall-back overlap (earlier offset first).
 */
export function wallClockInstants(date: CivilDate, time: TimeOfDay, zone: ClockZone): EpochMs[] {
  const wall = wallAsUtc(date, time);
  if (zone.kind === 'offset') return [wall - zone.minutes * 60_000];
  // The offsets in force a day either side cover any single transition near this wall time;
  // each is a candidate, kept only when the zone really has that offset at the instant it gives.
  const offsets = new Set([
    offsetSecondsAt(wall - DAY_MS, zone.name),
    offsetSecondsAt(wall, zone.name),
    offsetSecondsAt(wall + DAY_MS, zone.name),
  ]);
  const instants: EpochMs[] = [];
  for (const offset of offsets) {
    const at = wall - offset * 1000;
    if (offsetSecondsAt(at, zone.name) === offset && !instants.includes(at)) instants.push(at);
  }
  return instants.sort((a, b) => a - b);
}

/**
 * Where `date` `time` would fall in `zone` had the clocks not changed: the wall clock less the
 * offset in force a day earlier. Only for ordering a time that a spring-forward gap swallowed.
 */
export function nominalInstant(date: CivilDate, time: TimeOfDay, zone: ClockZone): EpochMs {
  const wall = wallAsUtc(date, time);
  if (zone.kind === 'offset') return wall - zone.minutes * 60_000;
  return wall - offsetSecondsAt(wall - DAY_MS, zone.name) * 1000;
}

/** "2017-01-31" */
export function formatCivilDate(date: CivilDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${two(date.month)}-${two(date.day)}`;
}
