// What every log reader in back-fill hands on, and what back-fill hands to the preview.
import type { TypedTime } from '../entryTime';
import type { AuthoredEntryKind, EpochMs } from '../model';

/** The log layouts back-fill recognises, as reported to the preview ("Read as: Slack"). */
export const BACKFILL_FORMATS = ['slack', 'csv', 'bracketed-time', 'time-of-day', 'iso-timestamp', 'irc'] as const;
/**
 * slack: text copied from Slack (name, time, message lines); csv: a header row naming time,
 * author and text columns; bracketed-time: "[19:10] name: text"; time-of-day: "19:10 name: text";
 * iso-timestamp: "2017-01-31T19:10:00Z name: text"; irc: "<name> text" after the time.
 */
export type BackfillFormat = (typeof BACKFILL_FORMATS)[number];

/** A calendar day named without a time; the year is null when the log left it out. */
export interface DayHint {
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
}

/** One message of a log as read, before its time is placed on the calendar. */
export interface LogMessage {
  /** 1-based line of the source text where the message starts. */
  readonly lineNumber: number;
  /** The time as written, or null when the message has none that could be read. */
  readonly time: TypedTime | null;
  /** Why there is no time (none written, or one that is not a time); null when time is set. */
  readonly timeProblem: string | null;
  /** The day a Slack date divider above the message names ("Tuesday, January 31st"), when any. */
  readonly day: DayHint | null;
  /** A Slack continuation ("9:04") under a header with am/pm: either 9:04 am or pm. */
  readonly eitherHalfOfDay: boolean;
  readonly authorName: string | null;
  readonly text: string;
  /** A kind the log itself states (a CSV kind column); otherwise guessed from the text. */
  readonly kind: AuthoredEntryKind | null;
}

/** One line of the back-fill preview: a future timeline entry. */
export interface BackfillLine {
  /** 1-based line of the source text where this message starts. */
  readonly lineNumber: number;
  /** When it happened (epoch ms), or null when no time could be read (then `problem` says why). */
  readonly at: EpochMs | null;
  /** The author's name as written in the log (trimmed), or null when the log names nobody. */
  readonly authorName: string | null;
  /** The message, several lines joined with "\n", trimmed, control characters removed. */
  readonly text: string;
  /** The kind stated by the log or guessed from the text; the preview lets the user change it. */
  readonly kind: AuthoredEntryKind;
  /** A sentence saying what is wrong with this line (today only: its time); absent when fine. */
  readonly problem?: string;
}

/** The English of refusals:backfill.noTime (lines read in a window say it in its language). */
export const NO_TIME_PROBLEM = 'No time at the start of this line.';
