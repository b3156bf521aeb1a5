// Every way Sitrep writes a duration, in one place: metrics, exports, briefings, status updates,
// countdowns and the incident clock. The words are English, like the rest of the app.
// The compact and clock forms are spelled out here because Intl.DurationFormat, which would do
// them, is not in Node 20 (where core runs under the unit tests) and they must read the same in
// exports made anywhere; where Intl has the right tool (plurals, relative times) it is used.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad2 = (n: number): string => String(n).padStart(2, '0');

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
 * review). Truncates toward zero (a duration is never shown as longer than it was); negative
 * durations get a leading "-".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration needs a finite number of milliseconds, got ${ms}.`);
  // "-0s" would read as a typo; under a second either way is just "0s".
  const sign = ms < 0 && Math.abs(ms) >= SECOND ? '-' : '';
  const { days, hours, minutes, seconds } = durationParts(ms);
  if (days > 0) return `${sign}${days}d ${hours}h`;
  if (hours > 0) return `${sign}${hours}h ${pad2(minutes)}m`;
  if (minutes > 0) return `${sign}${minutes}m ${pad2(seconds)}s`;
  return `${sign}${seconds}s`;
}

/** "1h 05m", "12m", "0m": to the minute, for time on duty and the handoff briefing; never negative. */
export function formatHoursMinutes(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours}h ${pad2(minutes % 60)}m` : `${minutes}m`;
}

/** "4:32", or "1:02:03" past an hour: a countdown or an overdue time, whole seconds, sign dropped. */
export function formatTimer(ms: number): string {
  const { days, hours, minutes, seconds } = durationParts(ms);
  const allHours = days * 24 + hours;
  return allHours ? `${allHours}:${pad2(minutes)}:${pad2(seconds)}` : `${minutes}:${pad2(seconds)}`;
}

/** "0:04:32", or "1d 02:03:04" past a day: the incident clock; never negative. */
export function formatElapsed(ms: number): string {
  const { days, hours, minutes, seconds } = durationParts(Math.max(0, ms));
  return days ? `${days}d ${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}` : `${hours}:${pad2(minutes)}:${pad2(seconds)}`;
}

// No grouping: "1000 hours", as the text always read (not "1,000 hours").
const longUnit = (unit: 'day' | 'hour' | 'minute') =>
  new Intl.NumberFormat('en', { style: 'unit', unit, unitDisplay: 'long', useGrouping: false });
const DAYS_IN_WORDS = longUnit('day');
const HOURS_IN_WORDS = longUnit('hour');
const MINUTES_IN_WORDS = longUnit('minute');

/** "5 minutes", "1 minute", "90 minutes": a whole number of minutes, as the timeline says it. */
export function minutesInWords(minutes: number): string {
  return MINUTES_IN_WORDS.format(minutes);
}

/** "30 minutes", "4 hours", "1 day", "90 minutes": whole minutes in the largest unit that divides them (the policy). */
export function describeMinutes(minutes: number): string {
  if (minutes % (24 * 60) === 0) return DAYS_IN_WORDS.format(minutes / (24 * 60));
  if (minutes % 60 === 0) return HOURS_IN_WORDS.format(minutes / 60);
  return MINUTES_IN_WORDS.format(minutes);
}

/** "45 minutes", "1 hour", "2 hours 5 minutes": to the nearest minute, for status updates. */
export function describeDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / MINUTE));
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return MINUTES_IN_WORDS.format(minutes);
  return minutes ? `${HOURS_IN_WORDS.format(hours)} ${MINUTES_IN_WORDS.format(minutes)}` : HOURS_IN_WORDS.format(hours);
}

const TIME_AGO = new Intl.RelativeTimeFormat('en', { style: 'narrow' });

/** "just now", "4m ago", "2h ago", "3d ago": for last-seen times, where seconds would only be noise. */
export function formatTimeAgo(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return TIME_AGO.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return TIME_AGO.format(-hours, 'hour');
  return TIME_AGO.format(-Math.floor(hours / 24), 'day');
}
