// Back-fill from a log: each layout people paste (Slack, timestamped lines, CSV) becomes preview
// lines with their own time, author as written and kind; nothing is dropped, nothing throws.
import { describe, expect, it } from 'vitest';
import { type BackfillLine, comparableName, guessEntryKind, matchAuthorToRoster, parseBackfillLog } from '../../src/core/backfill';
import { readCsv } from '../../src/core/backfill/csv';
import { TimeZoneError } from '../../src/core/export/timeZone';
import { seededRandom } from '../support/seededRandom';

const utc = (iso: string) => Date.parse(iso);
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const INCIDENT_START = utc('2017-01-31T22:50:00Z');
const inUtc = { reference: INCIDENT_START, zone: 'UTC' };

/** The fields a preview shows, with times as ISO strings so failures read. */
function rows(lines: readonly BackfillLine[]) {
  return lines.map((line) => ({
    line: line.lineNumber,
    at: iso(line.at),
    author: line.authorName,
    text: line.text,
    kind: line.kind,
    ...(line.problem ? { problem: line.problem } : {}),
  }));
}

describe('text copied from Slack', () => {
  // As Slack's desktop app copies a conversation on a 12-hour clock: the name, the time indented
  // on its own line, trailing spaces, blank lines between authors, bare times for follow-ups.
  const copied = [
    'Ana Lima  ',
    '  10:58 PM  ',
    'replication lag alert on db2 is firing  ',
    '10:59  ',
    'lag is 4 GB and growing  ',
    'still growing  ',
    '  ',
    '  ',
    'Kenji Sato  ',
    '  11:02 PM  ',
    'looking. db2 stopped replaying WAL (edited)  ',
    '  ',
    'Ольга Иванова  ',
    '  11:40 PM  ',
    'Мы решили остановить репликацию и пересоздать db2',
    '11:58',
    'перезапустил pgbouncer',
    '',
    '佐藤 健二',
    '  12:03 AM',
    'db2 のデータディレクトリを削除すると決定',
    '12:10',
    'ok',
  ].join('\n');

  it('reads authors, times, continuations and multi-line messages, past midnight', () => {
    const reading = parseBackfillLog(copied, inUtc);
    expect(reading.formats).toEqual(['slack']);
    expect(reading.problem).toBeUndefined();
    expect(rows(reading.lines)).toEqual([
      { line: 1, at: '2017-01-31T22:58:00.000Z', author: 'Ana Lima', text: 'replication lag alert on db2 is firing', kind: 'note' },
      { line: 4, at: '2017-01-31T22:59:00.000Z', author: 'Ana Lima', text: 'lag is 4 GB and growing\nstill growing', kind: 'note' },
      { line: 9, at: '2017-01-31T23:02:00.000Z', author: 'Kenji Sato', text: 'looking. db2 stopped replaying WAL', kind: 'note' },
      {
        line: 13,
        at: '2017-01-31T23:40:00.000Z',
        author: 'Ольга Иванова',
        text: 'Мы решили остановить репликацию и пересоздать db2',
        kind: 'decision',
      },
      { line: 16, at: '2017-01-31T23:58:00.000Z', author: 'Ольга Иванова', text: 'перезапустил pgbouncer', kind: 'action' },
      { line: 19, at: '2017-02-01T00:03:00.000Z', author: '佐藤 健二', text: 'db2 のデータディレクトリを削除すると決定', kind: 'decision' },
      { line: 22, at: '2017-02-01T00:10:00.000Z', author: '佐藤 健二', text: 'ok', kind: 'note' },
    ]);
  });

  it('a follow-up time without am/pm takes the half of the day nearest the message before it', () => {
    const text = ['Wei Zhang', '  11:58 AM', 'before noon', '12:01', 'after noon', '1:15', 'an hour later'].join('\n');
    expect(rows(parseBackfillLog(text, { reference: utc('2017-01-31T09:00:00Z'), zone: 'UTC' }).lines).map((row) => row.at)).toEqual([
      '2017-01-31T11:58:00.000Z',
      '2017-01-31T12:01:00.000Z',
      '2017-01-31T13:15:00.000Z',
    ]);
  });

  it('reads a 24-hour Slack, the name and time on one line, and the older bracketed time', () => {
    const text = [
      'Ana Lima  19:10',
      'failover started',
      '19:12',
      'failover done',
      '',
      'Kenji Sato [7:14 PM]',
      'confirmed',
      '',
      'PagerDuty APP  7:15 PM',
      'Resolved: db2 lag',
    ].join('\n');
    const reading = parseBackfillLog(text, { reference: utc('2017-01-31T19:00:00Z'), zone: 'UTC' });
    expect(reading.formats).toEqual(['slack']);
    expect(rows(reading.lines).map(({ at, author, text: message }) => [at, author, message])).toEqual([
      ['2017-01-31T19:10:00.000Z', 'Ana Lima', 'failover started'],
      ['2017-01-31T19:12:00.000Z', 'Ana Lima', 'failover done'],
      ['2017-01-31T19:14:00.000Z', 'Kenji Sato', 'confirmed'],
      ['2017-01-31T19:15:00.000Z', 'PagerDuty', 'Resolved: db2 lag'],
    ]);
  });

  it("Slack's date dividers separate runs and date the messages under them", () => {
    const text = [
      'Ana Lima',
      '  11:50 PM',
      'before midnight',
      'Today',
      '',
      'Wednesday, February 1st',
      '',
      'Kenji Sato',
      '  12:10 AM',
      'after midnight',
      '',
      'Friday, March 3rd, 2017',
      'Ana Lima',
      '  9:00 AM',
      'a month later',
      '9:05',
      'and five minutes',
    ].join('\n');
    const reading = parseBackfillLog(text, inUtc);
    expect(reading.formats).toEqual(['slack']);
    expect(rows(reading.lines).map(({ line, at, author, text: message }) => [line, at, author, message])).toEqual([
      // "Today" straight under a message is that message's text, not a divider.
      [1, '2017-01-31T23:50:00.000Z', 'Ana Lima', 'before midnight\nToday'],
      [8, '2017-02-01T00:10:00.000Z', 'Kenji Sato', 'after midnight'],
      [13, '2017-03-03T09:00:00.000Z', 'Ana Lima', 'a month later'],
      [16, '2017-03-03T09:05:00.000Z', 'Ana Lima', 'and five minutes'],
    ]);
  });

  it('a divider without a year takes the year nearest the line above', () => {
    const text = [
      'Sunday, December 31st',
      '',
      'Ana Lima',
      '  11:50 PM',
      'old year',
      '',
      'Monday, January 1st',
      '',
      'Ana Lima',
      '  12:05 AM',
      'new year',
    ].join('\n');
    const lines = parseBackfillLog(text, { reference: utc('2017-12-31T20:00:00Z'), zone: 'UTC' }).lines;
    expect(lines.map((line) => iso(line.at))).toEqual(['2017-12-31T23:50:00.000Z', '2018-01-01T00:05:00.000Z']);
  });

  it('keeps text before the first time as its own line with a problem, and a time that is not one', () => {
    const text = ['Pasted from #incident-db2:', '', 'Ana Lima', '  7:10 PM', 'first', '7:70', 'second'].join('\n');
    expect(rows(parseBackfillLog(text, { reference: utc('2017-01-31T19:00:00Z'), zone: 'UTC' }).lines)).toEqual([
      { line: 1, at: null, author: null, text: 'Pasted from #incident-db2:', kind: 'note', problem: 'No time at the start of this line.' },
      { line: 3, at: '2017-01-31T19:10:00.000Z', author: 'Ana Lima', text: 'first', kind: 'note' },
      { line: 6, at: null, author: 'Ana Lima', text: 'second', kind: 'note', problem: '"7:70" is not a time.' },
    ]);
  });
});

