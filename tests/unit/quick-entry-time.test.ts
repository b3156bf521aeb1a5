// The quick entry's time: a typed prefix or the When field, never both, said back in the
// person's zone; and a correction form sends a time only when its field was changed.
import { describe, expect, it } from 'vitest';
import { toLocalInputValue } from '../../src/core/time/instants';
import { correctedTime, describeEntryTime, readEntryWhen } from '../../src/renderer/features/timeline/entryWhen';

const NOW = Date.parse('2017-01-31T20:00:00Z');

describe('readEntryWhen', () => {
  it('takes a typed prefix as when it happened and strips it from the text', () => {
    expect(readEntryWhen('19:10 replication stopped', '', NOW, 'UTC')).toEqual({
      ok: true,
      at: Date.parse('2017-01-31T19:10:00Z'),
      text: 'replication stopped',
      shown: '19:10 UTC',
    });
  });

  it('says the time in the person’s zone, naming another zone the prefix was written in', () => {
    const reading = readEntryWhen('2017-01-31 19:10Z replication stopped', '', NOW, 'Asia/Tokyo');
    expect(reading).toEqual({
      ok: true,
      at: Date.parse('2017-01-31T19:10:00Z'),
      text: 'replication stopped',
      shown: '04:10 UTC+09:00 (written in UTC)',
    });
  });

  it('names the person’s zone when the prefix named none', () => {
    const reading = readEntryWhen('19:10 replication stopped', '', NOW, 'Europe/Paris');
    expect(reading).toMatchObject({ ok: true, at: Date.parse('2017-01-31T18:10:00Z'), shown: '19:10 UTC+01:00 (Europe/Paris)' });
  });

  it('leaves text without a prefix as typed, at now', () => {
    expect(readEntryWhen('1910 deploy finished', '', NOW, 'UTC')).toEqual({
      ok: true,
      at: undefined,
      text: '1910 deploy finished',
      shown: null,
    });
  });

  it('refuses a prefix that is not a real time, with the reason', () => {
    const reading = readEntryWhen('25:00 failover', '', NOW, 'UTC');
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(/25:00/);
  });

  it('refuses a time in the future', () => {
    const reading = readEntryWhen('2017-01-31 21:00 failover', '', NOW, 'UTC');
    expect(reading).toEqual({ ok: false, problem: expect.stringContaining('from now') });
  });

  it('takes the When field when the text has no time', () => {
    const at = Date.parse('2017-01-31T18:00:00Z');
    const reading = readEntryWhen('rolled back', toLocalInputValue(at), NOW, 'UTC');
    expect(reading).toMatchObject({ ok: true, at, text: 'rolled back' });
  });

  it('refuses a time in both the text and the When field', () => {
    const reading = readEntryWhen('19:10 rolled back', toLocalInputValue(NOW - 3_600_000), NOW, 'UTC');
    expect(reading).toEqual({ ok: false, problem: expect.stringContaining('clear one of them') });
  });

  it('refuses a When field that is not a date and time', () => {
    expect(readEntryWhen('rolled back', 'yesterday', NOW, 'UTC')).toEqual({ ok: false, problem: expect.stringContaining('When field') });
  });
});

describe('describeEntryTime', () => {
  it('dates a time on another day than now', () => {
    expect(describeEntryTime(Date.parse('2017-01-30T23:50:00Z'), NOW, 'UTC')).toBe('2017-01-30 23:50 UTC');
  });
});

describe('correctedTime', () => {
  const original = Date.parse('2017-01-31T19:10:42.500Z');

  it('sends no time when the field still shows the original minute (seconds are kept)', () => {
    expect(correctedTime(toLocalInputValue(original), original)).toEqual({});
  });

  it('sends the new time when the field changed', () => {
    const moved = Date.parse('2017-01-31T19:05:00Z');
    expect(correctedTime(toLocalInputValue(moved), original)).toEqual({ at: moved });
  });

  it('asks for a time when the field was cleared', () => {
    expect(correctedTime('', original)).toBe('Enter when it happened.');
  });
});
