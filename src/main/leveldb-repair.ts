// Cuts off a LevelDB log record that a crash left half-written, before the window opens.
//
// Chromium keeps IndexedDB in LevelDB. Its log is a run of 32 KiB blocks of records, each a
// 7-byte header (checksum, length, type) and a payload, written as two write() calls, so a kill,
// an out-of-memory end or a power cut between them leaves the log ending in a record cut short
// (its transaction never completed, so the app never showed it as saved). LevelDB ignores such an
// end when it reads the log, but Chromium reuses the log and appends new records after the cut
// bytes; the next open then meets them mid-log, reports corruption, and Chromium deletes the
// whole IndexedDB: every incident on the laptop. Cutting the half-written record off the end, as
// LevelDB's own recovery discards it in memory, keeps everything that was written in full.
//
// Only bytes after the last whole record are ever removed; damage anywhere else is left for the
// store's own open to report. It must run while no page has the store open: at start, holding
// the single-instance lock, before the first window.
import * as nodeFs from 'node:fs';
import { join } from 'node:path';

export const LOG_BLOCK = 32 * 1024;
export const LOG_HEADER = 7;
/** Record types 1 to 4: a whole logical record, or the first, a middle or the last fragment of one. */
export const FULL = 1;
export const FIRST = 2;
export const MIDDLE = 3;
export const LAST = 4;

/**
 * Where the last whole logical record of a LevelDB log (or MANIFEST, the same format) ends:
 * bytes after it are a record the writer never finished. Null for damage before the end (a
 * record running past its block, an unknown type), which is not a torn end.
 */
export function wholeRecordsEnd(data: Uint8Array): number | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let pos = 0;
  let end = 0;
  while (pos < data.length) {
    const left = LOG_BLOCK - (pos % LOG_BLOCK);
    // A block's last bytes, too few for a header, are zero padding.
    if (left < LOG_HEADER) {
      pos += left;
      continue;
    }
    if (data.length - pos < LOG_HEADER) break;
    const length = view.getUint16(pos + 4, true);
    const type = data[pos + 6]!;
    // A zero header: the rest of the block is unused (LevelDB skips it too).
    if (type === 0 && length === 0) {
      pos += left;
      continue;
    }
    if (pos + LOG_HEADER + length > data.length) break;
    if (LOG_HEADER + length > left || type < FULL || type > LAST) return null;
    pos += LOG_HEADER + length;
    if (type === FULL || type === LAST) end = pos;
  }
  return end;
}

type RepairFs = Pick<typeof nodeFs, 'existsSync' | 'readdirSync' | 'readFileSync' | 'truncateSync'>;

/**
 * Cuts half-written records off the end of every IndexedDB store's logs and manifests under
 * `indexedDbDir` (Electron: `<userData>/IndexedDB`); returns what it cut, one line per file.
 * A file with no whole record at all is left as it is.
 */
export function repairTornLevelDbTails(indexedDbDir: string, fs: RepairFs = nodeFs): string[] {
  if (!fs.existsSync(indexedDbDir)) return [];
  const cuts: string[] = [];
  for (const store of fs.readdirSync(indexedDbDir).filter((name) => name.endsWith('.leveldb'))) {
    const dir = join(indexedDbDir, store);
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.log') || name.startsWith('MANIFEST-'))) {
      const path = join(dir, file);
      const data = fs.readFileSync(path);
      const end = wholeRecordsEnd(data);
      if (end !== null && end > 0 && end < data.length) {
        fs.truncateSync(path, end);
        cuts.push(`${store}/${file}: ${data.length - end} of ${data.length} bytes`);
      }
    }
  }
  return cuts;
}