describe('lines that start with a time', () => {
  it('reads each layout and reports which it saw', () => {
    const text = [
      '[22:58] ana: replication lag alert on db2',
      '[22:59:30] Kenji Sato: looking',
      '23:02 olga: db2 stopped replaying WAL',
      '23:05 <wei> 看到了，复制停止了',
      '23:06 <@kenji> we decided to fail over to db1',
      '2017-01-31T23:10:00Z ana: failover started',
      '2017-01-31 23:12:00 Ольга: перезапустил pgbouncer',
      '23:15: traffic back on db1',
      '23:16 - Decision: keep db2 out until rebuilt',
    ].join('\n');
    const reading = parseBackfillLog(text, inUtc);
    expect(reading.formats).toEqual(['bracketed-time', 'time-of-day', 'iso-timestamp', 'irc']);
    expect(rows(reading.lines)).toEqual([
      { line: 1, at: '2017-01-31T22:58:00.000Z', author: 'ana', text: 'replication lag alert on db2', kind: 'note' },
      { line: 2, at: '2017-01-31T22:59:30.000Z', author: 'Kenji Sato', text: 'looking', kind: 'note' },
      { line: 3, at: '2017-01-31T23:02:00.000Z', author: 'olga', text: 'db2 stopped replaying WAL', kind: 'note' },
      { line: 4, at: '2017-01-31T23:05:00.000Z', author: 'wei', text: '看到了，复制停止了', kind: 'note' },
      { line: 5, at: '2017-01-31T23:06:00.000Z', author: 'kenji', text: 'we decided to fail over to db1', kind: 'decision' },
      { line: 6, at: '2017-01-31T23:10:00.000Z', author: 'ana', text: 'failover started', kind: 'note' },
      { line: 7, at: '2017-01-31T23:12:00.000Z', author: 'Ольга', text: 'перезапустил pgbouncer', kind: 'action' },
      { line: 8, at: '2017-01-31T23:15:00.000Z', author: null, text: 'traffic back on db1', kind: 'note' },
      { line: 9, at: '2017-01-31T23:16:00.000Z', author: null, text: 'Decision: keep db2 out until rebuilt', kind: 'decision' },
    ]);
  });

  it('a name is a short name before a colon; a sentence with a colon stays text', () => {
    const text = [
      '19:10 replication stopped on db-2: failover started',
      '19:11 山田：ロールバックしました',
      '19:12 see https://status.example/incident: updated',
      '19:13 Root cause: disk full',
    ].join('\n');
    expect(
      rows(parseBackfillLog(text, { reference: utc('2017-01-31T19:00:00Z'), zone: 'UTC' }).lines).map((row) => [row.author, row.text]),
    ).toEqual([
      [null, 'replication stopped on db-2: failover started'],
      ['山田', 'ロールバックしました'],
      [null, 'see https://status.example/incident: updated'],
      [null, 'Root cause: disk full'],
    ]);
  });

  it('lines without a time continue the message above, blank lines kept as one paragraph break', () => {
    const text = ['[19:10] ana: restarted db2 with', '  wal_keep_segments = 256', '', '', 'and it came back', '[19:20] kenji: ok'].join(
      '\n',
    );
    const lines = parseBackfillLog(text, { reference: utc('2017-01-31T19:00:00Z'), zone: 'UTC' }).lines;
    expect(lines.map((line) => line.text)).toEqual(['restarted db2 with\n  wal_keep_segments = 256\n\nand it came back', 'ok']);
    expect(lines[0]!.kind).toBe('action');
  });

  it('a time that cannot be read gets a problem and keeps its place; the next line is still placed', () => {
    const text = [
      '[19:10] ana: one',
      '[19:1O] bob: two',
      '25:70 carol: three',
      '19:12 PST dave: four',
      '[19:20] erin: five',
      '[INFO] continues five',
    ].join('\n');
    expect(rows(parseBackfillLog(text, { reference: utc('2017-01-31T19:00:00Z'), zone: 'UTC' }).lines)).toEqual([
      { line: 1, at: '2017-01-31T19:10:00.000Z', author: 'ana', text: 'one', kind: 'note' },
      { line: 2, at: null, author: 'bob', text: 'two', kind: 'note', problem: '"[19:1O]" is not a time.' },
      { line: 3, at: null, author: 'carol', text: 'three', kind: 'note', problem: '25:70 is not a time of day.' },
      {
        line: 4,
        at: null,
        author: 'dave',
        text: 'four',
        kind: 'note',
        problem: 'PST names more than one time zone. Write UTC, an offset such as +09:00, or a zone name such as America/New_York.',
      },
      { line: 5, at: '2017-01-31T19:20:00.000Z', author: 'erin', text: 'five\n[INFO] continues five', kind: 'note' },
    ]);
  });
});

