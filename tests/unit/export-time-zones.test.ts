// Exports write times in the zone chosen at export, each with its UTC offset, and refuse a zone
// that does not exist with a message that says what to use instead.
import { describe, expect, it } from 'vitest';
import {
  exportHtml,
  exportJson,
  exportMarkdown,
  exportTimelineCsv,
  formatZonedIso,
  formatZonedTime,
  isValidTimeZone,
  resolveTimeZone,
  TimeZoneError,
} from '../../src/core/export';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';

const declared = Date.parse('2025-03-12T14:02:10Z');

describe('time zones', () => {
  it('writes UTC by default and as the UTC option', () => {
    expect(resolveTimeZone(undefined)).toBe('UTC');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(formatZonedTime(declared, 'UTC')).toBe('2025-03-12 14:02:10 +00:00');
    const byDefault = exportMarkdown(checkoutOutage, { now: EXPORTED_AT });
    expect(byDefault).toBe(exportMarkdown(checkoutOutage, { now: EXPORTED_AT, timeZone: 'UTC' }));
    expect(byDefault).toContain('- **Declared:** 2025-03-12 14:02:10 +00:00 by Amara Okafor');
  });

  it('writes America/New_York with the offset in force at each instant', () => {
    expect(formatZonedTime(declared, 'America/New_York')).toBe('2025-03-12 10:02:10 -04:00');
    expect(formatZonedTime(Date.parse('2025-01-15T14:02:10Z'), 'America/New_York')).toBe('2025-01-15 09:02:10 -05:00');
    // Across the spring-forward change on 9 March 2025 (02:00 local skipped).
    expect(formatZonedIso(Date.parse('2025-03-09T06:59:59Z'), 'America/New_York')).toBe('2025-03-09T01:59:59-05:00');
    expect(formatZonedIso(Date.parse('2025-03-09T07:00:00Z'), 'America/New_York')).toBe('2025-03-09T03:00:00-04:00');
    // Midnight is 00, never 24.
    expect(formatZonedTime(Date.parse('2025-03-12T04:00:00Z'), 'America/New_York')).toBe('2025-03-12 00:00:00 -04:00');
    const md = exportMarkdown(checkoutOutage, { now: EXPORTED_AT, timeZone: 'America/New_York' });
    expect(md).toContain('- **Times shown in:** America/New\\_York');
    expect(md).toContain('| 2025-03-12 09:52:00 -04:00 (recorded 2025-03-12 10:05:40 -04:00) | Amara Okafor | Fact |');
  });

  it('writes Asia/Kolkata with its half-hour offset, across midnight', () => {
    expect(formatZonedTime(Date.parse('2025-03-12T18:30:00Z'), 'Asia/Kolkata')).toBe('2025-03-13 00:00:00 +05:30');
    expect(resolveTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(exportMarkdown(checkoutOutage, { now: EXPORTED_AT, timeZone: 'Asia/Kolkata' })).toContain(
      '- **Times shown in:** Asia/Kolkata (each time carries its offset from UTC)',
    );
    const csv = exportTimelineCsv(checkoutOutage, { now: EXPORTED_AT, timeZone: 'Asia/Kolkata' });
    expect(csv.split('\r\n')[1]).toMatch(/^2025-03-12T13:52:00\.000Z,2025-03-12T19:22:00\+05:30,/);
  });

  it("writes 'local' as the runtime's own zone", () => {
    const runtimeZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(resolveTimeZone('local')).toBe(runtimeZone);
    const local = exportHtml(checkoutOutage, { now: EXPORTED_AT, timeZone: 'local' });
    expect(local).toBe(exportHtml(checkoutOutage, { now: EXPORTED_AT, timeZone: runtimeZone }));
    expect(local).toContain(`<dd dir="auto">${runtimeZone} (each time carries its offset from UTC)</dd>`);
    const csv = exportTimelineCsv(checkoutOutage, { now: EXPORTED_AT, timeZone: 'local' });
    expect(csv).toBe(exportTimelineCsv(checkoutOutage, { now: EXPORTED_AT, timeZone: runtimeZone }));
  });

  it('refuses a zone that does not exist, in every exporter that writes local times', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(TimeZoneError);
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(
      '"Mars/Olympus_Mons" is not a time zone this system knows. Use UTC, local, or an IANA zone name such as Europe/Paris or America/New_York.',
    );
    expect(() => resolveTimeZone('')).toThrow(TimeZoneError);
    const options = { now: EXPORTED_AT, timeZone: 'Mars/Olympus_Mons' };
    expect(() => exportMarkdown(checkoutOutage, options)).toThrow(TimeZoneError);
    expect(() => exportHtml(checkoutOutage, options)).toThrow(TimeZoneError);
    expect(() => exportTimelineCsv(checkoutOutage, options)).toThrow(TimeZoneError);
    // JSON holds UTC epoch milliseconds only, so the zone plays no part in it.
    expect(exportJson(checkoutOutage, options)).toBe(exportJson(checkoutOutage, { now: EXPORTED_AT }));
  });

  it('needs the export time', () => {
    expect(() => exportMarkdown(checkoutOutage, { now: Number.NaN })).toThrow('Export needs `now`');
  });
});
