// When a quick entry happened: read from a typed time prefix ("19:10 replication stopped") or from
// the optional When field, and said back to the person before they send it, in their own zone.
import { parseEntryTimePrefix } from '@core/entryTime';
import type { EpochMs } from '@core/model';
import { translator } from '@core/i18n';
import { timeDisplay } from '@core/time/display';
import { formatZonedClock, fromLocalInputValue, toLocalInputValue } from '@core/time/instants';
import type { TFunction } from 'i18next';

/** The `time` catalog in the window's language (keys carry their namespace). */
function words(): TFunction<['time']> {
  return translator(timeDisplay().language) as unknown as TFunction<['time']>;
}

export type EntryWhen =
  /** `at` undefined: now. `shown`: what to tell the person before sending, null when nothing was given. */
  | { readonly ok: true; readonly at: EpochMs | undefined; readonly text: string; readonly shown: string | null }
  | { readonly ok: false; readonly problem: string };

/** The zone the window shows times in: the person's own, or UTC when their setting says so (one rule for time). */
export function viewerZone(): string {
  return timeDisplay().zone;
}

/** "19:10 UTC+01:00 (Europe/Berlin)", or "(written in UTC)" when the prefix named another zone than the viewer's. */
export function describeEntryTime(at: EpochMs, now: EpochMs, zone: string, writtenIn?: string): string {
  const t = words();
  const when = formatZonedClock(at, now, zone, timeDisplay().language);
  if (writtenIn && writtenIn !== zone) return t('time:entryWhen.writtenIn', { when, zone: writtenIn });
  // "09:10 UTC (UTC)" would say the zone twice.
  return zone === 'UTC' ? when : t('time:entryWhen.inZone', { when, zone });
}

/**
 * Reads when the entry happened from its text and the When field (a datetime-local value in the
 * viewer's zone). Only one of the two may give a time, so a prefix never silently loses to the
 * field or the other way round.
 */
export function readEntryWhen(typed: string, whenField: string, now: EpochMs, zone: string): EntryWhen {
  const prefix = parseEntryTimePrefix(typed, now, zone);
  if (prefix.problem !== undefined) return { ok: false, problem: prefix.problem };
  const fieldAt = whenField.trim() === '' ? null : fromLocalInputValue(whenField, zone);
  if (whenField.trim() !== '' && fieldAt === null) return { ok: false, problem: words()('time:entryWhen.notATime') };
  if (prefix.at !== null && fieldAt !== null) return { ok: false, problem: words()('time:entryWhen.twoTimes') };
  if (prefix.at !== null)
    return { ok: true, at: prefix.at, text: prefix.text, shown: describeEntryTime(prefix.at, now, zone, prefix.zoneLabel) };
  if (fieldAt !== null) return { ok: true, at: fieldAt, text: typed, shown: describeEntryTime(fieldAt, now, zone) };
  return { ok: true, at: undefined, text: typed, shown: null };
}

/**
 * The time a correction form sends: nothing when the field still shows the original minute (the
 * field holds minutes, the record milliseconds, so an untouched field must not move it).
 */
export function correctedTime(field: string, original: EpochMs): { at?: EpochMs } | string {
  if (field === toLocalInputValue(original)) return {};
  const at = fromLocalInputValue(field);
  return at === null ? words()('time:entryWhen.enterWhen') : { at };
}
