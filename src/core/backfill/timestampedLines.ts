// Logs with a time at the start of each message: "[19:10] name: text", "19:10 name: text",
// "19:10 <name> text", "2017-01-31T19:10:00Z name: text", or a scribe's "19:10: text" with no
// name. A line without a time continues the message above it; before any message, it starts
// one of its own with no time, which the preview flags.
import { readTypedTime, timeProblem, type TypedTimeReading } from '../entryTime';
import { joinMessageLines } from './messageText';
import type { BackfillFormat, LogMessage } from './types';

const BRACKETED = /^\s*\[([^\]\n]{1,60})\]/;
const LEADING_SPACE = /^\s*/;
const AFTER_TIME = /^(?::?\s+(?:[-–—]\s+)?|$)/;
const ANGLE_NAME = /^<([^<>\s]{1,60})>\s?/;
const NAME_COLON = /^([^:：\n]{1,40}?)\s*(?::\s+|:$|：\s*)/;
// Labels a scribe writes where a name would go; they are not people.
// biome-ignore format: a word list reads better in rows
const LABELS = new Set([
  'note', 'notes', 'update', 'decision', 'action', 'fact', 'fyi', 'status', 'todo', 'info', 'warning', 'error', 'alert',
  'question', 'answer', 'impact', 'cause', 'root cause', 'fix', 'resolution', 'resolved', 'mitigation', 'mitigated',
  'summary', 'context', 'hypothesis', 'observation', 'result', 'next steps', 'next step', 'customer impact', 'timeline',
]);

/** A name as people are written in logs: up to three words, starting with a letter (or an @handle). */
function isAuthorLike(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (words.length > 3 || LABELS.has(name.trim().toLowerCase())) return false;
  return /^@?[\p{L}][\p{L}\p{M}\p{N}._'’ -]*$/u.test(name.trim());
}

interface LineTime {
  readonly reading: TypedTimeReading;
  readonly format: BackfillFormat;
  /** Where the message after the time begins. */
  readonly rest: number;
}

/** The time at the start of `line`, null when none; a bracket holding a number that is not a time is a problem. */
function readLineTime(line: string): LineTime | null {
  const bracket = BRACKETED.exec(line);
  if (bracket) {
    const inside = bracket[1]!.trim();
    const reading = readTypedTime(inside, 0);
    const rest = bracket[0].length + LEADING_SPACE.exec(line.slice(bracket[0].length))![0].length;
    if (reading && reading.length === inside.length) return { reading, format: 'bracketed-time', rest };
    // "[INFO]" or "[db-2]" is text; "[19:1O]" or "[31/01 19:10]" was meant as a time.
    if (/^\d/.test(inside))
      return {
        reading: { length: inside.length, problem: timeProblem('backfill.notATime', { written: `[${inside}]` }) },
        format: 'bracketed-time',
        rest,
      };
    return null;
  }
  const start = LEADING_SPACE.exec(line)![0].length;
  const reading = readTypedTime(line, start);
  if (!reading) return null;
  const separator = AFTER_TIME.exec(line.slice(start + reading.length));
  if (!separator) return null;
  const format = reading.time?.date ? 'iso-timestamp' : 'time-of-day';
  return { reading, format, rest: start + reading.length + separator[0].length };
}

interface Draft {
  lineNumber: number;
  time: LogMessage['time'];
  timeProblem: string | null;
  authorName: string | null;
  lines: string[];
}

function finish(draft: Draft): LogMessage {
  return {
    lineNumber: draft.lineNumber,
    time: draft.time,
    timeProblem: draft.timeProblem,
    day: null,
    eitherHalfOfDay: false,
    authorName: draft.authorName,
    text: joinMessageLines(draft.lines),
    kind: null,
  };
}

/**
 * Reads `lines` (the source split at line breaks) as a timestamped log. Returns its messages in
 * source order (none dropped; a message whose time is missing or unreadable has `timeProblem`)
 * and the formats seen.
 */
export function readTimestampedLines(lines: readonly string[]): { messages: LogMessage[]; formats: Set<BackfillFormat> } {
  const messages: LogMessage[] = [];
  const formats = new Set<BackfillFormat>();
  let current: Draft | null = null;
  const flush = () => {
    if (current) messages.push(finish(current));
    current = null;
  };

  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') {
      // A blank line ends an untimed paragraph (each is its own preview line to keep or drop)
      // but is a paragraph break inside a timed message.
      if (current?.time === null) flush();
      else current?.lines.push('');
      return;
    }
    const head = readLineTime(line);
    if (!head) {
      if (current) current.lines.push(line);
      else current = { lineNumber, time: null, timeProblem: timeProblem('backfill.noTime'), authorName: null, lines: [line] };
      return;
    }
    flush();
    formats.add(head.format);
    let body = line.slice(head.rest);
    let authorName: string | null = null;
    const angle = ANGLE_NAME.exec(body);
    const colon = angle ? null : NAME_COLON.exec(body);
    if (angle) {
      formats.add('irc');
      // IRC writes channel status in front of the nick (@op, +voice); the name is the nick.
      authorName = angle[1]!.replace(/^[@+%~&]/, '');
      body = body.slice(angle[0].length);
    } else if (colon && isAuthorLike(colon[1]!)) {
      authorName = colon[1]!.trim();
      body = body.slice(colon[0].length);
    }
    current = {
      lineNumber,
      time: head.reading.time ?? null,
      timeProblem: head.reading.problem ?? null,
      authorName,
      lines: [body],
    };
  });
  flush();
  return { messages, formats };
}
