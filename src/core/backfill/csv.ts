// A small RFC 4180 reader for the CSV a spreadsheet or a chat export writes: quoted fields with
// doubled quotes, delimiters and line breaks inside quotes, CRLF, LF or CR between records.
// Kept here, not a dependency: nothing CSV-shaped is installed, and back-fill needs only this.
import { timeProblem } from '../entryTime';

/** One record, with the 1-based line of the source text on which it starts. */
export interface CsvRecord {
  readonly lineNumber: number;
  readonly fields: readonly string[];
}

export interface CsvReading {
  /** Every record in order; records whose fields are all empty (blank lines) are left out. */
  readonly records: readonly CsvRecord[];
  /** Set when a quoted field is never closed: that field then runs to the end of the text. */
  readonly problem?: { readonly lineNumber: number; readonly message: string };
}

export type CsvDelimiter = ',' | '\t' | ';';

/**
 * Reads `text` as CSV with `delimiter`. Never throws: a quote opened and never closed is
 * reported in `problem`; a stray quote in the middle of an unquoted field is kept as text, and
 * text after a closing quote is kept too ("a"b reads as a"b), as spreadsheets write them.
 */
export function readCsv(text: string, delimiter: CsvDelimiter): CsvReading {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let atFieldStart = true;

  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ lineNumber: recordLine, fields });
    fields = [];
    field = '';
    atFieldStart = true;
    recordLine = line;
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && atFieldStart) {
      quoted = true;
      quoteLine = line;
      atFieldStart = false;
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      endRecord();
    } else {
      field += char;
      atFieldStart = false;
    }
  }
  const unclosed = quoted;
  if (field !== '' || fields.length > 0 || unclosed) endRecord();
  if (unclosed) {
    return {
      records,
      problem: { lineNumber: quoteLine, message: timeProblem('backfill.unclosedQuote', { line: String(quoteLine) }) },
    };
  }
  return { records };
}