describe('placing times of day on the calendar', () => {
  it('a time more than 12 hours before the line above is the next day; a few minutes out of order is not', () => {
    const text = [
      '[23:50] a: x',
      '[23:58] a: x',
      '[23:55] a: late note',
      '[00:10] a: x',
      '[02:00] a: x',
      '[01:59] a: x',
      '[13:30] a: x',
    ].join('\n');
    expect(parseBackfillLog(text, inUtc).lines.map((line) => iso(line.at))).toEqual([
      '2017-01-31T23:50:00.000Z',
      '2017-01-31T23:58:00.000Z',
      '2017-01-31T23:55:00.000Z',
      '2017-02-01T00:10:00.000Z',
      '2017-02-01T02:00:00.000Z',
      '2017-02-01T01:59:00.000Z',
      '2017-02-01T13:30:00.000Z',
    ]);
  });

  it('the first time of day is on the reference day unless that is more than 12 hours before it', () => {
    const log = '[00:05] a: x';
    expect(iso(parseBackfillLog(log, { reference: utc('2017-01-31T23:30:00Z'), zone: 'UTC' }).lines[0]!.at)).toBe(
      '2017-02-01T00:05:00.000Z',
    );
    expect(iso(parseBackfillLog('[08:55] a: x', { reference: utc('2017-01-31T09:00:00Z'), zone: 'UTC' }).lines[0]!.at)).toBe(
      '2017-01-31T08:55:00.000Z',
    );
  });

  it('reads times of day in the zone given, and a stated zone or date wins', () => {
    const text = ['[19:10] a: Tokyo time', '[19:10Z] a: UTC', '2017-02-01T10:00:00+09:00 a: offset', '[19:30] a: Tokyo again'].join('\n');
    const lines = parseBackfillLog(text, { reference: utc('2017-01-31T09:00:00Z'), zone: 'Asia/Tokyo' }).lines;
    expect(lines.map((line) => iso(line.at))).toEqual([
      '2017-01-31T10:10:00.000Z',
      '2017-01-31T19:10:00.000Z',
      '2017-02-01T01:00:00.000Z',
      // After 10:00 on 1 February in Tokyo, 19:30 is later that day.
      '2017-02-01T10:30:00.000Z',
    ]);
  });

  it('follows Europe/London back from BST to GMT: the second 01:10 comes after the first 01:50', () => {
    const text = [
      '[00:50] a: BST',
      '[01:50] a: BST, ten minutes before the change',
      '[01:10] a: GMT, after the clocks went back',
      '[01:40] a: GMT',
      '[02:10] a: GMT',
    ].join('\n');
    const lines = parseBackfillLog(text, { reference: utc('2025-10-25T23:00:00Z'), zone: 'Europe/London' }).lines;
    expect(lines.map((line) => iso(line.at))).toEqual([
      '2025-10-25T23:50:00.000Z',
      '2025-10-26T00:50:00.000Z',
      '2025-10-26T01:10:00.000Z',
      '2025-10-26T01:40:00.000Z',
      '2025-10-26T02:10:00.000Z',
    ]);
  });

  it("flags a time that New York's spring-forward gap skipped, and places the next line from the one before it", () => {
    const text = ['[01:50] a: EST', '[02:30] a: does not exist', '[03:05] a: EDT'].join('\n');
    expect(rows(parseBackfillLog(text, { reference: utc('2025-03-09T06:00:00Z'), zone: 'America/New_York' }).lines)).toEqual([
      { line: 1, at: '2025-03-09T06:50:00.000Z', author: 'a', text: 'EST', kind: 'note' },
      {
        line: 2,
        at: null,
        author: 'a',
        text: 'does not exist',
        kind: 'note',
        problem: '2025-03-09 02:30 did not happen in America/New_York: the clocks went forward over it.',
      },
      { line: 3, at: '2025-03-09T07:05:00.000Z', author: 'a', text: 'EDT', kind: 'note' },
    ]);
  });
});

