// The desktop app's start-up repair of Chromium's IndexedDB logs: a record a crash left
// half-written at the end is cut off (Chromium would otherwise append after it and delete the
// whole store two starts later); everything written in full, and damage elsewhere, is left alone.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST, FULL, LAST, LOG_BLOCK, LOG_HEADER, MIDDLE, repairTornLevelDbTails, wholeRecordsEnd } from '../../src/main/leveldb-repair';

/** One physical record: a header (checksum, little-endian length, type) and its payload. */
function record(type: number, payload: number | Uint8Array): Buffer {
  const body = typeof payload === 'number' ? Buffer.alloc(payload, 0x61) : Buffer.from(payload);
  const header = Buffer.alloc(LOG_HEADER);
  header.writeUInt32LE(0xdeadbeef, 0);
  header.writeUInt16LE(body.length, 4);
  header[6] = type;
  return Buffer.concat([header, body]);
}

/** Records laid out as LevelDB's writer does: a block's last bytes, too few for a header, are zeros. */
function log(...records: Buffer[]): Buffer {
  let out = Buffer.alloc(0);
  for (const one of records) {
    const left = LOG_BLOCK - (out.length % LOG_BLOCK);
    if (left < LOG_HEADER) out = Buffer.concat([out, Buffer.alloc(left)]);
    out = Buffer.concat([out, one]);
  }
  return out;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(files: Record<string, Buffer>): string {
  const base = mkdtempSync(join(tmpdir(), 'sitrep-leveldb-'));
  dirs.push(base);
  const dir = join(base, 'file__0.indexeddb.leveldb');
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return base;
}

describe('the end of a LevelDB log', () => {
  it('is the end of its last whole record, across blocks, padding and fragments', () => {
    const whole = log(record(FULL, 100), record(FULL, 30));
    expect(wholeRecordsEnd(whole)).toBe(whole.length);
    // A logical record split over three blocks ends with its LAST fragment.
    const split = log(
      record(FULL, 10),
      record(FIRST, LOG_BLOCK - 17 - LOG_HEADER),
      record(MIDDLE, LOG_BLOCK - LOG_HEADER),
      record(LAST, 50),
    );
    expect(wholeRecordsEnd(split)).toBe(split.length);
    // Padding: a block left with fewer than 7 bytes is zeros, and the next record starts a block.
    const padded = log(record(FULL, LOG_BLOCK - LOG_HEADER - 3), record(FULL, 20));
    expect(padded.length).toBe(LOG_BLOCK + LOG_HEADER + 20);
    expect(wholeRecordsEnd(padded)).toBe(padded.length);
  });

  it('stops before a record cut short: its payload, its header, or the fragments after its first', () => {
    const good = log(record(FULL, 100));
    expect(wholeRecordsEnd(Buffer.concat([good, record(FULL, 300).subarray(0, LOG_HEADER + 120)]))).toBe(good.length);
    expect(wholeRecordsEnd(Buffer.concat([good, record(FULL, 300).subarray(0, 4)]))).toBe(good.length);
    const started = log(record(FULL, 100), record(FIRST, LOG_BLOCK - 2 * LOG_HEADER - 100));
    expect(wholeRecordsEnd(started)).toBe(good.length);
  });

  it('reports damage before the end as damage, not as a torn end', () => {
    const unknownType = log(record(FULL, 10), record(9, 10), record(FULL, 10));
    expect(wholeRecordsEnd(unknownType)).toBeNull();
    // A length that runs past its block.
    const overrun = Buffer.concat([record(FULL, 10), record(FULL, LOG_BLOCK)]);
    expect(wholeRecordsEnd(overrun)).toBeNull();
  });
});

describe('repairTornLevelDbTails', () => {
  it('cuts a half-written record off a store log and a manifest, and nothing else', () => {
    const whole = log(record(FULL, 500), record(FULL, 40));
    const torn = Buffer.concat([whole, record(FULL, 900).subarray(0, LOG_HEADER + 450)]);
    const manifest = log(record(FULL, 60));
    const base = store({
      '000003.log': torn,
      'MANIFEST-000001': Buffer.concat([manifest, Buffer.from([1, 2, 3])]),
      '000005.ldb': Buffer.alloc(40, 7), // a table file: never read or touched
      CURRENT: Buffer.from('MANIFEST-000001\n'),
    });
    const dir = join(base, 'file__0.indexeddb.leveldb');
    expect(repairTornLevelDbTails(base)).toEqual([
      `file__0.indexeddb.leveldb/000003.log: ${torn.length - whole.length} of ${torn.length} bytes`,
      `file__0.indexeddb.leveldb/MANIFEST-000001: 3 of ${manifest.length + 3} bytes`,
    ]);
    expect(readFileSync(join(dir, '000003.log'))).toEqual(whole);
    expect(readFileSync(join(dir, 'MANIFEST-000001'))).toEqual(manifest);
    expect(readFileSync(join(dir, '000005.ldb'))).toEqual(Buffer.alloc(40, 7));
    // Run again at the next start: nothing left to cut.
    expect(repairTornLevelDbTails(base)).toEqual([]);
  });

  it('leaves whole logs, damaged logs and logs with no whole record as they are', () => {
    const whole = log(record(FULL, 500));
    const damaged = Buffer.concat([log(record(FULL, 10), record(9, 10)), record(FULL, 50).subarray(0, 20)]);
    const onlyTorn = record(FULL, 100).subarray(0, 30);
    const base = store({ '000001.log': whole, '000002.log': damaged, '000004.log': onlyTorn });
    expect(repairTornLevelDbTails(base)).toEqual([]);
    const dir = join(base, 'file__0.indexeddb.leveldb');
    expect(readFileSync(join(dir, '000002.log'))).toEqual(damaged);
    expect(readFileSync(join(dir, '000004.log'))).toEqual(onlyTorn);
  });

  it('does nothing where there is no IndexedDB yet (a first start)', () => {
    expect(repairTornLevelDbTails(join(tmpdir(), 'sitrep-no-such-dir-', String(process.pid)))).toEqual([]);
  });
});
