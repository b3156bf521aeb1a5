// The export dialog's files: `<start date in the chosen zone>-<slug>-timeline.<ext>`, the right
// exporter per format, and a clear error for an unknown zone.
import { describe, expect, it } from 'vitest';
import { exportHtml, exportJson, exportMarkdown, exportTimelineCsv, TimeZoneError } from '@core/export';
import { renderExport, slugOf, suggestedFileName, usesTimeZone } from '../../src/renderer/features/export/exportFile';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';

describe('export file names', () => {
  it('slugs titles: lower case, punctuation collapsed, never empty', () => {
    expect(slugOf('Checkout failing for most customers!')).toBe('checkout-failing-for-most-customers');
    expect(slugOf('  Paiements refusés — carte / 3DS  ')).toBe('paiements-refusés-carte-3ds');
    expect(slugOf('***')).toBe('incident');
    const long = slugOf('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('word')).toBe(true);
  });

  it("keeps every script's letters whole, in NFC, and replaces only what file systems refuse", () => {
    // Typed or pasted decomposed (as macOS file names come), voicing marks and й stay on their letters.
    expect(slugOf('テ\u3099ータヘ\u3099ース障害')).toBe('データベース障害');
    expect(slugOf('データベース障害')).toBe('データベース障害');
    expect(slugOf('Отказ кластера Кафки: и\u0306')).toBe('отказ-кластера-кафки-й');
    expect(slugOf('主库复制中断（华东）')).toBe('主库复制中断-华东');
    expect(slugOf('a/b\\c:d*e?f"g<h>i|j\u0000k')).toBe('a-b-c-d-e-f-g-h-i-j-k');
    const slug = slugOf('データベース障害'.repeat(10));
    expect(slug).toBe(slug.normalize('NFC'));
    expect(Array.from(slug).length).toBeLessThanOrEqual(60);
    expect(suggestedFileName({ title: 'データベース障害', startedAt: Date.UTC(2026, 10, 20) }, 'csv', 'UTC')).toBe(
      '2026-11-20-データベース障害-timeline.csv',
    );
  });

  it('dates the file by when the incident started, in the chosen zone', () => {
    // 23:30 UTC on 11 March is already 12 March in Kolkata (UTC+5:30).
    const incident = { title: 'Late night', startedAt: Date.UTC(2025, 2, 11, 23, 30) };
    expect(suggestedFileName(incident, 'markdown', 'UTC')).toBe('2025-03-11-late-night-timeline.md');
    expect(suggestedFileName(incident, 'csv', 'Asia/Kolkata')).toBe('2025-03-12-late-night-timeline.csv');
    expect(suggestedFileName(incident, 'pdf', 'UTC')).toBe('2025-03-11-late-night-timeline.pdf');
    expect(() => suggestedFileName(incident, 'html', 'Mars/Olympus')).toThrow(TimeZoneError);
  });
});

describe('renderExport', () => {
  const options = { now: EXPORTED_AT, timeZone: 'America/New_York', generatedBy: 'Sitrep test' };

  it('uses the exporter of each format, PDF being the HTML report', () => {
    expect(renderExport(checkoutOutage, 'markdown', options).content).toBe(exportMarkdown(checkoutOutage, options));
    expect(renderExport(checkoutOutage, 'html', options).content).toBe(exportHtml(checkoutOutage, options));
    expect(renderExport(checkoutOutage, 'pdf', options).content).toBe(exportHtml(checkoutOutage, options));
    expect(renderExport(checkoutOutage, 'csv', options).content).toBe(exportTimelineCsv(checkoutOutage, options));
    expect(renderExport(checkoutOutage, 'json', options).content).toBe(exportJson(checkoutOutage, options));
  });

  it('names the file and its save-dialog filter', () => {
    const file = renderExport(checkoutOutage, 'csv', options);
    expect(file.suggestedName).toBe('2025-03-12-checkout-failing-for-most-customers-timeline.csv');
    expect(file.filters).toEqual([{ name: 'CSV', extensions: ['csv'] }]);
  });

  it('refuses an unknown zone with the exporter message, and knows JSON ignores the zone', () => {
    expect(() => renderExport(checkoutOutage, 'markdown', { ...options, timeZone: 'Mars/Olympus' })).toThrow(
      /is not a time zone this system knows/,
    );
    expect(usesTimeZone('json')).toBe(false);
    expect(usesTimeZone('csv')).toBe(true);
  });
});
