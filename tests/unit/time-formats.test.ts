// The one place durations and instants are written (src/core/time): each form byte for byte as the
// formatter it replaced wrote it (the tables), since exports, briefings and shared drafts carry them.
import { describe, expect, it } from 'vitest';
import {
  describeDuration,
  describeMinutes,
  formatDuration,
  formatElapsed,
  formatHoursMinutes,
  formatTimeAgo,
  formatTimer,
  minutesInWords,
} from '../../src/core/time/durations';
import {
  formatClockTime,
  formatDateTime,
  formatUtcDateTime,
  formatUtcTime,
  formatZonedClock,
  fromLocalInputValue,
  toLocalInputValue,
} from '../../src/core/time/instants';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('durations', () => {
  it('compact, as metrics, exports and the review write them', () => {
    const table: [number, string][] = [
      [0, '0s'],
      [999, '0s'],
      [-999, '0s'],
      [45 * S, '45s'],
      [4 * M + 12 * S + 999, '4m 12s'],
      [60 * M - 1, '59m 59s'],
      [H + 5 * M + 59 * S, '1h 05m'],
      [D - 1, '23h 59m'],
      [2 * D + 3 * H + 59 * M, '2d 3h'],
      [-(4 * M + 12 * S), '-4m 12s'],
      [-(2 * D + 3 * H), '-2d 3h'],
    ];
    for (const [ms, text] of table) expect(formatDuration(ms), String(ms)).toBe(text);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
    expect(() => formatDuration(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('to the minute, for time on duty and the handoff briefing', () => {
    const table: [number, string][] = [
      [0, '0m'],
      [-5 * M, '0m'],
      [M - 1, '0m'],
      [12 * M + 59 * S, '12m'],
      [H + 5 * M, '1h 05m'],
      [26 * H + 30 * M, '26h 30m'],
    ];
    for (const [ms, text] of table) expect(formatHoursMinutes(ms), String(ms)).toBe(text);
  });

  it('as a timer, for countdowns and overdue times, without a sign', () => {
    const table: [number, string][] = [
      [0, '0:00'],
      [999, '0:00'],
      [4 * M + 32 * S, '4:32'],
      [-(M + 5 * S), '1:05'],
      [H + 2 * M + 3 * S, '1:02:03'],
      [D + 2 * H, '26:00:00'],
    ];
    for (const [ms, text] of table) expect(formatTimer(ms), String(ms)).toBe(text);
  });

  it('as the incident clock, with days past a day', () => {
    const table: [number, string][] = [
      [-5 * S, '0:00:00'],
      [4 * M + 32 * S, '0:04:32'],
      [H + 2 * M + 3 * S, '1:02:03'],
      [D + 2 * H + 3 * M + 4 * S, '1d 02:03:04'],
      [12 * D + 23 * H + 59 * M + 59 * S + 999, '12d 23:59:59'],
    ];
    for (const [ms, text] of table) expect(formatElapsed(ms), String(ms)).toBe(text);
  });

  it('in words, for status updates', () => {
    const table: [number, string][] = [
      [-M, '0 minutes'],
      [29 * S, '0 minutes'],
      [30 * S, '1 minute'],
      [45 * M, '45 minutes'],
      [H, '1 hour'],
      [H + M, '1 hour 1 minute'],
      [2 * H + 5 * M, '2 hours 5 minutes'],
      [1000 * H, '1000 hours'],
    ];
    for (const [ms, text] of table) expect(describeDuration(ms), String(ms)).toBe(text);
  });

  it('in words from whole minutes, for the timeline and the room policy', () => {
    const words: [number, string][] = [
      [1, '1 minute'],
      [5, '5 minutes'],
      [90, '90 minutes'],
      [1440, '1440 minutes'],
    ];
    for (const [minutes, text] of words) expect(minutesInWords(minutes), String(minutes)).toBe(text);
    const largestUnit: [number, string][] = [
      [1, '1 minute'],
      [30, '30 minutes'],
      [60, '1 hour'],
      [90, '90 minutes'],
      [240, '4 hours'],
      [1440, '1 day'],
      [2 * 1440, '2 days'],
      [1500, '25 hours'],
      [10_080, '7 days'],
    ];
    for (const [minutes, text] of largestUnit) expect(describeMinutes(minutes), String(minutes)).toBe(text);
  });

  it('as time ago, for last-seen times', () => {
    const table: [number, string][] = [
      [-M, 'just now'],
      [M - 1, 'just now'],
      [M, '1m ago'],
      [59 * M, '59m ago'],
      [2 * H + 59 * M, '2h ago'],
      [3 * D + 23 * H, '3d ago'],
    ];
    for (const [ms, text] of table) expect(formatTimeAgo(ms), String(ms)).toBe(text);
  });
});

describe('instants', () => {
  const at = Date.UTC(2025, 2, 12, 13, 52, 41, 500);

  it('in UTC, for texts shared between laptops in different zones', () => {
    expect(formatUtcTime(at)).toBe('13:52 UTC');
    expect(formatUtcDateTime(at)).toBe('2025-03-12 13:52 UTC');
    expect(formatUtcTime(Date.UTC(2025, 0, 1, 0, 0, 59, 999))).toBe('00:00 UTC');
  });

  it('in the zone a status update names, with the date when it is another day there', () => {
    expect(formatZonedClock(at, at, 'UTC')).toBe('13:52 UTC');
    expect(formatZonedClock(at, at, 'Asia/Kolkata')).toBe('19:22 UTC+05:30');
    expect(formatZonedClock(at, at + 15 * H, 'America/New_York')).toBe('2025-03-12 09:52 UTC-04:00');
    expect(formatZonedClock(at + 12 * H, at, 'UTC')).toBe('2025-03-13 01:52 UTC');
  });

  it('in the display zone and locale (English in UTC outside a window), and back from a datetime-local input', () => {
    expect(formatClockTime(at)).toBe('13:52');
    expect(formatDateTime(at)).toBe('Mar 12, 2025, 13:52');
    expect(toLocalInputValue(at)).toBe('2025-03-12T13:52');
    expect(fromLocalInputValue('2025-03-12T13:52')).toBe(Date.UTC(2025, 2, 12, 13, 52));
    // A zone passed explicitly, whatever the machine's.
    expect(toLocalInputValue(at, 'Asia/Tokyo')).toBe('2025-03-12T22:52');
    expect(fromLocalInputValue('2025-03-12T22:52', 'Asia/Tokyo')).toBe(Date.UTC(2025, 2, 12, 13, 52));
    // The New York fall-back hour is read as its first occurrence; the spring-forward gap where it would have been.
    expect(fromLocalInputValue('2025-11-02T01:30', 'America/New_York')).toBe(Date.UTC(2025, 10, 2, 5, 30));
    expect(fromLocalInputValue('2025-03-09T02:30', 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 7, 30));
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('not a time')).toBeNull();
    expect(fromLocalInputValue('2025-02-30T10:00')).toBeNull();
  });
});
