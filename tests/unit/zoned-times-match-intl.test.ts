// The export's fast zoned times (one offset lookup per 15-minute window) write exactly what
// Intl's formatToParts says for every instant, across daylight-saving transitions, half-hour
// zones, and a zone whose offset had seconds (local mean time).
import { describe, expect, it } from 'vitest';
import { zonedParts } from '../../src/core/export/timeZone';
import { mulberry32 } from '../support/seededRandom';

function intlParts(at: number, zone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of format.formatToParts(at)) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24;
  return {
    date: `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}`,
    time: `${String(hour).padStart(2, '0')}:${parts.minute}:${parts.second}`,
  };
}

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Paris',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Chatham',
  'Europe/Amsterdam',
];

describe('zoned export times', () => {
  it('match Intl around daylight-saving transitions, second by second and at random', () => {
    // 2026 transitions: New York 8 March 07:00 UTC, Paris 29 March 01:00 UTC, Lord Howe 5 April 15:00 UTC (+11 -> +10:30).
    const around = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 10, 1, 6)];
    const random = mulberry32(7);
    for (const zone of ZONES) {
      const instants: number[] = [];
      for (const t of around) for (let s = -1200; s <= 1200; s += 37) instants.push(t + s * 1000 + 250);
      for (let i = 0; i < 300; i++) instants.push(Math.floor(random() * Date.UTC(2040, 0, 1)));
      for (const at of instants) {
        const fast = zonedParts(at, zone);
        expect({ zone, at, date: fast.date, time: fast.time }).toEqual({ zone, at, ...intlParts(at, zone) });
      }
    }
  });

  it('keeps second offsets of local mean time and a transition off the 15-minute grid (Monrovia, 1972)', () => {
    // Liberia moved from -00:44:30 to GMT at 1972-01-07 00:44:30 UTC.
    const transition = Date.UTC(1972, 0, 7, 0, 44, 30);
    expect(zonedParts(Date.UTC(1971, 5, 1, 12), 'Africa/Monrovia')).toEqual({ date: '1971-06-01', time: '11:15:30', offset: '-00:44:30' });
    expect(zonedParts(transition - 1000, 'Africa/Monrovia')).toEqual({ date: '1972-01-06', time: '23:59:59', offset: '-00:44:30' });
    expect(zonedParts(transition, 'Africa/Monrovia')).toEqual({ date: '1972-01-07', time: '00:44:30', offset: '+00:00' });
    for (let s = -1800; s <= 1800; s += 13) {
      const at = transition + s * 1000;
      const fast = zonedParts(at, 'Africa/Monrovia');
      expect({ at, date: fast.date, time: fast.time }).toEqual({ at, ...intlParts(at, 'Africa/Monrovia') });
    }
  });
});
