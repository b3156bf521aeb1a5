// Every way Sitrep writes a moment in time, in one place (exports write theirs in the zone the
// reviewer chose, through export/timeZone.ts). Texts people share (briefings, review drafts,
// status updates) name their zone, so they read alike on every laptop; the UI shows the viewer's
// own zone and locale through Intl.DateTimeFormat.
import type { EpochMs } from '../model';
import { zonedParts } from '../export/timeZone';

// The runtime's locale and zone (the viewer's), on a 24-hour clock as incident rooms read time.
const LOCAL_CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const LOCAL_DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "14:05" in the viewer's zone and locale. */
export function formatClockTime(at: EpochMs): string {
  return LOCAL_CLOCK.format(at);
}

/** "Mar 12, 2025, 14:05" (as the viewer's locale writes it), in the viewer's zone. */
export function formatDateTime(at: EpochMs): string {
  return LOCAL_DATE_TIME.format(at);
}

// The UTC forms are cut from toISOString, which is ISO 8601 and the same in every runtime and
// locale; Intl would only add a way for the shared text to differ between laptops.

/** "14:05 UTC": a handoff briefing is shared between laptops in different zones. */
export function formatUtcTime(at: EpochMs): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`;
}

/** "2025-03-12 13:52 UTC": the review draft is shared text, so it names one zone everyone reads alike. */
export function formatUtcDateTime(at: EpochMs): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * "14:05 UTC+01:00" in `zone` (an IANA name, already resolved), with the date in front when it
 * is not the same day there as `now`: what a status update says, in the zone its author chose.
 */
export function formatZonedClock(at: EpochMs, now: EpochMs, zone: string): string {
  const parts = zonedParts(at, zone);
  const label = zone === 'UTC' ? 'UTC' : `UTC${parts.offset}`;
  const sameDay = zonedParts(now, zone).date === parts.date;
  return `${sameDay ? '' : `${parts.date} `}${parts.time.slice(0, 5)} ${label}`;
}

/** Value for an <input type="datetime-local"> in the viewer's zone: "2025-03-12T14:05". */
export function toLocalInputValue(at: EpochMs): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Parses an <input type="datetime-local"> value (the viewer's zone); null when empty or invalid. */
export function fromLocalInputValue(value: string): EpochMs | null {
  if (!value) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : null;
}