describe('CSV and tab-separated tables', () => {
  it('finds the columns by their header in any order, with quoted commas, quotes and line breaks', () => {
    const csv = [
      'Message,Kind,Author,Time (UTC)',
      '"lag alert, db2",,Ana Lima,2017-01-31 22:58',
      '"Kenji said ""stop replication""',
      'and paged the DBA",fact,Kenji Sato,22:59:30',
      'Мы решили пересоздать db2,,Ольга Иванова,23:40',
      'restarted pgbouncer,action,,00:05',
    ].join('\r\n');
    const reading = parseBackfillLog(csv, { reference: INCIDENT_START, zone: 'Asia/Tokyo' });
    expect(reading.formats).toEqual(['csv']);
    expect(rows(reading.lines)).toEqual([
      { line: 2, at: '2017-01-31T22:58:00.000Z', author: 'Ana Lima', text: 'lag alert, db2', kind: 'note' },
      {
        line: 3,
        at: '2017-01-31T22:59:30.000Z',
        author: 'Kenji Sato',
        text: 'Kenji said "stop replication"\nand paged the DBA',
        kind: 'fact',
      },
      { line: 5, at: '2017-01-31T23:40:00.000Z', author: 'Ольга Иванова', text: 'Мы решили пересоздать db2', kind: 'decision' },
      { line: 6, at: '2017-02-01T00:05:00.000Z', author: null, text: 'restarted pgbouncer', kind: 'action' },
    ]);
  });

  it('reads a copied spreadsheet range (tabs), semicolons, and separate date and time columns', () => {
    const tsv = ['who\twhen\ttext', 'ana\t2017-01-31T23:00:00Z\tone', 'kenji\t23:01\ttwo'].join('\n');
    expect(rows(parseBackfillLog(tsv, inUtc).lines).map((row) => [row.author, row.at, row.text])).toEqual([
      ['ana', '2017-01-31T23:00:00.000Z', 'one'],
      ['kenji', '2017-01-31T23:01:00.000Z', 'two'],
    ]);
    const semicolons = ['date;time;name;note', '2017-02-01;00:15;wei;三'].join('\n');
    expect(rows(parseBackfillLog(semicolons, { reference: INCIDENT_START, zone: 'Asia/Shanghai' }).lines)).toEqual([
      { line: 2, at: '2017-01-31T16:15:00.000Z', author: 'wei', text: '三', kind: 'note' },
    ]);
  });

  it('a row whose time cannot be read keeps its place with a problem; an unclosed quote is reported', () => {
    const csv = ['time,author,text', '31/01/2017 19:10,ana,one', ',kenji,two', '23:00,olga,"three', 'never closed'].join('\n');
    const reading = parseBackfillLog(csv, inUtc);
    expect(reading.problem).toBe('A quote opened on line 4 is never closed.');
    expect(rows(reading.lines)).toEqual([
      {
        line: 2,
        at: null,
        author: 'ana',
        text: 'one',
        kind: 'note',
        problem: '"31/01/2017 19:10" is not a time (write 19:10, 2017-01-31 19:10 or 2017-01-31T19:10:00Z).',
      },
      { line: 3, at: null, author: 'kenji', text: 'two', kind: 'note', problem: 'The time cell is empty.' },
      { line: 4, at: '2017-01-31T23:00:00.000Z', author: 'olga', text: 'three\nnever closed', kind: 'note' },
    ]);
  });

  it('a first line that names no time and text column is not a table', () => {
    const reading = parseBackfillLog('Timeline, as we remember it\n[19:10] ana: one', {
      reference: utc('2017-01-31T19:00:00Z'),
      zone: 'UTC',
    });
    expect(reading.formats).toEqual(['bracketed-time']);
    expect(reading.lines).toHaveLength(2);
  });

  it('the RFC 4180 reader handles CR, CRLF, empty fields and text after a closing quote', () => {
    expect(readCsv('a,b\r\n"x ""y""",\r"1\r\n2"z,3\n\n', ',')).toEqual({
      records: [
        { lineNumber: 1, fields: ['a', 'b'] },
        { lineNumber: 2, fields: ['x "y"', ''] },
        { lineNumber: 3, fields: ['1\r\n2z', '3'] },
      ],
    });
  });
});

