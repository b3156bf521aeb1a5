// Text copied from a Slack conversation. Slack writes each author's run of messages as the
// name on a line of its own, the time on the next ("  7:10 PM" on a 12-hour clock, "19:10" on a
// 24-hour one), then the message lines; a further message by the same author starts with a
// time line alone ("7:11", without am/pm even on a 12-hour clock). Runs are separated by blank
// lines. Older Slack and some clients put the time on the name line ("Ana Lima  7:10 PM",
// "Ana Lima [7:10 PM]"). Edited messages end in "(edited)", which is dropped. A copy that spans
// days carries Slack's date dividers ("Today", "Tuesday, January 31st", "January 31st, 2017");
// they separate runs, and one naming a date dates the messages under it.
import { readTypedTime, timeProblem, type TypedTime } from '../entryTime';
import { joinMessageLines } from './messageText';
import type { DayHint, LogMessage } from './types';

const TIME_LINE = /^\s*\[?\s*(\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?)\s*\]?\s*$/;
const NAME_AND_TIME = /^(\S.*?)(?:[ \t]{2,}|\t| \[)(\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?)\]?\s*$/;
const EDITED = '(edited)';
// Header and time lines are short; longer lines are never tried against the patterns above,
// whose runs of spaces would otherwise cost time growing with the square of a long line.
const LONGEST_TIME_LINE = 40;
const LONGEST_HEADER_LINE = 120;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY = '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day';
const RELATIVE_DIVIDER = new RegExp(`^(?:Today|Yesterday|${WEEKDAY})$`);
const DATE_DIVIDER = new RegExp(`^(?:${WEEKDAY},?\\s+)?(${MONTHS.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?$`);

/** A date divider: null when `line` is not one, the day it names (or null for "Today") when it is. */
function readDivider(line: string): { readonly day: DayHint | null } | null {
  const text = line.trim();
  if (text.length > 40) return null;
  if (RELATIVE_DIVIDER.test(text)) return { day: null };
  const date = DATE_DIVIDER.exec(text);
  if (!date) return null;
  const month = MONTHS.indexOf(date[1]!) + 1;
  const day = Number(date[2]);
  if (day < 1 || day > 31) return null;
  return { day: { year: date[3] === undefined ? null : Number(date[3]), month, day } };
}

function isTimeLine(line: string): boolean {
  return line.length <= LONGEST_TIME_LINE && TIME_LINE.test(line);
}

function withoutEditedMark(line: string): string {
  const trimmed = line.trimEnd();
  return trimmed.endsWith(EDITED) ? trimmed.slice(0, -EDITED.length).trimEnd() : line;
}
// Slack marks apps and bots with a badge that copies as a word after the name.
const BADGE = /\s+(?:APP|BOT)$/;

/** A name on a header line: short, not a sentence, not a link. */
function isNameLine(line: string): boolean {
  const name = line.trim();
  if (name.length === 0 || name.length > 80 || isTimeLine(name) || readDivider(name)) return false;
  if (/[.!?:;,]$/.test(name) || name.includes('://')) return false;
  return name.split(/\s+/).length <= 6;
}

function timeOf(token: string): TypedTime | null {
  const reading = readTypedTime(token.trim(), 0);
  return reading?.time && reading.length === token.trim().length ? reading.time : null;
}

interface Header {
  readonly authorName: string | null;
  readonly token: string;
  /** How many source lines the header takes (the name line and the time line, or one). */
  readonly span: number;
}

function headerAt(lines: readonly string[], index: number, afterBlank: boolean): Header | null {
  const line = lines[index]!;
  if (!afterBlank || line.length > LONGEST_HEADER_LINE) return null;
  const next = lines[index + 1];
  if (next !== undefined && isNameLine(line)) {
    const time = next.length <= LONGEST_TIME_LINE ? TIME_LINE.exec(next) : null;
    if (time) return { authorName: line.trim().replace(BADGE, ''), token: time[1]!, span: 2 };
  }
  const sameLine = NAME_AND_TIME.exec(line);
  if (sameLine && isNameLine(sameLine[1]!)) return { authorName: sameLine[1]!.trim().replace(BADGE, ''), token: sameLine[2]!, span: 1 };
  return null;
}

/** True when `lines` hold at least one Slack header: a name line after a blank line (or first), then a time line. */
export function looksLikeSlackCopy(lines: readonly string[]): boolean {
  let afterBlank = true;
  for (let index = 0; index < lines.length; index += 1) {
    if (headerAt(lines, index, afterBlank)) return true;
    afterBlank = lines[index]!.trim() === '' || (afterBlank && readDivider(lines[index]!) !== null);
  }
  return false;
}

interface Draft {
  lineNumber: number;
  day: DayHint | null;
  time: TypedTime | null;
  timeProblem: string | null;
  eitherHalfOfDay: boolean;
  authorName: string | null;
  lines: string[];
}

/**
 * Reads `lines` (the source split at line breaks) as copied Slack text. Returns the messages in
 * order; a continuation inherits the author above it, and text before the first time line
 * becomes a message with `timeProblem` (nothing is dropped).
 */
export function readSlackCopy(lines: readonly string[]): LogMessage[] {
  const messages: LogMessage[] = [];
  let current: Draft | null = null;
  let author: string | null = null;
  let headerHadMeridiem = false;
  let day: DayHint | null = null;
  let afterBlank = true;
  const flush = () => {
    if (current) {
      const { lines: body, ...rest } = current;
      messages.push({ ...rest, text: joinMessageLines(body.map(withoutEditedMark)), kind: null });
    }
    current = null;
  };
  const start = (lineNumber: number, token: string) => {
    flush();
    const time = timeOf(token);
    current = {
      lineNumber,
      day,
      time,
      timeProblem: time ? null : timeProblem('backfill.notATime', { written: token.trim() }),
      eitherHalfOfDay: time !== null && headerHadMeridiem && !time.twelveHour,
      authorName: author,
      lines: [],
    };
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    // Slack sets a divider apart; a lone "Today" inside a message run is that message's text.
    const divider = afterBlank ? readDivider(line) : null;
    if (divider) {
      // A divider ends the message above it and stands where a blank line would.
      flush();
      day = divider.day;
      afterBlank = true;
      continue;
    }
    const blank = line.trim() === '';
    const header = blank ? null : headerAt(lines, index, afterBlank);
    afterBlank = blank;
    if (header) {
      author = header.authorName;
      headerHadMeridiem = /[AaPp]\.?[Mm]/.test(header.token);
      start(index + 1, header.token);
      index += header.span - 1;
    } else if (!blank && isTimeLine(line)) {
      start(index + 1, TIME_LINE.exec(line)![1]!);
    } else if (current) {
      current.lines.push(line);
    } else if (!blank) {
      current = {
        lineNumber: index + 1,
        day,
        time: null,
        timeProblem: timeProblem('backfill.noTime'),
        eitherHalfOfDay: false,
        authorName: null,
        lines: [line],
      };
    }
  }
  flush();
  return messages;
}
