// Back-fill from a log: pasted or opened text turned into the lines of a preview, each a future
// timeline entry with its own time, author (as written) and kind. Pure: the preview maps names
// to people (matchAuthorToRoster) and the commands write the entries.
import { timeProblem } from '../entryTime';
import { resolveTimeZone } from '../export/timeZone';
import type { EpochMs } from '../model';
import { csvLayout, readCsvLog } from './csvLog';
import { guessEntryKind } from './kind';
import { placeLogTime } from './logClock';
import { splitLines } from './messageText';
import { looksLikeSlackCopy, readSlackCopy } from './slack';
import { readTimestampedLines } from './timestampedLines';
import { BACKFILL_FORMATS, type BackfillFormat, type BackfillLine, type LogMessage } from './types';

export { guessEntryKind } from './kind';
export { comparableName, matchAuthorToRoster, type RosterPerson } from './roster';
export { BACKFILL_FORMATS, type BackfillFormat, type BackfillLine } from './types';

export interface BackfillOptions {
  /**
   * An instant on the day the log's first time of day belongs to, usually the incident's start.
   * The first time of day is read on its day, or the next day when that would put it more than
   * 12 hours before this instant.
   */
  readonly reference: EpochMs;
  /** The IANA zone a time that states none is read in. */
  readonly zone: string;
}

export interface BackfillReading {
  /** Every message of the log, in source order; none dropped. */
  readonly lines: readonly BackfillLine[];
  /** The layouts recognised, in the order of BACKFILL_FORMATS; empty when no line had a readable layout. */
  readonly formats: readonly BackfillFormat[];
  /** Set when the text as a whole could not be read (binary, or an unclosed quote in a CSV). */
  readonly problem?: string;
}

const BINARY_SAMPLE = 65_536;

/** NUL, or more than one character in ten that is a control character or U+FFFD (bytes that were not text). */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE);
  if (sample.includes('\u0000')) return true;
  const debris = sample.match(/[\u0001-\u0008\u000E-\u001F\uFFFD]/g)?.length ?? 0;
  return debris * 10 > sample.length;
}

function place(messages: readonly LogMessage[], options: BackfillOptions): BackfillLine[] {
  const readerZone = { kind: 'iana' as const, name: resolveTimeZone(options.zone) };
  let previous = options.reference;
  return messages.map((message): BackfillLine => {
    const placed = message.time ? placeLogTime(message.time, previous, readerZone, message.eitherHalfOfDay, message.day) : null;
    if (placed?.at !== undefined) previous = placed.at;
    const problem = message.timeProblem ?? placed?.problem;
    return {
      lineNumber: message.lineNumber,
      at: placed?.at ?? null,
      authorName: message.authorName,
      text: message.text,
      kind: message.kind ?? guessEntryKind(message.text),
      ...(problem ? { problem } : {}),
    };
  });
}

/**
 * Reads a pasted or opened log: a CSV (or tab-separated) table with a header naming a time and a
 * text column, else copied Slack text, else lines starting with a time ("[19:10] name: text",
 * "19:10 name: text", "19:10 <name> text", ISO 8601 timestamps). Times of day are placed on the
 * calendar from `options.reference` onwards in `options.zone` (see logClock.ts); a message whose
 * time is missing, unreadable or skipped by a clock change keeps its place with at null and a
 * `problem`. Binary input gives no lines and a `problem`. Never throws for any text; throws
 * TimeZoneError when `options.zone` is not a zone Intl knows.
 */
export function parseBackfillLog(text: string, options: BackfillOptions): BackfillReading {
  resolveTimeZone(options.zone);
  if (looksBinary(text)) {
    return {
      lines: [],
      formats: [],
      problem: timeProblem('backfill.binary'),
    };
  }
  const source = text.replace(/^\uFEFF/, '');
  const layout = csvLayout(source);
  if (layout) {
    const { messages, problem } = readCsvLog(source, layout);
    return { lines: place(messages, options), formats: ['csv'], ...(problem ? { problem } : {}) };
  }
  const lines = splitLines(source);
  if (looksLikeSlackCopy(lines)) return { lines: place(readSlackCopy(lines), options), formats: ['slack'] };
  const { messages, formats } = readTimestampedLines(lines);
  return { lines: place(messages, options), formats: BACKFILL_FORMATS.filter((format) => formats.has(format)) };
}
