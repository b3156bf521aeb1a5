// A time typed in front of a quick entry becomes when it happened; anything that is not clearly a
// time prefix is left as the text it is.
import { describe, expect, it } from 'vitest';
import { parseEntryTimePrefix, readTypedTime } from '../../src/core/entryTime';
import { TimeZoneError } from '../../src/core/export/timeZone';
import { seededRandom } from '../support/seededRandom';

const utc = (iso: string) => Date.parse(iso);
const NOW = utc('2017-01-31T20:00:00Z');

describe('time prefixes that are read', () => {
  const table: [typed: string, zone: string, at: string, text: string, zoneLabel: string][] = [
    ['19:10 replication stopped', 'UTC', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['9:05 paged the DBA', 'UTC', '2017-01-31T09:05:00Z', 'paged the DBA', 'UTC'],
    ['19:10:30 replication stopped', 'UTC', '2017-01-31T19:10:30Z', 'replication stopped', 'UTC'],
    ['19:10:30.250 lag alert', 'UTC', '2017-01-31T19:10:30.250Z', 'lag alert', 'UTC'],
    ['[19:10] replication stopped', 'UTC', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['  19:10 leading spaces go too', 'UTC', '2017-01-31T19:10:00Z', 'leading spaces go too', 'UTC'],
    ['19:10: replication stopped', 'UTC', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['19:10 - replication stopped', 'UTC', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['19:10 — replication stopped', 'UTC', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['2017-01-31 19:10 replication stopped', 'Asia/Tokyo', '2017-01-31T10:10:00Z', 'replication stopped', 'Asia/Tokyo'],
    ['2017/01/31 19:10 replication stopped', 'UTC', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['2017-01-31 19:10Z replication stopped', 'Asia/Tokyo', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['2017-01-31T19:10:00+09:00 replication stopped', 'UTC', '2017-01-31T10:10:00Z', 'replication stopped', 'UTC+09:00'],
    ['2017-01-30T19:10:00-0530 x', 'UTC', '2017-01-31T00:40:00Z', 'x', 'UTC-05:30'],
    ['2017-01-30 19:10:00-05 x', 'UTC', '2017-01-31T00:10:00Z', 'x', 'UTC-05:00'],
    ['19:10:00+01:00 x', 'UTC', '2017-01-31T18:10:00Z', 'x', 'UTC+01:00'],
    ['19:10 UTC replication stopped', 'Europe/Paris', '2017-01-31T19:10:00Z', 'replication stopped', 'UTC'],
    ['19:10 GMT x', 'America/New_York', '2017-01-31T19:10:00Z', 'x', 'UTC'],
    ['19:10 UTC+2 x', 'UTC', '2017-01-31T17:10:00Z', 'x', 'UTC+02:00'],
    ['19:10 UTC-05:30 x', 'UTC', '2017-01-31T00:40:00Z', 'x', 'UTC-05:30'],
    ['19:10Z x', 'Europe/Paris', '2017-01-31T19:10:00Z', 'x', 'UTC'],
    ['04:10 Asia/Tokyo x', 'UTC', '2017-01-31T19:10:00Z', 'x', 'Asia/Tokyo'],
    ['[2017-01-31 19:10 UTC] x', 'Asia/Tokyo', '2017-01-31T19:10:00Z', 'x', 'UTC'],
    ['7:10 pm failover started', 'UTC', '2017-01-31T19:10:00Z', 'failover started', 'UTC'],
    ['7:10pm failover started', 'UTC', '2017-01-31T19:10:00Z', 'failover started', 'UTC'],
    ['7:10 P.M. x', 'UTC', '2017-01-31T19:10:00Z', 'x', 'UTC'],
    ['12:05 am x', 'UTC', '2017-01-31T00:05:00Z', 'x', 'UTC'],
    ['12:05 PM x', 'UTC', '2017-01-31T12:05:00Z', 'x', 'UTC'],
    ['19:10 db/primary failed', 'UTC', '2017-01-31T19:10:00Z', 'db/primary failed', 'UTC'],
    ['19:10 ', 'UTC', '2017-01-31T19:10:00Z', '', 'UTC'],
    ['19:10 レプリケーションが停止', 'Asia/Tokyo', '2017-01-31T10:10:00Z', 'レプリケーションが停止', 'Asia/Tokyo'],
    ['19:10\u3000复制停止了', 'Asia/Shanghai', '2017-01-31T11:10:00Z', '复制停止了', 'Asia/Shanghai'],
    ['[19:10] Мы откатили релиз', 'Europe/Moscow', '2017-01-31T16:10:00Z', 'Мы откатили релиз', 'Europe/Moscow'],
  ];
  for (const [typed, zone, at, text, zoneLabel] of table) {
    it(`${JSON.stringify(typed)} in ${zone}`, () => {
      expect(parseEntryTimePrefix(typed, NOW, zone)).toEqual({ at: utc(at), text, zoneLabel });
    });
  }

  it('keeps the rest of the text exactly, line breaks and all', () => {
    expect(parseEntryTimePrefix('19:10 first line\n  second line ', NOW, 'UTC').text).toBe('first line\n  second line ');
  });
});

describe('a time of day is the most recent one not in the future', () => {
  it('23:50 typed at 00:10 is yesterday', () => {
    const result = parseEntryTimePrefix('23:50 replica fell behind', utc('2017-02-01T00:10:00Z'), 'UTC');
    expect(result.at).toBe(utc('2017-01-31T23:50:00Z'));
  });

  it('reads "today" and "yesterday" on the wall clock of the person typing, not in UTC', () => {
    // 00:10 on 1 February in Tokyo is still 31 January in UTC.
    const now = utc('2017-01-31T15:10:00Z');
    expect(parseEntryTimePrefix('23:50 x', now, 'Asia/Tokyo').at).toBe(utc('2017-01-31T14:50:00Z'));
    expect(parseEntryTimePrefix('00:05 x', now, 'Asia/Tokyo').at).toBe(utc('2017-01-31T15:05:00Z'));
  });

  it('up to a minute ahead counts as now, beyond that it is the previous day', () => {
    expect(parseEntryTimePrefix('20:00:30 x', NOW, 'UTC').at).toBe(utc('2017-01-31T20:00:30Z'));
    expect(parseEntryTimePrefix('20:01 x', NOW, 'UTC').at).toBe(utc('2017-01-31T20:01:00Z'));
    expect(parseEntryTimePrefix('20:01:01 x', NOW, 'UTC').at).toBe(utc('2017-01-30T20:01:01Z'));
    // Across midnight: at 23:59:30, "00:00" is 30 s ahead, so it is tomorrow's midnight.
    expect(parseEntryTimePrefix('00:00 x', utc('2017-01-31T23:59:30Z'), 'UTC').at).toBe(utc('2017-02-01T00:00:00Z'));
  });

  it("a time of day in a stated zone is the most recent one on that zone's clock", () => {
    // 20:00 UTC is 05:00 on 1 February in Tokyo; 06:00 Tokyo time has not come yet today.
    expect(parseEntryTimePrefix('06:00 Asia/Tokyo x', NOW, 'UTC').at).toBe(utc('2017-01-30T21:00:00Z'));
    expect(parseEntryTimePrefix('04:59 Asia/Tokyo x', NOW, 'UTC').at).toBe(utc('2017-01-31T19:59:00Z'));
  });
});

describe('clock changes', () => {
  // Europe/London went from 01:00 GMT to 02:00 BST on 30 March 2025; New York went back from
  // 02:00 EDT to 01:00 EST on 2 November 2025.
  const londonSpring = utc('2025-03-30T09:00:00Z');

  it('reads times either side of a spring-forward gap with the offset in force then', () => {
    expect(parseEntryTimePrefix('00:30 x', londonSpring, 'Europe/London').at).toBe(utc('2025-03-30T00:30:00Z'));
    expect(parseEntryTimePrefix('02:30 x', londonSpring, 'Europe/London').at).toBe(utc('2025-03-30T01:30:00Z'));
    expect(parseEntryTimePrefix('09:30 x', londonSpring, 'Europe/London').at).toBe(utc('2025-03-30T08:30:00Z'));
    // 23:50 the evening before, still GMT.
    expect(parseEntryTimePrefix('23:50 x', londonSpring, 'Europe/London').at).toBe(utc('2025-03-29T23:50:00Z'));
  });

  it('refuses a wall time that the gap skipped rather than guessing an hour', () => {
    const result = parseEntryTimePrefix('01:30 x', londonSpring, 'Europe/London');
    expect(result.at).toBeNull();
    expect(result.text).toBe('01:30 x');
    expect(result.problem).toMatch(/2025-03-30 01:30 did not happen in Europe\/London/);
    expect(parseEntryTimePrefix('2025-03-30 01:30 x', londonSpring, 'Europe/London').problem).toMatch(/did not happen/);
    // The gap is in London, not in UTC.
    expect(parseEntryTimePrefix('01:30 UTC x', londonSpring, 'Europe/London').at).toBe(utc('2025-03-30T01:30:00Z'));
  });

  it('in a fall-back overlap a time of day is the latest reading not in the future, a dated one the first', () => {
    const newYork = utc('2025-11-02T12:00:00Z'); // 07:00 EST
    expect(parseEntryTimePrefix('01:30 x', newYork, 'America/New_York').at).toBe(utc('2025-11-02T06:30:00Z'));
    expect(parseEntryTimePrefix('2025-11-02 01:30 x', newYork, 'America/New_York').at).toBe(utc('2025-11-02T05:30:00Z'));
    // Typed during the first 01:xx (EDT), the second 01:30 is still ahead, so it is the first one.
    expect(parseEntryTimePrefix('01:30 x', utc('2025-11-02T05:45:00Z'), 'America/New_York').at).toBe(utc('2025-11-02T05:30:00Z'));
    expect(parseEntryTimePrefix('00:30 x', newYork, 'America/New_York').at).toBe(utc('2025-11-02T04:30:00Z'));
    expect(parseEntryTimePrefix('03:00 x', newYork, 'America/New_York').at).toBe(utc('2025-11-02T08:00:00Z'));
  });
});

describe('text that is not a time prefix is left alone', () => {
  const table = [
    '1910 deploy',
    '19:10am-ish we saw errors',
    '19:10 am-ish we saw errors',
    '10:00-11:00 window',
    '10:00 - 11:00 window',
    '10:00–11:00 window',
    '19:10/19:20 both failed',
    '19:10.5 seconds',
    '1:2:3 go',
    '3:4 split',
    '19:10',
    '[19:10]',
    '[19:10 forgot the bracket',
    '19:10x y',
    '19:10x',
    'at 19:10 replication stopped',
    '31/01 19:10 x',
    '2017-01-31 deploy',
    '2017/01-31 19:10 mixed separators',
    '',
    '   ',
    '::',
    '19:10:3 x',
  ];
  for (const typed of table) {
    it(JSON.stringify(typed), () => {
      expect(parseEntryTimePrefix(typed, NOW, 'UTC')).toEqual({ at: null, text: typed });
    });
  }

  it('keeps a word that only looks like a zone as text', () => {
    expect(parseEntryTimePrefix('19:10 DB failover', NOW, 'UTC')).toEqual({
      at: utc('2017-01-31T19:10:00Z'),
      text: 'DB failover',
      zoneLabel: 'UTC',
    });
  });
});

describe('time prefixes that are refused, with a reason', () => {
  const table: [typed: string, problem: RegExp][] = [
    ['25:00 deploy', /25:00 is not a time of day/],
    ['19:60 deploy', /19:60 is not a time of day/],
    ['2017-02-30 10:00 deploy', /2017-02-30 is not a date/],
    ['2017/02/30 10:00 deploy', /2017\/02\/30 is not a date/],
    ['13:10 pm deploy', /with am or pm the hour is 1 to 12/],
    ['0:10 am deploy', /with am or pm the hour is 1 to 12/],
    ['19:10 PST deploy', /PST names more than one time zone/],
    ['[19:10 IST] deploy', /IST names more than one time zone/],
    ['19:10 UTC+15 deploy', /\+15 is not a UTC offset/],
    ['2017-02-01 19:10Z deploy', /^That time is 23 hours 10 minutes from now/],
    ['2017-01-31 20:01:01Z deploy', /^That time is 1 minute from now/],
  ];
  for (const [typed, problem] of table) {
    it(JSON.stringify(typed), () => {
      const result = parseEntryTimePrefix(typed, NOW, 'UTC');
      expect(result.at).toBeNull();
      expect(result.text).toBe(typed);
      expect(result.problem).toMatch(problem);
    });
  }

  it('allows a dated time up to a minute ahead', () => {
    expect(parseEntryTimePrefix('2017-01-31 20:00:59Z x', NOW, 'UTC').at).toBe(utc('2017-01-31T20:00:59Z'));
  });
});

describe('inputs from elsewhere', () => {
  it("a zone Intl does not know is the caller's mistake and throws", () => {
    expect(() => parseEntryTimePrefix('19:10 x', NOW, 'Mars/Olympus_Mons')).toThrow(TimeZoneError);
  });

  it('a megabyte of random characters neither throws nor takes a time from nowhere', () => {
    const random = seededRandom(11);
    const alphabet = '0123456789:[]- ZTUCapm+\n\u0000\uFFFD日本語ёж';
    for (let round = 0; round < 5; round += 1) {
      let garbage = '';
      while (garbage.length < 200_000) garbage += alphabet[Math.floor(random.next() * alphabet.length)];
      const result = parseEntryTimePrefix(garbage, NOW, 'UTC');
      if (result.at === null) expect(result.text).toBe(garbage);
      else expect(garbage.endsWith(result.text)).toBe(true);
    }
    const zeros = '\u0000'.repeat(1_000_000);
    expect(parseEntryTimePrefix(zeros, NOW, 'UTC')).toEqual({ at: null, text: zeros });
    const spaces = `${' '.repeat(1_000_000)}x`;
    expect(parseEntryTimePrefix(spaces, NOW, 'UTC')).toEqual({ at: null, text: spaces });
  });

  it('readTypedTime reports how much it read, so a log reader can go on from there', () => {
    expect(readTypedTime('[2017-01-31T19:10:00Z] bob: hi', 1)).toMatchObject({ length: 20, time: { zoneLabel: 'UTC' } });
    expect(readTypedTime('7:10 PM', 0)).toMatchObject({ length: 7, time: { twelveHour: true, time: { hour: 19 } } });
    expect(readTypedTime('no time here', 0)).toBeNull();
  });
});