describe("a postmortem timeline played in from a scribe's log", () => {
  // Our own lines in the style of a public database-outage postmortem timeline: four people,
  // several hours, across midnight UTC, with a scribe's unattributed notes among them.
  const timeline = `Timeline (all times UTC)

[21:00] Ana Lima: spam wave raises load on the primary database
[21:15] Ana Lima: started removing the spam users' data
[22:58] Kenji Sato: replication lag alert on db2
[23:00] Kenji Sato: db2 has stopped replaying WAL, 4 GB behind
[23:05] Ольга Иванова: decided to rebuild db2 from db1
[23:10] Ольга Иванова: stopped replication, db2 data directory to be wiped
[23:20] 张伟: pg_basebackup fails: too many connections
[23:25] 张伟: raised max_connections on db1 to 8000 and restarted postgres
[23:27]: pg_basebackup appears to hang with no output
[23:30] Kenji Sato: deleted the data directory on what turned out to be db1
[23:31] Kenji Sato: stopped the delete, only about 4 GB left
[23:35] Ana Lima: site is down, status page updated
[23:40] Ольга Иванова: decision: restore from the staging snapshot taken six hours ago
[23:47] 张伟: regular backups: none found in the bucket
[23:58] 张伟: the disk snapshots were never enabled for db hosts
[00:05] Ana Lima: copying the staging snapshot to production,
  estimated 18 hours at current disk speed
[00:30] Kenji Sato: moved the copy to a faster volume class
[01:10] Ольга Иванова: decided to post a public status note every hour
[02:00] Ana Lima: status note posted
[03:15] 张伟: copy at 20 %
[05:40] Kenji Sato: copy at 60 %
[08:20] 张伟: copy complete, starting postgres on db1
[08:40] Kenji Sato: postgres up, reindexing
[09:30] Ana Lima: webhooks re-enabled
[10:10] Ольга Иванова: site back in read-write mode
[10:15] Ольга Иванова: rolled back the max_connections change
[10:30] Ana Lima: confirmed issues and merge requests since the snapshot are lost
[11:00] 张伟: restarted the backup job, first run verified
[11:30] Ана: closing the incident
[12:00] Kenji Sato: follow-ups filed
`;

  it('gives 30 events plus the heading, in source order, with their own times and authors', () => {
    const reading = parseBackfillLog(timeline, { reference: utc('2017-01-31T21:00:00Z'), zone: 'UTC' });
    expect(reading.formats).toEqual(['bracketed-time']);
    const [heading, ...events] = reading.lines;
    expect(heading).toMatchObject({ lineNumber: 1, at: null, problem: 'No time at the start of this line.' });
    expect(events).toHaveLength(30);
    for (const event of events) expect(event.problem).toBeUndefined();
    const times = events.map((event) => event.at!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(iso(times[0]!)).toBe('2017-01-31T21:00:00.000Z');
    expect(iso(times[29]!)).toBe('2017-02-01T12:00:00.000Z');
    expect(new Set(events.map((event) => event.authorName))).toEqual(
      new Set(['Ana Lima', 'Kenji Sato', 'Ольга Иванова', '张伟', null, 'Ана']),
    );
    expect(events[15]).toMatchObject({
      at: utc('2017-02-01T00:05:00Z'),
      text: 'copying the staging snapshot to production,\n  estimated 18 hours at current disk speed',
    });
    expect(events.filter((event) => event.kind === 'decision').map((event) => event.text)).toEqual([
      'decided to rebuild db2 from db1',
      'decision: restore from the staging snapshot taken six hours ago',
      'decided to post a public status note every hour',
    ]);
    expect(
      events
        .filter((event) => event.kind === 'action')
        .map((event) => event.at)
        .map(iso),
    ).toEqual(['2017-01-31T23:25:00.000Z', '2017-02-01T10:15:00.000Z', '2017-02-01T11:00:00.000Z']);
  });

  it("maps the log's names to the roster, first names and other scripts included", () => {
    const roster = [
      { id: 'p-ana', name: 'Ana Lima' },
      { id: 'p-kenji', name: 'Kenji Satō' },
      { id: 'p-olga', name: 'Ольга Иванова' },
      { id: 'p-wei', name: '张伟' },
    ];
    const reading = parseBackfillLog(timeline, { reference: utc('2017-01-31T21:00:00Z'), zone: 'UTC' });
    const names = [...new Set(reading.lines.map((line) => line.authorName).filter((name): name is string => name !== null))];
    expect(Object.fromEntries(names.map((name) => [name, matchAuthorToRoster(name, roster)]))).toEqual({
      'Ana Lima': 'p-ana',
      'Kenji Sato': 'p-kenji',
      'Ольга Иванова': 'p-olga',
      张伟: 'p-wei',
      // A Cyrillic "Ана" is not the Latin "Ana": a different name until the preview says otherwise.
      Ана: null,
    });
  });
});

describe('matching authors to the roster', () => {
  const roster = [
    { id: 'ana', name: 'Ana Lima' },
    { id: 'ana2', name: 'Ana Souza' },
    { id: 'kenji', name: 'Kenji Satō' },
    { id: 'olga', name: 'Ольга Ёлкина' },
    { id: 'taro', name: '山田 太郎' },
    { id: 'jurgen', name: 'Jürgen Groß' },
    { id: 'wei', name: 'Wei' },
    { id: 'hanako', name: 'ハナコ' },
  ];
  const table: [written: string, id: string | null][] = [
    ['Ana Lima', 'ana'],
    ['  ana   LIMA ', 'ana'],
    ['Ána Líma', 'ana'],
    ['@ana.lima', 'ana'],
    ['ana_lima', 'ana'],
    ['Ａｎａ Ｌｉｍａ', 'ana'],
    ['Ana', null],
    ['Kenji', 'kenji'],
    ['kenji sato', 'kenji'],
    ['ольга елкина', 'olga'],
    ['Ольга', 'olga'],
    ['山田太郎', 'taro'],
    ['山田', 'taro'],
    ['JURGEN GROSS', 'jurgen'],
    ['Wei Zhang', 'wei'],
    ['バナコ', null],
    ['Bob', null],
    ['', null],
    ['   ', null],
    ['@', null],
  ];
  for (const [written, id] of table) {
    it(`${JSON.stringify(written)} -> ${id}`, () => expect(matchAuthorToRoster(written, roster)).toBe(id));
  }

  it('two roster entries with the same name are ambiguous; one person listed twice is not', () => {
    expect(
      matchAuthorToRoster('Sam', [
        { id: 'a', name: 'Sam' },
        { id: 'b', name: 'sam' },
      ]),
    ).toBeNull();
    expect(
      matchAuthorToRoster('Sam', [
        { id: 'a', name: 'Sam' },
        { id: 'a', name: 'Sam' },
      ]),
    ).toBe('a');
    expect(
      matchAuthorToRoster('Sam', [
        { id: 'a', name: 'Sam' },
        { id: 'b', name: 'Sam Fox' },
      ]),
    ).toBe('a');
  });

  it('compares names NFKC, case folded and without accents', () => {
    expect(comparableName('  Ｊürgen  GROß ')).toBe('jurgen gross');
  });
});

describe('guessing the kind', () => {
  const table: [string, string][] = [
    ['we decided to fail over', 'decision'],
    ['Decision: keep db2 out', 'decision'],
    ['rolled back the deploy', 'action'],
    ['Restarted pgbouncer', 'action'],
    ['deployed the fix', 'action'],
    ['ロールバックしました', 'action'],
    ['决定回滚', 'decision'],
    ['решили откатить', 'decision'],
    ['lag is 4 GB', 'note'],
    ['we will deploy later', 'note'],
  ];
  for (const [text, kind] of table) it(text, () => expect(guessEntryKind(text)).toBe(kind));
});

describe('input that is not a log', () => {
  it('empty input gives no lines and no formats', () => {
    for (const text of ['', '\n\n', '   \r\n', '\uFEFF']) expect(parseBackfillLog(text, inUtc)).toEqual({ lines: [], formats: [] });
  });

  it('a megabyte of random text is read without throwing, every line kept with a time or a problem', () => {
    const random = seededRandom(3);
    const alphabet = 'abc ÅЖ日:019[]<>"\n,\t;-';
    let text = '';
    while (text.length < 1_000_000) text += alphabet[random.int(0, alphabet.length - 1)];
    const reading = parseBackfillLog(text, inUtc);
    expect(reading.lines.length).toBeGreaterThan(0);
    for (const line of reading.lines) expect(line.at !== null || line.problem !== undefined).toBe(true);
    const oneLine = 'x'.repeat(1_000_000);
    expect(rows(parseBackfillLog(oneLine, inUtc).lines)).toEqual([
      { line: 1, at: null, author: null, text: oneLine, kind: 'note', problem: 'No time at the start of this line.' },
    ]);
  });

  it('long runs of spaces, tabs or brackets are read in one pass (these once took minutes)', () => {
    // Each is a megabyte-long line shaped to make a backtracking pattern retry at every position.
    const run = (unit: string) => unit.repeat(1_000_000 / unit.length);
    const shapes = [
      `\nAna Lima${run(' ')}x`,
      `time,text${run(' ')}x,`,
      `Ana\n7:10 PM\nhi${run(' ')}x`,
      `19:10${run(' ')}x`,
      `${run('\t')}x`,
      run('[1'),
      run(' :'),
      `19:10 ${run('a')}: x`,
      `19:10${run(' -')}`,
    ];
    for (const shape of shapes) {
      const reading = parseBackfillLog(shape, inUtc);
      expect(reading.lines.length).toBeGreaterThan(0);
      for (const line of reading.lines) expect(line.at !== null || line.problem !== undefined).toBe(true);
    }
  });

  it('binary bytes give a problem and no lines', () => {
    const random = seededRandom(5);
    const bytes = Uint8Array.from({ length: 200_000 }, () => random.int(0, 255));
    const reading = parseBackfillLog(new TextDecoder().decode(bytes), inUtc);
    expect(reading.lines).toEqual([]);
    expect(reading.problem).toMatch(/binary file/);
  });

  it('control characters in a text log are removed from the messages', () => {
    expect(parseBackfillLog('[23:00] ana: bell\u0007 and escape\u001b[31m', inUtc).lines[0]!.text).toBe('bell and escape[31m');
  });

  it("a zone Intl does not know is the caller's mistake and throws", () => {
    expect(() => parseBackfillLog('[19:10] a: x', { reference: INCIDENT_START, zone: 'Nowhere/Else' })).toThrow(TimeZoneError);
  });
});
