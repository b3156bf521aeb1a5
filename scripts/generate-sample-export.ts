// Writes docs/sample-export/: the realistic checkout outage (tests/fixtures) exported in every
// format, so a reader can see what Sitrep produces. Run `npm run sample-export` after changing
// an exporter or the fixture, and commit the result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { version } from '../package.json';
import { exportHtml, exportJson, exportMarkdown, exportTimelineCsv } from '../src/core/export';
import { checkoutOutage, EXPORTED_AT } from '../tests/fixtures/incident-checkout-outage';

const folder = fileURLToPath(new URL('../docs/sample-export/', import.meta.url));
const base = { now: EXPORTED_AT, generatedBy: `Sitrep ${version}` };

// The report in UTC (the default); the CSV's local column in New York to show a chosen zone.
const files: ReadonlyArray<readonly [name: string, content: string]> = [
  ['timeline.md', exportMarkdown(checkoutOutage, { ...base, timeZone: 'UTC' })],
  ['timeline.html', exportHtml(checkoutOutage, { ...base, timeZone: 'UTC' })],
  ['timeline.csv', exportTimelineCsv(checkoutOutage, { ...base, timeZone: 'America/New_York' })],
  ['timeline.json', exportJson(checkoutOutage, base)],
  // The same report for a reviewer in Tokyo, Shanghai and Moscow: language and zone go together.
  ['timeline.ja.md', exportMarkdown(checkoutOutage, { ...base, timeZone: 'Asia/Tokyo', language: 'ja' })],
  ['timeline.zh-CN.md', exportMarkdown(checkoutOutage, { ...base, timeZone: 'Asia/Shanghai', language: 'zh-CN' })],
  ['timeline.ru.md', exportMarkdown(checkoutOutage, { ...base, timeZone: 'Europe/Moscow', language: 'ru' })],
];

mkdirSync(folder, { recursive: true });
for (const [name, content] of files) {
  writeFileSync(`${folder}${name}`, content, 'utf8');
  console.log(`wrote docs/sample-export/${name} (${Buffer.byteLength(content, 'utf8')} bytes)`);
}
