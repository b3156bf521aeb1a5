// ZIP export: the JSON export (which Sitrep imports back) and every attached file this computer
// has, as attachments/<sha256>.<ext>, so the evidence travels with the record and each file can
// be checked against the hash the JSON names for it.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { zipPathOf } from '../attachments/metadata';
import type { IncidentSnapshot } from '../model';
import type { ExportOptions } from './context';
import type { AttachmentBytes } from './html';
import { exportJson } from './json';

/** The JSON's name inside the ZIP. */
export const ZIP_JSON_NAME = 'incident.json';

export function exportZip(snapshot: IncidentSnapshot, options: ExportOptions, files: AttachmentBytes): Uint8Array {
  // A fixed timestamp for every member, so the same incident zips to the same bytes.
  const mtime = new Date(options.now);
  const zippable: Zippable = { [ZIP_JSON_NAME]: [strToU8(exportJson(snapshot, options)), { mtime }] };
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const entry of snapshot.timeline) {
    for (const meta of entry.attachments ?? []) {
      if (seen.has(meta.sha256)) continue;
      seen.add(meta.sha256);
      const bytes = files.get(meta.sha256);
      if (bytes) zippable[zipPathOf(meta)] = [bytes, { mtime, level: meta.type.startsWith('image/') ? 0 : 6 }];
      else missing.push(`${meta.sha256}  ${meta.name}`);
    }
  }
  if (missing.length > 0) {
    const note = `These attached files were not on this computer when the incident was exported; peers who have them can export them:\n${missing.join('\n')}\n`;
    zippable['attachments/MISSING.txt'] = [strToU8(note), { mtime }];
  }
  return zipSync(zippable, { level: 6 });
}
