// The export dialog's files: `<start date in the chosen zone>-<slug>-timeline.<ext>`, the right
// exporter per format, and a clear error for an unknown zone.
import { describe, expect, it } from 'vitest';
import { exportHtml, exportJson, exportMarkdown, exportTimelineCsv, TimeZoneError } from '@core/export';
import { renderExport, slugOf, suggestedFileName, usesTimeZone } from '../../src/renderer/features/export/exportFile';
import { checkoutOutage, EXPORTED_AT } from '../fixtures/incident-checkout-outage';

describe('export file names', () => {
  it('slugs titles: lower case, accents folded, punctuation collapsed, never empty', () => {
    expect(slugOf('Checkout failing for most customers!')).toBe('checkout-failing-for-most-customers');
    expect(slugOf('  Paiements refusés — carte / 3DS  ')).toBe('paiements-refuses-carte-3ds');
    expect(slugOf('***')).toBe('incident');
    const long = slugOf('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('word')).toBe(true);
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
