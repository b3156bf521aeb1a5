// Attachments in the exports: the HTML report embeds images as data: URLs (and nothing else a
// browser would run), names other files and missing ones; the ZIP holds the JSON and the files.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type AttachmentMeta, sha256Hex } from '../../src/core/attachments';
import { recordEntry } from '../../src/core/commands';
import { exportHtml, exportMarkdown, exportZip, ZIP_JSON_NAME } from '../../src/core/export';
import { readSnapshot } from '../../src/core/read';
import { declaredIncident } from './support/incident';

async function file(text: string, name: string, type: string): Promise<{ meta: AttachmentMeta; bytes: Uint8Array }> {
  const bytes = new TextEncoder().encode(text);
  return { meta: { sha256: await sha256Hex(bytes), name, type, size: bytes.length }, bytes };
}

describe('exports with attachments', async () => {
  const png = await file('not really a png', '<img src=x onerror=alert(1)>.png', 'image/png');
  const svg = await file('<svg onload="alert(1)"/>', 'diagram.svg', 'image/svg+xml');
  const missing = await file('absent', 'absent.png', 'image/png');
  const { doc, ic } = declaredIncident();
  recordEntry(doc, { kind: 'fact', text: 'Dashboards <b>red</b>', attachments: [png.meta, svg.meta, missing.meta] }, ic);
  const snapshot = readSnapshot(doc)!;
  const files = new Map([
    [png.meta.sha256, png.bytes],
    [svg.meta.sha256, svg.bytes],
  ]);
  const options = { now: Date.UTC(2026, 10, 21, 12), timeZone: 'UTC' as const };

  it('embeds raster images only, escapes every name, and says which file was not on this computer', () => {
    const html = exportHtml(snapshot, options, files);
    expect(html).toContain(
      `<img src="data:image/png;base64,${Buffer.from(png.bytes).toString('base64')}" alt="&lt;img src=x onerror=alert(1)&gt;.png">`,
    );
    expect(html).not.toContain('data:image/svg+xml');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`diagram.svg (image/svg+xml, 24 bytes, SHA-256 ${svg.meta.sha256})`);
    expect(html).toContain('Not an image: the ZIP export carries the file.');
    expect(html).toContain('This file was not on this computer when the report was exported.');
    expect(html.match(/<img /g)).toHaveLength(1);
  });

  it('marks the entry in the Markdown timeline', () => {
    const markdown = exportMarkdown(snapshot, options);
    expect(markdown).toContain('Attached: \\<img src=x onerror=alert(1)\\>.png (16 bytes');
    expect(markdown).toContain(`diagram.svg (24 bytes, SHA-256 ${svg.meta.sha256.slice(0, 12)}…)`);
  });

  it('zips the JSON and each file under its SHA-256, listing a missing one', () => {
    const members = unzipSync(exportZip(snapshot, options, files));
    expect(Object.keys(members).sort()).toEqual(
      [ZIP_JSON_NAME, `attachments/${png.meta.sha256}.png`, `attachments/${svg.meta.sha256}.svg`, 'attachments/MISSING.txt'].sort(),
    );
    expect(members[`attachments/${svg.meta.sha256}.svg`]).toEqual(svg.bytes);
    expect(new TextDecoder().decode(members['attachments/MISSING.txt'])).toContain(`${missing.meta.sha256}  absent.png`);
    const json = JSON.parse(new TextDecoder().decode(members[ZIP_JSON_NAME])) as { timeline: Array<{ attachments?: unknown[] }> };
    expect(json.timeline.flatMap((entry) => entry.attachments ?? [])).toHaveLength(3);
    // The same incident zips to the same bytes.
    expect(exportZip(snapshot, options, files)).toEqual(exportZip(snapshot, options, files));
  });
});
