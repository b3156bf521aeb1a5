// A strict RFC 4180 reader for checking what the exporters write: unlike the app's lenient
// reader (src/core/backfill/csv.ts), it refuses anything a strict consumer would, so a test
// that reads the export back also proves its framing.

/** A strict RFC 4180 parser: CRLF between records, quotes doubled inside quoted fields. */
export function parseStrictCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
      if (i === text.length) return rows;
      continue;
    }
    if (i >= text.length) throw new Error('the last record must end in CRLF');
    throw new Error(`bare ${JSON.stringify(text[i])} at ${i}: records must be separated by CRLF`);
  }
}

/**
 * A CSV as Sitrep exports it: a UTF-8 byte order mark first (so that Excel reads it as UTF-8),
 * then strict RFC 4180. Throws when the mark is missing.
 */
export function parseExportedCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV does not start with a UTF-8 byte order mark');
  return parseStrictCsv(text.slice(1));
}
