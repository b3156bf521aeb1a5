// A log kept as a table (a spreadsheet's CSV or a copied range, which pastes as tab-separated):
// a header row names the columns, in any order. Needed: a time column (or a date and a time
// column) and a text column; an author and a kind column are read when present. A zone in the
// time column's header ("Time (UTC)", "When (Europe/London)") applies to every time under it.
import { readTypedTime, timeProblem, type TypedTime } from '../entryTime';
import { isValidTimeZone, resolveTimeZone } from '../export/timeZone';
import { AUTHORED_ENTRY_KINDS, type AuthoredEntryKind } from '../model';
import type { ClockZone } from '../time/wallClock';
import { type CsvDelimiter, readCsv } from './csv';
import { joinMessageLines, splitLines } from './messageText';
import type { LogMessage } from './types';

const COLUMN_NAMES = {
  time: ['time', 'timestamp', 'datetime', 'date/time', 'date time', 'at', 'when', 'ts', 'occurred', 'occurred at', 'time of day'],
  date: ['date', 'day'],
  author: ['author', 'name', 'user', 'username', 'who', 'from', 'speaker', 'sender', 'by', 'person', 'said by', 'responder'],
  text: ['text', 'message', 'content', 'body', 'note', 'what', 'event', 'description', 'entry', 'msg', 'details'],
  kind: ['kind', 'type', 'category'],
} as const;
type Column = keyof typeof COLUMN_NAMES;
const LONGEST_COLUMN_NAME = 100;

/** Where a table keeps what back-fill needs, read from its header row. */
export interface CsvLogLayout {
  readonly delimiter: CsvDelimiter;
  readonly columns: Partial<Record<Column, number>>;
  /** A zone named in the time (or date) column's header. */
  readonly zone: ClockZone | null;
  readonly zoneLabel: string | null;
}

function headerLayout(cells: readonly string[], delimiter: CsvDelimiter): CsvLogLayout | null {
  const columns: Partial<Record<Column, number>> = {};
  let zoneName: string | null = null;
  cells.forEach((cell, index) => {
    // Column names are short; a long cell is data, and the pattern below is slow on long runs of spaces.
    if (cell.length > LONGEST_COLUMN_NAME) return;
    const paren = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(cell.replace(/^\uFEFF/, '').trim());
    const name = (paren ? paren[1]! : cell.replace(/^\uFEFF/, '')).trim().toLowerCase();
    for (const column of Object.keys(COLUMN_NAMES) as Column[]) {
      if (columns[column] !== undefined || !(COLUMN_NAMES[column] as readonly string[]).includes(name)) continue;
      columns[column] = index;
      if ((column === 'time' || column === 'date') && paren && isValidTimeZone(paren[2]!.trim())) zoneName = paren[2]!.trim();
    }
  });
  // A lone date column may well hold the whole timestamp ("Date: 2017-01-31 19:10").
  if (columns.time === undefined && columns.date !== undefined) {
    columns.time = columns.date;
    delete columns.date;
  }
  if (columns.time === undefined || columns.text === undefined) return null;
  if (zoneName === null) return { delimiter, columns, zone: null, zoneLabel: null };
  const resolved = resolveTimeZone(zoneName);
  const zone: ClockZone = resolved === 'UTC' ? { kind: 'offset', minutes: 0 } : { kind: 'iana', name: resolved };
  return { delimiter, columns, zone, zoneLabel: resolved };
}

/** The table layout of `text` when its first non-blank line is a header naming a time and a text column; else null. */
export function csvLayout(text: string): CsvLogLayout | null {
  const firstLine = splitLines(text).find((line) => line.trim() !== '');
  if (firstLine === undefined) return null;
  for (const delimiter of ['\t', ',', ';'] as const) {
    if (!firstLine.includes(delimiter)) continue;
    const header = readCsv(firstLine, delimiter).records[0];
    const layout = header ? headerLayout(header.fields, delimiter) : null;
    if (layout) return layout;
  }
  return null;
}

function readCell(cell: string, layout: CsvLogLayout): { time: TypedTime | null; problem: string | null } {
  const written = cell.trim();
  if (written === '') return { time: null, problem: timeProblem('backfill.emptyTimeCell') };
  const reading = readTypedTime(written, 0);
  if (!reading || reading.length !== written.length) {
    return { time: null, problem: timeProblem('backfill.notATimeCell', { written }) };
  }
  if (reading.problem !== undefined) return { time: null, problem: reading.problem };
  const time = reading.time.zone || !layout.zone ? reading.time : { ...reading.time, zone: layout.zone, zoneLabel: layout.zoneLabel };
  return { time, problem: null };
}

function kindOf(cell: string | undefined): AuthoredEntryKind | null {
  const kind = cell?.trim().toLowerCase();
  return (AUTHORED_ENTRY_KINDS as readonly string[]).includes(kind ?? '') ? (kind as AuthoredEntryKind) : null;
}

/**
 * Reads `text` as a table with `layout` (from csvLayout). Returns one message per data row, in
 * order, with `timeProblem` for a row whose time is missing or unreadable; an unclosed quote
 * becomes a `problem` naming its line (the rows before it are still read).
 */
export function readCsvLog(text: string, layout: CsvLogLayout): { messages: LogMessage[]; problem: string | null } {
  const { records, problem } = readCsv(text, layout.delimiter);
  const { time: timeColumn, date: dateColumn, author, text: textColumn, kind } = layout.columns;
  const messages = records.slice(1).map((record): LogMessage => {
    const cell = (column: number | undefined) => (column === undefined ? '' : (record.fields[column] ?? ''));
    const written = dateColumn === undefined ? cell(timeColumn) : `${cell(dateColumn).trim()} ${cell(timeColumn).trim()}`;
    const { time, problem: timeProblem } = readCell(written, layout);
    const authorName = cell(author).trim();
    return {
      lineNumber: record.lineNumber,
      time,
      timeProblem,
      day: null,
      eitherHalfOfDay: false,
      authorName: authorName === '' ? null : authorName,
      text: joinMessageLines(splitLines(cell(textColumn))),
      kind: kindOf(kind === undefined ? undefined : cell(kind)),
    };
  });
  return { messages, problem: problem ? problem.message : null };
}
